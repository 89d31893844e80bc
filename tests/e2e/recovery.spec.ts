/**
 * A database damaged on disk: the app shows the recovery screen (not an error box), offers the
 * automatic backup, and after "Restore backup" (keyboard only) opens on the restored data.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { RecoveryPage } from './pages/RecoveryPage';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const seatcast = (args: string[]) => {
  const run = spawnSync(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'bin/seatcast.cjs'), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`seatcast ${args.join(' ')} failed: ${run.stderr}`);
};

/** Twelve sessions imported, a purge that removes nothing (its automatic backup holds them), then the header overwritten. */
function damagedWithBackup(databasePath: string): void {
  seatcast(['import', join(repoRoot, 'tests/fixtures/e2e/small-import.csv'), '--db', databasePath]);
  seatcast(['purge', '--months', '1200', '--yes', '--db', databasePath]);
  const fd = openSync(databasePath, 'r+');
  writeSync(fd, Buffer.from('this is not SQLite any more'), 0, 16, 0);
  closeSync(fd);
}

test.describe('damaged database', () => {
  test.use({ demo: false, prepareDatabase: { run: damagedWithBackup } });

  test('offers the backup and restores it with the keyboard', async ({ page, server }) => {
    await page.goto(server.url);
    const recovery = new RecoveryPage(page);
    await recovery.waitUntilShown();
    await expect(recovery.root).toContainText('is damaged: the file header is not an SQLite header');
    await expect(recovery.backups).toHaveCount(1);
    await expect(recovery.backups.first()).toBeChecked();
    await expect(recovery.root.getByText(/taken before a retention purge/)).toBeVisible();

    await recovery.backups.first().focus();
    await page.keyboard.press('Tab');
    await expect(recovery.continueButton).toBeFocused();
    await expect(recovery.continueButton).toHaveText('Restore backup');
    await page.keyboard.press('Enter');

    await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/12 sessions/)).toBeVisible();
  });

  test('can start a fresh database instead', async ({ page, server }) => {
    await page.goto(server.url);
    const recovery = new RecoveryPage(page);
    await recovery.waitUntilShown();
    await recovery.fresh.check();
    await expect(recovery.continueButton).toHaveText('Start fresh');
    await recovery.continueButton.click();
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/0 sessions/)).toBeVisible();
  });
});

import { writeFileSync } from 'node:fs';
import { AppShell } from './pages/AppShell';
import { ImportPage } from './pages/ImportPage';
import { RosterPanelPage } from './pages/RosterPanel';
import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './fixtures';

const smallImport = fileURLToPath(new URL('../fixtures/e2e/small-import.csv', import.meta.url));

test.describe('roster of provisioned accounts', () => {
  test.use({ demo: false });

  test('empty, then a roster imported through the panel lists who never logged in and who is missing', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const roster = new RosterPanelPage(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');
    await expect(roster.empty).toBeVisible();

    await imports.importThroughInput(smallImport);
    await imports.confirmReview();
    await imports.waitForResult();

    const file = testInfo.outputPath('accounts.csv');
    writeFileSync(
      file,
      ['agent_id,agent_name,role,created,deactivated', 'A01,Agent One,agent,2025-01-06,', 'idle.one,Idle One,agent,2025-01-06,', 'gone,Gone Person,agent,2024-06-01,2024-12-31', ',Nobody,agent,,'].join('\n') + '\n',
    );
    await roster.importThroughChooser(file);
    await expect(shell.toast('info')).toContainText('Roster imported from accounts.csv');
    await expect(roster.count('Accounts')).toHaveText('3');
    await expect(roster.count('Deactivated')).toHaveText('1');
    await expect(roster.count('Never logged in')).toHaveText('2');
    await expect(roster.neverLoggedIn).toContainText('idle.one');
    await expect(roster.notes).toContainText('Line 5 (id): the account id is empty');
    // The eight other agents with sessions (A10's only row was rejected) are not on the roster.
    await expect(roster.count('Missing from the roster')).toHaveText('8');
    await expect(roster.missing.locator('tbody tr')).toHaveCount(8);
    await roster.root.scrollIntoViewIfNeeded();
    await roster.root.screenshot({ path: testInfo.outputPath('roster-light.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await roster.root.screenshot({ path: testInfo.outputPath('roster-dark.png') });
  });
});

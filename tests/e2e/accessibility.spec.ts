/**
 * Section 508 / WCAG 2.1 AA: axe-core on every main screen, in the light and the dark theme.
 * Zero serious or critical violations; the rest are attached to the report for review.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { RecoveryPage } from './pages/RecoveryPage';

const SCREENS = ['dashboard', 'imports', 'seasons', 'plans', 'planner', 'reports', 'preferences'] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; returns "screen: rule (impact) × nodes" for serious/critical. */
async function audit(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (results.violations.length > 0) {
    await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  }
  return severe.map((v) => `${name}: ${v.id} (${v.impact}) × ${v.nodes.length} — ${v.help}; e.g. ${v.nodes[0]?.target.join(' ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any screen (${colorScheme})`, async ({ page, server }, testInfo) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openApp(page, server);
    const shell = new AppShell(page);
    const found: string[] = [];
    for (const screen of SCREENS) {
      const nav = page.getByTestId(`nav-${screen}`);
      if ((await nav.count()) === 0) continue; // a screen not built yet in this tree
      await nav.click();
      await expect(nav).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      // Audit the loaded screen, not its skeleton (loading states are audited when they show up).
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 }).catch(() => undefined);
      await page.waitForTimeout(300); // charts finish their first layout
      found.push(...(await audit(page, testInfo, `${screen}-${colorScheme}`)));
    }
    await shell.openAbout();
    found.push(...(await audit(page, testInfo, `about-${colorScheme}`)));
    expect(found, found.join('\n')).toEqual([]);
  });
}

/** An export no preset knows, whose day-first dates make cells of the preview fail under M/D/Y. */
const UNKNOWN_EXPORT = [
  'Relevé des connexions — centre Lyon — généré le 15/04/2025',
  'Matricule;Nom;Entrée;Sortie;Équipe',
  'L-101;Ana Lima;03/04/2025 08:00;03/04/2025 16:30;Nord',
  'L-103;Chloé Roy;14/04/2025 22:00;15/04/2025 06:00;Sud',
  '',
].join('\n');

/** States that only show after an action: each is audited as it stands, in both themes. */
for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations in dialogs, editors and changed states (${colorScheme})`, async ({ page, server }, testInfo) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openApp(page, server);
    const found: string[] = [];

    // Counting-rules bar with its "changed" badge (a More option moved off its default).
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('rules-more-button').click();
    const rounding = page.getByTestId('rules-rounding');
    const other = await rounding.locator('option').evaluateAll((options, current) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== current), await rounding.inputValue());
    await rounding.selectOption(other!);
    await page.keyboard.press('Escape');
    await expect(page.locator('.count-badge')).toBeVisible();
    await expect(page.getByTestId('rules-more-button')).toContainText('changed');
    // The figures re-compute under the new rule; audit them settled, not dimmed while loading.
    await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    found.push(...(await audit(page, testInfo, `rules-badge-${colorScheme}`)));

    // The import review with the mapping wizard open and a cell that cannot be read, its reason shown.
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'lyon.csv', mimeType: 'text/csv', buffer: Buffer.from(UNKNOWN_EXPORT) });
    await expect(page.getByTestId('import-review')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-mapping')).toBeVisible();
    const skip = page.getByTestId('map-skip');
    await skip.fill('1');
    await skip.press('Enter');
    for (const [role, column] of [['agent', 'Matricule'], ['login', 'Entrée'], ['logout', 'Sortie']] as const) {
      const select = page.getByTestId(`map-${role}`);
      await expect(select.locator('option', { hasText: column })).toHaveCount(1);
      await select.selectOption((await select.locator('option', { hasText: column }).getAttribute('value'))!);
    }
    const bad = page.getByTestId('preview-cell-error').first();
    await expect(bad).toBeVisible();
    await bad.locator('.cell-error').focus();
    await expect(bad.getByRole('tooltip')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`review-wizard-${colorScheme}.png`) });
    found.push(...(await audit(page, testInfo, `import-review-wizard-${colorScheme}`)));
    await page.getByTestId('review-cancel').click();
    await expect(page.getByTestId('import-review')).toBeHidden();

    // The plans editor on a template, then the comparison and the break-even views.
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('new-plan').click();
    await expect(page.getByTestId('template-dialog')).toBeVisible();
    found.push(...(await audit(page, testInfo, `plan-templates-${colorScheme}`)));
    await page.getByTestId('template-dialog').locator('[data-file]').first().click();
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await expect(page.getByTestId('draft-total')).toContainText(/\d/, { timeout: 20_000 });
    found.push(...(await audit(page, testInfo, `plan-editor-${colorScheme}`)));
    for (const tab of ['compare', 'break-even'] as const) {
      await page.getByTestId(`plans-tab-${tab}`).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      found.push(...(await audit(page, testInfo, `plans-${tab}-${colorScheme}`)));
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}

test.describe('recovery screen', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  test.use({
    demo: false,
    prepareDatabase: {
      run: (databasePath: string) => {
        const cli = [join(repoRoot, 'bin/seatcast.cjs'), 'import', join(repoRoot, 'tests/fixtures/e2e/small-import.csv'), '--db', databasePath];
        spawnSync(join(repoRoot, 'node_modules/.bin/node'), cli);
        spawnSync(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'bin/seatcast.cjs'), 'purge', '--months', '1200', '--yes', '--db', databasePath]);
        const fd = openSync(databasePath, 'r+');
        writeSync(fd, Buffer.alloc(16, 0x21), 0, 16, 0);
        closeSync(fd);
      },
    },
  });
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious or critical axe violations (${colorScheme})`, async ({ page, server }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      await new RecoveryPage(page).waitUntilShown();
      await expect(page.getByTestId('recovery-backup')).toHaveCount(1);
      await page.screenshot({ path: testInfo.outputPath(`recovery-${colorScheme}.png`) });
      const found = await audit(page, testInfo, `recovery-${colorScheme}`);
      expect(found, found.join('\n')).toEqual([]);
    });
  }
});

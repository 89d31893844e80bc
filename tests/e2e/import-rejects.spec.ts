/**
 * Rejected rows after an import and in the import history (issue #3): listed with line, field and
 * reason and their count, saved as a formula-safe CSV (a real download, its content checked), and
 * the import's notes — open sessions capped, zero-length sessions, DST-resolved times. Screenshots in
 * light and dark go to the test output folder.
 */
import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { ImportPage } from './pages/ImportPage';
import { expect, openApp, test } from './fixtures';

const ROWS = [
  'agent_id,login,logout,team',
  'a1,2024-11-04 09:00,2024-11-04 17:00,Tier 1',
  // Line 3: a logout a spreadsheet would run as a formula, and not a time.
  'a2,2024-11-04 09:00,=1+2,Tier 1',
  // Line 4: a logout before its login that no DST change explains.
  'a3,2024-11-05 18:00,2024-11-05 08:00,Tier 2',
  // Line 5: no agent.
  ',2024-11-05 09:00,2024-11-05 10:00,Tier 2',
  'a4,2024-11-05 10:00,2024-11-05 10:00,Tier 2',
  'a5,2024-11-03 01:30,2024-11-03 05:00,Night',
  'a6,2024-11-06 08:00,,Tier 1',
];

/** Serious or critical axe findings on the page as it is now, in words. */
async function axeFindings(page: Page, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) × ${v.nodes.length} — ${v.help}; e.g. ${v.nodes[0]?.target.join(' ')}`);
}

test.describe('rejected rows', () => {
  test.use({ demo: false });

  test('are listed after an import and in the history, and saved as CSV; flags are explained', async ({ page, server }, testInfo) => {
    const file = testInfo.outputPath('logins-with-bad-rows.csv');
    writeFileSync(file, ROWS.join('\n') + '\n');
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');

    await imports.importThroughInput(file);
    await imports.confirmReview();
    await imports.waitForResult();
    await expect(imports.stat('rejected')).toHaveText('3');

    const panel = imports.rejected('result');
    await expect(panel.getByTestId('rejected-count')).toHaveText('3');
    const lines = panel.getByTestId('rejected-row');
    await expect(lines).toHaveCount(3);
    await expect(lines.nth(0)).toContainText('3');
    await expect(lines.nth(0)).toContainText('logout');
    await expect(lines.nth(1)).toContainText(/is before login/);
    await expect(lines.nth(2)).toContainText('agent');
    const notes = imports.result.getByTestId('import-flag');
    await expect(notes).toHaveCount(3);
    await expect(imports.result.getByTestId('import-notes')).toContainText("ended at the export's last timestamp");
    await expect(imports.result.getByTestId('import-notes')).toContainText('zero seconds');
    await expect(imports.result.getByTestId('import-notes')).toContainText('daylight-saving');
    await page.screenshot({ path: testInfo.outputPath('import-rejects-light.png'), fullPage: true });
    const findings = await axeFindings(page, 'result light');

    const saved = await imports.saveRejects(panel);
    expect(saved.name).toBe('logins-with-bad-rows-rejected-rows.csv');
    const csvLines = saved.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csvLines[0]).toBe('Line,Field,Reason,agent_id,login,logout,team');
    expect(csvLines).toHaveLength(4);
    expect(csvLines[1]).toMatch(/^3,logout,/);
    // The formula cell is neutralised, so no spreadsheet runs it.
    expect(csvLines[1]).toContain("'=1+2");
    expect(csvLines[2]).toMatch(/^4,logout,/);
    expect(csvLines[3]).toMatch(/^5,agent,/);

    // The history row opens the same list for this past import, with its notes.
    await page.getByRole('button', { name: 'Dismiss result' }).click();
    const row = imports.rows().first();
    await expect(row).toContainText('generic-csv');
    await expect(row).toContainText('America/New York');
    await imports.openDetails(row);
    const details = imports.history.getByTestId('import-details');
    await expect(details.getByTestId('rejected-row')).toHaveCount(3);
    await expect(details.getByTestId('import-flag')).toHaveCount(3);
    const again = await imports.saveRejects(imports.rejected('history'));
    expect(again.text).toBe(saved.text);
    await page.screenshot({ path: testInfo.outputPath('import-history-rejects-light.png'), fullPage: true });
    findings.push(...(await axeFindings(page, 'history light')));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: testInfo.outputPath('import-history-rejects-dark.png'), fullPage: true });
    findings.push(...(await axeFindings(page, 'history dark')));
    expect(findings, findings.join('\n')).toEqual([]);

    // Closing by keyboard: the toggle is a real button with aria-expanded.
    await row.getByTestId('import-details-toggle').focus();
    await page.keyboard.press('Enter');
    await expect(imports.history.getByTestId('import-details')).toHaveCount(0);
  });
});

/**
 * The "Counting rules" toolbar on the demo dataset: a concurrency rule, a saved activity
 * definition and a billing cycle each change the numbers, and every number says which rule it
 * was counted by. Screenshots go to the test's output folder.
 */
import { DashboardPage } from './pages/DashboardPage';
import { expect, openApp, test } from './fixtures';

test.describe('counting rules on the demo dataset', () => {
  test('Genesys cumulative 30 min lowers the peak tile and the peak table', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);
    await expect(dashboard.rules).toBeVisible();
    await expect(page.getByTestId('rules-concurrency')).toHaveValue('raw');

    const rawTile = await dashboard.tileNumber(dashboard.peakTile);
    const raw = await dashboard.tableValues('chart-peak');
    expect(Object.keys(raw)).toHaveLength(12);

    await dashboard.selectConcurrency('cumulative');
    await expect(page.getByTestId('rules-concurrency-minutes')).toHaveValue('30');
    await expect(dashboard.rules).toContainText('Highest level held 30 min in total (Genesys).');

    // The tile and every month of the table are recounted; no month can exceed its raw peak.
    await expect.poll(() => dashboard.tileNumber(dashboard.peakTile)).toBeLessThan(rawTile);
    await expect.poll(async () => JSON.stringify(await dashboard.tableValues('chart-peak'))).not.toBe(JSON.stringify(raw));
    const cumulative = await dashboard.tableValues('chart-peak');
    expect(Object.keys(cumulative)).toEqual(Object.keys(raw));
    const toNumber = (text: string) => Number(text.replace(/,/g, ''));
    for (const month of Object.keys(raw)) expect(toNumber(cumulative[month]!)).toBeLessThanOrEqual(toNumber(raw[month]!));

    // The peak tile states the rule it was counted by.
    await expect(dashboard.tileDefinition('tile-peak')).toContainText('cumulative 30 min, Genesys-style');
    await expect(dashboard.tileDefinition('tile-peak')).toContainText('America/New_York');

    // Another N is another rule: 240 minutes in total can only lower or keep the peak.
    await dashboard.selectConcurrency('cumulative', 240);
    await expect(dashboard.tileDefinition('tile-peak')).toContainText('cumulative 240 min');
    expect(await dashboard.tileNumber(dashboard.peakTile)).toBeLessThanOrEqual(toNumber(cumulative[Object.keys(cumulative).at(-1)!]!));

    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.screenshot({ path: testInfo.outputPath('rules-cumulative.png'), animations: 'disabled' });
    await page.getByTestId('chart-peak').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('rules-cumulative-table.png'), animations: 'disabled' });
  });

  test('a definition excluding supervisors lowers active agents and is named with its version', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);
    const before = await dashboard.tileNumber(dashboard.activeTile);
    await expect(dashboard.tileDefinition('tile-active')).toContainText('“Logged in during the period”, built in.');

    const editor = await dashboard.newDefinition();
    await editor.getByTestId('definition-name').fill('Without supervisors');
    await dashboard.addExclusion('roles', 'supervisor');
    // The live preview recounts the latest full month under the draft.
    await expect.poll(async () => Number((await editor.getByTestId('definition-preview-value').innerText()).replace(/,/g, ''))).toBeLessThan(before);
    await expect(editor.getByTestId('definition-preview')).toContainText(`vs ${before.toLocaleString('en-US')}`);
    await page.screenshot({ path: testInfo.outputPath('definition-editor.png'), animations: 'disabled' });

    // The engine's validation shows next to the field it concerns.
    await editor.getByTestId('definition-min-days').fill('0');
    await expect(editor.getByTestId('field-error')).toContainText('Enter 1 or more.');
    await editor.getByTestId('definition-min-days').fill('1');
    await expect(editor.getByTestId('field-error')).toHaveCount(0);

    await editor.getByTestId('definition-save').click();
    await expect(editor).toBeHidden();
    await expect(page.getByTestId('toast-success')).toContainText('Saved “Without supervisors” · version 1');
    await expect(page.getByTestId('rules-activity')).toHaveValue('Without supervisors');

    await expect.poll(() => dashboard.tileNumber(dashboard.activeTile)).toBeLessThan(before);
    const after = await dashboard.tileNumber(dashboard.activeTile);
    const definition = dashboard.tileDefinition('tile-active');
    await expect(definition).toContainText('“Without supervisors”, version 1.');
    await expect(definition).toContainText('excluding role supervisor');
    await page.getByTestId('tile-active').getByRole('button', { name: /How “Active agents” is counted/ }).focus();
    await expect(definition).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('definition-tooltip.png'), animations: 'disabled' });

    // A saved change gets the next version, and the tooltip says so.
    const again = await dashboard.editDefinition();
    await expect(again.getByTestId('definition-version')).toHaveText('Version 1');
    await again.getByTestId('definition-min-session').fill('1');
    await expect(again.getByTestId('definition-save')).toHaveText('Save as version 2');
    await again.getByTestId('definition-save').click();
    await expect(again).toBeHidden();
    await expect(definition).toContainText('“Without supervisors”, version 2.');

    // The audit drawer lists exactly the agents behind the tile, none of them a supervisor.
    const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await page.getByTestId('tile-active-agents').click();
    const drawer = dashboard.auditDrawer;
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText('“Without supervisors” (version 2)');
    const rows = drawer.getByTestId('audit-row');
    const shown = await dashboard.tileNumber(dashboard.activeTile);
    expect(shown).toBeLessThanOrEqual(after);
    await expect(rows).toHaveCount(shown);
    await expect(rows.filter({ hasText: 'supervisor' })).toHaveCount(0);
    await drawer.getByTestId('audit-sort-loggedInHours').click();
    await expect(drawer.locator('th', { hasText: 'Hours' })).toHaveAttribute('aria-sort', 'descending');
    await page.screenshot({ path: testInfo.outputPath('audit-drawer.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // Deleting the definition falls back to the built-in one.
    const last = await dashboard.editDefinition();
    await last.getByTestId('definition-delete').click();
    await last.getByTestId('definition-delete-confirm').click();
    await expect(last).toBeHidden();
    await expect(page.getByTestId('rules-activity')).toHaveValue('Logged in during the period');
    await expect.poll(() => dashboard.tileNumber(dashboard.activeTile)).toBe(before);
  });

  test('the quarter cycle shows quarterly rows and survives a reload', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);
    await dashboard.selectCycle('quarter');

    const table = await dashboard.showTable('chart-active');
    await expect(table.locator('thead th').first()).toHaveText('Period');
    await expect(table.locator('tbody th')).toHaveText([/^Q1 2025/, /^Q2 2025/, /^Q3 2025/, /^Q4 2025/]);
    await expect(table.locator('tbody th').first()).toContainText('Jan 1 – Mar 31, 2025');
    await expect(page.getByTestId('chart-active')).toContainText('Quarterly active agents');
    await expect(page.getByTestId('tile-active')).toContainText('Q4 2025 · latest full quarter');
    await expect(dashboard.tileDefinition('tile-active')).toContainText('Calendar quarters');

    // The comparison chart follows the same cycle.
    const compare = await dashboard.showTable('chart-compare');
    await expect(compare.locator('tbody tr')).toHaveCount(4);
    await expect(compare.locator('thead')).toContainText('Daily active (avg)');

    await dashboard.selectRange('all');
    await expect(table.locator('tbody tr')).toHaveCount(8);
    await page.screenshot({ path: testInfo.outputPath('rules-quarter.png'), animations: 'disabled' });

    // Counting rules are kept for the session.
    await page.reload();
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('rules-cycle')).toHaveValue('quarter');
    await expect(page.getByTestId('chart-active')).toContainText('Quarterly active agents');
  });

  test('clicking a bar opens the agents behind it', async ({ page, server }) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);
    const values = await dashboard.tableValues('chart-active');
    await page.getByTestId('chart-active-table-toggle').click();
    await dashboard.chartSvg('chart-active').locator('.recharts-bar-rectangle').nth(5).click();
    const drawer = dashboard.auditDrawer;
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('heading', { name: 'Active agents · June 2025' })).toBeVisible();
    await expect(drawer.getByTestId('audit-row')).toHaveCount(Number(values['2025-06']!.replace(/,/g, '')));
    await drawer.getByTestId('audit-filter').fill('supervisor');
    await expect(drawer.getByTestId('audit-row').first()).toContainText('supervisor');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });
});

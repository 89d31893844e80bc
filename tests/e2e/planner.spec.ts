/**
 * Issue #6 end to end on the demo data: a scenario of 60 seasonal hires for February–April made
 * in the UI changes the budget table and charts by the plan's arithmetic; it is saved and listed;
 * the Seasons view shows the overlay, heatmap and cohorts. Screenshots of both screens in the
 * light and dark themes go to /tmp/planner-*.png and /tmp/seasons-*.png.
 */
import { expect, openApp, test } from './fixtures';
import { PlannerPage, SeasonsPage } from './pages/PlannerPage';

const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

test.describe('planner', () => {
  test('60 seasonal hires Feb–Apr change the budget table and charts', async ({ page, server }) => {
    await openApp(page, server);
    const planner = new PlannerPage(page);
    await planner.open();
    await expect(page.getByTestId('tile-model')).toContainText('Seasonal naive');
    await expect(page.getByTestId('tile-mape')).toContainText('%');

    // Platform28-style active user bills $65 per active agent (resources/plans/platform28-active-user.json).
    await expect(planner.budgetTable.locator('thead th')).toContainText(['Platform28-style active user']);
    const headers = await planner.budgetTable.locator('thead th').allInnerTexts();
    const k = headers.findIndex((h) => h.includes('Platform28-style active user')) - 1;
    const before = await Promise.all([1, 2, 3, 4].map((m) => planner.cell(k, m).innerText()));
    const totalBefore = await planner.total(k).innerText();
    const cumulativeBefore = await planner.cumulativeChart.locator('svg path.recharts-curve').first().getAttribute('d');

    await planner.nameScenario('Tax season hires');
    await planner.addSeasonalHires(60, '2026-02', '2026-04');

    // February–April bills rise by exactly 60 × $65; January does not move.
    for (const [i, month] of [1, 2, 3].entries()) {
      await expect.poll(async () => cents(await planner.cell(k, month).innerText()) - cents(before[i]!)).toBe(60 * 6500);
    }
    expect(cents(await planner.cell(k, 4).innerText())).toBe(cents(before[3]!));
    await expect.poll(async () => cents(await planner.total(k).innerText()) - cents(totalBefore)).toBe(3 * 60 * 6500);
    await expect(page.getByTestId('added-agent-months')).toHaveText('180');
    // The forecast chart draws the scenario line and the cumulative chart moved.
    await expect(planner.forecastChart.locator('.recharts-legend-item')).toContainText(['With scenario']);
    expect(await planner.cumulativeChart.locator('svg path.recharts-curve').first().getAttribute('d')).not.toBe(cumulativeBefore);

    // Exports: the budget as CSV and XLSX, the chart as PNG — all made on this machine.
    for (const [testId, name] of [
      ['budget-csv', /^budget-tax-season-hires\.csv$/],
      ['budget-xlsx', /^budget-tax-season-hires\.xlsx$/],
      ['forecast-chart-png', /^active-agents-history-and-forecast\.png$/],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByTestId(testId).click();
      expect((await download).suggestedFilename()).toMatch(name);
    }

    await planner.save();
    await expect(page.getByText('Saved “Tax season hires”')).toBeVisible();
    await expect(page.getByTestId('scenario-select').locator('option')).toContainText(['New scenario', 'Tax season hires']);
    await page.getByTestId('compare-scenario-toggle').first().click();
    await expect(page.getByTestId('compare-column')).toContainText('60 hires 2026-02–2026-04');
    await expect(page.getByTestId('compare-column')).toContainText('Agent-months added');
    await page.getByTestId('scenario-compare').screenshot({ path: '/tmp/planner-compare.png' });
  });

  test('rejects an impossible scenario beside the field', async ({ page, server }) => {
    await openApp(page, server);
    const planner = new PlannerPage(page);
    await planner.open();
    await planner.addSeasonalHires(60, '2026-04', '2026-02');
    await expect(planner.editor.getByRole('alert')).toContainText('the last month is before the first');
    await expect(page.getByTestId('scenario-save')).toBeDisabled();
    await planner.editor.screenshot({ path: '/tmp/planner-editor-error.png' });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`screenshots, ${theme} theme`, async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await openApp(page, server);
      const seasons = new SeasonsPage(page);
      await seasons.open();
      await page.screenshot({ path: `/tmp/seasons-${theme}.png`, fullPage: true });
      const planner = new PlannerPage(page);
      await planner.open();
      await planner.nameScenario('Tax season hires');
      await planner.addSeasonalHires(60, '2026-02', '2026-04');
      await expect(page.getByTestId('added-agent-months')).toHaveText('180');
      await page.screenshot({ path: `/tmp/planner-${theme}.png`, fullPage: true });
      await planner.forecastChart.screenshot({ path: `/tmp/planner-forecast-${theme}.png` });
    });
  }
});

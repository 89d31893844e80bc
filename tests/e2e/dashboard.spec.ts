import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { expect, openApp, test } from './fixtures';

test.describe('dashboard on the demo dataset', () => {
  test('shows the demo banner, headline numbers and both charts', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const dashboard = new DashboardPage(page);

    await expect(shell.demoBanner).toBeVisible();
    await expect(shell.demoBanner).toContainText('You are looking at demo data — a fictional public call center, 2024–2025.');
    await expect(shell.demoBanner.getByRole('button', { name: 'Import my data' })).toBeVisible();
    await expect(shell.demoBanner.getByRole('button', { name: 'Remove demo data' })).toBeVisible();

    for (const tile of [dashboard.activeTile, dashboard.peakTile]) {
      await expect(tile).toHaveText(/^\d{1,3}(,\d{3})*$/);
    }
    await expect(dashboard.averageTile).toHaveText(/^\d{1,3}(,\d{3})*(\.\d)?$/);

    // Bars are drawn for the active-agents chart, a line/area for the peak chart.
    await expect(dashboard.chartSvg('chart-active')).toBeVisible();
    expect(await dashboard.chartSvg('chart-active').locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(12);
    await expect(dashboard.chartSvg('chart-peak').locator('.recharts-area-curve')).toHaveCount(1);
    await expect(page.getByTestId('chart-active-chart')).toHaveAttribute('role', 'img');
    await expect(page.getByTestId('chart-active-chart')).toHaveAttribute('aria-label', /Bar chart of monthly active agents/);

    // The definitions are stated next to the numbers.
    await expect(page.getByTestId('definitions')).toContainText('America/New_York');

    await page.screenshot({ path: testInfo.outputPath('dashboard.png') });
  });

  test('the date range is shared by tiles, charts and tables', async ({ page, server }) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);

    await dashboard.selectRange('last12');
    expect(Object.keys(await dashboard.tableValues('chart-active'))).toHaveLength(12);
    await dashboard.selectRange('all');
    const all = await dashboard.tableValues('chart-active');
    expect(Object.keys(all)).toHaveLength(24);
    expect(Object.keys(await dashboard.tableValues('chart-peak'))).toHaveLength(24);

    await page.getByTestId('range-from').selectOption('2024-03');
    await page.getByTestId('range-to').selectOption('2024-05');
    expect(Object.keys(await dashboard.tableValues('chart-active'))).toEqual(['2024-03', '2024-04', '2024-05']);
    // The headline follows the range: its latest full month is May 2024.
    await expect(dashboard.activeTile).toHaveText(all['2024-05']!);
  });

  test('dark theme renders the same dashboard', async ({ page, server }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openApp(page, server);
    await expect(new DashboardPage(page).chartSvg('chart-active')).toBeVisible();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 17, 21)');
    await page.screenshot({ path: testInfo.outputPath('dashboard-dark.png') });
  });

  test('removing the demo data leaves the empty state', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    await shell.demoBanner.getByRole('button', { name: 'Remove demo data' }).click();
    await shell.confirm();
    const dashboard = new DashboardPage(page);
    await expect(dashboard.emptyState).toBeVisible();
    await expect(dashboard.emptyState).toContainText('agent id');
    await expect(shell.demoBanner).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('dashboard-empty.png') });
  });
});

test.describe('saving the dashboard charts', () => {
  test('a chart saves as a PNG picture and its numbers as CSV', async ({ page, server }) => {
    await openApp(page, server);
    const dashboard = new DashboardPage(page);
    await dashboard.selectRange('last12');
    const rows = await dashboard.tableValues('chart-active');

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('chart-active-csv').click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^start,end,/);
    // One line per month shown, carrying the figure the table shows for that month.
    expect(lines).toHaveLength(1 + Object.keys(rows).length);
    for (const [month, shown] of Object.entries(rows)) {
      const line = lines.find((l) => l.startsWith(`${month}-01,`));
      expect(line, month).toBeDefined();
      expect(line!.split(',').slice(2).map(Number)).toContain(Number(shown.replace(/,/g, '')));
    }

    // Back to the chart: a picture needs one.
    await expect(page.getByTestId('chart-active-png')).toBeDisabled();
    await page.getByTestId('chart-active-table-toggle').click();
    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('chart-active-png').click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await (await png.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2_000);
  });
});

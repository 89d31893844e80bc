import { expect, type Locator, type Page } from '@playwright/test';

export type ChartId = 'chart-active' | 'chart-peak';

export class DashboardPage {
  readonly root: Locator;
  readonly emptyState: Locator;
  readonly activeTile: Locator;
  readonly peakTile: Locator;
  readonly averageTile: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dashboard');
    this.emptyState = page.getByTestId('dashboard-empty');
    this.activeTile = page.getByTestId('tile-active-value');
    this.peakTile = page.getByTestId('tile-peak-value');
    this.averageTile = page.getByTestId('tile-average-value');
  }

  chart(id: ChartId): Locator {
    return this.page.getByTestId(id);
  }

  /** The SVG drawing of a chart (present while the chart, not the table, is shown). */
  chartSvg(id: ChartId): Locator {
    return this.page.getByTestId(`${id}-chart`).locator('svg.recharts-surface');
  }

  async selectRange(preset: 'last12' | 'last24' | 'all'): Promise<void> {
    await this.page.getByTestId(`range-${preset}`).click();
    await expect(this.page.getByTestId(`range-${preset}`)).toHaveAttribute('aria-pressed', 'true');
  }

  async showTable(id: ChartId): Promise<Locator> {
    const toggle = this.page.getByTestId(`${id}-table-toggle`);
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const table = this.page.getByTestId(`${id}-table`);
    await expect(table).toBeVisible();
    return table;
  }

  /** Month (`YYYY-MM`) → the number in the chart's table alternative. */
  async tableValues(id: ChartId): Promise<Record<string, string>> {
    const table = await this.showTable(id);
    const rows = table.locator('tbody tr');
    const values: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const month = await row.getAttribute('data-month');
      if (month) values[month] = (await row.getByTestId('value').innerText()).trim();
    }
    return values;
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

export type ChartId = 'chart-active' | 'chart-peak' | 'chart-compare';

export class DashboardPage {
  readonly root: Locator;
  readonly emptyState: Locator;
  readonly activeTile: Locator;
  readonly peakTile: Locator;
  readonly averageTile: Locator;
  /** The "Counting rules" toolbar. */
  readonly rules: Locator;
  readonly definitionEditor: Locator;
  readonly auditDrawer: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dashboard');
    this.emptyState = page.getByTestId('dashboard-empty');
    this.activeTile = page.getByTestId('tile-active-value');
    this.peakTile = page.getByTestId('tile-peak-value');
    this.averageTile = page.getByTestId('tile-average-value');
    this.rules = page.getByTestId('counting-rules');
    this.definitionEditor = page.getByTestId('definition-editor');
    this.auditDrawer = page.getByTestId('audit-drawer');
  }

  /** A tile's number as a number ("1,234" → 1234). */
  async tileNumber(tile: Locator): Promise<number> {
    return Number((await tile.innerText()).replace(/[^\d.]/g, ''));
  }

  /** The definition text behind a tile's info button (in the DOM whether shown or not). */
  tileDefinition(tile: 'tile-active' | 'tile-peak' | 'tile-average' | 'tile-provisioned'): Locator {
    return this.page.getByTestId(tile).locator('[role="tooltip"]');
  }

  /** Waits until a recount under changed rules has landed. */
  async waitForCount(): Promise<void> {
    await expect(this.rules).toHaveAttribute('aria-busy', 'false');
  }

  async selectCycle(cycle: 'month' | 'anchored' | 'rolling' | 'quarter' | 'year'): Promise<void> {
    await this.page.getByTestId('rules-cycle').selectOption(cycle);
    await this.waitForCount();
  }

  async selectConcurrency(rule: 'raw' | 'cumulative' | 'sustained' | 'p95', minutes?: number): Promise<void> {
    await this.page.getByTestId('rules-concurrency').selectOption(rule);
    if (minutes !== undefined) {
      const field = this.page.getByTestId('rules-concurrency-minutes');
      await field.fill(String(minutes));
      await field.press('Enter');
    }
    await this.waitForCount();
  }

  /** Opens the activity-definition editor for a new definition. */
  async newDefinition(): Promise<Locator> {
    await this.page.getByTestId('rules-activity-new').click();
    await expect(this.definitionEditor).toBeVisible();
    return this.definitionEditor;
  }

  async editDefinition(): Promise<Locator> {
    await this.page.getByTestId('rules-activity-edit').click();
    await expect(this.definitionEditor).toBeVisible();
    return this.definitionEditor;
  }

  /** Adds a value to one of the editor's exclusion lists (Enter commits it as a chip). */
  async addExclusion(list: 'roles' | 'teams' | 'patterns', value: string): Promise<void> {
    const input = this.definitionEditor.getByTestId(`definition-${list}`).getByRole('combobox').or(
      this.definitionEditor.getByTestId(`definition-${list}`).getByRole('textbox'),
    );
    await input.fill(value);
    await input.press('Enter');
    await expect(this.definitionEditor.getByTestId(`definition-${list}`).getByTestId('chip').filter({ hasText: value })).toBeVisible();
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

import { expect, type Locator, type Page } from '@playwright/test';

/** The Planner screen: scenario editor, forecast, budget and saved scenarios. */
export class PlannerPage {
  readonly root: Locator;
  readonly editor: Locator;
  readonly budgetTable: Locator;
  readonly forecastChart: Locator;
  readonly cumulativeChart: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('planner');
    this.editor = page.getByTestId('scenario-editor');
    this.budgetTable = page.getByTestId('budget-table');
    this.forecastChart = page.getByTestId('forecast-chart');
    this.cumulativeChart = page.getByTestId('budget-cumulative');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-planner').click();
    await expect(this.root).toBeVisible();
    await expect(this.budgetTable).toBeVisible({ timeout: 30_000 });
  }

  /** The total of plan column k in the budget table, as shown. */
  total(k: number): Locator {
    return this.page.getByTestId(`budget-total-${k}`);
  }

  cell(plan: number, month: number): Locator {
    return this.page.getByTestId(`budget-cell-${plan}-${month}`);
  }

  async addSeasonalHires(agents: number, from: string, to: string): Promise<void> {
    await this.editor.getByTestId('add-hires').click();
    const row = this.editor.getByTestId('hire-row').last();
    await row.getByTestId('hire-agents').fill(String(agents));
    await row.getByTestId('hire-from').fill(from);
    await row.getByTestId('hire-to').fill(to);
  }

  async nameScenario(name: string): Promise<void> {
    await this.editor.getByTestId('scenario-name').fill(name);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('scenario-save').click();
  }
}

/** The Seasons screen. */
export class SeasonsPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('seasons');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-seasons').click();
    await expect(this.root).toBeVisible();
    await expect(this.page.getByTestId('seasons-overlay')).toBeVisible({ timeout: 30_000 });
    await expect(this.page.getByTestId('heatmap-grid')).toBeVisible({ timeout: 30_000 });
    await expect(this.page.getByTestId('cohort-rules').locator('li').first()).toBeVisible({ timeout: 30_000 });
  }
}

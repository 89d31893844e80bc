import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Reports screen: export form, audit log panel, retention panel. */
export class ReportsPage {
  readonly root: Locator;
  readonly exportCard: Locator;
  readonly auditPanel: Locator;
  readonly retentionPanel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('reports');
    this.exportCard = page.getByTestId('report-export');
    this.auditPanel = page.getByTestId('audit-panel');
    this.retentionPanel = page.getByTestId('retention-panel');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-reports').click();
    await expect(this.root).toBeVisible();
  }

  async chooseMonth(month: string): Promise<void> {
    await this.page.getByTestId('report-scope-month').check({ force: true });
    await this.page.getByTestId('report-month').fill(month);
  }

  async chooseFormat(format: 'pdf' | 'xlsx' | 'csv' | 'json'): Promise<void> {
    await this.page.getByTestId(`report-format-${format}`).check({ force: true });
  }

  async tickPlan(label: RegExp | string): Promise<void> {
    await this.page.getByTestId('report-plans').getByLabel(label).first().check();
  }

  /** Clicks Export and returns the download it starts. */
  async export(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('report-export-button').click();
    const file = await download;
    await expect(this.page.getByTestId('report-last')).toBeVisible();
    return file;
  }
}

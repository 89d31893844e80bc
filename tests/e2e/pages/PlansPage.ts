import { expect, type Locator, type Page } from '@playwright/test';

/** The Plans screen: saved plans and the editor, the comparison and the break-even view. */
export class PlansPage {
  readonly root: Locator;
  readonly newPlan: Locator;
  readonly templateDialog: Locator;
  readonly editor: Locator;
  readonly draftTotal: Locator;
  readonly save: Locator;
  readonly closeEditor: Locator;
  readonly compareChart: Locator;
  readonly bill: Locator;
  readonly breakEvenChart: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('plans');
    this.newPlan = page.getByTestId('new-plan');
    this.templateDialog = page.getByTestId('template-dialog');
    this.editor = page.getByTestId('plan-editor');
    this.draftTotal = page.getByTestId('draft-total');
    this.save = page.getByTestId('editor-save');
    this.closeEditor = page.getByTestId('editor-close');
    this.compareChart = page.getByTestId('compare-chart');
    this.bill = page.getByTestId('bill-explanation');
    this.breakEvenChart = page.getByTestId('break-even-chart');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-plans').click();
    await expect(this.root).toBeVisible();
  }

  async tab(name: 'plans' | 'compare' | 'break-even'): Promise<void> {
    await this.page.getByTestId(`plans-tab-${name}`).click();
    await expect(this.page.getByTestId(`plans-tab-${name}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Creates a plan from a bundled template file and saves it unchanged. */
  async createFromTemplate(file: string): Promise<void> {
    await this.newPlan.click();
    await expect(this.templateDialog).toBeVisible();
    await this.templateDialog.locator(`[data-file="${file}"]`).click();
    await expect(this.editor).toBeVisible();
    await this.saveAndSettle();
  }

  /**
   * Saves the draft and waits until the save has come back. A toast saying "Saved" may be an
   * earlier save's, and the button is also disabled while the save is in flight; closing then
   * (rightly) asks whether to discard the changes. Only a saved, unchanged draft says "Close".
   */
  async saveAndSettle(): Promise<void> {
    await this.save.click();
    await expect(this.closeEditor).toHaveText('Close');
    await expect(this.save).toHaveText('Save plan');
    await expect(this.save).toBeDisabled();
  }

  row(planName: string): Locator {
    return this.page.locator(`[data-testid="plan-row"][data-plan="${planName}"]`);
  }

  /** The whole-range total of a plan in the "Totals by year" table. */
  rangeTotal(planName: string): Locator {
    return this.page.locator(`[data-testid="annual-row"][data-plan="${planName}"] [data-testid="annual-total"]`);
  }
}

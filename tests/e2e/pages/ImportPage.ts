import { expect, type Locator, type Page } from '@playwright/test';

export class ImportPage {
  readonly root: Locator;
  readonly dropzone: Locator;
  readonly chooseFile: Locator;
  readonly card: Locator;
  readonly progress: Locator;
  readonly result: Locator;
  readonly failure: Locator;
  readonly errors: Locator;
  readonly history: Locator;
  readonly review: Locator;
  readonly reviewImport: Locator;
  readonly previewRows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('imports');
    this.dropzone = page.getByTestId('dropzone');
    this.chooseFile = page.getByTestId('choose-file');
    this.card = page.getByTestId('import-card');
    this.progress = page.getByTestId('import-progress');
    this.result = page.getByTestId('import-result');
    this.failure = page.getByTestId('import-failed');
    this.errors = page.getByTestId('import-errors');
    this.history = page.getByTestId('import-history');
    this.review = page.getByTestId('import-review');
    this.reviewImport = page.getByTestId('review-import');
    this.previewRows = page.getByTestId('preview-row');
  }

  /** Waits for the review of a chosen file and imports it as detected. */
  async confirmReview(): Promise<void> {
    await expect(this.review).toBeVisible({ timeout: 30_000 });
    await expect(this.reviewImport).toBeEnabled();
    await this.reviewImport.click();
    await expect(this.review).toBeHidden();
  }

  /** Chooses the column of a role in the review's mapping form. */
  async mapColumn(role: string, columnName: string): Promise<void> {
    const select = this.page.getByTestId(`map-${role}`);
    const option = select.locator('option', { hasText: columnName }).first();
    await select.selectOption((await option.getAttribute('value'))!);
  }

  /** Clicks "Choose a file…" and answers the file chooser with `path`. */
  async importThroughChooser(path: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.chooseFile.click()]);
    await chooser.setFiles(path);
  }

  /** Sets the file on the hidden input directly, as a drop would hand it over. */
  async importThroughInput(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
  }

  async waitForResult(): Promise<void> {
    await expect(this.result).toBeVisible({ timeout: 30_000 });
  }

  stat(name: 'added' | 'duplicates' | 'rejected' | 'span'): Locator {
    return this.page.getByTestId(`result-${name}`);
  }

  rows(): Locator {
    return this.history.getByTestId('import-row');
  }
}

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

  /** The rejected-rows panel: under the result (`in: 'result'`) or in an opened history row. */
  rejected(where: 'result' | 'history'): Locator {
    return (where === 'result' ? this.result : this.history).getByTestId('rejected-rows');
  }

  /** Opens a history row's rejected rows and notes. */
  async openDetails(row: Locator): Promise<void> {
    const toggle = row.getByTestId('import-details-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }

  /** Clicks "Save rejected rows as CSV" in `panel` and returns the saved file's name and text. */
  async saveRejects(panel: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), panel.getByTestId('save-rejects').click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}

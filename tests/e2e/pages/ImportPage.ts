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

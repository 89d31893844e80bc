import { expect, type Locator, type Page } from '@playwright/test';

/** The roster panel on the Imports screen. */
export class RosterPanelPage {
  readonly root: Locator;
  readonly importButton: Locator;
  readonly counts: Locator;
  readonly neverLoggedIn: Locator;
  readonly missing: Locator;
  readonly notes: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('roster-panel');
    this.importButton = page.getByTestId('import-roster');
    this.counts = page.getByTestId('roster-counts');
    this.neverLoggedIn = page.getByTestId('roster-never');
    this.missing = page.getByTestId('roster-missing');
    this.notes = page.getByTestId('roster-import-notes');
    this.empty = page.getByTestId('roster-empty');
  }

  /** The figure under a count's label ("Accounts", "Never logged in" …). */
  count(label: string): Locator {
    return this.counts.locator('div', { has: this.page.locator('dt', { hasText: label }) }).locator('dd');
  }

  async importThroughChooser(path: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.importButton.click()]);
    await chooser.setFiles(path);
    await expect(this.importButton).toBeEnabled({ timeout: 30_000 });
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

export class PreferencesPage {
  readonly root: Locator;
  readonly timeZone: Locator;
  readonly locale: Locator;
  readonly currency: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('preferences');
    this.timeZone = page.getByTestId('pref-timezone').getByRole('combobox');
    this.locale = page.getByTestId('pref-locale').getByRole('combobox');
    this.currency = page.getByTestId('pref-currency').getByRole('combobox');
    this.save = page.getByTestId('prefs-save');
  }

  /** Types into a combobox's filter and picks the option whose text starts with `optionText`. */
  async choose(combobox: Locator, query: string, optionText: string): Promise<void> {
    await combobox.click();
    await combobox.fill(query);
    const listId = await combobox.getAttribute('aria-controls');
    const option = this.page.locator(`[id="${listId}"] [role="option"]`, { hasText: optionText }).first();
    await option.click();
  }

  /** Types a value and commits it with Enter (free-text comboboxes). */
  async type(combobox: Locator, value: string): Promise<void> {
    await combobox.click();
    await combobox.fill(value);
    await combobox.press('Enter');
  }

  async saveChanges(): Promise<void> {
    await expect(this.save).toBeEnabled();
    await this.save.click();
    await expect(this.page.getByText('All changes saved.')).toBeVisible();
  }
}

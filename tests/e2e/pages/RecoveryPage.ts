import { expect, type Locator, type Page } from '@playwright/test';

/** The damaged-database recovery screen (renderer/src/features/recovery). */
export class RecoveryPage {
  readonly root: Locator;
  readonly backups: Locator;
  readonly fresh: Locator;
  readonly continueButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('database-recovery');
    this.backups = page.getByTestId('recovery-backup');
    this.fresh = page.getByTestId('recovery-fresh');
    this.continueButton = page.getByTestId('recovery-continue');
  }

  async waitUntilShown(): Promise<void> {
    await expect(this.root).toBeVisible({ timeout: 30_000 });
    await expect(this.root.getByRole('heading', { name: 'The database is damaged' })).toBeVisible();
  }
}

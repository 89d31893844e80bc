import { expect, type Locator, type Page } from '@playwright/test';

/** The frame around every screen: sidebar navigation, demo banner, toasts, About dialog. */
export class AppShell {
  readonly root: Locator;
  readonly demoBanner: Locator;
  readonly aboutDialog: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app');
    this.demoBanner = page.getByTestId('demo-banner');
    this.aboutDialog = page.getByTestId('about-dialog');
    this.confirmDialog = page.getByTestId('confirm-dialog');
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 30_000 });
  }

  async goTo(screen: 'dashboard' | 'imports' | 'preferences'): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
    await expect(this.page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
  }

  async openAbout(): Promise<void> {
    await this.page.getByTestId('nav-about').click();
    await expect(this.aboutDialog).toBeVisible();
  }

  toast(kind: 'error' | 'success' | 'info'): Locator {
    return this.page.getByTestId(`toast-${kind}`);
  }

  async confirm(): Promise<void> {
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByTestId('confirm-button').click();
    await expect(this.confirmDialog).toBeHidden();
  }
}

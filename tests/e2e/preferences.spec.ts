import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { PreferencesPage } from './pages/PreferencesPage';
import { expect, openApp, test } from './fixtures';

test('time zone and locale changes persist after a reload', async ({ page, server }, testInfo) => {
  await openApp(page, server);
  const shell = new AppShell(page);
  const prefs = new PreferencesPage(page);

  await shell.goTo('preferences');
  await expect(prefs.timeZone).toHaveValue('America/New York');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');

  await prefs.choose(prefs.timeZone, 'berlin', 'Europe/Berlin');
  await prefs.type(prefs.locale, 'de-DE');
  await expect(page.getByTestId('prefs-sample')).toContainText('März 2025');
  await page.screenshot({ path: testInfo.outputPath('preferences-edited.png') });
  await prefs.saveChanges();

  await page.reload();
  await shell.waitUntilReady();
  await expect(prefs.root).toBeVisible();
  await expect(prefs.timeZone).toHaveValue('Europe/Berlin');
  await expect(prefs.locale).toHaveValue('de-DE');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');

  // Numbers and months elsewhere follow the new locale and zone.
  await shell.goTo('dashboard');
  await expect(page.getByTestId('definitions')).toContainText('Europe/Berlin');
  const dashboard = new DashboardPage(page);
  await dashboard.selectRange('all');
  const table = await dashboard.showTable('chart-active');
  await expect(table).toContainText('März 2024');
});

test('invalid values are explained and not saved', async ({ page, server }) => {
  await openApp(page, server);
  const shell = new AppShell(page);
  const prefs = new PreferencesPage(page);
  await shell.goTo('preferences');
  await prefs.type(prefs.currency, 'DOLLARS');
  await expect(page.getByText('Use a three-letter ISO 4217 code, such as USD or EUR.')).toBeVisible();
  await expect(prefs.save).toBeDisabled();
  await prefs.type(prefs.currency, 'eur');
  await expect(prefs.currency).toHaveValue('EUR');
  await prefs.saveChanges();
});

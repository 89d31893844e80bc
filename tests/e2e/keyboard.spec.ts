import { fileURLToPath } from 'node:url';
import { AppShell } from './pages/AppShell';
import { expect, openApp, test } from './fixtures';

test.use({ demo: false });

const smallImport = fileURLToPath(new URL('../fixtures/e2e/small-import.csv', import.meta.url));

// Known flake in full CI runs (2 of 5 fresh-clone runs, then 1 of 4, on 2026-11-23): the file
// chooser event sometimes never arrives. 24 isolated runs under two busy-looping cores all passed.
// The one failure seen with this form was the second Ctrl+O in the page (Preferences), after the
// first pick was finished with a real file and its review closed; the cause is still unknown
// (Chromium's chooser state, or the app missing a second Ctrl+O). One retry stays, for this test
// only; a double failure still fails.
test.describe('Ctrl+O', () => {
  test.describe.configure({ retries: 1 });

  test('Ctrl+O opens the file chooser from any screen', async ({ page, server }) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    for (const screen of ['dashboard', 'preferences'] as const) {
      await shell.goTo(screen);
      const chooserShown = page.waitForEvent('filechooser', { timeout: 10_000 });
      await page.keyboard.press('Control+o');
      const chooser = await chooserShown;
      expect(chooser.isMultiple()).toBe(false);
      await chooser.setFiles(smallImport);
      const review = page.getByTestId('import-review');
      await expect(review).toBeVisible({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await expect(review).toBeHidden();
    }
  });
});

test('the About dialog traps focus, closes with Esc and returns focus', async ({ page, server }, testInfo) => {
  await openApp(page, server);
  const shell = new AppShell(page);
  const aboutButton = page.getByTestId('nav-about');
  await aboutButton.focus();
  await page.keyboard.press('Enter');
  const dialog = shell.aboutDialog;
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('role', 'dialog');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText('Seatcast never sends data anywhere. No telemetry, no update checks.');
  await expect(page.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('licences')).toContainText('recharts');

  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.screenshot({ path: testInfo.outputPath('about.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(aboutButton).toBeFocused();
});

test('every navigation control is reachable with Tab and shows a focus ring', async ({ page, server }) => {
  await openApp(page, server);
  const seen = new Set<string>();
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      // Past the last control focus returns to the document itself.
      if (!element || element === document.body || element === document.documentElement) return null;
      const style = getComputedStyle(element);
      return { id: element.dataset.testid ?? element.textContent?.trim() ?? '', ring: style.boxShadow !== 'none' || style.outlineStyle !== 'none' };
    });
    if (info) {
      seen.add(info.id);
      expect(info.ring, `focus ring on ${info.id}`).toBe(true);
    }
  }
  for (const id of ['nav-dashboard', 'nav-imports', 'nav-preferences', 'nav-about', 'empty-import']) expect(seen).toContain(id);
});

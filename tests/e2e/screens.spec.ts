/**
 * A visual record of every screen, light and dark, at 1366×800: test-results/e2e/<test>/*.png.
 * Also a smoke test that each screen renders without errors in both themes.
 */
import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { expect, openApp, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen in the ${colorScheme} theme`, async ({ page, server }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.emulateMedia({ colorScheme });
    await openApp(page, server);
    const shell = new AppShell(page);
    const shot = (name: string, fullPage = false) => page.screenshot({ path: testInfo.outputPath(`${name}-${colorScheme}.png`), fullPage, animations: 'disabled' });

    await expect(new DashboardPage(page).chartSvg('chart-active')).toBeVisible();
    await shot('dashboard');
    await shot('dashboard-full', true);
    await page.getByTestId('tile-active').getByRole('button', { name: /How “Active agents” is counted/ }).focus();
    await page.waitForTimeout(250); // let the tooltip finish fading in
    await shot('dashboard-definition');
    await page.getByTestId('chart-active-chart').locator('.recharts-bar-rectangle').nth(6).hover();
    await page.waitForTimeout(250);
    await shot('dashboard-tooltip');

    // Counting rules: the "More" popover, the activity-definition editor and the audit drawer.
    await page.mouse.move(0, 0);
    await page.getByTestId('rules-more-button').click();
    await expect(page.getByTestId('rules-more')).toBeVisible();
    await shot('dashboard-rules-more');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('rules-more')).toBeHidden();
    await page.getByTestId('rules-activity-new').click();
    const editor = page.getByTestId('definition-editor');
    await expect(editor.getByTestId('definition-preview-value')).toHaveText(/^\d/);
    await expect(editor.getByRole('button', { name: 'Add role supervisor' })).toBeVisible();
    await shot('definition-editor');
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    await page.getByTestId('tile-active-agents').click();
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await shot('audit-drawer');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('audit-drawer')).toBeHidden();
    await page.getByTestId('chart-compare').scrollIntoViewIfNeeded();
    await page.getByTestId('chart-compare-chart').locator('.recharts-bar-rectangle').nth(9).hover();
    await page.waitForTimeout(250);
    await shot('dashboard-compare');

    await shell.goTo('imports');
    await shot('imports', true);
    await page.getByTestId('undo-import').first().click();
    await expect(shell.confirmDialog).toBeVisible();
    await shot('imports-confirm-undo');
    await page.keyboard.press('Escape');

    await shell.goTo('preferences');
    await shot('preferences', true);
    await page.getByTestId('pref-timezone').getByRole('combobox').fill('america');
    await shot('preferences-timezone-search');
    await page.keyboard.press('Escape');

    await shell.openAbout();
    await shot('about');
    await page.keyboard.press('Escape');
    await expect(shell.aboutDialog).toBeHidden();
  });
}

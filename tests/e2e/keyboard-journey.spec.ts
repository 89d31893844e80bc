/**
 * Section 508 / WCAG 2.1.1: the whole journey — import → dashboard → plan comparison → report
 * export — with the keyboard alone. Starting on an empty database, the only inputs are
 * page.keyboard presses; the file chooser that Ctrl+O opens is answered through Playwright's
 * filechooser event (the OS dialog, not a mouse action) and the report arrives as a download.
 * Every control the journey lands on must show a visible focus ring.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileChooser, Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

test.use({ demo: false });

const smallImport = fileURLToPath(new URL('../fixtures/e2e/small-import.csv', import.meta.url));

/** The focused element's identity and whether it shows a focus indicator (outline or ring). */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    // A visually hidden radio or checkbox shows its focus on the label drawn around it.
    const hidden = element instanceof HTMLInputElement && (getComputedStyle(element).opacity === '0' || element.classList.contains('sr-only'));
    const shown = hidden ? (element.closest('label') ?? element.parentElement ?? element) : element;
    // Read the settled look, not a frame of the 120 ms border/colour transition.
    for (const animation of shown.getAnimations()) animation.finish();
    const style = getComputedStyle(shown);
    // The theme's ring is drawn in --accent (tokens.css --focus-ring; fields turn their border
    // --accent): a resting drop shadow is not a ring.
    const probe = document.createElement('span');
    probe.style.color = 'var(--accent)';
    document.body.append(probe);
    const accent = getComputedStyle(probe).color;
    probe.remove();
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow.includes(accent) || style.borderTopColor === accent;
    const name = element.dataset.testid || element.getAttribute('aria-label') || element.textContent?.trim().slice(0, 40) || '';
    return { label: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${name}`.trim(), ring };
  });
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement));
}

/**
 * Presses Tab (or Shift+Tab) until `target` (or something inside it) has focus, failing after
 * `limit` presses; every stop on the way must show a focus ring.
 */
async function tabTo(page: Page, target: Locator, { back = false, limit = 60 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  const trail: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now) {
      trail.push(now.label);
      expect(now.ring, `visible focus ring on "${now.label}"`).toBe(true);
    }
  }
  if (await isFocused(target)) return;
  throw new Error(`Tab never reached ${target.toString()} in ${limit} presses; focus went through: ${trail.join(' → ')}`);
}

test('import, dashboard, plan comparison and report export with the keyboard alone', async ({ page, server }, testInfo) => {
  test.setTimeout(180_000);
  // The chooser listener is registered before the app loads and kept: Playwright turns Chromium's
  // chooser interception on as a listener is added, and a chooser opened before that took effect
  // is cancelled without any event (tests/e2e/keyboard.spec.ts; this test once waited 3 minutes).
  const choosers: FileChooser[] = [];
  page.on('filechooser', (chooser) => choosers.push(chooser));
  await openApp(page, server);
  await expect(page.getByTestId('empty-import')).toBeVisible();

  // 1. Import: Ctrl+O opens the file chooser; the review dialog is confirmed with the keyboard.
  // Pressed again if no chooser shows within 5 s: keyboard.spec.ts is the test that Ctrl+O works
  // every time; this one is about the whole journey, and should not fail on a lost chooser.
  for (let press = 0; press < 3 && choosers.length === 0; press += 1) {
    await page.keyboard.press('Control+o');
    await expect.poll(() => choosers.length, { timeout: 5_000 }).toBeGreaterThan(0).catch(() => undefined);
  }
  expect(choosers.length, 'a file chooser after Ctrl+O').toBeGreaterThan(0);
  await choosers[0]!.setFiles(smallImport);
  const review = page.getByTestId('import-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  const reviewImport = page.getByTestId('review-import');
  await expect(reviewImport).toBeEnabled();
  await tabTo(page, reviewImport);
  await page.screenshot({ path: testInfo.outputPath('1-review.png') });
  await page.keyboard.press('Enter');
  await expect(review).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });

  // 2. Dashboard: reach it through the navigation and read a tile.
  const navDashboard = page.getByTestId('nav-dashboard');
  await tabTo(page, navDashboard, { back: true });
  await page.keyboard.press('Enter');
  await expect(navDashboard).toHaveAttribute('aria-current', 'page');
  const tile = page.getByTestId('tile-active');
  await expect(tile).toBeVisible({ timeout: 30_000 });
  await expect(tile).toContainText(/\d/);
  await page.screenshot({ path: testInfo.outputPath('2-dashboard.png') });

  // 3. Plans: create a plan from a template, save it, open the comparison.
  const navPlans = page.getByTestId('nav-plans');
  await tabTo(page, navPlans, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plans')).toBeVisible();
  const newPlan = page.getByTestId('new-plan');
  await tabTo(page, newPlan);
  await page.keyboard.press('Enter');
  const templates = page.getByTestId('template-dialog');
  await expect(templates).toBeVisible();
  const template = templates.locator('[data-file="generic-concurrent-seat.json"]');
  await tabTo(page, template);
  await page.screenshot({ path: testInfo.outputPath('3-templates.png') });
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('plan-editor');
  await expect(editor).toBeVisible();
  const save = page.getByTestId('editor-save');
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast-success').last()).toContainText('Saved');
  await expect(save).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('4-editor.png') });

  // The tabs are one tab stop (ARIA tabs pattern): reach the current tab, then arrow to the next.
  const compareTab = page.getByTestId('plans-tab-compare');
  await tabTo(page, page.getByTestId('plans-tab-plans'), { back: true });
  await page.keyboard.press('ArrowRight');
  await expect(compareTab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(compareTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('compare-chart')).toBeVisible({ timeout: 30_000 });
  // The comparison's figures are reachable too: open a month's bill from the table.
  const toggleTable = page.getByTestId('compare-toggle-table');
  await tabTo(page, toggleTable);
  await page.keyboard.press('Enter');
  const cell = page.getByTestId('compare-cell').first();
  await tabTo(page, cell);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-explanation')).toContainText(/\d/);
  await page.screenshot({ path: testInfo.outputPath('5-compare.png') });

  // 4. Reports: export a PDF of the imported month; the download is the proof.
  const navReports = page.getByTestId('nav-reports');
  await tabTo(page, navReports, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reports')).toBeVisible();
  const pdf = page.getByTestId('report-format-pdf');
  // Radio groups move with arrow keys: walk the format group until PDF is chosen.
  const formatRadio = page.locator('[data-testid^="report-format-"]:checked');
  await tabTo(page, formatRadio);
  for (let i = 0; i < 4 && !(await pdf.isChecked()); i += 1) await page.keyboard.press('ArrowRight');
  await expect(pdf).toBeChecked();
  const exportButton = page.getByTestId('report-export-button');
  await tabTo(page, exportButton);
  await page.screenshot({ path: testInfo.outputPath('6-reports.png') });
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('report-last')).toBeVisible();
});

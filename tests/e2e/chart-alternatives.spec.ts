/**
 * Section 508 / WCAG 1.1.1: every chart in the app — found by what it draws (a Recharts surface
 * or an SVG picture), not from a list — has an accessible name, and its card offers
 * "Show as table", which swaps in a real table of the same figures.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

type ChartInfo = { name: string; toggle: string | null; cardId: string };

/** Every chart on the page now, with its accessible name and its card's table switch. */
async function chartsOnPage(page: Page): Promise<ChartInfo[]> {
  return page.evaluate(() => {
    const charts = [...document.querySelectorAll<HTMLElement | SVGElement>('main .recharts-wrapper, main svg[role="img"]')];
    return charts.map((chart, index) => {
      const named = chart.closest('[role="img"]') ?? chart;
      const labelledBy = named.getAttribute('aria-labelledby');
      const name = (named.getAttribute('aria-label') ?? (labelledBy ? (document.getElementById(labelledBy)?.textContent ?? '') : '')).trim();
      const card = chart.closest('section');
      const toggle = card ? [...card.querySelectorAll('button')].find((b) => /show as table/i.test(b.textContent ?? '')) : undefined;
      const cardId = card?.getAttribute('data-testid') ?? `chart ${index}`;
      return { name, toggle: toggle ? (toggle.getAttribute('data-testid') ?? toggle.textContent) : null, cardId };
    });
  });
}

async function checkScreen(page: Page, label: string, minimum: number): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 }).catch(() => undefined);
  await expect(page.locator('main .recharts-wrapper, main svg[role="img"]').first()).toBeVisible({ timeout: 20_000 });
  const charts = await chartsOnPage(page);
  expect(charts.length, `${label}: charts found`).toBeGreaterThanOrEqual(minimum);
  const problems: string[] = [];
  for (const chart of charts) {
    if (chart.name.length < 8) problems.push(`${label} / ${chart.cardId}: no accessible name`);
    if (!chart.toggle) {
      problems.push(`${label} / ${chart.cardId}: no "Show as table"`);
      continue;
    }
    // The switch works: the card shows a table with rows of figures instead of the picture.
    const card = page.locator(`section[data-testid="${chart.cardId}"]`);
    const toggle = card.getByRole('button', { name: /show as table/i }).first();
    await toggle.click();
    await expect(card.locator('table tbody tr').first(), `${label} / ${chart.cardId}: table`).toBeVisible();
    await card.getByRole('button', { name: /show (as )?chart/i }).first().click();
  }
  return problems;
}

test('every chart has an accessible name and a working "Show as table"', async ({ page, server }) => {
  test.setTimeout(180_000);
  await openApp(page, server);
  const problems: string[] = [];

  for (const [screen, minimum] of [['dashboard', 1], ['seasons', 3], ['planner', 1]] as const) {
    await page.getByTestId(`nav-${screen}`).click();
    problems.push(...(await checkScreen(page, screen, minimum)));
  }

  // Plans: a saved plan gives the comparison and the break-even view something to draw.
  await page.getByTestId('nav-plans').click();
  // Wait for each save's own toast: the button is also disabled while the save is in flight, and
  // closing then would (rightly) ask whether to discard the changes.
  const saveTemplate = async (file: string, name: string) => {
    await page.getByTestId('new-plan').click();
    await page.getByTestId('template-dialog').locator(`[data-file="${file}"]`).click();
    await page.getByTestId('editor-save').click();
    await expect(page.getByTestId('toast-success').filter({ hasText: `Saved “${name}”` })).toBeVisible();
    await expect(page.getByTestId('editor-save')).toBeDisabled();
  };
  await saveTemplate('generic-concurrent-seat.json', 'Generic concurrent seat');
  await page.getByTestId('editor-close').click();
  await saveTemplate('generic-named-seat.json', 'Generic named seat');
  for (const tab of ['compare', 'break-even'] as const) {
    await page.getByTestId(`plans-tab-${tab}`).click();
    problems.push(...(await checkScreen(page, `plans ${tab}`, 1)));
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

/**
 * Issue #7 drill-down, a bill line → the counts it used → the agents behind them: on the demo
 * data, an active-user plan's line shows the month's active agents (the engine's own figure) and
 * opens the audit drawer listing exactly that many agents, then one agent's sessions; a concurrent
 * plan's line shows the raw peak and opens the peak minute with the agents logged in then.
 * Screenshots in light and dark go to the test output folder.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, openApp, test, type PreviewServer } from './fixtures';
import { PlansPage } from './pages/PlansPage';

async function engine<T>(request: APIRequestContext, server: PreviewServer, method: string, body: unknown): Promise<T> {
  const token = new URL(server.url).searchParams.get('token')!;
  const response = await request.post(`${server.origin}/api/${method}`, { data: body, headers: { 'X-Seatcast-Token': token } });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}

type Periods = { periods: Array<{ start: string; activeAgents: number; peakConcurrent: number }> };

test('a bill line shows the count it was priced on and leads to the agents behind it', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  const plans = new PlansPage(page);
  await plans.open();
  await plans.createFromTemplate('platform28-active-user.json');
  await plans.closeEditor.click();
  await plans.createFromTemplate('generic-concurrent-seat.json');
  await plans.closeEditor.click();

  const metrics = await engine<Periods>(page.request, server, 'metrics:periods', { from: '2025-03-01', to: '2025-04-01', concurrency: 'raw' });
  const march = metrics.periods.find((p) => p.start === '2025-03-01')!;
  expect(march.activeAgents).toBeGreaterThan(0);

  await plans.tab('compare');
  await page.getByTestId('compare-toggle-table').click();
  await page.getByRole('button', { name: /^Platform28-style active user, March 2025:/ }).click();
  const count = plans.bill.getByTestId('bill-line-count').first();
  await expect(count).toHaveAttribute('data-metric', 'activeAgents');
  await expect(count.getByTestId('bill-line-count-value')).toHaveText(march.activeAgents.toLocaleString('en-US'));
  await expect(count).toContainText('built-in definition');
  await page.screenshot({ path: testInfo.outputPath('bill-line-counts-light.png'), fullPage: true });

  await count.getByTestId('bill-line-drill').click();
  const drawer = page.getByTestId('audit-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('March 2025');
  await expect(drawer.getByTestId('audit-row')).toHaveCount(march.activeAgents);
  await page.screenshot({ path: testInfo.outputPath('bill-line-agents-light.png') });
  await drawer.getByTestId('audit-agent-link').first().click();
  await expect(drawer.getByTestId('drill-session-row').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The concurrent plan's line: the raw peak, and the minute it happened with who was in.
  await page.getByRole('button', { name: /^Generic concurrent seat, March 2025:/ }).click();
  const peak = plans.bill.getByTestId('bill-line-count').first();
  await expect(peak).toHaveAttribute('data-metric', 'peakConcurrent');
  await expect(peak.getByTestId('bill-line-count-value')).toHaveText(march.peakConcurrent.toLocaleString('en-US'));
  await expect(peak).toContainText('rule raw');
  await peak.getByTestId('bill-line-drill').click();
  await expect(drawer.getByTestId('drill-peak')).toContainText(`Peak of ${march.peakConcurrent.toLocaleString('en-US')}`);
  await expect(drawer.getByTestId('drill-peak-table').locator('tbody tr')).toHaveCount(march.peakConcurrent);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('bill-line-peak-dark.png') });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: testInfo.outputPath('bill-line-counts-dark.png'), fullPage: true });
});

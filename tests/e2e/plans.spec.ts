/**
 * Plans end to end on the demo data: a plan made from a template, its price edited, and the
 * comparison showing exactly what the engine (pricing:project over the preview bridge) bills for
 * the edited plan; the comparison's CSV and PNG; break-even; delete with undo. Screenshots of
 * every view in light and dark go to /tmp (PLANS_SHOTS overrides the folder).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { formatMinor } from '../../shared/pricing/money';
import { expect, openApp, test, type PreviewServer } from './fixtures';
import { PlansPage } from './pages/PlansPage';

const SHOTS = process.env.PLANS_SHOTS ?? '/tmp';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Calls a contract method on the preview bridge the way the page does. */
async function engine<T>(request: APIRequestContext, server: PreviewServer, method: string, body: unknown): Promise<T> {
  const token = new URL(server.url).searchParams.get('token')!;
  const response = await request.post(`${server.origin}/api/${method}`, { data: body, headers: { 'X-Seatcast-Token': token } });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}

type SavedPlan = { id: number; name: string; plan: Record<string, unknown> & { charges: Array<Record<string, unknown>> } };
type Report = { plans: Array<{ name: string; totalCents: number; periods: Array<{ start: string; totalCents: number }> }> };

test.describe('plans: template, edit, compare, break-even', () => {
  test('an edited price changes the comparison to the engine’s bill; CSV, PNG and break-even work', async ({ page, server }) => {
    test.setTimeout(120_000);
    await openApp(page, server);
    const plans = new PlansPage(page);
    await plans.open();
    await expect(page.getByTestId('plans-empty')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'plans-empty-light.png') });

    await plans.newPlan.click();
    await expect(plans.templateDialog).toBeVisible();
    await expect(plans.templateDialog.getByTestId('template')).toHaveCount(11);
    await expect(plans.templateDialog.locator('[data-file="generic-named-seat.json"]')).toContainText('Illustrative prices');
    await expect(plans.templateDialog.locator('[data-file="generic-named-seat.json"]')).toContainText('Source:');
    await page.screenshot({ path: join(SHOTS, 'plans-templates-light.png') });
    await page.keyboard.press('Escape');

    await plans.createFromTemplate('generic-named-seat.json');
    await plans.closeEditor.click();
    await plans.createFromTemplate('platform28-active-user.json');
    await plans.closeEditor.click();
    await expect(page.getByTestId('plan-row')).toHaveCount(2);
    await plans.row('Generic named seat').getByTestId('plan-current').click();
    await expect(plans.row('Generic named seat').getByTestId('current-badge')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'plans-list-light.png') });

    // The default range: the last 12 complete months of the demo history (2025).
    const range = { from: '2025-01-01', to: '2026-01-01', timeZone: 'America/New_York' };
    const saved = await engine<SavedPlan[]>(page.request, server, 'plans:list', {});
    const named = saved.find((p) => p.name === 'Generic named seat')!;
    const before = await engine<Report>(page.request, server, 'pricing:project', { plans: [named.plan], ...range });
    expect(before.plans[0]!.periods.map((p) => p.start)).toHaveLength(12);

    await plans.tab('compare');
    await expect(plans.compareChart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(plans.rangeTotal('Generic named seat')).toHaveText(new RegExp(`^${escape(formatMinor(before.plans[0]!.totalCents, 'USD'))}`));

    // Edit the price: the draft re-prices as we type, and the comparison follows once saved.
    await plans.tab('plans');
    await plans.row('Generic named seat').getByTestId('plan-edit').click();
    await expect(plans.editor).toBeVisible();
    const price = plans.editor.getByTestId('unit-price').first();
    await price.fill('87.50');
    const edited = structuredClone(named.plan);
    (edited.charges[0]!.price as Record<string, unknown>).unitPrice = '87.50';
    const after = await engine<Report>(page.request, server, 'pricing:project', { plans: [edited], ...range });
    const afterText = formatMinor(after.plans[0]!.totalCents, 'USD');
    expect(after.plans[0]!.totalCents).not.toBe(before.plans[0]!.totalCents);
    await expect(plans.draftTotal).toHaveText(afterText);
    await expect(page.getByTestId('draft-delta')).toContainText('vs saved');
    await page.screenshot({ path: join(SHOTS, 'plans-editor-light.png'), fullPage: false });

    // An invalid value is refused next to its field, and the bill waits for a valid one.
    await price.fill('-5');
    await expect(plans.editor.getByTestId('field-error').first()).toContainText('non-negative amount');
    await expect(plans.save).toBeDisabled();
    await price.fill('87.50');
    await plans.saveAndSettle();
    await expect(page.getByTestId('toast-success').last()).toContainText('Saved “Generic named seat”');
    await plans.closeEditor.click();
    await expect(plans.row('Generic named seat').getByTestId('plan-total')).toHaveText(afterText);

    await plans.tab('compare');
    await expect(plans.rangeTotal('Generic named seat')).toHaveText(new RegExp(`^${escape(afterText)}`));
    await expect(page.getByTestId('compare-summary')).toBeVisible();

    // A click on a bar opens that bill's lines with their arithmetic.
    await plans.compareChart.locator('.recharts-bar-rectangle').first().click();
    await expect(plans.bill.getByTestId('bill-line').first()).toBeVisible();
    await expect(plans.bill.getByTestId('bill-line-explanation').first()).toContainText('$87.50');
    await expect(plans.bill.getByTestId('bill-total')).toHaveText(formatMinor(after.plans[0]!.periods[0]!.totalCents, 'USD'));
    await page.screenshot({ path: join(SHOTS, 'plans-compare-light.png'), fullPage: true });

    // The table alternative has one row per month and a button per amount.
    await page.getByTestId('compare-toggle-table').click();
    await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(12);
    await page.getByTestId('compare-toggle-table').click();

    // CSV of the comparison: numbers stay numbers, one row per month plus header and total.
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('compare-export-csv').click();
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toBe('bills-by-month.csv');
    const csv = readFileSync((await csvFile.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(14);
    expect(rows[0]).toBe('Month,Generic named seat (USD),Platform28-style active user (USD),Cheapest');
    const totalRow = rows.at(-1)!.split(',');
    expect(totalRow[0]).toBe('Total');
    expect(Number(totalRow[1])).toBe(after.plans[0]!.totalCents / 100);
    expect(rows[1]!.startsWith('2025-01,')).toBe(true);

    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('compare-export-png').click();
    const pngFile = await pngDownload;
    await pngFile.saveAs(join(SHOTS, 'plans-compare-export.png'));
    const png = readFileSync((await pngFile.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);

    // Break-even: a line per plan across 0–100 % with today's share marked.
    await plans.tab('break-even');
    await expect(plans.breakEvenChart.locator('.recharts-line-curve')).toHaveCount(2);
    await expect(plans.breakEvenChart.locator('.recharts-reference-line')).toHaveCount(1);
    await expect(page.getByTestId('break-even-cheapest')).toContainText('Cheapest:');
    await page.screenshot({ path: join(SHOTS, 'plans-break-even-light.png'), fullPage: true });
    const sweepCsv = page.waitForEvent('download');
    await page.getByTestId('break-even-export-csv').click();
    const sweepRows = readFileSync((await (await sweepCsv).path())!, 'utf8').trim().split('\r\n');
    expect(sweepRows).toHaveLength(22);

    // Dark theme, each view.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'plans-break-even-dark.png'), fullPage: true });
    await plans.tab('compare');
    await plans.compareChart.locator('.recharts-bar-rectangle').nth(3).click();
    await page.screenshot({ path: join(SHOTS, 'plans-compare-dark.png'), fullPage: true });
    await plans.tab('plans');
    await page.screenshot({ path: join(SHOTS, 'plans-list-dark.png') });
    await plans.row('Generic named seat').getByTestId('plan-edit').click();
    await page.screenshot({ path: join(SHOTS, 'plans-editor-dark.png') });
    await plans.closeEditor.click();

    // Delete with undo.
    await plans.row('Platform28-style active user').getByTestId('plan-delete').click();
    await expect(page.getByTestId('plan-row')).toHaveCount(1);
    const toast = page.getByTestId('toast-info').last();
    await expect(toast).toContainText('Deleted');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('plan-row')).toHaveCount(2);
  });

  test('the editor shows every part of a complex template and marks an invalid tier next to its field', async ({ page, server }) => {
    await openApp(page, server);
    const plans = new PlansPage(page);
    await plans.open();
    await plans.newPlan.click();
    await plans.templateDialog.locator('[data-file="dust-style-monthly-active.json"]').click();
    await expect(plans.editor).toBeVisible();
    await expect(plans.editor.getByTestId('charge-editor')).toHaveCount(2);
    await expect(plans.editor.getByTestId('credit-editor')).toHaveCount(1);
    await expect(plans.draftTotal).toHaveText(/^€/);
    const credit = plans.editor.getByTestId('credit-editor');
    await expect(credit.getByRole('checkbox', { name: 'usage' })).toBeChecked();
    await page.screenshot({ path: join(SHOTS, 'plans-editor-full-light.png'), fullPage: true });
    await plans.editor.getByTestId('charge-editor').nth(1).screenshot({ path: join(SHOTS, 'plans-editor-usage-charge-light.png') });
    await credit.screenshot({ path: join(SHOTS, 'plans-editor-credit-light.png') });

    // Tiers must rise: the message sits under the offending "up to" field, and saving waits.
    const upTo = credit.getByRole('textbox', { name: 'Tier 2: up to' });
    await upTo.fill('5');
    await expect(credit.getByTestId('field-error')).toHaveText('tiers must rise: 5 is not above 10');
    await expect(page.getByTestId('editor-issues')).toContainText('$.credits[0].ladder[1].upTo');
    await expect(plans.save).toBeDisabled();
    await upTo.fill('50');
    await expect(page.getByTestId('editor-issues')).toHaveCount(0);
    await plans.saveAndSettle();
    await expect(page.getByTestId('toast-success').last()).toContainText('Saved');

    // A usage figure typed on the comparison prices the rider like the engine does.
    await plans.closeEditor.click();
    await plans.tab('compare');
    const [dust] = await engine<SavedPlan[]>(page.request, server, 'plans:list', {});
    const range = { from: '2025-01-01', to: '2026-01-01' };
    const estimated = await engine<Report>(page.request, server, 'pricing:project', { plans: [dust!.plan], ...range });
    await expect(plans.rangeTotal(dust!.name)).toHaveText(new RegExp(`^${escape(formatMinor(estimated.plans[0]!.totalCents, 'EUR'))}`));
    await page.getByTestId('consumption-programmaticUsage').fill('40000');
    const entered = await engine<Report>(page.request, server, 'pricing:project', { plans: [dust!.plan], ...range, consumption: { programmaticUsage: 40000 } });
    expect(entered.plans[0]!.totalCents).not.toBe(estimated.plans[0]!.totalCents);
    await expect(plans.rangeTotal(dust!.name)).toHaveText(new RegExp(`^${escape(formatMinor(entered.plans[0]!.totalCents, 'EUR'))}`));
    await plans.tab('plans');

    // Keyboard: the tabs move with the arrow keys.
    await page.getByTestId('plans-tab-plans').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('plans-tab-compare')).toBeFocused();
    await expect(page.getByTestId('plans-panel-compare')).toBeVisible();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('ArrowLeft');
    await page.screenshot({ path: join(SHOTS, 'plans-editor-full-dark.png'), fullPage: true });
  });

  test.describe('without data', () => {
    test.use({ demo: false });
    test('plans can be made before any import, and the views say what they need', async ({ page, server }) => {
      await openApp(page, server);
      const plans = new PlansPage(page);
      await plans.open();
      await page.getByTestId('new-blank').click();
      await expect(plans.editor).toBeVisible();
      await expect(page.getByTestId('draft-preview')).toContainText('No months with data to price yet.');
      await plans.editor.getByTestId('plan-name').fill('Our quote');
      await plans.editor.getByTestId('unit-price').fill('42.00');
      await plans.save.click();
      await expect(page.getByTestId('toast-success').last()).toContainText('Saved “Our quote”');
      await plans.closeEditor.click();

      // Import a plan file; a broken one is refused with its JSON path.
      const templateFile = fileURLToPath(new URL('../../resources/plans/twilio-flex-named.json', import.meta.url));
      await page.getByTestId('plan-file-input').setInputFiles(templateFile);
      await expect(page.getByTestId('toast-success').last()).toContainText('Imported “Twilio Flex — named user”');
      await expect(plans.editor).toBeVisible();
      await plans.closeEditor.click();
      await page.getByTestId('plan-file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"formatVersion":1,"name":"x","currency":"dollars"}') });
      await expect(page.getByTestId('toast-error').last()).toContainText('broken.json was not imported');
      await expect(page.getByTestId('toast-error').last()).toContainText('$.currency: expected a three-letter ISO 4217 code');
      await expect(page.getByTestId('plan-row')).toHaveCount(2);

      // Export gives back the documented JSON.
      const download = page.waitForEvent('download');
      await plans.row('Twilio Flex — named user').getByTestId('plan-export').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('twilio-flex-named-user.json');
      const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { name: string; formatVersion: number };
      expect(exported).toMatchObject({ name: 'Twilio Flex — named user', formatVersion: 1 });

      await plans.tab('compare');
      await expect(page.getByTestId('compare-no-data')).toContainText('No months to price');
      await plans.tab('break-even');
      await expect(page.getByTestId('break-even-empty')).toContainText('No months to start from');
      await page.screenshot({ path: join(SHOTS, 'plans-break-even-empty-light.png') });
      // The tab is in the URL: a reload comes back to it.
      await expect(page).toHaveURL(/#\/plans\/break-even$/);
      await page.reload();
      await expect(page.getByTestId('plans-tab-break-even')).toHaveAttribute('aria-selected', 'true');
    });
  });

  test('no serious or critical axe violations in the populated plans views, light and dark', async ({ page, server }) => {
    test.setTimeout(180_000);
    await openApp(page, server);
    const plans = new PlansPage(page);
    await plans.open();
    await plans.createFromTemplate('generic-named-seat.json');
    await plans.closeEditor.click();
    await plans.createFromTemplate('dust-style-monthly-active.json');
    const views: Record<string, () => Promise<void>> = {
      editor: async () => {
        await plans.tab('plans');
        if (!(await plans.editor.isVisible())) await plans.row('Generic named seat').getByTestId('plan-edit').click();
      },
      list: async () => {
        await plans.closeEditor.click();
        await expect(page.getByTestId('plan-list')).toBeVisible();
      },
      compare: async () => {
        await plans.tab('compare');
        await plans.compareChart.locator('.recharts-bar-rectangle').first().click();
        await expect(plans.bill.getByTestId('bill-line').first()).toBeVisible();
      },
      'compare-table': async () => {
        await page.getByTestId('compare-toggle-table').click();
        await expect(page.getByTestId('compare-table')).toBeVisible();
      },
      'break-even': async () => {
        await page.getByTestId('compare-toggle-table').click();
        await plans.tab('break-even');
        await expect(plans.breakEvenChart).toBeVisible();
      },
      templates: async () => {
        await plans.tab('plans');
        await plans.newPlan.click();
        await expect(plans.templateDialog).toBeVisible();
      },
    };
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const [name, show] of Object.entries(views)) {
        await show();
        await page.waitForTimeout(300); // charts finish their first layout
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          found.push(`${scheme} ${name}: ${v.id} (${v.impact}) × ${v.nodes.length} — ${v.help}; e.g. ${v.nodes[0]?.target.join(' ')}`);
        }
        if (name === 'templates') await page.keyboard.press('Escape');
      }
    }
    expect(found, found.join('\n')).toEqual([]);
  });
});

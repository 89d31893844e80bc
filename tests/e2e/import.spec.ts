import { fileURLToPath } from 'node:url';
import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { ImportPage } from './pages/ImportPage';
import { expect, openApp, test } from './fixtures';

const smallImport = fileURLToPath(new URL('../fixtures/e2e/small-import.csv', import.meta.url));

test.describe('importing a login export', () => {
  test.use({ demo: false });

  test('a small CSV through the file picker gives the known monthly numbers', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const dashboard = new DashboardPage(page);
    const imports = new ImportPage(page);

    await expect(dashboard.emptyState).toBeVisible();
    await expect(shell.demoBanner).toBeHidden();

    await shell.goTo('imports');
    await expect(imports.dropzone).toContainText('Drop a login export here or choose a file');
    await imports.importThroughChooser(smallImport);
    // The review says what was recognised; a detected file imports in one click.
    await expect(imports.review).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-detected')).toContainText('Generic CSV');
    await imports.confirmReview();
    await expect(imports.card).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('import-progress.png') });

    await imports.waitForResult();
    await expect(imports.stat('added')).toHaveText('12');
    await expect(imports.stat('duplicates')).toHaveText('1');
    await expect(imports.stat('rejected')).toHaveText('1');
    await expect(imports.errors.locator('tbody tr')).toHaveCount(1);
    await expect(imports.errors).toContainText('logout');
    await expect(imports.rows()).toHaveCount(1);
    await expect(imports.rows().first()).toContainText('small-import.csv');
    await page.screenshot({ path: testInfo.outputPath('import-result.png'), fullPage: true });

    await page.getByTestId('result-view-dashboard').click();
    await dashboard.selectRange('all');
    expect(await dashboard.tableValues('chart-active')).toEqual({ '2025-03': '7', '2025-04': '4' });
    expect(await dashboard.tableValues('chart-peak')).toEqual({ '2025-03': '5', '2025-04': '3' });
    // April is cut short (data ends Apr 15), so the headline's latest full month is March.
    await expect(dashboard.activeTile).toHaveText('7');
    await expect(dashboard.peakTile).toHaveText('3');
    await page.getByTestId('chart-active-table-toggle').click();
    await page.getByTestId('chart-peak-table-toggle').click();
    await expect(dashboard.chartSvg('chart-active')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('dashboard-after-import.png'), fullPage: true });
  });

  test('while it saves, the progress says so and cancelling is no longer offered', async ({ page, server }, testInfo) => {
    // Hold the job in its saving phase (a large file's transaction) by answering the progress polls
    // with the engine's own job, still running and saving, until the test lets it go.
    let hold = true;
    await page.route('**/api/jobs:get', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
      if (hold && body.ok && body.value) {
        const { result: _result, error: _error, ...job } = body.value;
        body.value = { ...job, state: 'running', phase: 'saving', bytesRead: job.totalBytes };
      }
      await route.fulfill({ response, json: body });
    });
    await openApp(page, server);
    const imports = new ImportPage(page);
    await new AppShell(page).goTo('imports');
    await imports.importThroughChooser(smallImport);
    await imports.confirmReview();
    await expect(imports.progress).toHaveAttribute('data-phase', 'saving');
    await expect(imports.progress).toContainText('Saving sessions and usage counts…');
    await expect(page.getByTestId('import-cancel')).toBeDisabled();
    await expect(page.getByTestId('import-saving-note')).toContainText('can no longer be cancelled');
    await expect(imports.progress.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow', /.*/);
    await page.screenshot({ path: testInfo.outputPath('import-saving.png') });
    hold = false;
    await imports.waitForResult();
    await expect(imports.stat('added')).toHaveText('12');
  });

  test('an import can be undone, and importing the same bytes again is harmless', async ({ page, server }) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');

    await imports.importThroughInput(smallImport);
    await imports.confirmReview();
    await imports.waitForResult();
    await imports.importThroughInput(smallImport);
    await imports.confirmReview();
    await expect(imports.result).toContainText('was imported before');
    await expect(imports.rows()).toHaveCount(1);

    await imports.rows().first().getByTestId('undo-import').click();
    await shell.confirm();
    await expect(imports.rows()).toHaveCount(0);
    await shell.goTo('dashboard');
    await expect(new DashboardPage(page).emptyState).toBeVisible();
  });

  test('a text file that is no login export opens the mapping, which says what is missing', async ({ page, server }) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');
    await page.getByTestId('file-input').setInputFiles({
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('this,is,not\na,login,export\n'),
    });
    await expect(imports.review).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('review-problem')).toContainText('does not look like an agent login export');
    await expect(imports.reviewImport).toBeDisabled();
    await page.getByTestId('review-cancel').click();
    await expect(imports.review).toBeHidden();
    await expect(imports.rows()).toHaveCount(0);
  });

  test('a file the engine cannot read shows its explanation', async ({ page, server }, testInfo) => {
    await openApp(page, server);
    const shell = new AppShell(page);
    const imports = new ImportPage(page);
    await shell.goTo('imports');
    await page.getByTestId('file-input').setInputFiles({
      name: 'photo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    await expect(imports.failure).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('import-error-message')).not.toBeEmpty();
    await page.screenshot({ path: testInfo.outputPath('import-failed.png') });
  });
});

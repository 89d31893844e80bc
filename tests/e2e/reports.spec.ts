/**
 * Issue #7 end to end: from a monthly count on the dashboard down to one agent's sessions (with
 * their source import and file line) and the peak minute, then a signed PDF report exported from
 * the Reports screen, checked with `seatcast verify` against the same database.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { ReportsPage } from './pages/ReportsPage';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('drills from a monthly count to an agent’s sessions, then exports a verifiable PDF report', async ({ page, server }, testInfo) => {
  await page.goto(server.url);
  const shell = new AppShell(page);
  await shell.waitUntilReady();
  const dashboard = new DashboardPage(page);

  // The monthly count: March 2025 on the active-agents chart, opened from its bar.
  const values = await dashboard.tableValues('chart-active');
  const months = Object.keys(values);
  const index = months.indexOf('2025-03');
  expect(index).toBeGreaterThanOrEqual(0);
  await page.getByTestId('chart-active-table-toggle').click();
  await dashboard.chartSvg('chart-active').locator('.recharts-bar-rectangle').nth(index).click();
  const drawer = dashboard.auditDrawer;
  await expect(drawer.getByRole('heading', { name: 'Active agents · March 2025' })).toBeVisible();
  const count = Number(values['2025-03']!.replace(/,/g, ''));
  await expect(drawer.getByTestId('audit-row')).toHaveCount(count);

  // → one agent → the sessions that made them active, each with its import and file line.
  const first = drawer.getByTestId('audit-agent-link').first();
  const agent = (await first.innerText()).trim();
  await first.click();
  const sessions = drawer.getByTestId('drill-sessions');
  await expect(sessions.getByRole('heading', { name: new RegExp(agent) })).toBeVisible();
  const rows = sessions.getByTestId('drill-session-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('demo-sessions.csv.gz');
  expect(Number((await rows.first().locator('td').last().innerText()).replace(/\D/g, ''))).toBeGreaterThan(1);
  await expect(sessions).toContainText(/make|makes this agent active/);
  await page.screenshot({ path: testInfo.outputPath('drill-sessions.png') });

  // The peak: the minute it happened and who was logged in then.
  await drawer.getByTestId('audit-view-peak').click();
  const peak = drawer.getByTestId('drill-peak');
  await expect(peak).toBeVisible();
  await expect(peak.getByRole('heading')).toContainText('Peak of');
  await expect(peak.locator('tbody tr').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Reports: a signed, pseudonymised PDF for March 2025 with one plan's bill.
  const reports = new ReportsPage(page);
  await reports.open();
  await reports.chooseMonth('2025-03');
  await reports.chooseFormat('pdf');
  await reports.tickPlan(/template/);
  await expect(page.getByTestId('report-names')).not.toBeChecked();
  await expect(page.getByTestId('report-sign')).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('reports-screen.png'), fullPage: true });
  const download = await reports.export();
  expect(download.suggestedFilename()).toBe('seatcast-usage-2025-03-01_2025-04-01.pdf');
  const outDir = testInfo.outputPath('report');
  mkdirSync(outDir, { recursive: true });
  const pdfPath = join(outDir, download.suggestedFilename());
  await download.saveAs(pdfPath);
  const bytes = readFileSync(pdfPath);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.toString('latin1')).not.toContain(agent);

  // The same database confirms it (exit 0), as an auditor would run it.
  const verified = execFileSync(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'dist/cli/seatcast.cjs'), 'verify', pdfPath, '--db', server.databasePath], {
    encoding: 'utf8',
  });
  expect(verified).toContain('Confirmed');
  expect(verified).toContain('Signature: valid');

  // The Reports screen checks a file too: the export is confirmed, an edited copy is not.
  await page.getByTestId('report-verify-input').setInputFiles(pdfPath);
  await expect(page.getByTestId('report-verify-result')).toContainText(`Confirmed: ${download.suggestedFilename()} matches this database`);
  const text = bytes.toString('latin1');
  const at = text.indexOf('/Producer (');
  const tamperedPath = join(outDir, 'edited.pdf');
  writeFileSync(tamperedPath, Buffer.from(`${text.slice(0, at)}/Producer (Edited!${text.slice(at + '/Producer (Edited!'.length)}`, 'latin1'));
  await page.getByTestId('report-verify-input').setInputFiles(tamperedPath);
  await expect(page.getByTestId('report-verify-result')).toContainText('Not confirmed: edited.pdf differs');
  await expect(page.getByTestId('report-verify-result')).toContainText('PDF pages');
  await page.screenshot({ path: testInfo.outputPath('reports-verified.png'), fullPage: true });

  // The export is in the audit log, and the chain holds.
  await expect(reports.auditPanel.getByTestId('audit-log-table')).toContainText('export');
  await reports.page.getByTestId('audit-verify').click();
  await expect(reports.auditPanel.getByTestId('audit-chain')).toContainText('Chain intact · 2 entries');
});

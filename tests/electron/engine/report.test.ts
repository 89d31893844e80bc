import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportReport, monthRange } from '../../../electron/engine/report/index';
import { readXlsx, renderXlsx } from '../../../electron/engine/report/formats';
import { publicKeyPem, readPublicKeyPem } from '../../../electron/engine/report/keys';
import { readPdfAttachment, renderPdf } from '../../../electron/engine/report/pdf';
import { verifyReportBytes } from '../../../electron/engine/report/verify';
import { reportRules } from '../../../electron/engine/report-handlers';
import type { Engine } from '../../../electron/engine/engine';
import { defaultActivityDefinition } from '../../../shared/metrics/activity';
import { parseCsv, toCsv } from '../../../shared/report/cells';
import { call, csv, freshEngine, importThroughJobs, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const activity = { ...defaultActivityDefinition, version: 0 };
const activityNamed = () => activity;

const ROWS = [
  'A01,Ann Example,Billing,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
  'A02,"=HYPERLINK(""http://x"")",Billing,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z',
  'A03,Cara,-Night,2025-03-04T15:00:00Z,2025-03-04T18:00:00Z',
  'A01,Ann Example,Billing,2025-03-20T13:00:00Z,2025-03-20T21:00:00Z',
  'A04,Dee,Billing,2025-04-02T13:00:00Z,2025-04-02T21:00:00Z',
];

async function loadedEngine(): Promise<Engine> {
  const engine = await freshEngine(dir);
  await engine.handlers['prefs:set']({ timeZone: 'America/New_York' });
  const file = writeFile(dir, `r-${Math.random().toString(36).slice(2)}.csv`, csv('agent_id,name,team,login,logout', ROWS));
  const job = await importThroughJobs(engine, file);
  expect(job.state, job.error?.message).toBe('done');
  return engine;
}

const plan = JSON.parse(readFileSync(join(repoRoot, 'resources/plans/dust-style-monthly-active.json'), 'utf8')) as unknown;

async function exported(engine: Engine, format: 'csv' | 'xlsx' | 'pdf' | 'json', extra: { names?: boolean; sign?: boolean } = {}) {
  const rules = reportRules({ ...monthRange('2025-03'), plans: [plan], names: extra.names ?? false }, { defaultTimeZone: () => 'America/New_York', resolveActivity: () => activity });
  return exportReport(engine.db, { rules, format, sign: extra.sign ?? false, seatcastVersion: 'test', generatedAt: '2026-11-23T10:00:00.000Z', activityNamed });
}

const verify = (engine: Engine, bytes: Uint8Array, name: string, publicKey?: ReturnType<typeof readPublicKeyPem>) =>
  verifyReportBytes(engine.db, bytes, name, { currentVersion: 'test', activityNamed, ...(publicKey ? { publicKey } : {}) });

describe('usage reports', () => {
  it('states the figures, rule set, bills and pseudonymised agents, with no real names by default', async () => {
    const engine = await loadedEngine();
    const { report, bytes } = await exported(engine, 'json');
    expect(report.periods).toEqual([expect.objectContaining({ start: '2025-03-01', end: '2025-04-01', activeAgents: 3, peakConcurrent: 2 })]);
    expect(report.rules).toMatchObject({ from: '2025-03-01', to: '2025-04-01', timeZone: 'America/New_York', cycle: 'month', concurrency: 'raw', names: false });
    expect(report.bills).toHaveLength(1);
    expect(report.bills[0]!.totalCents).toBeGreaterThan(0);
    expect(report.inputs.sessions).toBe(4);
    expect(report.agents.map((a) => a.agent)).toEqual(expect.arrayContaining([expect.stringMatching(/^A-[0-9A-HJKMNP-TV-Z]{10}$/)]));
    const text = new TextDecoder().decode(bytes);
    for (const secret of ['Ann Example', '"a01"', 'HYPERLINK', 'Cara']) expect(text).not.toContain(secret);
    // Stable across reports: the same agents get the same pseudonyms.
    const again = await exported(engine, 'csv');
    expect(again.report.agents.map((a) => a.agent)).toEqual(report.agents.map((a) => a.agent));
  });

  it('includes real ids and names only when asked, neutralising formula-like cells in CSV and XLSX', async () => {
    const engine = await loadedEngine();
    const { bytes } = await exported(engine, 'csv', { names: true });
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const agents = rows.filter((r) => /^a0\d$/.test(r[0] ?? ''));
    expect(agents.map((r) => r[1])).toEqual(['Ann Example', `'=HYPERLINK("http://x")`, 'Cara']);
    expect(agents.find((r) => r[0] === 'a03')![2]).toBe("'-Night");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const xlsx = await exported(engine, 'xlsx', { names: true });
    const sheets = await readXlsx(xlsx.bytes);
    const names = sheets.get('Agents')!.slice(1).map((r) => r[1]);
    expect(names).toEqual(['Ann Example', `'=HYPERLINK("http://x")`, 'Cara']);
    expect(typeof sheets.get('Figures')![1]![2]).toBe('number');
  });

  for (const format of ['csv', 'xlsx', 'pdf', 'json'] as const) {
    it(`round-trips ${format}: export → verify confirms`, async () => {
      const engine = await loadedEngine();
      const { bytes, fileName } = await exported(engine, format);
      const result = await verify(engine, bytes, fileName);
      expect(result.differences).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('fails a CSV whose figure was edited and names the cell', async () => {
    const engine = await loadedEngine();
    const { bytes, fileName } = await exported(engine, 'csv');
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const figures = rows.findIndex((r) => r[0] === '2025-03-01');
    rows[figures]![2] = '2';
    const result = await verify(engine, new TextEncoder().encode(toCsv(rows)), fileName);
    expect(result.ok).toBe(false);
    expect(result.differences).toEqual([expect.objectContaining({ where: 'Figures, row 1 (2025-03-01), “Active agents”', found: '"2"', expected: '"3"' })]);
  });

  it('fails a CSV with an agent row removed, a JSON with a changed figure, an XLSX with an edited cell', async () => {
    const engine = await loadedEngine();
    const csvReport = await exported(engine, 'csv');
    const rows = parseCsv(new TextDecoder().decode(csvReport.bytes));
    const lastAgent = rows.findLastIndex((r) => /^A-/.test(r[0] ?? ''));
    rows.splice(lastAgent, 1);
    const csvResult = await verify(engine, new TextEncoder().encode(toCsv(rows)), csvReport.fileName);
    expect(csvResult.ok).toBe(false);
    expect(csvResult.differences.some((d) => d.where.startsWith('Agents'))).toBe(true);

    const json = await exported(engine, 'json');
    const model = JSON.parse(new TextDecoder().decode(json.bytes));
    model.periods[0].peakConcurrent = 1;
    const jsonResult = await verify(engine, new TextEncoder().encode(JSON.stringify(model)), json.fileName);
    expect(jsonResult.ok).toBe(false);
    expect(jsonResult.differences).toEqual([{ where: 'periods[0].peakConcurrent', found: '1', expected: '2' }]);

    const xlsx = await exported(engine, 'xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    workbook.getWorksheet('Bills')!.getRow(2).getCell(6).value = 1;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxResult = await verify(engine, edited, xlsx.fileName);
    expect(xlsxResult.ok).toBe(false);
    expect(xlsxResult.differences[0]!.where).toMatch(/^Bills, row 1 .*“Amount \(minor units\)”/);
  });

  it('fails a PDF whose pages were edited, and reads the attached report back', async () => {
    const engine = await loadedEngine();
    const { bytes, fileName, report } = await exported(engine, 'pdf');
    expect(JSON.parse((await readPdfAttachment(bytes))!)).toEqual(report);
    // Deterministic: the same report renders to the same bytes.
    expect(Buffer.from(await renderPdf(report)).equals(Buffer.from(bytes))).toBe(true);
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.indexOf('/Producer');
    const tampered = Buffer.from(text.slice(0, at) + '/Producer (Edited!' + text.slice(at + '/Producer (Edited!'.length), 'latin1');
    const result = await verify(engine, tampered, fileName);
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => d.where)).toEqual(['PDF pages']);
  });

  it('verifies a signed report with the exported public key and fails it with another key', async () => {
    const engine = await loadedEngine();
    const { bytes, fileName, report } = await exported(engine, 'pdf', { sign: true });
    expect(report.signature?.algorithm).toBe('Ed25519');
    const exportedKey = join(dir, 'seatcast-public.pem');
    writeFileSync(exportedKey, publicKeyPem(engine.db).pem);
    const good = await verify(engine, bytes, fileName, readPublicKeyPem(readFileSync(exportedKey, 'utf8')));
    expect(good).toMatchObject({ ok: true, signature: 'valid' });
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const bad = await verify(engine, bytes, fileName, readPublicKeyPem(other));
    expect(bad).toMatchObject({ ok: false, signature: 'invalid' });
    const csvSigned = await exported(engine, 'csv', { sign: true });
    expect((await verify(engine, csvSigned.bytes, csvSigned.fileName, readPublicKeyPem(other))).ok).toBe(false);
    expect((await verify(engine, csvSigned.bytes, csvSigned.fileName)).ok).toBe(true);
  });

  it('fails when the database changed after export (a session added)', async () => {
    const engine = await loadedEngine();
    const { bytes, fileName } = await exported(engine, 'json');
    const job = await importThroughJobs(engine, writeFile(dir, 'late.csv', csv('agent_id,login,logout', ['Z9,2025-03-10T14:00:00Z,2025-03-10T15:00:00Z'])));
    expect(job.state).toBe('done');
    const result = await verify(engine, bytes, fileName);
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => d.where)).toEqual(expect.arrayContaining(['inputs.sessionsDigest', 'periods[0].activeAgents']));
  });

  it('exports through the contract and records the export in the audit log without agent names', async () => {
    const engine = await loadedEngine();
    const result = await call(engine, 'reports:export', { from: '2025-03-01', to: '2025-04-01', format: 'csv', names: true });
    expect(Buffer.from(result.contentBase64, 'base64').toString('utf8')).toContain('Ann Example');
    const audit = await call(engine, 'audit:list', {});
    expect(audit.check.ok).toBe(true);
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['import', 'settings-change', 'export']));
    expect(JSON.stringify(audit.entries)).not.toContain('Ann Example');
    // The agent id as a token of its own — not three characters inside a hex digest.
    expect(JSON.stringify(audit.entries)).not.toMatch(/(^|[^0-9a-f])a01([^0-9a-f]|$)/i);
  });

  it('refuses what is not a report with a clear message', async () => {
    const engine = await loadedEngine();
    await expect(verify(engine, new TextEncoder().encode('a,b\r\n1,2\r\n'), 'x.csv')).rejects.toThrow(/not a Seatcast usage report/);
    void renderXlsx;
  });
});

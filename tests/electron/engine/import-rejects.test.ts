import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/report/cells';
import { call, csv, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { fixture, importFile } from '../../fixtures/import/harness';

const dir = tempDir();

describe('imports:rejects', () => {
  it('lists rejected rows under the file’s own header, with line, field and reason, formula-safe', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(
      dir,
      'bad-rows.csv',
      csv('Logins export, March', [
        'agent_id,login,logout,team',
        'a1,2025-03-03T09:00:00Z,2025-03-03T17:00:00Z,Tier 1',
        // An id that a spreadsheet would run as a formula.
        '=HYPERLINK("x"),2025-03-03T09:00:00Z,not a time,Tier 1',
        'a2,2025-03-04T18:00:00Z,2025-03-04T08:00:00Z,Tier 2',
        ',2025-03-05T09:00:00Z,2025-03-05T10:00:00Z,Tier 2',
      ]),
    );
    const job = await importFile(engine, path);
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ rowsRead: 4, sessionsAdded: 1, rejected: 3 });
    const importId = job.result!.importId!;
    const { csv: text, rows } = await call(engine, 'imports:rejects', { importId });
    expect(rows).toBe(3);
    expect(parseCsv(text)).toEqual([
      ['Line', 'Field', 'Reason', 'agent_id', 'login', 'logout', 'team'],
      ['4', 'logout', 'logout: "not a time" is not a date and time', "'=HYPERLINK(\"x\")", '2025-03-03T09:00:00Z', 'not a time', 'Tier 1'],
      ['5', 'logout', expect.stringMatching(/^logout .* is before login/), 'a2', '2025-03-04T18:00:00Z', '2025-03-04T08:00:00Z', 'Tier 2'],
      ['6', 'agent', 'the agent id is empty', '', '2025-03-05T09:00:00Z', '2025-03-05T10:00:00Z', 'Tier 2'],
    ]);
    // Undoing the import removes its rejected rows with it.
    await call(engine, 'imports:undo', { importId });
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM import_reject').get() as { n: number }).n).toBe(0);
    await expect(call(engine, 'imports:rejects', { importId })).rejects.toThrow(/not-found: There is no import/);
  });

  it('a workbook’s rejected rows carry their Excel row numbers; JSON records are kept whole', async () => {
    const engine = await freshEngine(dir);
    const xlsx = await importFile(engine, fixture('genesys-cloud-agent-login-logout.xlsx'), { timeZone: 'America/Chicago' });
    const fromXlsx = parseCsv((await call(engine, 'imports:rejects', { importId: xlsx.result!.importId! })).csv);
    expect(fromXlsx).toEqual([
      ['Line', 'Field', 'Reason', 'User', 'Start Time', 'End Time', 'Duration'],
      ['12', 'logout', expect.stringMatching(/is before login/), 'Dan Wu', '2024-01-04 10:00:00', '2024-01-04 09:00:00', '0:00:00'],
    ]);
    const okta = await importFile(engine, fixture('okta-system-log.json'));
    const fromJson = parseCsv((await call(engine, 'imports:rejects', { importId: okta.result!.importId! })).csv);
    expect(fromJson[0]).toEqual(['Line', 'Field', 'Reason', 'Record (JSON)']);
    expect(fromJson).toHaveLength(2);
    expect(JSON.parse(fromJson[1]![3]!)).toMatchObject({ published: '2024-09-31T10:00:00.000Z' });
  });

  it('a file with no rejected row gives the header line only (ready to paste rows under)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    const result = await call(engine, 'imports:rejects', { importId: job.result!.importId! });
    expect(result.rows).toBe(0);
    expect(parseCsv(result.csv)).toEqual([
      ['Line', 'Field', 'Reason', 'AGENT', 'AGENT FIRST NAME', 'AGENT LAST NAME', 'AGENT GROUP', 'DATE', 'LOGIN TIMESTAMP', 'LOGOUT TIMESTAMP', 'LOGIN TIME'],
    ]);
  });
  it('rejects instants outside 1970–2099 and sessions over a year, keeps the longest plausible one, and skips blank rows uncounted', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(
      dir,
      'implausible.csv',
      csv('agent_id,login,logout', [
        'a1,1969-12-31T23:00:00Z,1970-01-01T01:00:00Z',
        'a2,2099-12-31T22:00:00Z,2100-01-01T02:00:00Z',
        'a3,2024-01-01T00:00:00Z,2025-01-02T00:00:00Z',
        // 366 days exactly: the longest a session may be.
        'a4,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z',
        ' , ,\t',
        'a5,2070-06-01T09:00:00Z,2070-06-01T17:00:00Z',
      ]),
    );
    const job = await importFile(engine, path);
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ rowsRead: 5, sessionsAdded: 2, rejected: 3 });
    const { csv: text } = await call(engine, 'imports:rejects', { importId: job.result!.importId! });
    expect(parseCsv(text).map((row) => row.slice(0, 3))).toEqual([
      ['Line', 'Field', 'Reason'],
      ['2', 'login', 'login 1969-12-31 is outside 1970–2099, the years a login export can cover'],
      ['3', 'logout', 'logout 2100-01-01 is outside 1970–2099, the years a login export can cover'],
      ['4', 'logout', 'the session would last 367 days; sessions longer than a year are not plausible'],
    ]);
  });
});

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

function sessions(engine: Awaited<ReturnType<typeof freshEngine>>) {
  return engine.db
    .prepare(
      `SELECT a.external_key AS agent, s.start_ms AS start, s.end_ms AS end, s.flags AS flags, s.source_line AS line
       FROM session s JOIN agent a ON a.id = s.agent_id ORDER BY s.start_ms, a.external_key`,
    )
    .all() as Array<{ agent: string; start: number; end: number; flags: number; line: number }>;
}

function tableCounts(engine: Awaited<ReturnType<typeof freshEngine>>) {
  return engine.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM import) AS imports, (SELECT COUNT(*) FROM session) AS sessions,
              (SELECT COUNT(*) FROM agent) AS agents, (SELECT COUNT(*) FROM day_usage) AS agentDays,
              (SELECT COUNT(*) FROM concurrency_day) AS minutes`,
    )
    .get();
}

const basic = csv('Agent ID,Agent Name,Login Time,Logout Time', [
  'A100,Ana Diaz,2025-03-03 09:00:00,2025-03-03 17:00:00',
  ' a100 ,Ana Diaz,2025-03-04 09:00:00,2025-03-04 12:30:00',
  'B200,Ben Ode,03/03/2025 01:00 PM,03/03/2025 09:00 PM',
]);

describe('generic CSV import', () => {
  it('imports sessions as UTC instants read in the business zone, one identity per agent', async () => {
    const engine = await freshEngine(dir);
    const job = await importThroughJobs(engine, writeFile(dir, 'basic.csv', basic));
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ rowsRead: 3, sessionsAdded: 3, duplicates: 0, rejected: 0, timeZone: 'America/New_York' });
    expect(sessions(engine)).toEqual([
      { agent: 'a100', start: Date.parse('2025-03-03T14:00:00Z'), end: Date.parse('2025-03-03T22:00:00Z'), flags: 0, line: 2 },
      { agent: 'b200', start: Date.parse('2025-03-03T18:00:00Z'), end: Date.parse('2025-03-04T02:00:00Z'), flags: 0, line: 4 },
      { agent: 'a100', start: Date.parse('2025-03-04T14:00:00Z'), end: Date.parse('2025-03-04T17:30:00Z'), flags: 0, line: 3 },
    ]);
    const metrics = await engine.handlers['metrics:monthly']({});
    expect(metrics.periods).toEqual([
      expect.objectContaining({ start: '2025-03-01', end: '2025-04-01', activeAgents: 2, peakConcurrent: 2, agentDays: 3, dailyActiveMax: 2 }),
    ]);
  });

  it('fills an agent’s blank name, team and site from later rows, the first value given winning', async () => {
    const engine = await freshEngine(dir);
    const file = csv('Agent ID,Agent Name,Team,Site,Login Time,Logout Time', [
      'A100,,,,2025-03-03 09:00:00,2025-03-03 10:00:00',
      'B200,Ben Ode,Billing,North,2025-03-03 09:00:00,2025-03-03 10:00:00',
      'A100,,Tax Line,,2025-03-04 09:00:00,2025-03-04 10:00:00',
      'A100,Ana Diaz,Billing,,2025-03-05 09:00:00,2025-03-05 10:00:00',
      'B200,Benjamin Ode,,South,2025-03-05 09:00:00,2025-03-05 10:00:00',
      'A100,Ana D.,,East,2025-03-06 09:00:00,2025-03-06 10:00:00',
    ]);
    const job = await importThroughJobs(engine, writeFile(dir, 'fill.csv', file));
    expect(job.state).toBe('done');
    expect(engine.db.prepare('SELECT external_key, display_name, team, site FROM agent ORDER BY external_key').raw().all()).toEqual([
      ['a100', 'Ana Diaz', 'Tax Line', 'East'],
      ['b200', 'Ben Ode', 'Billing', 'North'],
    ]);
  });

  it('treats re-importing the same bytes as a no-op', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(dir, 'again.csv', basic);
    await importThroughJobs(engine, path);
    const before = tableCounts(engine);
    const second = await importThroughJobs(engine, path);
    expect(second.result).toMatchObject({ alreadyImported: true, sessionsAdded: 0 });
    expect(tableCounts(engine)).toEqual(before);
  });

  it('merges overlapping exports: shared sessions are counted once', async () => {
    const engine = await freshEngine(dir);
    const first = csv('agent_id,login,logout', ['x,2025-01-02T14:00:00Z,2025-01-02T20:00:00Z', 'y,2025-01-03T14:00:00Z,2025-01-03T20:00:00Z']);
    const second = csv('agent_id,login,logout', ['y,2025-01-03T14:00:00Z,2025-01-03T20:00:00Z', 'z,2025-01-04T14:00:00Z,2025-01-04T20:00:00Z']);
    await importThroughJobs(engine, writeFile(dir, 'slice1.csv', first));
    const job = await importThroughJobs(engine, writeFile(dir, 'slice2.csv', second));
    expect(job.result).toMatchObject({ sessionsAdded: 1, duplicates: 1 });
    expect(sessions(engine).map((s) => s.agent)).toEqual(['x', 'y', 'z']);
  });

  it('rejects bad rows with line, field and reason, and imports the rest', async () => {
    const engine = await freshEngine(dir);
    const text = csv('agent_id,login,logout', [
      'a,2025-03-03 09:00,2025-03-03 17:00',
      ',2025-03-03 09:00,2025-03-03 17:00',
      'c,2025-03-03 09:00,2025-03-03 03:10',
      'd,not a time,2025-03-03 17:00',
      'e,2025-03-03 09:00,',
      '',
      'f,2025-03-03 10:00,2025-03-03 10:00',
    ]);
    const job = await importThroughJobs(engine, writeFile(dir, 'bad-rows.csv', text));
    expect(job.result?.rejected).toBe(3);
    expect(job.result?.errors).toEqual([
      { line: 3, field: 'agent', message: 'the agent id is empty' },
      { line: 4, field: 'logout', message: 'logout 2025-03-03 03:10 is before login 2025-03-03 09:00' },
      { line: 5, field: 'login', message: 'login: "not a time" is not a date and time' },
    ]);
    const byAgent = Object.fromEntries(sessions(engine).map((s) => [s.agent, s]));
    // e has no logout: capped at the export's last timestamp (17:00 local) and flagged open.
    expect(byAgent.e).toMatchObject({ end: Date.parse('2025-03-03T22:00:00Z'), flags: 1 });
    // f is zero-length: kept and flagged.
    expect(byAgent.f).toMatchObject({ flags: 2 });
  });

  it('refuses a file that is not a login export and leaves the database exactly as before', async () => {
    const engine = await freshEngine(dir);
    await importThroughJobs(engine, writeFile(dir, 'ok.csv', basic));
    const before = tableCounts(engine);
    const job = await importThroughJobs(engine, writeFile(dir, 'invoice.csv', csv('Invoice,Amount,Customer', ['1,10.00,ACME'])));
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/does not look like an agent login export.*agent id.*login time.*Columns found: "Invoice", "Amount", "Customer"/);
    const png = await importThroughJobs(engine, writeFile(dir, 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(png.error?.message).toMatch(/PNG image/);
    const empty = await importThroughJobs(engine, writeFile(dir, 'empty.csv', ''));
    expect(empty.error?.message).toMatch(/empty/);
    expect(tableCounts(engine)).toEqual(before);
  });

  it('reads UTF-16LE with BOM (tabs), UTF-8 with BOM (semicolons, CRLF), Windows-1252 and gzip alike', async () => {
    const rows = ['Zoë Brontë', 'Łukasz'].map((name, i) => [`agent${i}`, name, `2025-05-0${i + 1} 08:00`, `2025-05-0${i + 1} 16:00`]);
    const build = (sep: string, eol: string) => ['agent_id', 'agent_name', 'login', 'logout'].join(sep) + eol + rows.map((r) => r.join(sep)).join(eol) + eol;
    const variants: Array<[string, Uint8Array]> = [
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(build('\t', '\r\n'), 'utf16le')])],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(build(';', '\r\n'), 'utf8')])],
      ['plain.csv.gz', gzipSync(Buffer.from(build(',', '\n'), 'utf8'))],
    ];
    for (const [name, bytes] of variants) {
      const engine = await freshEngine(dir);
      const job = await importThroughJobs(engine, writeFile(dir, name, bytes));
      expect(job.result, name).toMatchObject({ sessionsAdded: 2, rejected: 0 });
      const names = engine.db.prepare('SELECT display_name FROM agent ORDER BY external_key').all() as Array<{ display_name: string }>;
      expect(names.map((n) => n.display_name), name).toEqual(['Zoë Brontë', 'Łukasz']);
    }
    // Windows-1252 cannot encode Ł; use a Latin-1 name.
    const engine = await freshEngine(dir);
    const latin = Buffer.from(csv('agent_id,agent_name,login,logout', ['q,José Müller,2025-05-01 08:00,2025-05-01 16:00']), 'latin1');
    const job = await importThroughJobs(engine, writeFile(dir, 'cp1252.csv', latin));
    expect(job.result?.sessionsAdded).toBe(1);
    expect((engine.db.prepare('SELECT display_name FROM agent').get() as { display_name: string }).display_name).toBe('José Müller');
  });

  it('resolves DST nights: a shift across fall-back lasts 9 real hours, a gap login is flagged', async () => {
    const engine = await freshEngine(dir);
    const text = csv('agent_id,login,logout', ['night,2024-11-02 20:00,2024-11-03 04:00', 'gap,2024-03-10 02:30,2024-03-10 06:00', 'rep,2024-11-03 01:50,2024-11-03 01:10']);
    const job = await importThroughJobs(engine, writeFile(dir, 'dst.csv', text));
    expect(job.result?.rejected).toBe(0);
    const byAgent = Object.fromEntries(sessions(engine).map((s) => [s.agent, s]));
    expect(byAgent.night!.end - byAgent.night!.start).toBe(9 * 3600_000);
    expect(byAgent.gap).toMatchObject({ start: Date.parse('2024-03-10T07:30:00Z'), flags: 4 });
    // 01:50 (first, EDT) to 01:10 (second, EST): the repeated hour explains it — 20 minutes.
    expect(byAgent.rep).toMatchObject({ start: Date.parse('2024-11-03T05:50:00Z'), end: Date.parse('2024-11-03T06:10:00Z'), flags: 4 });
  });

  it('accepts a duration column instead of logout', async () => {
    const engine = await freshEngine(dir);
    const job = await importThroughJobs(engine, writeFile(dir, 'dur.csv', csv('user,start_time,duration', ['u1,2025-06-02T12:00:00Z,08:30:00', 'u2,2025-06-02T12:00:00Z,3600'])));
    expect(job.result?.sessionsAdded).toBe(2);
    expect(sessions(engine).map((s) => (s.end - s.start) / 60_000)).toEqual([510, 60]);
  });

  it('cancelling an import leaves nothing behind', async () => {
    const engine = await freshEngine(dir);
    const rows: string[] = [];
    for (let i = 0; i < 200_000; i += 1) rows.push(`agent${i % 500},2025-01-01T00:00:00Z,2025-01-01T0${(i % 9) + 1}:00:00Z`);
    const { fileId } = engine.stageFile(writeFile(dir, 'big.csv', csv('agent_id,login,logout', rows)));
    const { jobId } = await engine.handlers['imports:start']({ fileId, format: 'auto' });
    const cancelled = await engine.handlers['jobs:cancel']({ jobId });
    expect(cancelled.jobId).toBe(jobId);
    let job = await engine.handlers['jobs:get']({ jobId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 5));
      job = await engine.handlers['jobs:get']({ jobId });
    }
    expect(job.state).toBe('cancelled');
    expect(tableCounts(engine)).toEqual({ imports: 0, sessions: 0, agents: 0, agentDays: 0, minutes: 0 });
  });

  it('undo removes the import, its sessions and their derived data', async () => {
    const engine = await freshEngine(dir);
    const first = await importThroughJobs(engine, writeFile(dir, 'keep.csv', csv('agent_id,login,logout', ['k,2025-02-03T14:00:00Z,2025-02-03T22:00:00Z'])));
    const before = await engine.handlers['metrics:monthly']({});
    const second = await importThroughJobs(engine, writeFile(dir, 'undo-me.csv', basic));
    const undone = await engine.handlers['imports:undo']({ importId: second.result!.importId! });
    expect(undone.sessionsRemoved).toBe(3);
    expect(await engine.handlers['metrics:monthly']({})).toEqual(before);
    expect((await engine.handlers['imports:list']({})).map((i) => i.importId)).toEqual([first.result!.importId]);
    expect(() => engine.handlers['imports:undo']({ importId: second.result!.importId! })).toThrow(/no import/);
  });
});

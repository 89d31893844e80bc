import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { csv, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { json: false, out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

describe('seatcast CLI (in-process)', () => {
  it('seatcast demo prints one row per month with every count', async () => {
    const { code, text } = await cli(['demo', '--json']);
    expect(code).toBe(0);
    const { periods } = JSON.parse(text);
    expect(periods.length).toBeGreaterThanOrEqual(24);
    expect(Object.keys(periods[0])).toEqual(['start', 'end', 'activeAgents', 'dailyActiveAvg', 'dailyActiveMax', 'agentDays', 'peakConcurrent', 'loggedInHours', 'provisioned', 'utilisation']);
    const byMonth = Object.fromEntries(periods.map((p: { start: string; activeAgents: number }) => [p.start.slice(0, 7), p.activeAgents]));
    expect(byMonth['2025-03']).toBeGreaterThan(byMonth['2025-07'] * 1.25);
  });

  it('seatcast import reports the JSON contract and exit codes; metrics reads it back', async () => {
    const db = join(dir, 'cli.db');
    const good = writeFile(dir, 'good.csv', csv('agent_id,login,logout', ['a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z', 'b,2025-03-04T14:00:00Z,oops']));
    const imported = await cli(['import', good, '--db', db, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.text)).toEqual({
      imports: [
        {
          file: 'good.csv',
          format: 'generic-csv',
          status: 'imported',
          importId: 1,
          rowsRead: 2,
          sessionsAdded: 1,
          duplicates: 0,
          rejected: 1,
          errors: [{ line: 3, field: 'logout', message: 'logout: "oops" is not a date and time' }],
        },
      ],
    });
    const refused = await cli(['import', writeFile(dir, 'nope.csv', 'just,some,words\n1,2,3\n'), '--db', db, '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.text).imports[0]).toMatchObject({ status: 'refused', sessionsAdded: 0, errors: [{ line: 0 }] });

    const metrics = await cli(['metrics', '--db', db, '--json', '--tz', 'UTC', '--from', '2025-02-01', '--to', '2025-04-01']);
    expect(JSON.parse(metrics.text).periods).toEqual([
      { start: '2025-02-01', end: '2025-03-01', activeAgents: 0, dailyActiveAvg: 0, dailyActiveMax: 0, agentDays: 0, peakConcurrent: 0, loggedInHours: 0, provisioned: 0, utilisation: null },
      { start: '2025-03-01', end: '2025-04-01', activeAgents: 1, dailyActiveAvg: 0.03, dailyActiveMax: 1, agentDays: 1, peakConcurrent: 1, loggedInHours: 8, provisioned: 0, utilisation: null },
    ]);

    const list = JSON.parse((await cli(['imports', '--db', db, '--json'])).text);
    expect(list.imports.map((i: { file: string }) => i.file)).toEqual(['good.csv']);
    expect((await cli(['undo', '1', '--db', db])).text).toBe('Import #1 undone: 1 sessions removed.');
  });

  it('seatcast agents --period lists the active agents; --activity takes a JSON file; invalid files are refused with the path', async () => {
    const db = join(dir, 'agents.db');
    const file = writeFile(dir, 'agents.csv', csv('agent_id,login,logout,role', ['a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z,agent', 's,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z,supervisor']));
    expect((await cli(['import', file, '--db', db])).code).toBe(0);
    const agents = JSON.parse((await cli(['agents', '--period', '2025-03', '--db', db, '--json', '--tz', 'UTC'])).text);
    expect(agents).toMatchObject({ from: '2025-03-01', to: '2025-04-01', agents: [{ agent: 'a', activeDays: 1, sessions: 1, loggedInHours: 8 }, { agent: 's' }] });
    const definition = writeFile(dir, 'billable.json', JSON.stringify({ name: 'Billable', excludeRoles: ['supervisor'] }));
    const metrics = JSON.parse((await cli(['metrics', '--db', db, '--json', '--tz', 'UTC', '--activity', definition])).text);
    expect(metrics.periods[0].activeAgents).toBe(1);
    expect(metrics.activityDefinition).toMatchObject({ name: 'Billable', version: 0 });
    const bad = writeFile(dir, 'bad.json', JSON.stringify({ name: 'Bad', minActiveDays: 0 }));
    await expect(runCli(['metrics', '--db', db, '--activity', bad])).rejects.toThrow(/activity\.minActiveDays/);
    await expect(runCli(['agents', '--period', '2025-3', '--db', db])).rejects.toThrow(/not a month as YYYY-MM/);
  });

  it('seatcast project prices the demo-shaped history under several plans in the contract JSON', async () => {
    const db = join(dir, 'project.db');
    const file = writeFile(dir, 'project.csv', csv('agent_id,login,logout', [
      'a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
      'b,2025-03-03T15:00:00Z,2025-03-03T23:00:00Z',
      'c,2025-04-03T14:00:00Z,2025-04-03T22:00:00Z',
    ]));
    expect((await cli(['import', file, '--db', db])).code).toBe(0);
    const plans = ['platform28-active-user.json', 'generic-concurrent-seat.json'].map((name) => join(repoRoot, 'resources', 'plans', name));
    const { code, text } = await cli(['project', '--db', db, '--tz', 'UTC', '--json', ...plans.flatMap((p) => ['--plan', p])]);
    expect(code).toBe(0);
    const report = JSON.parse(text);
    expect(report.plans).toHaveLength(2);
    for (const plan of report.plans) {
      expect(Object.keys(plan)).toEqual(expect.arrayContaining(['name', 'periods', 'totalCents']));
      expect(plan.periods.map((p: { start: string }) => p.start)).toEqual(['2025-03-01', '2025-04-01']);
      for (const period of plan.periods) {
        expect(Object.keys(period)).toEqual(expect.arrayContaining(['start', 'quantity', 'totalCents', 'lines']));
        expect(period.totalCents).toBe(period.lines.reduce((sum: number, l: { amountCents: number }) => sum + l.amountCents, 0));
        for (const line of period.lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(['label', 'quantity', 'unitCents', 'amountCents', 'explanation']));
      }
      expect(plan.totalCents).toBe(plan.periods.reduce((sum: number, p: { totalCents: number }) => sum + p.totalCents, 0));
    }
    // Active-user plan: 2 active in March, 1 in April.
    expect(report.plans[0].periods.map((p: { quantity: number }) => p.quantity)).toEqual([2, 1]);
  });

  it('seatcast metrics --concurrency takes a list: each period carries every rule’s peak, equal to that rule run alone', async () => {
    const db = join(dir, 'rules.db');
    // Two agents overlap for 20 minutes (level 2), one stays on alone: raw 2, cumulative:30 1,
    // cumulative:15 2, sustained:15 2, sustained:30 1.
    const file = writeFile(dir, 'rules.csv', csv('agent_id,login,logout', ['a,2025-03-03T14:00:00Z,2025-03-03T16:00:00Z', 'b,2025-03-03T15:00:00Z,2025-03-03T15:20:00Z']));
    expect((await cli(['import', file, '--db', db])).code).toBe(0);
    const rules = ['raw', 'cumulative:30', 'cumulative:15', 'sustained:15', 'sustained:30', 'p95'];
    const all = JSON.parse((await cli(['metrics', '--db', db, '--json', '--tz', 'UTC', '--concurrency', rules.join(',')])).text);
    expect(all.periods).toHaveLength(1);
    expect(all.periods[0].peakConcurrentByRule).toEqual({ raw: 2, 'cumulative:30': 1, 'cumulative:15': 2, 'sustained:15': 2, 'sustained:30': 1, p95: 0 });
    expect(all.periods[0].peakConcurrent).toBe(2);
    for (const rule of rules) {
      const alone = JSON.parse((await cli(['metrics', '--db', db, '--json', '--tz', 'UTC', '--concurrency', rule])).text);
      expect(alone.periods[0].peakConcurrentByRule).toBeUndefined();
      expect(alone.periods[0].peakConcurrent).toBe(all.periods[0].peakConcurrentByRule[rule]);
    }
    const table = await cli(['metrics', '--db', db, '--tz', 'UTC', '--concurrency', 'raw,sustained:30']);
    expect(table.text).toMatch(/Peak raw\s+Peak sustained:30/);
    await expect(runCli(['metrics', '--db', db, '--concurrency', 'raw,often'])).rejects.toThrow(/or several, separated by commas/);
  });

  it('refuses an invalid plan file with its JSON path and reason', async () => {
    const bad = writeFile(dir, 'bad-plan.json', JSON.stringify({ formatVersion: 1, name: 'Bad', currency: 'USD', charges: [{ id: 'seats', label: 'Seats', quantity: { kind: 'activeAgents' }, price: { kind: 'per-unit', unitPrice: -5 } }] }));
    await expect(runCli(['project', '--plan', bad])).rejects.toThrow(/bad-plan\.json: .*\$\.charges\[0\]\.price/);
    await expect(runCli(['project'])).rejects.toThrow(/at least one --plan/);
  });

  it('refuses unsupported options plainly instead of ignoring them', async () => {
    await expect(runCli(['metrics', '--concurrency', 'cumulative'])).rejects.toThrow(/expected raw, cumulative:N, sustained:N or p95/);
    await expect(runCli(['metrics', '--cycle', 'fortnightly'])).rejects.toThrow(/expected month, anchored:DD, rolling:N, quarter or year/);
    await expect(runCli(['metrics', '--tz', 'Nowhere/Land'])).rejects.toThrow(/not an IANA time zone/);
    await expect(runCli(['frobnicate'])).rejects.toThrow(/Unknown command/);
  });
});

describe('seatcast bin (built bundle, real process)', () => {
  it('npx-style run prints at least 12 monthly rows for the demo', () => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-node.mjs')], { cwd: repoRoot });
    const out = execFileSync(process.execPath, [join(repoRoot, 'bin', 'seatcast.cjs'), 'demo'], { encoding: 'utf8' });
    const monthRows = out.split('\n').filter((line) => /^\d{4}-\d{2}\s/.test(line));
    expect(monthRows.length).toBeGreaterThanOrEqual(12);
  });

  it('stops quietly when the reader closes the pipe early (| head)', () => {
    // A shell pipeline into `head -c 1`: the agent list (well over a pipe buffer) is still being
    // written after head has gone.
    const cli = `"${process.execPath}" "${join(repoRoot, 'bin', 'seatcast.cjs')}"`;
    const db = join(dir, `pipe-${Date.now()}.db`);
    execFileSync('sh', ['-c', `${cli} import "${join(repoRoot, 'resources', 'demo', 'demo-sessions.csv.gz')}" --db "${db}" >/dev/null`]);
    const result = spawnSync('sh', ['-c', `${cli} agents --period 2025-03 --db "${db}" --json | head -c 1 >/dev/null`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
  });

  it('exits 2 with a message on bad usage', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'seatcast.cjs'), 'metrics', '--from', '2025-13-01'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--from: "2025-13-01" is not a date');
  });
});

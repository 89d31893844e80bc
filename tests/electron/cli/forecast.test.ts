/** The `seatcast forecast` contract of issue #6, key by key, its defaults, limits and exit codes. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main, runCli } from '../../../electron/cli/index';
import { csv, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const db = join(dir, 'forecast.db');
// Agents active per calendar month, the same shape both years: a tax-season peak and a summer trough.
const SHAPE = [30, 40, 45, 38, 25, 20, 18, 18, 22, 26, 32, 30];

async function run(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(args, { json: args.includes('--json'), out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

beforeAll(async () => {
  const rows: string[] = [];
  for (const year of [2024, 2025]) {
    SHAPE.forEach((agents, m) => {
      const month = String(m + 1).padStart(2, '0');
      for (let a = 0; a < agents + (year - 2024) * 2; a += 1) rows.push(`agent-${a},${year}-${month}-10T14:00:00Z,${year}-${month}-10T22:00:00Z`);
    });
  }
  const file = writeFile(dir, 'logins.csv', csv('agent_id,login,logout', rows));
  expect((await run(['import', file, '--db', db, '--tz', 'UTC'])).code).toBe(0);
});

describe('seatcast forecast', () => {
  it('prints { model, backtestMape, periods: [{ start, activeAgents, activeAgentsLow, activeAgentsHigh, peakConcurrent, loggedInHours, provisioned }] }', async () => {
    const { code, text } = await run(['forecast', '--db', db, '--tz', 'UTC', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(text) as { model: string; backtestMape: number | null; periods: Array<Record<string, unknown>> };
    expect(typeof out.model).toBe('string');
    expect(out.model).toBe('seasonal-naive');
    // 2025 is 2024 plus two agents every month: seasonal naive misses by 2/n each month.
    const expectedMape = (SHAPE.reduce((s, n) => s + 2 / (n + 2), 0) / 12) * 100;
    expect(out.backtestMape).toBeCloseTo(expectedMape, 1);
    // Default: 12 calendar months from the month after the last data.
    expect(out.periods.map((p) => p.start)).toEqual(Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-01`));
    for (const p of out.periods) {
      for (const key of ['activeAgents', 'activeAgentsLow', 'activeAgentsHigh', 'peakConcurrent', 'loggedInHours', 'provisioned']) expect(typeof p[key]).toBe('number');
      expect(p.activeAgentsLow as number).toBeLessThanOrEqual(p.activeAgents as number);
      expect(p.activeAgentsHigh as number).toBeGreaterThanOrEqual(p.activeAgents as number);
    }
    // Seasonal naive: next March is last March.
    expect(out.periods.map((p) => p.activeAgents)).toEqual(SHAPE.map((n) => n + 2));
    expect(out.periods[2]!.loggedInHours).toBe((SHAPE[2]! + 2) * 8);
  });

  it('honours --from and --months, and applies a --scenario file exactly', async () => {
    const scenario = writeFile(dir, 'hires.json', JSON.stringify({ name: 'Tax season', hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] }));
    const { code, text } = await run(['forecast', '--db', db, '--tz', 'UTC', '--from', '2026-02-01', '--months', '3', '--scenario', scenario, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(text) as { periods: Array<{ start: string; activeAgents: number }> };
    expect(out.periods.map((p) => [p.start, p.activeAgents])).toEqual([
      ['2026-02-01', SHAPE[1]! + 2 + 60],
      ['2026-03-01', SHAPE[2]! + 2 + 60],
      ['2026-04-01', SHAPE[3]! + 2 + 60],
    ]);
    const human = await run(['forecast', '--db', db, '--tz', 'UTC', '--months', '24']);
    expect(human.code).toBe(0);
    expect(human.text).toMatch(/Model: Seasonal naive \(backtest MAPE/);
    expect(human.text.split('\n').filter((l) => /^20\d\d-\d\d /.test(l))).toHaveLength(24);
  });

  it('says so when there is too little history for a seasonal model', async () => {
    const shortDb = join(dir, 'short.db');
    const rows = SHAPE.flatMap((agents, m) => Array.from({ length: agents }, (_, a) => `agent-${a},2025-${String(m + 1).padStart(2, '0')}-10T14:00:00Z,2025-${String(m + 1).padStart(2, '0')}-10T22:00:00Z`));
    await run(['import', writeFile(dir, 'short.csv', csv('agent_id,login,logout', rows)), '--db', shortDb, '--tz', 'UTC']);
    const out = JSON.parse((await run(['forecast', '--db', shortDb, '--tz', 'UTC', '--json'])).text) as { model: string; messages: string[] };
    expect(out.model).toBe('drift');
    expect(out.messages.join(' ')).toMatch(/Too little history for a seasonal model/);
  });

  it('exits 2 with the reason for bad flags and bad scenario files', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['forecast', '--db', db, '--months', '25'])).toBe(2);
      expect(await main(['forecast', '--db', db, '--from', '2026-02-30'])).toBe(2);
      const bad = writeFile(dir, 'bad.json', JSON.stringify({ name: 'Bad', hires: [{ agents: 10, from: '2026-02', to: 'April' }] }));
      expect(await main(['forecast', '--db', db, '--scenario', bad])).toBe(2);
      const text = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toMatch(/--months: "25" must be a whole number of months from 1 to 24/);
      expect(text).toMatch(/--from: "2026-02-30" is not a date/);
      expect(text).toMatch(/bad\.json: \$\.hires\[0\]\.to: expected a month/);
    } finally {
      stderr.mockRestore();
    }
  });
});

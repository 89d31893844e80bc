/**
 * Issue #8, idempotence: the same file imported three times, two overlapping exports, and undo then
 * re-import all leave the same metrics as one import — compared as the full metrics:periods output
 * under every counting rule (each cycle × each concurrency rule and hours rounding × two activity
 * definitions), plus
 * the stored sessions themselves. The export is generated: agents whose shifts cross midnight, month
 * ends and both 2024 DST changes in New York, a few open sessions and zero-length ones.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { call, csv, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { importFile, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const ZONE = 'America/New_York';

const CYCLES = ['month', 'anchored:15', 'rolling:30', 'quarter', 'year'] as const;
/** Every concurrency rule and every hours rounding, paired (they are computed independently). */
const MEASURES = [
  { concurrency: 'raw', hoursRounding: 'none' },
  { concurrency: 'p95', hoursRounding: 'ceil-total' },
  { concurrency: 'cumulative:30', hoursRounding: 'increment:15' },
  { concurrency: 'sustained:15', hoursRounding: 'increment:15' },
] as const;
const ACTIVITIES = [
  undefined,
  { name: 'Overlap, 30 min, 2 days', basis: 'session-overlap', minSessionMinutes: 30, minActiveDays: 2 },
] as const;

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Naive local wall time, as many exports write it (read in ZONE). */
function wall(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Rows `agent,login,logout` in wall time, sorted by login; some logouts empty (still logged in). */
function exportRows(): string[] {
  const next = random(20241103);
  const rows: Array<{ at: number; text: string }> = [];
  // Days around both DST changes and across month, quarter and year ends.
  const firstDay = Date.UTC(2024, 1, 20);
  const days = 330;
  for (let agent = 0; agent < 14; agent += 1) {
    const id = `agent-${agent}`;
    for (let day = 0; day < days; day += 1 + Math.floor(next() * 4)) {
      const base = firstDay + day * 86_400_000;
      // Night shifts for a few agents cross midnight (and the DST hours at 01:00–03:00).
      const startHour = agent % 5 === 0 ? 20 + Math.floor(next() * 4) : 6 + Math.floor(next() * 10);
      const login = base + startHour * 3_600_000 + Math.floor(next() * 60) * 60_000;
      const minutes = next() < 0.05 ? 0 : 20 + Math.floor(next() * 600);
      const logout = login + minutes * 60_000;
      const open = day > days - 8 && next() < 0.3;
      rows.push({ at: login, text: `${id},${wall(login)},${open ? '' : wall(logout)}` });
    }
  }
  rows.sort((a, b) => a.at - b.at || a.text.localeCompare(b.text));
  return rows.map((r) => r.text);
}

const ROWS = exportRows();
const HEADER = 'agent_id,login,logout';
const FULL = writeFile(dir, 'full.csv', csv(HEADER, ROWS));
// Two exports of overlapping ranges: the middle 40 % is in both.
const FIRST = writeFile(dir, 'first-70.csv', csv(HEADER, ROWS.slice(0, Math.floor(ROWS.length * 0.7))));
const SECOND = writeFile(dir, 'last-70.csv', csv(HEADER, ROWS.slice(Math.floor(ROWS.length * 0.3))));

async function engineIn(zone: string): Promise<Engine> {
  const engine = await freshEngine(dir);
  await call(engine, 'prefs:set', { timeZone: zone });
  return engine;
}

async function load(engine: Engine, path: string) {
  const job = await importFile(engine, path, { timeZone: ZONE });
  expect(job.state, job.error?.message).toBe('done');
  return job.result!;
}

/** Every rule's metrics:periods output, keyed by the rule. */
async function everyRule(engine: Engine): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const cycle of CYCLES)
    for (const { concurrency, hoursRounding } of MEASURES)
      for (const activity of ACTIVITIES) {
        const key = `${cycle}|${concurrency}|${hoursRounding}|${activity?.name ?? 'default'}`;
        out[key] = await call(engine, 'metrics:periods', {
          timeZone: ZONE,
          cycle,
          concurrency,
          hoursRounding,
          from: '2024-01-01',
          to: '2025-03-01',
          ...(activity ? { activity: { ...activity, excludeRoles: [], excludeTeams: [], excludeIdPatterns: [] } } : {}),
        });
      }
  return out;
}

async function state(engine: Engine) {
  return { sessions: sessionsOf(engine), metrics: await everyRule(engine) };
}

describe('idempotent imports (issue #8)', () => {
  it('same file ×3, overlapping exports, and undo then re-import give identical metrics under every rule', async () => {
    const once = await engineIn(ZONE);
    const first = await load(once, FULL);
    expect(first.sessionsAdded).toBeGreaterThan(500);
    expect(first.flagged!.openCapped).toBeGreaterThan(0);
    expect(first.flagged!.zeroLength).toBeGreaterThan(0);
    const expected = await state(once);
    // The comparison means something only if the rules disagree with each other.
    const monthRaw = expected.metrics['month|raw|none|default'] as { periods: Array<{ peakConcurrent: number; loggedInHours: number; activeAgents: number }> };
    const monthStrict = expected.metrics['month|sustained:15|increment:15|Overlap, 30 min, 2 days'] as typeof monthRaw;
    expect(monthRaw.periods.length).toBeGreaterThanOrEqual(12);
    expect(monthStrict.periods).not.toEqual(monthRaw.periods);

    const thrice = await engineIn(ZONE);
    await load(thrice, FULL);
    for (let i = 0; i < 2; i += 1) {
      const again = await load(thrice, FULL);
      expect(again).toMatchObject({ alreadyImported: true, sessionsAdded: 0 });
    }
    expect((await call(thrice, 'imports:list', {})).length).toBe(1);
    expect(await state(thrice)).toEqual(expected);

    const overlapping = await engineIn(ZONE);
    const a = await load(overlapping, FIRST);
    const b = await load(overlapping, SECOND);
    expect(b.duplicates).toBeGreaterThan(0);
    expect(a.sessionsAdded + b.sessionsAdded).toBe(first.sessionsAdded);
    expect(await state(overlapping)).toEqual(expected);

    const undone = await engineIn(ZONE);
    const before = await load(undone, FULL);
    await call(undone, 'imports:undo', { importId: before.importId! });
    expect(sessionsOf(undone)).toEqual([]);
    const reimported = await load(undone, FULL);
    expect(reimported).toMatchObject({ alreadyImported: false, sessionsAdded: first.sessionsAdded });
    expect(await state(undone)).toEqual(expected);

    // Undo one of two overlapping exports: its shared sessions were the other's duplicates, so
    // they go with it; importing it again brings the same database back.
    const partly = await engineIn(ZONE);
    await load(partly, FIRST);
    const second = await load(partly, SECOND);
    await call(partly, 'imports:undo', { importId: second.importId! });
    await load(partly, SECOND);
    expect(await state(partly)).toEqual(expected);
  }, 120_000);
});

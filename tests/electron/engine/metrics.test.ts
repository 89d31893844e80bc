import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { MonthlyPeriod } from '../../../shared/contract';
import { parseConcurrencyRule, peakUnderRule } from '../../../shared/metrics/concurrency';
import { noteLongestSession, rebuildCubeRange, readMinuteLevels } from '../../../electron/engine/metrics/cube';
import { ZoneClock } from '../../../shared/calendar';
import { csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const iso = (ms: number) => new Date(ms).toISOString();

async function loaded(rows: Array<[string, string, string]>, timeZone?: string) {
  const engine = await freshEngine(dir);
  if (timeZone) await engine.handlers['prefs:set']({ timeZone });
  const job = await importThroughJobs(engine, writeFile(dir, `m-${Math.random().toString(36).slice(2)}.csv`, csv('agent_id,login,logout', rows.map((r) => r.join(',')))));
  expect(job.state, job.error?.message).toBe('done');
  return engine;
}

async function monthly(rows: Array<[string, string, string]>, timeZone?: string, range: { from?: string; to?: string } = {}) {
  const engine = await loaded(rows, timeZone);
  return (await engine.handlers['metrics:monthly'](range)).periods;
}

describe('monthly metrics on hand-built timelines', () => {
  it('counts an agent leaving at 16:00 and one arriving at 16:00 as one at a time (half-open sessions)', async () => {
    const periods = await monthly([
      ['day', '2025-04-07T12:00:00Z', '2025-04-07T20:00:00Z'],
      ['evening', '2025-04-07T20:00:00Z', '2025-04-08T04:00:00Z'],
    ]);
    expect(periods).toEqual([expect.objectContaining({ start: '2025-04-01', activeAgents: 2, peakConcurrent: 1, loggedInHours: 16 })]);
  });

  it("counts an agent's own overlapping sessions once, in concurrency and in hours", async () => {
    const periods = await monthly([
      ['solo', '2025-04-07T12:00:00Z', '2025-04-07T20:00:00Z'],
      ['solo', '2025-04-07T13:00:00Z', '2025-04-07T14:00:00Z'],
      ['other', '2025-04-07T13:30:00Z', '2025-04-07T13:45:00Z'],
    ]);
    expect(periods[0]).toMatchObject({ activeAgents: 2, peakConcurrent: 2, loggedInHours: 8.25, agentDays: 2 });
  });

  it('assigns a session to the local month in which it starts, not the UTC one', async () => {
    // 2025-01-31 21:00 in New York is 2025-02-01 02:00 UTC.
    const periods = await monthly([['late', '2025-02-01T02:00:00Z', '2025-02-01T04:00:00Z']]);
    expect(periods).toEqual([expect.objectContaining({ start: '2025-01-01', end: '2025-02-01', activeAgents: 1, peakConcurrent: 1 })]);
  });

  it('splits hours at local midnight and counts the 25-hour fall-back day correctly', async () => {
    // 20:00 EDT on Oct 31 to 02:00 EST on Nov 3 2024 — across a month end and the DST change.
    const periods = await monthly([['long', '2024-11-01T00:00:00Z', '2024-11-03T07:00:00Z']], undefined, { to: '2024-12-01' });
    expect(periods.map((p) => [p.start, p.loggedInHours, p.activeAgents])).toEqual([
      ['2024-10-01', 4, 1],
      ['2024-11-01', 51, 0],
    ]);
  });

  it('by default covers the months from the first to the last session start', async () => {
    const periods = await monthly([['long', '2024-11-01T00:00:00Z', '2024-11-03T07:00:00Z']]);
    expect(periods.map((p) => p.start)).toEqual(['2024-10-01']);
  });

  it('gives zeros for months inside the range that have no activity', async () => {
    const periods = await monthly([
      ['a', '2025-01-10T15:00:00Z', '2025-01-10T16:00:00Z'],
      ['a', '2025-03-10T15:00:00Z', '2025-03-10T16:00:00Z'],
    ]);
    expect(periods.map((p) => [p.start, p.activeAgents, p.peakConcurrent])).toEqual([
      ['2025-01-01', 1, 1],
      ['2025-02-01', 0, 0],
      ['2025-03-01', 1, 1],
    ]);
  });

  it('replays licensing.md TC2 end to end: shifts 08:00–16:10 and 16:00–24:00, 3 days', async () => {
    const rows: Array<[string, string, string]> = [];
    for (const day of ['2025-04-07', '2025-04-08', '2025-04-09']) {
      for (let a = 0; a < 40; a += 1) {
        rows.push([`day${a}`, `${day}T08:00:00Z`, `${day}T16:10:00Z`]);
        rows.push([`eve${a}`, `${day}T16:00:00Z`, `${day}T23:59:59.999Z`]);
      }
    }
    const engine = await loaded(rows, 'UTC');
    const peak = async (concurrency: string) => (await engine.handlers['metrics:monthly']({ concurrency })).periods[0]!.peakConcurrent;
    expect(await peak('raw')).toBe(80);
    expect(await peak('cumulative:30')).toBe(80);
    expect(await peak('cumulative:31')).toBe(40);
    expect(await peak('sustained:30')).toBe(40);
    const metrics = await engine.handlers['metrics:monthly']({ concurrency: 'cumulative:30' });
    expect(metrics.definitions.concurrency).toMatch(/cumulative 30 min/);
  });

  it('rebuilds the cube when the business time zone changes', async () => {
    const engine = await freshEngine(dir);
    await importThroughJobs(engine, writeFile(dir, 'tz.csv', csv('agent_id,login,logout', ['a,2025-02-01T02:00:00Z,2025-02-01T03:00:00Z'])));
    expect((await engine.handlers['metrics:monthly']({})).periods[0]!.start).toBe('2025-01-01');
    await engine.handlers['prefs:set']({ timeZone: 'Europe/Paris' });
    expect((await engine.handlers['metrics:monthly']({})).periods[0]!.start).toBe('2025-02-01');
    expect((await engine.handlers['metrics:monthly']({ timeZone: 'America/Los_Angeles' })).periods[0]!.start).toBe('2025-01-01');
  });
});

/** Straight from raw sessions, with no cube: the reference the cube must agree with. */
function naiveMonthly(sessions: Array<{ agent: string; start: number; end: number }>, timeZone: string): Map<string, Partial<MonthlyPeriod>> {
  const zoned = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  const monthKey = (ms: number) => zoned(ms).toPlainDate().toString().slice(0, 7);
  const result = new Map<string, Partial<MonthlyPeriod>>();
  const months = new Set(sessions.map((s) => monthKey(s.start)));
  const byAgent = new Map<string, Array<[number, number]>>();
  for (const s of sessions) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), [s.start, s.end]]);
  const merged = [...byAgent.values()].map((list) => {
    list.sort((a, b) => a[0] - b[0]);
    const out: Array<[number, number]> = [];
    for (const [s, e] of list) {
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    return out;
  });
  for (const month of months) {
    const start = Temporal.PlainDate.from(`${month}-01`).toZonedDateTime({ timeZone }).epochMilliseconds;
    const end = Temporal.PlainDate.from(`${month}-01`).add({ months: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
    const active = new Set(sessions.filter((s) => s.start >= start && s.start < end).map((s) => s.agent));
    let peak = 0;
    for (const t of merged.flat().map(([s]) => Math.max(s, start)).concat([start])) {
      if (t < start || t >= end) continue;
      const level = merged.filter((intervals) => intervals.some(([s, e]) => s <= t && t < e)).length;
      peak = Math.max(peak, level);
    }
    let ms = 0;
    for (const intervals of merged) for (const [s, e] of intervals) ms += Math.max(0, Math.min(e, end) - Math.max(s, start));
    const days = new Map<string, Set<string>>();
    for (const s of sessions.filter((x) => x.start >= start && x.start < end)) {
      const day = zoned(s.start).toPlainDate().toString();
      days.set(day, (days.get(day) ?? new Set()).add(s.agent));
    }
    const counts = [...days.values()].map((set) => set.size);
    result.set(month, {
      activeAgents: active.size,
      peakConcurrent: peak,
      loggedInHours: Math.round((ms / 3_600_000) * 100) / 100,
      agentDays: counts.reduce((a, b) => a + b, 0),
      dailyActiveMax: Math.max(0, ...counts),
    });
  }
  return result;
}

const levelsStart = (day: string, timeZone: string) => Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds;

/** Per-minute levels of a local-month period straight from raw sessions (each agent merged). */
function naiveMinuteLevels(sessions: Array<{ agent: string; start: number; end: number }>, startDayUtc: number, endDayUtc: number, timeZone: string): Int32Array {
  const toInstant = (dayUtcMs: number) =>
    Temporal.PlainDate.from(new Date(dayUtcMs).toISOString().slice(0, 10)).toZonedDateTime({ timeZone }).epochMilliseconds;
  const start = toInstant(startDayUtc);
  const end = toInstant(endDayUtc);
  const byAgent = new Map<string, Array<[number, number]>>();
  for (const s of sessions) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), [s.start, s.end]]);
  const levels = new Int32Array((end - start) / 60_000);
  for (let m = 0; m < levels.length; m += 1) {
    const from = start + m * 60_000;
    const candidates = [from, ...sessions.map((s) => s.start).filter((t) => t > from && t < from + 60_000)];
    for (const t of candidates) {
      let level = 0;
      for (const intervals of byAgent.values()) if (intervals.some(([s, e]) => s <= t && t < e)) level += 1;
      if (level > levels[m]!) levels[m] = level;
    }
  }
  return levels;
}

describe('cube metrics equal metrics recomputed from raw sessions', () => {
  const around = Date.parse('2024-10-20T00:00:00Z');
  const session = fc.record({
    agent: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    // Minute resolution over ~6 weeks spanning a month end and the fall-back night.
    startMinute: fc.integer({ min: 0, max: 60 * 24 * 42 }),
    minutes: fc.integer({ min: 0, max: 60 * 30 }),
  });
  /** Up to 25 sessions (no agent starting twice at the same minute) and the zone to count them in. */
  const sessionsInZone = fc.tuple(
    fc.uniqueArray(session, { minLength: 1, maxLength: 25, selector: (s) => `${s.agent}@${s.startMinute}` }),
    fc.constantFrom('America/New_York', 'Asia/Kolkata'),
  );
  const timed = (raw: ReadonlyArray<{ agent: string; startMinute: number; minutes: number }>) =>
    raw.map((s) => ({ agent: s.agent, start: around + s.startMinute * 60_000, end: around + (s.startMinute + s.minutes) * 60_000 }));

  it('for random sessions, every month, in two zones', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsInZone, async ([raw, timeZone]) => {
        const sessions = timed(raw);
        const engine = await loaded(sessions.map((s) => [s.agent, iso(s.start), iso(s.end)]), timeZone);
        const periods = (await engine.handlers['metrics:monthly']({})).periods;
        const expected = naiveMonthly(sessions, timeZone);
        for (const ruleText of ['cumulative:30', 'sustained:20', 'p95']) {
          const withRule = (await engine.handlers['metrics:monthly']({ concurrency: ruleText })).periods;
          for (const period of withRule) {
            const levels = naiveMinuteLevels(sessions, Date.parse(`${period.start}T00:00:00Z`), Date.parse(`${period.end}T00:00:00Z`), timeZone);
            const first = levelsStart(period.start, timeZone) / 60_000;
            expect(Array.from(readMinuteLevels(engine.db, first, first + levels.length))).toEqual(Array.from(levels));
            expect(period.peakConcurrent, `${ruleText} ${period.start}`).toBe(peakUnderRule(levels, parseConcurrencyRule(ruleText)!));
          }
        }
        for (const period of periods) {
          const reference = expected.get(period.start.slice(0, 7));
          if (!reference) {
            expect(period.activeAgents).toBe(0);
            continue;
          }
          expect(period).toMatchObject(reference);
          expect(period.dailyActiveMax).toBeLessThanOrEqual(period.activeAgents);
          expect(period.activeAgents).toBeLessThanOrEqual(new Set(sessions.map((s) => s.agent)).size);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('the cube is the same whatever the slice size it was rebuilt in (one day per slice vs the default), and however the slice was read', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsInZone, async ([raw, timeZone]) => {
        const rows = timed(raw).map((s): [string, string, string] => [s.agent, iso(s.start), iso(s.end)]);
        const engine = await loaded(rows, timeZone);
        const cube = () => ({
          days: engine.db.prepare('SELECT day, agents, started, hex(data) AS data, hex(extra) AS extra FROM day_usage ORDER BY day').all(),
          levels: engine.db.prepare('SELECT utc_day, hex(levels) AS levels FROM concurrency_day ORDER BY utc_day').all(),
        });
        const byDefault = cube();
        const span = engine.db.prepare('SELECT MIN(start_ms) AS lo, MAX(end_ms) AS hi FROM session').get() as { lo: number; hi: number };
        engine.db.transaction(() => rebuildCubeRange(engine.db, new ZoneClock(timeZone), span.lo, span.hi, { sliceSessions: 1 }))();
        expect(cube()).toEqual(byDefault);
        // A longest session this long leaves no room to pack length and agent id into one exact
        // double, so the slices are read as row arrays instead (readSlice).
        engine.db.transaction(() => {
          noteLongestSession(engine.db, 2 ** 52);
          rebuildCubeRange(engine.db, new ZoneClock(timeZone), span.lo, span.hi);
        })();
        expect(cube()).toEqual(byDefault);
      }),
      { numRuns: 15 },
    );
  });
});

describe('metrics for other cycles', () => {
  it('counts distinct agents per quarter exactly (never a sum of months)', async () => {
    const engine = await loaded([
      ['a', '2025-01-10T15:00:00Z', '2025-01-10T16:00:00Z'],
      ['a', '2025-02-10T15:00:00Z', '2025-02-10T16:00:00Z'],
      ['b', '2025-03-10T15:00:00Z', '2025-03-10T16:00:00Z'],
      ['c', '2025-04-10T15:00:00Z', '2025-04-10T16:00:00Z'],
    ]);
    const quarters = (await engine.handlers['metrics:periods']({ cycle: 'quarter' })).periods;
    expect(quarters.map((p) => [p.start, p.end, p.activeAgents, p.agentDays])).toEqual([
      ['2025-01-01', '2025-04-01', 2, 3],
      ['2025-04-01', '2025-07-01', 1, 1],
    ]);
    const anchored = (await engine.handlers['metrics:periods']({ cycle: 'anchored:5', from: '2025-01-05', to: '2025-02-05' })).periods;
    expect(anchored.map((p) => [p.start, p.end, p.activeAgents])).toEqual([['2025-01-05', '2025-02-05', 1]]);
    const rolling = (await engine.handlers['metrics:periods']({ cycle: 'rolling:28', from: '2025-01-01', to: '2025-02-26' })).periods;
    expect(rolling.map((p) => [p.start, p.activeAgents])).toEqual([
      ['2025-01-01', 1],
      ['2025-01-29', 1],
    ]);
  });
});

describe('a UTC cut-over hour through a fixed-offset zone', () => {
  it('with zone -07:00 a day runs from 07:00 UTC to 07:00 UTC (Genesys Voice billing cycle)', async () => {
    const engine = await loaded([
      ['early', '2025-04-30T06:59:00Z', '2025-04-30T07:30:00Z'],
      ['late', '2025-05-01T06:59:00Z', '2025-05-01T07:30:00Z'],
    ]);
    const periods = (await engine.handlers['metrics:periods']({ timeZone: '-07:00' })).periods;
    // 06:59 UTC on May 1 is still April 30 of the billing calendar.
    expect(periods.map((p) => [p.start, p.activeAgents])).toEqual([['2025-04-01', 2]]);
  });
});

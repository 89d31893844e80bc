// Property: for random sessions, every billing cycle and every activity definition, the counts the
// engine reads from its cube equal counts recomputed naively from the raw sessions; and the
// invariants issue #4 names hold (activeAgents ≤ distinct agents, dailyActiveMax ≤ activeAgents
// for monthly periods, raw peak ≤ dailyActiveMax under the overlap definition).
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Session = { agent: string; start: number; end: number };
type Definition = { basis: 'session-start' | 'session-overlap'; minSessionMinutes: number; minActiveDays: number };

const localDay = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate();
const startOf = (day: Temporal.PlainDate, zone: string) => day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;

/** Local days of [from, to) as ISO strings. */
function daysOf(from: string, to: string): Temporal.PlainDate[] {
  const out: Temporal.PlainDate[] = [];
  for (let d = Temporal.PlainDate.from(from); Temporal.PlainDate.compare(d, Temporal.PlainDate.from(to)) < 0; d = d.add({ days: 1 })) out.push(d);
  return out;
}

/** Whether the agent's sessions make them active on a local day under the definition. */
function activeOnDay(sessions: Session[], day: Temporal.PlainDate, zone: string, definition: Definition): boolean {
  const min = definition.minSessionMinutes * MINUTE;
  return sessions.some((s) => {
    if (s.end - s.start < min) return false;
    const first = localDay(s.start, zone);
    if (definition.basis === 'session-start') return first.equals(day);
    // A session overlaps the days from its start to the day of its last instant (half-open end).
    const last = localDay(Math.max(s.start, s.end - 1), zone);
    return Temporal.PlainDate.compare(first, day) <= 0 && Temporal.PlainDate.compare(day, last) <= 0;
  });
}

function mergedByAgent(sessions: Session[]): Map<string, Array<[number, number]>> {
  const byAgent = new Map<string, Session[]>();
  for (const s of sessions) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  const merged = new Map<string, Array<[number, number]>>();
  for (const [agent, list] of byAgent) {
    const out: Array<[number, number]> = [];
    for (const s of [...list].sort((a, b) => a.start - b.start)) {
      const last = out[out.length - 1];
      if (last && s.start <= last[1]) last[1] = Math.max(last[1], s.end);
      else out.push([s.start, s.end]);
    }
    merged.set(agent, out);
  }
  return merged;
}

/** One period's counts straight from raw sessions. */
function naivePeriod(sessions: Session[], start: string, end: string, zone: string, definition: Definition) {
  const from = startOf(Temporal.PlainDate.from(start), zone);
  const to = startOf(Temporal.PlainDate.from(end), zone);
  const agents = [...new Set(sessions.map((s) => s.agent))];
  const activeDays = new Map<string, number>();
  let agentDays = 0;
  let dailyActiveMax = 0;
  for (const day of daysOf(start, end)) {
    let n = 0;
    for (const agent of agents) {
      if (!activeOnDay(sessions.filter((s) => s.agent === agent), day, zone, definition)) continue;
      n += 1;
      activeDays.set(agent, (activeDays.get(agent) ?? 0) + 1);
    }
    agentDays += n;
    dailyActiveMax = Math.max(dailyActiveMax, n);
  }
  const merged = mergedByAgent(sessions);
  let ms = 0;
  for (const intervals of merged.values()) for (const [s, e] of intervals) ms += Math.max(0, Math.min(e, to) - Math.max(s, from));
  let peakConcurrent = 0;
  const moments = [from, ...[...merged.values()].flat().map(([s]) => s)].filter((t) => t >= from && t < to);
  for (const t of moments) {
    let level = 0;
    for (const intervals of merged.values()) if (intervals.some(([s, e]) => s <= t && t < e)) level += 1;
    peakConcurrent = Math.max(peakConcurrent, level);
  }
  return {
    activeAgents: [...activeDays.values()].filter((n) => n >= definition.minActiveDays).length,
    agentDays,
    dailyActiveMax,
    loggedInHours: Math.round((ms / 3_600_000) * 100) / 100,
    peakConcurrent,
  };
}

/** The shape each cycle gives a period: where it may start and how long it lasts. */
function expectPeriodShape(cycle: string, start: string, end: string) {
  const s = Temporal.PlainDate.from(start);
  const e = Temporal.PlainDate.from(end);
  const [kind, arg] = cycle.split(':');
  switch (kind) {
    case 'month':
      expect(s.day).toBe(1);
      expect(e.equals(s.add({ months: 1 }))).toBe(true);
      break;
    case 'anchored':
      expect(s.day).toBe(Number(arg));
      expect(e.equals(s.add({ months: 1 }))).toBe(true);
      break;
    case 'rolling':
      expect(s.until(e).days).toBe(Number(arg));
      break;
    case 'quarter':
      expect([1, 4, 7, 10]).toContain(s.month);
      expect(s.day).toBe(1);
      expect(e.equals(s.add({ months: 3 }))).toBe(true);
      break;
    case 'year':
      expect([s.month, s.day]).toEqual([1, 1]);
      expect(e.equals(s.add({ years: 1 }))).toBe(true);
      break;
    default:
      throw new Error(`unknown cycle ${cycle}`);
  }
}

describe('cube metrics equal naive recomputation for every cycle and activity definition', () => {
  // Sessions are drawn in local time over ~10 weeks from 2024-09-20 (month ends, a quarter end and
  // the autumn DST change of both hemispheres' zones below), biased towards the edges where a
  // wrong rule shows: local midnight, the last minute of a day, month-boundary days, sessions that
  // end exactly at a midnight.
  const firstDay = Temporal.PlainDate.from('2024-09-20');
  const session = fc.record({
    agent: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    day: fc.oneof(fc.integer({ min: 0, max: 70 }), fc.constantFrom(10, 11, 41, 42)),
    minuteOfDay: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(0, 1, 1439)),
    length: fc.oneof(
      fc.integer({ min: 0, max: 90 }),
      fc.integer({ min: 0, max: 60 * 40 }),
      fc.constantFrom('to-midnight' as const, 'to-next-midnight' as const),
    ),
  });
  const toSession = (s: { agent: string; day: number; minuteOfDay: number; length: number | 'to-midnight' | 'to-next-midnight' }, zone: string): Session => {
    const date = firstDay.add({ days: s.day });
    const start = date
      .toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from({ hour: Math.floor(s.minuteOfDay / 60), minute: s.minuteOfDay % 60 }) })
      .epochMilliseconds;
    const end =
      s.length === 'to-midnight'
        ? startOf(date.add({ days: 1 }), zone)
        : s.length === 'to-next-midnight'
          ? startOf(date.add({ days: 2 }), zone)
          : start + s.length * MINUTE;
    return { agent: s.agent, start, end };
  };
  const cycle = fc.oneof(
    fc.constant('month'),
    fc.integer({ min: 1, max: 28 }).map((d) => `anchored:${d}`),
    fc.constantFrom(7, 28, 30, 90).map((n) => `rolling:${n}`),
    fc.constant('quarter'),
    fc.constant('year'),
  );
  const definition = fc.record({
    basis: fc.constantFrom('session-start' as const, 'session-overlap' as const),
    minSessionMinutes: fc.constantFrom(0, 0, 5, 30),
    minActiveDays: fc.constantFrom(1, 1, 2, 3),
  });

  it('for random sessions, cycles, definitions and zones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(session, { minLength: 1, maxLength: 20, selector: (s) => `${s.agent}@${s.day}@${s.minuteOfDay}` }),
        cycle,
        definition,
        fc.constantFrom('America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London'),
        async (raw, cycleText, activity, timeZone) => {
          const sessions = raw.map((s) => toSession(s, timeZone));
          const engine = await freshEngine(dir);
          await engine.handlers['prefs:set']({ timeZone });
          const file = writeFile(dir, `c-${Math.random().toString(36).slice(2)}.csv`, csv('agent_id,login,logout', sessions.map((s) => `${s.agent},${iso(s.start)},${iso(s.end)}`)));
          const job = await importThroughJobs(engine, file);
          expect(job.state, job.error?.message).toBe('done');
          const fullDefinition = { name: 'property', excludeRoles: [], excludeTeams: [], excludeIdPatterns: [], ...activity };
          const { periods } = await engine.handlers['metrics:periods']({ cycle: cycleText, activity: fullDefinition });

          // Whole periods, back to back, covering every session start.
          expect(periods.length).toBeGreaterThan(0);
          for (let i = 0; i < periods.length; i += 1) {
            expectPeriodShape(cycleText, periods[i]!.start, periods[i]!.end);
            if (i > 0) expect(periods[i]!.start).toBe(periods[i - 1]!.end);
          }
          for (const s of sessions) {
            const day = localDay(s.start, timeZone).toString();
            expect(periods[0]!.start <= day && day < periods[periods.length - 1]!.end, `${day} in range`).toBe(true);
          }

          const distinct = new Set(sessions.map((s) => s.agent)).size;
          for (const period of periods) {
            const expected = naivePeriod(sessions, period.start, period.end, timeZone, activity);
            expect(period, `${cycleText} ${period.start} ${JSON.stringify(activity)} ${timeZone}`).toMatchObject(expected);
            expect(period.activeAgents).toBeLessThanOrEqual(distinct);
            if (cycleText === 'month' && activity.minActiveDays === 1) expect(period.dailyActiveMax).toBeLessThanOrEqual(period.activeAgents);
            if (activity.basis === 'session-overlap' && activity.minSessionMinutes === 0) {
              expect(period.peakConcurrent).toBeLessThanOrEqual(period.dailyActiveMax);
            }
          }
          engine.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});

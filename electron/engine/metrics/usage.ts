/**
 * Usage per billing period, from the cube (never from raw sessions). Periods are [start, end)
 * ranges of local days in the business zone, cut by the chosen cycle.
 */
import { formatDay, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { MonthlyMetrics, MonthlyPeriod } from '../../../shared/contract';
import { describeConcurrencyRule, peakUnderRule, type ConcurrencyRule } from '../../../shared/metrics/concurrency';
import { describeCycle, periodsBetween, type Cycle } from '../../../shared/metrics/periods';
import type { Connection } from '../db/connection';
import { ensureCube, readMinuteLevels } from './cube';

export const ACTIVITY_DEFINITION =
  'An agent is active in a period when at least one of their sessions starts in it (local time).';

export type UsageQuery = {
  timeZone: string;
  fromDay?: number;
  toDay?: number;
  cycle?: Cycle;
  concurrency?: ConcurrencyRule;
};

/** The span of local days on which any session started, or null for an empty database. */
export function activeDaySpan(db: Connection): { first: number; last: number } | null {
  const row = db.prepare('SELECT MIN(day) AS first, MAX(day) AS last FROM agent_day WHERE starts > 0').get() as {
    first: number | null;
    last: number | null;
  };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/**
 * Counts for every period of the cycle that overlaps [fromDay, toDay) — by default the days from
 * the first to the last session start. Periods are whole: the range never cuts one short.
 */
export function usageByPeriod(db: Connection, query: UsageQuery): MonthlyMetrics {
  ensureCube(db, query.timeZone);
  const clock = new ZoneClock(query.timeZone);
  const cycle = query.cycle ?? { kind: 'month' };
  const rule = query.concurrency ?? { kind: 'raw' };
  const definitions = { activity: ACTIVITY_DEFINITION, concurrency: describeConcurrencyRule(rule), cycle: describeCycle(cycle) };
  const span = activeDaySpan(db);
  const fromDay = query.fromDay ?? span?.first;
  const toDay = query.toDay ?? (span ? span.last + 1 : undefined);
  if (fromDay === undefined || toDay === undefined) return { timeZone: query.timeZone, definitions, periods: [] };
  const ranges = periodsBetween(cycle, fromDay, toDay);
  if (ranges.length === 0) return { timeZone: query.timeZone, definitions, periods: [] };

  const activeAgents = db.prepare('SELECT COUNT(DISTINCT agent_id) AS n FROM agent_day WHERE day >= ? AND day < ? AND starts > 0');
  const daily = db.prepare('SELECT COUNT(*) AS agents FROM agent_day WHERE day >= ? AND day < ? AND starts > 0 GROUP BY day');
  const seconds = db.prepare('SELECT COALESCE(SUM(seconds), 0) AS s FROM agent_day WHERE day >= ? AND day < ?');
  const provisioned = db.prepare(
    `SELECT COUNT(*) AS n FROM roster
     WHERE (created_day IS NULL OR created_day < ?) AND (deactivated_day IS NULL OR deactivated_day >= ?)`,
  );

  const minuteOf = (day: number) => Math.floor(clock.startOfDay(day) / MS_PER_MINUTE);
  const rangeFirstMinute = minuteOf(ranges[0]!.startDay);
  const minuteLevels = readMinuteLevels(db, rangeFirstMinute, minuteOf(ranges[ranges.length - 1]!.endDay));

  const periods: MonthlyPeriod[] = ranges.map(({ startDay: start, endDay: end }) => {
    const dailyCounts = (daily.all(start, end) as Array<{ agents: number }>).map((r) => r.agents);
    const agentDays = dailyCounts.reduce((sum, n) => sum + n, 0);
    const levels = minuteLevels.subarray(minuteOf(start) - rangeFirstMinute, minuteOf(end) - rangeFirstMinute);
    return {
      start: formatDay(start),
      end: formatDay(end),
      activeAgents: (activeAgents.get(start, end) as { n: number }).n,
      dailyActiveAvg: Math.round((agentDays / (end - start)) * 100) / 100,
      dailyActiveMax: dailyCounts.reduce((max, n) => Math.max(max, n), 0),
      agentDays,
      peakConcurrent: peakUnderRule(levels, rule),
      loggedInHours: Math.round(((seconds.get(start, end) as { s: number }).s / 3600) * 100) / 100,
      provisioned: (provisioned.get(end, end) as { n: number }).n,
    };
  });
  return { timeZone: query.timeZone, definitions, periods };
}

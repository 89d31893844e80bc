/**
 * Monthly usage from the cube (never from raw sessions): calendar months in the business zone,
 * each period [start, end) in local days.
 */
import {
  firstDayOfMonth,
  firstDayOfNextMonth,
  formatDay,
  MS_PER_MINUTE,
  ZoneClock,
} from '../../../shared/calendar';
import type { MonthlyMetrics, MonthlyPeriod } from '../../../shared/contract';
import type { Connection } from '../db/connection';
import { ensureCube, readMinuteLevels } from './cube';
import { describeConcurrencyRule, peakUnderRule, type ConcurrencyRule } from '../../../shared/metrics/concurrency';

export const DEFINITIONS = {
  activity: 'An agent is active in a month when at least one of their sessions starts in that month (local time).',
  cycle: 'Calendar months in the business time zone; each period runs from its first day (inclusive) to the next month’s first day (exclusive).',
} as const;

export type MonthlyQuery = { fromDay?: number; toDay?: number; timeZone: string; concurrency?: ConcurrencyRule };

/** The span of local days on which any session started, or null for an empty database. */
export function activeDaySpan(db: Connection): { first: number; last: number } | null {
  const row = db.prepare('SELECT MIN(day) AS first, MAX(day) AS last FROM agent_day WHERE starts > 0').get() as {
    first: number | null;
    last: number | null;
  };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

export function monthlyMetrics(db: Connection, query: MonthlyQuery): MonthlyMetrics {
  ensureCube(db, query.timeZone);
  const clock = new ZoneClock(query.timeZone);
  const span = activeDaySpan(db);
  const fromDay = query.fromDay ?? span?.first;
  const toDay = query.toDay ?? (span ? span.last + 1 : undefined);
  const rule = query.concurrency ?? { kind: 'raw' };
  const definitions = { ...DEFINITIONS, concurrency: describeConcurrencyRule(rule) };
  const periods: MonthlyPeriod[] = [];
  if (fromDay === undefined || toDay === undefined) {
    return { timeZone: query.timeZone, definitions, periods };
  }

  const activeAgents = db.prepare('SELECT COUNT(DISTINCT agent_id) AS n FROM agent_day WHERE day >= ? AND day < ? AND starts > 0');
  const daily = db.prepare(
    'SELECT COUNT(*) AS agents FROM agent_day WHERE day >= ? AND day < ? AND starts > 0 GROUP BY day',
  );
  const seconds = db.prepare('SELECT COALESCE(SUM(seconds), 0) AS s FROM agent_day WHERE day >= ? AND day < ?');
  const provisioned = db.prepare(
    `SELECT COUNT(*) AS n FROM roster
     WHERE (created_day IS NULL OR created_day < ?) AND (deactivated_day IS NULL OR deactivated_day >= ?)`,
  );

  const rangeFirstMinute = Math.floor(clock.startOfDay(firstDayOfMonth(fromDay)) / MS_PER_MINUTE);
  const rangeEndMinute = Math.floor(clock.startOfDay(firstDayOfNextMonth(toDay - 1)) / MS_PER_MINUTE);
  const minuteLevels = readMinuteLevels(db, rangeFirstMinute, rangeEndMinute);

  for (let start = firstDayOfMonth(fromDay); start < toDay; start = firstDayOfNextMonth(start)) {
    const end = firstDayOfNextMonth(start);
    const dailyCounts = (daily.all(start, end) as Array<{ agents: number }>).map((r) => r.agents);
    const agentDays = dailyCounts.reduce((sum, n) => sum + n, 0);
    const firstMinute = Math.floor(clock.startOfDay(start) / MS_PER_MINUTE);
    const endMinute = Math.floor(clock.startOfDay(end) / MS_PER_MINUTE);
    periods.push({
      start: formatDay(start),
      end: formatDay(end),
      activeAgents: (activeAgents.get(start, end) as { n: number }).n,
      dailyActiveAvg: Math.round((agentDays / (end - start)) * 100) / 100,
      dailyActiveMax: dailyCounts.reduce((max, n) => Math.max(max, n), 0),
      agentDays,
      peakConcurrent: peakUnderRule(minuteLevels.subarray(firstMinute - rangeFirstMinute, endMinute - rangeFirstMinute), rule),
      loggedInHours: Math.round(((seconds.get(start, end) as { s: number }).s / 3600) * 100) / 100,
      provisioned: (provisioned.get(end, end) as { n: number }).n,
    });
  }
  return { timeZone: query.timeZone, definitions, periods };
}

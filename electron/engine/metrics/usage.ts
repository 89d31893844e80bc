/**
 * Usage per billing period, from the cube (never from raw sessions). Periods are [start, end)
 * ranges of local days in the business zone, cut by the chosen cycle; who counts as active is
 * the activity definition's decision; peak concurrency follows the chosen rule.
 */
import { formatDay, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { MonthlyMetrics, MonthlyPeriod } from '../../../shared/contract';
import { describeActivity, defaultActivityDefinition, idPatternToRegExp, type ActivityDefinition } from '../../../shared/metrics/activity';
import { describeConcurrencyRule, peakUnderRule, type ConcurrencyRule } from '../../../shared/metrics/concurrency';
import { describeCycle, periodsBetween, type Cycle } from '../../../shared/metrics/periods';
import type { Connection } from '../db/connection';
import { ensureCube, readMinuteLevels } from './cube';

export type HoursRounding = { kind: 'none' } | { kind: 'ceil-total' } | { kind: 'increment'; minutes: number };
export type ProvisionedAt = 'start' | 'end' | 'max' | 'daily-average';
export type GroupBy = 'team' | 'site' | 'program';

export type UsageQuery = {
  timeZone: string;
  fromDay?: number;
  toDay?: number;
  cycle?: Cycle;
  concurrency?: ConcurrencyRule;
  activity?: ActivityDefinition & { version?: number };
  hoursRounding?: HoursRounding;
  provisionedAt?: ProvisionedAt;
  groupBy?: GroupBy;
};

export function parseHoursRounding(text: string): HoursRounding | null {
  if (text === 'none' || text === 'ceil-total') return { kind: text };
  const match = /^increment:([1-9]\d{0,3})$/.exec(text);
  return match ? { kind: 'increment', minutes: Number(match[1]) } : null;
}

function describeHours(rounding: HoursRounding): string {
  const base = 'Logged-in hours: each agent’s overlapping sessions merged, clipped to the period';
  if (rounding.kind === 'ceil-total') return `${base}; the period total rounded up to a whole hour.`;
  if (rounding.kind === 'increment') {
    return `Logged-in hours: each session rounded up to ${rounding.minutes} min and counted in the period where it starts.`;
  }
  return `${base}; not rounded.`;
}

const PROVISIONED_TEXT: Record<ProvisionedAt, string> = {
  start: 'Provisioned: roster accounts that existed on the first day of the period.',
  end: 'Provisioned: roster accounts that existed on the last day of the period.',
  max: 'Provisioned: the most roster accounts that existed on any day of the period.',
  'daily-average': 'Provisioned: the average over the period’s days of the roster accounts that existed.',
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
 * Fills the temporary `excluded_agent` table with the accounts the definition leaves out and
 * says whether there are any (the common case has none, and its queries skip the filter).
 */
function markExcludedAgents(db: Connection, definition: ActivityDefinition): boolean {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS excluded_agent (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM excluded_agent');
  const roles = new Set(definition.excludeRoles.map((r) => r.toLowerCase()));
  const teams = new Set(definition.excludeTeams.map((t) => t.toLowerCase()));
  const patterns = definition.excludeIdPatterns.map(idPatternToRegExp);
  if (roles.size === 0 && teams.size === 0 && patterns.length === 0) return false;
  const insert = db.prepare('INSERT INTO excluded_agent (id) VALUES (?)');
  const agents = db.prepare('SELECT id, external_key, role, team FROM agent').all() as Array<{
    id: number;
    external_key: string;
    role: string;
    team: string | null;
  }>;
  let any = false;
  for (const agent of agents) {
    const excluded =
      roles.has(agent.role.toLowerCase()) ||
      (agent.team !== null && teams.has(agent.team.toLowerCase())) ||
      patterns.some((p) => p.test(agent.external_key));
    if (excluded) {
      insert.run(agent.id);
      any = true;
    }
  }
  return any;
}

/** SQL pieces that select the agent-days which count as activity under a definition. */
function activityFilter(definition: ActivityDefinition, hasExclusions: boolean, alias = 'agent_day'): { sql: string; params: number[] } {
  const minSeconds = definition.minSessionMinutes * 60;
  const base =
    definition.basis === 'session-start'
      ? `${alias}.starts > 0 AND ${alias}.longest_start_seconds >= ?`
      : `${alias}.longest_overlap_seconds >= ?`;
  return {
    sql: base + (hasExclusions ? ` AND ${alias}.agent_id NOT IN (SELECT id FROM excluded_agent)` : ''),
    params: [minSeconds],
  };
}

/** Roster accounts existing on each day of [firstDay, endDay): created on or before, not yet deactivated. */
function provisionedByDay(db: Connection, firstDay: number, endDay: number, hasExclusions: boolean): Int32Array {
  const counts = new Int32Array(Math.max(0, endDay - firstDay) + 1);
  const rows = db
    .prepare(
      `SELECT created_day, deactivated_day FROM roster
       ${hasExclusions ? 'WHERE agent_id NOT IN (SELECT id FROM excluded_agent)' : ''}`,
    )
    .all() as Array<{ created_day: number | null; deactivated_day: number | null }>;
  // Difference array: +1 from the creation day, −1 from the deactivation day.
  for (const row of rows) {
    const from = Math.max(firstDay, row.created_day ?? firstDay) - firstDay;
    const to = Math.min(endDay, row.deactivated_day ?? endDay) - firstDay;
    if (to <= from) continue;
    counts[from]! += 1;
    counts[to]! -= 1;
  }
  for (let i = 1; i < counts.length; i += 1) counts[i]! += counts[i - 1]!;
  return counts.subarray(0, counts.length - 1);
}

function provisionedFor(daily: Int32Array, offset: number, days: number, at: ProvisionedAt): number {
  if (days <= 0) return 0;
  const slice = daily.subarray(offset, offset + days);
  switch (at) {
    case 'start':
      return slice[0]!;
    case 'end':
      return slice[days - 1]!;
    case 'max':
      return slice.reduce((max, n) => Math.max(max, n), 0);
    case 'daily-average':
      return Math.round((slice.reduce((sum, n) => sum + n, 0) / days) * 100) / 100;
  }
}

function sumRoundedLengths(blobs: Array<{ start_lengths: Buffer | null }>, incrementSeconds: number): number {
  let total = 0;
  for (const { start_lengths: blob } of blobs) {
    if (!blob) continue;
    const lengths = new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
    for (const seconds of lengths) total += Math.ceil(seconds / incrementSeconds) * incrementSeconds;
  }
  return total;
}

const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Counts for every period of the cycle that overlaps [fromDay, toDay) — by default the days from
 * the first to the last session start. Periods are whole: the range never cuts one short.
 */
export function usageByPeriod(db: Connection, query: UsageQuery): MonthlyMetrics {
  ensureCube(db, query.timeZone);
  const clock = new ZoneClock(query.timeZone);
  const cycle = query.cycle ?? { kind: 'month' };
  const rule = query.concurrency ?? { kind: 'raw' };
  const { version = 0, ...definition } = query.activity ?? { ...defaultActivityDefinition, version: 0 };
  const rounding = query.hoursRounding ?? { kind: 'none' };
  const provisionedAt = query.provisionedAt ?? 'end';
  const result: MonthlyMetrics = {
    timeZone: query.timeZone,
    definitions: {
      activity: describeActivity(definition),
      concurrency: describeConcurrencyRule(rule),
      cycle: describeCycle(cycle),
      hours: describeHours(rounding),
      provisioned: PROVISIONED_TEXT[provisionedAt],
    },
    activityDefinition: { ...definition, version },
    periods: [],
  };
  const span = activeDaySpan(db);
  const fromDay = query.fromDay ?? span?.first;
  const toDay = query.toDay ?? (span ? span.last + 1 : undefined);
  if (fromDay === undefined || toDay === undefined) return result;
  const ranges = periodsBetween(cycle, fromDay, toDay);
  if (ranges.length === 0) return result;

  const hasExclusions = markExcludedAgents(db, definition);
  const filter = activityFilter(definition, hasExclusions);
  const activeAgents = db.prepare(
    `SELECT COUNT(*) AS n FROM (SELECT agent_id FROM agent_day WHERE day >= ? AND day < ? AND ${filter.sql}
     GROUP BY agent_id HAVING COUNT(*) >= ?)`,
  );
  const daily = db.prepare(`SELECT COUNT(*) AS agents FROM agent_day WHERE day >= ? AND day < ? AND ${filter.sql} GROUP BY day`);
  const exclusion = hasExclusions ? 'AND agent_id NOT IN (SELECT id FROM excluded_agent)' : '';
  const seconds = db.prepare(`SELECT COALESCE(SUM(seconds), 0) AS s FROM agent_day WHERE day >= ? AND day < ? ${exclusion}`);
  const lengths = db.prepare(`SELECT start_lengths FROM agent_day WHERE day >= ? AND day < ? AND start_lengths IS NOT NULL ${exclusion}`);
  const groups = query.groupBy ? groupQueries(db, query.groupBy, definition, hasExclusions) : null;

  const minuteOf = (day: number) => Math.floor(clock.startOfDay(day) / MS_PER_MINUTE);
  const firstDay = ranges[0]!.startDay;
  const lastEnd = ranges[ranges.length - 1]!.endDay;
  const rangeFirstMinute = minuteOf(firstDay);
  const minuteLevels = readMinuteLevels(db, rangeFirstMinute, minuteOf(lastEnd));
  const provisionedDaily = provisionedByDay(db, firstDay, lastEnd, hasExclusions);
  const hasRoster = (db.prepare('SELECT EXISTS (SELECT 1 FROM roster) AS any').get() as { any: number }).any === 1;

  result.periods = ranges.map(({ startDay: start, endDay: end }): MonthlyPeriod => {
    const dailyCounts = (daily.all(start, end, ...filter.params) as Array<{ agents: number }>).map((r) => r.agents);
    const agentDays = dailyCounts.reduce((sum, n) => sum + n, 0);
    const levels = minuteLevels.subarray(minuteOf(start) - rangeFirstMinute, minuteOf(end) - rangeFirstMinute);
    const active = (activeAgents.get(start, end, ...filter.params, definition.minActiveDays) as { n: number }).n;
    let hours: number;
    if (rounding.kind === 'increment') {
      hours = sumRoundedLengths(lengths.all(start, end) as Array<{ start_lengths: Buffer | null }>, rounding.minutes * 60) / 3600;
    } else {
      hours = (seconds.get(start, end) as { s: number }).s / 3600;
      if (rounding.kind === 'ceil-total') hours = Math.ceil(roundHours(hours));
    }
    const provisioned = provisionedFor(provisionedDaily, start - firstDay, end - start, provisionedAt);
    return {
      start: formatDay(start),
      end: formatDay(end),
      activeAgents: active,
      dailyActiveAvg: Math.round((agentDays / (end - start)) * 100) / 100,
      dailyActiveMax: dailyCounts.reduce((max, n) => Math.max(max, n), 0),
      agentDays,
      peakConcurrent: peakUnderRule(levels, rule),
      loggedInHours: roundHours(hours),
      provisioned,
      utilisation: hasRoster && provisioned > 0 ? Math.round((active / provisioned) * 10000) / 10000 : null,
      ...(groups ? { groups: groups(start, end) } : {}),
    };
  });
  return result;
}

/** Per-group counts (activity, daily maximum, agent-days, unrounded hours) for one period. */
function groupQueries(db: Connection, column: GroupBy, definition: ActivityDefinition, hasExclusions: boolean) {
  const filter = activityFilter(definition, hasExclusions, 'd');
  const label = `COALESCE(a.${column}, '(none)')`;
  const active = db.prepare(
    `SELECT grp, COUNT(*) AS n FROM (
       SELECT d.agent_id, ${label} AS grp FROM agent_day d JOIN agent a ON a.id = d.agent_id
       WHERE d.day >= ? AND d.day < ? AND ${filter.sql} GROUP BY d.agent_id HAVING COUNT(*) >= ?)
     GROUP BY grp`,
  );
  const daily = db.prepare(
    `SELECT grp, MAX(n) AS max, SUM(n) AS total FROM (
       SELECT ${label} AS grp, d.day, COUNT(*) AS n FROM agent_day d JOIN agent a ON a.id = d.agent_id
       WHERE d.day >= ? AND d.day < ? AND ${filter.sql} GROUP BY grp, d.day)
     GROUP BY grp`,
  );
  const hours = db.prepare(
    `SELECT ${label} AS grp, SUM(d.seconds) AS s FROM agent_day d JOIN agent a ON a.id = d.agent_id
     WHERE d.day >= ? AND d.day < ? ${hasExclusions ? 'AND d.agent_id NOT IN (SELECT id FROM excluded_agent)' : ''} GROUP BY grp`,
  );
  return (start: number, end: number) => {
    const byGroup = new Map<string, { group: string; activeAgents: number; dailyActiveMax: number; agentDays: number; loggedInHours: number }>();
    const entry = (group: string) => {
      let e = byGroup.get(group);
      if (!e) {
        e = { group, activeAgents: 0, dailyActiveMax: 0, agentDays: 0, loggedInHours: 0 };
        byGroup.set(group, e);
      }
      return e;
    };
    for (const row of active.all(start, end, ...filter.params, definition.minActiveDays) as Array<{ grp: string; n: number }>) entry(row.grp).activeAgents = row.n;
    for (const row of daily.all(start, end, ...filter.params) as Array<{ grp: string; max: number; total: number }>) {
      entry(row.grp).dailyActiveMax = row.max;
      entry(row.grp).agentDays = row.total;
    }
    for (const row of hours.all(start, end) as Array<{ grp: string; s: number }>) entry(row.grp).loggedInHours = roundHours(row.s / 3600);
    return [...byGroup.values()].sort((a, b) => a.group.localeCompare(b.group));
  };
}

export type AgentActivity = {
  agent: string;
  name: string | null;
  team: string | null;
  role: string;
  firstActivity: string;
  lastActivity: string;
  activeDays: number;
  sessions: number;
  loggedInHours: number;
};

/** The agents active in [fromDay, toDay) under a definition, with what made them active. */
export function activeAgentsIn(db: Connection, timeZone: string, fromDay: number, toDay: number, definition: ActivityDefinition): AgentActivity[] {
  ensureCube(db, timeZone);
  const hasExclusions = markExcludedAgents(db, definition);
  const filter = activityFilter(definition, hasExclusions, 'd');
  const rows = db
    .prepare(
      `SELECT a.external_key AS agent, a.display_name AS name, a.team, a.role,
              MIN(d.day) AS first, MAX(d.day) AS last, COUNT(*) AS days,
              SUM(d.starts) AS sessions, SUM(d.seconds) AS seconds
       FROM agent_day d JOIN agent a ON a.id = d.agent_id
       WHERE d.day >= ? AND d.day < ? AND ${filter.sql}
       GROUP BY d.agent_id HAVING COUNT(*) >= ?
       ORDER BY a.external_key`,
    )
    .all(fromDay, toDay, ...filter.params, definition.minActiveDays) as Array<{
    agent: string;
    name: string | null;
    team: string | null;
    role: string;
    first: number;
    last: number;
    days: number;
    sessions: number;
    seconds: number;
  }>;
  return rows.map((r) => ({
    agent: r.agent,
    name: r.name,
    team: r.team,
    role: r.role,
    firstActivity: formatDay(r.first),
    lastActivity: formatDay(r.last),
    activeDays: r.days,
    sessions: r.sessions,
    loggedInHours: roundHours(r.seconds / 3600),
  }));
}

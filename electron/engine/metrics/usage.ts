/**
 * Usage per billing period, from the cube (never from raw sessions). Periods are [start, end)
 * ranges of local days in the business zone, cut by the chosen cycle; who counts as active is
 * the activity definition's decision; peak concurrency follows the chosen rule.
 */
import { formatDay, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { MonthlyMetrics, MonthlyPeriod } from '../../../shared/contract';
import { describeActivity, defaultActivityDefinition, idPatternToRegExp, type ActivityDefinition } from '../../../shared/metrics/activity';
import { describeConcurrencyRule, formatConcurrencyRule, peakUnderRule, type ConcurrencyRule } from '../../../shared/metrics/concurrency';
import { describeCycle, periodsBetween, type Cycle } from '../../../shared/metrics/periods';
import type { Connection } from '../db/connection';
import { ensureCube, readMinuteLevels } from './cube';
import { activityNeedsExtra, activityTest, dayUsageColumns, decodeDayUsage, type DayUsage } from './day-usage';

export type HoursRounding = { kind: 'none' } | { kind: 'ceil-total' } | { kind: 'increment'; minutes: number };
export type ProvisionedAt = 'start' | 'end' | 'max' | 'daily-average';
export type GroupBy = 'team' | 'site' | 'program';

export type UsageQuery = {
  timeZone: string;
  fromDay?: number;
  toDay?: number;
  cycle?: Cycle;
  /** One rule, or several: the first gives peakConcurrent, and with more than one every period lists each. */
  concurrency?: ConcurrencyRule | readonly ConcurrencyRule[];
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
  const row = db.prepare('SELECT MIN(day) AS first, MAX(day) AS last FROM day_usage WHERE started > 0').get() as {
    first: number | null;
    last: number | null;
  };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/** A mask over agent ids: 1 for the accounts the definition leaves out. */
function excludedAgents(db: Connection, definition: ActivityDefinition): Uint8Array {
  const maxId = (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM agent').get() as { id: number }).id;
  const excluded = new Uint8Array(maxId + 1);
  const roles = new Set(definition.excludeRoles.map((r) => r.toLowerCase()));
  const teams = new Set(definition.excludeTeams.map((t) => t.toLowerCase()));
  const patterns = definition.excludeIdPatterns.map(idPatternToRegExp);
  if (roles.size === 0 && teams.size === 0 && patterns.length === 0) return excluded;
  const agents = db.prepare('SELECT id, external_key, role, team FROM agent').all() as Array<{
    id: number;
    external_key: string;
    role: string;
    team: string | null;
  }>;
  for (const agent of agents) {
    if (
      roles.has(agent.role.toLowerCase()) ||
      (agent.team !== null && teams.has(agent.team.toLowerCase())) ||
      patterns.some((p) => p.test(agent.external_key))
    ) {
      excluded[agent.id] = 1;
    }
  }
  return excluded;
}

/**
 * Decoded day rows of [startDay, endDay), in day order; `withExtra` also reads each day's longest
 * overlapping session and session lengths (the overlap basis and per-session rounding need them).
 */
function readDays(db: Connection, startDay: number, endDay: number, withExtra: boolean): Array<{ day: number; usage: DayUsage }> {
  const rows = db.prepare(`SELECT ${dayUsageColumns(withExtra)} FROM day_usage WHERE day >= ? AND day < ? ORDER BY day`).all(startDay, endDay) as Array<{ day: number; data: Buffer; extra?: Buffer }>;
  return rows.map((row) => ({ day: row.day, usage: decodeDayUsage(row.data, row.extra) }));
}

/** Roster accounts existing on each day of [firstDay, endDay): created on or before, not yet deactivated. */
function provisionedByDay(db: Connection, firstDay: number, endDay: number, excluded: Uint8Array): Int32Array {
  const counts = new Int32Array(Math.max(0, endDay - firstDay) + 1);
  const rows = db.prepare('SELECT agent_id, created_day, deactivated_day FROM roster').all() as Array<{
    agent_id: number;
    created_day: number | null;
    deactivated_day: number | null;
  }>;
  // Difference array: +1 from the creation day, −1 from the deactivation day.
  for (const row of rows) {
    if (excluded[row.agent_id] === 1) continue;
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

const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Counts for every period of the cycle that overlaps [fromDay, toDay) — by default the days from
 * the first to the last session start. Periods are whole: the range never cuts one short.
 */
export function usageByPeriod(db: Connection, query: UsageQuery): MonthlyMetrics {
  ensureCube(db, query.timeZone);
  const clock = new ZoneClock(query.timeZone);
  const cycle = query.cycle ?? { kind: 'month' };
  const rules: readonly ConcurrencyRule[] = query.concurrency === undefined ? [{ kind: 'raw' }] : Array.isArray(query.concurrency) ? query.concurrency : [query.concurrency as ConcurrencyRule];
  if (rules.length === 0) throw new RangeError('at least one concurrency rule is needed');
  const rule = rules[0]!;
  const { version = 0, ...definition } = query.activity ?? { ...defaultActivityDefinition, version: 0 };
  const rounding = query.hoursRounding ?? { kind: 'none' };
  const provisionedAt = query.provisionedAt ?? 'end';
  const result: MonthlyMetrics = {
    timeZone: query.timeZone,
    definitions: {
      activity: describeActivity(definition),
      concurrency: rules.map(describeConcurrencyRule).join(' '),
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

  const excluded = excludedAgents(db, definition);
  const qualifies = activityTest(definition);
  const groupOf = query.groupBy ? groupIndex(db, query.groupBy, excluded.length) : null;

  const minuteOf = (day: number) => Math.floor(clock.startOfDay(day) / MS_PER_MINUTE);
  const firstDay = ranges[0]!.startDay;
  const lastEnd = ranges[ranges.length - 1]!.endDay;
  const rangeFirstMinute = minuteOf(firstDay);
  const minuteLevels = readMinuteLevels(db, rangeFirstMinute, minuteOf(lastEnd));
  const provisionedDaily = provisionedByDay(db, firstDay, lastEnd, excluded);
  const hasRoster = (db.prepare('SELECT EXISTS (SELECT 1 FROM roster) AS any').get() as { any: number }).any === 1;
  const activeDays = new Uint16Array(excluded.length);
  const incrementSeconds = rounding.kind === 'increment' ? rounding.minutes * 60 : 0;
  const needsExtra = activityNeedsExtra(definition) || incrementSeconds > 0;

  result.periods = ranges.map(({ startDay: start, endDay: end }): MonthlyPeriod => {
    const touched: number[] = [];
    let agentDays = 0;
    let dailyActiveMax = 0;
    let seconds = 0;
    const groupTotals = groupOf ? new Map<number, GroupTotals>() : null;
    for (const { usage } of readDays(db, start, end, needsExtra)) {
      let dayActive = 0;
      let lengthCursor = 0;
      const groupDay = groupTotals ? new Map<number, number>() : null;
      // Plain locals for the hot loop: it runs for every agent of every day.
      const { agentIds, starts, seconds: daySeconds } = usage;
      const n = agentIds.length;
      for (let i = 0; i < n; i += 1) {
        const id = agentIds[i]!;
        const sessionsStarted = starts[i]!;
        if (excluded[id] === 1) {
          lengthCursor += sessionsStarted;
          continue;
        }
        if (incrementSeconds > 0) {
          for (let k = 0; k < sessionsStarted; k += 1) seconds += Math.ceil(usage.lengths![lengthCursor + k]! / incrementSeconds) * incrementSeconds;
        } else {
          seconds += daySeconds[i]!;
        }
        lengthCursor += sessionsStarted;
        const group = groupOf ? groupOf[id]! : -1;
        if (groupTotals) groupTotalsFor(groupTotals, group).seconds += daySeconds[i]!;
        if (!qualifies(usage, i)) continue;
        dayActive += 1;
        if (activeDays[id] === 0) touched.push(id);
        activeDays[id]! += 1;
        if (groupDay) groupDay.set(group, (groupDay.get(group) ?? 0) + 1);
      }
      agentDays += dayActive;
      dailyActiveMax = Math.max(dailyActiveMax, dayActive);
      if (groupTotals && groupDay) {
        for (const [group, n] of groupDay) {
          const totals = groupTotalsFor(groupTotals, group);
          totals.agentDays += n;
          totals.dailyActiveMax = Math.max(totals.dailyActiveMax, n);
        }
      }
    }
    let active = 0;
    for (const id of touched) {
      if (activeDays[id]! >= definition.minActiveDays) {
        active += 1;
        if (groupTotals) groupTotalsFor(groupTotals, groupOf![id]!).activeAgents += 1;
      }
      activeDays[id] = 0;
    }
    let hours = seconds / 3600;
    if (rounding.kind === 'ceil-total') hours = Math.ceil(roundHours(hours));
    const levels = minuteLevels.subarray(minuteOf(start) - rangeFirstMinute, minuteOf(end) - rangeFirstMinute);
    const provisioned = provisionedFor(provisionedDaily, start - firstDay, end - start, provisionedAt);
    return {
      start: formatDay(start),
      end: formatDay(end),
      activeAgents: active,
      dailyActiveAvg: Math.round((agentDays / (end - start)) * 100) / 100,
      dailyActiveMax,
      agentDays,
      peakConcurrent: peakUnderRule(levels, rule),
      ...(rules.length > 1 ? { peakConcurrentByRule: Object.fromEntries(rules.map((r) => [formatConcurrencyRule(r), peakUnderRule(levels, r)])) } : {}),
      loggedInHours: roundHours(hours),
      provisioned,
      utilisation: hasRoster && provisioned > 0 ? Math.round((active / provisioned) * 10000) / 10000 : null,
      ...(groupTotals && groupOf ? { groups: groupRows(groupTotals, groupOf.labels) } : {}),
    };
  });
  return result;
}

type GroupTotals = { activeAgents: number; dailyActiveMax: number; agentDays: number; seconds: number };

function groupTotalsFor(totals: Map<number, GroupTotals>, group: number): GroupTotals {
  let entry = totals.get(group);
  if (!entry) totals.set(group, (entry = { activeAgents: 0, dailyActiveMax: 0, agentDays: 0, seconds: 0 }));
  return entry;
}

/** Each agent id's group as an index into `labels` (agents without one are "(none)"). */
function groupIndex(db: Connection, column: GroupBy, size: number): Int32Array & { labels: string[] } {
  const index = new Int32Array(size) as Int32Array & { labels: string[] };
  const labels: string[] = [];
  const byLabel = new Map<string, number>();
  for (const row of db.prepare(`SELECT id, ${column} AS grp FROM agent`).all() as Array<{ id: number; grp: string | null }>) {
    const label = row.grp ?? '(none)';
    let n = byLabel.get(label);
    if (n === undefined) {
      n = labels.push(label) - 1;
      byLabel.set(label, n);
    }
    index[row.id] = n;
  }
  index.labels = labels;
  return index;
}

/** Per-group counts (activity, daily maximum, agent-days, unrounded hours) for one period. */
function groupRows(totals: Map<number, GroupTotals>, labels: string[]) {
  return [...totals.entries()]
    .map(([group, t]) => ({
      group: labels[group]!,
      activeAgents: t.activeAgents,
      dailyActiveMax: t.dailyActiveMax,
      agentDays: t.agentDays,
      loggedInHours: roundHours(t.seconds / 3600),
    }))
    .sort((a, b) => a.group.localeCompare(b.group));
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
  const excluded = excludedAgents(db, definition);
  const qualifies = activityTest(definition);
  const byAgent = new Map<number, { first: number; last: number; days: number; sessions: number; seconds: number }>();
  for (const { day, usage } of readDays(db, fromDay, toDay, activityNeedsExtra(definition))) {
    for (let i = 0; i < usage.agentIds.length; i += 1) {
      const id = usage.agentIds[i]!;
      if (excluded[id] === 1 || !qualifies(usage, i)) continue;
      const entry = byAgent.get(id);
      if (entry) {
        entry.last = day;
        entry.days += 1;
        entry.sessions += usage.starts[i]!;
        entry.seconds += usage.seconds[i]!;
      } else {
        byAgent.set(id, { first: day, last: day, days: 1, sessions: usage.starts[i]!, seconds: usage.seconds[i]! });
      }
    }
  }
  const agents = db.prepare('SELECT id, external_key AS agent, display_name AS name, team, role FROM agent').all() as Array<{
    id: number;
    agent: string;
    name: string | null;
    team: string | null;
    role: string;
  }>;
  return agents
    .filter((a) => (byAgent.get(a.id)?.days ?? 0) >= definition.minActiveDays)
    .map((a) => {
      const e = byAgent.get(a.id)!;
      return {
        agent: a.agent,
        name: a.name,
        team: a.team,
        role: a.role,
        firstActivity: formatDay(e.first),
        lastActivity: formatDay(e.last),
        activeDays: e.days,
        sessions: e.sessions,
        loggedInHours: roundHours(e.seconds / 3600),
      };
    })
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
}

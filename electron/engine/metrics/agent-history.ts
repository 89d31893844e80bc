/**
 * Per-agent history from the cube: first and last active day, active days, logged-in seconds and
 * the distinct months with activity, under an activity definition. Seasons, cohorts and turnover
 * all start from this one pass over the day rows.
 */
import { yearMonthOfDay } from '../../../shared/calendar';
import { defaultActivityDefinition, idPatternToRegExp, type ActivityDefinition } from '../../../shared/metrics/activity';
import type { Connection } from '../db/connection';
import { activityNeedsExtra, activityTest, dayUsageColumns, decodeDayUsage } from './day-usage';

export type AgentRecord = {
  id: number;
  key: string;
  name: string | null;
  team: string | null;
  role: string;
  firstDay: number | null;
  lastDay: number | null;
  activeDays: number;
  seconds: number;
  activeMonths: number[];
  /** Roster account existing on the last day of the data. */
  provisioned: boolean;
  /** Excluded from counting by the activity definition. */
  excluded: boolean;
};

export const monthIndexOfDay = (day: number): number => {
  const { year, month } = yearMonthOfDay(day);
  return year * 12 + month - 1;
};

export function agentHistories(db: Connection, definition: ActivityDefinition = defaultActivityDefinition): { agents: AgentRecord[]; firstDay: number | null; lastDay: number | null } {
  const rows = db.prepare('SELECT id, external_key, display_name, team, role FROM agent ORDER BY external_key').all() as Array<{
    id: number;
    external_key: string;
    display_name: string | null;
    team: string | null;
    role: string;
  }>;
  const roles = new Set(definition.excludeRoles.map((r) => r.toLowerCase()));
  const teams = new Set(definition.excludeTeams.map((t) => t.toLowerCase()));
  const patterns = definition.excludeIdPatterns.map(idPatternToRegExp);
  const byId = new Map<number, AgentRecord & { months: Set<number> }>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      key: r.external_key,
      name: r.display_name,
      team: r.team,
      role: r.role,
      firstDay: null,
      lastDay: null,
      activeDays: 0,
      seconds: 0,
      activeMonths: [],
      months: new Set(),
      provisioned: false,
      excluded:
        roles.has(r.role.toLowerCase()) ||
        (r.team !== null && teams.has(r.team.toLowerCase())) ||
        patterns.some((p) => p.test(r.external_key)),
    });
  }
  const isActive = activityTest(definition);
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  for (const row of db.prepare(`SELECT ${dayUsageColumns(activityNeedsExtra(definition))} FROM day_usage ORDER BY day`).iterate() as Iterable<{ day: number; data: Buffer; extra?: Buffer }>) {
    const usage = decodeDayUsage(row.data, row.extra);
    const month = monthIndexOfDay(row.day);
    for (let i = 0; i < usage.agentIds.length; i += 1) {
      const agent = byId.get(usage.agentIds[i]!);
      if (!agent) continue;
      agent.seconds += usage.seconds[i]!;
      if (!isActive(usage, i)) continue;
      if (firstDay === null) firstDay = row.day;
      lastDay = row.day;
      agent.firstDay ??= row.day;
      agent.lastDay = row.day;
      agent.activeDays += 1;
      agent.months.add(month);
    }
  }
  if (lastDay !== null) {
    const roster = db.prepare('SELECT agent_id, created_day, deactivated_day FROM roster').all() as Array<{
      agent_id: number;
      created_day: number | null;
      deactivated_day: number | null;
    }>;
    for (const r of roster) {
      const agent = byId.get(r.agent_id);
      if (agent && (r.created_day === null || r.created_day <= lastDay) && (r.deactivated_day === null || r.deactivated_day > lastDay)) agent.provisioned = true;
    }
  }
  const agents = [...byId.values()].map(({ months, ...agent }) => ({ ...agent, activeMonths: [...months].sort((a, b) => a - b) }));
  return { agents, firstDay, lastDay };
}

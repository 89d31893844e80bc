/**
 * Cohorts per agent (rules in shared/metrics/cohorts.ts) and, per month, how many of each
 * cohort were active — the stacked chart of who carries each season.
 */
import { classifyAgent, COHORTS, describeCohortRules, hoursPerActiveWeek, type Cohort, type CohortRules } from '../../../shared/metrics/cohorts';
import { formatDay } from '../../../shared/calendar';
import type { ActivityDefinition } from '../../../shared/metrics/activity';
import type { Connection } from '../db/connection';
import { agentHistories, monthIndexOfDay } from './agent-history';
import { monthStartOfIndex } from './seasons';

export type CohortReport = {
  rules: CohortRules;
  ruleText: Array<{ cohort: Cohort; rule: string }>;
  dataFirstDay: string | null;
  dataLastDay: string | null;
  totals: Record<Cohort, number>;
  months: Array<{ start: string; counts: Record<Cohort, number> }>;
  agents: Array<{
    agent: string;
    name: string | null;
    team: string | null;
    cohort: Cohort;
    reason: string;
    firstActivity: string | null;
    lastActivity: string | null;
    activeMonths: number;
    hoursPerWeek: number;
  }>;
};

const zeroCounts = (): Record<Cohort, number> => Object.fromEntries(COHORTS.map((c) => [c, 0])) as Record<Cohort, number>;

export function cohortReport(db: Connection, rules: CohortRules, activity: ActivityDefinition): CohortReport {
  const { agents, firstDay, lastDay } = agentHistories(db, activity);
  const totals = zeroCounts();
  const report: CohortReport = {
    rules,
    ruleText: describeCohortRules(rules),
    dataFirstDay: firstDay === null ? null : formatDay(firstDay),
    dataLastDay: lastDay === null ? null : formatDay(lastDay),
    totals,
    months: [],
    agents: [],
  };
  if (firstDay === null || lastDay === null) return report;
  const firstMonth = monthIndexOfDay(firstDay);
  const lastMonth = monthIndexOfDay(lastDay);
  const perMonth = Array.from({ length: lastMonth - firstMonth + 1 }, zeroCounts);
  for (const agent of agents) {
    // Accounts the activity definition leaves out are still shown: as training/test if they match, else by history.
    if (agent.firstDay === null && !agent.provisioned) continue;
    const { cohort, reason } = classifyAgent(agent, rules, firstDay, lastDay, monthIndexOfDay);
    totals[cohort] += 1;
    for (const m of agent.activeMonths) perMonth[m - firstMonth]![cohort] += 1;
    report.agents.push({
      agent: agent.key,
      name: agent.name,
      team: agent.team,
      cohort,
      reason,
      firstActivity: agent.firstDay === null ? null : formatDay(agent.firstDay),
      lastActivity: agent.lastDay === null ? null : formatDay(agent.lastDay),
      activeMonths: agent.activeMonths.length,
      hoursPerWeek: Math.round(hoursPerActiveWeek(agent) * 10) / 10,
    });
  }
  report.months = perMonth.map((counts, i) => ({ start: monthStartOfIndex(firstMonth + i), counts }));
  return report;
}

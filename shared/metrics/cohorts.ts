/**
 * Cohorts: each agent gets one label from their whole history, by rules that are shown and can
 * be edited. Rules are tried in a fixed order and the first that matches wins, so an agent is
 * never counted twice: training/test → seasonal → dormant → leaver → new → full-time/part-time.
 * Seasonal comes before dormant and leaver so an agent between two seasons is still seasonal.
 */
import { z } from 'zod';
import { idPatternToRegExp } from './activity';

export const COHORTS = ['full-time', 'part-time', 'seasonal', 'new', 'leaver', 'dormant', 'training'] as const;
export type Cohort = (typeof COHORTS)[number];

export const COHORT_LABELS: Record<Cohort, string> = {
  'full-time': 'Full-time',
  'part-time': 'Part-time',
  seasonal: 'Seasonal',
  new: 'New',
  leaver: 'Leavers',
  dormant: 'Dormant',
  training: 'Training/test',
};

export const CohortRules = z
  .object({
    /** Average logged-in hours per active week at or above which an agent is full-time. */
    fullTimeHoursPerWeek: z.number().min(1).max(80).default(30),
    /** Seasonal: active in at most this many distinct calendar months of each year they worked… */
    seasonalMaxMonthsPerYear: z.number().int().min(1).max(11).default(5),
    /** …and back after a gap of at least this many inactive months, or active only inside one such window. */
    seasonalMinGapMonths: z.number().int().min(1).max(11).default(3),
    /** New: first activity within this many days of the end of the data. */
    newWithinDays: z.number().int().min(1).max(366).default(60),
    /** Leaver: last activity more than this many days before the end of the data, and no longer provisioned. */
    leaverAfterDays: z.number().int().min(1).max(366).default(45),
    /** Dormant: still provisioned but not active for this many days (or never). */
    dormantAfterDays: z.number().int().min(1).max(366).default(30),
    /** Training/test accounts: by role, team or id pattern (* and ? wildcards). */
    trainingRoles: z.array(z.string().trim().min(1)).default(['service', 'test', 'training']),
    trainingTeams: z.array(z.string().trim().min(1)).default(['Training']),
    trainingIdPatterns: z.array(z.string().trim().min(1)).default(['*test*', 'train*']),
  })
  .strict();
export type CohortRules = z.output<typeof CohortRules>;
export const DEFAULT_COHORT_RULES: CohortRules = CohortRules.parse({});

/** What the engine knows about one agent (days are local day numbers). */
export type AgentHistory = {
  key: string;
  role: string;
  team: string | null;
  firstDay: number | null;
  lastDay: number | null;
  activeDays: number;
  seconds: number;
  /** Distinct active months as year*12 + (month-1). */
  activeMonths: readonly number[];
  /** Still provisioned on the last day of the data (roster account not deactivated). */
  provisioned: boolean;
};

export type Classification = { cohort: Cohort; reason: string };

export function describeCohortRules(rules: CohortRules): Array<{ cohort: Cohort; rule: string }> {
  const training = [
    ...rules.trainingRoles.map((r) => `role ${r}`),
    ...rules.trainingTeams.map((t) => `team ${t}`),
    ...rules.trainingIdPatterns.map((p) => `id like ${p}`),
  ];
  return [
    { cohort: 'training', rule: training.length ? `Accounts with ${training.join(', ')}.` : 'No training/test accounts defined.' },
    {
      cohort: 'seasonal',
      rule: `Active in at most ${rules.seasonalMaxMonthsPerYear} months of any year, returning after ${rules.seasonalMinGapMonths}+ inactive months — or working a single window of at most ${rules.seasonalMaxMonthsPerYear} months.`,
    },
    { cohort: 'dormant', rule: `Still provisioned, but never active or not active in the last ${rules.dormantAfterDays} days of the data.` },
    { cohort: 'leaver', rule: `Last active more than ${rules.leaverAfterDays} days before the end of the data, and no longer provisioned.` },
    { cohort: 'new', rule: `First active in the last ${rules.newWithinDays} days of the data.` },
    { cohort: 'full-time', rule: `Everyone else averaging at least ${rules.fullTimeHoursPerWeek} logged-in hours per active week.` },
    { cohort: 'part-time', rule: `Everyone else, under ${rules.fullTimeHoursPerWeek} hours per active week.` },
  ];
}

/** Hours per week in which the agent was active (weeks counted as active days ÷ 5, at least one). */
export function hoursPerActiveWeek(agent: Pick<AgentHistory, 'seconds' | 'activeDays'>): number {
  const weeks = Math.max(1, agent.activeDays / 5);
  return agent.seconds / 3600 / weeks;
}

function isSeasonal(months: readonly number[], rules: CohortRules, dataFirstMonth: number, dataLastMonth: number): boolean {
  if (months.length === 0) return false;
  const sorted = [...months].sort((a, b) => a - b);
  const perYear = new Map<number, number>();
  for (const m of sorted) perYear.set(Math.floor(m / 12), (perYear.get(Math.floor(m / 12)) ?? 0) + 1);
  if ([...perYear.values()].some((n) => n > rules.seasonalMaxMonthsPerYear)) return false;
  let longestGap = 0;
  for (let i = 1; i < sorted.length; i += 1) longestGap = Math.max(longestGap, sorted[i]! - sorted[i - 1]! - 1);
  if (longestGap >= rules.seasonalMinGapMonths) return true;
  // One window: short, and neither cut by the start nor still running at the end of the data.
  const span = sorted[sorted.length - 1]! - sorted[0]! + 1;
  return span <= rules.seasonalMaxMonthsPerYear && sorted[0]! > dataFirstMonth && sorted[sorted.length - 1]! < dataLastMonth;
}

/**
 * Classifies one agent. `dataFirstDay`/`dataLastDay` bound the history, so "new" and "leaver"
 * are judged against the data, not today's date.
 */
export function classifyAgent(agent: AgentHistory, rules: CohortRules, dataFirstDay: number, dataLastDay: number, monthOf: (day: number) => number): Classification {
  const roles = new Set(rules.trainingRoles.map((r) => r.toLowerCase()));
  const teams = new Set(rules.trainingTeams.map((t) => t.toLowerCase()));
  if (roles.has(agent.role.toLowerCase())) return { cohort: 'training', reason: `role ${agent.role}` };
  if (agent.team !== null && teams.has(agent.team.toLowerCase())) return { cohort: 'training', reason: `team ${agent.team}` };
  const pattern = rules.trainingIdPatterns.find((p) => idPatternToRegExp(p).test(agent.key.toLowerCase()));
  if (pattern) return { cohort: 'training', reason: `id like ${pattern}` };

  if (agent.lastDay === null || agent.firstDay === null) {
    return { cohort: 'dormant', reason: agent.provisioned ? 'provisioned, never active' : 'never active' };
  }
  if (isSeasonal(agent.activeMonths, rules, monthOf(dataFirstDay), monthOf(dataLastDay))) {
    return { cohort: 'seasonal', reason: `active in ${agent.activeMonths.length} months, in seasonal windows` };
  }
  const idle = dataLastDay - agent.lastDay;
  if (agent.provisioned && idle >= rules.dormantAfterDays) return { cohort: 'dormant', reason: `provisioned, idle for ${idle} days` };
  if (!agent.provisioned && idle > rules.leaverAfterDays) return { cohort: 'leaver', reason: `last active ${idle} days before the end of the data` };
  if (dataLastDay - agent.firstDay < rules.newWithinDays && agent.firstDay > dataFirstDay) {
    return { cohort: 'new', reason: `first active ${dataLastDay - agent.firstDay} days before the end of the data` };
  }
  const weekly = hoursPerActiveWeek(agent);
  return weekly >= rules.fullTimeHoursPerWeek
    ? { cohort: 'full-time', reason: `${weekly.toFixed(1)} h per active week` }
    : { cohort: 'part-time', reason: `${weekly.toFixed(1)} h per active week` };
}

/**
 * What-if scenarios: a forecast plus changes a manager plans — seasonal hires, extra attrition, a
 * new program or site, and the account provisioning policy. Pure and exact: every added count is
 * whole-number arithmetic on calendar days, so "60 hires in February–April" adds exactly 60
 * active agents to each of those months and nothing to any other.
 *
 * The format is documented in docs/scenario-format.md.
 */
import { z } from 'zod';
import { daysFromCivil, daysInMonth, firstDayOfNextMonth, formatDay, parseDay, yearMonthOfDay } from '../calendar';
import type { PricingPeriod } from '../pricing';

/** `YYYY-MM` (one calendar month) or `MM` (that month of every year in the forecast). */
const MonthRef = z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, or MM for every year');
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

const Cohort = {
  label: z.string().trim().max(80).optional(),
  agents: z.number().int().min(1, 'add at least one agent').max(100_000),
  daysPerWeek: z.number().int().min(1).max(7).default(5),
  hoursPerDay: z.number().min(0.25).max(24).default(8),
  /** Share of the cohort logged in at the busiest minute (1 = all of them on the same shift). */
  shareAtPeak: z.number().min(0).max(1).default(1),
};

export const SeasonalHire = z
  .object({
    ...Cohort,
    from: MonthRef,
    to: MonthRef,
    /** Weeks of training before the first month, logged in on the same schedule. */
    rampUpWeeks: z.number().int().min(0).max(26).default(0),
  })
  .strict();
export type SeasonalHire = z.output<typeof SeasonalHire>;

export const Program = z
  .object({
    ...Cohort,
    from: MonthRef,
    /** Last month of the program; open-ended when absent. */
    to: MonthRef.optional(),
  })
  .strict();
export type Program = z.output<typeof Program>;

export const Attrition = z
  .object({
    /** Percent of the current (forecast) workforce lost each month, not replaced. */
    percentPerMonth: z.number().min(0).max(50),
    from: YearMonth,
    /** Losses stop after this month (those already lost stay lost); open-ended when absent. */
    to: YearMonth.optional(),
  })
  .strict();
export type Attrition = z.output<typeof Attrition>;

export const ProvisioningPolicy = z
  .object({
    /** Accounts for added agents are created this many days before their first working day. */
    createDaysEarly: z.number().int().min(0).max(180).default(0),
    /** …and removed this many days after their last working day (0 = the day after). */
    deprovisionAfterDays: z.number().int().min(0).max(365).default(0),
  })
  .strict();

export const Scenario = z
  .object({
    formatVersion: z.literal(1).default(1),
    name: z.string().trim().min(1, 'a scenario needs a name').max(80),
    description: z.string().max(2000).optional(),
    /** Forecast model: auto (chosen by backtest) or a named one. */
    model: z.enum(['auto', 'seasonal-naive', 'holt-winters-additive', 'holt-winters-multiplicative']).default('auto'),
    hires: z.array(SeasonalHire).default([]),
    attrition: z.array(Attrition).default([]),
    programs: z.array(Program).default([]),
    provisioning: ProvisioningPolicy.default({ createDaysEarly: 0, deprovisionAfterDays: 0 }),
  })
  .strict();
export type Scenario = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** The empty scenario: the forecast as it is. */
export const BASELINE_SCENARIO: Scenario = Scenario.parse({ name: 'Forecast only' });

export type ProvisionedBasis = 'start' | 'end' | 'max' | 'daily-average';

/** One forecast month (the counts the pricing engine bills), before any scenario change. */
export type ForecastMonth = {
  /** First local day of the month, YYYY-MM-DD. */
  start: string;
  activeAgents: number;
  activeAgentsLow: number;
  activeAgentsHigh: number;
  peakConcurrent: number;
  loggedInHours: number;
  provisioned: number;
  agentDays: number;
  dailyActiveMax: number;
  /** The same count forecast under each rule a plan asked for (raw is in peakConcurrent). */
  peakConcurrentByRule?: Record<string, number>;
  loggedInHoursByRounding?: Record<string, number>;
  provisionedByBasis?: Partial<Record<ProvisionedBasis, number>>;
};

export type ScenarioMonth = ForecastMonth & {
  end: string;
  /** What the scenario's cohorts added on top of the (attrition-adjusted) forecast. */
  added: { activeAgents: number; agentDays: number; loggedInHours: number; peakConcurrent: number; provisioned: number };
  /** Share of the forecast workforce still there after the scenario's attrition (1 = none). */
  retained: number;
};

type Interval = { from: number; to: number };
type CohortPlan = {
  agents: number;
  daysPerWeek: number;
  hoursPerDay: number;
  shareAtPeak: number;
  work: Interval;
  account: Interval;
};

function monthStart(ref: string, year: number): number {
  const [y, m] = ref.length === 2 ? [year, Number(ref)] : [Number(ref.slice(0, 4)), Number(ref.slice(5, 7))];
  return daysFromCivil(y, m, 1);
}

function monthEnd(ref: string, year: number): number {
  return firstDayOfNextMonth(monthStart(ref, year));
}

/**
 * The calendar intervals [from, to) a cohort works. A `YYYY-MM` range is one interval; an `MM`
 * range repeats in every year the forecast touches (wrapping over New Year when to < from).
 */
function workIntervals(from: string, to: string | undefined, firstDay: number, endDay: number): Interval[] {
  if (to === undefined) return [{ from: monthStart(from, yearMonthOfDay(firstDay).year), to: Number.POSITIVE_INFINITY }];
  if (from.length === 7 && to.length === 7) return [{ from: monthStart(from, 0), to: monthEnd(to, 0) }];
  const intervals: Interval[] = [];
  const firstYear = yearMonthOfDay(firstDay).year - 1;
  const lastYear = yearMonthOfDay(endDay).year;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const start = monthStart(from.slice(-2), year);
    const wraps = Number(to.slice(-2)) < Number(from.slice(-2));
    intervals.push({ from: start, to: monthEnd(to.slice(-2), wraps ? year + 1 : year) });
  }
  return intervals;
}

function cohortPlans(scenario: Scenario, firstDay: number, endDay: number): CohortPlan[] {
  const { createDaysEarly, deprovisionAfterDays } = scenario.provisioning;
  const plans: CohortPlan[] = [];
  const push = (c: { agents: number; daysPerWeek: number; hoursPerDay: number; shareAtPeak: number }, work: Interval) =>
    plans.push({
      agents: c.agents,
      daysPerWeek: c.daysPerWeek,
      hoursPerDay: c.hoursPerDay,
      shareAtPeak: c.shareAtPeak,
      work,
      account: { from: work.from - createDaysEarly, to: work.to + deprovisionAfterDays },
    });
  for (const hire of scenario.hires) {
    for (const work of workIntervals(hire.from, hire.to, firstDay, endDay)) push(hire, { from: work.from - hire.rampUpWeeks * 7, to: work.to });
  }
  for (const program of scenario.programs) {
    for (const work of workIntervals(program.from, program.to, firstDay, endDay)) push(program, work);
  }
  return plans;
}

const overlap = (a: Interval, from: number, to: number) => Math.max(0, Math.min(a.to, to) - Math.max(a.from, from));

/** Working days of a cohort member in `days` calendar days: whole days, never more than the calendar allows. */
const workingDays = (days: number, perWeek: number) => Math.min(days, Math.round((days * perWeek) / 7));

const monthIndex = (day: number) => {
  const { year, month } = yearMonthOfDay(day);
  return year * 12 + month - 1;
};

/** Retained share of the forecast workforce in the month starting on `day`: (1 − rate) per month lost. */
function retainedShare(attrition: readonly Attrition[], day: number): number {
  let share = 1;
  const index = monthIndex(day);
  for (const row of attrition) {
    const fromIndex = monthIndex(monthStart(row.from, 0));
    if (index < fromIndex) continue;
    const toIndex = row.to === undefined ? Number.POSITIVE_INFINITY : monthIndex(monthStart(row.to, 0));
    share *= (1 - row.percentPerMonth / 100) ** (Math.min(index, toIndex) - fromIndex + 1);
  }
  return share;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Applies a scenario to forecast months. Attrition scales the forecast workforce (not the added
 * cohorts); cohorts add whole agents, working days and hours; accounts follow the provisioning
 * policy. Counts stay integers, hours keep two decimals.
 */
export function applyScenario(base: readonly ForecastMonth[], scenario: Scenario): ScenarioMonth[] {
  if (base.length === 0) return [];
  const firstDay = parseDay(base[0]!.start)!;
  const endDay = firstDayOfNextMonth(parseDay(base[base.length - 1]!.start)!);
  const cohorts = cohortPlans(scenario, firstDay, endDay);
  const lagMonths = Math.ceil(scenario.provisioning.deprovisionAfterDays / 30);

  return base.map((month) => {
    const ms = parseDay(month.start)!;
    const me = firstDayOfNextMonth(ms);
    const days = me - ms;
    const retained = retainedShare(scenario.attrition, ms);
    // Leavers' accounts linger until the deprovisioning policy removes them.
    const lagged = lagMonths === 0 ? retained : retainedShare(scenario.attrition, shiftMonths(ms, -lagMonths));

    const added = { activeAgents: 0, agentDays: 0, loggedInHours: 0, peakConcurrent: 0, provisioned: 0, dailyActiveMax: 0 };
    const addedByBasis: Record<ProvisionedBasis, number> = { start: 0, end: 0, max: 0, 'daily-average': 0 };
    for (const cohort of cohorts) {
      const worked = workingDays(overlap(cohort.work, ms, me), cohort.daysPerWeek);
      if (worked > 0) {
        added.activeAgents += cohort.agents;
        added.agentDays += cohort.agents * worked;
        added.loggedInHours += cohort.agents * worked * cohort.hoursPerDay;
        added.peakConcurrent += Math.round(cohort.agents * cohort.shareAtPeak);
        added.dailyActiveMax += Math.ceil((cohort.agents * Math.min(5, cohort.daysPerWeek)) / 5);
      }
      const exists = (day: number) => day >= cohort.account.from && day < cohort.account.to;
      if (exists(ms)) addedByBasis.start += cohort.agents;
      if (exists(me - 1)) addedByBasis.end += cohort.agents;
      if (overlap(cohort.account, ms, me) > 0) addedByBasis.max += cohort.agents;
      addedByBasis['daily-average'] += (cohort.agents * overlap(cohort.account, ms, me)) / days;
    }
    added.provisioned = addedByBasis.end;

    const scaled = (value: number) => Math.round(value * retained);
    const scaledLagged = (value: number) => Math.round(value * lagged);
    const byRule = month.peakConcurrentByRule
      ? Object.fromEntries(Object.entries(month.peakConcurrentByRule).map(([rule, v]) => [rule, scaled(v) + added.peakConcurrent]))
      : undefined;
    const byRounding = month.loggedInHoursByRounding
      ? Object.fromEntries(
          Object.entries(month.loggedInHoursByRounding).map(([rounding, v]) => [
            rounding,
            rounding === 'ceil-total' ? Math.ceil(round2(v * retained + added.loggedInHours)) : round2(v * retained + added.loggedInHours),
          ]),
        )
      : undefined;
    const byBasis = month.provisionedByBasis
      ? (Object.fromEntries(
          Object.entries(month.provisionedByBasis).map(([basis, v]) => [
            basis,
            basis === 'daily-average'
              ? round2(v! * lagged + addedByBasis['daily-average'])
              : scaledLagged(v!) + addedByBasis[basis as ProvisionedBasis],
          ]),
        ) as Partial<Record<ProvisionedBasis, number>>)
      : undefined;

    return {
      start: month.start,
      end: formatDay(me),
      activeAgents: scaled(month.activeAgents) + added.activeAgents,
      activeAgentsLow: scaled(month.activeAgentsLow) + added.activeAgents,
      activeAgentsHigh: scaled(month.activeAgentsHigh) + added.activeAgents,
      peakConcurrent: scaled(month.peakConcurrent) + added.peakConcurrent,
      loggedInHours: round2(month.loggedInHours * retained + added.loggedInHours),
      provisioned: scaledLagged(month.provisioned) + added.provisioned,
      agentDays: scaled(month.agentDays) + added.agentDays,
      dailyActiveMax: scaled(month.dailyActiveMax) + added.dailyActiveMax,
      ...(byRule ? { peakConcurrentByRule: byRule } : {}),
      ...(byRounding ? { loggedInHoursByRounding: byRounding } : {}),
      ...(byBasis ? { provisionedByBasis: byBasis } : {}),
      added: {
        activeAgents: added.activeAgents,
        agentDays: added.agentDays,
        loggedInHours: round2(added.loggedInHours),
        peakConcurrent: added.peakConcurrent,
        provisioned: added.provisioned,
      },
      retained: Math.round(retained * 10000) / 10000,
    };
  });
}

function shiftMonths(day: number, months: number): number {
  const { year, month } = yearMonthOfDay(day);
  const index = year * 12 + (month - 1) + months;
  return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The scenario months as the pricing engine's periods (the plain fields and every rule variant). */
export function pricingPeriods(months: readonly ScenarioMonth[]): PricingPeriod[] {
  return months.map((m) => {
    const days = parseDay(m.end)! - parseDay(m.start)!;
    return {
      start: m.start,
      end: m.end,
      activeAgents: m.activeAgents,
      agentDays: m.agentDays,
      dailyActiveAvg: round2(m.agentDays / days),
      dailyActiveMax: m.dailyActiveMax,
      peakConcurrent: m.peakConcurrent,
      loggedInHours: m.loggedInHours,
      provisioned: m.provisioned,
      peakConcurrentByRule: { raw: m.peakConcurrent, ...(m.peakConcurrentByRule ?? {}) },
      loggedInHoursByRounding: { none: m.loggedInHours, ...(m.loggedInHoursByRounding ?? {}) },
      provisionedByBasis: { end: m.provisioned, ...(m.provisionedByBasis ?? {}) },
    };
  });
}

/** Calendar months [start, start + count) as first days, YYYY-MM-DD. */
export function monthStarts(start: string, count: number): string[] {
  const first = parseDay(start);
  if (first === null) return [];
  return Array.from({ length: count }, (_, i) => formatDay(shiftMonths(first, i)));
}

/** Days in the month starting on `start` (for per-day averages in the UI). */
export function daysInMonthOf(start: string): number {
  const { year, month } = yearMonthOfDay(parseDay(start)!);
  return daysInMonth(year, month);
}

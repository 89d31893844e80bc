/**
 * The arithmetic behind the Plans screen, kept out of React so it can be tested to the cent:
 * which months to compare, which plan is cheapest when, savings against the current plan, and
 * the break-even sweep over the share of provisioned accounts that are active.
 *
 * Money stays in integer minor units (cents) throughout; only the formatters turn it into text.
 */
import { metricRequirements, priceSeries, type Consumption, type PricingPeriod, type ProjectionReport } from '../../../../shared/pricing/engine';
import { parsePlan, type Plan, type PlanInput } from '../../../../shared/pricing/plan';
import { addMonths } from '../../lib/date-range';

export type MonthRange = { from: string; to: string };

/**
 * The default comparison range: the last 12 complete months that have data. A month still in
 * progress (today's month in the business zone) is left out, since its bill is not final.
 */
export function defaultCompareRange(availableMonths: readonly string[], currentMonth: string): MonthRange | null {
  const complete = availableMonths.filter((month) => month < currentMonth).sort();
  const last = complete.at(-1);
  if (!last) return null;
  const first = complete[0]!;
  const from = addMonths(last, -11);
  return { from: from < first ? first : from, to: last };
}

/** `YYYY-MM` range → the `from`/`to` days the engine takes (`to` exclusive). */
export function rangeDays(range: MonthRange): { from: string; to: string } {
  return { from: `${range.from}-01`, to: `${addMonths(range.to, 1)}-01` };
}

/** A stable key of the counts a set of plans needs; when it changes, fetch pricing:inputs again. */
export function requirementsKey(plans: readonly Plan[]): string {
  const sets: Record<string, Set<string>> = {};
  for (const plan of plans) {
    const needs = metricRequirements(plan);
    // Consumption figures come from the user, not the database: they need no refetch.
    for (const name of ['concurrency', 'hoursRounding', 'provisionedAt', 'activity', 'groups'] as const) {
      const set = (sets[name] ??= new Set());
      needs[name].forEach((value) => set.add(value));
    }
  }
  return JSON.stringify(Object.keys(sets).sort().map((name) => [name, [...sets[name]!].sort()]));
}

export type PlanComparison = {
  months: string[];
  /** totals[plan][month] in minor units. */
  totals: number[][];
  /** Index of the cheapest plan in each month (the first one on a tie). */
  cheapestByMonth: number[];
  /** Sum over the range per plan. */
  rangeTotals: number[];
  cheapestOverall: number;
  /** Per calendar year in the range: each plan's total. */
  years: Array<{ year: string; totals: number[]; months: number; cheapest: number }>;
  /** Range total minus the current plan's range total (negative = cheaper than today); null without a current plan. */
  savingsVsCurrent: Array<number | null>;
};

function argMin(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value < values[best]!) best = index;
  });
  return best;
}

/** Compares priced plans month by month; `currentIndex` is the plan paid today, if any is shown. */
export function comparePlans(report: ProjectionReport, currentIndex: number | null): PlanComparison {
  const months = (report.plans[0]?.periods ?? []).map((period) => period.start.slice(0, 7));
  const totals = report.plans.map((plan) => plan.periods.map((period) => period.totalCents));
  const cheapestByMonth = months.map((_, m) => argMin(totals.map((row) => row[m] ?? 0)));
  const rangeTotals = report.plans.map((plan) => plan.totalCents);
  const yearNames = [...new Set(months.map((month) => month.slice(0, 4)))];
  const years = yearNames.map((year) => {
    const indexes = months.flatMap((month, m) => (month.startsWith(year) ? [m] : []));
    const yearTotals = totals.map((row) => indexes.reduce((sum, m) => sum + (row[m] ?? 0), 0));
    return { year, totals: yearTotals, months: indexes.length, cheapest: argMin(yearTotals) };
  });
  const current = currentIndex === null ? null : rangeTotals[currentIndex];
  return {
    months,
    totals,
    cheapestByMonth,
    rangeTotals,
    cheapestOverall: argMin(rangeTotals),
    years,
    savingsVsCurrent: rangeTotals.map((total) => (current === null || current === undefined ? null : total - current)),
  };
}

/** Round axis ticks from 0 to just above `max` (steps of 1, 2, 2.5 or 5 × 10ⁿ), about five of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / (count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  const ticks = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return ticks;
}

// ------------------------------------------------------------------------------------------------
// Break-even
// ------------------------------------------------------------------------------------------------

export type BreakEvenPoint = { share: number; active: number; costs: number[] };
export type BreakEven = {
  base: { start: string; provisioned: number; active: number; utilisation: number };
  points: BreakEvenPoint[];
  /** Shares at which the cheapest plan changes: "below 40 %: plan 1; from 40 %: plan 0". */
  cheapestRuns: Array<{ from: number; to: number; plan: number }>;
};

const scaled = (value: number | undefined, factor: number, whole: boolean) =>
  value === undefined ? undefined : whole ? Math.round(value * factor) : Math.round(value * factor * 100) / 100;

function scaleRecord<T extends Readonly<Record<string, number | undefined>>>(record: T | undefined, factor: number, whole: boolean): T | undefined {
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, scaled(value, factor, whole)])) as unknown as T;
}

/** `YYYY-MM-DD` of the first day `n` months after the month of `day`. */
function monthStart(day: string, n: number): string {
  return `${addMonths(day.slice(0, 7), n)}-01`;
}

/**
 * The month's usage with active agents set to `share` × provisioned and every activity-driven
 * count (peaks under each rule, hours, agent-days, daily actives) scaled by the same factor. The
 * roster stays as it is: the question is what each plan costs if more or fewer of the accounts
 * you already pay for were used.
 */
export function scaledPeriod(base: PricingPeriod, share: number): PricingPeriod {
  const provisioned = base.provisioned ?? 0;
  const active = Math.round(share * provisioned);
  const baseActive = base.activeAgents ?? 0;
  // With no activity in the base month there is nothing to scale from: assume one hour and one
  // agent-day per active agent, and everyone at once at the peak (the most a plan could count).
  const factor = baseActive > 0 ? active / baseActive : 0;
  const byActivity = base.byActivity
    ? Object.fromEntries(Object.entries(base.byActivity).map(([name, counts]) => [name, scaleRecord(counts, factor, false)!]))
    : undefined;
  const period: PricingPeriod = {
    ...base,
    activeAgents: active,
    dailyActiveAvg: baseActive > 0 ? scaled(base.dailyActiveAvg, factor, false) : active,
    dailyActiveMax: baseActive > 0 ? scaled(base.dailyActiveMax, factor, true) : active,
    agentDays: baseActive > 0 ? scaled(base.agentDays, factor, true) : active,
    peakConcurrent: baseActive > 0 ? scaled(base.peakConcurrent, factor, true) : active,
    loggedInHours: baseActive > 0 ? scaled(base.loggedInHours, factor, false) : active,
  };
  if (baseActive > 0) {
    const byRule = scaleRecord(base.peakConcurrentByRule, factor, true);
    const byRounding = scaleRecord(base.loggedInHoursByRounding, factor, false);
    if (byRule) period.peakConcurrentByRule = byRule;
    if (byRounding) period.loggedInHoursByRounding = byRounding;
    if (byActivity) period.byActivity = byActivity;
  } else {
    delete period.peakConcurrentByRule;
    delete period.loggedInHoursByRounding;
    delete period.byActivity;
  }
  // Group counts cannot be scaled meaningfully per team; plans billing one group see none.
  delete period.groups;
  return period;
}

/**
 * Each plan's cost per month as the active share goes from 0 to 100 % in `step` steps. Each
 * point prices twelve identical months and averages them, so ramp months, annual invoicing and
 * true-ups are spread over the year as a contract would be.
 */
export function breakEven(plans: readonly Plan[], base: PricingPeriod, step = 0.05, consumption?: Consumption): BreakEven | null {
  const provisioned = base.provisioned ?? 0;
  if (!(provisioned > 0) || plans.length === 0) return null;
  const points: BreakEvenPoint[] = [];
  const steps = Math.round(1 / step);
  for (let i = 0; i <= steps; i += 1) {
    const share = i / steps;
    const month = scaledPeriod(base, share);
    const year = Array.from({ length: 12 }, (_, n) => ({
      ...month,
      start: monthStart(base.start, n),
      end: monthStart(base.start, n + 1),
      // Dated roster changes belong to the real month only.
      seatChanges: [],
    }));
    const costs = plans.map((plan) => Math.round(priceSeries(plan, year, consumption).totalCents / 12));
    points.push({ share, active: month.activeAgents ?? 0, costs });
  }
  const cheapestRuns: BreakEven['cheapestRuns'] = [];
  for (const point of points) {
    const plan = argMin(point.costs);
    const last = cheapestRuns.at(-1);
    if (last && last.plan === plan) last.to = point.share;
    else cheapestRuns.push({ from: point.share, to: point.share, plan });
  }
  const active = base.activeAgents ?? 0;
  return { base: { start: base.start, provisioned, active, utilisation: active / provisioned }, points, cheapestRuns };
}

// ------------------------------------------------------------------------------------------------
// Drafts
// ------------------------------------------------------------------------------------------------

/** A plan to start from when there is no template to copy: one named seat at a price to fill in. */
export function blankPlan(currency: string): PlanInput {
  return {
    formatVersion: 1,
    name: 'New plan',
    description: '',
    source: { citation: 'Entered by hand' },
    illustrative: true,
    currency,
    billing: { frequency: 'monthly', termMonths: 12 },
    charges: [
      {
        id: 'seats',
        label: 'Named seats',
        unitName: 'seats',
        quantity: { kind: 'provisioned', basis: 'max' },
        price: { model: 'per-unit', unitPrice: '0.00' },
      },
    ],
  };
}

/** The value at `path` inside a JSON draft. */
export function getAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let node: unknown = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `value` with `path` set (undefined deletes an object key); intermediate objects are created. */
export function setAt<T>(value: T, path: ReadonlyArray<string | number>, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const node = (value ?? (typeof key === 'number' ? [] : {})) as Record<string | number, unknown> | unknown[];
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...node };
  const child = setAt((copy as Record<string | number, unknown>)[key!], rest, next);
  if (child === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key as string];
  else (copy as Record<string | number, unknown>)[key!] = child;
  return copy as T;
}

export type DraftCheck = { plan: Plan; issues: [] } | { plan: null; issues: Array<{ path: string; message: string }> };

/** Validates a draft the way the engine will, keeping every issue (the editor shows them inline). */
export function checkDraft(draft: unknown): DraftCheck {
  const read = parsePlan(draft);
  return read.ok ? { plan: read.plan, issues: [] } : { plan: null, issues: read.issues };
}

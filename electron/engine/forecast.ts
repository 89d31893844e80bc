/**
 * The planner's Node side: monthly history from the cube, the pure forecast (shared/forecast),
 * a scenario applied on top, and the budget — the scenario priced under each selected plan by
 * the pure pricing engine. Nothing here writes; scenarios are stored by the engine's handlers.
 */
import { firstDayOfMonth, firstDayOfNextMonth, formatDay, parseDay } from '../../shared/calendar';
import type { MonthlyPeriod } from '../../shared/contract';
import { forecastSeries, INTERVAL_LEVEL, MODEL_LABELS, type ModelChoice, type ModelName, type SeriesForecast } from '../../shared/forecast/models';
import { applyScenario, monthStarts, pricingPeriods, type ForecastMonth, type ProvisionedBasis, type Scenario, type ScenarioMonth } from '../../shared/forecast/scenario';
import type { ActivityDefinition } from '../../shared/metrics/activity';
import { parseConcurrencyRule } from '../../shared/metrics/concurrency';
import { metricRequirements, priceAll, type Consumption, type Plan } from '../../shared/pricing';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';
import { activeDaySpan, parseHoursRounding, usageByPeriod, type UsageQuery } from './metrics/usage';

export const MAX_FORECAST_MONTHS = 24;

type SeriesKey = 'activeAgents' | 'peakConcurrent' | 'loggedInHours' | 'provisioned' | 'agentDays' | 'dailyActiveMax';
const SERIES: readonly SeriesKey[] = ['activeAgents', 'peakConcurrent', 'loggedInHours', 'provisioned', 'agentDays', 'dailyActiveMax'];

export type ForecastQuery = {
  timeZone: string;
  activity: ActivityDefinition & { version?: number };
  /** First forecast month (any day in it); default the month after the last data. */
  fromDay?: number;
  months: number;
  scenario: Scenario;
  /** Extra rule variants the budget's plans bill by. */
  variants?: { concurrency: string[]; hoursRounding: string[]; provisionedAt: ProvisionedBasis[] };
};

export type SeriesSummary = Pick<SeriesForecast, 'model' | 'backtestMape' | 'backtestMonths' | 'candidates'> & { messages: string[] };

export type ForecastRun = {
  timeZone: string;
  model: ModelName;
  modelLabel: string;
  backtestMape: number | null;
  backtestMonths: number;
  intervalLevel: number;
  messages: string[];
  series: Record<SeriesKey, SeriesSummary>;
  history: Array<{ start: string; activeAgents: number; peakConcurrent: number; loggedInHours: number; provisioned: number }>;
  /** The forecast without the scenario, for comparison. */
  baseline: ScenarioMonth[];
  periods: ScenarioMonth[];
  scenario: Scenario;
};

const countRound = (v: number) => Math.round(v);
const hoursRound = (v: number) => Math.round(v * 100) / 100;

function forecastValues(history: readonly number[], horizon: number, model: ModelChoice, hours = false): SeriesForecast {
  const f = forecastSeries(history, horizon, { model });
  const round = hours ? hoursRound : countRound;
  return { ...f, point: f.point.map(round), low: f.low.map(round), high: f.high.map(round) };
}

/**
 * Complete calendar months of history before `beforeDay`. A last month the data covers for less
 * than three weeks is left out (it would read as a collapse), and the caller is told.
 */
function historyPeriods(db: Connection, base: UsageQuery, beforeDay: number | undefined): { periods: MonthlyPeriod[]; messages: string[] } {
  const span = activeDaySpan(db);
  if (!span) return { periods: [], messages: [] };
  const messages: string[] = [];
  let toDay = firstDayOfNextMonth(span.last);
  if (beforeDay !== undefined) toDay = Math.min(toDay, beforeDay);
  if (toDay <= span.first) return { periods: [], messages };
  let periods = usageByPeriod(db, { ...base, fromDay: firstDayOfMonth(span.first), toDay }).periods;
  const last = periods.at(-1);
  const previous = periods.at(-2);
  // Cut short only when the months before ran to their last week: sparse data is not a partial month.
  const previousReachedEnd =
    previous !== undefined &&
    (db.prepare('SELECT EXISTS (SELECT 1 FROM day_usage WHERE day >= ? AND day < ? AND started > 0) AS any').get(parseDay(previous.end)! - 7, parseDay(previous.end)!) as { any: number }).any === 1;
  if (last && previousReachedEnd && parseDay(last.end)! > span.last + 1 && span.last + 1 - parseDay(last.start)! < 21) {
    messages.push(`${last.start.slice(0, 7)} is left out of the history: the data covers only part of it.`);
    periods = periods.slice(0, -1);
  }
  return { periods, messages };
}

export function runForecast(db: Connection, query: ForecastQuery): ForecastRun {
  if (!Number.isInteger(query.months) || query.months < 1 || query.months > MAX_FORECAST_MONTHS) {
    throw new UserFacingError('invalid-months', `Forecast 1 to ${MAX_FORECAST_MONTHS} months (asked for ${query.months}).`);
  }
  const span = activeDaySpan(db);
  if (!span) throw new UserFacingError('no-data', 'There is no usage history to forecast from. Import a login export first.');
  const firstForecastDay = query.fromDay !== undefined ? firstDayOfMonth(query.fromDay) : firstDayOfNextMonth(span.last);
  const base: UsageQuery = { timeZone: query.timeZone, activity: query.activity };
  const { periods: history, messages } = historyPeriods(db, base, firstForecastDay);
  if (history.length === 0) throw new UserFacingError('no-history', `There is no usage history before ${formatDay(firstForecastDay)} to forecast from.`);

  // Months between the end of the history and the first requested month are forecast too, then dropped.
  const historyEnd = parseDay(history.at(-1)!.end)!;
  const gap = monthStarts(formatDay(historyEnd), MAX_FORECAST_MONTHS + 1).findIndex((s) => parseDay(s)! >= firstForecastDay);
  if (gap < 0) {
    throw new UserFacingError('invalid-range', `${formatDay(firstForecastDay)} is more than ${MAX_FORECAST_MONTHS} months after the last month of data (${history.at(-1)!.start.slice(0, 7)}): start the forecast earlier.`);
  }
  const horizon = gap + query.months;
  const starts = monthStarts(formatDay(historyEnd), horizon).slice(gap);

  const model = query.scenario.model;
  const forecasts = Object.fromEntries(
    SERIES.map((key) => [key, forecastValues(history.map((p) => p[key]), horizon, model, key === 'loggedInHours')]),
  ) as Record<SeriesKey, SeriesForecast>;
  // Rule variants follow the model chosen for their plain series, so the budget's months agree.
  const variant = (variantQuery: UsageQuery, pick: (p: MonthlyPeriod) => number, like: SeriesKey, hours = false) =>
    forecastValues(historyPeriods(db, variantQuery, firstForecastDay).periods.map(pick), horizon, forecasts[like].model === 'drift' ? 'auto' : forecasts[like].model, hours).point.slice(gap);
  const byRule: Record<string, number[]> = {};
  for (const rule of query.variants?.concurrency ?? []) {
    const concurrency = parseConcurrencyRule(rule);
    if (concurrency && rule !== 'raw') byRule[rule] = variant({ ...base, concurrency }, (p) => p.peakConcurrent, 'peakConcurrent');
  }
  const byRounding: Record<string, number[]> = {};
  for (const rounding of query.variants?.hoursRounding ?? []) {
    const hoursRounding = parseHoursRounding(rounding);
    if (hoursRounding && rounding !== 'none') byRounding[rounding] = variant({ ...base, hoursRounding }, (p) => p.loggedInHours, 'loggedInHours', true);
  }
  const byBasis: Partial<Record<ProvisionedBasis, number[]>> = {};
  for (const basis of query.variants?.provisionedAt ?? []) {
    if (basis !== 'end') byBasis[basis] = variant({ ...base, provisionedAt: basis }, (p) => p.provisioned, 'provisioned');
  }
  const at = (key: SeriesKey, i: number) => forecasts[key].point[gap + i]!;
  const baseMonths: ForecastMonth[] = starts.map((start, i) => ({
    start,
    activeAgents: at('activeAgents', i),
    activeAgentsLow: forecasts.activeAgents.low[gap + i]!,
    activeAgentsHigh: forecasts.activeAgents.high[gap + i]!,
    peakConcurrent: at('peakConcurrent', i),
    loggedInHours: at('loggedInHours', i),
    provisioned: at('provisioned', i),
    agentDays: at('agentDays', i),
    dailyActiveMax: at('dailyActiveMax', i),
    ...(Object.keys(byRule).length ? { peakConcurrentByRule: Object.fromEntries(Object.entries(byRule).map(([k, v]) => [k, v[i]!])) } : {}),
    ...(Object.keys(byRounding).length ? { loggedInHoursByRounding: Object.fromEntries(Object.entries(byRounding).map(([k, v]) => [k, v[i]!])) } : {}),
    ...(Object.keys(byBasis).length ? { provisionedByBasis: Object.fromEntries(Object.entries(byBasis).map(([k, v]) => [k, v![i]!])) } : {}),
  }));

  const headline = forecasts.activeAgents;
  const series = Object.fromEntries(
    SERIES.map((key) => {
      const f = forecasts[key];
      return [key, { model: f.model, backtestMape: f.backtestMape, backtestMonths: f.backtestMonths, candidates: f.candidates, messages: f.messages }];
    }),
  ) as Record<SeriesKey, SeriesSummary>;
  return {
    timeZone: query.timeZone,
    model: headline.model,
    modelLabel: MODEL_LABELS[headline.model],
    backtestMape: headline.backtestMape,
    backtestMonths: headline.backtestMonths,
    intervalLevel: INTERVAL_LEVEL,
    messages: [...messages, ...headline.messages],
    series,
    history: history.map((p) => ({ start: p.start, activeAgents: p.activeAgents, peakConcurrent: p.peakConcurrent, loggedInHours: p.loggedInHours, provisioned: p.provisioned })),
    baseline: applyScenario(baseMonths, { ...query.scenario, hires: [], programs: [], attrition: [] }),
    periods: applyScenario(baseMonths, query.scenario),
    scenario: query.scenario,
  };
}

export type BudgetPlanRow = {
  name: string;
  currency: string;
  /** Bill per month (integer minor units), in the forecast's months. */
  monthly: number[];
  cumulative: number[];
  quantities: number[];
  totalCents: number;
  /** This plan's total minus the current plan's (null when no current plan or another currency). */
  differenceVsCurrent: number | null;
  notes: string[];
};

export type BudgetRun = {
  months: string[];
  currency: string | null;
  plans: BudgetPlanRow[];
  cheapestPerMonth: Array<{ start: string; plan: string | null; totalCents: number | null }>;
  cheapestYear: { plan: string; totalCents: number } | null;
  currentPlan: string | null;
  forecast: ForecastRun;
  notes: string[];
};

export function runBudget(db: Connection, query: Omit<ForecastQuery, 'variants'> & { plans: readonly Plan[]; currentPlan?: number; consumption?: Consumption }): BudgetRun {
  const needs = query.plans.map(metricRequirements);
  const union = <T>(pick: (n: (typeof needs)[number]) => readonly T[]) => [...new Set(needs.flatMap(pick))];
  const forecast = runForecast(db, {
    ...query,
    variants: { concurrency: union((n) => n.concurrency), hoursRounding: union((n) => n.hoursRounding), provisionedAt: union((n) => n.provisionedAt) },
  });
  const notes: string[] = [];
  if (union((n) => n.activity).length > 0) notes.push('Plans that name their own activity definition are priced on the forecast under the definition chosen here.');
  const projections = priceAll(query.plans, pricingPeriods(forecast.periods), query.consumption);
  const currencies = new Set(projections.map((p) => p.currency));
  const current = query.currentPlan !== undefined ? projections[query.currentPlan] : undefined;
  if (query.currentPlan !== undefined && !current) throw new UserFacingError('invalid-plan', `There is no plan #${query.currentPlan + 1} to compare against.`);
  if (currencies.size > 1) notes.push('The plans are in different currencies, so no cheapest plan is named.');
  const plans: BudgetPlanRow[] = projections.map((p) => {
    const monthly = p.periods.map((period) => period.totalCents);
    let running = 0;
    return {
      name: p.name,
      currency: p.currency,
      monthly,
      cumulative: monthly.map((c) => (running += c)),
      quantities: p.periods.map((period) => period.quantity),
      totalCents: p.totalCents,
      differenceVsCurrent: current && current.currency === p.currency ? p.totalCents - current.totalCents : null,
      notes: p.notes,
    };
  });
  const comparable = currencies.size === 1;
  const months = forecast.periods.map((m) => m.start);
  const cheapestPerMonth = months.map((start, i) => {
    if (!comparable || plans.length === 0) return { start, plan: null, totalCents: null };
    const best = plans.reduce((a, b) => (b.monthly[i]! < a.monthly[i]! ? b : a));
    return { start, plan: best.name, totalCents: best.monthly[i]! };
  });
  const yearBest = comparable && plans.length > 0 ? plans.reduce((a, b) => (b.totalCents < a.totalCents ? b : a)) : null;
  return {
    months,
    currency: comparable ? ([...currencies][0] ?? null) : null,
    plans,
    cheapestPerMonth,
    cheapestYear: yearBest ? { plan: yearBest.name, totalCents: yearBest.totalCents } : null,
    currentPlan: current?.name ?? null,
    forecast,
    notes,
  };
}

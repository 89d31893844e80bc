/**
 * Projects bills: fetches, from the usage cube, every count the plans ask for (each concurrency
 * rule, hours rounding, provisioned basis and activity definition a plan names), then prices the
 * plans over the same periods with the pure engine in shared/pricing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActivityDefinition } from '../../shared/metrics/activity';
import { parseConcurrencyRule } from '../../shared/metrics/concurrency';
import { metricRequirements, priceAll, projectionReport, type Consumption, type Plan, type PricingPeriod, type ProjectionReport } from '../../shared/pricing';
import type { Connection } from './db/connection';
import { parseHoursRounding, usageByPeriod, type ProvisionedAt, type UsageQuery } from './metrics/usage';

export type ProjectionQuery = {
  timeZone: string;
  fromDay?: number;
  toDay?: number;
  consumption?: Consumption;
  /** Resolves a saved activity definition by name (the plan refers to it by name). */
  activityNamed: (name: string) => ActivityDefinition & { version: number };
};

export function projectPlans(db: Connection, plans: readonly Plan[], query: ProjectionQuery): ProjectionReport {
  return projectionReport(priceAll(plans, pricingPeriods(db, plans, query), query.consumption));
}

/**
 * The counts the plans need, per period: what projectPlans prices. The Plans screen fetches
 * these once and re-prices on every keystroke in the window (shared/pricing is pure and fast).
 */
export function pricingPeriods(db: Connection, plans: readonly Plan[], query: Omit<ProjectionQuery, 'consumption'>): PricingPeriod[] {
  const base: UsageQuery = {
    timeZone: query.timeZone,
    ...(query.fromDay !== undefined ? { fromDay: query.fromDay } : {}),
    ...(query.toDay !== undefined ? { toDay: query.toDay } : {}),
  };
  const needs = plans.map(metricRequirements);
  const union = <T>(pick: (n: (typeof needs)[number]) => readonly T[]) => [...new Set(needs.flatMap(pick))];

  const baseline = usageByPeriod(db, base).periods;
  const periods: PricingPeriod[] = baseline.map((p) => ({ ...p, peakConcurrentByRule: {}, loggedInHoursByRounding: {}, provisionedByBasis: {}, byActivity: {} }));
  const fill = (query: UsageQuery, apply: (period: PricingPeriod, counts: (typeof baseline)[number]) => void) => {
    usageByPeriod(db, query).periods.forEach((counts, i) => apply(periods[i]!, counts));
  };
  for (const rule of union((n) => n.concurrency)) {
    const concurrency = parseConcurrencyRule(rule);
    if (concurrency) fill({ ...base, concurrency }, (p, c) => ((p.peakConcurrentByRule as Record<string, number>)[rule] = c.peakConcurrent));
  }
  for (const rounding of union((n) => n.hoursRounding)) {
    const hoursRounding = parseHoursRounding(rounding);
    if (hoursRounding) fill({ ...base, hoursRounding }, (p, c) => ((p.loggedInHoursByRounding as Record<string, number>)[rounding] = c.loggedInHours));
  }
  for (const basis of union((n) => n.provisionedAt)) {
    fill({ ...base, provisionedAt: basis as ProvisionedAt }, (p, c) => ((p.provisionedByBasis as Record<string, number>)[basis] = c.provisioned));
  }
  for (const name of union((n) => n.activity)) {
    const activity = query.activityNamed(name);
    fill({ ...base, activity }, (p, c) => {
      (p.byActivity as Record<string, object>)[name] = {
        activeAgents: c.activeAgents,
        agentDays: c.agentDays,
        dailyActiveMax: c.dailyActiveMax,
        dailyActiveAvg: c.dailyActiveAvg,
      };
    });
  }
  if (union((n) => n.groups).length > 0) fill({ ...base, groupBy: 'team' }, (p, c) => (p.groups = c.groups ?? []));
  return periods;
}

/** The bundled plan templates (resources/plans), as files users start from. */
export function planTemplates(resourcesDir: string): Array<{ file: string; plan: unknown }> {
  const dir = join(resourcesDir, 'plans');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, plan: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
}

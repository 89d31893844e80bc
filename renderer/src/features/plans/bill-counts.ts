/**
 * A bill line → the count it was priced on (issue #7 drill-down): which figure of the period, under
 * which counting rule, and whether the agents (or the peak minute) behind it can be listed. Reads
 * the figure the same way shared/pricing does (a rule's variant first, then the period's default),
 * so the number shown is the number billed before share, floors and rounding.
 */
import type { PricingPeriod } from '../../../../shared/pricing/engine';
import type { Metric, Plan } from '../../../../shared/pricing/plan';

export type BillCount = {
  metric: Metric['kind'];
  /** "Active agents", "Peak concurrency", … */
  label: string;
  /** The raw figure for the period; null when the counts do not hold it (the bill notes say so). */
  value: number | null;
  /** The rule the figure was counted under, in words. */
  rule: string;
  /** What the figure's evidence is: the agents counted, the peak minute, or nothing listable. */
  drill: { kind: 'agents'; activity: string | null } | { kind: 'peak'; concurrency: string } | null;
};

const LABEL: Record<Metric['kind'], string> = {
  provisioned: 'Provisioned accounts',
  activeAgents: 'Active agents',
  agentDays: 'Agent-days',
  dailyActiveMax: 'Most active agents on one day',
  dailyActiveAvg: 'Average daily active agents',
  peakConcurrent: 'Peak concurrency',
  loggedInHours: 'Logged-in hours',
  fixed: 'Contracted quantity',
  consumption: 'Consumption',
};

const PROVISIONED_BASIS: Record<string, string> = {
  start: 'roster at the period start',
  end: 'roster at the period end',
  max: 'most accounts on any day',
  'daily-average': 'daily average of the roster',
};

function activityRule(activity: string | undefined): string {
  return activity ? `under the definition “${activity}”` : 'under the built-in definition (logged in during the period)';
}

/** The metric a line was priced on: its charge's or credit's quantity; null for plan-wide lines. */
export function metricOfLine(plan: Plan, chargeId: string | null): Metric | null {
  if (chargeId === null) return null;
  return plan.charges.find((c) => c.id === chargeId)?.quantity ?? plan.credits.find((c) => c.id === chargeId)?.quantity ?? null;
}

export function billCount(metric: Metric, period: PricingPeriod): BillCount {
  const label = LABEL[metric.kind];
  switch (metric.kind) {
    case 'activeAgents':
    case 'agentDays':
    case 'dailyActiveMax':
    case 'dailyActiveAvg': {
      const group = 'group' in metric ? metric.group : undefined;
      const groupRow = group && metric.kind !== 'dailyActiveAvg' ? period.groups?.find((g) => g.group === group) : undefined;
      const variant = metric.activity ? period.byActivity?.[metric.activity]?.[metric.kind] : undefined;
      const value = group && metric.kind !== 'dailyActiveAvg' ? (groupRow?.[metric.kind] ?? null) : (variant ?? period[metric.kind] ?? null);
      return {
        metric: metric.kind,
        label: group ? `${label} · ${group}` : label,
        value,
        rule: activityRule(metric.activity),
        drill: { kind: 'agents', activity: metric.activity ?? null },
      };
    }
    case 'peakConcurrent':
      return {
        metric: metric.kind,
        label,
        value: period.peakConcurrentByRule?.[metric.rule] ?? period.peakConcurrent ?? null,
        rule: `under the concurrency rule ${metric.rule}`,
        drill: { kind: 'peak', concurrency: metric.rule },
      };
    case 'loggedInHours':
      return {
        metric: metric.kind,
        label: metric.group ? `${label} · ${metric.group}` : label,
        value: metric.group
          ? (period.groups?.find((g) => g.group === metric.group)?.loggedInHours ?? null)
          : (period.loggedInHoursByRounding?.[metric.rounding] ?? period.loggedInHours ?? null),
        rule: metric.rounding === 'none' ? 'unrounded' : `rounded ${metric.rounding}`,
        // Each agent's hours are in the agent list; they add up to the period's total.
        drill: { kind: 'agents', activity: null },
      };
    case 'provisioned':
      return {
        metric: metric.kind,
        label,
        value: period.provisionedByBasis?.[metric.basis] ?? period.provisioned ?? null,
        rule: PROVISIONED_BASIS[metric.basis] ?? metric.basis,
        drill: null,
      };
    case 'fixed':
      return { metric: metric.kind, label, value: metric.value, rule: 'written in the plan, whatever the usage', drill: null };
    case 'consumption':
      return { metric: metric.kind, label: `${label} · ${metric.unit}`, value: null, rule: `entered figure “${metric.key}”`, drill: null };
  }
}

/**
 * A bill line → the count it was priced on: the figure is read the way shared/pricing reads it (a
 * rule's or definition's variant before the period default, a group's own row), so the number under
 * a line is the number the line billed before floors and rounding; plan-wide lines have none.
 */
import { describe, expect, it } from 'vitest';
import { billCount, metricOfLine } from '../../renderer/src/features/plans/bill-counts';
import { priceAll, type PricingPeriod } from '../../shared/pricing/engine';
import { parsePlan, type Plan, type PlanInput } from '../../shared/pricing/plan';

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'charges'>): Plan {
  const read = parsePlan({ formatVersion: 1, name: 'P', source: { citation: 'test' }, illustrative: true, currency: 'USD', ...input });
  if (!read.ok) throw new Error(read.message);
  return read.plan;
}

const period: PricingPeriod = {
  start: '2025-03-01',
  end: '2025-04-01',
  activeAgents: 485,
  agentDays: 9000,
  dailyActiveMax: 400,
  dailyActiveAvg: 350.5,
  peakConcurrent: 300,
  loggedInHours: 61_000.25,
  provisioned: 520,
  peakConcurrentByRule: { 'cumulative:30': 280 },
  loggedInHoursByRounding: { 'increment:15': 61_200 },
  provisionedByBasis: { max: 530 },
  byActivity: { 'Ten minutes': { activeAgents: 470 } },
  groups: [{ group: 'Tier 1', activeAgents: 200, dailyActiveMax: 150, agentDays: 4000, loggedInHours: 25_000 }],
};

describe('bill line counts', () => {
  it('finds the charge or credit a priced line belongs to, and nothing for plan-wide lines', () => {
    const p = plan({
      charges: [
        { id: 'active', label: 'Active', quantity: { kind: 'activeAgents', activity: 'Ten minutes' }, price: { model: 'per-unit', unitPrice: '65.00' } },
        { id: 'peak', label: 'Peak', quantity: { kind: 'peakConcurrent', rule: 'cumulative:30' }, price: { model: 'per-unit', unitPrice: '100.00' } },
      ],
      credits: [{ id: 'starter', label: 'Starter credit', quantity: { kind: 'activeAgents' }, ladder: [{ upTo: 10, unitPrice: '5.00' }, { upTo: null, unitPrice: '0' }] }],
      minimumSpend: { amount: '100000.00' },
    });
    const [priced] = priceAll([p], [period]);
    const lines = priced!.periods[0]!.lines;
    const active = lines.find((l) => l.chargeId === 'active')!;
    expect(billCount(metricOfLine(p, active.chargeId)!, period)).toMatchObject({ value: 470, drill: { kind: 'agents', activity: 'Ten minutes' } });
    // The line billed exactly the count shown.
    expect(active.quantity).toBe(470);
    const peak = lines.find((l) => l.chargeId === 'peak')!;
    expect(billCount(metricOfLine(p, peak.chargeId)!, period)).toMatchObject({ value: 280, rule: 'under the concurrency rule cumulative:30', drill: { kind: 'peak', concurrency: 'cumulative:30' } });
    expect(metricOfLine(p, 'starter')).toEqual({ kind: 'activeAgents' });
    const minimum = lines.find((l) => l.kind === 'true-up' || l.kind === 'minimum');
    expect(minimum).toBeDefined();
    expect(minimum!.chargeId).toBeNull();
    expect(metricOfLine(p, null)).toBeNull();
  });

  it('reads defaults, groups, hours, roster and fixed quantities', () => {
    expect(billCount({ kind: 'activeAgents' }, period)).toMatchObject({ value: 485, drill: { kind: 'agents', activity: null } });
    expect(billCount({ kind: 'activeAgents', group: 'Tier 1' }, period)).toMatchObject({ label: 'Active agents · Tier 1', value: 200 });
    expect(billCount({ kind: 'dailyActiveAvg' }, period).value).toBe(350.5);
    expect(billCount({ kind: 'peakConcurrent', rule: 'raw' }, period)).toMatchObject({ value: 300, drill: { kind: 'peak', concurrency: 'raw' } });
    expect(billCount({ kind: 'loggedInHours', rounding: 'increment:15' }, period)).toMatchObject({ value: 61_200, rule: 'rounded increment:15' });
    expect(billCount({ kind: 'loggedInHours', rounding: 'none' }, period)).toMatchObject({ value: 61_000.25, rule: 'unrounded' });
    expect(billCount({ kind: 'provisioned', basis: 'max' }, period)).toMatchObject({ value: 530, drill: null });
    expect(billCount({ kind: 'provisioned', basis: 'start' }, period).value).toBe(520);
    expect(billCount({ kind: 'fixed', value: 50 }, period)).toMatchObject({ value: 50, drill: null });
    expect(billCount({ kind: 'activeAgents', group: 'Nowhere' }, period).value).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { niceTicks, breakEven, comparePlans, defaultCompareRange, getAt, rangeDays, requirementsKey, scaledPeriod, setAt, checkDraft, blankPlan } from '../../renderer/src/features/plans/model';
import type { PricingPeriod, ProjectionReport } from '../../shared/pricing/engine';
import { parsePlan, type Plan, type PlanInput } from '../../shared/pricing/plan';

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'charges'>): Plan {
  const read = parsePlan({ formatVersion: 1, name: 'P', source: { citation: 'test' }, illustrative: true, currency: 'USD', ...input });
  if (!read.ok) throw new Error(read.message);
  return read.plan;
}

const seats = plan({ name: 'Seats', charges: [{ id: 'seats', label: 'Seats', quantity: { kind: 'provisioned', basis: 'end' }, price: { model: 'per-unit', unitPrice: '100.00' } }] });
const active = plan({ name: 'Active', charges: [{ id: 'active', label: 'Active', quantity: { kind: 'activeAgents' }, price: { model: 'per-unit', unitPrice: '65.00' } }] });
const floored = plan({
  name: 'Active with floor',
  charges: [{ id: 'active', label: 'Active', quantity: { kind: 'activeAgents' }, price: { model: 'per-unit', unitPrice: '50.00' }, minimumQuantity: 60 }],
});

function report(totals: number[][]): ProjectionReport {
  return {
    plans: totals.map((row, p) => ({
      name: `Plan ${p}`,
      currency: 'USD',
      notes: [],
      totalCents: row.reduce((a, b) => a + b, 0),
      periods: row.map((cents, m) => {
        const month = m + 11; // 2024-12, 2025-01, 2025-02 …
        const year = 2024 + Math.floor(month / 12);
        const mm = String((month % 12) + 1).padStart(2, '0');
        return { start: `${year}-${mm}-01`, end: '', quantity: 0, totalCents: cents, invoicedCents: cents, lines: [] };
      }),
    })),
  };
}

describe('defaultCompareRange', () => {
  const months = ['2024-01', '2024-02', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];
  it('takes the last 12 complete months with data', () => {
    expect(defaultCompareRange(months, '2026-11')).toEqual({ from: '2025-01', to: '2025-12' });
  });
  it('leaves out the month still in progress', () => {
    expect(defaultCompareRange(months, '2025-12')).toEqual({ from: '2024-12', to: '2025-11' });
  });
  it('starts at the first month when there are fewer than 12', () => {
    expect(defaultCompareRange(['2025-03', '2025-04'], '2026-01')).toEqual({ from: '2025-03', to: '2025-04' });
    expect(defaultCompareRange(['2026-01'], '2026-01')).toBeNull();
    expect(defaultCompareRange([], '2026-01')).toBeNull();
  });
  it('turns months into the engine’s days, the end exclusive', () => {
    expect(rangeDays({ from: '2025-01', to: '2025-12' })).toEqual({ from: '2025-01-01', to: '2026-01-01' });
  });
});

describe('comparePlans', () => {
  it('finds the cheapest plan per month, per year and overall, and savings against the current plan', () => {
    const c = comparePlans(report([[1000, 1000, 1000], [1200, 900, 800], [1100, 1100, 700]]), 0);
    expect(c.months).toEqual(['2024-12', '2025-01', '2025-02']);
    expect(c.cheapestByMonth).toEqual([0, 1, 2]);
    expect(c.rangeTotals).toEqual([3000, 2900, 2900]);
    // A tie goes to the first plan listed.
    expect(c.cheapestOverall).toBe(1);
    expect(c.years).toEqual([
      { year: '2024', totals: [1000, 1200, 1100], months: 1, cheapest: 0 },
      { year: '2025', totals: [2000, 1700, 1800], months: 2, cheapest: 1 },
    ]);
    expect(c.savingsVsCurrent).toEqual([0, -100, -100]);
  });
  it('has no savings without a current plan', () => {
    expect(comparePlans(report([[5], [6]]), null).savingsVsCurrent).toEqual([null, null]);
  });
});

describe('break-even', () => {
  const base: PricingPeriod = {
    start: '2025-03-01',
    end: '2025-04-01',
    activeAgents: 80,
    peakConcurrent: 40,
    loggedInHours: 8000,
    agentDays: 1600,
    dailyActiveAvg: 51.6,
    dailyActiveMax: 60,
    provisioned: 100,
    peakConcurrentByRule: { raw: 40, 'cumulative:30': 36 },
    loggedInHoursByRounding: { none: 8000 },
  };

  it('scales every usage count with the active share and keeps the roster', () => {
    const half = scaledPeriod(base, 0.5);
    expect(half).toMatchObject({
      activeAgents: 50,
      peakConcurrent: 25,
      loggedInHours: 5000,
      agentDays: 1000,
      dailyActiveAvg: 32.25,
      dailyActiveMax: 38,
      provisioned: 100,
      peakConcurrentByRule: { raw: 25, 'cumulative:30': 23 },
      loggedInHoursByRounding: { none: 5000 },
    });
    expect(scaledPeriod(base, 0)).toMatchObject({ activeAgents: 0, peakConcurrent: 0, loggedInHours: 0 });
  });

  it('prices each share to the cent and finds where the cheapest plan changes', () => {
    const sweep = breakEven([seats, active, floored], base, 0.25)!;
    expect(sweep.base).toEqual({ start: '2025-03-01', provisioned: 100, active: 80, utilisation: 0.8 });
    expect(sweep.points.map((p) => p.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(sweep.points.map((p) => p.active)).toEqual([0, 25, 50, 75, 100]);
    // Seats: 100 × $100; active: n × $65; floored: max(n, 60) × $50.
    expect(sweep.points.map((p) => p.costs)).toEqual([
      [1_000_000, 0, 300_000],
      [1_000_000, 162_500, 300_000],
      [1_000_000, 325_000, 300_000],
      [1_000_000, 487_500, 375_000],
      [1_000_000, 650_000, 500_000],
    ]);
    expect(sweep.cheapestRuns).toEqual([
      { from: 0, to: 0.25, plan: 1 },
      { from: 0.5, to: 1, plan: 2 },
    ]);
  });

  it('needs a roster', () => {
    expect(breakEven([seats], { ...base, provisioned: 0 })).toBeNull();
    expect(breakEven([seats], { ...base, provisioned: null })).toBeNull();
  });
});

describe('drafts', () => {
  it('sets and reads values by path without touching the original', () => {
    const draft = { charges: [{ id: 'a', price: { model: 'per-unit', unitPrice: '1.00' } }] };
    const next = setAt(draft, ['charges', 0, 'price', 'unitPrice'], '2.50');
    expect(getAt(next, ['charges', 0, 'price', 'unitPrice'])).toBe('2.50');
    expect(draft.charges[0]!.price.unitPrice).toBe('1.00');
    expect(setAt(next, ['charges', 0, 'price', 'unitPrice'], undefined)).toEqual({ charges: [{ id: 'a', price: { model: 'per-unit' } }] });
    expect(setAt({}, ['minimumSpend', 'amount'], '10')).toEqual({ minimumSpend: { amount: '10' } });
  });

  it('validates like the engine, keeping every JSON path', () => {
    expect(checkDraft(blankPlan('EUR')).plan?.currency).toBe('EUR');
    const broken = setAt(blankPlan('USD'), ['charges', 0, 'price', 'unitPrice'], '-1');
    const check = checkDraft(broken);
    expect(check.plan).toBeNull();
    expect(check.issues.map((i) => i.path)).toEqual(['$.charges[0].price.unitPrice']);
  });

  it('keys the counts plans need, ignoring prices', () => {
    const cheaper = plan({ name: 'Seats', charges: [{ id: 'seats', label: 'Seats', quantity: { kind: 'provisioned', basis: 'end' }, price: { model: 'per-unit', unitPrice: '1.00' } }] });
    expect(requirementsKey([seats, active])).toBe(requirementsKey([cheaper, active]));
    const genesys = plan({ charges: [{ id: 'c', label: 'C', quantity: { kind: 'peakConcurrent', rule: 'cumulative:30' }, price: { model: 'per-unit', unitPrice: '1' } }] });
    expect(requirementsKey([seats, genesys])).not.toBe(requirementsKey([seats]));
  });
});

describe('niceTicks', () => {
  it('gives round ticks from 0 to just above the highest value', () => {
    expect(niceTicks(36_225)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(niceTicks(42_437.5)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(niceTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

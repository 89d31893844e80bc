import { expect } from 'vitest';
import { Plan, type PlanInput } from '../../../shared/pricing/plan';
import { priceSeries, type BillLine, type Consumption, type PlanProjection, type PricingPeriod } from '../../../shared/pricing/engine';

type ChargeInput = PlanInput['charges'][number];

/** A plan with the bookkeeping fields filled in, validated like a file would be. */
export function plan(charges: ChargeInput[], rest: Partial<PlanInput> = {}): Plan {
  return Plan.parse({
    formatVersion: 1,
    name: 'test plan',
    source: { citation: 'tests' },
    illustrative: true,
    currency: 'USD',
    charges,
    ...rest,
  });
}

/** A calendar month of counts (2025-MM), everything 0 unless given. */
export function month(yyyyMm: string, counts: Partial<PricingPeriod> = {}): PricingPeriod {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    start: `${yyyyMm}-01`,
    end: `${next}-01`,
    activeAgents: 0,
    dailyActiveAvg: 0,
    dailyActiveMax: 0,
    agentDays: 0,
    peakConcurrent: 0,
    loggedInHours: 0,
    provisioned: 0,
    ...counts,
  };
}

/** Prices one period and checks the invariants every bill must keep. */
export function bill(p: Plan, period: PricingPeriod, consumption?: Consumption) {
  const projection = priceSeries(p, [period], consumption);
  checkInvariants(projection);
  return projection.periods[0]!;
}

export function checkInvariants(projection: PlanProjection): void {
  let sum = 0;
  let invoiced = 0;
  for (const period of projection.periods) {
    for (const line of period.lines) expect(Number.isSafeInteger(line.amountCents), line.explanation).toBe(true);
    expect(period.totalCents).toBe(period.lines.reduce((s, l) => s + l.amountCents, 0));
    sum += period.totalCents;
    invoiced += period.invoicedCents;
  }
  expect(projection.totalCents).toBe(sum);
  expect(invoiced).toBe(sum);
}

export const line = (lines: BillLine[], kind: BillLine['kind'], n = 0): BillLine => {
  const found = lines.filter((l) => l.kind === kind)[n];
  if (!found) throw new Error(`no ${kind} line #${n} in ${JSON.stringify(lines.map((l) => l.explanation))}`);
  return found;
};

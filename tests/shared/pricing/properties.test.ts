/**
 * Properties every bill keeps, over generated plans and count series:
 *  - with non-negative prices a bill never decreases when the counts grow;
 *  - a floor (minimum quantity, minimum spend) never lowers a bill;
 *  - a cap (maximum quantity, spend cap) never raises one;
 *  - amounts are integers and every total is the sum of its lines.
 *
 * Two structures make a bill legitimately fall as a count rises, and the generators leave them out
 * of the properties they would break (docs/plan-format.md lists them): volume tiers (all units
 * drop to a cheaper tier: 100 × $1 = $100 but 101 × $0.50 = $50.50) and allowances pooled per
 * unit of another count (one more seat can bring more free minutes than it costs). Credit
 * ladders are negative prices and are left out of the growth property only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceSeries, type PricingPeriod } from '../../../shared/pricing/engine';
import { Plan, type PlanInput } from '../../../shared/pricing/plan';
import { checkInvariants } from './helpers';

type ChargeInput = PlanInput['charges'][number];
type PriceInput = ChargeInput['price'];
type Features = { volume: boolean; pools: boolean; credits: boolean };

const RUNS = 150;
const money = (max = 500) => fc.integer({ min: 0, max: max * 100 }).map((n) => (n / 100).toFixed(2));
const rate = fc.integer({ min: 0, max: 100_000 }).map((n) => (n / 10_000).toFixed(4));
const addDecimals = (a: string, b: string) => ((Math.round(Number(a) * 10_000) + Math.round(Number(b) * 10_000)) / 10_000).toFixed(4);

const tiers = fc
  .array(fc.record({ width: fc.integer({ min: 1, max: 200 }), unitPrice: fc.oneof(money(5), rate), flatFee: fc.option(money(50), { nil: undefined }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((list) => {
    let upTo = 0;
    return list.map((t, i) => {
      upTo += t.width;
      return { upTo: i === list.length - 1 ? null : upTo, unitPrice: t.unitPrice, ...(t.flatFee ? { flatFee: t.flatFee } : {}) };
    });
  });

const price = (features: Features): fc.Arbitrary<PriceInput> =>
  fc.oneof(
    fc.oneof(money(), rate).map((unitPrice) => ({ model: 'per-unit' as const, unitPrice })),
    fc.record({ tiers, blockSize: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }) }).map(({ tiers, blockSize }) => ({
      model: 'graduated' as const,
      tiers,
      ...(blockSize ? { blockSize } : {}),
    })),
    ...(features.volume ? [tiers.map((t) => ({ model: 'volume' as const, tiers: t }))] : []),
    fc.record({ packageSize: fc.integer({ min: 1, max: 200 }), packagePrice: money(), freeUnits: fc.integer({ min: 0, max: 100 }) }).map((p) => ({ model: 'package' as const, ...p })),
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 50_000 })), { minLength: 1, maxLength: 4 })
      .map((steps) => {
        // Step prices never fall as the steps rise.
        let upTo = 0;
        let cents = 0;
        return {
          model: 'stepped' as const,
          steps: steps.map(([width, extra], i) => {
            upTo += width;
            cents += extra;
            return { upTo: i === steps.length - 1 ? null : upTo, price: (cents / 100).toFixed(2) };
          }),
        };
      }),
    money(2000).map((amount) => ({ model: 'flat' as const, amount })),
  );

const metric = fc.oneof(
  fc.constantFrom('start', 'end', 'max', 'daily-average').map((basis) => ({ kind: 'provisioned' as const, basis: basis as 'start' })),
  fc.constant({ kind: 'activeAgents' as const }),
  fc.constant({ kind: 'peakConcurrent' as const, rule: 'raw' }),
  fc.constantFrom('none', 'ceil-total').map((rounding) => ({ kind: 'loggedInHours' as const, rounding })),
  fc.constant({ kind: 'agentDays' as const }),
  fc.integer({ min: 0, max: 500 }).map((value) => ({ kind: 'fixed' as const, value })),
  fc.integer({ min: 0, max: 2000 }).map((perAgent) => ({ kind: 'consumption' as const, key: 'minutes', unit: 'minutes', estimate: { perAgent } })),
);

const adjusted = fc
  .record({
    metric,
    share: fc.option(fc.constantFrom('0.25', '0.5', '1', '1.3'), { nil: undefined }),
    round: fc.option(fc.constantFrom('up' as const, 'down' as const, 'nearest' as const), { nil: undefined }),
  })
  .map(({ metric, share, round }) => ({ ...metric, ...(share ? { share } : {}), ...(round ? { round } : {}) }));

function charge(id: string, features: Features, others: string[]): fc.Arbitrary<ChargeInput> {
  return fc
    .record({
      quantity: adjusted,
      price: price(features),
      pricePer: fc.option(fc.constantFrom('month' as const, 'year' as const, 'day' as const, 'period' as const), { nil: undefined }),
      minimumQuantity: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      included: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
      pool: fc.option(fc.constantFrom(...(others.length ? others : ['none'])), { nil: undefined }),
      cap: fc.option(fc.record({ total: fc.option(money(20_000), { nil: undefined }), perUnit: fc.option(money(100), { nil: undefined }) }), { nil: undefined }),
      commitment: fc.option(
        fc.record({
          quantity: fc.integer({ min: 0, max: 400 }),
          extra: fc.oneof(money(50), rate),
          reconcile: fc.constantFrom('monthly' as const, 'quarterly' as const, 'annual' as const),
          ratchet: fc.boolean(),
          trueUpCharge: fc.option(fc.constantFrom('remaining-term' as const, 'full-term' as const), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    })
    .map((c) => {
      const out: ChargeInput = { id, label: `Charge ${id}`, quantity: c.quantity, price: c.price };
      const cumulative = c.commitment && c.commitment.reconcile !== 'monthly';
      if (c.pricePer && !cumulative) out.pricePer = c.pricePer;
      if (c.minimumQuantity !== undefined) out.minimumQuantity = c.minimumQuantity;
      if (c.included !== undefined) {
        out.included = { units: c.included };
        if (features.pools && c.pool && c.pool !== 'none') out.included.perUnitOf = { charge: c.pool };
      }
      if (c.cap && (c.cap.total || c.cap.perUnit)) {
        out.cap = {
          ...(c.cap.total ? { total: c.cap.total } : {}),
          ...(c.cap.perUnit ? { perUnit: { amount: c.cap.perUnit, of: { kind: 'activeAgents' } } } : {}),
        };
      }
      if (c.commitment && c.price.model === 'per-unit') {
        // Overage never cheaper than the commitment; a ratchet or a true-up bills at the same rate.
        const same = c.commitment.ratchet || cumulative;
        out.commitment = {
          quantity: c.commitment.quantity,
          overageUnitPrice: same ? c.price.unitPrice : addDecimals(c.price.unitPrice, c.commitment.extra),
          reconcile: c.commitment.reconcile,
          ratchet: c.commitment.ratchet,
          ...(c.commitment.trueUpCharge ? { trueUpCharge: c.commitment.trueUpCharge } : {}),
        };
        if (cumulative) out.pricePer = 'year';
      }
      return out;
    });
}

const planArb = (features: Features) =>
  fc
    .record({
      currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'),
      charges: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => charge(`c${i}`, features, Array.from({ length: i }, (_, j) => `c${j}`))))),
      minimumSpend: fc.option(money(30_000), { nil: undefined }),
      ramp: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      annual: fc.boolean(),
      credit: fc.option(fc.tuple(tiers, fc.boolean()), { nil: undefined }),
    })
    .map((p) => {
      // A pool refers to a charge without an allowance of its own.
      for (const c of p.charges) {
        const ref = c.included?.perUnitOf;
        if (ref && 'charge' in ref && p.charges.find((t) => t.id === ref.charge)?.included) delete c.included!.perUnitOf;
      }
      const input: PlanInput = {
        formatVersion: 1,
        name: 'generated',
        source: { citation: 'property test' },
        illustrative: true,
        currency: p.currency,
        charges: p.charges,
        billing: { frequency: p.annual ? 'annual' : 'monthly', termMonths: 12 },
      };
      if (p.minimumSpend) input.minimumSpend = { amount: p.minimumSpend };
      if (p.ramp) input.ramp = { months: p.ramp };
      if (features.credits && p.credit) {
        input.credits = [{ id: 'credit', label: 'Credit', quantity: { kind: 'activeAgents' }, ladder: p.credit[0], ...(p.credit[1] ? { appliesTo: ['c0'] } : {}) }];
      }
      return Plan.parse(input);
    });

const counts = fc.record({
  activeAgents: fc.integer({ min: 0, max: 600 }),
  peakConcurrent: fc.integer({ min: 0, max: 400 }),
  provisioned: fc.integer({ min: 0, max: 600 }),
  agentDays: fc.integer({ min: 0, max: 12_000 }),
  hundredthsOfHours: fc.integer({ min: 0, max: 8_000_000 }),
});
type Counts = typeof counts extends fc.Arbitrary<infer T> ? T : never;

function series(list: Counts[], changes = false): PricingPeriod[] {
  return list.map((c, i) => {
    const index = 2024 * 12 + 10 + i; // from 2024-11, across a year end
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const ny = m === 12 ? y + 1 : y;
    const nm = m === 12 ? 1 : m + 1;
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    return {
      start,
      end: `${ny}-${String(nm).padStart(2, '0')}-01`,
      activeAgents: c.activeAgents,
      dailyActiveAvg: c.agentDays / 30,
      dailyActiveMax: c.activeAgents,
      agentDays: c.agentDays,
      peakConcurrent: c.peakConcurrent,
      loggedInHours: c.hundredthsOfHours / 100,
      provisioned: c.provisioned,
      ...(changes ? { seatChanges: [{ day: `${start.slice(0, 8)}09`, delta: 7 }, { day: `${start.slice(0, 8)}17`, delta: -3 }, { day: `${start.slice(0, 8)}23`, delta: 2 }] } : {}),
    };
  });
}

const grown = (list: Counts[]) =>
  fc.tuple(...list.map((c) => fc.record({ a: fc.nat(100), p: fc.nat(100), v: fc.nat(100), d: fc.nat(2000), h: fc.nat(1_000_000) }).map((g) => ({
    activeAgents: c.activeAgents + g.a,
    peakConcurrent: c.peakConcurrent + g.p,
    provisioned: c.provisioned + g.v,
    agentDays: c.agentDays + g.d,
    hundredthsOfHours: c.hundredthsOfHours + g.h,
  }))));

const months = fc.array(counts, { minLength: 1, maxLength: 14 });

/** True when no rule looks across periods, so each period can be compared on its own. */
const periodLocal = (plan: Plan) => plan.charges.every((c) => !c.commitment || (c.commitment.reconcile === 'monthly' && !c.commitment.ratchet));

const totals = (plan: Plan, periods: PricingPeriod[]) => {
  const projection = priceSeries(plan, periods, undefined);
  return { total: projection.totalCents, perPeriod: projection.periods.map((p) => p.totalCents) };
};

function noLower(before: ReturnType<typeof totals>, after: ReturnType<typeof totals>, local: boolean) {
  expect(after.total).toBeGreaterThanOrEqual(before.total);
  if (local) after.perPeriod.forEach((cents, i) => expect(cents).toBeGreaterThanOrEqual(before.perPeriod[i]!));
}

describe('pricing properties', () => {
  it('totals are integers and equal the sum of their lines (every structure, credits, pools, proration)', () => {
    fc.assert(
      fc.property(planArb({ volume: true, pools: true, credits: true }), months, fc.boolean(), (plan, list, changes) => {
        checkInvariants(priceSeries(plan, series(list, changes)));
      }),
      { numRuns: RUNS },
    );
  });

  it('with non-negative prices a bill never decreases when the counts grow', () => {
    fc.assert(
      fc.property(
        // A per-period cap combined with a quarterly or annual true-up is left out: the true-up
        // moves charges between periods, and a cap waives what lands in a capped period, so more
        // usage earlier can lower the total (see the next test). Every other plan must hold.
        planArb({ volume: false, pools: false, credits: false }).filter((plan) => periodLocal(plan) || plan.charges.every((c) => !c.cap)),
        months.chain((list) => fc.tuple(fc.constant(list), grown(list))),
        (plan, [small, large]) => {
          noLower(totals(plan, series(small)), totals(plan, series(large)), periodLocal(plan));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a cap with a quarterly true-up: usage pulled into a capped quarter is waived there, not billed later', () => {
    // The counterexample fast-check found (seed -1248439484), reduced: hours billed per year with
    // quarterly reconciliation against a high-water mark, and each month capped at 1 cent per
    // active agent. More hours in February raise Q1's true-up, which the March cap waives, and
    // lower Q2's, which was not capped: the year costs a cent less. This is the contract's
    // arithmetic (caps are per period, true-ups move charges between periods), stated here so a
    // change to it is a decision, not an accident.
    const plan = Plan.parse({
      formatVersion: 1,
      name: 'cap with quarterly true-up',
      source: { citation: 'property test', urls: [] },
      illustrative: true,
      currency: 'USD',
      billing: { frequency: 'monthly', termMonths: 12 },
      charges: [
        {
          id: 'c0',
          label: 'Hours',
          quantity: { kind: 'loggedInHours', rounding: 'none' },
          price: { model: 'per-unit', unitPrice: '0.01' },
          pricePer: 'year',
          commitment: { quantity: 0, overageUnitPrice: '0.01', reconcile: 'quarterly', ratchet: false },
          cap: { perUnit: { amount: '0.01', of: { kind: 'activeAgents' } }, per: 'month' },
        },
      ],
      credits: [],
    });
    const active = [218, 352, 540, 559, 541, 482, 523];
    const at = (february: number) =>
      totals(plan, series(active.map((a, i) => ({ activeAgents: a, peakConcurrent: 0, provisioned: 0, agentDays: 0, hundredthsOfHours: [4211396, february, 5895114, 7424743, 4750863, 2467074, 3021508][i]! })))).total;
    expect(at(6807354)).toBe(1022);
    expect(at(7328444)).toBe(1021);
  });

  it('a minimum quantity never lowers a bill', () => {
    fc.assert(
      fc.property(planArb({ volume: false, pools: false, credits: true }), months, fc.nat(400), fc.nat(2), (plan, list, floor, which) => {
        const target = plan.charges[which % plan.charges.length]!;
        const floored = Plan.parse({
          ...plan,
          charges: plan.charges.map((c) => (c === target ? { ...c, minimumQuantity: Math.max(floor, c.minimumQuantity ?? 0), maximumQuantity: undefined } : c)),
        });
        const unfloored = Plan.parse({ ...plan, charges: plan.charges.map((c) => (c === target ? { ...c, maximumQuantity: undefined } : c)) });
        const periods = series(list);
        noLower(totals(unfloored, periods), totals(floored, periods), periodLocal(plan));
      }),
      { numRuns: RUNS },
    );
  });

  it('a minimum spend never lowers a bill (every structure)', () => {
    fc.assert(
      fc.property(planArb({ volume: true, pools: true, credits: true }), months, money(50_000), (plan, list, amount) => {
        const periods = series(list);
        noLower(totals({ ...plan, minimumSpend: undefined }, periods), totals({ ...plan, minimumSpend: { amount, per: 'month' } }, periods), true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a maximum quantity never raises a bill', () => {
    fc.assert(
      fc.property(planArb({ volume: false, pools: false, credits: true }), months, fc.nat(500), fc.nat(2), (plan, list, ceiling, which) => {
        const target = plan.charges[which % plan.charges.length]!;
        const base = Plan.parse({ ...plan, charges: plan.charges.map((c) => (c === target ? { ...c, minimumQuantity: undefined } : c)) });
        const capped = Plan.parse({ ...plan, charges: plan.charges.map((c) => (c === target ? { ...c, minimumQuantity: undefined, maximumQuantity: ceiling } : c)) });
        const periods = series(list);
        noLower(totals(capped, periods), totals(base, periods), periodLocal(plan));
      }),
      { numRuns: RUNS },
    );
  });

  it('a spend cap never raises a bill (every structure)', () => {
    fc.assert(
      fc.property(planArb({ volume: true, pools: true, credits: true }), months, money(20_000), fc.nat(2), (plan, list, total, which) => {
        const target = plan.charges[which % plan.charges.length]!;
        const base = Plan.parse({ ...plan, charges: plan.charges.map((c) => (c === target ? { ...c, cap: undefined } : c)) });
        const capped = Plan.parse({ ...plan, charges: plan.charges.map((c) => (c === target ? { ...c, cap: { total } } : c)) });
        const periods = series(list);
        noLower(totals(capped, periods), totals(base, periods), true);
      }),
      { numRuns: RUNS },
    );
  });

  it('pricing is deterministic: the same inputs give the same projection', () => {
    fc.assert(
      fc.property(planArb({ volume: true, pools: true, credits: true }), months, (plan, list) => {
        expect(priceSeries(plan, series(list, true))).toEqual(priceSeries(plan, series(list, true)));
      }),
      { numRuns: 50 },
    );
  });
});

describe('documented exceptions to monotonicity', () => {
  it('volume tiers: 100 × $1 = $100 but 101 × $0.50 = $50.50', () => {
    const volume = Plan.parse({
      formatVersion: 1,
      name: 'volume',
      source: { citation: 'test' },
      illustrative: true,
      currency: 'USD',
      charges: [{ id: 'v', label: 'Volume', quantity: { kind: 'activeAgents' }, price: { model: 'volume', tiers: [{ upTo: 100, unitPrice: '1' }, { upTo: null, unitPrice: '0.50' }] } }],
    });
    const at = (n: number) => priceSeries(volume, series([{ activeAgents: n, peakConcurrent: 0, provisioned: 0, agentDays: 0, hundredthsOfHours: 0 }])).totalCents;
    expect(at(100)).toBe(10_000);
    expect(at(101)).toBe(5_050);
  });
});

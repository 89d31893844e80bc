/**
 * The worked cases of the licensing reference (/work/shared/reference/licensing.md §F, TC1–TC12)
 * and the two examples from the project's seed, each with its arithmetic, priced by the engine.
 */
import { describe, expect, it } from 'vitest';
import { parseConcurrencyRule, peakUnderRule } from '../../../shared/metrics/concurrency';
import { priceSeries } from '../../../shared/pricing/engine';
import { bill, checkInvariants, line, month, plan } from './helpers';

const perUnit = (unitPrice: string) => ({ model: 'per-unit' as const, unitPrice });

describe('seed examples', () => {
  it('1,000 employees with 320 active at €29: €29,000 on seats vs €9,280 on active users', () => {
    const seats = plan([{ id: 'seats', label: 'Seats', quantity: { kind: 'provisioned', basis: 'end' }, price: perUnit('29') }], { currency: 'EUR' });
    const active = plan([{ id: 'active', label: 'Active users', quantity: { kind: 'activeAgents' }, price: perUnit('29') }], { currency: 'EUR' });
    const counts = month('2025-03', { provisioned: 1000, activeAgents: 320 });
    // 1,000 × €29 = €29,000
    expect(bill(seats, counts).totalCents).toBe(2_900_000);
    expect(bill(seats, counts).lines[0]!.explanation).toBe('1,000 seats × €29.00 = €29,000.00');
    // 320 × €29 = €9,280
    expect(bill(active, counts).totalCents).toBe(928_000);
    expect(bill(active, counts).lines[0]!.explanation).toBe('320 active agents × €29.00 = €9,280.00');
  });

  it('100 seats × $100 = $10,000 vs 70 active × $65 = $4,550', () => {
    const counts = month('2025-03', { provisioned: 100, activeAgents: 70 });
    expect(bill(plan([{ id: 'seats', label: 'Seats', quantity: { kind: 'provisioned', basis: 'end' }, price: perUnit('100') }]), counts).totalCents).toBe(1_000_000);
    expect(bill(plan([{ id: 'active', label: 'Active', quantity: { kind: 'activeAgents' }, price: perUnit('65') }]), counts).totalCents).toBe(455_000);
  });
});

describe('TC1 — named vs active (Platform28 style)', () => {
  it('named 100 × $100 = $10,000; active 70 × $65 = $4,550; saving $5,450 (54.5 %)', () => {
    const counts = month('2025-01', { provisioned: 100, activeAgents: 70 });
    const named = bill(plan([{ id: 'named', label: 'Named seats', quantity: { kind: 'provisioned', basis: 'max' }, price: perUnit('100') }]), counts);
    const active = bill(plan([{ id: 'active', label: 'Active users', quantity: { kind: 'activeAgents' }, price: perUnit('65') }]), counts);
    expect(named.totalCents).toBe(1_000_000);
    expect(active.totalCents).toBe(455_000);
    expect(named.totalCents - active.totalCents).toBe(545_000);
    // 5,450 ÷ 10,000 = 54.5 %
    expect((named.totalCents - active.totalCents) / named.totalCents).toBe(0.545);
  });
});

describe('TC2 — concurrency from a login timeline: Genesys 30-minute rule vs raw vs named', () => {
  // Shift A: 40 agents 08:00–16:10; shift B: 40 agents 16:00–24:00; per-minute levels over D days.
  const levels = (days: number) => {
    const out = new Array<number>(days * 1440).fill(0);
    for (let d = 0; d < days; d += 1) {
      for (let m = 8 * 60; m < 16 * 60 + 10; m += 1) out[d * 1440 + m]! += 40;
      for (let m = 16 * 60; m < 24 * 60; m += 1) out[d * 1440 + m]! += 40;
    }
    return out;
  };
  const concurrent = (rule: string) =>
    plan([{ id: 'concurrent', label: 'Concurrent seats', quantity: { kind: 'peakConcurrent', rule }, price: perUnit('100') }]);
  const priced = (rule: string, days: number) => {
    const peak = peakUnderRule(levels(days), parseConcurrencyRule(rule)!);
    return bill(concurrent(rule), month('2025-01', { peakConcurrentByRule: { [rule]: peak } }));
  };

  it('raw simultaneous maximum is 80 whatever D; named (unique logins) is 80', () => {
    expect(priced('raw', 2).quantity).toBe(80);
    expect(priced('raw', 3).quantity).toBe(80);
    const named = bill(plan([{ id: 'named', label: 'Named', quantity: { kind: 'activeAgents' }, price: perUnit('100') }]), month('2025-01', { activeAgents: 80 }));
    expect(named.totalCents).toBe(800_000);
  });

  it('cumulative:30 — D = 2: level 80 accrues 2 × 10 = 20 min < 30, dropped → 40 × $100 = $4,000', () => {
    const p = priced('cumulative:30', 2);
    expect(p.quantity).toBe(40);
    expect(p.totalCents).toBe(400_000);
  });

  it('cumulative:30 — D = 3: level 80 accrues 3 × 10 = 30 min, kept → 80 × $100 = $8,000', () => {
    const p = priced('cumulative:30', 3);
    expect(p.quantity).toBe(80);
    expect(p.totalCents).toBe(800_000);
  });

  it('contiguous readings (sustained:30, Cisco sustained:15) give 40 for either D', () => {
    for (const days of [2, 3]) {
      expect(priced('sustained:30', days).quantity).toBe(40);
      expect(priced('sustained:15', days).quantity).toBe(40);
    }
  });

  it('the plan tells the caller which concurrency rule to count with', () => {
    const p = priceSeries(concurrent('cumulative:30'), [month('2025-01', { peakConcurrent: 80, rules: { concurrency: 'raw' } })]);
    expect(p.requirements.concurrency).toEqual(['cumulative:30']);
    expect(p.notes.join(' ')).toMatch(/cumulative:30.*raw/);
  });
});

describe('TC3 — Genesys committed prepay plus overage', () => {
  const genesys = (billing: 'monthly' | 'annual', committed: number, overage = '75') =>
    plan(
      [
        {
          id: 'cx1',
          label: 'Genesys Cloud CX 1 User',
          quantity: { kind: 'peakConcurrent', rule: 'cumulative:30' },
          price: perUnit('75'),
          commitment: { quantity: committed, overageUnitPrice: overage },
        },
      ],
      { billing: { frequency: billing } },
    );

  it('80 committed, peak 138: 80 at the prepay rate in advance, 138 − 80 = 58 overage in arrears', () => {
    const p = bill(genesys('monthly', 80), month('2025-05', { peakConcurrent: 138 }));
    const committed = line(p.lines, 'committed');
    const overage = line(p.lines, 'overage');
    // 80 × $75 = $6,000 prepay; 58 × $75 = $4,350 overage
    expect(committed).toMatchObject({ quantity: 80, amountCents: 600_000, timing: 'advance' });
    expect(overage).toMatchObject({ quantity: 58, amountCents: 435_000, timing: 'arrears' });
    expect(overage.explanation).toBe('138 peak − 80 committed = 58 overage × $75.00 = $4,350.00');
    expect(p.totalCents).toBe(1_035_000);
  });

  it('cash timing (AppFoundry): 10 committed, 15 used — pre-pay annual bills 5 overage in a month; month-to-month bills 10 + 5', () => {
    const months = ['2025-01', '2025-02', '2025-03'].map((m) => month(m, { peakConcurrent: 15 }));
    const prepay = priceSeries(genesys('annual', 10, '80'), months);
    const monthly = priceSeries(genesys('monthly', 10, '80'), months);
    checkInvariants(prepay);
    checkInvariants(monthly);
    // Pre-pay annual: the commitment for the 3 months in the data (3 × 10 × $75) is invoiced up
    // front with the first overage; afterwards each month invoices only 5 × $80 = $400.
    expect(prepay.periods[0]!.invoicedCents).toBe(3 * 75_000 + 40_000);
    expect(prepay.periods[1]!.invoicedCents).toBe(40_000);
    // Month-to-month: 10 × $75 + 5 × $80 = $1,150 every month.
    expect(monthly.periods.map((p) => p.invoicedCents)).toEqual([115_000, 115_000, 115_000]);
    // Same cost either way; only the invoice dates differ.
    expect(prepay.totalCents).toBe(monthly.totalCents);
  });
});

describe('TC4 — Genesys hourly (Hourly Logged In)', () => {
  const hourly = plan([{ id: 'hours', label: 'User hours', quantity: { kind: 'loggedInHours', rounding: 'ceil-total' }, price: perUnit('1.00') }]);

  it('112.23 h + 110.11 h = 222.34 h, rounded up at cycle end to 223 billable hours', () => {
    const p = bill(hourly, month('2025-02', { loggedInHours: 222.34 }));
    expect(p.quantity).toBe(223);
    expect(p.totalCents).toBe(22_300);
    expect(p.lines[0]!.explanation).toBe('222.34 h rounded up to 223 hours × $1.00 = $223.00');
  });

  it('the TC2 timeline with D = 3: 40 × 8.1667 h × 3 + 40 × 8 h × 3 = 1,940 h', () => {
    // In minutes, exactly: 40 × 490 × 3 + 40 × 480 × 3 = 116,400 min = 1,940 h.
    const hours = (40 * 490 * 3 + 40 * 480 * 3) / 60;
    expect(hours).toBe(1940);
    expect(bill(hourly, month('2025-02', { loggedInHours: hours })).totalCents).toBe(194_000);
  });
});

describe('TC5 — Twilio Flex: three models on one month', () => {
  const counts = month('2025-03', { provisioned: 12, activeAgents: 10, loggedInHours: 1503.5 });

  it('named: 12 provisioned (max in the month) × $150 = $1,800', () => {
    expect(bill(plan([{ id: 'named', label: 'Named users', quantity: { kind: 'provisioned', basis: 'max' }, price: perUnit('150') }]), counts).totalCents).toBe(180_000);
  });

  it('active user hours: 1,503.5 × $1 = $1,503.50, or $1,504 when rounded up on the invoice', () => {
    const exact = plan([{ id: 'auh', label: 'Active user hours', quantity: { kind: 'loggedInHours', rounding: 'none' }, price: perUnit('1') }]);
    const ceil = plan([{ id: 'auh', label: 'Active user hours', quantity: { kind: 'loggedInHours', rounding: 'none', round: 'up' }, price: perUnit('1') }]);
    expect(bill(exact, counts).totalCents).toBe(150_350);
    expect(bill(ceil, counts).totalCents).toBe(150_400);
  });

  it('user + usage: 10 active × $35 = $350', () => {
    expect(bill(plan([{ id: 'uu', label: 'Active users', quantity: { kind: 'activeAgents' }, price: perUnit('35') }]), counts).totalCents).toBe(35_000);
  });
});

describe('TC6 — Slack-style prorated add and credit', () => {
  // A 30-day period; "added on day 10" is read as "after 10 days", i.e. from the 11th (20 days left).
  const slack = (price: string) =>
    plan([
      {
        id: 'members',
        label: 'Members',
        quantity: { kind: 'provisioned', basis: 'start' },
        price: perUnit(price),
        proration: { additions: 'daily', removals: 'credit-daily', dayCount: 30 },
      },
    ]);

  it('add: $8 ÷ 30 × 20 = $5.33', () => {
    const p = bill(slack('8'), month('2025-04', { provisionedByBasis: { start: 0 }, seatChanges: [{ day: '2025-04-11', delta: 1 }] }));
    expect(line(p.lines, 'proration').amountCents).toBe(533);
    expect(p.totalCents).toBe(533);
  });

  it('inactive on day 10 at $8.75: credit $8.75 × 20/30 = $5.83', () => {
    const p = bill(slack('8.75'), month('2025-04', { provisionedByBasis: { start: 1 }, seatChanges: [{ day: '2025-04-11', delta: -1 }] }));
    expect(line(p.lines, 'credit').amountCents).toBe(-583);
    expect(p.totalCents).toBe(875 - 583);
  });

  it('÷30 holds in a 31-day month too: added after 10 days of May → 21/30 × $8 = $5.60', () => {
    const p = bill(slack('8'), month('2025-05', { provisionedByBasis: { start: 0 }, seatChanges: [{ day: '2025-05-11', delta: 1 }] }));
    expect(p.totalCents).toBe(560);
  });
});

describe('TC7 — GitHub AE daily counting, removed users stay until month end', () => {
  // $39 ÷ 31 = $1.2580645161 per user per day, as the doc writes it.
  const ae = (minimumQuantity?: number) =>
    plan([
      {
        id: 'users',
        label: 'Licensed users',
        quantity: { kind: 'provisioned', basis: 'start' },
        price: perUnit('1.2580645161'),
        pricePer: 'day',
        proration: { additions: 'daily', removals: 'none' },
        ...(minimumQuantity ? { minimumQuantity } : {}),
      },
    ]);
  const jan = (start: number, seatChanges: { day: string; delta: number }[]) => month('2025-01', { provisionedByBasis: { start }, seatChanges });

  it('Jan 15–31: 17 days × $1.2580645161 = $21.39', () => {
    expect(bill(ae(), jan(0, [{ day: '2025-01-15', delta: 1 }])).totalCents).toBe(2139);
  });

  it('licensed Jan 7, removed Jan 15: counted Jan 7–31, 25 days = $31.45', () => {
    const p = bill(ae(), jan(0, [{ day: '2025-01-07', delta: 1 }, { day: '2025-01-15', delta: -1 }]));
    expect(p.totalCents).toBe(3145);
  });

  it('licensed Jan 1–7, re-added Jan 15: 31 days = $39 (re-adding costs nothing extra)', () => {
    const p = bill(ae(), jan(1, [{ day: '2025-01-08', delta: -1 }, { day: '2025-01-15', delta: 1 }]));
    // 31 × 1.2580645161 = 38.9999999991 → $39.00
    expect(p.totalCents).toBe(3900);
    expect(line(p.lines, 'proration', 1).amountCents).toBe(0);
  });

  it('Feb 1–28: 28 days = $35.23 (the doc’s "29 days" is a typo)', () => {
    expect(bill(ae(), month('2025-02', { provisionedByBasis: { start: 1 } })).totalCents).toBe(3523);
  });

  it('minimum of 500 users per instance: 400 licensed bill 500 × 31 days = $19,500', () => {
    const p = bill(ae(500), jan(400, [{ day: '2025-01-20', delta: 50 }]));
    // 500 × 31 × 1.2580645161 = 19,499.99999955 → $19,500.00; the 50 added stay under the floor.
    expect(p.totalCents).toBe(1_950_000);
  });
});

describe('TC8 — GitLab quarterly reconciliation vs annual true-up', () => {
  const gitlab = (reconcile: 'quarterly' | 'annual') =>
    plan([
      {
        id: 'seats',
        label: 'Seats',
        quantity: { kind: 'provisioned', basis: 'max' },
        price: perUnit('100'),
        pricePer: 'year',
        commitment: { quantity: 100, reconcile },
      },
    ]);
  const quarters = [110, 105, 120, 120].map((max, q) => {
    const start = `2025-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const end = q === 3 ? '2026-01-01' : `2025-${String(q * 3 + 4).padStart(2, '0')}-01`;
    return { start, end, provisionedByBasis: { max } };
  });

  it('annual true-up: (120 − 100) × $100 = $2,000', () => {
    const p = priceSeries(gitlab('annual'), quarters);
    checkInvariants(p);
    const trueUps = p.periods.flatMap((period) => period.lines.filter((l) => l.kind === 'true-up'));
    expect(trueUps.map((l) => l.amountCents)).toEqual([200_000]);
    // Base: 100 seats × $100/year × 1/4 year = $2,500 per quarter.
    expect(p.totalCents).toBe(4 * 250_000 + 200_000);
  });

  it('quarterly: Q1 10 × $25 × 3 = $750; Q2 $0; Q3 10 × $25 × 1 = $250; Q4 $0; total $1,000', () => {
    const p = priceSeries(gitlab('quarterly'), quarters);
    checkInvariants(p);
    const trueUps = p.periods.map((period) => line(period.lines, 'true-up').amountCents);
    expect(trueUps).toEqual([75_000, 0, 25_000, 0]);
    expect(line(p.periods[0]!.lines, 'true-up').explanation).toBe(
      'Q1 reconciliation: 110 max − 100 high-water = 10 × $100.00/year × 3/4 year (3 remaining quarters) = $750.00',
    );
  });

  it('the same with monthly periods: the quarter’s maximum is reconciled in its last month', () => {
    const monthly = [110, 104, 90, 105, 101, 99, 100, 120, 118, 115, 120, 117].map((max, i) => month(`2025-${String(i + 1).padStart(2, '0')}`, { provisionedByBasis: { max } }));
    const p = priceSeries(gitlab('quarterly'), monthly);
    checkInvariants(p);
    const trueUps = p.periods.flatMap((period) => period.lines.filter((l) => l.kind === 'true-up').map((l) => [period.start, l.amountCents]));
    expect(trueUps).toEqual([
      ['2025-03-01', 75_000],
      ['2025-06-01', 0],
      ['2025-09-01', 25_000],
      ['2025-12-01', 0],
    ]);
  });
});

describe('TC9 — Atlassian maximum-quantity billing', () => {
  const atlassian = plan([
    {
      id: 'users',
      label: 'Users',
      quantity: { kind: 'provisioned', basis: 'start' },
      price: perUnit('18'),
      proration: { additions: 'daily', removals: 'none' },
    },
  ]);

  it('10 × $18 = $180 in advance; 5 added on day 16 (15 of 30 days left) → 5 × $18 × 15/30 = $45; no credit for 3 removed', () => {
    const p = bill(
      atlassian,
      month('2025-04', { provisionedByBasis: { start: 10 }, seatChanges: [{ day: '2025-04-16', delta: 5 }, { day: '2025-04-20', delta: -3 }] }),
    );
    expect(line(p.lines, 'base')).toMatchObject({ amountCents: 18_000, timing: 'advance' });
    expect(line(p.lines, 'proration', 0)).toMatchObject({ amountCents: 4_500, timing: 'arrears' });
    expect(line(p.lines, 'proration', 1).amountCents).toBe(0);
    expect(p.totalCents).toBe(22_500);
  });

  it('next cycle bills the last-day count: 12 × $18 = $216', () => {
    expect(bill(atlassian, month('2025-05', { provisionedByBasis: { start: 12 } })).totalCents).toBe(21_600);
  });
});

describe('TC10 — Dust MAU threshold, free-credit ladder and purchase cap', () => {
  it('MAU_5 over mention counts {12, 5, 4, 0, 30} is 3 and MAU_1 is 4', () => {
    const mentions = [12, 5, 4, 0, 30];
    const mau = (n: number) => mentions.filter((m) => m >= n).length;
    const seats = plan([{ id: 'mau', label: 'Monthly active users', quantity: { kind: 'activeAgents' }, price: perUnit('29') }], { currency: 'EUR' });
    expect(bill(seats, month('2025-01', { activeAgents: mau(5) })).totalCents).toBe(3 * 2900);
    expect(bill(seats, month('2025-01', { activeAgents: mau(1) })).totalCents).toBe(4 * 2900);
  });

  const ladder = plan(
    [{ id: 'usage', label: 'Programmatic usage', quantity: { kind: 'consumption', key: 'usage', unit: 'credits' }, price: perUnit('1') }],
    {
      credits: [
        {
          id: 'free',
          label: 'Free credits',
          quantity: { kind: 'activeAgents' },
          ladder: [
            { upTo: 10, unitPrice: '5' },
            { upTo: 50, unitPrice: '2' },
            { upTo: 100, unitPrice: '1' },
            { upTo: null, unitPrice: '0' },
          ],
        },
      ],
    },
  );
  const credit = (members: number) => -line(bill(ladder, month('2025-01', { activeAgents: members }), { usage: 10_000 }).lines, 'credit').amountCents;

  it('7 → $35; 35 → 10 × 5 + 25 × 2 = $100; 60 → 50 + 80 + 10 = $140; 150 → capped at 100 users = $180', () => {
    expect(credit(7)).toBe(3_500);
    expect(credit(35)).toBe(10_000);
    expect(credit(60)).toBe(14_000);
    expect(credit(150)).toBe(18_000);
  });

  it('credits pay only for what is used and expire at period end', () => {
    const p = bill(ladder, month('2025-01', { activeAgents: 60 }), { usage: 40 });
    expect(line(p.lines, 'credit').amountCents).toBe(-4_000);
    expect(p.totalCents).toBe(0);
    expect(line(p.lines, 'credit').explanation).toMatch(/\$100\.00 expires unused/);
  });

  const capped = (total: string, perUser?: string) =>
    plan([
      {
        id: 'purchases',
        label: 'Credit purchases',
        quantity: { kind: 'consumption', key: 'purchases', unit: 'credits' },
        price: perUnit('1'),
        cap: { ...(perUser ? { perUnit: { amount: perUser, of: { kind: 'activeAgents' as const } } } : {}), total },
      },
    ]);

  it('Pro purchase cap: 12 users → min(12 × $50, $1,000) = $600; 30 users → $1,000', () => {
    expect(bill(capped('1000', '50'), month('2025-01', { activeAgents: 12 }), { purchases: 5_000 }).totalCents).toBe(60_000);
    expect(bill(capped('1000', '50'), month('2025-01', { activeAgents: 30 }), { purchases: 5_000 }).totalCents).toBe(100_000);
    const p = bill(capped('1000', '50'), month('2025-01', { activeAgents: 12 }), { purchases: 5_000 });
    expect(line(p.lines, 'cap').explanation).toBe(
      'Cap min(12 active agents × $50.00, $1,000.00) = $600.00; charges $5,000.00 − $600.00 = $4,400.00 not billed',
    );
  });

  it('Enterprise: $1,000 per cycle', () => {
    expect(bill(capped('1000'), month('2025-01', { activeAgents: 500 }), { purchases: 5_000 }).totalCents).toBe(100_000);
  });
});

describe('TC11 — charge models on one quantity (Lago)', () => {
  const usage = (price: Parameters<typeof plan>[0][number]['price'], rest = {}) =>
    plan([{ id: 'usage', label: 'Usage', quantity: { kind: 'consumption', key: 'units', unit: 'units' }, price, ...rest }]);

  it('package: $5 per 100 with the first 100 free, 201 units → 101 → 2 packages = $10', () => {
    const p = bill(usage({ model: 'package', packageSize: 100, packagePrice: '5', freeUnits: 100 }), month('2025-01'), { units: 201 });
    expect(p.totalCents).toBe(1_000);
    expect(p.lines[0]!.explanation).toBe('201 units − 100 free = 101 → 2 packages of 100 × $5.00 = $10.00');
  });

  it('volume: 65,000 units in tier 3 → 65,000 × $0.0006 + $10 = $49', () => {
    const volume = usage({
      model: 'volume',
      tiers: [
        { upTo: 10_000, unitPrice: '0.0010', flatFee: '10' },
        { upTo: 50_000, unitPrice: '0.0008', flatFee: '10' },
        { upTo: 100_000, unitPrice: '0.0006', flatFee: '10' },
        { upTo: null, unitPrice: '0.0004', flatFee: '10' },
      ],
    });
    expect(bill(volume, month('2025-01'), { units: 65_000 }).totalCents).toBe(4_900);
  });

  it('graduated: $1 × 100 + $0.50 × 100 + $0.10 × 50 = $155 on 250 units', () => {
    const graduated = usage({
      model: 'graduated',
      tiers: [
        { upTo: 100, unitPrice: '1' },
        { upTo: 200, unitPrice: '0.50' },
        { upTo: null, unitPrice: '0.10' },
      ],
    });
    const p = bill(graduated, month('2025-01'), { units: 250 });
    expect(p.lines.map((l) => l.amountCents)).toEqual([10_000, 5_000, 500]);
    expect(p.totalCents).toBe(15_500);
  });

  it('minimum commitment $1,000: usage $800 → $200 true-up; usage $1,300 → $0', () => {
    const committed = plan([{ id: 'usage', label: 'Usage', quantity: { kind: 'consumption', key: 'dollars', unit: 'units' }, price: perUnit('1') }], {
      minimumSpend: { amount: '1000' },
    });
    expect(line(bill(committed, month('2025-01'), { dollars: 800 }).lines, 'minimum').amountCents).toBe(20_000);
    expect(bill(committed, month('2025-01'), { dollars: 800 }).totalCents).toBe(100_000);
    expect(line(bill(committed, month('2025-01'), { dollars: 1_300 }).lines, 'minimum').amountCents).toBe(0);
    expect(bill(committed, month('2025-01'), { dollars: 1_300 }).totalCents).toBe(130_000);
  });

  it('Kill Bill ALL_TIERS blocks: 730 units, tier 1 of 5 × 100 → 5 + ceil(230 ÷ 100) = 8 blocks', () => {
    const blocks = usage({
      model: 'graduated',
      blockSize: 100,
      tiers: [
        { upTo: 5, unitPrice: '1' },
        { upTo: null, unitPrice: '2' },
      ],
    });
    const p = bill(blocks, month('2025-01'), { units: 730 });
    expect(p.lines.map((l) => l.quantity)).toEqual([5, 3]);
    expect(p.totalCents).toBe(5 * 100 + 3 * 200);
  });
});

describe('TC12 — pooled included allowances per seat', () => {
  it('8x8: 2 concurrent seats × 4,000 = 8,000 included; 9,000 used; 1,000 × $0.05 = $50', () => {
    const eightByEight = plan([
      { id: 'seats', label: 'Concurrent seats', quantity: { kind: 'fixed', value: 2 }, price: perUnit('0') },
      {
        id: 'minutes',
        label: 'Voice minutes',
        quantity: { kind: 'consumption', key: 'minutes', unit: 'minutes' },
        price: perUnit('0.05'),
        included: { units: 4000, perUnitOf: { charge: 'seats' } },
      },
    ]);
    const p = bill(eightByEight, month('2025-01'), { minutes: 9_000 });
    expect(line(p.lines, 'allowance').quantity).toBe(8_000);
    expect(p.totalCents).toBe(5_000);
    expect(p.lines.at(-1)!.explanation).toBe('9,000 minutes − 8,000 included = 1,000 × $0.05 = $50.00');
  });

  it('Genesys fair use: CX3 API allowance 182,000; 505,992 used; 323,992 requests over', () => {
    const fairUse = plan([
      {
        id: 'api',
        label: 'API requests',
        quantity: { kind: 'consumption', key: 'apiRequests', unit: 'requests' },
        price: perUnit('0.0001'),
        included: { units: 182_000 },
      },
    ]);
    const p = bill(fairUse, month('2025-01'), { apiRequests: 505_992 });
    expect(line(p.lines, 'base').quantity).toBe(323_992);
    // 323,992 × $0.0001 = $32.3992 → $32.40 (illustrative rate)
    expect(p.totalCents).toBe(3_240);
  });
});

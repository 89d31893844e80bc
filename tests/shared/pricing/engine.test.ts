/**
 * The pricing engine beyond the worked cases: reading plan files (refusals with JSON paths),
 * exact money in any currency, period lengths, annual billing, ramp months, ratchets, groups and
 * shares, consumption figures, notes, and the CLI report shape.
 */
import { describe, expect, it } from 'vitest';
import type { MonthlyPeriod } from '../../../shared/contract';
import {
  metricsRequestFor,
  priceAll,
  priceSeries,
  projectionReport,
  type PricingPeriod,
} from '../../../shared/pricing/engine';
import { currencyExponent, formatMinor, formatPrice, fromDecimal, fromNumber, roundHalfUp, rat } from '../../../shared/pricing/money';
import { ConsumptionInput, jsonPath, parsePlan, parsePlanText, serializePlan } from '../../../shared/pricing/plan';
import { syntheticDemoPeriods } from '../../../shared/pricing/synthetic';
import { bill, checkInvariants, line, month, plan } from './helpers';

const perUnit = (unitPrice: string) => ({ model: 'per-unit' as const, unitPrice });
const seats = (unitPrice = '100', rest = {}) => ({ id: 'seats', label: 'Seats', quantity: { kind: 'provisioned' as const, basis: 'end' as const }, price: perUnit(unitPrice), ...rest });
const valid = () => ({ formatVersion: 1, name: 'P', source: { citation: 'x' }, illustrative: true, currency: 'USD', charges: [seats()] });

describe('reading plan files', () => {
  it('refuses an invalid plan with the JSON path and the reason', () => {
    const result = parsePlan({ ...valid(), charges: [{ ...seats(), price: { model: 'per-unit', unitPrice: 75 } }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]!.path).toBe('$.charges[0].price.unitPrice');
    expect(result.message).toMatch(/^Invalid plan: \$\.charges\[0\]\.price\.unitPrice: /);
  });

  it('explains money written as a JSON number, a bad currency and an unknown field', () => {
    const result = parsePlan({ ...valid(), currency: 'usd', extra: 1, charges: [seats('12.345.6')] });
    if (result.ok) throw new Error('accepted');
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
    expect(byPath['$.currency']).toMatch(/ISO 4217/);
    expect(byPath['$.charges[0].price.unitPrice']).toMatch(/string of digits/);
    expect(result.issues.some((i) => i.path === '$' && /extra/.test(i.message))).toBe(true);
  });

  it('checks references, tier order and combinations with paths', () => {
    const result = parsePlan({
      ...valid(),
      charges: [
        seats(),
        seats('1', { id: 'seats' }),
        {
          id: 'tiers',
          label: 'Tiers',
          quantity: { kind: 'activeAgents' },
          price: { model: 'graduated', tiers: [{ upTo: 100, unitPrice: '1' }, { upTo: 50, unitPrice: '1' }, { upTo: 200, unitPrice: '1' }] },
          included: { units: 5, perUnitOf: { charge: 'nope' } },
        },
        { id: 'pro', label: 'Pro', quantity: { kind: 'activeAgents' }, price: perUnit('1'), proration: {} },
      ],
      credits: [{ id: 'c', label: 'C', quantity: { kind: 'activeAgents' }, ladder: [{ upTo: null, unitPrice: '1' }], appliesTo: ['ghost'] }],
    });
    if (result.ok) throw new Error('accepted');
    const paths = result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.charges[1].id: charge id "seats" is used twice',
        '$.charges[2].price.tiers[1].upTo: tiers must rise: 50 is not above 100',
        '$.charges[2].price.tiers[2].upTo: the last tier must be open-ended (upTo: null); give it a price of "0" to stop charging',
        '$.charges[2].included.perUnitOf.charge: no charge with id "nope"',
        '$.credits[0].appliesTo[0]: no charge with id "ghost"',
      ]),
    );
    expect(paths.some((p) => p.startsWith('$.charges[3].quantity: proration bills the seats at period start'))).toBe(true);
  });

  it('refuses a plan from a newer Seatcast, and text that is not JSON', () => {
    const newer = parsePlan({ ...valid(), formatVersion: 2 });
    expect(newer.ok ? '' : newer.message).toMatch(/format version 2; this Seatcast reads version 1/);
    const text = parsePlanText('{ "formatVersion": 1, ');
    expect(text.ok ? '' : text.issues[0]!.path).toBe('$');
    expect(text.ok ? '' : text.message).toMatch(/not valid JSON/);
  });

  it('round-trips: a serialized plan reads back equal, with defaults filled in', () => {
    const read = parsePlan(valid());
    if (!read.ok) throw new Error(read.message);
    expect(read.plan.billing).toEqual({ frequency: 'monthly', termMonths: 12 });
    const again = parsePlanText(serializePlan(read.plan));
    expect(again.ok && again.plan).toEqual(read.plan);
  });

  it('writes JSON paths for odd keys', () => {
    expect(jsonPath(['charges', 0, 'quantity', 'estimate', 'byPeriod', '2025-01-01'])).toBe('$.charges[0].quantity.estimate.byPeriod["2025-01-01"]');
  });

  it('reads consumption files', () => {
    expect(ConsumptionInput.safeParse({ voiceMinutes: 250_000, chats: { perAgent: 40 }, sms: { byPeriod: { '2025-01-01': 12 } } }).success).toBe(true);
    expect(ConsumptionInput.safeParse({ voiceMinutes: -1 }).success).toBe(false);
  });
});

describe('exact money', () => {
  it('keeps sub-cent rates exact: 1,234,567 minutes × $0.0175 = $21,604.9225 → $21,604.92', () => {
    const minutes = plan([{ id: 'm', label: 'Minutes', quantity: { kind: 'consumption', key: 'm', unit: 'minutes' }, price: perUnit('0.0175') }]);
    const p = bill(minutes, month('2025-01'), { m: 1_234_567 });
    expect(p.totalCents).toBe(2_160_492);
    expect(p.lines[0]!.unitCents).toBe(1.75);
    expect(p.lines[0]!.unitPrice).toBe('0.0175');
  });

  it('rounds half-up once per line: 3 × $0.005 = $0.015 → $0.02; a credit of $5.835 → −$5.84', () => {
    expect(bill(plan([{ id: 'x', label: 'X', quantity: { kind: 'fixed', value: 3 }, price: perUnit('0.005') }]), month('2025-01')).totalCents).toBe(2);
    expect(roundHalfUp(rat(-5835n, 10n))).toBe(-584n);
  });

  it('never reads a float as money: 0.1 + 0.2 units of $10 are $3.00', () => {
    expect(fromNumber(0.1)).toEqual(rat(1n, 10n));
    const p = bill(plan([{ id: 'x', label: 'X', quantity: { kind: 'loggedInHours', rounding: 'none' }, price: perUnit('10') }]), month('2025-01', { loggedInHours: 0.3 }));
    expect(p.totalCents).toBe(300);
  });

  it('uses each currency’s minor unit: JPY 0, USD 2, BHD 3', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD')]).toEqual([0, 2, 3]);
    const yen = bill(plan([seats('1250.5')], { currency: 'JPY' }), month('2025-01', { provisioned: 3 }));
    // 3 × ¥1,250.5 = ¥3,751.5 → ¥3,752 (yen have no minor unit)
    expect(yen.totalCents).toBe(3752);
    expect(yen.lines[0]!.explanation).toBe('3 seats × ¥1,250.5 = ¥3,752');
    const dinar = bill(plan([seats('1.2345')], { currency: 'BHD' }), month('2025-01', { provisioned: 3 }));
    // 3 × 1.2345 = 3.7035 BHD → 3.704 (3,704 fils)
    expect(dinar.totalCents).toBe(3704);
    expect(dinar.lines[0]!.explanation).toBe('3 seats × BHD 1.2345 = BHD 3.704');
  });

  it('formats the en-US way whatever the machine locale', () => {
    expect(formatMinor(123_456_789, 'USD')).toBe('$1,234,567.89');
    expect(formatMinor(-583, 'EUR')).toBe('-€5.83');
    expect(formatMinor(5, 'USD')).toBe('$0.05');
    expect(formatMinor(1000, 'CHF')).toBe('CHF 10.00');
    expect(formatPrice(fromDecimal('1.2580645161'), 'USD')).toBe('$1.2580645161');
    expect(formatPrice(fromDecimal('75'), 'USD')).toBe('$75.00');
  });

  it('accepts a formatter of the caller’s choosing', () => {
    const p = priceSeries(plan([seats()]), [month('2025-01', { provisioned: 2 })], undefined, { formatMoney: (minor, currency) => `${currency} ${(minor / 100).toFixed(2)}` });
    expect(p.periods[0]!.lines[0]!.explanation).toBe('2 seats × $100.00 = USD 200.00');
  });
});

describe('period lengths and cadences', () => {
  it('a per-month price over a quarter counts 3 months; per-year over a month 1/12', () => {
    const quarter = { start: '2025-01-01', end: '2025-04-01', provisioned: 10 };
    expect(bill(plan([seats('100')]), quarter).totalCents).toBe(300_000);
    expect(bill(plan([seats('1200', { pricePer: 'year' })]), month('2025-02', { provisioned: 10 })).totalCents).toBe(100_000);
    expect(bill(plan([seats('1', { pricePer: 'day' })]), month('2024-02', { provisioned: 10 })).totalCents).toBe(29_000);
    expect(bill(plan([seats('100', { pricePer: 'period' })]), quarter).totalCents).toBe(100_000);
  });

  it('anchored cycles count whole months, rolling windows days × 12/365', () => {
    expect(bill(plan([seats('100')]), { start: '2025-01-31', end: '2025-02-28', provisioned: 1 }).totalCents).toBe(10_000);
    expect(bill(plan([seats('100')]), { start: '2025-02-28', end: '2025-03-31', provisioned: 1 }).totalCents).toBe(10_000);
    // 28 days × 12 / 365 × $100 = $92.05
    expect(bill(plan([seats('100')]), { start: '2025-01-01', end: '2025-01-29', provisioned: 1 }).totalCents).toBe(9_205);
  });

  it('usage prices are per unit whatever the period length', () => {
    const hours = plan([{ id: 'h', label: 'Hours', quantity: { kind: 'loggedInHours', rounding: 'none' }, price: perUnit('1') }]);
    expect(bill(hours, { start: '2025-01-01', end: '2025-04-01', loggedInHours: 1000 }).totalCents).toBe(100_000);
  });

  it('refuses periods that are not dates or end before they start', () => {
    expect(() => priceSeries(plan([seats()]), [{ start: '2025-13-01', end: '2025-02-01' }])).toThrow(/not a date/);
    expect(() => priceSeries(plan([seats()]), [{ start: '2025-02-01', end: '2025-02-01' }])).toThrow(/ends on or before/);
  });
});

describe('modifiers across the series', () => {
  it('ramp months carry no fee but show what they would have cost', () => {
    const p = priceSeries(plan([seats()], { ramp: { months: 2 }, minimumSpend: { amount: '50000' } }), ['2025-01', '2025-02', '2025-03'].map((m) => month(m, { provisioned: 10 })));
    checkInvariants(p);
    expect(p.periods.map((x) => x.totalCents)).toEqual([0, 0, 5_000_000]);
    expect(line(p.periods[0]!.lines, 'ramp').explanation).toBe('Ramp month 1 of 2: no software fee (would have been $1,000.00)');
    expect(p.periods[0]!.lines.some((l) => l.kind === 'minimum')).toBe(false);
  });

  it('the ramp is counted from termStart when given', () => {
    const p = priceSeries(plan([seats()], { ramp: { months: 1 }, billing: { termStart: '2025-02-01' } }), ['2025-01', '2025-02', '2025-03'].map((m) => month(m, { provisioned: 1 })));
    expect(p.periods.map((x) => x.totalCents)).toEqual([10_000, 0, 10_000]);
  });

  it('annual billing invoices the term’s advance amounts in its first period; usage stays monthly', () => {
    const annual = plan([seats('100'), { id: 'h', label: 'Hours', quantity: { kind: 'loggedInHours', rounding: 'none' }, price: perUnit('1') }], { billing: { frequency: 'annual' } });
    const periods = Array.from({ length: 14 }, (_, i) => month(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, { provisioned: 10, loggedInHours: 5 }));
    const p = priceSeries(annual, periods);
    checkInvariants(p);
    expect(p.periods[0]!.invoicedCents).toBe(12 * 100_000 + 500);
    expect(p.periods[1]!.invoicedCents).toBe(500);
    // The second term starts in month 13 and has 2 months in the data.
    expect(p.periods[12]!.invoicedCents).toBe(2 * 100_000 + 500);
  });

  it('a monthly ratchet makes the highest count the new commitment', () => {
    const ratchet = plan([seats('10', { commitment: { quantity: 100, ratchet: true } })]);
    const p = priceSeries(ratchet, [month('2025-01', { provisioned: 120 }), month('2025-02', { provisioned: 90 })]);
    expect(line(p.periods[0]!.lines, 'overage').quantity).toBe(20);
    expect(line(p.periods[1]!.lines, 'committed').quantity).toBe(120);
  });

  it('an annual ratchet renews the next term at the high-water mark', () => {
    const gitlab = plan([seats('1200', { pricePer: 'year', quantity: { kind: 'provisioned', basis: 'max' }, commitment: { quantity: 100, reconcile: 'annual', ratchet: true } })]);
    const periods = Array.from({ length: 13 }, (_, i) => month(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, { provisionedByBasis: { max: i === 5 ? 130 : 100 } }));
    const p = priceSeries(gitlab, periods);
    checkInvariants(p);
    expect(line(p.periods[11]!.lines, 'true-up').amountCents).toBe(30 * 120_000);
    expect(line(p.periods[12]!.lines, 'committed').quantity).toBe(130);
  });

  it('proration ignores changes outside the period and says so', () => {
    const atlassian = plan([{ ...seats('18'), quantity: { kind: 'provisioned', basis: 'start' }, proration: {} }]);
    const p = priceSeries(atlassian, [month('2025-04', { provisionedByBasis: { start: 10 }, seatChanges: [{ day: '2025-05-02', delta: 4 }] })]);
    expect(p.totalCents).toBe(18_000);
    expect(p.notes[0]).toMatch(/2025-05-02 lies outside/);
  });

  it('two credits never pay for the same dollar', () => {
    const ladder = [{ upTo: null, unitPrice: '10' }];
    const p = plan([seats('1')], {
      credits: [
        { id: 'a', label: 'A', quantity: { kind: 'activeAgents' }, ladder },
        { id: 'b', label: 'B', quantity: { kind: 'activeAgents' }, ladder },
      ],
    });
    const priced = bill(p, month('2025-01', { provisioned: 10, activeAgents: 1 }));
    expect(priced.lines.map((l) => l.amountCents)).toEqual([1_000, -1_000, 0]);
    expect(priced.totalCents).toBe(0);
  });
});

describe('counts', () => {
  it('bills one group’s count and a share of a count (licence tiers)', () => {
    const tiers = plan([
      { id: 'cx3', label: 'CX 3 (Escalations)', quantity: { kind: 'activeAgents', group: 'Escalations' }, price: perUnit('155') },
      { id: 'cx1', label: 'CX 1 (the rest)', quantity: { kind: 'activeAgents', share: '0.8', round: 'up' }, price: perUnit('75') },
    ]);
    const p = bill(tiers, month('2025-01', { activeAgents: 101, groups: [{ group: 'Escalations', activeAgents: 20, dailyActiveMax: 15, agentDays: 300, loggedInHours: 2500 }] }));
    expect(p.lines.map((l) => l.amountCents)).toEqual([20 * 15_500, 81 * 7_500]);
    expect(p.lines[1]!.explanation).toBe('101 active agents × 0.8 share = 80.8, rounded up 81 × $75.00 = $6,075.00');
  });

  it('notes counts that are missing or computed under another rule', () => {
    const p = priceSeries(
      plan([{ id: 'g', label: 'G', quantity: { kind: 'activeAgents', group: 'Night' }, price: perUnit('1') }, { id: 'c', label: 'C', quantity: { kind: 'peakConcurrent', rule: 'sustained:15' }, price: perUnit('1') }]),
      [{ start: '2025-01-01', end: '2025-02-01', rules: { concurrency: 'raw' }, peakConcurrent: 5 }],
    );
    expect(p.notes).toEqual([
      'The plan bills the group "Night" but the counts are not broken down by team, site or program.',
      'The plan bills concurrency "sustained:15" but the counts were computed with "raw"; recompute the metrics with concurrency sustained:15 for an exact bill.',
    ]);
  });

  it('consumption: entered figures, per-agent rates, per-period figures, the plan’s estimate', () => {
    const rider = plan([{ id: 'm', label: 'Minutes', quantity: { kind: 'consumption', key: 'minutes', unit: 'minutes', estimate: { perAgent: 1000 } }, price: perUnit('0.01') }]);
    const jan = month('2025-01', { activeAgents: 10, peakConcurrent: 4 });
    expect(bill(rider, jan).totalCents).toBe(10_000);
    expect(bill(rider, jan, { minutes: 500 }).totalCents).toBe(500);
    expect(bill(rider, jan, { minutes: { perAgent: 100, agents: 'peakConcurrent' } }).totalCents).toBe(400);
    expect(bill(rider, jan, { minutes: { byPeriod: { '2025-01-01': 700 } } }).totalCents).toBe(700);
    expect(bill(rider, jan, { minutes: { byPeriod: {}, otherwise: 300 } }).totalCents).toBe(300);
  });

  it('stepped tiers: 9 users bill the 10-user step, 11 the 15-user step', () => {
    const atlassian = plan([{ id: 'u', label: 'Users', quantity: { kind: 'provisioned', basis: 'end' }, price: { model: 'stepped', steps: [{ upTo: 10, price: '100' }, { upTo: 15, price: '150' }, { upTo: null, price: '250' }] } }]);
    expect(bill(atlassian, month('2025-01', { provisioned: 9 })).totalCents).toBe(10_000);
    expect(bill(atlassian, month('2025-01', { provisioned: 11 })).totalCents).toBe(15_000);
    expect(bill(atlassian, month('2025-01', { provisioned: 16 })).totalCents).toBe(25_000);
  });

  it('a fixed platform fee plus a floor of 100 seats', () => {
    const p = plan([seats('10', { minimumQuantity: 100 }), { id: 'fee', label: 'Platform fee', quantity: { kind: 'fixed', value: 1 }, price: { model: 'flat', amount: '500' } }]);
    const priced = bill(p, month('2025-01', { provisioned: 80 }));
    expect(priced.lines.map((l) => l.explanation)).toEqual(['80 seats, minimum 100 → 100 × $10.00 = $1,000.00', 'Fixed fee $500.00']);
    expect(priced.totalCents).toBe(150_000);
  });
});

describe('what the CLI and UI call', () => {
  it('metricsRequestFor names the metrics options a plan bills under', () => {
    const p = plan([
      { id: 'c', label: 'C', quantity: { kind: 'peakConcurrent', rule: 'cumulative:30' }, price: perUnit('1') },
      { id: 'h', label: 'H', quantity: { kind: 'loggedInHours', rounding: 'ceil-total' }, price: perUnit('1') },
      { id: 's', label: 'S', quantity: { kind: 'provisioned', basis: 'start' }, price: perUnit('1') },
    ]);
    expect(metricsRequestFor(p)).toEqual({ concurrency: 'cumulative:30', hoursRounding: 'ceil-total', provisionedAt: 'start' });
  });

  it('projectionReport has the `seatcast project --json` shape', () => {
    const report = projectionReport(priceAll([plan([seats()])], [month('2025-01', { provisioned: 3 })]));
    expect(report).toEqual({
      plans: [
        {
          name: 'test plan',
          currency: 'USD',
          totalCents: 30_000,
          notes: [],
          periods: [
            {
              start: '2025-01-01',
              end: '2025-02-01',
              quantity: 3,
              totalCents: 30_000,
              invoicedCents: 30_000,
              lines: [{ kind: 'base', label: 'Seats', quantity: 3, unitCents: 10_000, amountCents: 30_000, explanation: '3 seats × $100.00 = $300.00' }],
            },
          ],
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('priceAll prices 6 plans × 36 periods (the bench case)', () => {
    const plans = Array.from({ length: 6 }, (_, i) => plan([seats(String(50 + i), { commitment: { quantity: 300 } })]));
    const projections = priceAll(plans, syntheticDemoPeriods(36));
    expect(projections).toHaveLength(6);
    for (const p of projections) {
      expect(p.periods).toHaveLength(36);
      checkInvariants(p);
    }
  });

  it('takes the metrics engine’s periods as they are', () => {
    const fromMetrics: MonthlyPeriod = {
      start: '2025-01-01',
      end: '2025-02-01',
      activeAgents: 70,
      dailyActiveAvg: 40.5,
      dailyActiveMax: 55,
      agentDays: 1255,
      peakConcurrent: 48,
      loggedInHours: 9000.25,
      provisioned: 100,
      utilisation: 0.7,
    };
    const periods: PricingPeriod[] = [fromMetrics];
    expect(priceSeries(plan([seats()]), periods).totalCents).toBe(1_000_000);
  });

  it('sorts periods by start', () => {
    const p = priceSeries(plan([seats()]), [month('2025-02', { provisioned: 1 }), month('2025-01', { provisioned: 1 })]);
    expect(p.periods.map((x) => x.start)).toEqual(['2025-01-01', '2025-02-01']);
  });
});

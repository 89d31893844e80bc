/**
 * The pricing engine: a plan and a series of per-period counts in, a bill per period out.
 *
 * Pure and deterministic: no clock, no locale, no I/O. The whole series is priced in one call
 * because some rules look across periods (quarterly and annual true-ups against a high-water
 * mark, ratchets, annual invoicing, ramp months counted from the term start).
 *
 * Per period and charge the order is fixed and documented in docs/plan-format.md:
 *   count → share/rounding → included allowance → floor/cap on quantity → price (committed +
 *   overage, prorated seats, or the price structure) → true-up at the end of a quarter/year →
 *   spend cap on the charge; then plan-wide credits → minimum spend → ramp.
 * Every line is rounded once, half-up, to the currency's minor unit; a period's total is the sum
 * of its lines and the series total the sum of the periods.
 */
import { parseDay } from '../calendar';
import {
  add,
  ceil,
  cmp,
  currencyExponent,
  div,
  floor,
  formatMoney as defaultFormatMoney,
  formatPrice,
  formatQuantity,
  fromDecimal,
  fromNumber,
  int,
  isZero,
  max,
  min,
  mul,
  ONE,
  positivePart,
  pow10,
  rat,
  roundHalfUp,
  sub,
  toNumber,
  ZERO,
  type MoneyFormatter,
  type Rational,
} from './money';
import {
  pricePerOf,
  type Charge,
  type ConsumptionEntryInput,
  type Metric,
  type Plan,
  type Price,
  type ProvisionedBasis,
} from './plan';

// ------------------------------------------------------------------------------------------------
// Inputs and outputs
// ------------------------------------------------------------------------------------------------

/** A seat added (delta > 0) or removed (delta < 0) on a day, for daily proration. */
export type SeatChange = { day: string; delta: number };

/**
 * The counts of one billing period. A `MonthlyPeriod` from the metrics engine fits as it is.
 * When one plan needs a count under several rules (two concurrency rules, say), the variants can
 * be given in the `…By…` maps; otherwise the plain field is used, and `rules` (when given) says
 * which rule it was computed with so the engine can warn about a mismatch.
 */
export type PricingPeriod = {
  /** First local day, inclusive (YYYY-MM-DD). */
  start: string;
  /** First local day after the period, exclusive. */
  end: string;
  activeAgents?: number;
  dailyActiveAvg?: number;
  dailyActiveMax?: number;
  agentDays?: number;
  peakConcurrent?: number;
  loggedInHours?: number;
  provisioned?: number | null;
  groups?: ReadonlyArray<{ group: string; activeAgents: number; dailyActiveMax: number; agentDays: number; loggedInHours: number }>;
  rules?: { concurrency?: string; hoursRounding?: string; provisionedAt?: string; activity?: string };
  peakConcurrentByRule?: Readonly<Record<string, number>>;
  loggedInHoursByRounding?: Readonly<Record<string, number>>;
  provisionedByBasis?: Readonly<Partial<Record<ProvisionedBasis, number>>>;
  byActivity?: Readonly<Record<string, { activeAgents?: number; agentDays?: number; dailyActiveMax?: number; dailyActiveAvg?: number }>>;
  /** Dated roster changes inside the period, for charges with proration. */
  seatChanges?: ReadonlyArray<SeatChange>;
};

/** User-entered consumption figures, keyed by the rider's `key` (e.g. voiceMinutes). */
export type Consumption = Readonly<Record<string, ConsumptionEntryInput>>;

export type LineKind =
  | 'base'
  | 'committed'
  | 'overage'
  | 'allowance'
  | 'proration'
  | 'credit'
  | 'cap'
  | 'true-up'
  | 'minimum'
  | 'ramp';

export type BillLine = {
  kind: LineKind;
  /** The charge or credit the line belongs to; null for plan-wide lines (minimum spend, ramp). */
  chargeId: string | null;
  label: string;
  quantity: number;
  /** Price per unit for this period in minor units (may be fractional for sub-cent rates). */
  unitCents: number;
  /** The price exactly as written in the plan (major units), when the line has one. */
  unitPrice: string | null;
  /** Integer minor units (cents for USD, yen for JPY, fils for BHD). */
  amountCents: number;
  /** advance: invoiced at the start of the period (or of the term, billed annually); arrears: after it. */
  timing: 'advance' | 'arrears';
  explanation: string;
};

export type PricedPeriod = {
  start: string;
  end: string;
  /** The first charge's billable quantity (the headline count of the plan). */
  quantity: number;
  totalCents: number;
  /** Cash view: what is invoiced for this period (annual billing moves advance lines to the term's first period). */
  invoicedCents: number;
  lines: BillLine[];
};

export type PlanProjection = {
  name: string;
  currency: string;
  formatVersion: number;
  periods: PricedPeriod[];
  totalCents: number;
  /** The metrics options the counts must have been computed with. */
  requirements: MetricRequirements;
  /** Things the user should know (missing figures, rules that differ), each said once. */
  notes: string[];
};

export type PricingOptions = {
  /** Formats minor units for explanations; default en-US style ("$1,234.56"), never the machine locale. */
  formatMoney?: MoneyFormatter;
};

// ------------------------------------------------------------------------------------------------
// Metric requirements: which metrics options the caller must use
// ------------------------------------------------------------------------------------------------

export type MetricRequirements = {
  concurrency: string[];
  hoursRounding: string[];
  provisionedAt: ProvisionedBasis[];
  activity: string[];
  groups: string[];
  consumption: Array<{ key: string; unit: string }>;
};

function plansMetrics(plan: Plan): Metric[] {
  const metrics: Metric[] = [];
  for (const charge of plan.charges) {
    metrics.push(charge.quantity);
    const pool = charge.included?.perUnitOf;
    if (pool && !('charge' in pool)) metrics.push(pool);
    if (charge.cap?.perUnit) metrics.push(charge.cap.perUnit.of);
  }
  for (const credit of plan.credits) metrics.push(credit.quantity);
  return metrics;
}

export function metricRequirements(plan: Plan): MetricRequirements {
  const out: MetricRequirements = { concurrency: [], hoursRounding: [], provisionedAt: [], activity: [], groups: [], consumption: [] };
  const push = <T>(list: T[], value: T) => {
    if (!list.includes(value)) list.push(value);
  };
  for (const metric of plansMetrics(plan)) {
    if (metric.kind === 'peakConcurrent') push(out.concurrency, metric.rule);
    if (metric.kind === 'loggedInHours') push(out.hoursRounding, metric.rounding);
    if (metric.kind === 'provisioned') push(out.provisionedAt, metric.basis);
    if ('activity' in metric && metric.activity) push(out.activity, metric.activity);
    if ('group' in metric && metric.group) push(out.groups, metric.group);
    if (metric.kind === 'consumption' && !out.consumption.some((c) => c.key === metric.key)) out.consumption.push({ key: metric.key, unit: metric.unit });
  }
  return out;
}

/**
 * The options for `metrics:periods` / `metrics:monthly` that produce the counts this plan bills
 * (the first of each when a plan mixes rules; the others go in the period's `…By…` maps).
 */
export function metricsRequestFor(plan: Plan): { concurrency?: string; hoursRounding?: string; provisionedAt?: ProvisionedBasis; activity?: string } {
  const req = metricRequirements(plan);
  return {
    ...(req.concurrency[0] ? { concurrency: req.concurrency[0] } : {}),
    ...(req.hoursRounding[0] ? { hoursRounding: req.hoursRounding[0] } : {}),
    ...(req.provisionedAt[0] ? { provisionedAt: req.provisionedAt[0] } : {}),
    ...(req.activity[0] ? { activity: req.activity[0] } : {}),
  };
}

// ------------------------------------------------------------------------------------------------
// Prepared plan: decimals parsed once
// ------------------------------------------------------------------------------------------------

const decimalCache = new Map<string, Rational>();
function dec(text: string): Rational {
  let value = decimalCache.get(text);
  if (!value) {
    value = fromDecimal(text);
    if (decimalCache.size < 10_000) decimalCache.set(text, value);
  }
  return value;
}

// ------------------------------------------------------------------------------------------------
// Period arithmetic
// ------------------------------------------------------------------------------------------------

type Civil = { y: number; m: number; d: number; day: number };

function civil(text: string, what: string): Civil {
  const day = parseDay(text);
  if (day === null) throw new RangeError(`${what} "${text}" is not a date (YYYY-MM-DD)`);
  return { y: Number(text.slice(0, 4)), m: Number(text.slice(5, 7)), d: Number(text.slice(8, 10)), day };
}

function lastDayOfMonth(c: Civil): boolean {
  return parseDay(`${String(c.m === 12 ? c.y + 1 : c.y).padStart(4, '0')}-${String(c.m === 12 ? 1 : c.m + 1).padStart(2, '0')}-01`)! - 1 === c.day;
}

/** Whole months from a to b when both sit on the same (possibly clamped) day of month, else null. */
function wholeMonths(a: Civil, b: Civil): number | null {
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  if (a.d === b.d || (a.d < b.d && lastDayOfMonth(a)) || (b.d < a.d && lastDayOfMonth(b))) return months;
  return null;
}

/** Calendar months from the anchor to `c`, counting a month only once its anchor day is reached. */
function monthIndex(anchor: Civil, c: Civil): number {
  const months = (c.y - anchor.y) * 12 + (c.m - anchor.m);
  return c.d < anchor.d && !lastDayOfMonth(c) ? months - 1 : months;
}

type PeriodLength = { days: number; months: Rational };

function periodLength(start: Civil, end: Civil): PeriodLength {
  const days = end.day - start.day;
  const whole = wholeMonths(start, end);
  // Periods that are not whole months (rolling windows) count days × 12 / 365 months.
  return { days, months: whole !== null && whole > 0 ? int(whole) : rat(BigInt(days * 12), 365n) };
}

type Per = 'month' | 'year' | 'day' | 'period' | 'unit';

function scaleOf(per: Per, length: PeriodLength): Rational {
  switch (per) {
    case 'month':
      return length.months;
    case 'year':
      return div(length.months, int(12));
    case 'day':
      return int(length.days);
    default:
      return ONE;
  }
}

function fraction(r: Rational): string {
  return r.d === 1n ? formatQuantity(r) : `${r.n}/${r.d}`;
}

/** " × 3 months", " × 1/12 year", " × 31 days" — empty when the price applies once. */
function scaleText(per: Per, length: PeriodLength): string {
  if (per === 'month') return cmp(length.months, ONE) === 0 ? '' : ` × ${fraction(length.months)} months`;
  if (per === 'year') {
    const years = div(length.months, int(12));
    return cmp(years, ONE) === 0 ? '' : ` × ${fraction(years)} year`;
  }
  if (per === 'day') return ` × ${length.days} days`;
  return '';
}

const PER_SUFFIX: Record<Per, string> = { month: '', year: '/year', day: '/day', period: '', unit: '' };

// ------------------------------------------------------------------------------------------------
// Counts
// ------------------------------------------------------------------------------------------------

const NOUN: Record<Metric['kind'], string> = {
  provisioned: 'seats',
  activeAgents: 'active agents',
  agentDays: 'agent-days',
  dailyActiveMax: 'agents on the busiest day',
  dailyActiveAvg: 'agents a day on average',
  peakConcurrent: 'peak',
  loggedInHours: 'hours',
  fixed: 'contracted',
  consumption: 'units',
};

type Context = {
  exponent: number;
  money: (minor: bigint | number) => string;
  price: (r: Rational) => string;
  notes: Set<string>;
  consumption: Consumption | undefined;
};

function num(value: number | null | undefined, what: string, period: PricingPeriod, ctx: Context): Rational {
  if (value === undefined || value === null || !Number.isFinite(value)) {
    ctx.notes.add(`The counts for ${period.start} have no ${what}; it was taken as 0.`);
    return ZERO;
  }
  return fromNumber(Math.max(0, value));
}

function mismatch(period: PricingPeriod, key: 'concurrency' | 'hoursRounding' | 'provisionedAt' | 'activity', wanted: string, ctx: Context) {
  const used = period.rules?.[key];
  if (used !== undefined && used !== wanted) {
    ctx.notes.add(`The plan bills ${key} "${wanted}" but the counts were computed with "${used}"; recompute the metrics with ${key} ${wanted} for an exact bill.`);
  }
}

function groupCount(period: PricingPeriod, group: string, field: 'activeAgents' | 'dailyActiveMax' | 'agentDays' | 'loggedInHours', ctx: Context): Rational {
  if (!period.groups) {
    ctx.notes.add(`The plan bills the group "${group}" but the counts are not broken down by team, site or program.`);
    return ZERO;
  }
  const row = period.groups.find((g) => g.group === group);
  if (!row) return ZERO;
  return fromNumber(Math.max(0, row[field]));
}

function agentsCount(period: PricingPeriod, agents: string, ctx: Context): Rational {
  switch (agents) {
    case 'peakConcurrent':
      return num(period.peakConcurrent, 'peak concurrency', period, ctx);
    case 'provisioned':
      return num(period.provisioned, 'provisioned count', period, ctx);
    case 'agentDays':
      return num(period.agentDays, 'agent-days', period, ctx);
    case 'loggedInHours':
      return num(period.loggedInHours, 'logged-in hours', period, ctx);
    case 'dailyActiveAvg':
      return num(period.dailyActiveAvg, 'daily active average', period, ctx);
    default:
      return num(period.activeAgents, 'active agents', period, ctx);
  }
}

function consumptionFigure(entry: ConsumptionEntryInput, period: PricingPeriod, ctx: Context): Rational {
  if (typeof entry === 'number') return fromNumber(Math.max(0, entry));
  if ('perAgent' in entry) return mul(fromNumber(Math.max(0, entry.perAgent)), agentsCount(period, entry.agents ?? 'activeAgents', ctx));
  const figure = entry.byPeriod[period.start] ?? entry.otherwise ?? 0;
  return fromNumber(Math.max(0, figure));
}

/** The raw count a metric names, before share and rounding. */
function rawCount(metric: Metric, period: PricingPeriod, ctx: Context): Rational {
  switch (metric.kind) {
    case 'provisioned': {
      const variant = period.provisionedByBasis?.[metric.basis];
      if (variant !== undefined) return fromNumber(Math.max(0, variant));
      mismatch(period, 'provisionedAt', metric.basis, ctx);
      return num(period.provisioned, 'provisioned (roster) count', period, ctx);
    }
    case 'activeAgents':
    case 'agentDays':
    case 'dailyActiveMax':
    case 'dailyActiveAvg': {
      const group = 'group' in metric ? metric.group : undefined;
      if (group && metric.kind !== 'dailyActiveAvg') return groupCount(period, group, metric.kind, ctx);
      if (metric.activity) {
        const variant = period.byActivity?.[metric.activity]?.[metric.kind];
        if (variant !== undefined) return fromNumber(Math.max(0, variant));
        mismatch(period, 'activity', metric.activity, ctx);
      }
      return num(period[metric.kind], NOUN[metric.kind], period, ctx);
    }
    case 'peakConcurrent': {
      const variant = period.peakConcurrentByRule?.[metric.rule];
      if (variant !== undefined) return fromNumber(Math.max(0, variant));
      mismatch(period, 'concurrency', metric.rule, ctx);
      return num(period.peakConcurrent, 'peak concurrency', period, ctx);
    }
    case 'loggedInHours': {
      let hours: Rational;
      const variant = period.loggedInHoursByRounding?.[metric.rounding];
      if (metric.group) hours = groupCount(period, metric.group, 'loggedInHours', ctx);
      else if (variant !== undefined) hours = fromNumber(Math.max(0, variant));
      else {
        mismatch(period, 'hoursRounding', metric.rounding, ctx);
        hours = num(period.loggedInHours, 'logged-in hours', period, ctx);
      }
      // ceil-total is applied here too (idempotent), so unrounded counts still bill correctly.
      return metric.rounding === 'ceil-total' ? int(ceil(hours)) : hours;
    }
    case 'fixed':
      return fromNumber(metric.value);
    case 'consumption': {
      const entered = ctx.consumption?.[metric.key];
      if (entered !== undefined) return consumptionFigure(entered, period, ctx);
      if (metric.estimate !== undefined) {
        ctx.notes.add(`No ${metric.unit} figure (${metric.key}) was entered; the plan's estimate was used.`);
        return consumptionFigure(metric.estimate, period, ctx);
      }
      ctx.notes.add(`No ${metric.unit} figure (${metric.key}) was entered; it was taken as 0.`);
      return ZERO;
    }
  }
}

type Counted = { value: Rational; text: string };

/** A metric's count after share and rounding, with the words that explain it. */
function count(metric: Metric, period: PricingPeriod, ctx: Context, noun: string): Counted {
  const raw = rawCount(metric, period, ctx);
  let value = raw;
  let text = `${formatQuantity(raw)} ${noun}`;
  if (metric.kind === 'loggedInHours' && metric.rounding === 'ceil-total') {
    const byRounding = period.loggedInHoursByRounding;
    const measured = metric.group ? null : (byRounding?.none ?? byRounding?.[metric.rounding] ?? period.loggedInHours);
    if (measured !== undefined && measured !== null && Number.isFinite(measured) && cmp(fromNumber(measured), raw) !== 0) {
      text = `${formatQuantity(fromNumber(measured))} h rounded up to ${formatQuantity(raw)} ${noun}`;
    }
  }
  if (metric.share !== undefined) {
    const share = dec(metric.share);
    value = mul(value, share);
    text = `${text} × ${formatQuantity(share, 6)} share = ${formatQuantity(value)}`;
  }
  if (metric.round && metric.round !== 'none') {
    const rounded = int(metric.round === 'up' ? ceil(value) : metric.round === 'down' ? floor(value) : roundHalfUp(value));
    if (cmp(rounded, value) !== 0) text = `${text}, rounded ${metric.round === 'nearest' ? 'to' : metric.round} ${formatQuantity(rounded)}`;
    value = rounded;
  }
  return { value, text };
}

// ------------------------------------------------------------------------------------------------
// Price structures
// ------------------------------------------------------------------------------------------------

type Draft = {
  kind: LineKind;
  chargeId: string | null;
  label: string;
  quantity: Rational;
  /** Per-unit price for the period, major units (already scaled). */
  unit: Rational;
  unitPrice: string | null;
  /** Exact amount, major units; rounded once when the line is finished. */
  amount: Rational;
  timing: 'advance' | 'arrears';
  /** Explanation up to " = "; the rounded amount is appended. */
  text: string;
};

type PriceContext = { label: string; chargeId: string; kind: LineKind; timing: 'advance' | 'arrears'; per: Per; length: PeriodLength };

function tierRange(from: Rational, upTo: number | null): string {
  const first = formatQuantity(add(from, ONE));
  return upTo === null ? `${first}+` : `${first}–${formatQuantity(fromNumber(upTo))}`;
}

/** Lines for `quantity` units (already explained by `qtyText`) under a price structure. */
function priceDrafts(price: Price, quantity: Rational, qtyText: string, pc: PriceContext, ctx: Context): Draft[] {
  const scale = scaleOf(pc.per, pc.length);
  const st = scaleText(pc.per, pc.length);
  const suffix = PER_SUFFIX[pc.per];
  const draft = (label: string, q: Rational, unitPrice: string | null, unit: Rational, amount: Rational, text: string): Draft => ({
    kind: pc.kind,
    chargeId: pc.chargeId,
    label,
    quantity: q,
    unit: mul(unit, scale),
    unitPrice,
    amount: mul(amount, scale),
    timing: pc.timing,
    text,
  });
  switch (price.model) {
    case 'per-unit': {
      const p = dec(price.unitPrice);
      return [draft(pc.label, quantity, price.unitPrice, p, mul(quantity, p), `${qtyText} × ${ctx.price(p)}${suffix}${st}`)];
    }
    case 'graduated':
    case 'volume': {
      let units = quantity;
      let unitsText = qtyText;
      if (price.blockSize !== undefined) {
        const size = fromNumber(price.blockSize);
        units = int(ceil(div(quantity, size)));
        unitsText = `${qtyText} = ${formatQuantity(units)} blocks of ${formatQuantity(size)}`;
      }
      if (price.model === 'volume') {
        const index = price.tiers.findIndex((t) => t.upTo === null || cmp(units, fromNumber(t.upTo)) <= 0);
        const tier = price.tiers[index]!;
        const from = index === 0 ? ZERO : fromNumber(price.tiers[index - 1]!.upTo!);
        const p = dec(tier.unitPrice);
        const flat = tier.flatFee && !isZero(units) ? dec(tier.flatFee) : ZERO;
        const flatText = isZero(flat) ? '' : ` + ${ctx.price(flat)} flat fee`;
        return [
          draft(
            `${pc.label} — tier ${index + 1} (${tierRange(from, tier.upTo)})`,
            units,
            tier.unitPrice,
            p,
            add(mul(units, p), flat),
            `${unitsText}, all in tier ${index + 1}: ${formatQuantity(units)} × ${ctx.price(p)}${flatText}${suffix}${st}`,
          ),
        ];
      }
      const drafts: Draft[] = [];
      let from = ZERO;
      price.tiers.forEach((tier, index) => {
        const top = tier.upTo === null ? null : fromNumber(tier.upTo);
        const inTier = positivePart(sub(top === null ? units : min(units, top), from));
        if (!isZero(inTier) || (index === 0 && isZero(units))) {
          const p = dec(tier.unitPrice);
          const flat = tier.flatFee && !isZero(inTier) ? dec(tier.flatFee) : ZERO;
          const flatText = isZero(flat) ? '' : ` + ${ctx.price(flat)} flat fee`;
          const lead = index === 0 ? `${unitsText}; ` : '';
          drafts.push(
            draft(
              `${pc.label} — tier ${index + 1} (${tierRange(from, tier.upTo)})`,
              inTier,
              tier.unitPrice,
              p,
              add(mul(inTier, p), flat),
              `${lead}tier ${index + 1}: ${formatQuantity(inTier)} × ${ctx.price(p)}${flatText}${suffix}${st}`,
            ),
          );
        }
        if (top !== null) from = top;
      });
      return drafts;
    }
    case 'package': {
      const free = fromNumber(price.freeUnits);
      const size = int(price.packageSize);
      const billable = positivePart(sub(quantity, free));
      const packs = int(ceil(div(billable, size)));
      const p = dec(price.packagePrice);
      const freeText = isZero(free) ? '' : ` − ${formatQuantity(free)} free = ${formatQuantity(billable)}`;
      return [
        draft(
          pc.label,
          packs,
          price.packagePrice,
          p,
          mul(packs, p),
          `${qtyText}${freeText} → ${formatQuantity(packs)} packages of ${formatQuantity(size)} × ${ctx.price(p)}${suffix}${st}`,
        ),
      ];
    }
    case 'stepped': {
      if (isZero(quantity)) return [draft(pc.label, ZERO, null, ZERO, ZERO, `${qtyText}: no step reached`)];
      const index = price.steps.findIndex((s) => s.upTo === null || cmp(quantity, fromNumber(s.upTo)) <= 0);
      const step = price.steps[index]!;
      const p = dec(step.price);
      const stepName = step.upTo === null ? `the top step (above ${formatQuantity(fromNumber(price.steps[index - 1]?.upTo ?? 0))})` : `the step up to ${formatQuantity(fromNumber(step.upTo))}`;
      return [draft(`${pc.label} — ${step.upTo === null ? 'top step' : `up to ${formatQuantity(fromNumber(step.upTo))}`}`, ONE, step.price, p, p, `${qtyText} → ${stepName}: ${ctx.price(p)}${suffix}${st}`)];
    }
    case 'flat': {
      const p = dec(price.amount);
      return [draft(pc.label, ONE, price.amount, p, p, `Fixed fee ${ctx.price(p)}${suffix}${st}`)];
    }
  }
}

function finish(d: Draft, ctx: Context): BillLine {
  const factor = int(pow10(ctx.exponent));
  const minor = roundHalfUp(mul(d.amount, factor));
  return {
    kind: d.kind,
    chargeId: d.chargeId,
    label: d.label,
    quantity: toNumber(d.quantity),
    unitCents: toNumber(mul(d.unit, factor)),
    unitPrice: d.unitPrice,
    amountCents: Number(minor),
    timing: d.timing,
    // "Fixed fee $499.00" needs no "= $499.00".
    explanation: d.text.endsWith(ctx.money(minor)) ? d.text : `${d.text} = ${ctx.money(minor)}`,
  };
}

function toMinor(amount: Rational, ctx: Context): bigint {
  return roundHalfUp(mul(amount, int(pow10(ctx.exponent))));
}

function plainLine(
  kind: LineKind,
  chargeId: string | null,
  label: string,
  quantity: Rational,
  amountMinor: bigint,
  timing: 'advance' | 'arrears',
  explanation: string,
): BillLine {
  return {
    kind,
    chargeId,
    label,
    quantity: toNumber(quantity),
    unitCents: isZero(quantity) ? 0 : toNumber(div(rat(amountMinor), quantity)),
    unitPrice: null,
    amountCents: Number(amountMinor),
    timing,
    explanation,
  };
}

// ------------------------------------------------------------------------------------------------
// The series
// ------------------------------------------------------------------------------------------------

type ChargeState = { committed: Rational; highWater: Rational; windowMax: Rational; term: number | null };

function defaultTiming(charge: Charge): 'advance' | 'arrears' {
  if (charge.timing) return charge.timing;
  if (charge.price.model === 'flat') return 'advance';
  return charge.quantity.kind === 'provisioned' || charge.quantity.kind === 'fixed' ? 'advance' : 'arrears';
}

function nounOf(charge: Charge): string {
  if (charge.unitName) return charge.unitName;
  if (charge.quantity.kind === 'consumption') return charge.quantity.unit;
  return NOUN[charge.quantity.kind];
}

function perUnitPrice(charge: Charge): string | null {
  return charge.commitment?.overageUnitPrice ?? (charge.price.model === 'per-unit' ? charge.price.unitPrice : null);
}

/** Where a period sits in the contract: months from the term start, its term, the next period. */
type Frame = {
  period: PricingPeriod;
  start: Civil;
  end: Civil;
  length: PeriodLength;
  monthIndex: number;
  term: number;
  monthInTerm: number;
  /** Month index of the next period in the series, or null for the last one. */
  nextMonthIndex: number | null;
  anchor: Civil | undefined;
  termMonths: number;
};

/** A charge's quantity for a period, after allowance, floor and cap, with the words that explain it. */
type Quantified = { value: Rational; beforeFloor: Rational; text: string; lines: BillLine[] };

type Pool = { value: Rational; text: string };

function quantify(charge: Charge, frame: Frame, pools: Map<string, Pool>, ctx: Context): Quantified {
  const { period, length } = frame;
  const noun = nounOf(charge);
  const counted = count(charge.quantity, period, ctx, noun);
  let q = counted.value;
  let text = counted.text;
  const lines: BillLine[] = [];
  if (charge.included) {
    const inc = charge.included;
    const perUnit = mul(fromNumber(inc.units), scaleOf(inc.per, length));
    let allowance = perUnit;
    let allowanceText = `${formatQuantity(allowance)} ${noun} included`;
    if (inc.perUnitOf) {
      const base: Pool = 'charge' in inc.perUnitOf ? (pools.get(inc.perUnitOf.charge) ?? { value: ZERO, text: '0' }) : count(inc.perUnitOf, period, ctx, NOUN[inc.perUnitOf.kind]);
      allowance = mul(perUnit, base.value);
      allowanceText = `${base.text} × ${formatQuantity(perUnit)} = ${formatQuantity(allowance)} ${noun} included`;
    }
    const used = min(q, allowance);
    lines.push(plainLine('allowance', charge.id, `${charge.label} — included allowance`, used, 0n, defaultTiming(charge), `${allowanceText}; ${formatQuantity(used)} used of ${formatQuantity(q)}`));
    const remaining = positivePart(sub(q, allowance));
    text = `${formatQuantity(q)} ${noun} − ${formatQuantity(allowance)} included = ${formatQuantity(remaining)}`;
    q = remaining;
  }
  const beforeFloor = q;
  if (charge.minimumQuantity !== undefined && cmp(q, fromNumber(charge.minimumQuantity)) < 0) {
    q = fromNumber(charge.minimumQuantity);
    text = `${text}, minimum ${formatQuantity(q)} → ${formatQuantity(q)}`;
  }
  if (charge.maximumQuantity !== undefined && cmp(q, fromNumber(charge.maximumQuantity)) > 0) {
    q = fromNumber(charge.maximumQuantity);
    text = `${text}, capped at ${formatQuantity(q)}`;
  }
  return { value: q, beforeFloor, text, lines };
}

/** Starts a new term: the commitment resets, or (ratchet) becomes the high-water mark. */
function enterTerm(charge: Charge, state: ChargeState, term: number): void {
  if (!charge.commitment || state.term === term) return;
  if (state.term !== null) state.committed = charge.commitment.ratchet ? max(state.committed, state.highWater) : fromNumber(charge.commitment.quantity);
  state.highWater = state.committed;
  state.windowMax = ZERO;
  state.term = term;
}

/** Committed units in advance, then overage in arrears (monthly) or a true-up at the end of a quarter or year. */
function commitmentLines(charge: Charge, q: Quantified, state: ChargeState, frame: Frame, pc: PriceContext, ctx: Context): BillLine[] {
  const commitment = charge.commitment!;
  const { length } = frame;
  const per = pc.per;
  const c = state.committed;
  const lines = priceDrafts(charge.price, c, `${formatQuantity(c)} committed`, { ...pc, kind: 'committed', timing: 'advance', label: `${charge.label} — committed` }, ctx).map((d) => finish(d, ctx));
  const unitText = perUnitPrice(charge)!;
  const overPrice = dec(unitText);
  const priceText = `${ctx.price(overPrice)}${PER_SUFFIX[per]}`;

  if (commitment.reconcile === 'monthly') {
    const over = positivePart(sub(q.value, c));
    const scale = scaleOf(per, length);
    const text =
      cmp(q.value, c) <= 0
        ? `${q.text} ≤ ${formatQuantity(c)} committed: no overage`
        : `${q.text} − ${formatQuantity(c)} committed = ${formatQuantity(over)} overage × ${priceText}${scaleText(per, length)}`;
    lines.push(
      finish({ kind: 'overage', chargeId: charge.id, label: `${charge.label} — overage`, quantity: over, unit: mul(overPrice, scale), unitPrice: unitText, amount: mul(mul(over, overPrice), scale), timing: 'arrears', text }, ctx),
    );
    if (commitment.ratchet) state.committed = max(state.committed, q.value);
    return lines;
  }

  // Quarterly or annual: track the window's maximum; reconcile in the window's last period.
  state.windowMax = max(state.windowMax, q.value);
  const quarterly = commitment.reconcile === 'quarterly';
  const windowOf = (m: number) => Math.floor(m / (quarterly ? 3 : frame.termMonths));
  if (frame.nextMonthIndex !== null && windowOf(frame.nextMonthIndex) === windowOf(frame.monthIndex)) return lines;

  const quarter = Math.floor(frame.monthInTerm / 3);
  const windowEnd = quarterly ? frame.term * frame.termMonths + (quarter + 1) * 3 : (frame.term + 1) * frame.termMonths;
  const complete = frame.anchor ? monthIndex(frame.anchor, frame.end) >= windowEnd : true;
  const mode = commitment.trueUpCharge ?? (quarterly ? 'remaining-term' : 'full-term');
  const reference = quarterly ? state.highWater : state.committed;
  const added = positivePart(sub(state.windowMax, reference));
  const months = mode === 'full-term' ? frame.termMonths : quarterly ? frame.termMonths - (quarter + 1) * 3 : 0;
  const termScale = per === 'year' ? rat(BigInt(months), 12n) : int(months);
  const what = quarterly ? `Q${quarter + 1} reconciliation` : 'Annual true-up';
  const incomplete = complete ? '' : ` (${quarterly ? 'quarter' : 'year'} not complete in the data)`;
  const monthsText = per === 'year' ? (cmp(termScale, ONE) === 0 ? '' : ` × ${fraction(termScale)} year`) : ` × ${months} months`;
  const remainingText = mode === 'remaining-term' ? ` (${months / 3} remaining quarter${months === 3 ? '' : 's'})` : '';
  lines.push(
    finish(
      {
        kind: 'true-up',
        chargeId: charge.id,
        label: `${charge.label} — ${what}`,
        quantity: added,
        unit: mul(overPrice, termScale),
        unitPrice: unitText,
        amount: mul(mul(added, overPrice), termScale),
        timing: 'arrears',
        text: `${what}${incomplete}: ${formatQuantity(state.windowMax)} max − ${formatQuantity(reference)} ${quarterly ? 'high-water' : 'committed'} = ${formatQuantity(added)} × ${priceText}${monthsText}${remainingText}`,
      },
      ctx,
    ),
  );
  state.highWater = max(state.highWater, state.windowMax);
  state.windowMax = ZERO;
  return lines;
}

/** The spend cap of a charge: the smaller of perUnit × count and total, against the charge's lines. */
function capLine(charge: Charge, lines: BillLine[], frame: Frame, ctx: Context): BillLine | null {
  const cap = charge.cap!;
  const { length, period } = frame;
  const scale = scaleOf(cap.per, length);
  const limits: Array<{ minor: bigint; text: string }> = [];
  if (cap.perUnit) {
    const of = count(cap.perUnit.of, period, ctx, NOUN[cap.perUnit.of.kind]);
    const amount = dec(cap.perUnit.amount);
    limits.push({ minor: toMinor(mul(mul(of.value, amount), scale), ctx), text: `${of.text} × ${ctx.price(amount)}${scaleText(cap.per, length)}` });
  }
  if (cap.total) limits.push({ minor: toMinor(mul(dec(cap.total), scale), ctx), text: `${ctx.price(dec(cap.total))}${scaleText(cap.per, length)}` });
  if (limits.length === 0) return null;
  const limit = limits.reduce((a, b) => (b.minor < a ? b.minor : a), limits[0]!.minor);
  const only = limits[0]!;
  const limitText =
    limits.length > 1 ? `min(${limits.map((l) => l.text).join(', ')}) = ${ctx.money(limit)}` : only.text === ctx.money(limit) ? only.text : `${only.text} = ${ctx.money(limit)}`;
  const subtotal = BigInt(lines.reduce((s, l) => s + l.amountCents, 0));
  if (subtotal <= limit) return plainLine('cap', charge.id, `${charge.label} — cap`, ONE, 0n, 'arrears', `Cap ${limitText}; charges ${ctx.money(subtotal)} are within it`);
  const cut = limit - subtotal;
  return plainLine('cap', charge.id, `${charge.label} — cap`, ONE, cut, 'arrears', `Cap ${limitText}; charges ${ctx.money(subtotal)} − ${ctx.money(limit)} = ${ctx.money(-cut)} not billed`);
}

/**
 * Credit ladders, each limited to what the charges it pays for still cost this period (two
 * credits never pay for the same amount); what is left of a credit expires.
 */
function creditLines(plan: Plan, byCharge: Map<string, BillLine[]>, frame: Frame, ctx: Context): BillLine[] {
  const unpaid = new Map<string, number>();
  for (const charge of plan.charges) unpaid.set(charge.id, Math.max(0, (byCharge.get(charge.id) ?? []).reduce((s, l) => s + l.amountCents, 0)));
  return plan.credits.map((credit) => {
    const counted = count(credit.quantity, frame.period, ctx, NOUN[credit.quantity.kind]);
    let ladder = ZERO;
    const parts: string[] = [];
    let from = ZERO;
    for (const tier of credit.ladder) {
      const top = tier.upTo === null ? null : fromNumber(tier.upTo);
      const inTier = positivePart(sub(top === null ? counted.value : min(counted.value, top), from));
      if (!isZero(inTier)) {
        const p = dec(tier.unitPrice);
        const flat = tier.flatFee ? dec(tier.flatFee) : ZERO;
        ladder = add(ladder, add(mul(inTier, p), flat));
        const above = isZero(p) && isZero(flat) ? ' (above the ladder)' : '';
        parts.push(`${formatQuantity(inTier)} × ${ctx.price(p)}${isZero(flat) ? '' : ` + ${ctx.price(flat)}`}${above}`);
      }
      if (top !== null) from = top;
    }
    const ladderMinor = toMinor(mul(ladder, scaleOf(credit.per, frame.length)), ctx);
    const targets = credit.appliesTo ?? plan.charges.map((c) => c.id);
    const eligible = targets.reduce((s, id) => s + (unpaid.get(id) ?? 0), 0);
    const used = Math.max(0, Math.min(Number(ladderMinor), eligible));
    let toAllocate = used;
    for (const id of targets) {
      const take = Math.min(toAllocate, unpaid.get(id) ?? 0);
      unpaid.set(id, (unpaid.get(id) ?? 0) - take);
      toAllocate -= take;
    }
    const ladderText = parts.length ? `${parts.join(' + ')} = ${ctx.money(ladderMinor)}` : ctx.money(0);
    const rest = ladderMinor - BigInt(used);
    const restText = rest > 0n ? `; ${ctx.money(used)} used, ${ctx.money(rest)} expires unused` : '';
    return plainLine('credit', credit.id, credit.label, counted.value, BigInt(-used), 'arrears', `${credit.label} for ${counted.text}: ${ladderText}${restText}`);
  });
}

function minimumSpendLine(plan: Plan, lines: BillLine[], frame: Frame, ctx: Context): BillLine {
  const minimum = toMinor(mul(dec(plan.minimumSpend!.amount), scaleOf(plan.minimumSpend!.per, frame.length)), ctx);
  const subtotal = BigInt(lines.reduce((s, l) => s + l.amountCents, 0));
  const topUp = subtotal < minimum ? minimum - subtotal : 0n;
  const text =
    topUp > 0n
      ? `Minimum spend ${ctx.money(minimum)} − charges ${ctx.money(subtotal)} = ${ctx.money(topUp)} true-up`
      : `Minimum spend ${ctx.money(minimum)} met by charges of ${ctx.money(subtotal)}`;
  return plainLine('minimum', null, 'Minimum spend true-up', ONE, topUp, 'arrears', text);
}

/** Ramp: the lines keep their arithmetic, but nothing is billed. */
function applyRamp(plan: Plan, lines: BillLine[], frame: Frame, ctx: Context): void {
  const wouldBe = lines.reduce((s, l) => s + l.amountCents, 0);
  for (const line of lines) {
    if (line.amountCents !== 0) line.explanation = `${line.explanation} — not billed (ramp)`;
    line.amountCents = 0;
  }
  lines.push(plainLine('ramp', null, 'Ramp period', ZERO, 0n, 'advance', `Ramp month ${frame.monthIndex + 1} of ${plan.ramp!.months}: no software fee (would have been ${ctx.money(wouldBe)})`));
}

/** Cash view for annual billing: a term's advance amounts are invoiced in its first period in the series. */
function invoiceAnnually(priced: PricedPeriod[], termOf: number[]): void {
  const advanceByTerm = new Map<number, number>();
  priced.forEach((p, i) => {
    const advance = p.lines.filter((l) => l.timing === 'advance').reduce((s, l) => s + l.amountCents, 0);
    advanceByTerm.set(termOf[i]!, (advanceByTerm.get(termOf[i]!) ?? 0) + advance);
  });
  const seen = new Set<number>();
  priced.forEach((p, i) => {
    const term = termOf[i]!;
    const arrears = p.lines.filter((l) => l.timing === 'arrears').reduce((s, l) => s + l.amountCents, 0);
    p.invoicedCents = arrears + (seen.has(term) ? 0 : advanceByTerm.get(term)!);
    seen.add(term);
  });
}

export const NO_ROSTER_NOTE =
  'No provisioned accounts in any period, so seats count as 0: import a roster of provisioned accounts (Imports → Roster, or `seatcast roster FILE`) to price seats.';

/**
 * Prices a plan over a series of periods. Pure and deterministic; the periods are priced in
 * order of their start day. Throws only on periods whose dates are not dates.
 */
export function priceSeries(plan: Plan, periods: ReadonlyArray<PricingPeriod>, consumption?: Consumption, options: PricingOptions = {}): PlanProjection {
  const formatMoney = options.formatMoney ?? defaultFormatMoney;
  const ctx: Context = {
    exponent: currencyExponent(plan.currency),
    money: (minor) => formatMoney(Number(minor), plan.currency),
    price: (r) => formatPrice(r, plan.currency),
    notes: new Set(),
    consumption,
  };
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const civils = sorted.map((p) => {
    const c = { start: civil(p.start, 'period start'), end: civil(p.end, 'period end') };
    if (c.end.day <= c.start.day) throw new RangeError(`period ${p.start} ends on or before it starts`);
    return c;
  });
  const anchor = plan.billing.termStart ? civil(plan.billing.termStart, 'term start') : civils[0]?.start;
  const termMonths = plan.billing.termMonths;
  const states = new Map<string, ChargeState>();
  for (const charge of plan.charges) {
    const committed = charge.commitment ? fromNumber(charge.commitment.quantity) : ZERO;
    states.set(charge.id, { committed, highWater: committed, windowMax: ZERO, term: null });
  }
  // Charges with an allowance go last: their pool may count another charge's units.
  const ordered = [...plan.charges.filter((c) => !c.included), ...plan.charges.filter((c) => c.included)];

  const priced: PricedPeriod[] = [];
  const termOf: number[] = [];
  sorted.forEach((period, index) => {
    const { start, end } = civils[index]!;
    const mIndex = anchor ? monthIndex(anchor, start) : 0;
    const term = Math.floor(mIndex / termMonths);
    const next = civils[index + 1];
    const frame: Frame = {
      period,
      start,
      end,
      length: periodLength(start, end),
      monthIndex: mIndex,
      term,
      monthInTerm: mIndex - term * termMonths,
      nextMonthIndex: next && anchor ? monthIndex(anchor, next.start) : null,
      anchor,
      termMonths,
    };
    termOf.push(term);
    const inRamp = plan.ramp !== undefined && mIndex >= 0 && mIndex < plan.ramp.months;

    const pools = new Map<string, Pool>();
    const byCharge = new Map<string, BillLine[]>();
    let headline = ZERO;
    for (const charge of ordered) {
      const state = states.get(charge.id)!;
      enterTerm(charge, state, term);
      const q = quantify(charge, frame, pools, ctx);
      if (charge === plan.charges[0]) headline = q.value;
      // A pool per seat counts the seats paid for: the commitment when usage is below it.
      const paidFor = charge.commitment ? max(q.value, state.committed) : q.value;
      pools.set(charge.id, { value: paidFor, text: `${formatQuantity(paidFor)} ${nounOf(charge)}` });

      const pc: PriceContext = { label: charge.label, chargeId: charge.id, kind: 'base', timing: defaultTiming(charge), per: pricePerOf(charge), length: frame.length };
      const lines = q.lines;
      if (charge.commitment) lines.push(...commitmentLines(charge, q, state, frame, pc, ctx));
      else if (charge.proration) lines.push(...prorate(charge, period, q.beforeFloor, q.value, q.text, pc, ctx));
      else lines.push(...priceDrafts(charge.price, q.value, q.text, pc, ctx).map((d) => finish(d, ctx)));
      if (charge.cap) {
        const cap = capLine(charge, lines, frame, ctx);
        if (cap) lines.push(cap);
      }
      byCharge.set(charge.id, lines);
    }

    const lines: BillLine[] = plan.charges.flatMap((charge) => byCharge.get(charge.id) ?? []);
    lines.push(...creditLines(plan, byCharge, frame, ctx));
    if (plan.minimumSpend && !inRamp) lines.push(minimumSpendLine(plan, lines, frame, ctx));
    if (inRamp) applyRamp(plan, lines, frame, ctx);

    const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
    priced.push({ start: period.start, end: period.end, quantity: toNumber(headline), totalCents, invoicedCents: totalCents, lines });
  });

  if (plan.billing.frequency === 'annual') invoiceAnnually(priced, termOf);
  // A seat plan over counts with no provisioned accounts at all bills nothing: most likely no
  // roster was imported. Say so rather than show a silent zero.
  const seatBases = metricRequirements(plan).provisionedAt;
  const noSeats = (p: PricingPeriod) => (p.provisioned ?? 0) === 0 && seatBases.every((b) => (p.provisionedByBasis?.[b] ?? 0) === 0);
  if (seatBases.length > 0 && sorted.length > 0 && sorted.every(noSeats)) ctx.notes.add(NO_ROSTER_NOTE);

  return {
    name: plan.name,
    currency: plan.currency,
    formatVersion: plan.formatVersion,
    periods: priced,
    totalCents: priced.reduce((s, p) => s + p.totalCents, 0),
    requirements: metricRequirements(plan),
    notes: [...ctx.notes],
  };
}

/**
 * Seats at period start plus dated additions and removals. With removals not credited a removed
 * seat stays paid until the period ends, so a later addition reuses it (GitHub AE: re-adding a
 * user costs nothing extra; Atlassian: the period's maximum is what is billed).
 */
function prorate(charge: Charge, period: PricingPeriod, startCount: Rational, billedStart: Rational, text: string, pc: PriceContext, ctx: Context): BillLine[] {
  const proration = charge.proration!;
  const price = charge.price as Extract<Price, { model: 'per-unit' }>;
  const p = dec(price.unitPrice);
  const perUnit = mul(p, scaleOf(pc.per, pc.length));
  const priceText = `${ctx.price(p)}${PER_SUFFIX[pc.per]}${scaleText(pc.per, pc.length)}`;
  const lines: BillLine[] = [finish(priceDrafts(price, billedStart, `${text} at period start`, pc, ctx)[0]!, ctx)];
  const changes = period.seatChanges;
  if (!changes || changes.length === 0) return lines;
  const startDay = parseDay(period.start)!;
  const endDay = parseDay(period.end)!;
  const denominator = proration.dayCount ?? endDay - startDay;
  const floorQty = charge.minimumQuantity !== undefined ? fromNumber(charge.minimumQuantity) : ZERO;
  // `current` is the real seat count; `paid` the seats paid for so far this period (never below
  // the floor). Without credits a removed seat stays paid, so a later addition reuses it.
  let current = startCount;
  let paid = billedStart;
  const ordered = [...changes].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const change of ordered) {
    const day = parseDay(change.day);
    if (day === null || day < startDay || day >= endDay) {
      ctx.notes.add(`A seat change on ${change.day} lies outside its period (${period.start} to ${period.end}) and was ignored.`);
      continue;
    }
    if (change.delta === 0) continue;
    const remaining = endDay - day;
    const days = rat(BigInt(remaining), BigInt(denominator));
    const delta = fromNumber(Math.abs(change.delta));
    const label = `${charge.label} — ${change.delta > 0 ? 'added' : 'removed'} ${change.day}`;
    if (change.delta > 0) {
      current = add(current, delta);
      const charged = positivePart(sub(current, paid));
      paid = max(paid, current);
      const reused = sub(delta, charged);
      const reuseText = isZero(reused) ? '' : ` (${formatQuantity(reused)} already paid this period)`;
      const daily = proration.additions === 'daily';
      const factor = daily ? days : ONE;
      lines.push(
        finish(
          {
            kind: 'proration',
            chargeId: charge.id,
            label,
            quantity: charged,
            unit: mul(perUnit, factor),
            unitPrice: price.unitPrice,
            amount: mul(mul(charged, perUnit), factor),
            timing: 'arrears',
            text: `${formatQuantity(delta)} added on ${change.day}${reuseText}: ${formatQuantity(charged)} × ${priceText}${daily ? ` × ${remaining}/${denominator} days` : ' (not prorated)'}`,
          },
          ctx,
        ),
      );
    } else {
      current = positivePart(sub(current, delta));
      if (proration.removals === 'credit-daily') {
        const stillPaid = max(current, floorQty);
        const credited = positivePart(sub(paid, stillPaid));
        paid = min(paid, stillPaid);
        const credit = mul(mul(credited, perUnit), days);
        const line = finish(
          {
            kind: 'credit',
            chargeId: charge.id,
            label,
            quantity: credited,
            unit: mul(perUnit, days),
            unitPrice: price.unitPrice,
            amount: rat(-credit.n, credit.d),
            timing: 'arrears',
            text: `${formatQuantity(delta)} removed on ${change.day}: credit ${formatQuantity(credited)} × ${priceText} × ${remaining}/${denominator} days`,
          },
          ctx,
        );
        line.unitCents = -line.unitCents;
        lines.push(line);
      } else {
        lines.push(
          plainLine('proration', charge.id, label, delta, 0n, 'arrears', `${formatQuantity(delta)} removed on ${change.day}: no credit; the seat${cmp(delta, ONE) === 0 ? '' : 's'} count until the period ends`),
        );
      }
    }
  }
  return lines;
}

// ------------------------------------------------------------------------------------------------
// Several plans at once (the CLI, the comparison view and `npm run bench`)
// ------------------------------------------------------------------------------------------------

export type ProjectionReport = {
  plans: Array<{
    name: string;
    currency: string;
    totalCents: number;
    notes: string[];
    periods: Array<{
      start: string;
      end: string;
      quantity: number;
      totalCents: number;
      invoicedCents: number;
      lines: Array<{ kind: LineKind; label: string; quantity: number; unitCents: number; amountCents: number; explanation: string }>;
    }>;
  }>;
};

/** Prices every plan over the same periods (6 plans × 36 periods is the benchmark case). */
export function priceAll(plans: ReadonlyArray<Plan>, periods: ReadonlyArray<PricingPeriod>, consumption?: Consumption, options?: PricingOptions): PlanProjection[] {
  return plans.map((plan) => priceSeries(plan, periods, consumption, options));
}

/** The `seatcast project --json` shape: `{ plans: [{ name, periods: [{ start, quantity, totalCents, lines }], totalCents }] }`. */
export function projectionReport(projections: ReadonlyArray<PlanProjection>): ProjectionReport {
  return {
    plans: projections.map((p) => ({
      name: p.name,
      currency: p.currency,
      totalCents: p.totalCents,
      notes: p.notes,
      periods: p.periods.map((period) => ({
        start: period.start,
        end: period.end,
        quantity: period.quantity,
        totalCents: period.totalCents,
        invoicedCents: period.invoicedCents,
        lines: period.lines.map((l) => ({
          kind: l.kind,
          label: l.label,
          quantity: l.quantity,
          unitCents: l.unitCents,
          amountCents: l.amountCents,
          explanation: l.explanation,
        })),
      })),
    })),
  };
}

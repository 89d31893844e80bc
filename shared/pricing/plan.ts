/**
 * The plan format: how a licensing model is written down so that it can be stored, shared as a
 * JSON file and priced (docs/plan-format.md explains every field in a manager's words).
 *
 * A plan is a list of charges. Each charge says WHICH count it bills (the quantity primitive),
 * HOW that count becomes money (the price structure) and what bends it (floors, caps,
 * commitments with overage and true-ups, included allowances, proration). Plan-wide modifiers
 * (credit ladders, minimum spend, ramp months, annual billing) act on the period as a whole.
 *
 * Money is never a JSON number: prices are decimal strings in the currency's major unit
 * ("75.00", "0.0175"), read exactly (see money.ts). Versioned by `formatVersion`.
 */
import { z } from 'zod';
import { parseDay } from '../calendar';

export const PLAN_FORMAT_VERSION = 1;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((text) => parseDay(text) !== null, 'not a real calendar date');

export const Decimal = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'expected a non-negative amount written as a string of digits, e.g. "75.00" or "0.0175"')
  .meta({
    id: 'Decimal',
    description:
      'A non-negative amount in the major unit of the plan currency, written as a string so that it stays exact (e.g. "75.00", "0.0175").',
  });

const Quantity = z.number().nonnegative('expected a number ≥ 0').finite();
const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a short id of lowercase letters, digits and dashes, e.g. "seats"');

/** How a cost or allowance scales with the length of a billing period. */
export const Cadence = z
  .enum(['month', 'year', 'day', 'period'])
  .meta({
    id: 'Cadence',
    description:
      'month: per month (a quarter counts 3); year: per year (a month counts 1/12); day: per day of the period; period: once per billing period whatever its length.',
  });
export type Cadence = z.infer<typeof Cadence>;

// ------------------------------------------------------------------------------------------------
// Quantity primitives
// ------------------------------------------------------------------------------------------------

export const ProvisionedBasis = z.enum(['start', 'end', 'max', 'daily-average']);
export type ProvisionedBasis = z.infer<typeof ProvisionedBasis>;

export const CONCURRENCY_RULE = /^(raw|p95|(cumulative|sustained):[1-9]\d{0,4})$/;
export const HOURS_ROUNDING = /^(none|ceil-total|increment:[1-9]\d{0,3})$/;

export const AgentCount = z.enum(['activeAgents', 'peakConcurrent', 'provisioned', 'agentDays', 'loggedInHours', 'dailyActiveAvg']);

export const ConsumptionEntry = z
  .union([
    Quantity.describe('The same figure in every period.'),
    z
      .object({
        perAgent: Quantity.describe('Units per agent (or per agent-day or hour) and period, e.g. 1100 minutes per active agent.'),
        agents: AgentCount.default('activeAgents').describe('Which count the rate is multiplied by.'),
      })
      .strict(),
    z
      .object({
        byPeriod: z.record(isoDay, Quantity).describe('Figures keyed by the first day of the period (YYYY-MM-DD).'),
        otherwise: Quantity.optional().describe('Figure for periods not listed (default 0).'),
      })
      .strict(),
  ])
  .meta({
    id: 'ConsumptionEntry',
    description: 'A consumption figure (minutes, interactions, messages…): one number, a rate per agent, or one figure per period.',
  });
export type ConsumptionEntry = z.output<typeof ConsumptionEntry>;
export type ConsumptionEntryInput = z.input<typeof ConsumptionEntry>;

/** A consumption file or request body: `{ "voiceMinutes": 250000, "chats": { "perAgent": 40 } }`. */
export const ConsumptionInput = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'expected a short name such as voiceMinutes'), ConsumptionEntry);

const quantityAdjustments = {
  share: Decimal.optional().describe(
    'Bill only this fraction of the count, e.g. "0.25" when a quarter of the agents hold this licence tier.',
  ),
  round: z
    .enum(['none', 'up', 'down', 'nearest'])
    .optional()
    .describe('Round the quantity to a whole unit before pricing (default none).'),
};
const activity = z.string().min(1).optional().describe('Name of the saved activity definition the counts must use (default: the built-in one).');
const groupField = z.string().min(1).optional().describe('Use the count of one team, site or program (from a grouped metrics run) instead of the whole center.');

export const Metric = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('provisioned'),
        basis: ProvisionedBasis.describe('Roster count at period start, at its end, the most on any day, or the daily average (daily proration).'),
        ...quantityAdjustments,
      })
      .strict(),
    z.object({ kind: z.literal('activeAgents'), activity, group: groupField, ...quantityAdjustments }).strict(),
    z.object({ kind: z.literal('agentDays'), activity, group: groupField, ...quantityAdjustments }).strict(),
    z.object({ kind: z.literal('dailyActiveMax'), activity, group: groupField, ...quantityAdjustments }).strict(),
    z.object({ kind: z.literal('dailyActiveAvg'), activity, ...quantityAdjustments }).strict(),
    z
      .object({
        kind: z.literal('peakConcurrent'),
        rule: z
          .string()
          .regex(CONCURRENCY_RULE, 'expected raw, cumulative:N, sustained:N or p95')
          .describe('Concurrency rule: raw, cumulative:N (Genesys: cumulative:30), sustained:N (Cisco: sustained:15) or p95.'),
        ...quantityAdjustments,
      })
      .strict(),
    z
      .object({
        kind: z.literal('loggedInHours'),
        rounding: z
          .string()
          .regex(HOURS_ROUNDING, 'expected none, ceil-total or increment:N')
          .describe('none, ceil-total (period total rounded up to a whole hour) or increment:N (each session rounded up to N minutes).'),
        group: groupField,
        ...quantityAdjustments,
      })
      .strict(),
    z
      .object({
        kind: z.literal('fixed'),
        value: Quantity.describe('The contracted quantity, billed whatever the usage.'),
        ...quantityAdjustments,
      })
      .strict(),
    z
      .object({
        kind: z.literal('consumption'),
        key: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'expected a short name such as voiceMinutes')
          .describe('Name under which the figure is entered, e.g. voiceMinutes.'),
        unit: z.string().min(1).describe('What is counted, e.g. minutes, interactions, messages.'),
        estimate: ConsumptionEntry.optional().describe('Figure used when none is entered.'),
        ...quantityAdjustments,
      })
      .strict(),
  ])
  .meta({ id: 'Metric', description: 'Which count a charge bills.' });
export type Metric = z.output<typeof Metric>;

// ------------------------------------------------------------------------------------------------
// Price structures
// ------------------------------------------------------------------------------------------------

const Tier = z
  .object({
    upTo: Quantity.nullable().describe('Last unit of the tier (inclusive); null for "and above" (the last tier).'),
    unitPrice: Decimal,
    flatFee: Decimal.optional().describe('Charged once when at least one unit falls in (graduated) or reaches (volume) this tier.'),
  })
  .strict()
  .meta({ id: 'Tier' });

const blockSize = z
  .number()
  .positive()
  .finite()
  .optional()
  .describe('Price blocks of this many units instead of single units; a started block counts whole (Kill Bill ALL_TIERS).');

export const Price = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('per-unit'), unitPrice: Decimal }).strict(),
    z
      .object({
        model: z.literal('graduated'),
        tiers: z.array(Tier).min(1),
        blockSize,
      })
      .strict()
      .describe('Each unit at the price of the tier it falls in ($1 for the first 100, $0.50 for the next 100, …).'),
    z
      .object({
        model: z.literal('volume'),
        tiers: z.array(Tier).min(1),
        blockSize,
      })
      .strict()
      .describe('Every unit at the price of the tier the total reaches.'),
    z
      .object({
        model: z.literal('package'),
        packageSize: z.number().int().positive(),
        packagePrice: Decimal,
        freeUnits: Quantity.default(0),
      })
      .strict()
      .describe('Blocks of packageSize units, a started block billed whole, after freeUnits free units.'),
    z
      .object({
        model: z.literal('stepped'),
        steps: z
          .array(z.object({ upTo: Quantity.nullable(), price: Decimal }).strict())
          .min(1),
      })
      .strict()
      .describe('One price for the smallest step that covers the quantity (9 users billed at the 10-user step).'),
    z.object({ model: z.literal('flat'), amount: Decimal }).strict().describe('A fixed fee whatever the quantity (platform fee).'),
  ])
  .meta({ id: 'Price', description: 'How a quantity becomes money.' });
export type Price = z.output<typeof Price>;

// ------------------------------------------------------------------------------------------------
// Charges and modifiers
// ------------------------------------------------------------------------------------------------

const Commitment = z
  .object({
    quantity: Quantity.describe('Committed (prepaid) units, billed in advance whatever the usage.'),
    overageUnitPrice: Decimal.optional().describe('Price per unit above the commitment (default: the per-unit price).'),
    reconcile: z
      .enum(['monthly', 'quarterly', 'annual'])
      .default('monthly')
      .describe('monthly: overage billed each period in arrears; quarterly: the quarter’s maximum above the high-water mark is billed for the remaining quarters; annual: the year’s maximum above the commitment is billed at the full annual fee.'),
    trueUpCharge: z
      .enum(['remaining-term', 'full-term'])
      .optional()
      .describe('What a quarterly or annual true-up charges per added unit (default: remaining-term for quarterly, full-term for annual).'),
    ratchet: z
      .boolean()
      .default(false)
      .describe('High-water ratchet: the highest quantity billed becomes the new commitment for later periods (monthly) or the next term.'),
  })
  .strict();

const Included = z
  .object({
    units: Quantity.describe('Units included: in total, or per unit of perUnitOf.'),
    perUnitOf: z
      .union([z.object({ charge: Id }).strict(), Metric])
      .optional()
      .describe('Pool the allowance per unit of another charge (e.g. 4,000 minutes per concurrent seat) or of a count.'),
    per: Cadence.default('month').describe('How the allowance grows with the period: month (per seat per month) or period (per unit of usage, e.g. per billable hour).'),
  })
  .strict();

const Proration = z
  .object({
    additions: z
      .enum(['daily', 'none'])
      .default('daily')
      .describe('daily: seats added mid-period cost the remaining days; none: they cost the whole period.'),
    removals: z
      .enum(['credit-daily', 'none'])
      .default('none')
      .describe('credit-daily: removed seats are credited for the remaining days; none: they count until the period ends.'),
    dayCount: z
      .number()
      .int()
      .min(1)
      .max(366)
      .optional()
      .describe('Days a period counts for proration (Slack uses 30); default the actual days of the period.'),
  })
  .strict();

const Cap = z
  .object({
    perUnit: z
      .object({ amount: Decimal, of: Metric })
      .strict()
      .optional()
      .describe('At most this amount per unit of a count (Dust: $50 per active user).'),
    total: Decimal.optional().describe('At most this amount in all (Dust: $1,000 per cycle).'),
    per: Cadence.default('month'),
  })
  .strict();

export const Charge = z
  .object({
    id: Id,
    label: z.string().min(1),
    unitName: z.string().min(1).optional().describe('Word used for the units in explanations, e.g. "seats", "peak", "hours".'),
    quantity: Metric,
    price: Price,
    pricePer: z
      .enum(['month', 'year', 'day', 'period', 'unit'])
      .optional()
      .describe('Prices are per unit per month (default for seats and agent counts), per year, per day, per billing period, or per unit once (default for hours, agent-days and consumption).'),
    timing: z
      .enum(['advance', 'arrears'])
      .optional()
      .describe('When the base charge is invoiced (default: advance for seats and fixed quantities, arrears for measured usage).'),
    minimumQuantity: Quantity.optional().describe('Bill at least this many units (a floor, e.g. 100 seats).'),
    maximumQuantity: Quantity.optional().describe('Bill at most this many units (a licence cap).'),
    commitment: Commitment.optional(),
    included: Included.optional().describe('Allowance subtracted from the quantity before pricing (fair use, pooled minutes).'),
    proration: Proration.optional().describe('Daily proration of seats added or removed mid-period (needs dated seat changes).'),
    cap: Cap.optional().describe('Spend cap on this charge: the smaller of perUnit × count and total.'),
  })
  .strict()
  .meta({ id: 'Charge' });
export type Charge = z.output<typeof Charge>;

export const Credit = z
  .object({
    id: Id,
    label: z.string().min(1),
    quantity: Metric.describe('Count the credit is computed on, e.g. active agents.'),
    ladder: z
      .array(Tier)
      .min(1)
      .describe('Credit per unit by tier, e.g. $5 for the first 10 users, $2 for the next 40, $1 for the next 50, then $0.'),
    appliesTo: z.array(Id).optional().describe('Charges the credit can pay for (default all); unused credit expires at period end.'),
    per: Cadence.default('month'),
  })
  .strict()
  .meta({ id: 'Credit' });
export type Credit = z.output<typeof Credit>;

const PlanObject = z
  .object({
    $schema: z.string().optional().describe('Optional link to docs/plan.schema.json, for editors.'),
    formatVersion: z.literal(PLAN_FORMAT_VERSION).describe('Version of this format; Seatcast refuses versions it does not know.'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/).optional(),
    name: z.string().min(1),
    description: z.string().default(''),
    source: z
      .object({
        citation: z.string().min(1).describe('Where the rule and prices come from (vendor page, contract, licensing reference section).'),
        urls: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    illustrative: z.boolean().describe('True when the prices are examples to edit, not a quote.'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 code such as USD'),
    billing: z
      .object({
        frequency: z
          .enum(['monthly', 'annual'])
          .default('monthly')
          .describe('annual: amounts billed in advance are invoiced for the whole term in its first period; arrears (overage, usage) stay monthly.'),
        termMonths: z.number().int().min(1).max(120).default(12),
        termStart: isoDay.optional().describe('First day of the contract term (default: the first period priced).'),
      })
      .strict()
      .default({ frequency: 'monthly', termMonths: 12 }),
    charges: z.array(Charge).min(1),
    credits: z.array(Credit).default([]),
    minimumSpend: z
      .object({ amount: Decimal, per: Cadence.default('month') })
      .strict()
      .optional()
      .describe('If the period’s charges come to less, a true-up line makes up the difference.'),
    ramp: z
      .object({ months: z.number().int().min(1).max(60) })
      .strict()
      .optional()
      .describe('The first months of the term carry no fee (Genesys ramp period).'),
    notes: z.string().optional(),
  })
  .strict();

function tierOrderIssues(tiers: ReadonlyArray<{ upTo: number | null }>, path: (string | number)[], ctx: z.RefinementCtx) {
  let previous = 0;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upTo === null && !last) {
      ctx.addIssue({ code: 'custom', path: [...path, index, 'upTo'], message: 'only the last tier may be open-ended (upTo: null)' });
    } else if (tier.upTo !== null && last) {
      ctx.addIssue({ code: 'custom', path: [...path, index, 'upTo'], message: 'the last tier must be open-ended (upTo: null); give it a price of "0" to stop charging' });
    } else if (tier.upTo !== null) {
      if (tier.upTo <= previous) {
        ctx.addIssue({ code: 'custom', path: [...path, index, 'upTo'], message: `tiers must rise: ${tier.upTo} is not above ${previous}` });
      }
      previous = tier.upTo;
    }
  });
}

function isStockMetric(metric: Metric): boolean {
  return !['agentDays', 'loggedInHours', 'consumption'].includes(metric.kind);
}

/** The unit a price applies to: per unit per month for stock counts, per unit for usage. */
export function pricePerOf(charge: Charge): NonNullable<Charge['pricePer']> {
  return charge.pricePer ?? (isStockMetric(charge.quantity) ? 'month' : 'unit');
}

export const Plan = PlanObject.superRefine((plan, ctx) => {
  const ids = new Set<string>();
  plan.charges.forEach((charge, i) => {
    const at = ['charges', i];
    if (ids.has(charge.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `charge id "${charge.id}" is used twice` });
    ids.add(charge.id);
    if (charge.price.model === 'graduated' || charge.price.model === 'volume') tierOrderIssues(charge.price.tiers, [...at, 'price', 'tiers'], ctx);
    if (charge.price.model === 'stepped') tierOrderIssues(charge.price.steps, [...at, 'price', 'steps'], ctx);
    if (charge.minimumQuantity !== undefined && charge.maximumQuantity !== undefined && charge.minimumQuantity > charge.maximumQuantity) {
      ctx.addIssue({ code: 'custom', path: [...at, 'maximumQuantity'], message: 'maximumQuantity is below minimumQuantity' });
    }
    const per = pricePerOf(charge);
    if (charge.commitment) {
      if (charge.commitment.overageUnitPrice === undefined && charge.price.model !== 'per-unit') {
        ctx.addIssue({ code: 'custom', path: [...at, 'commitment', 'overageUnitPrice'], message: 'give an overage price per unit when the price is not per-unit' });
      }
      if (charge.commitment.reconcile !== 'monthly') {
        if (per !== 'month' && per !== 'year') {
          ctx.addIssue({ code: 'custom', path: [...at, 'pricePer'], message: 'quarterly and annual true-ups need a price per month or per year' });
        }
        if (charge.commitment.reconcile === 'quarterly' && plan.billing.termMonths % 3 !== 0) {
          ctx.addIssue({ code: 'custom', path: ['billing', 'termMonths'], message: 'quarterly reconciliation needs a term of whole quarters' });
        }
      }
    }
    if (charge.proration) {
      if (charge.price.model !== 'per-unit') ctx.addIssue({ code: 'custom', path: [...at, 'proration'], message: 'proration needs a per-unit price' });
      if (charge.quantity.kind !== 'provisioned' || charge.quantity.basis !== 'start') {
        ctx.addIssue({ code: 'custom', path: [...at, 'quantity'], message: 'proration bills the seats at period start plus dated changes: use provisioned with basis "start"' });
      }
      if (charge.commitment) ctx.addIssue({ code: 'custom', path: [...at, 'proration'], message: 'a charge cannot have both a commitment and proration' });
      if (per === 'unit') ctx.addIssue({ code: 'custom', path: [...at, 'pricePer'], message: 'proration needs a price per month, year, day or period' });
    }
  });
  plan.charges.forEach((charge, i) => {
    const ref = charge.included?.perUnitOf;
    if (ref && 'charge' in ref) {
      const target = plan.charges.find((c) => c.id === ref.charge);
      const path = ['charges', i, 'included', 'perUnitOf', 'charge'];
      if (!target) ctx.addIssue({ code: 'custom', path, message: `no charge with id "${ref.charge}"` });
      else if (target.included) ctx.addIssue({ code: 'custom', path, message: `charge "${ref.charge}" has an allowance of its own; pool per a charge without one` });
    }
  });
  plan.credits.forEach((credit, i) => {
    if (ids.has(credit.id)) ctx.addIssue({ code: 'custom', path: ['credits', i, 'id'], message: `id "${credit.id}" is already used` });
    ids.add(credit.id);
    tierOrderIssues(credit.ladder, ['credits', i, 'ladder'], ctx);
    credit.appliesTo?.forEach((target, j) => {
      if (!plan.charges.some((c) => c.id === target)) {
        ctx.addIssue({ code: 'custom', path: ['credits', i, 'appliesTo', j], message: `no charge with id "${target}"` });
      }
    });
  });
}).meta({
  title: 'Seatcast licensing plan',
  description: 'A licensing model Seatcast can price against agent-login counts (docs/plan-format.md).',
});
export type Plan = z.output<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;

// ------------------------------------------------------------------------------------------------
// Reading plan files
// ------------------------------------------------------------------------------------------------

export type PlanIssue = { path: string; message: string };
export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[]; message: string };

/** `['charges', 0, 'price']` → `$.charges[0].price` */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}

function refused(issues: PlanIssue[]): PlanParseResult {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return { ok: false, issues, message: `Invalid plan: ${shown.join('; ')}${more}` };
}

/** Validates an already-decoded JSON value. Never throws. */
export function parsePlan(value: unknown): PlanParseResult {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const version = (value as Record<string, unknown>).formatVersion;
    if (typeof version === 'number' && Number.isInteger(version) && version > PLAN_FORMAT_VERSION) {
      return refused([
        { path: '$.formatVersion', message: `this plan uses format version ${version}; this Seatcast reads version ${PLAN_FORMAT_VERSION}. Update Seatcast to open it.` },
      ]);
    }
  }
  const result = Plan.safeParse(value);
  if (result.success) return { ok: true, plan: result.data };
  return refused(result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })));
}

/** Validates the text of a plan file. Never throws. */
export function parsePlanText(text: string): PlanParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refused([{ path: '$', message: `not valid JSON (${(error as Error).message})` }]);
  }
  return parsePlan(value);
}

/** The text of a plan file: two-space JSON with a trailing newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

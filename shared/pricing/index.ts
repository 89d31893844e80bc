/**
 * Seatcast pricing: the plan format (plan.ts), exact money (money.ts) and the engine (engine.ts).
 *
 *   const read = parsePlanText(fileText);            // refuse with `$.path: reason` when invalid
 *   if (!read.ok) return fail('plan-invalid', read.message);
 *   const options = metricsRequestFor(read.plan);    // which concurrency/hours/roster rule to count with
 *   const projection = priceSeries(read.plan, metrics.periods, consumption);
 *   print(projectionReport([projection]));           // the `seatcast project --json` shape
 */
export {
  PLAN_FORMAT_VERSION,
  Plan,
  Charge,
  Credit,
  Metric,
  Price,
  Decimal,
  Cadence,
  ConsumptionEntry,
  ConsumptionInput,
  ProvisionedBasis,
  CONCURRENCY_RULE,
  HOURS_ROUNDING,
  parsePlan,
  parsePlanText,
  serializePlan,
  jsonPath,
  pricePerOf,
} from './plan';
export type { PlanInput, PlanIssue, PlanParseResult, ConsumptionEntryInput } from './plan';
export {
  priceSeries,
  priceAll,
  projectionReport,
  metricRequirements,
  metricsRequestFor,
  NO_ROSTER_NOTE,
} from './engine';
export type {
  PricingPeriod,
  SeatChange,
  Consumption,
  BillLine,
  LineKind,
  PricedPeriod,
  PlanProjection,
  PricingOptions,
  MetricRequirements,
  ProjectionReport,
} from './engine';
export { currencyExponent, formatMinor, formatMoney, formatPrice, formatQuantity, fromDecimal } from './money';
export type { MoneyFormatter, Rational } from './money';
export { planJsonSchema, planJsonSchemaText, PLAN_SCHEMA_ID } from './schema';
export { syntheticDemoPeriods } from './synthetic';

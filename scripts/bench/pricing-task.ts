/**
 * The bench's pricing step (issue #5's goal: re-pricing 6 plans × 36 periods in ≤ 16 ms). Counts
 * come from the benchmark's Seatcast database exactly as the Plans screen fetches them
 * (pricingPeriods: every rule, rounding and basis the plans name, once); then shared/pricing's
 * priceAll + projectionReport — the work repeated on every keystroke in the plan editor — is
 * timed in-process, many times, and the median reported. Bundled by scripts/bench/run.mjs into
 * dist/bench/pricing-task.cjs; prints one JSON object.
 *
 *   node dist/bench/pricing-task.cjs DB ZONE RESOURCES_DIR [RUNS]
 */
import { openDatabase } from '../../electron/engine/db/connection';
import { planTemplates, pricingPeriods } from '../../electron/engine/pricing';
import { defaultActivityDefinition } from '../../shared/metrics/activity';
import { parsePlan, priceAll, projectionReport, type Plan } from '../../shared/pricing';

/** Six templates covering the quantity kinds: named seats, concurrency, hours, active users. */
const TEMPLATES = [
  'generic-named-seat.json',
  'generic-concurrent-seat.json',
  'genesys-cloud-cx1-concurrent.json',
  'genesys-cloud-hourly.json',
  'twilio-flex-active-user-hours.json',
  'dust-style-monthly-active.json',
];

const [dbPath, timeZone, resourcesDir, runsText] = process.argv.slice(2);
if (!dbPath || !timeZone || !resourcesDir) throw new Error('usage: pricing-task DB ZONE RESOURCES_DIR [RUNS]');
const runs = Number(runsText ?? 300);

const templates = new Map(planTemplates(resourcesDir).map((t) => [t.file, t.plan]));
const plans: Plan[] = TEMPLATES.map((file) => {
  const read = parsePlan(templates.get(file));
  if (!read.ok) throw new Error(`${file}: ${read.message}`);
  return read.plan;
});

const db = openDatabase(dbPath);
const fetchStarted = performance.now();
const periods = pricingPeriods(db, plans, {
  timeZone,
  activityNamed: (name) => {
    if (name === defaultActivityDefinition.name) return { ...defaultActivityDefinition, version: 0 };
    throw new Error(`the bench's plans name no saved activity definition, not "${name}"`);
  },
});
const fetchMs = performance.now() - fetchStarted;
db.close();

// Warm up (the first runs compile), then time each run separately.
let report = projectionReport(priceAll(plans, periods));
for (let k = 0; k < 30; k += 1) report = projectionReport(priceAll(plans, periods));
const times: number[] = [];
for (let k = 0; k < runs; k += 1) {
  const started = performance.now();
  report = projectionReport(priceAll(plans, periods));
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
process.stdout.write(
  `${JSON.stringify({
    plans: plans.length,
    periods: periods.length,
    runs,
    medianMs: quantile(0.5),
    p95Ms: quantile(0.95),
    minMs: times[0],
    fetchCountsMs: fetchMs,
    totals: Object.fromEntries(report.plans.map((p) => [p.name, p.totalCents])),
  })}\n`,
);

/**
 * A deterministic series of monthly counts shaped like the bundled demo center (active agents
 * 271–469, peak 214–359, roster ~340–480, 38k–65k logged-in hours), for template checks, the
 * planner's empty state and `npm run bench` (6 plans × 36 periods through `priceAll`).
 */
import { daysInMonth } from '../calendar';
import type { PricingPeriod } from './engine';

/** Active agents and raw peak per month of the demo dataset, 2024-01 … 2025-12 (resources/demo/README.md). */
const DEMO_MONTHS: ReadonlyArray<readonly [active: number, peak: number]> = [
  [469, 332], [438, 359], [428, 354], [420, 346], [327, 249], [291, 233],
  [285, 237], [282, 242], [345, 261], [353, 267], [405, 331], [394, 318],
  [462, 315], [432, 356], [420, 348], [415, 344], [320, 245], [289, 228],
  [280, 232], [271, 214], [348, 260], [356, 258], [399, 322], [391, 309],
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `months` calendar months of counts starting at `firstYear`-`firstMonth` (default 2024-01). */
export function syntheticDemoPeriods(months = 24, firstYear = 2024, firstMonth = 1): PricingPeriod[] {
  const periods: PricingPeriod[] = [];
  for (let i = 0; i < months; i += 1) {
    const index = firstYear * 12 + (firstMonth - 1) + i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const nextYear = month === 12 ? year + 1 : year;
    const nextMonth = month === 12 ? 1 : month + 1;
    const [active, peak] = DEMO_MONTHS[i % DEMO_MONTHS.length]!;
    const days = daysInMonth(year, month);
    const provisioned = Math.round(active * 0.75 + 130);
    const hours = Math.round(active * 138.37 * 100) / 100;
    const agentDays = Math.round(active * 15.4);
    const start = `${pad(year, 4)}-${pad(month)}-01`;
    periods.push({
      start,
      end: `${pad(nextYear, 4)}-${pad(nextMonth)}-01`,
      activeAgents: active,
      dailyActiveAvg: Math.round((agentDays / days) * 100) / 100,
      dailyActiveMax: Math.round(peak * 1.08),
      agentDays,
      peakConcurrent: peak,
      loggedInHours: hours,
      provisioned,
      rules: { concurrency: 'raw', hoursRounding: 'none', provisionedAt: 'end' },
      peakConcurrentByRule: { raw: peak, 'cumulative:30': peak - 3, 'sustained:15': peak - 6, p95: Math.round(peak * 0.8) },
      loggedInHoursByRounding: { none: hours, 'ceil-total': Math.ceil(hours) },
      provisionedByBasis: { start: provisioned - 5, end: provisioned, max: provisioned + 4, 'daily-average': provisioned - 1.5 },
      seatChanges: [
        { day: `${start.slice(0, 8)}10`, delta: 9 },
        { day: `${start.slice(0, 8)}20`, delta: -4 },
      ],
    });
  }
  return periods;
}

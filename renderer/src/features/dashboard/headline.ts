/**
 * The headline numbers above the charts, derived from the monthly periods the engine returned.
 * A month counts as "full" when the imported history reaches its last local day; a month the
 * data stops part-way through is still charted, but not used as the headline's latest month.
 */
import type { MonthlyPeriod } from '../../../../shared/contract';
import { calendarDate } from '../../lib/format';

export type Headline = {
  latestFull: MonthlyPeriod | null;
  beforeLatestFull: MonthlyPeriod | null;
  latest: MonthlyPeriod | null;
  beforeLatest: MonthlyPeriod | null;
  latestIsPartial: boolean;
  averageActive: number | null;
  averageMonths: MonthlyPeriod[];
  provisionedShare: number | null;
};

/** Last local day of a period (its exclusive end minus one day), as `YYYY-MM-DD`. */
export function lastDayOf(period: MonthlyPeriod): string {
  const end = calendarDate(period.end);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * @param periods months in the selected range, oldest first
 * @param dataEndDay last local day with data (`YYYY-MM-DD`), or null when unknown
 */
export function computeHeadline(periods: readonly MonthlyPeriod[], dataEndDay: string | null): Headline {
  const isFull = (period: MonthlyPeriod) => dataEndDay === null || lastDayOf(period) <= dataEndDay;
  const latest = periods.at(-1) ?? null;
  const latestIndex = periods.length - 1;
  let fullIndex = -1;
  for (let i = periods.length - 1; i >= 0; i -= 1) {
    if (isFull(periods[i]!)) {
      fullIndex = i;
      break;
    }
  }
  // With no complete month at all (a few days of data), the latest month is the best we have.
  if (fullIndex === -1) fullIndex = latestIndex;
  const latestFull = fullIndex >= 0 ? periods[fullIndex]! : null;
  const averageMonths = fullIndex >= 0 ? periods.slice(Math.max(0, fullIndex - 11), fullIndex + 1) : [];
  const averageActive = averageMonths.length
    ? averageMonths.reduce((sum, period) => sum + period.activeAgents, 0) / averageMonths.length
    : null;
  return {
    latestFull,
    beforeLatestFull: fullIndex >= 1 ? periods[fullIndex - 1]! : null,
    latest,
    beforeLatest: latestIndex >= 1 ? periods[latestIndex - 1]! : null,
    latestIsPartial: latest !== null && !isFull(latest),
    averageActive,
    averageMonths,
    provisionedShare:
      latestFull && latestFull.provisioned > 0 ? latestFull.activeAgents / latestFull.provisioned : null,
  };
}

/**
 * Billing periods as the dashboard shows them: what a period is called under each cycle
 * (December 2025, Q4 2025, 2025, Dec 15 – Jan 14), how its axis tick reads, and which periods a
 * month-based date range selects. Periods arrive from the engine as half-open local-day ranges
 * (`start` inclusive, `end` exclusive, `YYYY-MM-DD` in the business zone).
 */
import type { MonthlyPeriod } from '../../../shared/contract';
import { addMonths, type ResolvedRange } from './date-range';
import { calendarDate, monthKey, type Formatters } from './format';

export type CycleKind = 'month' | 'anchored' | 'rolling' | 'quarter' | 'year';

/** What one period is called in running text: "latest full quarter", "3 windows". */
export function cycleNoun(kind: CycleKind, count = 1): string {
  const singular = { month: 'month', anchored: 'cycle', rolling: 'window', quarter: 'quarter', year: 'year' }[kind];
  return count === 1 ? singular : `${singular}s`;
}

/** `YYYY-MM-DD` minus one day. */
export function previousDay(day: string): string {
  const date = calendarDate(day);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function quarterOf(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}

/** The period's last local day (inclusive). */
export function lastDay(period: Pick<MonthlyPeriod, 'end'>): string {
  return previousDay(period.end);
}

/** "December 2025", "Q4 2025", "2025", or the day range of an anchored or rolling period. */
export function periodLabel(period: Pick<MonthlyPeriod, 'start' | 'end'>, kind: CycleKind, format: Formatters): string {
  switch (kind) {
    case 'month':
      return format.month(period.start);
    case 'quarter':
      return `Q${quarterOf(period.start)} ${format.year(period.start)}`;
    case 'year':
      return format.year(period.start);
    default:
      return format.dayRange(period.start, lastDay(period));
  }
}

/** A shorter name for comparisons ("vs Nov 2025", "vs Q3 2025", "vs Nov 15, 2025"). */
export function periodShortLabel(period: Pick<MonthlyPeriod, 'start' | 'end'>, kind: CycleKind, format: Formatters): string {
  switch (kind) {
    case 'month':
      return format.monthShort(period.start);
    case 'quarter':
    case 'year':
      return periodLabel(period, kind, format);
    default:
      return format.day(period.start);
  }
}

/** The exact day range, always ("Oct 1 – Dec 31, 2025"): what tooltips show next to the name. */
export function periodRange(period: Pick<MonthlyPeriod, 'start' | 'end'>, format: Formatters): string {
  return format.dayRange(period.start, lastDay(period));
}

/**
 * An axis tick: the main line names the period's start (Jan, Q1, 2025, Mar 15), the second line
 * the year, shown where it changes so a long axis stays readable.
 */
export function periodTick(start: string, previousStart: string | null, kind: CycleKind, format: Formatters): { main: string; sub: string | null } {
  const yearChanged = previousStart === null || previousStart.slice(0, 4) !== start.slice(0, 4);
  switch (kind) {
    case 'month':
      return { main: format.monthAxis(start), sub: yearChanged || start.slice(5, 7) === '01' ? format.year(start) : null };
    case 'quarter':
      return { main: `Q${quarterOf(start)}`, sub: yearChanged || quarterOf(start) === 1 ? format.year(start) : null };
    case 'year':
      return { main: format.year(start), sub: null };
    default:
      return { main: format.dayAxis(start), sub: yearChanged ? format.year(start) : null };
  }
}

/**
 * The months (`YYYY-MM`) the date-range control offers. Under the month cycle these are exactly
 * the months the engine returned. Other cycles can reach past the data (a cycle from Dec 15 runs
 * to Jan 14), so the list stops at the last day with data: the day before the last logout's day,
 * because a night shift ending after midnight does not start anything on that last day.
 */
export function monthsCovered(periods: readonly MonthlyPeriod[], dataEndDay: string | null, cycle: CycleKind = 'month'): string[] {
  if (periods.length === 0) return [];
  if (cycle === 'month') return [...new Set(periods.map((period) => monthKey(period.start)))];
  const first = monthKey(periods[0]!.start);
  let lastDayCovered = lastDay(periods[periods.length - 1]!);
  const cap = dataEndDay ? previousDay(dataEndDay) : null;
  if (cap && cap < lastDayCovered && cap >= periods[0]!.start) lastDayCovered = cap;
  const last = monthKey(lastDayCovered);
  const months: string[] = [];
  for (let month = first; month <= last && months.length < 1200; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The periods a month range selects: those that start in it. A range shorter than one period
 * (two months under a yearly cycle) selects the periods it overlaps instead, so it is never empty
 * while there is data in it.
 */
export function periodsForRange(periods: readonly MonthlyPeriod[], resolved: ResolvedRange): MonthlyPeriod[] {
  if (!resolved) return [];
  const startsIn = periods.filter((period) => {
    const key = monthKey(period.start);
    return key >= resolved.from && key <= resolved.to;
  });
  if (startsIn.length > 0) return startsIn;
  const fromDay = `${resolved.from}-01`;
  const endDay = `${addMonths(resolved.to, 1)}-01`;
  return periods.filter((period) => period.start < endDay && period.end > fromDay);
}

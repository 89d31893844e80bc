/**
 * Billing periods as half-open ranges of local days [startDay, endDay) in the business zone.
 *
 *  - month          calendar months (the default);
 *  - anchored:DD    cycles starting on day DD of each month (on the month's last day when it is
 *                   shorter, as billing systems anchored on the 31st do);
 *  - rolling:N      consecutive N-day windows starting at the range's first day;
 *  - quarter, year  calendar quarters and years, for true-ups.
 */
import { daysFromCivil, daysInMonth, yearMonthOfDay } from '../calendar';

export type Cycle =
  | { kind: 'month' }
  | { kind: 'anchored'; day: number }
  | { kind: 'rolling'; days: number }
  | { kind: 'quarter' }
  | { kind: 'year' };

export type Period = { startDay: number; endDay: number };

export function parseCycle(text: string): Cycle | null {
  if (text === 'month' || text === 'quarter' || text === 'year') return { kind: text };
  const anchored = /^anchored:(\d{1,2})$/.exec(text);
  if (anchored) {
    const day = Number(anchored[1]);
    return day >= 1 && day <= 31 ? { kind: 'anchored', day } : null;
  }
  const rolling = /^rolling:(\d{1,4})$/.exec(text);
  if (rolling) {
    const days = Number(rolling[1]);
    return days >= 1 ? { kind: 'rolling', days } : null;
  }
  return null;
}

export function formatCycle(cycle: Cycle): string {
  if (cycle.kind === 'anchored') return `anchored:${cycle.day}`;
  if (cycle.kind === 'rolling') return `rolling:${cycle.days}`;
  return cycle.kind;
}

export function describeCycle(cycle: Cycle): string {
  const tail = 'each period runs from its first day (inclusive) to the next period’s first day (exclusive), in the business time zone.';
  switch (cycle.kind) {
    case 'month':
      return `Calendar months; ${tail}`;
    case 'anchored':
      return `Monthly cycles starting on day ${cycle.day} (the last day in shorter months); ${tail}`;
    case 'rolling':
      return `Consecutive ${cycle.days}-day windows from the first day of the range; ${tail}`;
    case 'quarter':
      return `Calendar quarters; ${tail}`;
    case 'year':
      return `Calendar years; ${tail}`;
  }
}

/** The day of month DD is anchored to, clamped to the month's length. */
function anchorDay(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, Math.min(day, daysInMonth(year, month)));
}

function addMonths(year: number, month: number, count: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The start of the period containing `day`. */
function periodStartContaining(cycle: Exclude<Cycle, { kind: 'rolling' }>, day: number): { year: number; month: number } {
  const { year, month } = yearMonthOfDay(day);
  if (cycle.kind === 'month') return { year, month };
  if (cycle.kind === 'quarter') return { year, month: month - ((month - 1) % 3) };
  if (cycle.kind === 'year') return { year, month: 1 };
  return day >= anchorDay(year, month, cycle.day) ? { year, month } : addMonths(year, month, -1);
}

/** Every period that overlaps [fromDay, toDay), whole (a period is never cut by the range). */
export function periodsBetween(cycle: Cycle, fromDay: number, toDay: number): Period[] {
  const periods: Period[] = [];
  if (toDay <= fromDay) return periods;
  if (cycle.kind === 'rolling') {
    for (let start = fromDay; start < toDay; start += cycle.days) periods.push({ startDay: start, endDay: start + cycle.days });
    return periods;
  }
  const step = cycle.kind === 'quarter' ? 3 : cycle.kind === 'year' ? 12 : 1;
  const dayOf = (ym: { year: number; month: number }) =>
    cycle.kind === 'anchored' ? anchorDay(ym.year, ym.month, cycle.day) : daysFromCivil(ym.year, ym.month, 1);
  let current = periodStartContaining(cycle, fromDay);
  while (dayOf(current) < toDay) {
    const next = addMonths(current.year, current.month, step);
    periods.push({ startDay: dayOf(current), endDay: dayOf(next) });
    current = next;
  }
  return periods;
}

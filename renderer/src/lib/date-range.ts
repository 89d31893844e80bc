/**
 * The dashboard's page-level date range. Presets count back from the latest month that has
 * data (not from today), so a history that ended last year still shows its last 12 months.
 */
import type { MonthlyPeriod } from '../../../shared/contract';
import { monthKey } from './format';

export type RangePreset = 'last12' | 'last24' | 'all' | 'custom';

export type DateRange = {
  preset: RangePreset;
  /** `YYYY-MM`, only for `custom`. */
  from?: string;
  /** `YYYY-MM`, only for `custom`. */
  to?: string;
};

export const DEFAULT_RANGE: DateRange = { preset: 'last12' };

export const PRESET_LABELS: Record<Exclude<RangePreset, 'custom'>, string> = {
  last12: 'Last 12 months',
  last24: 'Last 24 months',
  all: 'All',
};

/** `YYYY-MM` plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + n;
  const year = Math.floor(index / 12);
  const mon = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

export type ResolvedRange = { from: string; to: string } | null;

/** Inclusive `YYYY-MM` bounds of the range over the months available. Null when there are none. */
export function resolveRange(range: DateRange, availableMonths: readonly string[]): ResolvedRange {
  if (availableMonths.length === 0) return null;
  const sorted = [...availableMonths].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  switch (range.preset) {
    case 'last12':
      return { from: maxMonth(first, addMonths(last, -11)), to: last };
    case 'last24':
      return { from: maxMonth(first, addMonths(last, -23)), to: last };
    case 'all':
      return { from: first, to: last };
    case 'custom': {
      let from = range.from ?? first;
      let to = range.to ?? last;
      if (from > to) [from, to] = [to, from];
      return { from, to };
    }
  }
}

function maxMonth(a: string, b: string): string {
  return a > b ? a : b;
}

export function periodsInRange(periods: readonly MonthlyPeriod[], resolved: ResolvedRange): MonthlyPeriod[] {
  if (!resolved) return [];
  return periods.filter((period) => {
    const key = monthKey(period.start);
    return key >= resolved.from && key <= resolved.to;
  });
}

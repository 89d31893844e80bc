import { describe, expect, it } from 'vitest';
import type { MonthlyPeriod } from '../../shared/contract';
import { addMonths, periodsInRange, resolveRange } from '../../renderer/src/lib/date-range';
import { computeHeadline, lastDayOf } from '../../renderer/src/features/dashboard/headline';

const months = Array.from({ length: 24 }, (_, i) => addMonths('2024-01', i));

function period(month: string, activeAgents: number, extra: Partial<MonthlyPeriod> = {}): MonthlyPeriod {
  return {
    start: `${month}-01`,
    end: `${addMonths(month, 1)}-01`,
    activeAgents,
    dailyActiveAvg: 0,
    dailyActiveMax: 0,
    agentDays: 0,
    peakConcurrent: Math.round(activeAgents / 2),
    loggedInHours: 0,
    provisioned: 0,
    utilisation: null,
    ...extra,
  };
}

describe('resolveRange', () => {
  it('counts presets back from the latest month with data', () => {
    expect(resolveRange({ preset: 'last12' }, months)).toEqual({ from: '2025-01', to: '2025-12' });
    expect(resolveRange({ preset: 'last24' }, months)).toEqual({ from: '2024-01', to: '2025-12' });
    expect(resolveRange({ preset: 'all' }, months)).toEqual({ from: '2024-01', to: '2025-12' });
  });

  it('never starts before the data', () => {
    expect(resolveRange({ preset: 'last12' }, ['2025-03', '2025-04'])).toEqual({ from: '2025-03', to: '2025-04' });
  });

  it('swaps a custom range given backwards', () => {
    expect(resolveRange({ preset: 'custom', from: '2025-05', to: '2024-03' }, months)).toEqual({ from: '2024-03', to: '2025-05' });
  });

  it('is empty without data', () => {
    expect(resolveRange({ preset: 'all' }, [])).toBeNull();
  });

  it('addMonths crosses years both ways', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2025-12', -23)).toBe('2024-01');
  });
});

describe('computeHeadline', () => {
  const periods = months.map((month, i) => period(month, 100 + i, { provisioned: 200 }));

  it('uses the last month the data fully covers', () => {
    expect(lastDayOf(periods[23]!)).toBe('2025-12-31');
    const full = computeHeadline(periods, '2026-01-01');
    expect(full.latestFull?.start).toBe('2025-12-01');
    expect(full.latestIsPartial).toBe(false);
    const partial = computeHeadline(periods, '2025-12-15');
    expect(partial.latestFull?.start).toBe('2025-11-01');
    expect(partial.latest?.start).toBe('2025-12-01');
    expect(partial.latestIsPartial).toBe(true);
  });

  it('averages the last 12 full months and computes the provisioned share', () => {
    const headline = computeHeadline(periods, '2025-12-31');
    expect(headline.averageMonths).toHaveLength(12);
    expect(headline.averageActive).toBeCloseTo((112 + 123) / 2);
    expect(headline.provisionedShare).toBeCloseTo(123 / 200);
  });

  it('follows the range it is given', () => {
    const inRange = periodsInRange(periods, { from: '2024-03', to: '2024-05' });
    const headline = computeHeadline(inRange, '2025-12-31');
    expect(headline.latestFull?.start).toBe('2024-05-01');
    expect(headline.averageMonths).toHaveLength(3);
  });

  it('copes with a single partial month', () => {
    const headline = computeHeadline([period('2025-03', 7)], '2025-03-12');
    expect(headline.latestFull?.start).toBe('2025-03-01');
    expect(headline.beforeLatestFull).toBeNull();
    expect(headline.provisionedShare).toBeNull();
  });
});

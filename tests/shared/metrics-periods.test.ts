import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../shared/calendar';
import { parseCycle, periodsBetween } from '../../shared/metrics/periods';

const day = (text: string) => parseDay(text)!;
const show = (cycle: string, from: string, to: string) =>
  periodsBetween(parseCycle(cycle)!, day(from), day(to)).map((p) => `${formatDay(p.startDay)}..${formatDay(p.endDay)}`);

describe('billing cycles', () => {
  it('calendar months, whole, covering the range', () => {
    expect(show('month', '2025-01-15', '2025-03-02')).toEqual(['2025-01-01..2025-02-01', '2025-02-01..2025-03-01', '2025-03-01..2025-04-01']);
  });

  it('anchored cycles start on the anchor day, clamped to short months', () => {
    expect(show('anchored:15', '2025-01-20', '2025-03-01')).toEqual(['2025-01-15..2025-02-15', '2025-02-15..2025-03-15']);
    expect(show('anchored:31', '2025-01-31', '2025-04-01')).toEqual([
      '2025-01-31..2025-02-28',
      '2025-02-28..2025-03-31',
      '2025-03-31..2025-04-30',
    ]);
    expect(show('anchored:30', '2024-02-10', '2024-02-20')).toEqual(['2024-01-30..2024-02-29']);
  });

  it('rolling windows of N days from the first day', () => {
    expect(show('rolling:28', '2025-01-01', '2025-02-20')).toEqual(['2025-01-01..2025-01-29', '2025-01-29..2025-02-26']);
  });

  it('quarters and years for true-ups', () => {
    expect(show('quarter', '2025-02-10', '2025-07-01')).toEqual(['2025-01-01..2025-04-01', '2025-04-01..2025-07-01']);
    expect(show('year', '2024-06-01', '2025-01-02')).toEqual(['2024-01-01..2025-01-01', '2025-01-01..2026-01-01']);
  });

  it('periods tile the range without gaps or overlaps, for every cycle', () => {
    for (const cycle of ['month', 'anchored:1', 'anchored:29', 'anchored:31', 'rolling:7', 'rolling:90', 'quarter', 'year']) {
      const periods = periodsBetween(parseCycle(cycle)!, day('2023-11-17'), day('2026-03-05'));
      expect(periods[0]!.startDay).toBeLessThanOrEqual(day('2023-11-17'));
      expect(periods[periods.length - 1]!.endDay).toBeGreaterThanOrEqual(day('2026-03-05'));
      for (let i = 1; i < periods.length; i += 1) expect(periods[i]!.startDay, cycle).toBe(periods[i - 1]!.endDay);
      for (const p of periods) expect(p.endDay, cycle).toBeGreaterThan(p.startDay);
    }
  });

  it.each(['week', 'anchored:0', 'anchored:32', 'rolling:0', 'rolling:x', ''])('refuses %j', (text) => {
    expect(parseCycle(text)).toBeNull();
  });
});

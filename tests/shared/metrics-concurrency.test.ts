import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConcurrencyRule, peakUnderRule, type ConcurrencyRule } from '../../shared/metrics/concurrency';

/** TC2 of licensing.md §F: 40 day agents 08:00–16:10, 40 evening agents 16:00–24:00, D days. */
function tc2Levels(days: number): Int32Array {
  const levels = new Int32Array(days * 1440);
  for (let d = 0; d < days; d += 1) {
    for (let m = 8 * 60; m < 16 * 60 + 10; m += 1) levels[d * 1440 + m]! += 40;
    for (let m = 16 * 60; m < 24 * 60; m += 1) levels[d * 1440 + m]! += 40;
  }
  return levels;
}

const rule = (text: string) => parseConcurrencyRule(text)!;

describe('concurrency rules on licensing.md TC2', () => {
  it('raw is 80 for any number of days', () => {
    expect(peakUnderRule(tc2Levels(2), rule('raw'))).toBe(80);
    expect(peakUnderRule(tc2Levels(3), rule('raw'))).toBe(80);
  });

  it('cumulative:30 (Genesys) is 40 with D = 2 (80 held 20 min) and 80 with D = 3 (30 min)', () => {
    expect(peakUnderRule(tc2Levels(2), rule('cumulative:30'))).toBe(40);
    expect(peakUnderRule(tc2Levels(3), rule('cumulative:30'))).toBe(80);
  });

  it('sustained:30 (contiguous) is 40 whatever D', () => {
    expect(peakUnderRule(tc2Levels(2), rule('sustained:30'))).toBe(40);
    expect(peakUnderRule(tc2Levels(3), rule('sustained:30'))).toBe(40);
    expect(peakUnderRule(tc2Levels(3), rule('sustained:10'))).toBe(80);
  });

  it('p95 counts every minute of the period, idle ones included', () => {
    // 16 h 10 min of 4,320 minutes are ≥ 40; the 95th percentile of 3 days is 40.
    expect(peakUnderRule(tc2Levels(3), rule('p95'))).toBe(40);
    expect(peakUnderRule(new Int32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]), rule('p95'))).toBe(0);
  });
});

describe('rule parsing', () => {
  it.each(['raw', 'p95', 'cumulative:30', 'sustained:15'])('accepts %s', (text) => {
    expect(parseConcurrencyRule(text)).not.toBeNull();
  });
  it.each(['', 'max', 'cumulative', 'cumulative:0', 'sustained:-5', 'cumulative:30m'])('refuses %j', (text) => {
    expect(parseConcurrencyRule(text)).toBeNull();
  });
});

/** Brute force: try every level and scan. */
function reference(levels: number[], r: ConcurrencyRule): number {
  const max = Math.max(0, ...levels);
  if (r.kind === 'raw') return max;
  if (r.kind === 'p95') {
    const sorted = [...levels].sort((a, b) => a - b);
    return sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0;
  }
  for (let level = max; level >= 1; level -= 1) {
    if (r.kind === 'cumulative' && levels.filter((l) => l >= level).length >= r.minutes) return level;
    if (r.kind === 'sustained') {
      let run = 0;
      for (const l of levels) {
        run = l >= level ? run + 1 : 0;
        if (run >= r.minutes) return level;
      }
    }
  }
  return 0;
}

describe('rules agree with brute force on random series', () => {
  it('for every rule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 300 }),
        fc.oneof(
          fc.constant<ConcurrencyRule>({ kind: 'raw' }),
          fc.constant<ConcurrencyRule>({ kind: 'p95' }),
          fc.integer({ min: 1, max: 60 }).map((minutes): ConcurrencyRule => ({ kind: 'cumulative', minutes })),
          fc.integer({ min: 1, max: 60 }).map((minutes): ConcurrencyRule => ({ kind: 'sustained', minutes })),
        ),
        (levels, r) => {
          expect(peakUnderRule(Int32Array.from(levels), r)).toBe(reference(levels, r));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never exceed raw, and sustained never exceeds cumulative for the same N', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 500 }), fc.integer({ min: 1, max: 90 }), (levels, n) => {
        const series = Int32Array.from(levels);
        const raw = peakUnderRule(series, { kind: 'raw' });
        const cumulative = peakUnderRule(series, { kind: 'cumulative', minutes: n });
        const sustained = peakUnderRule(series, { kind: 'sustained', minutes: n });
        expect(cumulative).toBeLessThanOrEqual(raw);
        expect(sustained).toBeLessThanOrEqual(cumulative);
        expect(peakUnderRule(series, { kind: 'p95' })).toBeLessThanOrEqual(raw);
      }),
    );
  });
});

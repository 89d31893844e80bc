/**
 * The cube's per-minute peak levels: the level changes are ordered by minute then within each
 * minute (electron/engine/metrics/cube.ts sortByMinute) instead of by one native sort. Checked
 * against a native sort and against a sweep over a natively sorted copy, on random changes that
 * crowd some minutes past the insertion-sort limit and fall outside the range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutePeaks, sortByMinute } from '../../../electron/engine/metrics/cube';

const MINUTE = 60_000;
const FIRST_MINUTE = 29_000_000; // about 2025

/** Level changes packed as the cube packs them: time × 2, plus 1 for an arrival. */
const changes = fc
  .array(
    fc.record({
      // Most changes in a few minutes (dense buckets), some anywhere in a day, some outside the range.
      minute: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -5, max: 1445 })),
      ms: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: MINUTE - 1 })),
      arrival: fc.boolean(),
    }),
    { maxLength: 400 },
  )
  .map((list) => Float64Array.from(list, (c) => ((FIRST_MINUTE + c.minute) * MINUTE + c.ms) * 2 + (c.arrival ? 1 : 0)));

/** The sweep as it was before the by-minute ordering: one native sort, then the same walk. */
function referencePeaks(packed: Float64Array, firstMinute: number, minuteCount: number): Int32Array {
  const sorted = Float64Array.from(packed).sort();
  const peaks = new Int32Array(minuteCount);
  let level = 0;
  for (let n = 0; n < sorted.length; n += 1) {
    const from = Math.floor(sorted[n]! / 2);
    level += sorted[n]! - from * 2 === 1 ? 1 : -1;
    const to = n + 1 < sorted.length ? Math.floor(sorted[n + 1]! / 2) : from;
    if (level <= 0 || to <= from) continue;
    const firstM = Math.max(0, Math.floor(from / MINUTE) - firstMinute);
    const lastM = Math.min(minuteCount - 1, Math.ceil(to / MINUTE) - 1 - firstMinute);
    for (let m = firstM; m <= lastM; m += 1) if (peaks[m]! < level) peaks[m] = level;
  }
  return peaks;
}

describe('minutePeaks', () => {
  it('orders level changes exactly as a native sort does, whatever minute they fall in', () => {
    fc.assert(
      fc.property(changes, (packed) => {
        const before = Float64Array.from(packed);
        expect(Array.from(sortByMinute(packed, FIRST_MINUTE, 1440))).toEqual(Array.from(Float64Array.from(packed).sort()));
        expect(Array.from(packed)).toEqual(Array.from(before));
      }),
      { numRuns: 300 },
    );
  });

  it('orders them exactly when there are more changes than minutes (buckets of part of a minute)', () => {
    fc.assert(
      fc.property(changes, fc.constantFrom(1, 2, 3, 7, 30), (packed, minuteCount) => {
        expect(Array.from(sortByMinute(packed, FIRST_MINUTE, minuteCount))).toEqual(Array.from(Float64Array.from(packed).sort()));
        expect(Array.from(minutePeaks(packed, FIRST_MINUTE, minuteCount))).toEqual(Array.from(referencePeaks(packed, FIRST_MINUTE, minuteCount)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same per-minute levels as a sweep over natively sorted changes', () => {
    fc.assert(
      fc.property(changes, (packed) => {
        expect(Array.from(minutePeaks(packed, FIRST_MINUTE, 1440))).toEqual(Array.from(referencePeaks(packed, FIRST_MINUTE, 1440)));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a departure and an arrival at the same instant as one agent, and 30 at once as 30', () => {
    const at = (minute: number, ms = 0) => (FIRST_MINUTE + minute) * MINUTE + ms;
    // One leaves at 10:00 as another arrives (never two at once); then 30 arrive in one minute and leave 5 minutes later.
    const list = [at(0) * 2 + 1, at(10) * 2, at(10) * 2 + 1, at(20) * 2];
    for (let i = 0; i < 30; i += 1) list.push(at(30, i * 1000) * 2 + 1, at(35, i * 1000) * 2);
    const peaks = minutePeaks(Float64Array.from(list), FIRST_MINUTE, 60);
    expect(Math.max(...peaks.subarray(0, 20))).toBe(1);
    expect(peaks[20]).toBe(0);
    expect(peaks[31]).toBe(30);
    expect(peaks[30]).toBe(30);
    expect(peaks[36]).toBe(0);
  });
});

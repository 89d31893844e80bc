import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../shared/import/timestamps';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `…Z` instants of fixed width take a hand-written path; the same instant written with `+00:00`
 * goes through the general parser. Both must give the same answer for every input, valid or not.
 */
describe('parseTimestamp fixed-position fast path', () => {
  it('agrees with the general parser on random fixed-width UTC instants, valid and invalid', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 0, max: 9999 }),
          month: fc.integer({ min: 0, max: 19 }),
          day: fc.integer({ min: 0, max: 39 }),
          hour: fc.integer({ min: 0, max: 29 }),
          minute: fc.integer({ min: 0, max: 69 }),
          second: fc.integer({ min: 0, max: 69 }),
          millisecond: fc.option(fc.integer({ min: 0, max: 999 })),
          separator: fc.constantFrom('T', ' '),
          zulu: fc.constantFrom('Z', 'z'),
        }),
        (t) => {
          const body = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.separator}${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${
            t.millisecond === null ? '' : `.${pad(t.millisecond, 3)}`
          }`;
          expect(parseTimestamp(`${body}${t.zulu}`)).toEqual(parseTimestamp(`${body}+00:00`));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees with the general parser on runs of instants sharing dates (the fast path keeps the last valid date)', () => {
    let repeated = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            date: fc.constantFrom('2024-02-29', '2023-02-29', '2023-01-02', '2023-13-01', '2023-01-00', '1999-12-31'),
            hour: fc.integer({ min: 0, max: 25 }),
            minute: fc.integer({ min: 0, max: 61 }),
            second: fc.integer({ min: 0, max: 61 }),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        (instants) => {
          instants.forEach((t, i) => {
            if (i > 0 && instants[i - 1]!.date === t.date) repeated += 1;
            const body = `${t.date}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
            expect(parseTimestamp(`${body}Z`)).toEqual(parseTimestamp(`${body}+00:00`));
          });
        },
      ),
      { numRuns: 1000 },
    );
    expect(repeated).toBeGreaterThan(500);
  });

  it.each([
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2023-01-02T11:54:33Z', Date.UTC(2023, 0, 2, 11, 54, 33)],
    ['2023-01-02 11:54:33.125z', Date.UTC(2023, 0, 2, 11, 54, 33, 125)],
    // Years below 100 are years below 100 (Date.UTC would read 99 as 1999).
    ['0099-12-31T00:00:00Z', new Date(0).setUTCFullYear(99, 11, 31)],
  ])('reads %s exactly', (text, expected) => {
    expect(parseTimestamp(text)).toEqual({ kind: 'instant', epochMs: expected });
  });

  it.each([
    ['2023-02-29T10:00:00Z', 'day 29 does not exist in 2023-02'],
    ['2023-13-01T10:00:00Z', 'month 13 does not exist'],
  ])('leaves %s to the general parser and its message', (text, reason) => {
    expect(parseTimestamp(text)).toEqual({ kind: 'invalid', reason });
  });

  it('leaves 24:00 and leap seconds to the general parser', () => {
    expect(parseTimestamp('2023-03-01T24:00:00Z')).toEqual({ kind: 'instant', epochMs: Date.UTC(2023, 2, 2) });
    expect(parseTimestamp('2023-03-01T23:59:60Z')).toEqual({ kind: 'instant', epochMs: Date.UTC(2023, 2, 1, 23, 59, 59, 999) });
  });
});

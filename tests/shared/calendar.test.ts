import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  daysFromCivil,
  firstDayOfNextMonth,
  formatDay,
  MS_PER_MINUTE,
  parseDay,
  ZoneClock,
} from '../../shared/calendar';

const NY = 'America/New_York';

describe('civil days', () => {
  it('counts days from 1970-01-01 for any year, including 0000 and 9999', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 2, 29)).toBe(19782);
    expect(formatDay(daysFromCivil(0, 1, 1))).toBe('0000-01-01');
    expect(formatDay(daysFromCivil(9999, 12, 31))).toBe('9999-12-31');
  });

  it('round-trips every date through parseDay and formatDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2200, 12, 31) }), (day) => {
        expect(parseDay(formatDay(day))).toBe(day);
      }),
    );
  });

  it('refuses dates that do not exist', () => {
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseDay('2024-13-01')).toBeNull();
    expect(parseDay('24-01-01')).toBeNull();
  });

  it('steps month by month across year ends', () => {
    expect(formatDay(firstDayOfNextMonth(daysFromCivil(2024, 12, 15)))).toBe('2025-01-01');
  });
});

describe('ZoneClock on DST nights (America/New_York)', () => {
  const clock = new ZoneClock(NY);

  it('flags a wall time in the spring-forward gap and moves it forward', () => {
    const result = clock.resolveWallTime({ year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0 });
    expect(result).toEqual({ kind: 'gap', epochMs: Date.parse('2024-03-10T07:30:00Z') });
  });

  it('reports both readings of a repeated fall-back hour', () => {
    const result = clock.resolveWallTime({ year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0 });
    expect(result).toEqual({
      kind: 'ambiguous',
      earlier: Date.parse('2024-11-03T05:30:00Z'),
      later: Date.parse('2024-11-03T06:30:00Z'),
    });
  });

  it('knows that DST days are 23 and 25 hours long', () => {
    const spring = daysFromCivil(2024, 3, 10);
    const fall = daysFromCivil(2024, 11, 3);
    expect((clock.startOfDay(spring + 1) - clock.startOfDay(spring)) / MS_PER_MINUTE).toBe(1380);
    expect((clock.startOfDay(fall + 1) - clock.startOfDay(fall)) / MS_PER_MINUTE).toBe(1500);
  });

  it('puts instants just before and after local midnight on the right day', () => {
    expect(formatDay(clock.localDay(Date.parse('2024-07-01T03:59:59Z')))).toBe('2024-06-30');
    expect(formatDay(clock.localDay(Date.parse('2024-07-01T04:00:00Z')))).toBe('2024-07-01');
    expect(formatDay(clock.localDay(Date.parse('2024-01-01T04:59:59Z')))).toBe('2023-12-31');
  });

  it('refuses unknown zones with a message naming the zone', () => {
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });

  it('agrees with Temporal for random instants and wall times, including DST days (cache is exact)', () => {
    const zones = [NY, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
        (zone, epochMs) => {
          const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
          const c = new ZoneClock(zone);
          expect(c.offsetAt(epochMs)).toBe(zoned.offsetNanoseconds / 1e6);
          expect(formatDay(c.localDay(epochMs))).toBe(zoned.toPlainDate().toString());
          const wall = zoned.toPlainDateTime();
          const resolved = c.resolveWallTime({
            year: wall.year,
            month: wall.month,
            day: wall.day,
            hour: wall.hour,
            minute: wall.minute,
            second: wall.second,
            millisecond: wall.millisecond,
          });
          if (resolved.kind === 'exact') expect(resolved.epochMs).toBe(epochMs);
          else if (resolved.kind === 'ambiguous') expect([resolved.earlier, resolved.later]).toContain(epochMs);
          else throw new Error('a wall time read off a real instant cannot be in a gap');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('uses one clock for many conversions without drifting (cache reuse)', () => {
    const shared = new ZoneClock(NY);
    const start = Date.parse('2024-03-09T00:00:00Z');
    for (let t = start; t < start + 3 * 86_400_000; t += 7 * MS_PER_MINUTE) {
      const expected = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(NY).offsetNanoseconds / 1e6;
      expect(shared.offsetAt(t)).toBe(expected);
    }
  });
});

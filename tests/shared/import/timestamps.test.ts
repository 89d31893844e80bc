import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimestamp } from '../../../shared/import/timestamps';

describe('parseTimestamp', () => {
  it.each([
    ['2025-03-03T14:00:00Z', Date.parse('2025-03-03T14:00:00Z')],
    ['2025-03-03 14:00:00Z', Date.parse('2025-03-03T14:00:00Z')],
    ['2025-03-03T09:00:00-05:00', Date.parse('2025-03-03T14:00:00Z')],
    ['2025-03-03T15:30:00+0130', Date.parse('2025-03-03T14:00:00Z')],
    ['2025-03-03T14:00:00.250Z', Date.parse('2025-03-03T14:00:00.250Z')],
    ['1741010400', Date.parse('2025-03-03T14:00:00Z')],
    ['1741010400000', Date.parse('2025-03-03T14:00:00Z')],
    ['Mon, 03 Mar 2025 14:00:00 GMT', Date.parse('2025-03-03T14:00:00Z')],
    ['03 Mar 2025 09:00:00 -0500', Date.parse('2025-03-03T14:00:00Z')],
  ])('reads %s as an instant', (text, expected) => {
    expect(parseTimestamp(text)).toEqual({ kind: 'instant', epochMs: expected });
  });

  it.each([
    ['2025-03-03 09:05', 'MDY', { year: 2025, month: 3, day: 3, hour: 9, minute: 5, second: 0 }],
    ['03/04/2025 01:15:30 PM', 'MDY', { year: 2025, month: 3, day: 4, hour: 13, minute: 15, second: 30 }],
    ['03/04/2025 12:00 AM', 'MDY', { year: 2025, month: 3, day: 4, hour: 0, minute: 0, second: 0 }],
    ['03/04/2025 13:00', 'DMY', { year: 2025, month: 4, day: 3, hour: 13, minute: 0, second: 0 }],
    ['2025/04/03 13:00', 'DMY', { year: 2025, month: 4, day: 3, hour: 13, minute: 0, second: 0 }],
    ['3/4/25 8:00', 'MDY', { year: 2025, month: 3, day: 4, hour: 8, minute: 0, second: 0 }],
    // Amazon Connect's locale rendering, a comma between date and time.
    ['1/29/2024, 8:58:03 AM', 'MDY', { year: 2024, month: 1, day: 29, hour: 8, minute: 58, second: 3 }],
    // RFC 1123-like (Five9, ⚠️ inferred) and month-name forms.
    ['Sun, 10 Mar 2024 00:30:12', 'MDY', { year: 2024, month: 3, day: 10, hour: 0, minute: 30, second: 12 }],
    ['10-Mar-2024 08:00', 'MDY', { year: 2024, month: 3, day: 10, hour: 8, minute: 0, second: 0 }],
    ['Mar 10, 2024 8:00:12 PM', 'MDY', { year: 2024, month: 3, day: 10, hour: 20, minute: 0, second: 12 }],
    ['Sunday, March 10, 2024 08:00', 'MDY', { year: 2024, month: 3, day: 10, hour: 8, minute: 0, second: 0 }],
  ] as const)('reads %s (%s) as a naive wall time', (text, order, wall) => {
    const parsed = parseTimestamp(text, order);
    expect(parsed.kind).toBe('wall');
    if (parsed.kind === 'wall') expect(parsed.wall).toMatchObject(wall);
  });

  it.each([
    ['', 'empty'],
    ['yesterday', 'not a date'],
    ['2025-02-30 10:00', 'does not exist'],
    ['13/45/2025 10:00', 'does not exist'],
    ['2025-03-03 25:00', 'out of range'],
    ['03/04/2025 13:00 PM', 'not valid with PM'],
    ['Sun, 31 Sep 2024 10:00:00', 'does not exist'],
    ['10 Marzo 2024 10:00', 'not a date'],
  ])('rejects %j with a reason', (text, reason) => {
    const parsed = parseTimestamp(text);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.reason).toContain(reason);
  });
});

describe('parseDuration', () => {
  it.each([
    ['08:30:00', 8.5 * 3600_000],
    ['27:00:00', 27 * 3600_000],
    ['1:03:00:00', 27 * 3600_000],
    ['5400', 5400_000],
    ['90.5', 90_500],
    ['0:00', 0],
    ['03h 38m', (3 * 60 + 38) * 60_000],
    ['12s', 12_000],
    ['1d 2h', 26 * 3600_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads plain numbers in the unit the format uses', () => {
    expect(parseDuration('1500', 'milliseconds')).toBe(1500);
    expect(parseDuration('0.5', 'days')).toBe(12 * 3600_000);
    expect(parseDuration('90', 'minutes')).toBe(90 * 60_000);
  });

  it.each(['', 'abc', '10:75:00', '1:2:3:4:5'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

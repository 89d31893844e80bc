/**
 * Reading timestamps and durations from export cells. Never `new Date(string)`: its parsing of
 * naive strings depends on the machine's zone. A cell is either an instant (it carries `Z`, an
 * offset, or is epoch seconds/milliseconds) or a naive wall time that the caller resolves in an
 * explicit zone through ZoneClock.
 */
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, wallToNaiveMs, type WallTime } from '../calendar';

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export type ParsedTimestamp =
  | { kind: 'instant'; epochMs: number }
  | { kind: 'wall'; wall: WallTime }
  | { kind: 'invalid'; reason: string };

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
// A comma may separate the date from the time: Amazon Connect's locale rendering "1/29/2024, 8:58:03 AM".
const SLASHED =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
// RFC 1123-like, day first: "Sun, 10 Mar 2024 00:30:12", "10-Mar-2024 08:00", optional GMT/offset.
const DAY_MONTH_NAME =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
// Month first: "Mar 10, 2024 8:00:12 AM", "Sunday, March 10, 2024 08:00".
const MONTH_NAME_DAY =
  /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^\d{9,13}$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTHS.indexOf(lower.slice(0, 3));
  if (index < 0) return null;
  // "Sept" and full names are fine; "Marzo" is not English and is refused.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index]!;
  return lower.length === 3 || full.startsWith(lower) || lower === 'sept' ? index + 1 : null;
}

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Math.floor(Number(`0.${digits}`) * 1000);
}

function offsetMinutes(text: string): number {
  if (text === 'Z' || text === 'z' || text === 'UTC' || text === 'GMT') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function buildWall(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): WallTime | string {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  if (hour > 24 || minute > 59 || second > 60) return `time ${hour}:${minute}:${second} is out of range`;
  if (hour === 24 && (minute > 0 || second > 0)) return 'time 24:xx is out of range';
  // 24:00 means the end of the day; leap second 60 is read as 59.999.
  return { year, month, day, hour, minute, second: Math.min(second, 59), millisecond: second === 60 ? 999 : millisecond };
}

function finish(wall: WallTime | string, offset: string | undefined): ParsedTimestamp {
  if (typeof wall === 'string') return { kind: 'invalid', reason: wall };
  if (offset === undefined) return { kind: 'wall', wall };
  const utcMs = wallToNaiveMs(wall) - offsetMinutes(offset) * MS_PER_MINUTE;
  return { kind: 'instant', epochMs: utcMs };
}

function meridiemHour(hour: number, meridiemText: string | undefined): number | string {
  const meridiem = meridiemText?.toUpperCase();
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return `hour ${hour} is not valid with ${meridiem}`;
  if (meridiem === 'AM') return hour === 12 ? 0 : hour;
  return hour === 12 ? 12 : hour + 12;
}

/** The digit at `i` of `text`, or -1. */
function digitAt(text: string, i: number): number {
  return digitOf(text.charCodeAt(i));
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ` (what most exports and the benchmark write)
 * read by character position, without a regular expression or any allocation: the import's hot
 * path. NaN for anything else, including out-of-range fields — the general parser then decides,
 * with its messages, so both paths always agree. Reads `text` from `at` to `end`, so a cell can be
 * read where it stands in its line (generic-csv.ts lineReader): where this gives a number,
 * parseTimestamp on the cut-out cell gives the same instant.
 */
export function fixedIsoUtc(text: string, at = 0, end = text.length): number {
  const length = end - at;
  if (length !== 20 && length !== 24) return Number.NaN;
  if (!isoPunctuation(text.charCodeAt(at + 4), text.charCodeAt(at + 7), text.charCodeAt(at + 10), text.charCodeAt(at + 13), text.charCodeAt(at + 16), text.charCodeAt(end - 1))) {
    return Number.NaN;
  }
  let millisecond = 0;
  if (length === 24) {
    millisecond = isoMilliseconds(text.charCodeAt(at + 19), digitAt(text, at + 20), digitAt(text, at + 21), digitAt(text, at + 22));
    if (millisecond < 0) return Number.NaN;
  }
  return isoInstant(
    digitAt(text, at),
    digitAt(text, at + 1),
    digitAt(text, at + 2),
    digitAt(text, at + 3),
    digitAt(text, at + 5),
    digitAt(text, at + 6),
    digitAt(text, at + 8),
    digitAt(text, at + 9),
    digitAt(text, at + 11),
    digitAt(text, at + 12),
    digitAt(text, at + 14),
    digitAt(text, at + 15),
    digitAt(text, at + 17),
    digitAt(text, at + 18),
    millisecond,
  );
}

/**
 * fixedIsoUtc over bytes (a line's ASCII characters as bytes, at the same places: the import's
 * ChunkBytes), which read in half the time of a string's characters. Same answer, NaN included.
 */
export function fixedIsoUtcBytes(bytes: Uint8Array, at: number, end: number): number {
  const length = end - at;
  if (length !== 20 && length !== 24) return Number.NaN;
  if (!isoPunctuation(bytes[at + 4]!, bytes[at + 7]!, bytes[at + 10]!, bytes[at + 13]!, bytes[at + 16]!, bytes[end - 1]!)) return Number.NaN;
  let millisecond = 0;
  if (length === 24) {
    millisecond = isoMilliseconds(bytes[at + 19]!, digitOf(bytes[at + 20]!), digitOf(bytes[at + 21]!), digitOf(bytes[at + 22]!));
    if (millisecond < 0) return Number.NaN;
  }
  return isoInstant(
    digitOf(bytes[at]!),
    digitOf(bytes[at + 1]!),
    digitOf(bytes[at + 2]!),
    digitOf(bytes[at + 3]!),
    digitOf(bytes[at + 5]!),
    digitOf(bytes[at + 6]!),
    digitOf(bytes[at + 8]!),
    digitOf(bytes[at + 9]!),
    digitOf(bytes[at + 11]!),
    digitOf(bytes[at + 12]!),
    digitOf(bytes[at + 14]!),
    digitOf(bytes[at + 15]!),
    digitOf(bytes[at + 17]!),
    digitOf(bytes[at + 18]!),
    millisecond,
  );
}

/** The digit a character code is, or -1. */
function digitOf(code: number): number {
  const d = code - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Whether the fixed ISO form's separators are in place: - - T (or space) : : and a final Z. */
function isoPunctuation(dash1: number, dash2: number, t: number, colon1: number, colon2: number, zone: number): boolean {
  return dash1 === 45 && dash2 === 45 && (t === 84 || t === 32) && colon1 === 58 && colon2 === 58 && (zone === 90 || zone === 122);
}

/** The milliseconds after a `.` or `,`, or -1. */
function isoMilliseconds(dot: number, m0: number, m1: number, m2: number): number {
  if ((dot !== 46 && dot !== 44) || m0 < 0 || m1 < 0 || m2 < 0) return -1;
  return m0 * 100 + m1 * 10 + m2;
}

/** The instant of fixedIsoUtc's digits (-1 for a character that is not one), or NaN. */
function isoInstant(y0: number, y1: number, y2: number, y3: number, mo0: number, mo1: number, d0: number, d1: number, h0: number, h1: number, mi0: number, mi1: number, s0: number, s1: number, millisecond: number): number {
  if ((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1) < 0) return Number.NaN;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  // 24:00 and leap seconds are legal but rare: the general path handles them.
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  // Consecutive rows mostly fall on the same date: its check and day count are kept.
  const date = year * 10_000 + month * 100 + day;
  if (date !== lastDate) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    lastDate = date;
    lastDateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
  }
  return lastDateMs + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
}

/** The last valid date fixedIsoUtc read (year × 10,000 + month × 100 + day) and its midnight (UTC ms). */
let lastDate = -1;
let lastDateMs = 0;

/**
 * Parses one timestamp cell. `dateOrder` decides how slashed dates like 03/04/2025 are read;
 * ISO dates (year first) are always year-month-day.
 */
export function parseTimestamp(raw: string, dateOrder: DateOrder = 'MDY'): ParsedTimestamp {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  const fast = fixedIsoUtc(text);
  if (!Number.isNaN(fast)) return { kind: 'instant', epochMs: fast };
  if (EPOCH.test(text)) {
    const n = Number(text);
    return { kind: 'instant', epochMs: text.length >= 12 ? n : n * 1000 };
  }
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const wall = buildWall(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      fraction(iso[7]),
    );
    return finish(wall, iso[8]);
  }
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const c = Number(slashed[3]);
    const yearFirst = slashed[1]!.length === 4;
    let year: number;
    let month: number;
    let day: number;
    if (yearFirst || dateOrder === 'YMD') [year, month, day] = [a, b, c];
    else if (dateOrder === 'DMY') [day, month, year] = [a, b, c];
    else [month, day, year] = [a, b, c];
    if (slashed[3]!.length === 2 && !yearFirst) year += year < 70 ? 2000 : 1900;
    const hour = meridiemHour(Number(slashed[4] ?? 0), slashed[8]);
    if (typeof hour === 'string') return { kind: 'invalid', reason: hour };
    const wall = buildWall(year, month, day, hour, Number(slashed[5] ?? 0), Number(slashed[6] ?? 0), fraction(slashed[7]));
    return finish(wall, slashed[9]);
  }
  const dayFirst = DAY_MONTH_NAME.exec(text);
  const monthFirst = dayFirst ? null : MONTH_NAME_DAY.exec(text);
  if (dayFirst || monthFirst) {
    const m = (dayFirst ?? monthFirst)!;
    const month = monthNumber(dayFirst ? m[2]! : m[1]!);
    if (month !== null) {
      const day = Number(dayFirst ? m[1] : m[2]);
      const hour = meridiemHour(Number(m[4] ?? 0), m[8]);
      if (typeof hour === 'string') return { kind: 'invalid', reason: hour };
      const wall = buildWall(Number(m[3]), month, day, hour, Number(m[5] ?? 0), Number(m[6] ?? 0), fraction(m[7]));
      return finish(wall, m[9]);
    }
  }
  return { kind: 'invalid', reason: `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a date and time` };
}

export type DurationUnit = 'seconds' | 'milliseconds' | 'minutes' | 'days';

const UNIT_MS: Record<DurationUnit, number> = { seconds: 1000, milliseconds: 1, minutes: 60_000, days: 86_400_000 };

/**
 * Parses a duration cell into milliseconds: `HH:MM:SS` (hours may exceed 24), `d:hh:mm:ss`,
 * `03h 38m 12s`, or a plain number in `unit` (seconds unless the format says otherwise: Vonage
 * uses milliseconds, Talkdesk day fractions). `MM:SS` is read as `HH:MM` — exports that write
 * minutes and seconds only are not known.
 */
export function parseDuration(raw: string, unit: DurationUnit = 'seconds'): number | null {
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d+(?:[.,]\d+)?$/.test(text)) return Math.round(Number(text.replace(',', '.')) * UNIT_MS[unit]);
  const worded = /^(?:(\d+)\s*d\s*)?(?:(\d+)\s*h\s*)?(?:(\d+)\s*m(?:in)?\s*)?(?:(\d+)\s*s\s*)?$/i.exec(text);
  if (worded && worded.slice(1).some((part) => part !== undefined)) {
    const [d, h, m, s] = worded.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
    return ((d * 24 + h) * 3600 + m * 60 + s) * 1000;
  }
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 4 || parts.some((p) => !/^\d+(?:[.,]\d+)?$/.test(p))) return null;
  const numbers = parts.map((p) => Number(p.replace(',', '.')));
  const [d, h, m, s] = numbers.length === 4 ? numbers : numbers.length === 3 ? [0, ...numbers] : [0, ...numbers, 0];
  if ((m ?? 0) >= 60 || (s ?? 0) >= 60) return null;
  return Math.round((((d ?? 0) * 24 + (h ?? 0)) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000);
}

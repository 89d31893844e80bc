/**
 * Every number, date and amount on screen goes through these formatters, built for the locale,
 * business time zone and currency chosen in Preferences. Months are carried as local calendar
 * days (`YYYY-MM-DD`, already in the business zone), so they are formatted in UTC to keep the
 * day exactly as given; instants (import times, data spans) are formatted in the business zone.
 */

export const FALLBACK_LOCALE = 'en-US';

/** A locale Intl accepts, or the fallback. */
export function safeLocale(locale: string | undefined | null): string {
  if (!locale) return FALLBACK_LOCALE;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (!canonical) return FALLBACK_LOCALE;
    // Throws for tags Intl cannot use.
    new Intl.NumberFormat(canonical);
    return canonical;
  } catch {
    return FALLBACK_LOCALE;
  }
}

export function isValidLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale.trim()).length === 1 && locale.trim().length >= 2;
  } catch {
    return false;
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isValidCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` (or `YYYY-MM`) → a Date at UTC midnight of that calendar day. */
export function calendarDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** `YYYY-MM-DD` → `YYYY-MM`. */
export function monthKey(day: string): string {
  return day.slice(0, 7);
}

/** The local calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDay(instant: string | Date, timeZone: string): string | null {
  const date = typeof instant === 'string' ? parseInstant(instant) : instant;
  if (!date) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(date);
    const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return null;
  }
}

/** ISO instant → Date; a bare `YYYY-MM-DD` is a calendar day (UTC midnight). Null if unreadable. */
export function parseInstant(value: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return calendarDate(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * Integer minor units → a decimal string with the currency's number of fraction digits, exact
 * (no binary floating point on the way), e.g. 123456 → "1234.56" for USD, "123456" for JPY.
 */
export function minorUnitsToDecimal(minor: number | bigint, fractionDigits: number): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(Math.trunc(minor));
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(fractionDigits + 1, '0');
  const whole = fractionDigits > 0 ? digits.slice(0, -fractionDigits) : digits;
  const fraction = fractionDigits > 0 ? digits.slice(-fractionDigits) : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function currencyFractionDigits(currency: string, locale = FALLBACK_LOCALE): number {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type Formatters = ReturnType<typeof createFormatters>;

export function createFormatters(localeInput: string, timeZone: string, currency: string) {
  const locale = safeLocale(localeInput);
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const fixedDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedInteger = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const signedPercent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const monthLong = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthAxis = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const monthOnly = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const instantDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  let money: Intl.NumberFormat;
  try {
    money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
  }
  const moneyDigits = money.resolvedOptions().maximumFractionDigits ?? 2;

  const bytesUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

  return {
    locale,
    timeZone: zone,
    currency,
    /** 12,345 */
    integer: (n: number) => integer.format(n),
    /** 12.3 */
    decimal: (n: number) => oneDecimal.format(n),
    /** 12.0, 12.3: always one decimal, so a column of hours lines up */
    fixed1: (n: number) => fixedDecimal.format(n),
    /** 12K */
    compact: (n: number) => compact.format(n),
    /** 0.874 → 87.4% */
    percent: (ratio: number) => percent.format(ratio),
    /** +12 / −3 */
    signedInteger: (n: number) => signedInteger.format(n),
    signedPercent: (ratio: number) => signedPercent.format(ratio),
    /** `2025-03-01` → March 2025 */
    month: (day: string) => monthLong.format(calendarDate(day)),
    /** `2025-03-01` → Mar 2025 */
    monthShort: (day: string) => monthShort.format(calendarDate(day)),
    /** `2025-03-01` → March */
    monthName: (day: string) => monthOnly.format(calendarDate(day)),
    /** `2025-03-01` → Mar (axis ticks; the year is shown separately when it changes) */
    monthAxis: (day: string) => monthAxis.format(calendarDate(day)),
    year: (day: string) => year.format(calendarDate(day)),
    /** Range of months: "Jan 2024 – Dec 2025" */
    monthRange: (fromDay: string, toDay: string) =>
      fromDay === toDay ? monthShort.format(calendarDate(fromDay)) : monthShort.formatRange(calendarDate(fromDay), calendarDate(toDay)),
    /** `2025-03-03` → Mar 3, 2025 */
    day: (value: string) => day.format(calendarDate(value)),
    /** `2025-03-03` → Mar 3 (axis ticks of day-anchored periods) */
    dayAxis: (value: string) => dayMonth.format(calendarDate(value)),
    /** Two calendar days, inclusive: "Mar 3 – Apr 2, 2025" */
    dayRange: (fromDay: string, toDay: string) =>
      fromDay === toDay ? day.format(calendarDate(fromDay)) : day.formatRange(calendarDate(fromDay), calendarDate(toDay)),
    /** ISO instant → Mar 3, 2025, 9:00 AM (business zone) */
    dateTime: (instant: string) => {
      const date = parseInstant(instant);
      return date ? dateTime.format(date) : instant;
    },
    /** ISO instant → Mar 3, 2025 (business zone) */
    instantDay: (instant: string) => {
      const date = parseInstant(instant);
      if (!date) return instant;
      return /^\d{4}-\d{2}-\d{2}$/.test(instant) ? day.format(date) : instantDay.format(date);
    },
    /** A span of instants as days in the business zone: "Jan 1, 2024 – Dec 31, 2025" */
    span: (start: string | null, end: string | null) => {
      if (!start || !end) return '—';
      const a = parseInstant(start);
      const b = parseInstant(end);
      if (!a || !b) return `${start} – ${end}`;
      const startDay = /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : localDay(a, zone);
      const endDay = /^\d{4}-\d{2}-\d{2}$/.test(end) ? end : localDay(b, zone);
      if (!startDay || !endDay) return `${start} – ${end}`;
      return startDay === endDay
        ? day.format(calendarDate(startDay))
        : day.formatRange(calendarDate(startDay), calendarDate(endDay));
    },
    /** Integer minor units → "$1,234.56" in the preferred currency. */
    money: (minor: number | bigint) =>
      money.format(minorUnitsToDecimal(minor, moneyDigits) as unknown as number),
    /** 666 → "666 B", 15_400_000 → "14.7 MB" (binary multiples, as file managers show them) */
    bytes: (n: number) => {
      if (n < 1024) return `${integer.format(n)} B`;
      let value = n;
      let unit = 0;
      while (value >= 1024 && unit < bytesUnits.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${oneDecimal.format(value)} ${bytesUnits[unit]}`;
    },
    /** 1234.5 rows/s → "1,235 rows/s" */
    rate: (perSecond: number) => `${integer.format(Math.round(perSecond))}`,
  };
}

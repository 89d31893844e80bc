import { describe, expect, it } from 'vitest';
import { createFormatters, isValidCurrency, isValidLocale, localDay, minorUnitsToDecimal, safeLocale } from '../../renderer/src/lib/format';

describe('minorUnitsToDecimal', () => {
  it('places the decimal point exactly, without floating point', () => {
    expect(minorUnitsToDecimal(123456, 2)).toBe('1234.56');
    expect(minorUnitsToDecimal(5, 2)).toBe('0.05');
    expect(minorUnitsToDecimal(-5, 2)).toBe('-0.05');
    expect(minorUnitsToDecimal(0, 2)).toBe('0.00');
    expect(minorUnitsToDecimal(1234, 0)).toBe('1234');
    expect(minorUnitsToDecimal(12345, 3)).toBe('12.345');
    expect(minorUnitsToDecimal(900719925474099312n, 2)).toBe('9007199254740993.12');
  });
});

describe('createFormatters', () => {
  it('formats money from integer minor units in the chosen currency and locale', () => {
    expect(createFormatters('en-US', 'UTC', 'USD').money(123456)).toBe('$1,234.56');
    expect(createFormatters('en-US', 'UTC', 'JPY').money(1234)).toBe('¥1,234');
    expect(createFormatters('de-DE', 'UTC', 'EUR').money(123456)).toBe('1.234,56\u00a0€');
    // 0.1 + 0.2 style drift cannot happen: the amount never becomes a binary fraction.
    expect(createFormatters('en-US', 'UTC', 'USD').money(30)).toBe('$0.30');
  });

  it('writes months as calendar days, never shifted by the machine zone', () => {
    const en = createFormatters('en-US', 'Pacific/Honolulu', 'USD');
    expect(en.month('2025-03-01')).toBe('March 2025');
    expect(en.monthShort('2025-01-01')).toBe('Jan 2025');
    expect(createFormatters('de-DE', 'Europe/Berlin', 'EUR').month('2025-03-01')).toBe('März 2025');
  });

  it('formats instants in the business time zone', () => {
    const ny = createFormatters('en-US', 'America/New_York', 'USD');
    // 02:00 UTC on April 1 is still March 31 in New York.
    expect(ny.instantDay('2025-04-01T02:00:00Z')).toBe('Mar 31, 2025');
    // formatRange puts thin spaces around the dash; compare the words.
    expect(ny.span('2025-03-03T14:00:00Z', '2025-04-01T02:00:00Z').replace(/\s+/g, ' ')).toBe('Mar 3 – 31, 2025');
  });

  it('numbers follow the locale', () => {
    expect(createFormatters('en-US', 'UTC', 'USD').integer(1234567)).toBe('1,234,567');
    expect(createFormatters('de-DE', 'UTC', 'EUR').integer(1234567)).toBe('1.234.567');
    expect(createFormatters('en-US', 'UTC', 'USD').percent(0.944)).toBe('94.4%');
    expect(createFormatters('en-US', 'UTC', 'USD').bytes(666)).toBe('666 B');
    expect(createFormatters('en-US', 'UTC', 'USD').bytes(18_751_072)).toBe('17.9 MB');
  });

  it('falls back instead of throwing on a bad locale or zone', () => {
    const f = createFormatters('not a locale!', 'Mars/Olympus', 'USD');
    expect(f.locale).toBe('en-US');
    expect(f.timeZone).toBe('UTC');
  });
});

describe('validators', () => {
  it('accepts real codes and rejects the rest', () => {
    expect(isValidCurrency('EUR')).toBe(true);
    expect(isValidCurrency('eur')).toBe(false);
    expect(isValidCurrency('EURO')).toBe(false);
    expect(isValidLocale('fr-CA')).toBe(true);
    expect(isValidLocale('fr_CA!')).toBe(false);
    expect(safeLocale('EN-us')).toBe('en-US');
  });

  it('localDay uses the given zone', () => {
    expect(localDay('2025-04-01T02:00:00Z', 'America/New_York')).toBe('2025-03-31');
    expect(localDay('2025-04-01T02:00:00Z', 'UTC')).toBe('2025-04-01');
  });
});

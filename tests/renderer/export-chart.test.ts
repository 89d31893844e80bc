import { describe, expect, it } from 'vitest';
import { csvCell, fileStem, toCsv } from '../../renderer/src/lib/export-chart';

describe('csvCell neutralises formula triggers (CSV injection)', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-cmd', "'-cmd"],
    ['@import', "'@import"],
    ['\tindent', "'\tindent"],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvCell('\rline')).toBe('"\'\rline"');
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(csvCell(-1234.5)).toBe('-1234.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('leaves ordinary text alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('Generic named seat')).toBe('Generic named seat');
    expect(csvCell('Seats, named')).toBe('"Seats, named"');
    expect(csvCell('12" monitor')).toBe('"12"" monitor"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv([['Month', 'Plan A', 'Plan B'], ['2025-01', 1234.56, -10], ['=evil', null, 'ok']])).toBe(
      "Month,Plan A,Plan B\r\n2025-01,1234.56,-10\r\n'=evil,,ok\r\n",
    );
  });
});

describe('fileStem', () => {
  it('makes a safe file name stem', () => {
    expect(fileStem('Bills by month — 2025 (Café)')).toBe('bills-by-month-2025-cafe');
    expect(fileStem('***')).toBe('chart');
  });
});

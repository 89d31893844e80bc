import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../electron/engine/report/formats';
import { parseCsv, safeCell, startsFormula, toCsv, type Cell } from '../../../shared/report/cells';
import { canonicalJson } from '../../../shared/report/canonical';
import ExcelJS from 'exceljs';

const TRIGGER = /^[=+\-@\t\r]/;
// Strings biased towards the dangerous starts and the CSV metacharacters.
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ','), fc.string({ unit: 'binary' })).map(([a, b]) => a + b),
  fc.constantFrom('=1+1', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x","y")', '+1', '-', "'=x", '"', ',', '\r\n'),
);

/**
 * Characters XML 1.0 cannot carry at all (an XLSX cell can never hold them), and CR, which XML
 * parsing normalises to LF (a limitation of the file format, documented in docs/reports.md).
 */
const xmlSafe = (s: string) =>
  [...s].every((ch) => {
    const code = ch.codePointAt(0)!;
    if (code === 0x09 || code === 0x0a) return true;
    return code >= 0x20 && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
  });

describe('formula neutralising (property)', () => {
  it('CSV: no exported cell starts a formula; every value reads back unchanged apart from the prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hostile, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const back = parseCsv(toCsv(rows));
        expect(back).toHaveLength(rows.length);
        back.forEach((row, r) =>
          row.forEach((cell, c) => {
            expect(TRIGGER.test(cell)).toBe(false);
            const original = rows[r]![c]!;
            expect(cell).toBe(startsFormula(original) ? `'${original}` : original);
          }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('CSV: numbers stay numbers (a negative amount is not prefixed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
        const [[cell]] = parseCsv(toCsv([[n]])) as [[string]];
        expect(Number(cell)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 500 },
    );
  });

  it('XLSX: no cell starts a formula, text reads back unchanged apart from the prefix, numbers stay typed numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(hostile.filter(xmlSafe), fc.integer({ min: -1e9, max: 1e9 })), { minLength: 1, maxLength: 8 }), async (cells: Cell[]) => {
        const workbook = new ExcelJS.Workbook();
        workbook.addWorksheet('S').addRow(cells.map((c) => safeCell(c)));
        const sheets = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
        const row = sheets.get('S')![0] ?? [];
        cells.forEach((original, i) => {
          const back = row[i] ?? null;
          if (typeof original === 'number') {
            expect(back).toBe(original);
          } else {
            expect(typeof back === 'string' ? TRIGGER.test(back) : false).toBe(false);
            const text = original as string;
            const expected = startsFormula(text) ? `'${text}` : text;
            // An empty string is an empty cell in a workbook.
            expect(back ?? '').toBe(expected);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('canonical JSON', () => {
  it('is independent of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(record);
      }),
    );
  });
});

/**
 * Spreadsheet-safe cells. Agent ids and names come from third-party exports, so they are
 * untrusted, and managers open Seatcast's exports in Excel. A text cell that begins with a
 * character a spreadsheet reads as the start of a formula (= + - @, tab, CR, LF) gets a leading
 * apostrophe (OWASP CSV injection, ASVS 1.2.10). Numbers are written as numbers and never
 * prefixed, so a negative amount stays a number.
 */
export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r\n]/;

export function startsFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function neutraliseText(text: string): string {
  return startsFormula(text) ? `'${text}` : text;
}

/** The cell as it is written to a CSV or XLSX file. */
export function safeCell(cell: Cell): Cell {
  return typeof cell === 'string' ? neutraliseText(cell) : cell;
}

function csvField(cell: Cell): string {
  const safe = safeCell(cell);
  if (safe === null) return '';
  const text = typeof safe === 'number' ? String(safe) : safe;
  // RFC 4180: quote a field holding the separator, a quote or a line break; double inner quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) with every text cell neutralised. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Reads RFC 4180 CSV back into rows of text fields (what a spreadsheet would show as text).
 * Used by `seatcast verify` and by the tests; tolerant of LF line ends as well as CRLF.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  while (i < body.length) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

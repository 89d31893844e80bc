/**
 * An .xlsx workbook as CSV text, so every delimited preset, the generic mapping and the wizard's
 * preview read workbooks exactly as they read CSV files. The first worksheet is streamed with
 * exceljs's WorkbookReader (rows as they inflate; memory stays flat), and each cell is written as
 * the text a person sees in Excel, with two exceptions that matter for logins:
 *
 *  - Date cells are Excel serial numbers with no zone. They become naive wall times
 *    ("2024-01-02 08:00:00"), which the import then reads in its zone like any naive text.
 *  - Elapsed-time cells (`[h]:mm:ss`) and time-only cells below one day are day fractions. They
 *    become `H:MM:SS` with hours past 24 where needed.
 *
 * Each sheet row is one CSV record at the same position (empty records fill skipped rows), so a
 * rejected row's line number is its row number in Excel. Formulas are never evaluated: the value
 * Excel cached is used. Every field is quoted, which makes the delimiter sniffing unambiguous.
 */
import type { Readable } from 'node:stream';
import type { ExcelJS } from '../lazy-libs';
import { UserFacingError } from '../../../shared/result';

/** Excel's own row limit; a sheet that claims more is damaged or hostile. */
const MAX_ROW = 1_048_576;
const MS_PER_DAY = 86_400_000;
/** Serial 0 in the 1900 date system (Excel's fictitious 1900-01-00 is 1899-12-31; serials count from 1899-12-30). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

type CellLike = { value: unknown; numFmt?: string | undefined };
type RowLike = { number: number; eachCell(options: { includeEmpty: boolean }, callback: (cell: CellLike, column: number) => void): void };
type WorksheetLike = AsyncIterable<RowLike>;
/**
 * The parts of exceljs's streaming WorkbookReader (4.4.0, pinned) that are driven here one zip
 * part at a time. Its own parse() iterates the archive's entries through a stream it pauses and
 * resumes; an entry that arrives while an earlier one is being read can lose its data, and under
 * load the shared-strings table came out empty (exceljs#683; upstream PR #2915, unmerged), so text
 * cells read as blanks. Reading each part from our own central-directory reader, in dependency
 * order (relationships, workbook, shared strings, styles, then the sheet), leaves no such race.
 */
type WorkbookReaderLike = {
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: Array<{ rId?: string }> };
  workbookRels?: Array<{ Id?: string; Target?: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: WorksheetLike }>;
};

/** A workbook's parts by name, each opened (and size-checked) on demand. */
export type WorkbookParts = { names: readonly string[]; open: (name: string) => Promise<Readable> };

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The part of the workbook's first sheet (tab order), else the lowest-numbered sheet part. */
function firstSheetPart(reader: WorkbookReaderLike, names: readonly string[]): string | null {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = rId ? reader.workbookRels?.find((rel) => rel.Id === rId)?.Target : undefined;
  if (target) {
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (names.includes(name) && SHEET_PART.test(name)) return name;
  }
  const sheets = names.filter((n) => SHEET_PART.test(n)).sort((a, b) => Number(SHEET_PART.exec(a)![1]) - Number(SHEET_PART.exec(b)![1]));
  return sheets[0] ?? null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** What a number format says about a serial: a date (with or without time), a time of day, or elapsed time. */
export function classifyFormat(numFmt: string | undefined): { date: boolean; time: boolean; elapsed: boolean } | null {
  if (!numFmt) return null;
  const elapsed = /\[(h+|m+|s+)\]/i.test(numFmt);
  // Literal text, colours/locales in brackets and escaped characters are not date tokens.
  const stripped = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  const date = /[yd]/i.test(stripped) || /(^|[^hs:])m{3,}/i.test(stripped);
  const time = elapsed || /[hs]/i.test(stripped) || /AM\/PM|A\/P/i.test(stripped);
  if (!date && !time && !/m/i.test(stripped)) return null;
  return { date: date || (!time && /m/i.test(stripped)), time, elapsed };
}

function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const sign = totalSeconds < 0 ? '-' : '';
  const s = Math.abs(totalSeconds);
  return `${sign}${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * An Excel serial as text: elapsed time and time-only values under a day as `H:MM:SS`, dates as
 * naive `YYYY-MM-DD[ HH:MM:SS[.mmm]]`.
 */
export function renderSerial(serial: number, numFmt: string | undefined, date1904: boolean): string {
  const kind = classifyFormat(numFmt) ?? { date: true, time: true, elapsed: false };
  const ms = Math.round(serial * MS_PER_DAY);
  if (kind.elapsed || (!kind.date && serial < 1)) return formatDuration(ms);
  const wall = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + ms);
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const hasClock = wall.getUTCHours() + wall.getUTCMinutes() + wall.getUTCSeconds() + wall.getUTCMilliseconds() > 0;
  if (!kind.time && !hasClock) return day;
  const millis = wall.getUTCMilliseconds();
  return `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${millis ? `.${pad(millis, 3)}` : ''}`;
}

/** The text of one cell value as exceljs's streaming reader delivers it. */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // A number with a date or time format is a serial whatever the reader made of it (formula results stay numbers).
    return classifyFormat(numFmt) ? renderSerial(value, numFmt, date1904) : String(value);
  }
  if (value instanceof Date) {
    // exceljs turned the serial into a Date whose UTC fields are the wall time (in the 1904 system
    // too); back to the serial so durations and dates are told apart by the format.
    const serial = (value.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
    return renderSerial(serial, numFmt ?? 'yyyy-mm-dd hh:mm:ss', date1904);
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
    // Excel's #N/A means "not available", as the text N/A does in reports.
    if (typeof v.error === 'string') return v.error === '#N/A' ? 'N/A' : v.error;
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt, date1904);
    if (typeof v.text === 'string') return v.text;
  }
  return '';
}

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The first worksheet of the workbook in `input` as CSV text chunks. `signal` stops reading
 * between rows; errors from the reader become messages naming the file.
 */
export async function* workbookAsCsv(parts: WorkbookParts, fileName: string, excel: ExcelJS): AsyncGenerator<string> {
  // The typings omit the reader's part parsers and the cells' numFmt; the shapes used are declared above.
  const WorkbookReader = excel.stream.xlsx.WorkbookReader as unknown as new (input: null, options: object) => WorkbookReaderLike;
  const reader = new WorkbookReader(null, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const has = (name: string) => parts.names.includes(name);
  let sheets = 0;
  let nextRow = 1;
  let batch = '';
  try {
    if (has('xl/_rels/workbook.xml.rels')) await reader._parseRels(await parts.open('xl/_rels/workbook.xml.rels'));
    if (has('xl/workbook.xml')) await reader._parseWorkbook(await parts.open('xl/workbook.xml'));
    if (has('xl/sharedStrings.xml')) for await (const _ of reader._parseSharedStrings(await parts.open('xl/sharedStrings.xml'))) void _;
    if (has('xl/styles.xml')) await reader._parseStyles(await parts.open('xl/styles.xml'));
    const sheetPart = firstSheetPart(reader, parts.names);
    const sheetNo = sheetPart ? SHEET_PART.exec(sheetPart)![1]! : null;
    // Only the first sheet is read.
    const emitted = sheetPart && sheetNo ? [...reader._parseWorksheet(await parts.open(sheetPart), sheetNo)] : [];
    for (const { value: worksheet } of emitted.filter((e) => e.eventType === 'worksheet')) {
      sheets += 1;
      const date1904 = reader.properties?.model?.date1904 === true;
      for await (const row of worksheet) {
        if (row.number > MAX_ROW) throw new UserFacingError('corrupt-xlsx', `${fileName}: the sheet claims a row ${row.number.toLocaleString('en-US')}, beyond Excel's last row. The file is damaged.`);
        // Rows the sheet skips are empty rows: keep line numbers equal to Excel's row numbers.
        while (nextRow < row.number) {
          batch += '\n';
          nextRow += 1;
        }
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          while (cells.length < column - 1) cells.push('');
          cells[column - 1] = cellText(cell.value, cell.numFmt, date1904);
        });
        batch += `${cells.map(csvField).join(',')}\n`;
        nextRow += 1;
        if (batch.length >= 64 * 1024) {
          yield batch;
          batch = '';
        }
      }
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError('corrupt-xlsx', `${fileName} could not be read as an Excel workbook (${(error as Error).message}). Open it in Excel and save it again, or save the sheet as CSV.`);
  }
  if (sheets === 0) throw new UserFacingError('corrupt-xlsx', `${fileName} is a workbook with no worksheet.`);
  if (batch !== '') yield batch;
}

/**
 * Generic: any delimited file with an agent column, a login column and a logout or duration
 * column, recognised by header synonyms (../generic-csv.ts). It is the fallback: a platform
 * preset that recognises the file outranks it.
 */
import { detectColumns, explainMissingColumns, normaliseHeader, lineReader, readRow, type ClockStyle, type ColumnMap, type ColumnRole, type GenericMapping } from '../generic-csv';
import type { DateOrder } from '../timestamps';
import { findHeaderRow } from './common';
import type { DelimitedPreset, DelimitedSample, Detection, RecordReader, Sample } from './types';

export const GENERIC_SCORE = 0.5;

export const genericCsv: DelimitedPreset = {
  id: 'generic-csv',
  rowIndependent: true,
  label: 'Generic CSV (agent id, login, logout or duration)',
  platform: 'Any',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with an agent id column, a login time column and a logout time or duration column',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (row) => {
      const map = detectColumns(row);
      return explainMissingColumns(row, map) === null ? map : null;
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const columns = header.value;
    return {
      score: GENERIC_SCORE,
      open: ({ dateOrder }) => genericReader(columns, headerLine + 1, dateOrder, undefined),
    };
  },
};

/** Reads rows (or lines in place) by `columns`, skipping the lines before `firstDataLine` (banner, header). */
function genericReader(columns: ColumnMap, firstDataLine: number, dateOrder: DateOrder, clock: ClockStyle | undefined): RecordReader<readonly string[]> {
  const readLine = lineReader(columns, clock);
  return {
    read: (row, line) => (line < firstDataLine ? { kind: 'skip' } : readRow(row, columns, dateOrder, clock)),
    readLine: (text, start, end, delimiter, line) => (line < firstDataLine ? { kind: 'skip' } : readLine.reading(text, start, end, delimiter)),
    readLineInto: (text, start, end, delimiter, line, sink, bytes) => line >= firstDataLine && readLine.into(text, start, end, delimiter, line, sink, bytes),
  };
}

/** Why the generic reading fails on this sample: judged on its first non-blank row. */
export function explainGenericRefusal(sample: DelimitedSample): string {
  const first = sample.rows.find((row) => row.some((value) => value.trim() !== '')) ?? [];
  return explainMissingColumns(first, detectColumns(first)) ?? 'This file does not look like an agent login export.';
}

/** Where a mapped file's rows start: lines are 1-based record numbers, as the pipeline counts them. */
export type MappedLayout = {
  columns: ColumnMap;
  /** The header row's line, or null for a file without one. */
  headerLine: number | null;
  /** The first line that is data. */
  firstDataLine: number;
  /** The header's names, or "Column 1".."Column N" for a file without one. */
  columnNames: string[];
};

export type MappedChoice =
  | { ok: true; preset: DelimitedPreset; detection: Detection<readonly string[]>; layout: MappedLayout }
  | { ok: false; message: string };

const ROLE_LABELS: Record<ColumnRole, string> = {
  agent: 'agent id',
  name: 'name',
  login: 'login time',
  logout: 'logout time',
  duration: 'duration',
  team: 'team',
  site: 'site',
  program: 'program',
  role: 'role',
};

/** The widest row among the first data rows: a file without a header has no other column count. */
function columnCount(rows: readonly (readonly string[])[], from: number): number {
  let widest = 0;
  for (const row of rows.slice(from, from + 50)) if (row.length > widest) widest = row.length;
  return widest;
}

/** Where the header and data are under a mapping, and which column plays which role. */
export function mappedLayout(sample: DelimitedSample, mapping: GenericMapping): { ok: true; layout: MappedLayout } | { ok: false; message: string } {
  const skip = mapping.skipLines ?? 0;
  const hasHeader = mapping.hasHeader ?? true;
  const header = hasHeader ? sample.rows[skip] : undefined;
  if (hasHeader && (header === undefined || header.every((value) => value.trim() === ''))) {
    return {
      ok: false,
      message: `After skipping ${skip} line${skip === 1 ? '' : 's'} there is no header row. Skip fewer lines, or say the file has no header row.`,
    };
  }
  const columnNames = header
    ? header.map((name, i) => name.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`)
    : Array.from({ length: columnCount(sample.rows, skip) }, (_, i) => `Column ${i + 1}`);
  const columns = mapping.columns ?? (header ? detectColumns(header) : {});
  const missing: string[] = [];
  if (columns.agent === undefined) missing.push('the agent id');
  if (columns.login === undefined) missing.push('the login time');
  if (columns.logout === undefined && columns.duration === undefined) missing.push('the logout time or the duration');
  if (missing.length > 0) return { ok: false, message: `Choose the column for ${missing.join(', ')}.` };
  for (const [role, index] of Object.entries(columns) as Array<[ColumnRole, number | undefined]>) {
    if (index !== undefined && index >= columnNames.length) {
      return { ok: false, message: `The ${ROLE_LABELS[role]} is mapped to column ${index + 1}, but the file has ${columnNames.length} columns.` };
    }
  }
  return {
    ok: true,
    layout: { columns, headerLine: header ? skip + 1 : null, firstDataLine: skip + (header ? 2 : 1), columnNames },
  };
}

/**
 * The generic preset read through a user's mapping instead of header detection: banner lines,
 * a missing header row, chosen columns and a declared 12/24-hour clock.
 */
export function chooseMapped(sample: Sample, format: string, mapping: GenericMapping): MappedChoice {
  if (format !== 'auto' && format !== genericCsv.id) {
    return { ok: false, message: `A column mapping applies to the generic CSV format, not to "${format}".` };
  }
  if (sample.container !== 'delimited') {
    return { ok: false, message: 'This is a JSON file; a column mapping applies to CSV/TSV text only.' };
  }
  const found = mappedLayout(sample, mapping);
  if (!found.ok) return found;
  const { layout } = found;
  const clock = mapping.clock;
  return {
    ok: true,
    preset: genericCsv,
    layout,
    detection: {
      score: GENERIC_SCORE,
      open: ({ dateOrder }) => genericReader(layout.columns, layout.firstDataLine, dateOrder, clock),
    },
  };
}

function cellKind(value: string): string {
  const text = value.trim();
  if (text === '') return '_';
  if (/^\d+(?:[.,]\d+)?$/.test(text)) return 'n';
  if (/\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(text)) return 'd';
  if (/^\d+:\d{2}(?::\d{2})?$/.test(text)) return 'h';
  return 't';
}

/**
 * A file's shape under a mapping: delimiter, column count and the normalised header names (for a
 * file without a header, what kind of value each column of the first data row holds). Files with
 * the same shape came from the same report, so a mapping saved for one is offered for the other.
 */
export function mappingShape(sample: DelimitedSample, mapping: Pick<GenericMapping, 'skipLines' | 'hasHeader'>): string | null {
  const skip = mapping.skipLines ?? 0;
  const hasHeader = mapping.hasHeader ?? true;
  const first = sample.rows[skip];
  if (!first || first.every((value) => value.trim() === '')) return null;
  const signature = hasHeader ? first.map(normaliseHeader).join(',') : `#${first.map(cellKind).join('')}`;
  return `${JSON.stringify(sample.delimiter)}|${skip}|${first.length}|${signature}`;
}

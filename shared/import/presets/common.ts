/**
 * Small helpers the presets share: header lookup that tolerates case, spacing, punctuation,
 * BOMs and duplicated names; finding a header row below banner lines; building agent identities;
 * reading fields of JSON records.
 */
import { agentKeyOf, normaliseHeader } from '../generic-csv';
import { parseDuration, parseTimestamp, type DateOrder, type DurationUnit, type ParsedTimestamp } from '../timestamps';
import type { AgentFields, Reading } from './types';

export { agentKeyOf, normaliseHeader };

/** Normalised header → first column index (a duplicated header keeps its first column). */
export function headerIndex(headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}

/** The first of `names` present in the header, as a column index. */
export function column(index: ReadonlyMap<string, number>, ...names: string[]): number | undefined {
  for (const name of names) {
    const i = index.get(normaliseHeader(name));
    if (i !== undefined) return i;
  }
  return undefined;
}

export function hasAll(index: ReadonlyMap<string, number>, ...names: string[]): boolean {
  return names.every((name) => index.has(normaliseHeader(name)));
}

export function countPresent(index: ReadonlyMap<string, number>, ...names: string[]): number {
  return names.filter((name) => index.has(normaliseHeader(name))).length;
}

/** How many rows above a header may be banners, titles and filter lines. */
export const HEADER_SEARCH_ROWS = 40;

/**
 * The first row (within the first HEADER_SEARCH_ROWS) that `accept` recognises as the header,
 * with whatever `accept` made of it.
 */
export function findHeaderRow<T>(
  rows: readonly (readonly string[])[],
  accept: (row: readonly string[], index: ReadonlyMap<string, number>) => T | null,
): { row: number; value: T } | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r += 1) {
    const row = rows[r]!;
    if (row.length < 2 || row.every((cell) => cell.trim() === '')) continue;
    const value = accept(row, headerIndex(row));
    if (value !== null) return { row: r, value };
  }
  return null;
}

export function cell(row: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

export function optionalCell(row: readonly string[], index: number | undefined): string | null {
  const value = cell(row, index);
  return value === '' || /^(n\/a|null|-)$/i.test(value) ? null : value;
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((value) => value.trim() === '');
}

/** Footer and subtotal rows report tools append: "Total", "Summary", "Grand total", "Average", "Page 1 of 3", "Report generated …". */
export function isSummaryText(text: string): boolean {
  return /^(grand\s+)?(total|totals|summary|average|averages|subtotal|sub-total|count)\b|^page\s+\d+\s+of\s+\d+|^report\s+(generated|printed|run)|^(generated|printed)\s+(on|at)\b|^end of report/i.test(
    text.trim(),
  );
}

export function agent(
  id: string,
  extra: Partial<Omit<AgentFields, 'key' | 'label'>> = {},
  label: string = id.trim(),
): AgentFields {
  return {
    key: agentKeyOf(id),
    label,
    name: extra.name ?? null,
    team: extra.team ?? null,
    site: extra.site ?? null,
    program: extra.program ?? null,
    role: extra.role ?? null,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of a JSON record as trimmed text; numbers and booleans are rendered, anything else is null. */
export function text(record: unknown, ...path: string[]): string | null {
  let value: unknown = record;
  for (const key of path) {
    if (!isRecord(value)) return null;
    value = value[key];
  }
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

export function field(record: unknown, ...path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** The share of `records` (objects) for which `test` holds, 0 when there are none. */
export function share(records: readonly unknown[], test: (record: Record<string, unknown>) => boolean): number {
  const objects = records.filter(isRecord);
  if (objects.length === 0) return 0;
  return objects.filter(test).length / objects.length;
}

export function joinName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}

export type ErrorReading = Extract<Reading, { kind: 'error' }>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorReading };

function failure(field: string, message: string): { ok: false; error: ErrorReading } {
  return { ok: false, error: { kind: 'error', field, message } };
}

/** A timestamp cell that must be there. */
export function requiredTime(raw: string | null, field: string, dateOrder: DateOrder = 'MDY'): Parsed<ParsedTimestamp> {
  if (raw === null || raw.trim() === '') return failure(field, `the ${field} time is empty`);
  const parsed = parseTimestamp(raw, dateOrder);
  if (parsed.kind === 'invalid') return failure(field, `${field}: ${parsed.reason}`);
  return { ok: true, value: parsed };
}

/** A timestamp cell that may be empty (`N/A`, `null`, blank: an open status). */
export function optionalTime(raw: string | null, field: string, dateOrder: DateOrder = 'MDY'): Parsed<ParsedTimestamp | null> {
  if (raw === null || raw.trim() === '' || /^(n\/a|null|-)$/i.test(raw.trim())) return { ok: true, value: null };
  return requiredTime(raw, field, dateOrder);
}

/** A duration cell that may be empty. */
export function optionalDuration(raw: string | null, field: string, unit: DurationUnit = 'seconds'): Parsed<number | null> {
  if (raw === null || raw.trim() === '' || /^(n\/a|null|-)$/i.test(raw.trim())) return { ok: true, value: null };
  const ms = parseDuration(raw, unit);
  if (ms === null) return failure(field, `${field} "${raw.trim().slice(0, 30)}" is not a duration (HH:MM:SS or a number)`);
  return { ok: true, value: ms };
}

/** An epoch-milliseconds number (possibly a string: Twilio writes numbers as strings). */
export function epochMsField(value: unknown): ParsedTimestamp | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{9,13}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n)) return null;
  return { kind: 'instant', epochMs: n };
}

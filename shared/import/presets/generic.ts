/**
 * Generic: any delimited file with an agent column, a login column and a logout or duration
 * column, recognised by header synonyms (../generic-csv.ts). It is the fallback: a platform
 * preset that recognises the file outranks it.
 */
import { detectColumns, explainMissingColumns, readRow } from '../generic-csv';
import { findHeaderRow } from './common';
import type { DelimitedPreset, DelimitedSample } from './types';

export const GENERIC_SCORE = 0.5;

export const genericCsv: DelimitedPreset = {
  id: 'generic-csv',
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
      open: ({ dateOrder }) => ({
        read: (row, line) => (line <= headerLine ? { kind: 'skip' } : readRow(row, columns, dateOrder)),
      }),
    };
  },
};

/** Why the generic reading fails on this sample: judged on its first non-blank row. */
export function explainGenericRefusal(sample: DelimitedSample): string {
  const first = sample.rows.find((row) => row.some((value) => value.trim() !== '')) ?? [];
  return explainMissingColumns(first, detectColumns(first)) ?? 'This file does not look like an agent login export.';
}

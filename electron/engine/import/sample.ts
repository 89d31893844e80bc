/**
 * The first 64 KiB of decoded text, turned into what presets detect from: JSON records or
 * delimited rows, with the delimiter sniffed here (`,` `;` TAB `|`) because banner lines above the
 * header throw off papaparse's own guess.
 */
import Papa from 'papaparse';
import { JsonRecordSplitter, JsonShapeError } from '../../../shared/import/json-records';
import type { DelimitedSample, JsonSample, Sample } from '../../../shared/import/presets/types';
import { UserFacingError } from '../../../shared/result';

export const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 200;
const DELIMITERS = ['\t', ',', ';', '|'] as const;

export function looksLikeJson(head: string): boolean {
  const match = /[^\s\uFEFF]/.exec(head);
  return match !== null && (match[0] === '{' || match[0] === '[');
}

/** The delimiter under which most rows share one field count (> 1). */
export function sniffDelimiter(text: string): string {
  let best: { delimiter: string; rows: number; fields: number } = { delimiter: ',', rows: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 80, skipEmptyLines: true }).data;
    const counts = new Map<number, number>();
    for (const row of rows) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let modeFields = 0;
    let modeRows = 0;
    for (const [fields, n] of counts) {
      if (n > modeRows || (n === modeRows && fields > modeFields)) {
        modeFields = fields;
        modeRows = n;
      }
    }
    if (modeRows > best.rows || (modeRows === best.rows && modeFields > best.fields)) best = { delimiter, rows: modeRows, fields: modeFields };
  }
  return best.delimiter;
}

/**
 * `complete`: the head is the whole file (so its last line is not cut off). `delimiter`: the
 * user's override of the sniffed one (a mapping's), which also means the file is read as text.
 */
export function buildSample(head: string, complete: boolean, fileName: string, delimiter?: string): Sample {
  return looksLikeJson(head) && delimiter === undefined ? jsonSample(head, complete, fileName) : delimitedSample(head, complete, delimiter);
}

function delimitedSample(head: string, complete: boolean, forcedDelimiter?: string): DelimitedSample {
  const cut = complete ? head : head.slice(0, Math.max(0, head.lastIndexOf('\n') + 1));
  const text = cut === '' ? head : cut;
  const delimiter = forcedDelimiter ?? sniffDelimiter(text);
  const rows = Papa.parse<string[]>(text, { delimiter, preview: SAMPLE_ROWS, skipEmptyLines: false }).data;
  return { container: 'delimited', delimiter, rows };
}

function jsonSample(head: string, complete: boolean, fileName: string): JsonSample {
  const records: unknown[] = [];
  const splitter = new JsonRecordSplitter((record) => {
    if (record.ok && records.length < SAMPLE_ROWS) records.push(record.value);
  });
  try {
    splitter.push(head);
    if (complete) splitter.end();
  } catch (error) {
    if (!(error instanceof JsonShapeError)) throw error;
    throw new UserFacingError('not-a-login-export', `${fileName}: line ${error.line}: ${error.message}.`);
  }
  return {
    container: 'json',
    layout: splitter.layout ?? (splitter.envelopeKey ? 'envelope' : 'single'),
    records,
    meta: splitter.meta,
    envelopeKey: splitter.envelopeKey,
  };
}

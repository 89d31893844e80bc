/**
 * Reads delimited text (CSV, semicolon, tab, pipe) record by record with papaparse, for the
 * session import and the roster import alike. Line endings are unified first (Papa takes the first
 * ending it sees as the only one), and two ways a damaged file went wrong are refused with the
 * record's line instead:
 *  - an unclosed quote, which makes Papa read the rest of the file as one value (every later row
 *    lost inside one rejected "row");
 *  - a record still open 1 MB after the last complete one. Papa re-reads the unfinished record
 *    with every chunk, so a stray quote near the top of a large file cost 32 s and 1.4 GB for
 *    128 MiB (hours at gigabytes) before Papa reported it (hostile-input corpus).
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { UserFacingError } from '../../../shared/result';
import { unifiedLineEndings } from './line-endings';

/** The longest record a delimited export may have (characters). */
const MAX_RECORD_CHARS = 1024 * 1024;

export type DelimitedOptions = {
  /** Named in every refusal. */
  fileName: string;
  signal?: AbortSignal;
  /** The error to stop with when `signal` aborts. */
  cancelled?: () => Error;
  /** Called when reading stops early (an error or a cancel): closes the file. */
  destroy?: () => void;
  /** The number the first record gets (default 1): a later part of a file continues the count. */
  firstRecordNumber?: number;
};

/**
 * Resolves, with the number of records read, once every record was given to `onRow` (with its
 * record number, from 1 unless told otherwise). A newline at the very end ends the last record: no
 * empty record follows it.
 */
export function parseDelimited(
  text: AsyncIterable<string>,
  delimiter: string,
  options: DelimitedOptions,
  onRow: (row: string[], line: number) => void,
): Promise<number> {
  const { signal } = options;
  const input = Readable.from(unifiedLineEndings(text));
  const firstRecord = options.firstRecordNumber ?? 1;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    let recordNumber = firstRecord - 1;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        options.destroy?.();
        input.destroy();
        reject(error);
      } else resolve(recordNumber - firstRecord + 1);
    };
    const onAbort = () => settle(options.cancelled?.() ?? new Error('cancelled'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    input.on('error', (error: Error) => settle(error));
    // Characters handed to Papa, and how many it had when it last gave a row.
    let delivered = 0;
    let deliveredAtLastRow = 0;
    Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream as never, {
      header: false,
      delimiter,
      skipEmptyLines: false,
      // A chunk's rows at once (the stream's chunks are 32 KB): a callback and a result object a
      // row cost a fifth of reading (docs/benchmarks.md, seventh round).
      chunk: (results, parser) => {
        if (settled) return parser.abort();
        const rows = results.data;
        // The row Papa found a quote never closed in: the last it gives, once the text has ended.
        let unclosedAt = Number.POSITIVE_INFINITY;
        for (const error of results.errors) {
          if (error.code === 'MissingQuotes') unclosedAt = Math.min(unclosedAt, error.row ?? rows.length - 1, rows.length - 1);
        }
        const unclosed = (line: number) =>
          new UserFacingError('unclosed-quote', `${options.fileName}, line ${line}: a quoted value opens here and is never closed, so every later line would be swallowed into it. Fix the quote (or export again) and import the file again. Nothing was imported.`);
        if (unclosedAt < 0) {
          settle(unclosed(recordNumber + 1));
          return parser.abort();
        }
        // Papa also calls with no rows, when a chunk held only the start of one.
        if (rows.length > 0) deliveredAtLastRow = delivered;
        for (let i = 0; i < rows.length; i += 1) {
          recordNumber += 1;
          if (i === unclosedAt) {
            settle(unclosed(recordNumber));
            return parser.abort();
          }
          try {
            onRow(rows[i]!, recordNumber);
          } catch (error) {
            settle(error as Error);
            return parser.abort();
          }
        }
      },
      complete: () => settle(),
      error: (error: Error) => settle(error),
    });
    // Papa parses each chunk as it arrives (its stream reader queues at most one), so this count
    // follows its progress.
    input.on('data', (chunk: string) => {
      delivered += chunk.length;
      if (delivered - deliveredAtLastRow > MAX_RECORD_CHARS) {
        settle(
          new UserFacingError(
            'unclosed-quote',
            `${options.fileName}, line ${recordNumber + 1}: this record is still not finished ${MAX_RECORD_CHARS / 1024 / 1024} MB later. Most likely a quoted value opens here and never closes, which would swallow every later line (no export has a value that long). Fix the quote (or export again) and import the file again. Nothing was imported.`,
          ),
        );
      }
    });
  });
}

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
 * The session import reads quote-free text line by line itself (readLines), so a row's cells need
 * not be cut into an array; Papa takes over at the first quote.
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
  /** The bytes of a chunk of the text that are its characters, if so (./text-source.ts ChunkBytes): handed on with its lines. */
  bytesOf?: (text: string) => Uint8Array | undefined;
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
  onLine?: LineSink,
): Promise<number> {
  const lines = unifiedLineEndings(text);
  return onLine ? readLines(lines, delimiter, options, onRow, onLine) : parseWithPapa(lines, delimiter, options, onRow);
}

/**
 * Takes one line of text (from `start` to `end`, the newline not included) with its record number:
 * the caller reads the cells where they stand, or splits the line itself. `bytes`, when given,
 * holds the text's characters as bytes at the same places.
 */
export type LineSink = (text: string, start: number, end: number, line: number, bytes?: Uint8Array) => void;

const QUOTE = '"';

/**
 * Lines up to the first quote character go to `onLine` whole; from the line that holds it on, the
 * rest of the text goes through Papa (whose own fast path splits quote-free text the same way:
 * newline, then delimiter). Before any quote no value can span lines, so every newline there ends
 * a record. This spares the import an array of strings per row (docs/benchmarks.md, eighth round).
 */
async function readLines(
  lines: AsyncGenerator<string>,
  delimiter: string,
  options: DelimitedOptions,
  onRow: (row: string[], line: number) => void,
  onLine: LineSink,
): Promise<number> {
  const firstRecord = options.firstRecordNumber ?? 1;
  let record = firstRecord - 1;
  let carry = '';
  let handedOn = false;
  try {
    for (;;) {
      const next = await lines.next();
      if (options.signal?.aborted) throw options.cancelled?.() ?? new Error('cancelled');
      if (next.done) break;
      const text = next.value;
      // (`carry` is what is left of chunks already checked.)
      if (text.includes(QUOTE)) {
        handedOn = true;
        const read = await parseWithPapa(prepend(carry + text, lines), delimiter, { ...options, firstRecordNumber: record + 1 }, onRow);
        return record - firstRecord + 1 + read;
      }
      // The lines are read from the chunk itself, a flat string (only the line that straddles two
      // chunks is joined): a joined string's characters cost more to read.
      let at = 0;
      if (carry !== '') {
        const newline = text.indexOf('\n');
        if (newline === -1) {
          carry += text;
          if (carry.length > MAX_RECORD_CHARS) throw lineTooLong(options.fileName, record + 1);
          continue;
        }
        const line = carry + text.slice(0, newline);
        record += 1;
        onLine(line, 0, line.length, record);
        at = newline + 1;
      }
      const bytes = options.bytesOf?.(text);
      for (let newline = text.indexOf('\n', at); newline !== -1; newline = text.indexOf('\n', at)) {
        record += 1;
        onLine(text, at, newline, record, bytes);
        at = newline + 1;
      }
      carry = text.slice(at);
      if (carry.length > MAX_RECORD_CHARS) throw lineTooLong(options.fileName, record + 1);
    }
    // A newline at the very end ends the last record: no empty record follows it.
    if (carry !== '') {
      record += 1;
      onLine(carry, 0, carry.length, record);
    }
    return record - firstRecord + 1;
  } catch (error) {
    // Papa closes the file itself when it fails.
    if (!handedOn) {
      options.destroy?.();
      await lines.return(undefined);
    }
    throw error;
  }
}

async function* prepend(first: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield first;
  // Delegated: closing this generator closes `rest` too.
  yield* rest;
}

function recordTooLong(fileName: string, line: number): UserFacingError {
  return new UserFacingError(
    'unclosed-quote',
    `${fileName}, line ${line}: this record is still not finished ${MAX_RECORD_CHARS / 1024 / 1024} MB later. Most likely a quoted value opens here and never closes, which would swallow every later line (no export has a value that long). Fix the quote (or export again) and import the file again. Nothing was imported.`,
  );
}

function lineTooLong(fileName: string, line: number): UserFacingError {
  return new UserFacingError(
    'line-too-long',
    `${fileName}, line ${line}: this line is still not finished ${MAX_RECORD_CHARS / 1024 / 1024} MB later (no export has a line that long), so the file is damaged or is not a delimited export. Check the file (or export again) and import it again. Nothing was imported.`,
  );
}

function parseWithPapa(
  lines: AsyncIterable<string>,
  delimiter: string,
  options: DelimitedOptions,
  onRow: (row: string[], line: number) => void,
): Promise<number> {
  const { signal } = options;
  const input = Readable.from(lines);
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
      if (delivered - deliveredAtLastRow > MAX_RECORD_CHARS) settle(recordTooLong(options.fileName, recordNumber + 1));
    });
  });
}

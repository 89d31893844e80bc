/**
 * One import, start to finish: stream the file, sample its head to pick a format preset (or use
 * the one asked for), read every row or record with that preset, build sessions (staged in
 * temporary tables), then write everything — import record, agents, sessions, cube — in a single
 * transaction. Cancelling or failing before the commit leaves the database untouched; the commit
 * itself is all-or-nothing.
 */
import { isValidTimeZone, ZoneClock } from '../../../shared/calendar';
import type { ImportSummary } from '../../../shared/contract';
import { JsonRecordSplitter, JsonShapeError } from '../../../shared/import/json-records';
import type { PresetId } from '../../../shared/import/presets/ids';
import { choosePreset } from '../../../shared/import/presets/registry';
import { chooseMapped } from '../../../shared/import/presets/generic';
import type { GenericMapping } from '../../../shared/import/generic-csv';
import { stateRuleFor } from '../../../shared/import/presets/states';
import { effectiveTimeZone } from '../../../shared/import/presets/time-zones';
import { SessionFlag, type Preset, type RecordReader } from '../../../shared/import/presets/types';
import type { DateOrder } from '../../../shared/import/timestamps';
import { UserFacingError } from '../../../shared/result';
import { type Connection, inRollbackJournal } from '../db/connection';
import { markAgentsWithSessions } from '../db/agent-sessions';
import { EarlyWriteBack } from '../db/write-back';
import { cubeDerivableFromNewSessions, cubeSinkFor, cubeTimeZone, ensureCube, extendEarlyInsert, longestSessionMs, noteEarlyInsert, noteLongestSession, rebuildCubeRange, startEmptyCube, type EarlyInsert } from '../metrics/cube';
import { deriveStagedCube, startCubeWorker, type CubeJob, type CubeWorker } from './cube-worker';
import { buildSample, looksLikeJson, SAMPLE_CHARS } from './sample';
import { blankFields, SessionBuilder } from './session-builder';
import { SessionStage } from './session-stage';
import { RejectLog } from './reject-log';
import { keepImportFacts } from './import-facts';
import { openTextRange, openTextSource, splitPoint } from './text-source';
import { parseDelimited } from './delimited';
import { startHelperThread, type HelperThread } from './helper-thread';
import { PART_FIRST_RECORD, partWorkerScript, readLine, readRow, workerPartReader, type PartOutcome, type PartReader } from './file-part';
import { closeStagingFile, openStagingFile, type StageStats, type StagingFile } from './session-stage';
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';

export type ImportProgress = {
  phase: 'reading' | 'saving';
  bytesRead: number;
  rowsRead: number;
};

export type ImportOptions = {
  path: string;
  fileName: string;
  /** `auto` picks the best-scoring preset for the file; a preset id forces that preset. */
  format: 'auto' | PresetId;
  /** Zone for naive timestamps in the file (the preset's policy may derive another from it). */
  timeZone: string;
  /** Business zone the cube is kept in. */
  cubeTimeZone: string;
  /** Replaces the preset's logged-in states: these count as logged in, every other state does not. */
  loggedInStates?: readonly string[];
  /** How slashed dates are read where the format does not fix it (default MDY). */
  dateOrder?: DateOrder;
  /** The user's column mapping (the generic preset): columns, banner lines, header, clock, delimiter, encoding. */
  mapping?: GenericMapping;
  isDemo?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * How a large file is read (./file-part.ts): by default cut near its middle and read in two parts
   * at once when it is big enough and its format allows; 'whole' never cuts; tests give the cut
   * and read the second part on their own thread.
   */
  parts?: 'whole' | { at: number; reader: PartReader; pieceStarts?: number[] };
  /**
   * false: rebuild the cube from the session table even where it could be derived from the
   * staged sessions (tests compare the two).
   */
  cubeFromStage?: boolean;
  /**
   * A worker script that derives the cube from the staged sessions during the insert, on a thread
   * of its own (tests); null: derive it on the import's thread. Default: on the import's helper
   * thread for a large import (see cubeOnHelper).
   */
  cubeWorker?: string | null;
  /** Told where the cube came from: the staged sessions on the worker, on the import's thread, or the session table. */
  onCubeSource?: (source: 'worker' | 'stage' | 'table') => void;
  /**
   * A helper thread already started for imports (the command line starts one with the process:
   * ./helper-thread.ts); without it, an import that needs one starts its own and ends it after.
   */
  helper?: HelperThread;
};

/** What an import must let go of whatever happens: its builder's temporary tables, the helper thread it started. */
type Owned = { builder: SessionBuilder | null; helper: HelperThread | null };

/**
 * The import's helper thread (reads its part, then derives its cube): the one lent to it, else one
 * started for it; null when there is no second core, or no script to start (running from source).
 */
function helperThread(options: ImportOptions, owned: Owned): HelperThread | null {
  if (availableParallelism() < 2) return null;
  if (options.helper) return options.helper;
  const script = partWorkerScript();
  if (script) owned.helper ??= startHelperThread(script);
  return owned.helper;
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was saved.');
    this.name = 'ImportCancelled';
  }
}

const PROGRESS_EVERY_ROWS = 5000;
/**
 * The cube is derived from the staged sessions (not read back from the table) when the file is in
 * login order but for rows at most this late: every slice reads this far ahead
 * (electron/engine/metrics/cube.ts StagedSlices). Files sorted by agent, or not at all, take the
 * table's order instead.
 */
const STAGED_CUBE_MAX_LATENESS_MS = 6 * 3_600_000;
/**
 * A late row is moved back past the sessions that start after it: with sessions spread evenly
 * over the span, late rows × lateness ÷ span × rows moves in all. Allowed while that is at most
 * this many per row (a move is a few nanoseconds): the bench's files, 0.2–1.4 % of rows up to
 * 1.5 hours late over three years, need about 0.1 and 15.
 */
const STAGED_CUBE_MOVES_PER_ROW = 50;
/** Insert statements between two requests to write the pages so far (EarlyWriteBack): 2,000 sessions each, ≈15 MB of pages in all. */
const WRITE_BACK_EVERY_STATEMENTS = 256;
/** Below this many sessions the cube is derived on the import's thread: a helper thread costs ≈0.1 s to start (when the import must start one). */
const CUBE_WORKER_MIN_SESSIONS = 200_000;

/**
 * Whether an import of `sessions` derives its cube on its helper thread (else on its own thread).
 * On by default: a 4M-row import took 5.6 s instead of 6.6, a 40M-row one 66 s instead of 85, for
 * a fixed 15–40 MB more at the peak (the worker's heap, its working arrays and the ring its rows
 * come through; docs/benchmarks.md, seventh round).
 * SEATCAST_IMPORT_CUBE_WORKER=0 turns it off, =1 on for any size (diagnosis, measurement, tests).
 */
function cubeOnHelper(sessions: number): boolean {
  const asked = process.env.SEATCAST_IMPORT_CUBE_WORKER;
  return asked === '1' || (asked !== '0' && sessions >= CUBE_WORKER_MIN_SESSIONS);
}
/**
 * Below this size a file is read whole: the worker thread costs ≈0.1 s to start, which reading
 * half of a smaller file would not repay. SEATCAST_IMPORT_PARTS_MIN_BYTES overrides it (tests,
 * diagnosis; a huge value turns reading in parts off).
 */
const PARTS_MIN_BYTES = 32 * 1024 * 1024;

/**
 * The share of a file the import's thread reads when a worker reads the rest: less than half,
 * because the import's thread also hashes the whole file and then inserts its part while the
 * worker is still reading (RestOfFile). The worker then derives the cube while the import's thread
 * inserts the rest, so the share balances (import's thread) reading it, hashing, inserting
 * everything against (worker) reading the rest and deriving the cube. At 0.28, on the bench's
 * 4M-row file, the cube ends 0.05–0.15 s before the insert does (timed inside the import,
 * docs/benchmarks.md, ninth round). A file whose first part cannot go in early (an open session
 * in it) then waits for the worker a little longer.
 */
const FIRST_PART_SHARE = 0.28;

/**
 * FIRST_PART_SHARE for a file of `size` bytes. The import's thread inserts every session, and a
 * row costs SQLite more as the table grows (0.44 µs a row for 4M rows, 0.54 µs for 40M), so for a
 * larger file it reads less: at 3.3 GB (40M rows) the insert and the cube ended together at
 * 0.22, where 0.28 left the insert 1.7 s behind (docs/benchmarks.md, ninth round). Between the
 * two sizes measured, the share follows the logarithm of the size; it stays within them outside.
 */
export function firstPartShare(size: number): number {
  const small = 320e6;
  const large = 3.3e9;
  const t = Math.min(1, Math.max(0, Math.log(size / small) / Math.log(large / small)));
  return FIRST_PART_SHARE - t * (FIRST_PART_SHARE - LARGE_FILE_FIRST_PART_SHARE);
}

const LARGE_FILE_FIRST_PART_SHARE = 0.22;

/** The first part was cut inside a quoted value: the file is read again, whole. */
class CutInsideQuote extends Error {}

/** Where the file is cut, how big it is, who reads the part after the cut, and where that part's later pieces start (line starts, ascending). */
type Cut = { at: number; size: number; reader: PartReader; pieceStarts: number[] };

/**
 * The part after the cut is read in pieces of about this size, each handed over once read, so
 * the import can insert a piece's sessions while the worker reads the next: a 40M-row file's
 * import waited 1.4 s for the whole part, then inserted its 29M sessions alone (docs/benchmarks.md,
 * ninth round). A part below it is one piece (the bench's 4M-row file: its import has no wait).
 */
const PIECE_BYTES = 512 * 1024 * 1024;

async function planCut(options: ImportOptions, owned: Owned): Promise<Cut | null> {
  if (options.parts === 'whole') return null;
  const size = (await stat(options.path)).size;
  if (options.parts) return { at: options.parts.at, size, reader: options.parts.reader, pieceStarts: options.parts.pieceStarts ?? [] };
  const asked = Number(process.env.SEATCAST_IMPORT_PARTS_MIN_BYTES);
  // Unset or not a number: the default.
  const minBytes = process.env.SEATCAST_IMPORT_PARTS_MIN_BYTES && Number.isFinite(asked) ? asked : PARTS_MIN_BYTES;
  if (size < minBytes) return null;
  const helper = helperThread(options, owned);
  if (!helper) return null;
  const at = await splitPoint(options.path, size, options.mapping?.encoding, firstPartShare(size));
  if (at === null) return null;
  const pieces = Math.ceil((size - at) / PIECE_BYTES);
  const pieceStarts: number[] = [];
  for (let k = 1; k < pieces; k += 1) {
    const start = await splitPoint(options.path, size, options.mapping?.encoding, (at + ((size - at) * k) / pieces) / size);
    if (start !== null && start > (pieceStarts.at(-1) ?? at)) pieceStarts.push(start);
  }
  return { at, size, reader: workerPartReader(helper), pieceStarts };
}
const JSON_SAMPLE_RECORDS = 5;
const JSON_SAMPLE_MAX_CHARS = 16 * 1024 * 1024;

/** What reading the file produced, ready to commit. */
type FileReading = {
  preset: Preset;
  timeZone: string;
  builder: SessionBuilder;
  /** Read once the whole file is in (the part after the cut adds to what they say). */
  warnings: () => string[];
  sha256: string;
  /** Rejected rows as read, for imports:rejects. */
  rejects: RejectLog;
  /**
   * The part after the cut, when it is still being read on the worker and the first part's
   * sessions can go in meanwhile (see RestOfFile); absent when the whole file is read.
   */
  rest?: RestOfFile;
};

/**
 * The second part of a file still being read on the part worker while the import inserts the
 * first part's sessions in its transaction. The first part is read on the import's thread (which
 * also hashes the whole file), so the import's thread would otherwise wait for the worker and
 * then insert alone; with its own part made the smaller (FIRST_PART_SHARE) and inserted while the
 * worker reads on, a 4M-row import took 5.2–5.4 s instead of 5.5–5.7 (docs/benchmarks.md,
 * seventh round). A large second part comes in pieces (PIECE_BYTES), each inserted once taken,
 * so the import's thread does not wait for the whole part (ninth round).
 */
type RestOfFile = {
  /** Whether the next piece of the part has been read (takeSync would not wait). */
  ready: () => boolean;
  /** Whether pieces of the part are still to be taken. */
  pending: () => boolean;
  /**
   * Waits (blocking the thread: inside the transaction) for the next piece and takes it: its
   * sessions' counts and span; null when the part could not be read there. The builder is
   * finished once the last piece is taken.
   */
  takeSync: () => StageStats | null;
  /** After a transaction that could not take every piece: awaits the rest, or reads it on this thread. */
  readHere: () => Promise<void>;
  /** Stops the worker and closes the staging files of the pieces not taken. */
  release: () => void;
};

/** The worker could not give a piece of the part inside the transaction: rolled back, the rest is read another way. */
class RestNotRead extends Error {}

export async function runImport(db: Connection, options: ImportOptions): Promise<ImportSummary> {
  // The builder owns temporary tables: dropped whatever happens.
  const owned: Owned = { builder: null, helper: null };
  let read: FileReading | null = null;
  try {
    try {
      read = await readFile(db, options, owned, true);
    } catch (error) {
      if (!(error instanceof CutInsideQuote)) throw error;
      owned.builder?.drop();
      owned.builder = null;
      read = await readFile(db, options, owned, false);
    }
    if (read.rest) {
      try {
        return commitImport(db, options, read, owned);
      } catch (error) {
        if (!(error instanceof RestNotRead)) throw error;
      }
      // Rolled back: the part is awaited or read here, then everything is committed as usual.
      await read.rest.readHere();
      read = { ...read, rest: undefined };
    }
    return commitImport(db, options, read, owned);
  } finally {
    read?.rest?.release();
    owned.builder?.drop();
    owned.helper?.release();
  }
}

async function readFile(db: Connection, options: ImportOptions, owned: Owned, inParts: boolean): Promise<FileReading> {
  let bytesRead = 0;
  let rowsRead = 0;
  // Bytes and rows of the part after the cut, read on a worker thread or here.
  let partBytes = 0;
  let partRows = 0;
  const report = (phase: ImportProgress['phase']) => options.onProgress?.({ phase, bytesRead: bytesRead + partBytes, rowsRead: rowsRead + partRows });
  const cut = inParts ? await planCut(options, owned) : null;
  const source = openTextSource(options.path, options.fileName, {
    onBytes: (n) => {
      bytesRead = n;
      report('reading');
    },
    ...(options.mapping?.encoding ? { encoding: options.mapping.encoding } : {}),
    ...(cut ? { end: cut.at } : {}),
  });
  let part: ReturnType<PartReader> | null = null;
  // The part's staging files, one a piece, until they are taken (or handed to the commit).
  let partFiles: StagingFile[] = [];
  // Taken when the first part's text ends (or the whole file's): a digest can be read once.
  let sha256: string | undefined;
  // Closes the file after the cut when this thread reads it.
  let restDestroy = () => undefined as void;
  // The bytes of its chunks (ChunkBytes), likewise.
  let restBytesOf = (_text: string): Uint8Array | undefined => undefined;
  const checkCancelled = () => {
    if (options.signal?.aborted) {
      source.destroy();
      throw new ImportCancelled();
    }
  };

  try {
    // The head: enough text to recognise the format.
    const chunks = source.text[Symbol.asyncIterator]() as AsyncIterator<string>;
    let head = '';
    // Everything up to the cut (or the end) is in `head`.
    let headToCut = false;
    checkCancelled();
    while (head.length < SAMPLE_CHARS) {
      const next = await chunks.next();
      checkCancelled();
      if (next.done) {
        headToCut = true;
        break;
      }
      head += next.value;
    }
    // A JSON record can be bigger than the head (a Genesys user with a month of presences): read
    // on until a few whole records are in hand.
    if (!headToCut && looksLikeJson(head)) {
      const counter = new JsonRecordSplitter(() => undefined);
      try {
        counter.push(head);
        while (counter.records < JSON_SAMPLE_RECORDS && head.length < JSON_SAMPLE_MAX_CHARS) {
          const next = await chunks.next();
          checkCancelled();
          if (next.done) {
            headToCut = true;
            break;
          }
          head += next.value;
          counter.push(next.value);
        }
      } catch (error) {
        if (!(error instanceof JsonShapeError)) throw error;
        // buildSample reports it with the file name.
      }
    }
    const complete = headToCut && !cut;
    const sample = buildSample(head, complete, options.fileName, options.mapping?.delimiter);
    const choice = options.mapping ? chooseMapped(sample, options.format, options.mapping) : choosePreset(sample, options.format);
    if (!choice.ok) throw new UserFacingError('not-a-login-export', `${options.fileName}: ${choice.message}`);
    const { preset, detection } = choice;

    const timeZone = effectiveTimeZone(preset.timeZone, options.timeZone, detection.fileTimeZone, new Date().getUTCFullYear());
    if (!isValidTimeZone(timeZone)) {
      throw new UserFacingError('invalid-time-zone', `${options.fileName} states the time zone "${timeZone}", which this system does not know.`);
    }
    const builder = new SessionBuilder(new ZoneClock(timeZone), new SessionStage(db), preset.reconstruction, preset.mergeGapMs);
    owned.builder = builder;
    const context = { states: stateRuleFor(preset.defaultStates, options.loggedInStates), dateOrder: options.dateOrder ?? 'MDY' };

    // The file after the cut, read on this thread.
    const encoding = source.encoding();
    if (cut && encoding !== 'utf-8' && encoding !== 'windows-1252') throw new Error(`a ${encoding} file was cut`);
    const restOfFile = (from = cut!.at): AsyncIterable<string> => {
      const rest = openTextRange(options.path, from, cut!.size, encoding as 'utf-8' | 'windows-1252', (n) => {
        partBytes = n;
        report('reading');
      });
      restDestroy = rest.destroy;
      restBytesOf = rest.bytesOf;
      return rest.text;
    };
    const readInParts = cut !== null && sample.container === 'delimited' && preset.container === 'delimited' && preset.rowIndependent === true;
    // Where each piece of the part after the cut starts: at the cut, then at cut.pieceStarts.
    const piecesAt = cut ? [cut.at, ...cut.pieceStarts] : [];

    async function* wholeText(): AsyncGenerator<string> {
      yield head;
      if (!headToCut) {
        for (;;) {
          const next = await chunks.next();
          if (next.done) break;
          yield next.value;
        }
      }
      if (cut && !readInParts) yield* restOfFile();
    }

    const progress = () => {
      rowsRead = builder.rowsRead;
      if (rowsRead % PROGRESS_EVERY_ROWS === 0) report('reading');
    };

    const rejects = new RejectLog();
    let reader: RecordReader<readonly string[]> | RecordReader<unknown>;
    if (sample.container === 'delimited') {
      const rowReader = (detection as { open: (c: typeof context) => RecordReader<readonly string[]> }).open(context);
      reader = rowReader;
      const reading = {
        fileName: options.fileName,
        signal: options.signal,
        cancelled: () => new ImportCancelled(),
        destroy: () => {
          source.destroy();
          restDestroy();
        },
        bytesOf: (text: string) => source.bytesOf(text) ?? restBytesOf(text),
      };
      const onRow = (row: string[], line: number) => {
        readRow(builder, rowReader, rejects, row, line);
        progress();
      };
      const onLine = (text: string, start: number, end: number, line: number, bytes?: Uint8Array) => {
        readLine(builder, rowReader, rejects, text, start, end, sample.delimiter, line, bytes);
        progress();
      };
      if (readInParts) {
        partFiles = piecesAt.map(() => openStagingFile(db));
        part = cut!.reader(
          {
            path: options.path,
            fileName: options.fileName,
            pieces: piecesAt.map((start, k) => ({ start, end: piecesAt[k + 1] ?? cut!.size, stagingFd: partFiles[k]!.fd })),
            encoding: encoding as 'utf-8' | 'windows-1252',
            head,
            presetId: preset.id,
            ...(options.mapping ? { mapping: options.mapping } : {}),
            timeZone,
            dateOrder: context.dateOrder,
            ...(options.loggedInStates ? { loggedInStates: options.loggedInStates } : {}),
          },
          (p) => {
            partBytes = p.bytesRead;
            partRows = p.rowsRead;
            report('reading');
          },
        );
      }
      let records: number;
      try {
        records = await parseDelimited(wholeText(), sample.delimiter, reading, onRow, onLine);
      } catch (error) {
        if (part && error instanceof UserFacingError && error.code === 'unclosed-quote') throw new CutInsideQuote();
        throw error;
      }
      if (part) {
        const run: ReturnType<PartReader> = part;
        const files = partFiles;
        // Pieces taken so far; records before the next one, whose line numbers move by `lineOffset`.
        // (The first part ends with a newline, which ends its last record: a stream gives no empty record after it.)
        let taken = 0;
        let recordsBefore = records;
        const take = (outcome: PartOutcome): StageStats => {
          const lineOffset = recordsBefore + 1 - PART_FIRST_RECORD;
          builder.absorb(outcome.reading, files[taken]!, lineOffset);
          rejects.absorb(outcome.rejects, lineOffset);
          recordsBefore += outcome.records;
          taken += 1;
          partRows = 0;
          return outcome.reading.stage;
        };
        // The worker could not read it (it says nothing about why a row is bad): the pieces not
        // taken are read here, where refusals name the right line.
        const readRestHere = async () => {
          for (const file of files.slice(taken)) closeStagingFile(file);
          partBytes = 0;
          partRows = 0;
          await parseDelimited(restOfFile(piecesAt[taken]), sample.delimiter, { ...reading, firstRecordNumber: recordsBefore + 1 }, onRow, onLine);
        };
        // The whole file is hashed once its first part's text has ended.
        sha256 = source.digest();
        const insertEarly =
          run.waitSync !== undefined && builder.stagedSessionsFinal && builder.count > 0 && importWithDigest(db, sha256) === undefined;
        if (insertEarly) {
          checkCancelled();
          // Handed to the commit: this function no longer stops the part or closes its files.
          part = null;
          partFiles = [];
          let settled = false;
          const settle = () => {
            settled = true;
            void run.stop();
          };
          const rest: RestOfFile = {
            ready: () => run.ready?.() ?? false,
            pending: () => taken < files.length,
            takeSync: () => {
              const outcome = run.waitSync!();
              if (!outcome) return null;
              const stats = take(outcome);
              if (taken === files.length) {
                settle();
                builder.finish();
              }
              return stats;
            },
            readHere: async () => {
              try {
                const outcomes = await partOutcomes(run.result, options.signal);
                settle();
                if (outcomes) for (const outcome of outcomes.slice(taken)) take(outcome!);
                else await readRestHere();
                builder.finish();
              } catch (error) {
                source.destroy();
                restDestroy();
                throw error;
              }
            },
            release: () => {
              if (settled) return;
              settled = true;
              // The pieces not taken are closed once the part no longer writes them.
              void run.stop().then(() => {
                for (const file of files.slice(taken)) closeStagingFile(file);
              });
            },
          };
          report('saving');
          return { preset, timeZone, builder, warnings: () => [...(reader.warnings?.() ?? []), ...ignoredNotes(builder)], sha256, rejects, rest };
        }
        const outcomes = await partOutcomes(run.result, options.signal);
        partFiles = [];
        if (outcomes) for (const outcome of outcomes) take(outcome!);
        else await readRestHere();
      }
    } else {
      const recordReader = (detection as { open: (c: typeof context) => RecordReader<unknown> }).open(context);
      reader = recordReader;
      const splitter = new JsonRecordSplitter((record, line) => {
        const rejectedBefore = builder.rejected;
        if (!record.ok) builder.reject(line, undefined, `the record is ${record.message}`);
        else builder.addAll(recordReader.read(record.value, line), line);
        // Only a rejected record is turned back into text.
        if (builder.rejected !== rejectedBefore) rejects.note(record.ok ? JSON.stringify(record.value) : '', line, rejectedBefore, builder.rejected, 0, 1);
        progress();
      });
      try {
        for await (const chunk of wholeText()) {
          checkCancelled();
          splitter.push(chunk);
        }
        splitter.end();
      } catch (error) {
        if (error instanceof JsonShapeError) {
          throw new UserFacingError('not-a-login-export', `${options.fileName}, line ${error.line}: ${error.message}. Nothing was imported.`);
        }
        throw error;
      }
    }

    checkCancelled();
    builder.finish();
    rowsRead = builder.rowsRead;
    report('saving');
    sha256 ??= source.digest();
    return { preset, timeZone, builder, warnings: () => [...(reader.warnings?.() ?? []), ...ignoredNotes(builder)], sha256, rejects };
  } catch (error) {
    source.destroy();
    restDestroy();
    throw error;
  } finally {
    // A part still being read writes its staging files until it has stopped.
    const stopping = (part as ReturnType<PartReader> | null)?.stop() ?? Promise.resolve();
    const files = partFiles;
    void stopping.then(() => {
      for (const file of files) closeStagingFile(file);
    });
  }
}

/** The part's pieces, or null when it failed; a cancel stops waiting at once. */
function partOutcomes(result: Promise<Array<PartOutcome | null>>, signal: AbortSignal | undefined): Promise<Array<PartOutcome | null> | null> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ImportCancelled());
    const onAbort = () => reject(new ImportCancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    result.then(
      (outcome) => resolve(outcome),
      () => resolve(null),
    ).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

function ignoredNotes(builder: SessionBuilder): string[] {
  const parts = [...builder.ignored.entries()].map(([reason, n]) => `${n} ${reason}`);
  if (builder.duplicateEvents > 0) parts.push(`${builder.duplicateEvents} duplicate event${builder.duplicateEvents === 1 ? '' : 's'}`);
  return parts.length === 0 ? [] : [`Ignored: ${parts.join(', ')}.`];
}

/** The id of the import of the same bytes, if there was one. */
function importWithDigest(db: Connection, sha256: string): number | undefined {
  return (db.prepare('SELECT id FROM import WHERE sha256 = ?').get(sha256) as { id: number } | undefined)?.id;
}

function commitImport(db: Connection, options: ImportOptions, read: FileReading, owned: Owned): ImportSummary {
  const { builder, preset, timeZone, sha256, rest } = read;
  // What the summary says of the file: read once all of it is in (after the rest is taken).
  const summaryBase = () => ({
    file: options.fileName,
    format: preset.id,
    timeZone,
    rowsRead: builder.rowsRead,
    rejected: builder.rejected,
    errors: builder.errors,
    ignored: builder.ignoredCount + builder.duplicateEvents,
    warnings: read.warnings(),
  });
  if (!rest) {
    const existing = importWithDigest(db, sha256);
    if (existing !== undefined) {
      return { ...summaryBase(), importId: existing, sessionsAdded: 0, duplicates: builder.count, alreadyImported: true, spanStart: null, spanEnd: null };
    }
    if (builder.count === 0) {
      const base = summaryBase();
      const ignoredNote = base.ignored > 0 ? ` ${base.warnings[base.warnings.length - 1] ?? ''}` : '';
      throw new UserFacingError(
        'no-sessions',
        `${options.fileName}: none of its ${builder.rowsRead} rows could be read as a session${
          builder.errors[0] ? ` (first problem, line ${builder.errors[0].line}: ${builder.errors[0].message})` : ''
        }.${ignoredNote} Nothing was imported.`,
      );
    }
  }

  const writeBack = new EarlyWriteBack(db);
  const commit = db.transaction(() => {
    // Rows read, rejects and the span are written again at the end: with a rest to come, they grow.
    const importId = Number(
      db
        .prepare(
          `INSERT INTO import (file_name, sha256, format, time_zone, options_json, rows_read, sessions_added,
             duplicates, rejected, span_start_ms, span_end_ms, is_demo, imported_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, NULL, NULL, ?, ?)`,
        )
        .run(
          options.fileName,
          sha256,
          preset.id,
          timeZone,
          JSON.stringify({
            format: options.format,
            ...(options.loggedInStates ? { loggedInStates: options.loggedInStates } : {}),
            ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
            ...(options.mapping ? { mapping: options.mapping } : {}),
          }),
          builder.rowsRead,
          builder.rejected,
          options.isDemo ? 1 : 0,
          Date.now(),
        ).lastInsertRowid,
    );

    const upsertAgent = db.prepare(
      `INSERT INTO agent (external_key, display_name, team, site, program, role)
       VALUES (?, ?, ?, ?, ?, COALESCE(?, 'agent'))
       ON CONFLICT(external_key) DO UPDATE SET
         display_name = COALESCE(excluded.display_name, agent.display_name),
         team = COALESCE(excluded.team, agent.team),
         site = COALESCE(excluded.site, agent.site),
         program = COALESCE(excluded.program, agent.program),
         role = CASE WHEN ? IS NULL THEN agent.role ELSE excluded.role END
       RETURNING id`,
    );
    const upsert = (a: (typeof builder.agents)[number]) => (upsertAgent.get(a.key, a.name ?? a.label, a.team, a.site, a.program, a.role, a.role) as { id: number }).id;
    let agentIds = builder.agents.map(upsert);
    const inserter = builder.stage.inserter(importId);
    // Between two insert statements: the cube's rows that have arrived (once its worker runs) are
    // written, and now and then the system is asked to write the pages so far (EarlyWriteBack).
    let cubeWorker: CubeWorker | null = null;
    let statements = 0;
    const afterStatement = () => {
      cubeWorker?.drain();
      if (++statements % WRITE_BACK_EVERY_STATEMENTS === 0) writeBack.start();
    };

    let early: EarlyInsert | undefined;
    if (rest) {
      // The first part's sessions go in while the worker reads the second part. Once the worker
      // is done, the part is taken between two statements, not after the first part is all in:
      // the cube's worker, which needs both parts, then starts at once, beside the rest of the
      // insert (the second core had been idle meanwhile: docs/benchmarks.md, ninth round).
      const first = builder.stage.stats();
      early = noteEarlyInsert(db, first.firstStart, first.maxStart);
      let blanks = builder.agents.map(blankFields);
      // A large part comes in pieces: each is inserted as soon as it is taken, while no session
      // is open (an open one ends where the export does, known once the whole file is read).
      let inserting = true;
      while (rest.pending()) {
        if (inserting) inserter.insertFiles(agentIds, afterStatement, rest.ready);
        const piece = rest.takeSync();
        if (!piece) throw new RestNotRead();
        // A piece's rows may fill attributes an agent's earlier rows left blank, and bring new agents.
        agentIds = builder.agents.map((agent, index) => (index < agentIds.length && blankFields(agent) === blanks[index] ? agentIds[index]! : upsert(agent)));
        blanks = builder.agents.map(blankFields);
        inserting &&= rest.pending() && builder.stagedSessionsFinal;
        // Its sessions go in before the cube's check below, which leaves out what the import inserted.
        if (inserting && piece.rows > 0) early = extendEarlyInsert(db, early, piece.firstStart, piece.maxStart);
      }
    }

    const { first: spanStart, last: spanEnd, longest } = builder.stage.span()!;
    // Asked before the insert: once the new sessions are stored, they are near their own days
    // (sessions inserted early were allowed for in `early`).
    const order = builder.stage.order;
    const cubeFromStage =
      options.cubeFromStage !== false &&
      order.lateness <= STAGED_CUBE_MAX_LATENESS_MS &&
      order.lateRows * Math.min(order.lateness, spanEnd - spanStart) <= STAGED_CUBE_MOVES_PER_ROW * Math.max(1, spanEnd - spanStart) &&
      cubeDerivableFromNewSessions(db, options.cubeTimeZone, spanStart, spanEnd, longest, early);
    // The cube from the staged sessions themselves, not read back from the table: after the
    // insert, or (a large import: cubeOnHelper) on the import's helper thread during it (./cube-worker.ts).
    let cubeJob: CubeJob | null = null;
    if (cubeFromStage) {
      if (cubeTimeZone(db) !== options.cubeTimeZone) startEmptyCube(db, options.cubeTimeZone);
      cubeJob = {
        files: builder.stage.stagedFiles(agentIds),
        timeZone: options.cubeTimeZone,
        fromMs: spanStart,
        toMs: spanEnd,
        longestMs: Math.max(longestSessionMs(db), longest),
        lateness: order.lateness,
      };
      // A script asked for by name (tests) runs on a thread of its own; by default the cube is
      // derived on the import's helper thread.
      const asked = options.cubeWorker;
      try {
        const on = asked === undefined ? (cubeOnHelper(builder.stage.count) ? helperThread(options, owned) : null) : asked;
        if (on) cubeWorker = startCubeWorker(cubeJob, cubeSinkFor(db), on);
      } catch {
        // No thread to be had: derived on this one after the insert.
      }
    }
    try {
      inserter.insertFiles(agentIds, afterStatement);
      const { added, flagCounts } = inserter.finish(afterStatement);
      markAgentsWithSessions(db, builder.stage.agentsWithSessions(agentIds));
      noteLongestSession(db, longest);
      const duplicates = builder.count - added;
      db.prepare('UPDATE import SET rows_read = ?, rejected = ?, span_start_ms = ?, span_end_ms = ?, sessions_added = ?, duplicates = ? WHERE id = ?').run(
        builder.rowsRead,
        builder.rejected,
        spanStart,
        spanEnd,
        added,
        duplicates,
        importId,
      );
      read.rejects.save(db, importId, builder.errors);
      const flagged = keepImportFacts(db, importId, read.warnings(), {
        openCapped: flagCounts.get(SessionFlag.OPEN_CAPPED) ?? 0,
        zeroLength: flagCounts.get(SessionFlag.ZERO_LENGTH) ?? 0,
        dstResolved: flagCounts.get(SessionFlag.DST_RESOLVED) ?? 0,
      });

      if (cubeJob) {
        // Without a worker, or if it failed: derived here, every row of the range (re)written.
        const byWorker = cubeWorker?.finish() ?? false;
        if (!byWorker) deriveStagedCube(cubeJob, cubeSinkFor(db));
        options.onCubeSource?.(byWorker ? 'worker' : 'stage');
      } else {
        options.onCubeSource?.('table');
        const rebuiltAll = ensureCube(db, options.cubeTimeZone);
        if (added > 0 && !rebuiltAll) rebuildCubeRange(db, new ZoneClock(options.cubeTimeZone), spanStart, spanEnd);
      }
      return { importId, added, duplicates, flagged, spanStart, spanEnd };
    } catch (error) {
      // The worker reads the staging files, which are closed once the import ends.
      cubeWorker?.stop();
      throw error;
    }
  });
  let committed: ReturnType<typeof commit>;
  try {
    committed = inRollbackJournal(db, commit);
  } finally {
    writeBack.close();
  }
  const { importId, added, duplicates, flagged, spanStart, spanEnd } = committed;
  return {
    ...summaryBase(),
    importId,
    sessionsAdded: added,
    duplicates,
    flagged,
    alreadyImported: false,
    spanStart: new Date(spanStart).toISOString(),
    spanEnd: new Date(spanEnd).toISOString(),
  };
}

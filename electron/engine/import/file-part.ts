/**
 * Reading a large file in two parts at once. Parsing text is most of an import's time and uses
 * one core; a plain CSV of a format whose rows read independently (Preset.rowIndependent) is cut
 * at a line start near its middle (text-source.ts splitPoint). The import's own thread reads the
 * first part while a worker thread reads the second into its own staging file; the import then
 * takes the second part's sessions, agents, rejects and counts as if it had read them itself
 * (SessionBuilder.absorb), so the result is the one reading the file whole gives — same sessions,
 * same first-wins de-duplication, same line numbers.
 *
 * The second part does not know how many records the first holds (quoted values may hold line
 * breaks), so it numbers its records from PART_FIRST_RECORD, far above any header line, and its
 * line numbers are moved once the first part is read.
 *
 * A large second part is read in pieces, each a part of its own in all of the above (numbered
 * from PART_FIRST_RECORD, its own agents and staging file) and handed over as soon as it is read,
 * so the import can insert its sessions while the next piece is read.
 *
 * The worker runs `readPart` below; tests run it on their own thread (`inProcessPartReader`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { ZoneClock } from '../../../shared/calendar';
import type { GenericMapping } from '../../../shared/import/generic-csv';
import { chooseMapped } from '../../../shared/import/presets/generic';
import type { PresetId } from '../../../shared/import/presets/ids';
import { choosePreset } from '../../../shared/import/presets/registry';
import { stateRuleFor } from '../../../shared/import/presets/states';
import type { RecordReader } from '../../../shared/import/presets/types';
import type { DateOrder } from '../../../shared/import/timestamps';
import { parseDelimited } from './delimited';
import { RejectLog } from './reject-log';
import { buildSample } from './sample';
import { SessionBuilder, type PartReading } from './session-builder';
import { SessionStage } from './session-stage';
import { openTextRange } from './text-source';
import { PART_WORKER_FILE, startHelperThread, type HelperThread } from './helper-thread';
import type { HelperTask } from './part-worker';

/** The record number the second part's first record gets until the first part is counted. */
export const PART_FIRST_RECORD = 2 ** 40;

/** Everything a part needs, as plain data (it crosses to a worker thread). */
export type PartJob = {
  path: string;
  fileName: string;
  /**
   * The part's pieces in file order: bytes [start, end) each, start just after a newline, each
   * staged into an open staging file of its own (the import's to close: file descriptors are
   * shared by the process's threads). Each piece's outcome is handed over once it is read, so a
   * large part's sessions can go in while its later pieces are still being read.
   */
  pieces: Array<{ start: number; end: number; stagingFd: number }>;
  encoding: 'utf-8' | 'windows-1252';
  /** The file's head as the import sampled it: the part chooses the same preset and columns from it. */
  head: string;
  presetId: PresetId;
  mapping?: GenericMapping;
  timeZone: string;
  dateOrder: DateOrder;
  loggedInStates?: readonly string[];
};

/** What reading one piece gave. */
export type PartOutcome = {
  reading: PartReading;
  rejects: RejectLog['rows'];
  /** Records (lines but for quoted line breaks) in the piece: where the next piece's line numbers start. */
  records: number;
};

export type PartProgress = { bytesRead: number; rowsRead: number };

/** Runs a part somewhere; rejects when the part cannot be read (the import then reads it itself). */
export type PartReader = (job: PartJob, onProgress: (progress: PartProgress) => void) => PartRun;

export type PartRun = {
  /** Every piece's outcome, in order; null for a piece waitSync already took (let go of: it holds the piece's agents). */
  result: Promise<Array<PartOutcome | null>>;
  /**
   * Stops reading. Settles once the part no longer writes its staging files (it has answered, or
   * its thread has ended): only then may they be closed, or a write still under way could land in
   * a file opened meanwhile under the same descriptor.
   */
  stop: () => Promise<void>;
  /**
   * Blocks this thread until the next piece not taken yet is read, and takes it: its outcome, or
   * null when the part failed or went silent. Only a part read on another thread can be waited
   * for so (the import waits inside its transaction, having inserted what it had meanwhile:
   * ../import/pipeline.ts).
   */
  waitSync?: () => PartOutcome | null;
  /** Whether the next piece not taken yet has been read, without waiting (a part read on another thread). */
  ready?: () => boolean;
};

/** A part's worker that says nothing (no progress, no answer) for this long is taken for failed by waitSync. */
const PART_SILENCE_MS = 30_000;

const PROGRESS_EVERY_ROWS = 5000;

/**
 * Reads one part of a file piece by piece (on whatever thread calls it), handing each piece's
 * outcome to `onPiece` as soon as it is read (and keeping none: a piece's agents are let go of
 * once handed on). Each piece is read as if it were a part of its own: records numbered from
 * PART_FIRST_RECORD, agents indexed afresh, its own staging file. Progress counts the part's bytes
 * so far and the current piece's rows.
 */
export async function readPart(
  job: PartJob,
  onProgress: (progress: PartProgress) => void,
  stopped: () => boolean,
  onPiece: (outcome: PartOutcome) => void,
): Promise<void> {
  const sample = buildSample(job.head, false, job.fileName, job.mapping?.delimiter);
  const choice = job.mapping ? chooseMapped(sample, job.presetId, job.mapping) : choosePreset(sample, job.presetId);
  if (!choice.ok || choice.preset.id !== job.presetId || sample.container !== 'delimited') throw new Error('the part did not recognise the format the import chose');
  const { preset, detection } = choice;
  const context = { states: stateRuleFor(preset.defaultStates, job.loggedInStates), dateOrder: job.dateOrder };
  let bytesBefore = 0;
  for (const piece of job.pieces) {
    const stage = new SessionStage(null, piece.stagingFd);
    const builder = new SessionBuilder(new ZoneClock(job.timeZone), stage, preset.reconstruction, preset.mergeGapMs);
    const reader = (detection as { open: (c: typeof context) => RecordReader<readonly string[]> }).open(context);
    const rejects = new RejectLog();
    let bytesRead = bytesBefore;
    const range = openTextRange(job.path, piece.start, piece.end, job.encoding, (n) => {
      bytesRead = bytesBefore + n;
    });
    const afterRow = () => {
      if (builder.rowsRead % PROGRESS_EVERY_ROWS === 0) onProgress({ bytesRead, rowsRead: builder.rowsRead });
    };
    const records = await parseDelimited(
      range.text,
      sample.delimiter,
      { fileName: job.fileName, firstRecordNumber: PART_FIRST_RECORD, destroy: range.destroy, bytesOf: range.bytesOf },
      (row, line) => {
        if (stopped()) throw new Error('the part was stopped');
        readRow(builder, reader, rejects, row, line);
        afterRow();
      },
      (text, start, end, line, bytes) => {
        if (stopped()) throw new Error('the part was stopped');
        readLine(builder, reader, rejects, text, start, end, sample.delimiter, line, bytes);
        afterRow();
      },
    );
    onProgress({ bytesRead, rowsRead: builder.rowsRead });
    bytesBefore += piece.end - piece.start;
    onPiece({ reading: builder.part(), rejects: rejects.rows, records });
  }
}

/** One row into the builder, noting it in the reject log: the same for the whole file and for a part. */
export function readRow(builder: SessionBuilder, reader: RecordReader<readonly string[]>, rejects: RejectLog, row: string[], line: number): void {
  const rejectedBefore = builder.rejected;
  const readBefore = builder.rowsRead;
  builder.addAll(reader.read(row, line), line);
  rejects.note(row, line, rejectedBefore, builder.rejected, readBefore, builder.rowsRead);
}

/** One line of quote-free text into the builder: read in place where the reader can, else split into a row. */
export function readLine(
  builder: SessionBuilder,
  reader: RecordReader<readonly string[]>,
  rejects: RejectLog,
  text: string,
  start: number,
  end: number,
  delimiter: string,
  line: number,
  bytes?: Uint8Array,
): void {
  // The usual row goes straight into the builder: once data has started, a row that was neither
  // rejected nor a header leaves the reject log nothing to note.
  if (rejects.dataStarted && reader.readLineInto?.(text, start, end, delimiter, line, builder, bytes) === true) return;
  const readings = reader.readLine?.(text, start, end, delimiter, line) ?? null;
  if (readings === null) return readRow(builder, reader, rejects, text.slice(start, end).split(delimiter), line);
  const rejectedBefore = builder.rejected;
  const readBefore = builder.rowsRead;
  builder.addAll(readings, line);
  // The log wants a row's cells only before the data starts (the header) or when it was rejected.
  if (builder.rejected !== rejectedBefore || !rejects.dataStarted) {
    rejects.note(text.slice(start, end).split(delimiter), line, rejectedBefore, builder.rejected, readBefore, builder.rowsRead);
  }
}

/** The worker script, next to the bundle that runs the import; absent when running from source. */
export function partWorkerScript(): string | null {
  const script = join(__dirname, PART_WORKER_FILE);
  return existsSync(script) ? script : null;
}

export { PART_WORKER_FILE };

/**
 * Reads the part on a helper thread (./helper-thread.ts): the import's (which then goes on to its
 * cube), or one started from a script for this part alone. The answer comes over a port of its
 * own, each message followed by a bump of a shared counter, so the import can also wait for it
 * without its event loop (waitSync).
 */
export function workerPartReader(on: HelperThread | string): PartReader {
  return (job, onProgress) => {
    const own = typeof on === 'string';
    const { port1, port2 } = new MessageChannel();
    // [answers so far, stop asked]
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const thread = own ? startHelperThread(on) : on;
    const task: HelperTask = { task: 'part', job, answer: { port: port2, signal } };
    thread.post(task, [port2]);
    let settle: { resolve: (outcomes: Array<PartOutcome | null>) => void; reject: (error: Error) => void };
    // The pieces read so far (null once taken), how many were taken (waitSync), and whether the
    // helper has said its last (every piece, or a failure).
    const arrived: Array<PartOutcome | null> = [];
    let taken = 0;
    let ended = false;
    // Whichever settles the promise first wins: a closed port after the answer changes nothing.
    const result = new Promise<Array<PartOutcome | null>>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const end = () => {
      ended = true;
      port1.close();
    };
    const take = (message: PartAnswer) => {
      if (ended) return;
      if (message.type === 'progress') return onProgress(message.progress);
      if (message.type === 'piece') {
        arrived.push(message.outcome);
        if (arrived.length < job.pieces.length) return;
        end();
        settle.resolve(arrived);
        return;
      }
      end();
      settle.reject(new Error(message.message));
    };
    port1.on('message', take);
    // The helper's end of the port closes with its thread: a part that stopped without a word.
    port1.on('close', () => {
      if (!ended) settle.reject(new Error("the part's thread stopped"));
      ended = true;
    });
    // Nobody may be waiting when it is stopped.
    result.catch(() => undefined);
    /** Takes every answer that has arrived on the port. */
    const receive = () => {
      for (let received = ended ? undefined : receiveMessageOnPort(port1); received; received = ended ? undefined : receiveMessageOnPort(port1)) {
        take(received.message as PartAnswer);
      }
    };
    return {
      result,
      stop: () => {
        Atomics.store(signal, 1, 1);
        if (own) thread.release();
        // Its answer is still listened for (it settles `result`), but need not keep this thread alive.
        port1.unref();
        return result.then(
          () => undefined,
          () => undefined,
        );
      },
      ready: () => {
        receive();
        return arrived.length > taken;
      },
      waitSync: () => {
        let heard = Date.now();
        for (;;) {
          const seen = Atomics.load(signal, 0);
          receive();
          if (arrived.length > taken) {
            const outcome = arrived[taken]!;
            arrived[taken++] = null;
            return outcome;
          }
          // Nothing left to come: the part failed (or every piece was taken already).
          if (ended) return null;
          if (Atomics.wait(signal, 0, seen, 250) !== 'timed-out') heard = Date.now();
          else if (Date.now() - heard > PART_SILENCE_MS) return null;
        }
      },
    };
  };
}

/** The part's answers, over their own port: progress now and then, each piece once read, or a failure. */
export type PartAnswer = { type: 'progress'; progress: PartProgress } | { type: 'piece'; outcome: PartOutcome } | { type: 'failed'; message: string };

/** Where the part answers: a port, and shared words [answers so far (bumped after each), stop asked]. */
export type PartAnswerChannel = { port: MessagePort; signal: Int32Array };

/** Reads the part on the calling thread, interleaved with the first part (tests). */
export const inProcessPartReader: PartReader = (job, onProgress) => {
  let stop = false;
  const outcomes: PartOutcome[] = [];
  const result = readPart(job, onProgress, () => stop, (outcome) => outcomes.push(outcome)).then(() => outcomes);
  result.catch(() => undefined);
  return {
    result,
    stop: () => {
      stop = true;
      return result.then(
        () => undefined,
        () => undefined,
      );
    },
  };
};

/**
 * An import's cube derived on a worker thread while the import inserts its sessions. When the
 * cube can come from the import's own staged sessions (../metrics/cube.ts StagedSlices), deriving
 * it needs no database at all, only the staging files — so it runs beside the insert, on the
 * second core, instead of after it.
 *
 * The import's transaction stays on the import's thread, which writes the rows the worker derives:
 * the worker posts them in batches and bumps a shared counter; the import takes whatever has
 * arrived after each insert statement (receiveMessageOnPort: it never returns to its event loop
 * inside the transaction) and, once the insert is done, waits on the counter (Atomics.wait) for
 * the rest. If the worker fails or falls silent, the import derives the cube itself: every row
 * the worker's rows could have left is rewritten by that.
 *
 * Protocol (worker → import, over `port`, each message followed by a bump of `signal[0]`):
 *   { started: true } first; { ops: CubeOp[] } rows to write, in order; then { done: true } or
 *   { failed: message }, once.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ZoneClock } from '../../../shared/calendar';
import { deriveCubeRange, StagedSlices, type CubeSink } from '../metrics/cube';
import { readStagedSessions, type StagedFiles } from './session-stage';

/** What the worker needs, as plain data. */
export type CubeJob = {
  files: StagedFiles;
  timeZone: string;
  fromMs: number;
  toMs: number;
  /** The longest session stored once the import is in (the cube's read-back floor). */
  longestMs: number;
  /** How late, at most, a staged session comes after a later-starting one. */
  lateness: number;
};

type CubeOp =
  | { op: 'deleteDays'; firstDay: number; lastDay: number }
  | { op: 'day'; day: number; agents: number; started: number; data: Uint8Array; extra: Uint8Array }
  | { op: 'levels'; utcDay: number; levels: Uint8Array }
  | { op: 'noLevels'; utcDay: number };

type CubeMessage = { started: true } | { ops: CubeOp[] } | { done: true } | { failed: string };

/** Rows a batch holds before it is posted: about 64 days of a 50,000-agent center. */
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * With nothing from the worker for this long, the import stops waiting and derives the cube itself
 * (a worker that could not start says nothing at all: its first word is 'started', at once).
 */
const SILENCE_MS = 20_000;
const STARTUP_MS = 5_000;

/** Derives the job's cube rows into `sink` (on the worker; on the import's thread when it has no worker). */
export function deriveStagedCube(job: CubeJob, sink: CubeSink): void {
  const source = new StagedSlices(readStagedSessions(job.files), job.longestMs, job.lateness);
  deriveCubeRange(sink, source, new ZoneClock(job.timeZone), job.fromMs, job.toMs);
}

/** The worker's side: derives the job, posting its rows in batches to `port`. */
export function runCubeJob(job: CubeJob, port: MessagePort, signal: Int32Array): void {
  const post = (message: CubeMessage, transferList: ArrayBuffer[] = []) => {
    port.postMessage(message, transferList);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let ops: CubeOp[] = [];
  let transfer: ArrayBuffer[] = [];
  let bytes = 0;
  // The rows' bytes are handed over, not copied: a copy would stay behind as this thread's garbage,
  // which V8 collects only once 64 MB of it has piled up (so does a view's buffer, hence `owned`).
  const owned = (view: Uint8Array): Uint8Array => {
    const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer;
    const bytesOf = whole ? view : view.slice();
    transfer.push(bytesOf.buffer as ArrayBuffer);
    return bytesOf;
  };
  const push = (op: CubeOp, size = 0) => {
    ops.push(op);
    bytes += size;
    if (bytes >= BATCH_BYTES || ops.length >= 512) flush();
  };
  const flush = () => {
    if (ops.length === 0) return;
    post({ ops }, transfer);
    ops = [];
    transfer = [];
    bytes = 0;
  };
  post({ started: true });
  try {
    deriveStagedCube(job, {
      deleteDays: (firstDay, lastDay) => push({ op: 'deleteDays', firstDay, lastDay }),
      insertDay: (day, agents, started, data, extra) => push({ op: 'day', day, agents, started, data: owned(data), extra: owned(extra) }, data.byteLength + extra.byteLength),
      insertLevels: (utcDay, levels) => push({ op: 'levels', utcDay, levels: owned(levels) }, levels.byteLength),
      deleteLevels: (utcDay) => push({ op: 'noLevels', utcDay }),
    });
    flush();
    post({ done: true });
  } catch (error) {
    post({ failed: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

/** The import's side of a cube worker. */
export type CubeWorker = {
  /** Writes the rows that have arrived so far (call between insert statements). */
  drain(): void;
  /** Writes the rest as it arrives; true when the worker derived every row, false when the import must. */
  finish(): boolean;
  /** Ends the worker (whatever happened). */
  stop(): void;
};

/** Starts `script` (./part-worker.ts) deriving `job`; its rows are written to `sink` by drain and finish. */
export function startCubeWorker(script: string, job: CubeJob, sink: CubeSink): CubeWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, { workerData: { task: 'cube', job, port: port2, signal }, transferList: [port2] });
  // Errors surface as silence (finish gives up); these events arrive only after the transaction.
  worker.on('error', () => undefined);
  const startedAt = Date.now();
  let started = false;
  let state: 'running' | 'done' | 'failed' = 'running';
  const apply = (message: CubeMessage) => {
    if ('started' in message) started = true;
    else if ('failed' in message) state = 'failed';
    else if ('done' in message) state = 'done';
    else {
      for (const op of message.ops) {
        if (op.op === 'deleteDays') sink.deleteDays(op.firstDay, op.lastDay);
        else if (op.op === 'day') sink.insertDay(op.day, op.agents, op.started, op.data, op.extra);
        else if (op.op === 'levels') sink.insertLevels(op.utcDay, op.levels);
        else sink.deleteLevels(op.utcDay);
      }
    }
  };
  const drain = () => {
    while (state === 'running') {
      const received = receiveMessageOnPort(port1);
      if (!received) return;
      apply(received.message as CubeMessage);
    }
  };
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    drain,
    finish() {
      let heard = Date.now();
      while (state === 'running') {
        const seen = Atomics.load(signal, 0);
        drain();
        if (state !== 'running') break;
        if (Atomics.wait(signal, 0, seen, 250) !== 'timed-out') heard = Date.now();
        else if (!started ? Date.now() - startedAt > STARTUP_MS : Date.now() - heard > SILENCE_MS) state = 'failed';
      }
      stop();
      return state === 'done';
    },
    stop,
  };
}

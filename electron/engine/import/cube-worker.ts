/**
 * An import's cube derived on a worker thread while the import inserts its sessions. When the
 * cube can come from the import's own staged sessions (../metrics/cube.ts StagedSlices), deriving
 * it needs no database at all, only the staging files — so it runs beside the insert, on the
 * second core, instead of after it.
 *
 * The import's transaction stays on the import's thread, which writes the rows the worker derives.
 * They come through a fixed shared ring (./cube-ring.ts): the import applies whatever has arrived
 * after each insert statement (it never returns to its event loop inside the transaction) and,
 * once the insert is done, waits on the ring (Atomics.wait) for the rest. If the worker fails or
 * falls silent, the import derives the cube itself: every row the worker's rows could have left
 * is rewritten by that.
 */
import { ZoneClock } from '../../../shared/calendar';
import { startHelperThread, type HelperThread } from './helper-thread';
import type { HelperTask } from './part-worker';
import { deriveCubeRange, StagedSlices, type CubeSink } from '../metrics/cube';
import { createCubeRing, CubeRingReader, CubeRingWriter, RingState, RingStopped, type CubeRing } from './cube-ring';
import { stagedRows, type StagedFiles } from './session-stage';

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

/**
 * With nothing from the worker for this long, the import stops waiting and derives the cube itself
 * (a worker that could not start never marks the ring RUNNING, which it does first).
 */
const SILENCE_MS = 20_000;
const STARTUP_MS = 5_000;

/** Derives the job's cube rows into `sink` (on the worker; on the import's thread when it has no worker). */
export function deriveStagedCube(job: CubeJob, sink: CubeSink): void {
  const source = new StagedSlices(stagedRows(job.files), job.longestMs, job.lateness);
  deriveCubeRange(sink, source, new ZoneClock(job.timeZone), job.fromMs, job.toMs);
}

/** The worker's side: derives the job into the ring. */
export function runCubeJob(job: CubeJob, ring: CubeRing): void {
  const writer = new CubeRingWriter(ring);
  writer.setState(RingState.RUNNING);
  try {
    deriveStagedCube(job, writer);
    writer.setState(RingState.DONE);
  } catch (error) {
    // Stopped by the import: it no longer listens. Anything else: the import derives the cube.
    if (!(error instanceof RingStopped)) writer.setState(RingState.FAILED);
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

/**
 * Derives `job` on a helper thread (./helper-thread.ts): the import's (once its part is read), or
 * one started from a script for this job alone. Its rows are written to `sink` by drain and
 * finish; a thread that fails or cannot start shows as silence.
 */
export function startCubeWorker(job: CubeJob, sink: CubeSink, on: HelperThread | string): CubeWorker {
  const ring = createCubeRing();
  const reader = new CubeRingReader(ring, sink);
  const own = typeof on === 'string';
  const thread = own ? startHelperThread(on) : on;
  const task: HelperTask = { task: 'cube', job, ring };
  thread.post(task, []);
  const startedAt = Date.now();
  const stop = () => {
    reader.stop();
    if (own) thread.release();
  };
  return {
    drain() {
      reader.drain();
    },
    finish() {
      let heard = Date.now();
      for (;;) {
        const seen = reader.sequence();
        const state = reader.state();
        // Rows written before DONE was set are all in the ring now.
        reader.drain();
        if (state === RingState.DONE || state === RingState.FAILED) {
          stop();
          return state === RingState.DONE;
        }
        if (reader.waitForChange(seen, 250)) heard = Date.now();
        else if (state === RingState.NEW ? Date.now() - startedAt > STARTUP_MS : Date.now() - heard > SILENCE_MS) {
          // Silent for too long: whatever it writes from now on is not read.
          stop();
          return false;
        }
      }
    },
    stop,
  };
}

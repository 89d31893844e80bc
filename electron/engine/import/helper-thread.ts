/**
 * The thread that does a large import's side work beside the import's own thread: read the part
 * of the file after the cut (./file-part.ts), then derive the cube while the import inserts
 * (./cube-worker.ts). Both run on one thread, one task after the other, told by messages on a
 * port (./part-worker.ts is its script), so:
 *  - the cube's work starts on a thread that is already up (a new one took ≈60 ms to start,
 *    while the insert went on: docs/benchmarks.md, tenth round);
 *  - the command line can start the thread with the process, beside the thread that runs the
 *    import, and lend it to the import (../../cli/bin.ts): it is up by the time the import knows
 *    where to cut the file, instead of starting then (≈80 ms later).
 *
 * Kept free of imports beyond Node's: the command line's entry loads it.
 */
import { MessageChannel, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import { FILE_THREAD_LIMITS } from '../file-thread-limits';

/** The helper's script, built beside every bundle that imports (scripts/build-node.mjs). */
export const PART_WORKER_FILE = 'import-part-worker.cjs';

/** What the helper's thread gets as `workerData`: the port its tasks come on. */
export type HelperThreadData = { tasks: MessagePort };

export type HelperThread = {
  /** Sends a task; the thread starts it once the tasks sent before it have ended. */
  post(task: unknown, transferList: readonly Transferable[]): void;
  /**
   * Done with the thread: one started for an import ends (whatever it is doing); a lent one is
   * left to its owner, ready for the next import.
   */
  release(): void;
};

/**
 * Starts the thread running `script` (after `preamble`, code run first on it: the command line
 * turns Node's compile cache on so), with the file threads' limits: the thread, and the port its
 * tasks go to.
 */
export function spawnHelperThread(script: string, preamble = ''): { worker: Worker; tasks: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const data: HelperThreadData = { tasks: port2 };
  const options = { workerData: data, transferList: [port2], resourceLimits: FILE_THREAD_LIMITS };
  const worker = preamble ? new Worker(`${preamble} require(${JSON.stringify(script)});`, { ...options, eval: true }) : new Worker(script, options);
  // A task that fails says so to the import (its answer, or its silence); the thread's own
  // failure must not become the starting thread's uncaught exception.
  worker.on('error', () => undefined);
  return { worker, tasks: port1 };
}

/** Starts a helper thread running `script`, for one import (or one task: tests). */
export function startHelperThread(script: string): HelperThread {
  const { worker, tasks } = spawnHelperThread(script);
  return {
    post: (task, transferList) => tasks.postMessage(task, transferList),
    release: () => {
      tasks.close();
      void worker.terminate();
    },
  };
}

/** A helper thread started by someone else (the command line's entry), reached through `tasks`. */
export function lentHelperThread(tasks: MessagePort): HelperThread {
  return {
    post: (task, transferList) => tasks.postMessage(task, transferList),
    release: () => undefined,
  };
}

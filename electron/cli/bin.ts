// Entry of the bundled CLI (dist/cli/seatcast.cjs), started by bin/seatcast.cjs. Kept small: it
// decides on which thread the command line (./run.ts, dist/cli/seatcast-run.cjs) runs, so a
// command run on a worker does not also pay for loading the whole CLI on this thread, and for a
// file command sets up the threads (V8's flags, an import's helper thread) before any starts.
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker, type MessagePort } from 'node:worker_threads';
import { FILE_THREAD_LIMITS } from '../engine/file-thread-limits';
import { PART_WORKER_FILE, spawnHelperThread } from '../engine/import/helper-thread';
import type { RunnerData } from './runner-data';
import { stopQuietlyOnClosedPipe } from './closed-pipe';

const RUNNER = join(__dirname, 'seatcast-run.cjs');

/** Commands that read a whole file: on a worker thread, whose young generation can be limited (a running process's cannot). */
const FILE_COMMANDS = new Set(['import', 'roster']);

/**
 * Node keeps the bundles' compiled code between runs (its compile cache: in the system's temp
 * folder unless NODE_COMPILE_CACHE names one; NODE_DISABLE_COMPILE_CACHE=1 turns it off). The
 * command line's 1.5 MB bundle took 20–30 ms to compile at every start (docs/benchmarks.md, ninth
 * round). A thread has a cache of its own, so the worker's is turned on before it loads the bundle.
 */
const WITH_COMPILE_CACHE = "require('node:module').enableCompileCache?.();";
enableCompileCache?.();

/**
 * The helper thread of a large import (its second part, then its cube), started now, beside the
 * import's own thread, and lent to it: it is up by the time the import has looked at the file
 * (electron/engine/import/helper-thread.ts). An import that has no use for it (a small file)
 * leaves it idle; it ends with the import's thread.
 */
function startImportHelper(): { worker: Worker; tasks: MessagePort } | null {
  const script = join(__dirname, PART_WORKER_FILE);
  if (!existsSync(script)) return null;
  const helper = spawnHelperThread(script, WITH_COMPILE_CACHE);
  // Its failures reach the import as a silent or closed answer; this thread need not wait for it.
  helper.worker.unref();
  return helper;
}

/**
 * A large import keeps two threads busy (its own and its helper). With no core to spare, V8's own
 * background work competes with them: optimising compiles and parts of the garbage collection run
 * on threads of their own. Done on the thread that needs them instead, a 4M-row import took
 * 44 and 130 ms less (two series of eight alternated runs: docs/benchmarks.md, tenth round), with
 * 0.1 s less CPU in all and 11 MB less at the peak. Set before the threads start (a V8 flag
 * holds for the isolates created after it); on a machine with cores to spare, left alone.
 */
const FILE_THREADS = 2;
const WHEN_EVERY_CORE_IS_BUSY = '--no-concurrent-recompilation --single-threaded-gc';

const argv = process.argv.slice(2);
if (FILE_COMMANDS.has(argv[0] ?? '')) {
  // Its output reaches this thread's stdout and stderr (whose closed pipe is this thread's to
  // meet); its exit code becomes the process's.
  stopQuietlyOnClosedPipe();
  if (availableParallelism() <= FILE_THREADS) setFlagsFromString(WHEN_EVERY_CORE_IS_BUSY);
  const helper = argv[0] === 'import' && availableParallelism() >= 2 ? startImportHelper() : null;
  const worker = new Worker(`${WITH_COMPILE_CACHE} require(${JSON.stringify(RUNNER)});`, {
    eval: true,
    argv,
    resourceLimits: FILE_THREAD_LIMITS,
    ...(helper ? { workerData: { helperTasks: helper.tasks } satisfies RunnerData, transferList: [helper.tasks] } : {}),
  });
  worker.on('error', (error) => {
    process.stderr.write(`seatcast: unexpected failure: ${error.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    process.exitCode ??= code;
    void helper?.worker.terminate();
  });
} else {
  // A separate bundle, loaded only when this thread runs the command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(RUNNER);
}

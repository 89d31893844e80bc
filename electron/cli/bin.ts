// Entry of the bundled CLI (dist/cli/seatcast.cjs), started by bin/seatcast.cjs. Kept small: it
// only decides on which thread the command line (./run.ts, dist/cli/seatcast-run.cjs) runs, so a
// command run on a worker does not also pay for loading the whole CLI on this thread.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FILE_THREAD_LIMITS } from '../engine/file-thread-limits';
import { stopQuietlyOnClosedPipe } from './closed-pipe';

const RUNNER = join(__dirname, 'seatcast-run.cjs');

/** Commands that read a whole file: on a worker thread, whose young generation can be limited (a running process's cannot). */
const FILE_COMMANDS = new Set(['import', 'roster']);

const argv = process.argv.slice(2);
if (FILE_COMMANDS.has(argv[0] ?? '')) {
  // Its output reaches this thread's stdout and stderr (whose closed pipe is this thread's to
  // meet); its exit code becomes the process's.
  stopQuietlyOnClosedPipe();
  const worker = new Worker(RUNNER, { argv, resourceLimits: FILE_THREAD_LIMITS });
  worker.on('error', (error) => {
    process.stderr.write(`seatcast: unexpected failure: ${error.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    process.exitCode ??= code;
  });
} else {
  // A separate bundle, loaded only when this thread runs the command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(RUNNER);
}

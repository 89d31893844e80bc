// The command line itself (dist/cli/seatcast-run.cjs): run by dist/cli/seatcast.cjs (./bin.ts), on
// its thread or, for a command that reads a whole file, on a worker thread.
import { main } from './index';

// `seatcast metrics --json | head` closes the pipe early: that is the reader's choice, not an
// error worth a stack trace. Stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

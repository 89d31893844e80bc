// The command line itself (dist/cli/seatcast-run.cjs): run by dist/cli/seatcast.cjs (./bin.ts), on
// its thread or, for a command that reads a whole file, on a worker thread.
import { stopQuietlyOnClosedPipe } from './closed-pipe';
import { main } from './index';

stopQuietlyOnClosedPipe();

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

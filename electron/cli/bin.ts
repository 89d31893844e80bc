// Entry of the bundled CLI (dist/cli/seatcast.cjs), started by bin/seatcast.cjs.
import { main } from './index';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

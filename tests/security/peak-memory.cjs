// Preloaded into a child process (node -r) by the hostile-corpus test: on exit it writes the
// process's peak resident set size (KiB) and heap statistics to the file named by
// SEATCAST_PEAK_FILE, so the test can hold each import to a memory bound.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.SEATCAST_PEAK_FILE;
if (target) {
  process.on('exit', (code) => {
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, code }));
  });
}

#!/usr/bin/env node
// The `seatcast` command. `npm ci` builds dist/cli (the `prepare` script); npx and npm scripts put
// node_modules/.bin first on PATH, so `node` here is the Node 22 that better-sqlite3 13 needs.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `seatcast: Node ${process.versions.node} is too old (better-sqlite3 13 needs Node 22 or newer).\n` +
      'Run it through npm so the bundled Node 22 is used: npx seatcast …\n',
  );
  process.exit(1);
}
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'seatcast.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('seatcast: the CLI is not built yet. Run: npm run build\n');
  process.exit(1);
}
require(bundle);

// `npm start` (after the build): runs the built app in Electron, if an Electron binary is present.
// It never downloads one; see electron-binary.mjs for where it looks and what it says otherwise.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingElectronMessage, resolveElectronBinary } from './electron-binary.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resolution = resolveElectronBinary({ repoRoot });

if (!resolution.found) {
  process.stderr.write(`${missingElectronMessage(resolution.checked)}\n`);
  process.exit(1);
}

// With ELECTRON_RUN_AS_NODE set, the binary would behave as plain Node and run main.cjs without
// Electron's APIs; it is never wanted here.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(resolution.path, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  process.stderr.write(`Could not start Electron at ${resolution.path}: ${error.message}\n`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});

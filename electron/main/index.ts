// Entry point of the Electron main process (bundled to dist/electron/main.cjs). Deliberately
// thin: all behaviour lives in ./app and its modules, which take Electron as a parameter so they
// are tested against a fake; this is the only file that loads the real `electron` module.
import * as electron from 'electron';
import { Worker } from 'node:worker_threads';
import { startDesktopApp } from './app';

startDesktopApp(electron, {
  bundleDir: __dirname,
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  resourcesPath: process.resourcesPath,
  Worker,
});

// Finds an already-installed Electron binary without ever downloading one.
//
// `require('electron')` (and `npx electron`) would start a download from GitHub when the binary is
// missing, which hangs or fails on a network that cannot reach GitHub. This looks only at places a
// binary can already be, and explains how to provide one when there is none. Shared by
// scripts/start-desktop.mjs and the Playwright Electron spec.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the Electron executable sits inside an unpacked Electron distribution, per platform. */
export function electronExecutableName(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * @param {object} options
 * @param {string} options.repoRoot folder holding node_modules/electron
 * @param {Record<string, string | undefined>} [options.env]
 * @param {string} [options.platform]
 * @param {(p: string) => boolean} [options.exists]
 * @param {(p: string) => string} [options.readText]
 * @returns {{ found: true, path: string, source: 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules/electron' } | { found: false, checked: string[] }}
 */
export function resolveElectronBinary({
  repoRoot,
  env = process.env,
  platform = process.platform,
  exists = fs.existsSync,
  readText = (file) => fs.readFileSync(file, 'utf8'),
}) {
  const checked = [];
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, electronExecutableName(platform));
    if (exists(candidate)) return { found: true, path: candidate, source: 'ELECTRON_OVERRIDE_DIST_PATH' };
    checked.push(`${candidate} (from ELECTRON_OVERRIDE_DIST_PATH): not found`);
  }
  const electronDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  let relative;
  try {
    relative = exists(pathFile) ? readText(pathFile).trim() : '';
  } catch {
    relative = '';
  }
  if (relative) {
    const candidate = path.join(electronDir, 'dist', relative);
    if (exists(candidate)) return { found: true, path: candidate, source: 'node_modules/electron' };
    checked.push(`${candidate} (named by node_modules/electron/path.txt): not found`);
  } else {
    checked.push(`${pathFile}: not found (the binary was never installed)`);
  }
  return { found: false, checked };
}

/** The plain explanation printed when there is no binary. */
export function missingElectronMessage(checked = []) {
  return [
    'Seatcast cannot start: the Electron binary is not installed.',
    '',
    'It is normally downloaded from GitHub, which this machine cannot reach, so nothing',
    'was downloaded. Looked for:',
    ...checked.map((line) => `  - ${line}`),
    '',
    'To supply it, use one of:',
    '  1. An internal mirror of the Electron releases:',
    '       ELECTRON_MIRROR=<internal mirror URL> npx install-electron',
    '  2. A cache folder already seeded with the Electron zip for this version:',
    '       electron_config_cache=<seeded cache folder> npx install-electron',
    '  3. An Electron build unpacked somewhere on this machine:',
    '       ELECTRON_OVERRIDE_DIST_PATH=<unpacked electron folder> npm start',
    '',
    'Meanwhile, `npm run preview` serves the same app in a browser on this machine.',
  ].join('\n');
}

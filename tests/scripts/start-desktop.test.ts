import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  electronExecutableName,
  missingElectronMessage,
  resolveElectronBinary,
} from '../../scripts/electron-binary.mjs';

const repoRoot = path.resolve('/repo');
const electronDir = path.join(repoRoot, 'node_modules', 'electron');

/** A pretend file system: `files` maps paths to contents; anything else does not exist. */
function fakeFs(files: Record<string, string>) {
  return {
    exists: (file: string) => Object.prototype.hasOwnProperty.call(files, file),
    readText: (file: string) => {
      const text = files[file];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return text;
    },
  };
}

describe('electronExecutableName', () => {
  it.each([
    ['linux', 'electron'],
    ['win32', 'electron.exe'],
    ['darwin', 'Electron.app/Contents/MacOS/Electron'],
    ['freebsd', 'electron'],
  ])('%s → %s', (platform, name) => {
    expect(electronExecutableName(platform)).toBe(name);
  });
});

describe('resolveElectronBinary', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH joined with the platform executable', () => {
    const dist = path.resolve('/opt/electron-45');
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'win32',
      env: { ELECTRON_OVERRIDE_DIST_PATH: dist },
      ...fakeFs({ [path.join(dist, 'electron.exe')]: '' }),
    });
    expect(result).toEqual({ found: true, path: path.join(dist, 'electron.exe'), source: 'ELECTRON_OVERRIDE_DIST_PATH' });
  });

  it('uses node_modules/electron/path.txt when the binary it names exists', () => {
    const binary = path.join(electronDir, 'dist', 'electron');
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'linux',
      env: {},
      ...fakeFs({ [path.join(electronDir, 'path.txt')]: 'electron\n', [binary]: '' }),
    });
    expect(result).toEqual({ found: true, path: binary, source: 'node_modules/electron' });
  });

  it('prefers the override over an installed binary', () => {
    const dist = path.resolve('/opt/electron-45');
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'linux',
      env: { ELECTRON_OVERRIDE_DIST_PATH: dist },
      ...fakeFs({
        [path.join(dist, 'electron')]: '',
        [path.join(electronDir, 'path.txt')]: 'electron',
        [path.join(electronDir, 'dist', 'electron')]: '',
      }),
    });
    expect(result).toMatchObject({ found: true, source: 'ELECTRON_OVERRIDE_DIST_PATH' });
  });

  it('falls back to node_modules when the override points at nothing', () => {
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'linux',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' },
      ...fakeFs({ [path.join(electronDir, 'path.txt')]: 'electron', [path.join(electronDir, 'dist', 'electron')]: '' }),
    });
    expect(result).toMatchObject({ found: true, source: 'node_modules/electron' });
  });

  it('reports what it looked for when nothing is installed (this machine: no path.txt)', () => {
    const result = resolveElectronBinary({ repoRoot, platform: 'linux', env: {}, ...fakeFs({}) });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.checked).toEqual([`${path.join(electronDir, 'path.txt')}: not found (the binary was never installed)`]);
  });

  it('reports path.txt naming a binary that is not there, and a wrong override', () => {
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'darwin',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' },
      ...fakeFs({ [path.join(electronDir, 'path.txt')]: 'Electron.app/Contents/MacOS/Electron' }),
    });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.checked).toHaveLength(2);
    expect(result.checked[0]).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(result.checked[1]).toContain(path.join('dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'));
  });

  it('treats an empty path.txt as not installed', () => {
    const result = resolveElectronBinary({
      repoRoot,
      platform: 'linux',
      env: {},
      ...fakeFs({ [path.join(electronDir, 'path.txt')]: '  \n' }),
    });
    expect(result.found).toBe(false);
  });
});

describe('missingElectronMessage', () => {
  const message = missingElectronMessage(['/repo/node_modules/electron/path.txt: not found']);

  it.each([
    'the Electron binary is not installed',
    'normally downloaded from GitHub, which this machine cannot reach',
    'ELECTRON_MIRROR=<internal mirror URL> npx install-electron',
    'electron_config_cache=<seeded cache folder>',
    'ELECTRON_OVERRIDE_DIST_PATH=<unpacked electron folder>',
    '`npm run preview` serves the same app in a browser',
    '  - /repo/node_modules/electron/path.txt: not found',
  ])('says: %s', (text) => {
    expect(message).toContain(text);
  });

  it('is plain text over several short lines', () => {
    expect(message.split('\n').length).toBeGreaterThan(8);
    // No terminal colour codes (ESC) or other control characters apart from newlines.
    expect([...message].some((character) => character !== '\n' && character.charCodeAt(0) < 0x20)).toBe(false);
    for (const line of message.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('scripts/start-desktop.mjs', () => {
  // Only meaningful where node_modules/electron holds no binary (CI, offline machines); elsewhere
  // running the script would really start the app.
  const installed = resolveElectronBinary({ repoRoot: fileURLToPath(new URL('../..', import.meta.url)), env: {} });

  it.skipIf(installed.found)('exits 1 with the explanation on stderr when there is no binary, downloading nothing', () => {
    const script = fileURLToPath(new URL('../../scripts/start-desktop.mjs', import.meta.url));
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.resolve('/nonexistent/electron-dist') };
    const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the Electron binary is not installed');
    expect(run.stderr).toContain(path.resolve('/nonexistent/electron-dist'));
    expect(run.stderr).not.toMatch(/Downloading/i);
  });
});

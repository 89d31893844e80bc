/**
 * The desktop app in a real Electron, when one is installed. Offline machines have no Electron
 * binary (it comes from GitHub), so there this spec is reported as skipped, with the way to supply
 * one, instead of failing. Needs `npm run build` first (npm run test:e2e does it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { resolveElectronBinary } from '../../scripts/electron-binary.mjs';
import { methodNames } from '../../shared/contract';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const binary = resolveElectronBinary({ repoRoot });

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.found, 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH or run ELECTRON_MIRROR=… npx install-electron');

  let app: ElectronApplication;
  let scratch: string;

  test.beforeAll(async () => {
    if (!binary.found) return;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seatcast-electron-e2e-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'SEATCAST_DEV_SERVER_URL') env[key] = value;
    }
    app = await _electron.launch({
      executablePath: binary.path,
      args: [
        repoRoot,
        '--db',
        path.join(scratch, 'seatcast.db'),
        // A private profile: no clash with a real Seatcast's single-instance lock or window state.
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
        // Chromium refuses to start as root without this (containers in CI); never in normal use.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      env,
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('opens one window titled Seatcast, served from app://bundle', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://bundle/index.html');
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
    expect(title).toContain('Seatcast');
    expect(app.windows()).toHaveLength(1);
  });

  test('exposes window.seatcast with the contract methods, and no Node in the page', async () => {
    const page = await app.firstWindow();
    const shape = await page.evaluate(() => {
      const seatcast = (window as unknown as { seatcast?: Record<string, unknown> }).seatcast;
      return {
        keys: seatcast ? Object.keys(seatcast).sort() : null,
        allFunctions: seatcast ? Object.values(seatcast).every((value) => typeof value === 'function') : false,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
        module: typeof (globalThis as unknown as { module?: unknown }).module,
      };
    });
    const expected = [...methodNames.filter((method) => method !== 'files:stage-path'), 'stageDroppedFile', 'onMenuCommand'].sort();
    expect(shape.keys).toEqual(expected);
    expect(shape.allFunctions).toBe(true);
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
    expect(shape.module).toBe('undefined');
  });

  test('answers a contract call through the engine', async () => {
    const page = await app.firstWindow();
    const info = await page.evaluate(async () => {
      const seatcast = (window as unknown as { seatcast: { 'app:info': (request: object) => Promise<unknown> } }).seatcast;
      return seatcast['app:info']({});
    });
    expect(info).toMatchObject({ ok: true, value: { runtime: 'desktop' } });
  });
});

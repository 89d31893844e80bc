import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  databasePathFrom,
  devServerFrom,
  resourcesDirFor,
  startDesktopApp,
  type DesktopAppOptions,
} from '../../../electron/main/app';
import { UNROUTABLE_DICTIONARY_URL } from '../../../electron/main/security';
import { methodNames } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import { createFakeElectron, emitPreventable, type FakeElectron } from '../../fakes/electron';
import { FakeWorker, flushMicrotasks } from '../../fakes/worker';

const bundleDir = path.resolve('/opt/seatcast/dist/electron');
let userData: string;

beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'seatcast-app-'));
  FakeWorker.reset();
});
afterEach(() => {
  fs.rmSync(userData, { recursive: true, force: true });
});

function launch(overrides: Partial<DesktopAppOptions> = {}, prepare?: (electron: FakeElectron) => void) {
  const electron = createFakeElectron();
  electron.app.paths.userData = userData;
  electron.app.appPath = '/opt/seatcast';
  prepare?.(electron);
  const handle = startDesktopApp(electron, {
    bundleDir,
    argv: ['/usr/bin/electron', '/opt/seatcast'],
    env: {},
    platform: 'linux',
    Worker: FakeWorker,
    ...overrides,
  });
  return { electron, handle };
}

async function launchReady(overrides: Partial<DesktopAppOptions> = {}, prepare?: (electron: FakeElectron) => void) {
  const launched = launch(overrides, prepare);
  await launched.electron.app.becomeReady();
  await flushMicrotasks();
  const worker = FakeWorker.instances[0]!;
  const window = launched.electron.BrowserWindow.instances[0]!;
  return { ...launched, worker, window };
}

describe('before the app is ready', () => {
  it('enables the sandbox first, takes the single-instance lock and registers the app scheme', () => {
    const { electron } = launch();
    expect(electron.app.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.protocol.privilegedSchemes.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    // Nothing that needs `ready` has happened yet.
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(FakeWorker.instances).toHaveLength(0);
  });

  it('quits at once, touching nothing else, when another instance holds the lock', async () => {
    const { electron } = launch({}, (fake) => {
      fake.app.singleInstanceLockAvailable = false;
    });
    expect(electron.app.quitCalls).toBe(1);
    await electron.app.becomeReady();
    await flushMicrotasks();
    expect(electron.protocol.privilegedSchemes).toEqual([]);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(FakeWorker.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('once ready', () => {
  it('hardens the default session', async () => {
    const { electron } = await launchReady();
    const session = electron.session.defaultSession;
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler!({}, 'media', 'app://bundle', {})).toBe(false);
    expect(session.devicePermissionHandler!({})).toBe(false);
    expect(session.spellCheckerDictionaryDownloadURL).toBe(UNROUTABLE_DICTIONARY_URL);
    expect(session.wouldCancel('https://example.com/')).toBe(true);
    expect(session.wouldCancel('app://bundle/index.html')).toBe(false);
    expect(session.wouldCancel('http://127.0.0.1:5173/')).toBe(true);
  });

  it('serves the renderer build through app://', async () => {
    const { electron } = await launchReady();
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('starts the engine worker beside main.cjs with the default database in userData', async () => {
    const { worker } = await launchReady();
    expect(worker.filename).toBe(path.join(bundleDir, 'engine-worker.cjs'));
    expect(worker.options.workerData).toEqual({
      databasePath: path.join(userData, 'seatcast.db'),
      resourcesDir: path.join('/opt/seatcast', 'resources'),
      runtime: 'desktop',
    });
  });

  it('registers an IPC handler for every contract method', async () => {
    const { electron } = await launchReady();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('opens one hidden, hardened window on app://bundle with the preload beside main.cjs', async () => {
    const { electron, window } = await launchReady();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: path.join(bundleDir, 'preload.cjs') });
    expect(window.options.show).toBe(false);
    expect(window.loadedUrls).toEqual(['app://bundle/index.html']);
    // The global guards reached the window's contents.
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(emitPreventable(window.webContents, 'will-navigate', 'https://example.com')).toBe(true);
  });

  it('sets the application menu, whose commands reach the window', async () => {
    const { electron, window } = await launchReady();
    expect(electron.Menu.applicationMenu).toBeDefined();
    const file = (electron.Menu.applicationMenu!.template as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>).find(
      (item) => item.label === 'File',
    )!;
    file.submenu!.find((item) => item.label === 'Import…')!.click!();
    expect(window.webContents.sent).toEqual([{ channel: 'menu:command', args: ['import'] }]);
  });

  it('answers a trusted IPC call through the worker, validating the answer', async () => {
    const { electron, worker } = await launchReady();
    worker.sendReady();
    worker.autoRespond = ({ method }) =>
      method === 'prefs:get' ? ok({ timeZone: 'Europe/Paris', currency: 'EUR', locale: 'fr-FR', theme: 'system' }) : ok(null);
    const trusted = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    await expect(electron.ipcMain.invoke('prefs:get', trusted, {})).resolves.toEqual(
      ok({ timeZone: 'Europe/Paris', currency: 'EUR', locale: 'fr-FR', theme: 'system' }),
    );
    await expect(electron.ipcMain.invoke('app:info', trusted, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-response' },
    });
    const untrusted = { senderFrame: { url: 'https://example.com/', parent: null } };
    await expect(electron.ipcMain.invoke('prefs:get', untrusted, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(worker.posted.map((call) => call.method)).toEqual(['prefs:get', 'app:info']);
  });

  it('stages a file picked in the native dialog', async () => {
    const { electron, worker, window } = await launchReady();
    worker.sendReady();
    worker.autoRespond = () => ok({ fileId: 'f-1', name: 'logins.csv', sizeBytes: 10 });
    electron.dialog.nextOpenDialogResult = { canceled: false, filePaths: ['/home/m/logins.csv'] };
    const trusted = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    await expect(electron.ipcMain.invoke('files:open-dialog', trusted, {})).resolves.toEqual(
      ok({ fileId: 'f-1', name: 'logins.csv', sizeBytes: 10 }),
    );
    expect(electron.dialog.openDialogCalls[0]!.window).toBe(window);
    expect(worker.posted).toEqual([{ id: 1, method: 'files:stage-path', request: { path: '/home/m/logins.csv' } }]);
  });

  it('never reaches for the updater, the crash reporter or the shell', async () => {
    const { electron, worker, window } = await launchReady();
    worker.sendReady();
    window.emit('ready-to-show');
    window.close();
    electron.app.emit('window-all-closed');
    electron.app.emit('will-quit');
    await flushMicrotasks();
    expect(electron.touchedForbidden).toEqual([]);
  });
});

describe('database location', () => {
  it.each([
    [['electron', '.', '--db', 'data/custom.db'], {}, path.resolve('data/custom.db')],
    [['electron', '.', '--db=/srv/seatcast.db'], {}, '/srv/seatcast.db'],
    [['electron', '.'], { SEATCAST_DB: '/srv/env.db' }, '/srv/env.db'],
    [['electron', '.', '--db', '/srv/arg.db'], { SEATCAST_DB: '/srv/env.db' }, '/srv/arg.db'],
    [['electron', '.', '--db'], {}, path.join('/home/m/.config/Seatcast', 'seatcast.db')],
    [['electron', '.'], {}, path.join('/home/m/.config/Seatcast', 'seatcast.db')],
  ])('argv %j env %j → %s', (argv, env, expected) => {
    expect(databasePathFrom(argv, env, '/home/m/.config/Seatcast')).toBe(expected);
  });

  it('passes --db to the worker and creates its folder', async () => {
    const target = path.join(userData, 'nested', 'folder', 'test.db');
    const { worker } = await launchReady({ argv: ['electron', '.', '--db', target] });
    expect(worker.options.workerData.databasePath).toBe(target);
    expect(fs.existsSync(path.dirname(target))).toBe(true);
  });

  it('uses the packaged resources folder when packaged', () => {
    expect(resourcesDirFor({ isPackaged: true, getAppPath: () => '/x/app.asar' }, '/x/resources')).toBe(
      path.join('/x/resources', 'resources'),
    );
    expect(resourcesDirFor({ isPackaged: false, getAppPath: () => '/repo' }, undefined)).toBe(path.join('/repo', 'resources'));
  });
});

describe('engine failures', () => {
  it('shows the worker fatal message and quits', async () => {
    const { electron, worker, handle } = await launchReady();
    worker.sendFatal('database-too-new', 'This database was made by a newer version of Seatcast (schema 12).');
    await handle.started;
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'Seatcast could not open its database',
        content: 'This database was made by a newer version of Seatcast (schema 12).',
      },
    ]);
    expect(electron.app.quitCalls).toBe(1);
  });

  it('shows a dialog and quits if the engine dies later', async () => {
    const { electron, worker } = await launchReady();
    worker.sendReady();
    await flushMicrotasks();
    worker.crash(134);
    expect(electron.dialog.errorBoxes).toHaveLength(1);
    expect(electron.dialog.errorBoxes[0]!.content).toContain('exit code 134');
    expect(electron.app.quitCalls).toBe(1);
  });

  it('reports a start-up error (e.g. unwritable database folder) instead of failing silently', async () => {
    const blocker = path.join(userData, 'a-file');
    fs.writeFileSync(blocker, '');
    const { electron, handle } = launch({ argv: ['electron', '.', '--db', path.join(blocker, 'x.db')] });
    await electron.app.becomeReady();
    await handle.started;
    expect(electron.dialog.errorBoxes[0]!.title).toBe('Seatcast could not start');
    expect(electron.app.quitCalls).toBe(1);
  });
});

describe('lifecycle', () => {
  it('focuses the existing window when a second instance starts', async () => {
    const { electron, window } = await launchReady();
    window.minimized = true;
    electron.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(window.minimized).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it.each([
    ['linux', 1],
    ['win32', 1],
    ['darwin', 0],
  ] as const)('on %s, closing every window quits %d time(s)', async (platform, quits) => {
    const { electron } = await launchReady({ platform });
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(quits);
  });

  it('re-opens a window on activate (macOS dock click) when none is open', async () => {
    const { electron, window } = await launchReady({ platform: 'darwin' });
    window.close();
    electron.app.emit('activate');
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(electron.BrowserWindow.instances).toHaveLength(2);
  });

  it('terminates the engine worker on quit without an error dialog', async () => {
    const { electron, worker } = await launchReady();
    worker.sendReady();
    electron.app.emit('will-quit');
    await flushMicrotasks();
    expect(worker.terminated).toBe(true);
    expect(electron.dialog.errorBoxes).toEqual([]);
  });

  it('saves the window position on close and restores it next time', async () => {
    const first = await launchReady();
    first.window.setBounds({ x: 200, y: 150, width: 1100, height: 720 });
    first.window.close();
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 200,
      y: 150,
      width: 1100,
      height: 720,
      isMaximized: false,
    });
    FakeWorker.reset();
    const second = await launchReady();
    expect(second.window.options).toMatchObject({ x: 200, y: 150, width: 1100, height: 720 });
  });
});

describe('dev mode (SEATCAST_DEV_SERVER_URL)', () => {
  const env = { SEATCAST_DEV_SERVER_URL: 'http://127.0.0.1:5173/' };

  it('loads the dev server and lets exactly that origin through', async () => {
    const { electron, window } = await launchReady({ env });
    expect(window.loadedUrls).toEqual(['http://127.0.0.1:5173/']);
    const session = electron.session.defaultSession;
    expect(session.wouldCancel('http://127.0.0.1:5173/src/main.tsx')).toBe(false);
    expect(session.wouldCancel('http://127.0.0.1:5174/')).toBe(true);
    expect(session.wouldCancel('https://example.com/')).toBe(true);
  });

  it('trusts IPC from the dev server page', async () => {
    const { electron, worker } = await launchReady({ env });
    worker.sendReady();
    worker.autoRespond = () => ok([]);
    const devFrame = { senderFrame: { url: 'http://127.0.0.1:5173/', parent: null } };
    await expect(electron.ipcMain.invoke('imports:list', devFrame, {})).resolves.toEqual(ok([]));
  });

  it.each([
    'https://127.0.0.1:5173/',
    'http://192.168.1.20:5173/',
    'http://example.com:5173/',
    'http://user:pw@127.0.0.1:5173/',
    'not a url',
  ])('refuses a non-loopback or odd dev URL: %s', (value) => {
    expect(() => devServerFrom({ SEATCAST_DEV_SERVER_URL: value })).toThrow(/SEATCAST_DEV_SERVER_URL/);
  });

  it('is off when the variable is not set', () => {
    expect(devServerFrom({})).toBeUndefined();
    expect(devServerFrom({ SEATCAST_DEV_SERVER_URL: 'http://localhost:5173' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('does not enable reload or devtools in a normal run', async () => {
    const { electron } = await launchReady();
    expect(JSON.stringify(electron.Menu.applicationMenu!.template)).not.toMatch(/toggleDevTools|"reload"/);
  });
});

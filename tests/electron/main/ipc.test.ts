import { describe, expect, it, vi } from 'vitest';
import { chooseImportFile, IMPORT_FILE_FILTERS } from '../../../electron/main/dialogs';
import { isTrustedSender, registerContractHandlers, type SenderFrame } from '../../../electron/main/ipc';
import { methodNames, type MethodName } from '../../../shared/contract';
import { fail, ok, type Result } from '../../../shared/result';
import { createFakeElectron } from '../../fakes/electron';

const DEV_ORIGIN = 'http://127.0.0.1:5173';
const topFrame = (url: string): SenderFrame => ({ url, parent: null });
const trustedEvent = { senderFrame: topFrame('app://bundle/index.html') };

const appInfo = {
  version: '0.1.0',
  schemaVersion: 3,
  databasePath: '/data/seatcast.db',
  demoOnly: false,
  sessionCount: 10,
  agentCount: 2,
  runtime: 'desktop',
};
const staged = { fileId: 'f-1', name: 'logins.csv', sizeBytes: 1234 };

describe('isTrustedSender', () => {
  it.each([
    'app://bundle/index.html',
    'app://bundle/',
    'app://bundle/index.html#/reports',
    'app://bundle/index.html?tab=agents',
  ])('trusts the app page at %s', (url) => {
    expect(isTrustedSender(topFrame(url))).toBe(true);
  });

  it.each([
    ['a sub-frame of the app', { url: 'app://bundle/index.html', parent: { url: 'app://bundle/index.html' } }],
    ['a frame whose parent is unknown (undefined)', { url: 'app://bundle/index.html', parent: undefined }],
    ['an http page', topFrame('http://example.com/')],
    ['an https page', topFrame('https://bundle/index.html')],
    ['the file scheme', topFrame('file:///C:/app/index.html')],
    ['another app host', topFrame('app://evil/index.html')],
    ['a look-alike host', topFrame('app://bundle.evil/index.html')],
    ['credentials in the URL', topFrame('app://user@bundle/index.html')],
    ['a port', topFrame('app://bundle:8080/index.html')],
    ['a javascript: URL', topFrame('javascript:alert(1)')],
    ['a data: URL', topFrame('data:text/html,hi')],
    ['about:blank', topFrame('about:blank')],
    ['an empty URL', topFrame('')],
    ['the dev server when not in dev mode', topFrame(`${DEV_ORIGIN}/`)],
  ])('rejects %s', (_label, frame) => {
    expect(isTrustedSender(frame as SenderFrame)).toBe(false);
  });

  it.each([null, undefined])('rejects a missing frame (%s)', (frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('rejects a frame that has been disposed (reading it throws)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      get parent(): null {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed)).toBe(false);
  });

  it('trusts exactly the dev server origin in dev mode', () => {
    expect(isTrustedSender(topFrame(`${DEV_ORIGIN}/`), DEV_ORIGIN)).toBe(true);
    expect(isTrustedSender(topFrame(`${DEV_ORIGIN}/index.html`), DEV_ORIGIN)).toBe(true);
    expect(isTrustedSender(topFrame('http://127.0.0.1:5174/'), DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender(topFrame('http://localhost:5173/'), DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: `${DEV_ORIGIN}/`, parent: {} }, DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender(topFrame('app://bundle/index.html'), DEV_ORIGIN)).toBe(true);
  });
});

function setup(options: { forward?: (method: MethodName, request: unknown) => Promise<Result<unknown>>; chosenPath?: string | null } = {}) {
  const electron = createFakeElectron();
  const forward = vi.fn(options.forward ?? (async () => ok(appInfo)));
  const openDialog = vi.fn(async () => options.chosenPath ?? null);
  registerContractHandlers(electron.ipcMain, {
    forward,
    openDialog,
    isTrustedSender: (frame) => isTrustedSender(frame),
  });
  return { ipcMain: electron.ipcMain, forward, openDialog };
}

describe('registerContractHandlers', () => {
  it('registers exactly one handler per contract method and no other channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it.each(methodNames)('refuses %s from an untrusted sender without touching the engine', async (method) => {
    const { ipcMain, forward, openDialog } = setup();
    for (const event of [
      { senderFrame: topFrame('https://example.com/') },
      { senderFrame: { url: 'app://bundle/index.html', parent: {} } },
      { senderFrame: null },
      {},
    ]) {
      const result = (await ipcMain.invoke(method, event, {})) as Result<unknown>;
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(forward).not.toHaveBeenCalled();
    expect(openDialog).not.toHaveBeenCalled();
  });

  it('forwards a valid request to the engine and returns its validated answer', async () => {
    const { ipcMain, forward } = setup();
    const result = await ipcMain.invoke('app:info', trustedEvent, {});
    expect(result).toEqual(ok(appInfo));
    expect(forward).toHaveBeenCalledWith('app:info', {});
  });

  it('forwards the parsed request (defaults applied), not the raw one', async () => {
    const { ipcMain, forward } = setup({ forward: async () => ok({ jobId: 'job-1' }) });
    await ipcMain.invoke('imports:start', trustedEvent, { fileId: 'f-1' });
    expect(forward).toHaveBeenCalledWith('imports:start', { fileId: 'f-1', format: 'auto' });
  });

  it.each([
    ['imports:start', { fileId: '' }],
    ['imports:start', { fileId: 'f-1', extra: 'field' }],
    ['imports:undo', { importId: -1 }],
    ['metrics:monthly', { from: '01/02/2024' }],
    ['app:info', { unexpected: true }],
    ['files:stage-path', { path: '' }],
    ['prefs:set', { currency: 'dollars' }],
  ] as const)('rejects an invalid %s request before the engine sees it', async (method, request) => {
    const { ipcMain, forward } = setup();
    const result = await ipcMain.invoke(method, trustedEvent, request);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('turns an engine answer of the wrong shape into invalid-response', async () => {
    const { ipcMain } = setup({ forward: async () => ok({ version: 7, surprise: true }) });
    const result = await ipcMain.invoke('app:info', trustedEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });

  it('passes an engine error through with its code and message', async () => {
    const { ipcMain } = setup({ forward: async () => fail('not-found', 'Import 7 does not exist.') });
    const result = await ipcMain.invoke('imports:undo', trustedEvent, { importId: 7 });
    expect(result).toEqual(fail('not-found', 'Import 7 does not exist.'));
  });

  it('answers files:open-dialog with null when the picker is cancelled, without calling the engine', async () => {
    const { ipcMain, forward, openDialog } = setup({ chosenPath: null });
    const result = await ipcMain.invoke('files:open-dialog', trustedEvent, {});
    expect(result).toEqual(ok(null));
    expect(openDialog).toHaveBeenCalledTimes(1);
    expect(forward).not.toHaveBeenCalled();
  });

  it('stages the chosen file through the engine after the picker', async () => {
    const { ipcMain, forward } = setup({ chosenPath: '/home/m/logins.csv', forward: async () => ok(staged) });
    const result = await ipcMain.invoke('files:open-dialog', trustedEvent, {});
    expect(result).toEqual(ok(staged));
    expect(forward).toHaveBeenCalledExactlyOnceWith('files:stage-path', { path: '/home/m/logins.csv' });
  });

  it('validates what staging after the picker returns, too', async () => {
    const { ipcMain } = setup({ chosenPath: '/home/m/logins.csv', forward: async () => ok({ fileId: 3 }) });
    const result = await ipcMain.invoke('files:open-dialog', trustedEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });

  it('reports a staging refusal from the engine as is', async () => {
    const { ipcMain } = setup({
      chosenPath: '/dev/zero',
      forward: async () => fail('not-a-file', '/dev/zero is not a regular file.'),
    });
    expect(await ipcMain.invoke('files:open-dialog', trustedEvent, {})).toEqual(
      fail('not-a-file', '/dev/zero is not a regular file.'),
    );
  });

  it('rejects a request to files:open-dialog that carries data', async () => {
    const { ipcMain, openDialog } = setup();
    const result = await ipcMain.invoke('files:open-dialog', trustedEvent, { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(openDialog).not.toHaveBeenCalled();
  });
});

describe('chooseImportFile', () => {
  it('offers login exports first, then all files', () => {
    expect(IMPORT_FILE_FILTERS).toEqual([
      { name: 'Login exports', extensions: ['csv', 'tsv', 'txt', 'json', 'ndjson', 'xlsx', 'gz', 'zip'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('shows a single-file picker attached to the window and returns the chosen path', async () => {
    const electron = createFakeElectron();
    const window = new electron.BrowserWindow({});
    electron.dialog.nextOpenDialogResult = { canceled: false, filePaths: ['/home/m/logins.csv'] };
    expect(await chooseImportFile(electron.dialog, window)).toBe('/home/m/logins.csv');
    const call = electron.dialog.openDialogCalls[0]!;
    expect(call.window).toBe(window);
    expect(call.options.properties).toEqual(['openFile']);
    expect(call.options.filters).toEqual(IMPORT_FILE_FILTERS);
  });

  it('returns null when cancelled, and works without a parent window', async () => {
    const electron = createFakeElectron();
    electron.dialog.nextOpenDialogResult = { canceled: true, filePaths: [] };
    expect(await chooseImportFile(electron.dialog)).toBeNull();
    expect(electron.dialog.openDialogCalls[0]!.window).toBeUndefined();
  });
});

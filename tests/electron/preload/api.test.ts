import { describe, expect, it } from 'vitest';
import { buildSeatcastApi } from '../../../electron/preload/api';
import { methodNames } from '../../../shared/contract';
import { createFakeElectron } from '../../fakes/electron';

function build() {
  const electron = createFakeElectron();
  const api = buildSeatcastApi(electron.ipcRenderer, electron.webUtils) as unknown as Record<string, (...args: any[]) => unknown>;
  return { api, ipcRenderer: electron.ipcRenderer, webUtils: electron.webUtils };
}

const exposedMethods = methodNames.filter((method) => method !== 'files:stage-path');

describe('buildSeatcastApi', () => {
  it('has exactly the contract methods (minus files:stage-path), stageDroppedFile and onMenuCommand', () => {
    const { api } = build();
    expect(Object.keys(api).sort()).toEqual([...exposedMethods, 'stageDroppedFile', 'onMenuCommand'].sort());
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
  });

  it('exposes no generic IPC door', () => {
    const { api } = build();
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'once', 'off', 'removeListener', 'ipcRenderer', 'files:stage-path', 'postMessage']) {
      expect(api).not.toHaveProperty([name]);
    }
  });

  it('is frozen, so page code cannot add to it in the preload world', () => {
    const { api } = build();
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(exposedMethods)('%s invokes its own channel with exactly one argument', async (method) => {
    const { api, ipcRenderer } = build();
    ipcRenderer.respond = (channel) => ({ ok: true, value: `answer from ${channel}` });
    const request = { marker: method };
    const result = await api[method]!(request, 'smuggled', { second: true });
    expect(ipcRenderer.invocations).toEqual([{ channel: method, args: [request] }]);
    expect(result).toEqual({ ok: true, value: `answer from ${method}` });
    expect(ipcRenderer.sends).toEqual([]);
  });

  describe('stageDroppedFile', () => {
    it('asks Electron for the path of the dropped File and stages that path', async () => {
      const { api, ipcRenderer, webUtils } = build();
      const file = new File(['a,b'], 'logins.csv');
      webUtils.paths.set(file, '/home/m/Downloads/logins.csv');
      ipcRenderer.respond = () => ({ ok: true, value: { fileId: 'f-1', name: 'logins.csv', sizeBytes: 3 } });
      await expect(api.stageDroppedFile!(file)).resolves.toEqual({
        ok: true,
        value: { fileId: 'f-1', name: 'logins.csv', sizeBytes: 3 },
      });
      expect(ipcRenderer.invocations).toEqual([{ channel: 'files:stage-path', args: [{ path: '/home/m/Downloads/logins.csv' }] }]);
    });

    it('refuses a File that exists only in memory, without calling main', async () => {
      const { api, ipcRenderer } = build();
      const result = await api.stageDroppedFile!(new File(['x'], 'made-up.csv'));
      expect(result).toMatchObject({ ok: false, error: { code: 'not-a-file' } });
      expect(ipcRenderer.invocations).toEqual([]);
    });

    it.each([['a path string', '/etc/passwd'], ['a plain object', { path: '/etc/passwd' }], ['nothing', undefined]])(
      'refuses %s instead of a File',
      async (_label, value) => {
        const { api, ipcRenderer } = build();
        const result = await api.stageDroppedFile!(value);
        expect(result).toMatchObject({ ok: false, error: { code: 'not-a-file' } });
        expect(ipcRenderer.invocations).toEqual([]);
      },
    );
  });

  describe('onMenuCommand', () => {
    it.each(['import', 'export', 'preferences', 'about'])('delivers "%s" as a bare string, never the event', (command) => {
      const { api, ipcRenderer } = build();
      const received: unknown[][] = [];
      api.onMenuCommand!((...args: unknown[]) => received.push(args));
      ipcRenderer.emit('menu:command', { sender: ipcRenderer, ports: [] }, command);
      expect(received).toEqual([[command]]);
    });

    it.each([['an unknown command', 'format-disk'], ['an object', { cmd: 'import' }], ['a number', 42], ['nothing', undefined]])(
      'drops %s',
      (_label, payload) => {
        const { api, ipcRenderer } = build();
        const received: unknown[] = [];
        api.onMenuCommand!((command: unknown) => received.push(command));
        ipcRenderer.emit('menu:command', {}, payload);
        expect(received).toEqual([]);
      },
    );

    it('returns a function that unsubscribes', () => {
      const { api, ipcRenderer } = build();
      const received: unknown[] = [];
      const unsubscribe = api.onMenuCommand!((command: unknown) => received.push(command)) as () => void;
      expect(ipcRenderer.listenerCount('menu:command')).toBe(1);
      unsubscribe();
      expect(ipcRenderer.listenerCount('menu:command')).toBe(0);
      ipcRenderer.emit('menu:command', {}, 'import');
      expect(received).toEqual([]);
    });

    it('refuses a non-function callback up front', () => {
      const { api } = build();
      expect(() => api.onMenuCommand!('alert(1)')).toThrow(TypeError);
    });

    it('listens only on the menu:command channel', () => {
      const { api, ipcRenderer } = build();
      api.onMenuCommand!(() => undefined);
      expect(ipcRenderer.eventNames()).toEqual(['menu:command']);
    });
  });
});

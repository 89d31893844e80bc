// Loads the real preload entry against the fake `electron` module (vitest alias) and checks what
// reaches the page's world: exactly one object, `seatcast`, built from the contract.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract';

type FakeModule = typeof import('../../fakes/electron');

describe('electron/preload/index.ts', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('exposes exactly one object, window.seatcast, with the contract methods and two helpers', async () => {
    const electron = (await import('electron')) as unknown as FakeModule;
    await import('../../../electron/preload/index');
    expect(electron.contextBridge.exposed).toHaveLength(1);
    const [{ key, api }] = electron.contextBridge.exposed as [{ key: string; api: Record<string, unknown> }];
    expect(key).toBe('seatcast');
    expect(Object.keys(api).sort()).toEqual(
      [...methodNames.filter((method) => method !== 'files:stage-path'), 'stageDroppedFile', 'onMenuCommand'].sort(),
    );
    // Nothing is sent or subscribed just by loading the preload.
    expect(electron.ipcRenderer.invocations).toEqual([]);
    expect(electron.ipcRenderer.eventNames()).toEqual([]);
  });

  it('does not hand the ipcRenderer object itself to the page', async () => {
    const electron = (await import('electron')) as unknown as FakeModule;
    await import('../../../electron/preload/index');
    const { api } = electron.contextBridge.exposed[0]!;
    expect(Object.values(api as object)).not.toContain(electron.ipcRenderer);
    expect(api).not.toBe(electron.ipcRenderer);
  });
});

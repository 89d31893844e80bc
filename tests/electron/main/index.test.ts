// The entry point only wires the real `electron` module into startDesktopApp. Under vitest,
// `electron` resolves to tests/fakes/electron.ts, so importing the entry runs the wiring against
// the fake without any Electron binary.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type FakeModule = typeof import('../../fakes/electron');

describe('electron/main/index.ts', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('starts the desktop app on the electron module: sandbox, lock and app scheme before ready', async () => {
    const electron = (await import('electron')) as unknown as FakeModule;
    await import('../../../electron/main/index');
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.app.singleInstanceLockRequested).toBe(true);
    expect(electron.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.fake.touchedForbidden).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_DARK,
  BACKGROUND_LIGHT,
  createMainWindow,
  MIN_HEIGHT,
  MIN_WIDTH,
} from '../../../electron/main/window';
import { createFakeElectron } from '../../fakes/electron';

const PRELOAD = '/app/dist/electron/preload.cjs';

function openWindow(overrides: { dark?: boolean; devServerUrl?: string; isMaximized?: boolean } = {}) {
  const electron = createFakeElectron();
  const window = createMainWindow(electron.BrowserWindow, {
    preloadPath: PRELOAD,
    bounds: { x: 10, y: 20, width: 1200, height: 800 },
    isMaximized: overrides.isMaximized,
    nativeTheme: { shouldUseDarkColors: overrides.dark ?? false },
    devServerUrl: overrides.devServerUrl,
  });
  return { electron, window };
}

const HARDENED = (preload: string) => ({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  disableBlinkFeatures: 'Auxclick',
  spellcheck: false,
  preload,
});

describe('the window’s webPreferences', () => {
  it('have exactly the hardened values and nothing else', () => {
    const { window } = openWindow();
    expect(window.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      preload: PRELOAD,
    });
  });
});

describe('createMainWindow', () => {
  it('points the preload at the given bundle path', () => {
    const { window } = openWindow();
    expect(window.options.webPreferences).toStrictEqual(HARDENED(PRELOAD));
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['spellcheck', false],
  ])('sets webPreferences.%s to %s', (key, value) => {
    const { window } = openWindow();
    expect((window.options.webPreferences as Record<string, unknown>)[key]).toBe(value);
  });

  it('never enables Blink features or a custom partition', () => {
    const { window } = openWindow();
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window.options.webPreferences).not.toHaveProperty('partition');
  });

  it('loads the bundle from app://, never from the file scheme', () => {
    const { window } = openWindow();
    expect(window.loadedUrls).toEqual(['app://bundle/index.html']);
    expect(window.loadedUrls.some((url) => url.startsWith('file:'))).toBe(false);
  });

  it('loads the dev server URL in dev mode', () => {
    const { window } = openWindow({ devServerUrl: 'http://127.0.0.1:5173/' });
    expect(window.loadedUrls).toEqual(['http://127.0.0.1:5173/']);
  });

  it('stays hidden until ready-to-show, then shows', () => {
    const { window } = openWindow();
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('restores the maximised state when showing', () => {
    const { window } = openWindow({ isMaximized: true });
    expect(window.maximized).toBe(false);
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
  });

  it('has the title, bounds and a sensible minimum size', () => {
    const { window } = openWindow();
    expect(window.options).toMatchObject({
      title: 'Seatcast',
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      minWidth: MIN_WIDTH,
      minHeight: MIN_HEIGHT,
    });
    expect(MIN_WIDTH).toBeGreaterThanOrEqual(800);
    expect(MIN_HEIGHT).toBeGreaterThanOrEqual(600);
  });

  it.each([
    [true, BACKGROUND_DARK],
    [false, BACKGROUND_LIGHT],
  ])('paints the background for dark=%s as %s', (dark, colour) => {
    const { window } = openWindow({ dark });
    expect(window.options.backgroundColor).toBe(colour);
  });
});

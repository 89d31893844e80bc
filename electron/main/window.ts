/**
 * The one Seatcast window. The hardened webPreferences are written inline in the
 * `new BrowserWindow({...})` call on purpose: Electronegativity (run in the test suite) checks
 * that literal, and a test compares what the window received key by key.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol';

export const WINDOW_TITLE = 'Seatcast';
export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 640;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 820;
/** Painted before the first frame so the window does not flash white in dark mode (and vice versa). */
export const BACKGROUND_DARK = '#16181d';
export const BACKGROUND_LIGHT = '#ffffff';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The slice of `BrowserWindow` the shell uses. */
export interface WindowPort {
  readonly webContents: { send(channel: string, ...args: unknown[]): void };
  loadURL(url: string): Promise<void>;
  once(event: string, listener: (...args: any[]) => void): unknown;
  on(event: string, listener: (...args: any[]) => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): { x: number; y: number; width: number; height: number };
}

export type BrowserWindowConstructor<W extends WindowPort = WindowPort> = new (
  options: BrowserWindowConstructorOptions,
) => W;

export interface CreateMainWindowOptions {
  preloadPath: string;
  bounds?: WindowBounds;
  isMaximized?: boolean;
  nativeTheme: { shouldUseDarkColors: boolean };
  /** The Vite dev server URL under `npm run dev`; otherwise the bundled app is loaded. */
  devServerUrl?: string;
  iconPath?: string;
}

export function createMainWindow<W extends WindowPort>(
  BrowserWindow: BrowserWindowConstructor<W>,
  options: CreateMainWindowOptions,
): W {
  const bounds = options.bounds ?? { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: WINDOW_TITLE,
    // Hidden until the first paint, so the user never sees an empty frame.
    show: false,
    backgroundColor: options.nativeTheme.shouldUseDarkColors ? BACKGROUND_DARK : BACKGROUND_LIGHT,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click ("auxclick") could open links in new windows; denied as well as disabled.
      disableBlinkFeatures: 'Auxclick',
      // Off here and in the session: Chromium's spellchecker would fetch dictionaries from a CDN.
      spellcheck: false,
      // Reviewed: the preload exposes exactly the contract's methods through contextBridge
      // (tests/electron/preload), never ipcRenderer itself.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
    },
  });
  window.once('ready-to-show', () => {
    if (options.isMaximized) window.maximize();
    window.show();
  });
  // loadURL rejects when the page fails to load (e.g. a missing renderer build); log it rather than
  // leave an unhandled rejection with no hint of what went wrong.
  window.loadURL(options.devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Seatcast could not load its window:', error);
  });
  return window;
}

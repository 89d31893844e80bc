/**
 * Wires the desktop shell together. Every Electron object arrives as a parameter, so the whole
 * start-up sequence runs in unit tests against a fake and the order of the security steps is
 * checked, not just their presence.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { MENU_COMMAND_CHANNEL } from '../preload/channels';
import { chooseImportFile, type DialogPort } from './dialogs';
import { EngineStartError, startEngineClient, type EngineClient, type WorkerConstructor } from './engine-client';
import { isTrustedSender, registerContractHandlers, type IpcMainPort } from './ipc';
import { buildMenuTemplate } from './menu';
import { createBundleFileReader, handleAppProtocol, registerAppScheme, type ProtocolPort } from './protocol';
import { hardenSession, installGlobalGuards, type SessionPort } from './security';
import { createMainWindow, type BrowserWindowConstructor, type WindowPort } from './window';
import { readWindowState, restoreBounds, trackWindowState, type DisplayArea } from './window-state';

export const APP_NAME = 'Seatcast';
export const DATABASE_FILE = 'seatcast.db';

/** The slice of Electron's `app` the shell uses. */
export interface AppPort {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  quit(): void;
  getPath(name: 'userData'): string;
  getAppPath(): string;
}

/** The Electron objects `startDesktopApp` needs; `import * as electron from 'electron'` fits it. */
export interface DesktopElectron {
  app: AppPort;
  BrowserWindow: BrowserWindowConstructor & { getAllWindows(): unknown[] };
  ipcMain: IpcMainPort;
  protocol: ProtocolPort;
  session: { readonly defaultSession: SessionPort };
  dialog: DialogPort;
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): object;
    setApplicationMenu(menu: object | null): void;
  };
  nativeTheme: { readonly shouldUseDarkColors: boolean };
  screen: { getAllDisplays(): Array<{ workArea: DisplayArea }>; getPrimaryDisplay(): { workArea: DisplayArea } };
}

export interface DesktopAppOptions {
  /** Folder of the bundled main process (`dist/electron`): preload and worker sit beside it. */
  bundleDir: string;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** `process.resourcesPath` of a packaged app. */
  resourcesPath?: string;
  Worker: WorkerConstructor;
}

export interface DesktopAppHandle {
  /** Settles when start-up finished (window created) or was abandoned (second instance, fatal). */
  readonly started: Promise<void>;
}

/** `--db PATH` or `--db=PATH` wins over `SEATCAST_DB`; relative paths are taken from the cwd. */
export function databasePathFrom(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
): string {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--db' && argv[index + 1]) return path.resolve(argv[index + 1]!);
    if (argument.startsWith('--db=') && argument.length > '--db='.length) return path.resolve(argument.slice('--db='.length));
  }
  if (env.SEATCAST_DB) return path.resolve(env.SEATCAST_DB);
  return path.join(userDataDir, DATABASE_FILE);
}

/**
 * The dev server origin from `SEATCAST_DEV_SERVER_URL`, or undefined when not in dev mode. Only
 * a loopback http URL is accepted: this is the one origin that gets past the request filter and
 * the IPC sender check, so it must never be something reachable from another machine.
 */
export function devServerFrom(env: Readonly<Record<string, string | undefined>>): { url: string; origin: string } | undefined {
  const raw = env.SEATCAST_DEV_SERVER_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SEATCAST_DEV_SERVER_URL is not a URL: ${raw}`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'http:' || !loopback || url.username || url.password) {
    throw new Error(`SEATCAST_DEV_SERVER_URL must be a loopback http URL such as http://127.0.0.1:5173/, not ${raw}`);
  }
  return { url: url.href, origin: url.origin };
}

export function resourcesDirFor(app: Pick<AppPort, 'isPackaged' | 'getAppPath'>, resourcesPath?: string): string {
  return app.isPackaged && resourcesPath
    ? path.join(resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources');
}

export function startDesktopApp(electron: DesktopElectron, options: DesktopAppOptions): DesktopAppHandle {
  const { app } = electron;
  const devServer = devServerFrom(options.env);
  const allowedDevOrigin = devServer?.origin;

  // Before anything else: every renderer, including ones a future change might add, is sandboxed.
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    // Two instances writing one database would only lead to confusion; the first one is focused
    // by its `second-instance` handler.
    app.quit();
    return { started: Promise.resolve() };
  }

  // Chromium reads privileged schemes once, before `ready`.
  registerAppScheme(electron.protocol);
  // Guards attach as each web contents is created, so they must be listening before any exists.
  installGlobalGuards(app);

  let mainWindow: WindowPort | undefined;
  let engine: EngineClient | undefined;
  let quitting = false;

  const focusMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const sendMenuCommand = (command: MenuCommand) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_COMMAND_CHANNEL, command);
  };

  const failAndQuit = (title: string, error: AppError) => {
    if (quitting) return;
    quitting = true;
    electron.dialog.showErrorBox(title, error.message);
    app.quit();
  };

  app.on('second-instance', focusMainWindow);

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until the user quits them explicitly.
    if (options.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    quitting = true;
    void engine?.terminate();
  });

  const openWindow = () => {
    const userDataDir = app.getPath('userData');
    const displays = electron.screen.getAllDisplays().map((display) => display.workArea);
    const restored = restoreBounds(readWindowState(userDataDir), displays);
    const window = createMainWindow(electron.BrowserWindow, {
      preloadPath: path.join(options.bundleDir, 'preload.cjs'),
      bounds: restored.bounds,
      isMaximized: restored.isMaximized,
      nativeTheme: electron.nativeTheme,
      devServerUrl: devServer?.url,
    });
    trackWindowState(window, { userDataDir });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    mainWindow = window;
  };

  const started = app.whenReady().then(async () => {
    hardenSession(electron.session.defaultSession, { allowedDevOrigin });
    const rendererDir = path.join(options.bundleDir, '..', 'renderer');
    handleAppProtocol(electron.protocol, rendererDir, createBundleFileReader(rendererDir));

    const userDataDir = app.getPath('userData');
    const databasePath = databasePathFrom(options.argv, options.env, userDataDir);
    fs.mkdirSync(path.dirname(databasePath), { recursive: true });
    engine = startEngineClient(options.Worker, {
      workerPath: path.join(options.bundleDir, 'engine-worker.cjs'),
      workerData: {
        databasePath,
        resourcesDir: resourcesDirFor(app, options.resourcesPath),
        runtime: 'desktop',
      },
      onUnexpectedExit: (error) => failAndQuit('Seatcast stopped working', error),
    });

    const client = engine;
    registerContractHandlers(electron.ipcMain, {
      forward: (method, request) => client.call(method, request),
      // Modal to the window when there is one; a destroyed window would make the dialog throw.
      openDialog: () => chooseImportFile(electron.dialog, mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined),
      isTrustedSender: (frame) => isTrustedSender(frame, allowedDevOrigin),
    });

    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(
        buildMenuTemplate({ platform: options.platform, appName: APP_NAME, send: sendMenuCommand, isDev: devServer !== undefined }),
      ),
    );

    // The window opens while the database is still being opened; the page's first calls simply
    // wait for the engine (EngineClient.call awaits readiness).
    openWindow();
    app.on('activate', () => {
      if (electron.BrowserWindow.getAllWindows().length === 0) openWindow();
    });

    try {
      await client.ready;
    } catch (error) {
      const appError =
        error instanceof EngineStartError
          ? error.appError
          : { code: 'engine-failed', message: error instanceof Error ? error.message : String(error) };
      failAndQuit('Seatcast could not open its database', appError);
    }
  });

  // Anything thrown during start-up (an unwritable database folder, say) gets a dialog, not a
  // silent unhandled rejection and a window that never appears.
  const settled = started.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failAndQuit('Seatcast could not start', { code: 'startup-failed', message });
  });

  return { started: settled };
}

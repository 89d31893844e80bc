/**
 * A fake `electron` module for unit tests (vitest aliases `electron` to this file).
 *
 * The real package cannot be loaded in Node: since Electron 42 its index.js downloads the binary
 * on first require. Each fake records what the code under test did to it (options passed,
 * handlers registered, messages sent) so tests can assert on the hardening, and can play the
 * other side (emit events, call handlers) to check the behaviour of what was registered.
 *
 * `createFakeElectron()` gives an isolated set for one test; the named exports at the bottom are
 * one shared set, used when a module under test does `import ... from 'electron'` (use
 * `vi.resetModules()` to get a fresh one).
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, OpenDialogOptions } from 'electron';

type AnyFunction = (...args: any[]) => unknown;

/** An Electron-style event whose `preventDefault` is observable. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Emits `eventName` with a fresh preventable event; returns whether any listener prevented it. */
export function emitPreventable(emitter: EventEmitter, eventName: string, ...args: unknown[]): boolean {
  const event = fakeEvent();
  emitter.emit(eventName, event, ...args);
  return event.defaultPrevented;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: AnyFunction | undefined;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  setWindowOpenHandler(handler: AnyFunction): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return false;
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeSession {
  permissionRequestHandler: AnyFunction | null | undefined;
  permissionCheckHandler: AnyFunction | null | undefined;
  devicePermissionHandler: AnyFunction | null | undefined;
  displayMediaRequestHandler: AnyFunction | null | undefined;
  spellCheckerDictionaryDownloadURL: string | undefined;
  spellCheckerEnabled = true;
  readonly webRequest = {
    beforeRequestListener: undefined as AnyFunction | null | undefined,
    onBeforeRequest(listener: AnyFunction | null): void {
      this.beforeRequestListener = listener;
    },
  };

  setPermissionRequestHandler(handler: AnyFunction | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: AnyFunction | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: AnyFunction | null): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: AnyFunction | null): void {
    this.displayMediaRequestHandler = handler;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.spellCheckerDictionaryDownloadURL = url;
  }
  setSpellCheckerEnabled(enable: boolean): void {
    this.spellCheckerEnabled = enable;
  }

  /** Runs the registered onBeforeRequest listener for `url`; true when it cancelled the request. */
  wouldCancel(url: string): boolean {
    const listener = this.webRequest.beforeRequestListener;
    if (!listener) throw new Error('no onBeforeRequest listener registered');
    let response: { cancel?: boolean } | undefined;
    listener({ url, method: 'GET', resourceType: 'xhr' }, (r: { cancel?: boolean }) => {
      response = r;
    });
    if (!response) throw new Error('onBeforeRequest listener did not call back');
    return response.cancel === true;
  }
}

/**
 * Stands in for modules Seatcast must never use (updater, crash reporter, shell). Any property
 * read is recorded, so a test can assert the list stayed empty.
 */
function tripwire(name: string, touched: string[]): object {
  return new Proxy(
    {},
    {
      get(_target, property) {
        // Symbol reads and `then` come from tooling (pretty-printers, await), not from app code.
        if (typeof property === 'string' && property !== 'then') touched.push(`${name}.${property}`);
        return () => undefined;
      },
    },
  );
}

export function createFakeElectron() {
  const touchedForbidden: string[] = [];

  // ---- app ---------------------------------------------------------------------------------
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  class FakeApp extends EventEmitter {
    isPackaged = false;
    sandboxEnabled = false;
    singleInstanceLockAvailable = true;
    singleInstanceLockRequested = false;
    quitCalls = 0;
    readonly paths: Record<string, string> = { userData: '/fake/user-data' };
    appPath = '/fake/app';
    private ready = false;
    /** Names of methods in the order they were called, to check start-up ordering. */
    readonly calls: string[] = [];

    enableSandbox(): void {
      if (this.ready) throw new Error('app.enableSandbox() must be called before the ready event');
      this.calls.push('enableSandbox');
      this.sandboxEnabled = true;
    }
    requestSingleInstanceLock(): boolean {
      this.calls.push('requestSingleInstanceLock');
      this.singleInstanceLockRequested = true;
      return this.singleInstanceLockAvailable;
    }
    whenReady(): Promise<void> {
      return readyPromise;
    }
    isReady(): boolean {
      return this.ready;
    }
    /** Test control: fire `ready`, as Electron does once Chromium has started. */
    async becomeReady(): Promise<void> {
      this.ready = true;
      this.calls.push('ready');
      resolveReady();
      this.emit('ready');
      await readyPromise;
    }
    quit(): void {
      this.calls.push('quit');
      this.quitCalls += 1;
    }
    exit(): void {
      this.calls.push('exit');
    }
    getPath(name: string): string {
      const value = this.paths[name];
      if (value === undefined) throw new Error(`fake app has no path "${name}"`);
      return value;
    }
    getAppPath(): string {
      return this.appPath;
    }
  }
  const app = new FakeApp();

  // ---- windows -----------------------------------------------------------------------------
  class FakeBrowserWindow extends EventEmitter {
    static readonly instances: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
    }

    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    visible = false;
    focused = false;
    maximized = false;
    minimized = false;
    destroyed = false;
    bounds: Rect;

    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      this.bounds = {
        x: options.x ?? 100,
        y: options.y ?? 100,
        width: options.width ?? 800,
        height: options.height ?? 600,
      };
      FakeBrowserWindow.instances.push(this);
      // Electron emits this on the app for every new web contents.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }

    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focused = true;
    }
    restore(): void {
      this.minimized = false;
    }
    maximize(): void {
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getNormalBounds(): Rect {
      return { ...this.bounds };
    }
    /** Test control: move/resize as the user would, emitting the events Electron emits. */
    setBounds(bounds: Partial<Rect>): void {
      this.bounds = { ...this.bounds, ...bounds };
      this.emit('move');
      this.emit('resize');
    }
    close(): void {
      if (emitPreventable(this, 'close')) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }

  // ---- IPC ---------------------------------------------------------------------------------
  const ipcMain = {
    handlers: new Map<string, AnyFunction>(),
    handle(channel: string, listener: AnyFunction): void {
      // Same rule as Electron: one handler per channel.
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      this.handlers.delete(channel);
    },
    /** Test control: call a registered handler as a renderer's `invoke` would. */
    async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };

  class FakeIpcRenderer extends EventEmitter {
    readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
    readonly sends: Array<{ channel: string; args: unknown[] }> = [];
    /** What `invoke` resolves to; replace it in a test to script main's answers. */
    respond: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });

    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      this.invocations.push({ channel, args });
      return Promise.resolve(this.respond(channel, ...args));
    }
    send(channel: string, ...args: unknown[]): void {
      this.sends.push({ channel, args });
    }
    sendSync(channel: string, ...args: unknown[]): unknown {
      this.sends.push({ channel, args });
      return undefined;
    }
  }
  const ipcRenderer = new FakeIpcRenderer();

  const contextBridge = {
    exposed: [] as Array<{ key: string; api: unknown }>,
    exposeInMainWorld(key: string, api: unknown): void {
      this.exposed.push({ key, api });
    },
  };

  const webUtils = {
    /** Test control: which on-disk path each File stands for. */
    paths: new WeakMap<object, string>(),
    getPathForFile(file: File): string {
      if (!(file instanceof File)) throw new TypeError('getPathForFile expects a File');
      return this.paths.get(file) ?? '';
    },
  };

  // ---- protocol, session -------------------------------------------------------------------
  const protocol = {
    privilegedSchemes: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
      // Electron only honours this before ready; fail loudly so ordering bugs show up in tests.
      if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged must be called before app is ready');
      this.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      if (!app.isReady()) throw new Error('protocol.handle must be called after app is ready');
      this.handlers.set(scheme, handler);
    },
  };

  const session = { defaultSession: new FakeSession() };

  // ---- dialogs, menus, theme, screen -------------------------------------------------------
  const dialog = {
    openDialogCalls: [] as Array<{ window: unknown; options: OpenDialogOptions }>,
    errorBoxes: [] as Array<{ title: string; content: string }>,
    /** What the next `showOpenDialog` resolves to. */
    nextOpenDialogResult: { canceled: true, filePaths: [] as string[] },
    showOpenDialog(
      windowOrOptions: object,
      maybeOptions?: OpenDialogOptions,
    ): Promise<{ canceled: boolean; filePaths: string[] }> {
      if (maybeOptions === undefined) this.openDialogCalls.push({ window: undefined, options: windowOrOptions as OpenDialogOptions });
      else this.openDialogCalls.push({ window: windowOrOptions, options: maybeOptions });
      return Promise.resolve(this.nextOpenDialogResult);
    },
    showErrorBox(title: string, content: string): void {
      this.errorBoxes.push({ title, content });
    },
  };

  const Menu = {
    applicationMenu: undefined as { template: unknown[] } | undefined,
    buildFromTemplate(template: unknown[]): { template: unknown[] } {
      return { template };
    },
    setApplicationMenu(menu: { template: unknown[] } | null): void {
      this.applicationMenu = menu ?? undefined;
    },
  };

  const nativeTheme = { shouldUseDarkColors: false };

  const screen = {
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as Array<{ workArea: Rect }>,
    getAllDisplays() {
      return this.displays;
    },
    getPrimaryDisplay() {
      const primary = this.displays[0];
      if (!primary) throw new Error('fake screen has no displays');
      return primary;
    },
  };

  const forbidden = {
    autoUpdater: tripwire('autoUpdater', touchedForbidden),
    crashReporter: tripwire('crashReporter', touchedForbidden),
    shell: tripwire('shell', touchedForbidden),
  };

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    webUtils,
    protocol,
    session,
    dialog,
    Menu,
    nativeTheme,
    screen,
    // Getters: even *reaching for* these modules through the electron object is recorded.
    get autoUpdater() {
      touchedForbidden.push('autoUpdater');
      return forbidden.autoUpdater;
    },
    get crashReporter() {
      touchedForbidden.push('crashReporter');
      return forbidden.crashReporter;
    },
    get shell() {
      touchedForbidden.push('shell');
      return forbidden.shell;
    },
    /** Test inspection: every use of a forbidden module, in order. */
    touchedForbidden,
    /** Direct access to the tripwires without recording a touch. */
    forbidden,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeBrowserWindow = InstanceType<FakeElectron['BrowserWindow']>;

// The module-level set that `import ... from 'electron'` sees.
export const fake = createFakeElectron();
export const app = fake.app;
export const BrowserWindow = fake.BrowserWindow;
export const ipcMain = fake.ipcMain;
export const ipcRenderer = fake.ipcRenderer;
export const contextBridge = fake.contextBridge;
export const webUtils = fake.webUtils;
export const protocol = fake.protocol;
export const session = fake.session;
export const dialog = fake.dialog;
export const Menu = fake.Menu;
export const nativeTheme = fake.nativeTheme;
export const screen = fake.screen;
export const autoUpdater = fake.forbidden.autoUpdater;
export const crashReporter = fake.forbidden.crashReporter;
export const shell = fake.forbidden.shell;

/**
 * Session and web-contents hardening.
 *
 * Seatcast shows nothing but its own bundle, so the stance is "deny by default, allow by name":
 * no permission is ever granted, no navigation or new window is ever allowed, and every network
 * request the page could make is cancelled unless it targets the app's own scheme. The CSP already
 * forbids remote loads; this is the second, independent wall a government reviewer will ask for.
 */
import { APP_HOST } from './protocol';

/**
 * Where Chromium would fetch hunspell dictionaries from. `.invalid` is reserved (RFC 2606) and
 * never resolves, so even if a download were attempted it could not leave the machine, and a
 * firewall log will not show a Google CDN host for an app that promises to stay offline.
 */
export const UNROUTABLE_DICTIONARY_URL = 'https://localhost.invalid/';

/** The slice of Electron's `Session` this file uses (typed loosely so a test fake fits). */
export interface SessionPort {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  setDisplayMediaRequestHandler?(
    handler: ((request: unknown, callback: (streams: null) => void) => void) | null,
  ): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
  setSpellCheckerEnabled(enable: boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null,
    ): void;
  };
}

/** A preventable Electron event, as far as these guards care. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of `WebContents` the navigation guards use. */
export interface GuardedContents {
  on(event: string, listener: (event: PreventableEvent, ...args: any[]) => void): unknown;
  setWindowOpenHandler(handler: (details: unknown) => { action: 'deny' }): void;
}

export interface AppEventsPort {
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/**
 * Which URLs the window may request at all. Pure, so it is tested with a table of cases.
 *
 * - `app://bundle/...`: the bundle itself (other hosts on the scheme are refused).
 * - `devtools:`: Chromium's own developer tools front end, which is part of the binary.
 * - `data:` and `blob:`: in-memory URLs that cannot reach a network. The shared CSP allows them
 *   for images (charts exported as pictures, inline icons), and cancelling them here would break
 *   what the CSP deliberately permits without making anything safer; navigating to them is
 *   already refused by the navigation guards.
 * - only with `npm run dev`: exactly the Vite dev server origin, and its hot-reload web socket on
 *   the same host and port.
 *
 * Everything else (http, https, ws, wss, ftp, file, chrome, other custom schemes) is cancelled.
 */
export function isAllowedRequestUrl(url: string, allowedDevOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'app:':
      return parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    default:
      break;
  }
  if (!allowedDevOrigin) return false;
  let devServer: URL;
  try {
    devServer = new URL(allowedDevOrigin);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin === devServer.origin;
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    return parsed.protocol === (devServer.protocol === 'https:' ? 'wss:' : 'ws:') && parsed.host === devServer.host;
  }
  return false;
}

export interface HardenSessionOptions {
  /** Set only when running `npm run dev`: the one extra origin the window may talk to. */
  allowedDevOrigin?: string;
}

export function hardenSession(session: SessionPort, options: HardenSessionOptions = {}): void {
  // Electron grants every permission unless a handler says otherwise; Seatcast needs none
  // (no camera, notifications, geolocation, clipboard-read, HID, serial, USB, ...).
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Screen capture has its own request path that the permission handler does not see.
  if (typeof session.setDisplayMediaRequestHandler === 'function') {
    session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  }

  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(UNROUTABLE_DICTIONARY_URL);

  const { allowedDevOrigin } = options;
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, allowedDevOrigin) });
  });
}

/**
 * Applied to every web contents the app ever creates (windows, devtools, anything a future change
 * adds), not just the main window, so a forgotten guard on a new window is impossible.
 */
export function guardWebContents(contents: GuardedContents): void {
  const refuse = (event: PreventableEvent) => event.preventDefault();
  // The page is a single-page app: it never needs to leave app://bundle/index.html. Loads the main
  // process starts itself (loadURL) do not raise these events, so denying all is safe.
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installGlobalGuards(app: AppEventsPort): void {
  app.on('web-contents-created', (_event: unknown, contents: GuardedContents) => guardWebContents(contents));
}

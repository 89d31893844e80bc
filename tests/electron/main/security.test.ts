import { describe, expect, it } from 'vitest';
import {
  guardWebContents,
  hardenSession,
  installGlobalGuards,
  isAllowedRequestUrl,
  UNROUTABLE_DICTIONARY_URL,
} from '../../../electron/main/security';
import { createFakeElectron, emitPreventable, FakeSession, FakeWebContents } from '../../fakes/electron';

/** Every permission name Electron 45 passes to the request/check handlers, plus made-up ones. */
const PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control',
  'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture',
  'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid',
  'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access',
  'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications',
  'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access',
  'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing',
  'window-management', 'unknown', 'camera', 'microphone', 'a-permission-from-the-future',
];

const DEV_ORIGIN = 'http://127.0.0.1:5173';

function hardened(options: { allowedDevOrigin?: string } = {}): FakeSession {
  const session = new FakeSession();
  hardenSession(session, options);
  return session;
}

describe('hardenSession: permissions', () => {
  it.each(PERMISSIONS)('denies a request for %s', (permission) => {
    const session = hardened();
    const answers: boolean[] = [];
    session.permissionRequestHandler!({}, permission, (granted: boolean) => answers.push(granted), {
      requestingUrl: 'app://bundle/index.html',
    });
    expect(answers).toEqual([false]);
  });

  it.each(PERMISSIONS)('answers false to a check for %s', (permission) => {
    const session = hardened();
    expect(session.permissionCheckHandler!({}, permission, 'app://bundle', { requestingUrl: 'app://bundle/' })).toBe(false);
  });

  it.each(['hid', 'serial', 'usb', 'bluetooth'])('denies device access of type %s', (deviceType) => {
    const session = hardened();
    expect(session.devicePermissionHandler!({ deviceType, origin: 'app://bundle', device: {} })).toBe(false);
  });

  it('denies screen capture (display media) with a null stream', () => {
    const session = hardened();
    const answers: unknown[] = [];
    session.displayMediaRequestHandler!({ frame: {}, securityOrigin: 'app://bundle' }, (streams: unknown) =>
      answers.push(streams),
    );
    expect(answers).toEqual([null]);
  });

  it('still hardens a session object without setDisplayMediaRequestHandler', () => {
    const session = new FakeSession();
    Object.defineProperty(session, 'setDisplayMediaRequestHandler', { value: undefined });
    expect(() => hardenSession(session)).not.toThrow();
    expect(session.permissionRequestHandler).toBeTypeOf('function');
  });
});

describe('hardenSession: spellchecker', () => {
  it('turns the spellchecker off and points dictionary downloads at an unroutable host', () => {
    const session = hardened();
    expect(session.spellCheckerEnabled).toBe(false);
    expect(session.spellCheckerDictionaryDownloadURL).toBe(UNROUTABLE_DICTIONARY_URL);
    // `.invalid` is reserved and never resolves (RFC 2606).
    expect(new URL(UNROUTABLE_DICTIONARY_URL).hostname.endsWith('.invalid')).toBe(true);
  });
});

describe('isAllowedRequestUrl / onBeforeRequest', () => {
  const allowed = [
    'app://bundle/index.html',
    'app://bundle/assets/index-3f2a.js',
    'devtools://devtools/bundled/devtools_app.html',
    // In-memory, cannot reach a network; the shared CSP allows them for images.
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://bundle/6f1c2f3e-0000-4000-8000-000000000000',
  ];
  const cancelled = [
    'http://example.com/',
    'https://example.com/track.gif',
    'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
    'https://localhost.invalid/en-US-10-1.bdic',
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'ws://example.com/socket',
    'wss://example.com/socket',
    'ftp://example.com/file.csv',
    'file:///etc/passwd',
    'file:///C:/Users/manager/Documents/export.csv',
    'app://evil/index.html',
    'app://user@bundle/index.html',
    'chrome://settings/',
    'chrome-extension://abcdef/script.js',
    'javascript:alert(1)',
    'mailto:someone@example.com',
    'gopher://example.com/',
    'not a url',
    '',
  ];

  it.each(allowed)('lets %s through', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
    expect(hardened().wouldCancel(url)).toBe(false);
  });

  it.each(cancelled)('cancels %j', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
    expect(hardened().wouldCancel(url)).toBe(true);
  });

  describe('in dev mode', () => {
    it.each([`${DEV_ORIGIN}/`, `${DEV_ORIGIN}/src/main.tsx?t=1`, `${DEV_ORIGIN}/@vite/client`, 'ws://127.0.0.1:5173/?token=abc'])(
      'allows the dev server: %s',
      (url) => {
        expect(hardened({ allowedDevOrigin: DEV_ORIGIN }).wouldCancel(url)).toBe(false);
      },
    );

    it.each([
      'http://127.0.0.1:5174/',
      'http://localhost:5173/',
      'https://127.0.0.1:5173/',
      'ws://127.0.0.1:5174/',
      'http://user@127.0.0.1:5173/',
      'https://example.com/',
      'file:///etc/passwd',
    ])('still cancels anything else: %s', (url) => {
      expect(hardened({ allowedDevOrigin: DEV_ORIGIN }).wouldCancel(url)).toBe(true);
    });

    it('grants nothing extra when no dev origin is configured', () => {
      expect(isAllowedRequestUrl(`${DEV_ORIGIN}/`, undefined)).toBe(false);
      expect(isAllowedRequestUrl(`${DEV_ORIGIN}/`, '')).toBe(false);
    });
  });
});

describe('guardWebContents', () => {
  const targets = [
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://bundle/index.html',
    'app://bundle/other.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ];

  it.each(targets)('prevents navigation and redirects to %s', (url) => {
    const contents = new FakeWebContents();
    guardWebContents(contents);
    expect(emitPreventable(contents, 'will-navigate', url)).toBe(true);
    expect(emitPreventable(contents, 'will-frame-navigate', url)).toBe(true);
    expect(emitPreventable(contents, 'will-redirect', url)).toBe(true);
  });

  it.each(targets)('denies window.open(%s)', (url) => {
    const contents = new FakeWebContents();
    guardWebContents(contents);
    expect(contents.windowOpenHandler!({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({
      action: 'deny',
    });
  });

  it('prevents attaching a <webview>', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents);
    expect(emitPreventable(contents, 'will-attach-webview', { preload: '/tmp/evil.js' }, { src: 'https://example.com' })).toBe(
      true,
    );
  });

  it('installGlobalGuards guards every web contents the app creates', () => {
    const electron = createFakeElectron();
    installGlobalGuards(electron.app);
    const window = new electron.BrowserWindow({});
    expect(window.webContents.windowOpenHandler).toBeTypeOf('function');
    expect(emitPreventable(window.webContents, 'will-navigate', 'https://example.com/')).toBe(true);

    const devtools = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, devtools);
    expect(emitPreventable(devtools, 'will-attach-webview', {}, {})).toBe(true);
  });
});

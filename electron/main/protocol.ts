/**
 * The `app://bundle/` protocol: the only way the window gets its HTML, scripts and styles.
 *
 * Serving from a custom, privileged scheme instead of the file scheme means a script running in
 * the page has no ambient access to the disk: it can only ask for names inside the renderer build,
 * and this module proves each name stays inside that folder before reading it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The slice of Electron's `protocol` module this file uses. */
export interface ProtocolPort {
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean } }>,
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Reads one file of the bundle. Rejects with `code: 'ENOENT'` (or similar) when it is missing. */
export type BundleFileReader = (absolutePath: string) => Promise<Uint8Array>;

const URL_PREFIX = `${APP_ORIGIN}/`;

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Maps an `app://bundle/...` URL to a file inside `rootDir`, or null when the URL must be refused.
 *
 * Pure and deliberately stricter than a browser needs to be: Chromium canonicalises URLs of a
 * standard scheme before they reach the handler, but this function is the last line and must be
 * safe on any string, so it re-checks everything a hostile page could try.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  if (typeof requestUrl !== 'string') return null;
  // Also refuses app://bundle.evil/, app://user@bundle/ and app://bundle:80/: the character after
  // the host must be the slash that starts the path.
  if (requestUrl !== APP_ORIGIN && !requestUrl.startsWith(URL_PREFIX)) return null;
  let rawPath = requestUrl.slice(APP_ORIGIN.length);
  const queryOrFragment = rawPath.search(/[?#]/);
  if (queryOrFragment !== -1) rawPath = rawPath.slice(0, queryOrFragment);
  if (rawPath === '' || rawPath === '/') rawPath = '/index.html';

  // Encoded separators and NUL would change what a "segment" is after decoding; there is no
  // legitimate asset name that needs them.
  if (/%(2f|5c|00)/i.test(rawPath) || rawPath.includes('\\')) return null;

  let decoded: string;
  try {
    // Exactly once: a double-encoded `%252e%252e` becomes the literal name `%2e%2e`, which is
    // harmless because it is never decoded again.
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // Control characters (NUL included) and backslashes have no place in bundle file names.
  if (decoded.includes('\\') || hasControlCharacter(decoded)) return null;

  const segments = decoded.slice(1).split('/');
  for (const segment of segments) {
    // Empty segments would let `//host/share` or `//etc/passwd` look absolute; `.` and `..` walk.
    if (segment === '' || segment === '.' || segment === '..') return null;
    // A colon covers drive letters (`C:`) and Windows alternate data streams (`name:stream`).
    if (segment.includes(':')) return null;
    // Windows silently drops trailing dots and spaces, so `.. ` or `...` could turn into `..`
    // after this check; no build asset is named like that.
    if (/[. ]$/.test(segment)) return null;
  }

  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, ...segments);
  const relative = path.relative(root, candidate);
  if (relative === '' || path.isAbsolute(relative)) return null;
  if (relative === '..' || relative.startsWith(`..${path.sep}`)) return null;
  return candidate;
}

/** Must run before the app's `ready` event: Chromium reads the scheme table once at startup. */
export function registerAppScheme(protocol: Pick<ProtocolPort, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin (`app://bundle`), relative URLs and `'self'` in the CSP work.
      // secure: treated like https, so the page is a secure context.
      // supportFetchAPI: the built page loads ES modules, which go through fetch.
      // corsEnabled: Vite emits <script type="module" crossorigin>, fetched in CORS mode.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every answer, errors included, so no response is ever without the policy. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Thrown by a reader when a symlink inside the bundle points outside it. */
export class OutsideBundleError extends Error {
  readonly code = 'EOUTSIDEBUNDLE';
  constructor(filePath: string) {
    super(`${filePath} resolves outside the application bundle`);
    this.name = 'OutsideBundleError';
  }
}

/** Answers one `app://` request; exported so tests can call it without a protocol object. */
export async function respondToAppRequest(
  request: Pick<Request, 'url' | 'method'>,
  rootDir: string,
  readFile: BundleFileReader,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plainResponse(405, 'Method not allowed');
  }
  const filePath = resolveAppPath(request.url, rootDir);
  if (filePath === null) return plainResponse(403, 'Forbidden');
  let body: Uint8Array;
  try {
    body = await readFile(filePath);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && MISSING_FILE_CODES.has(code)) return plainResponse(404, 'Not found');
    if (error instanceof OutsideBundleError) return plainResponse(403, 'Forbidden');
    return plainResponse(500, 'Could not read an application file');
  }
  const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(filePath) };
  // Copy into a fresh ArrayBuffer-backed view: Response wants a plain BufferSource, and a Node
  // Buffer may be a slice of a shared pool.
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

export function handleAppProtocol(
  protocol: Pick<ProtocolPort, 'handle'>,
  rootDir: string,
  readFile: BundleFileReader,
): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request, rootDir, readFile));
}

// Callback-style fs calls on purpose: inside a packaged app the bundle lives in an asar archive,
// and Electron's asar support is certain for these forms.
function realpathOf(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    fs.realpath(target, (error, resolved) => (error ? reject(error) : resolve(resolved)));
  });
}

function statOf(target: string): Promise<fs.Stats> {
  return new Promise((resolve, reject) => {
    fs.stat(target, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

function readBytes(target: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    fs.readFile(target, (error, data) => (error ? reject(error) : resolve(data)));
  });
}

/**
 * A reader for the real bundle. `resolveAppPath` already proved the *name* is inside the root;
 * this also proves the *file* is, by comparing real paths, so a symlink planted in the build
 * output cannot serve something from elsewhere on the disk.
 */
export function createBundleFileReader(rootDir: string): BundleFileReader {
  let realRoot: Promise<string> | undefined;
  return async (absolutePath) => {
    realRoot ??= realpathOf(path.resolve(rootDir));
    const [root, target] = await Promise.all([realRoot, realpathOf(absolutePath)]);
    const relative = path.relative(root, target);
    if (relative === '' || path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) {
      throw new OutsideBundleError(absolutePath);
    }
    const stats = await statOf(target);
    if (!stats.isFile()) throw Object.assign(new Error(`${absolutePath} is not a file`), { code: 'EISDIR' });
    return readBytes(target);
  };
}

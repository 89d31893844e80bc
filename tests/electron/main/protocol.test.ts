import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentTypeFor,
  createBundleFileReader,
  handleAppProtocol,
  registerAppScheme,
  resolveAppPath,
  respondToAppRequest,
} from '../../../electron/main/protocol';
import { contentSecurityPolicy } from '../../../shared/csp';
import { createFakeElectron } from '../../fakes/electron';

const root = path.resolve('/srv/seatcast/renderer');

function isInside(candidate: string, dir: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

describe('resolveAppPath', () => {
  it.each([
    ['app://bundle', 'index.html'],
    ['app://bundle/', 'index.html'],
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/?page=reports', 'index.html'],
    ['app://bundle/#/dashboard', 'index.html'],
    ['app://bundle/assets/index-3f2a.js', 'assets/index-3f2a.js'],
    ['app://bundle/assets/index-3f2a.js?v=2#frag', 'assets/index-3f2a.js'],
    ['app://bundle/assets/my%20font.woff2', 'assets/my font.woff2'],
    ['app://bundle/assets/..hidden-but-legal.css', 'assets/..hidden-but-legal.css'],
    ['app://bundle/assets/chunk.v2.js', 'assets/chunk.v2.js'],
    // Decoded once only: the result is a literal (odd but harmless) name inside the bundle.
    ['app://bundle/%252e%252e/secret', '%2e%2e/secret'],
  ])('maps %s to <root>/%s', (url, expected) => {
    expect(resolveAppPath(url, root)).toBe(path.join(root, expected));
  });

  it.each([
    // plain and nested traversal
    'app://bundle/../etc/passwd',
    'app://bundle/assets/../../etc/passwd',
    'app://bundle/assets/../index.html',
    'app://bundle/./index.html',
    // percent-encoded dots and separators
    'app://bundle/%2e%2e/etc/passwd',
    'app://bundle/%2E%2E/etc/passwd',
    'app://bundle/.%2e/etc/passwd',
    'app://bundle/%2e./etc/passwd',
    'app://bundle/..%2fetc%2fpasswd',
    'app://bundle/assets%2F..%2F..%2Fetc%2Fpasswd',
    'app://bundle/%2fetc/passwd',
    // backslashes, raw and encoded (Windows separators)
    'app://bundle/..\\..\\Windows\\win.ini',
    'app://bundle/assets\\index.js',
    'app://bundle/%5c..%5cwin.ini',
    // NUL and other control characters
    'app://bundle/index.html%00.png',
    'app://bundle/index.html\u0000.png',
    'app://bundle/assets/%0aindex.js',
    // absolute paths, drive letters, UNC and alternate data streams
    'app://bundle//etc/passwd',
    'app://bundle///server/share/file',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/c:%5cWindows%5cwin.ini',
    'app://bundle/C%3A/Windows/win.ini',
    'app://bundle/\\\\server\\share\\file',
    'app://bundle/index.html::$DATA',
    // trailing dots and spaces, which Windows strips (`.. ` would become `..`)
    'app://bundle/.. /secret',
    'app://bundle/.../secret',
    'app://bundle/index.html.',
    'app://bundle/index.html%20',
    // malformed escapes
    'app://bundle/%',
    'app://bundle/%zz',
    'app://bundle/%E0%A4%A',
    // other hosts, credentials, ports and schemes
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle@evil/index.html',
    'app://user@bundle/index.html',
    'app://bundle:8080/index.html',
    'APP://BUNDLE/index.html',
    'file:///etc/passwd',
    'http://bundle/index.html',
    'https://bundle/index.html',
    '',
    '/etc/passwd',
    'index.html',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });

  it('never returns a path outside the root, whatever follows the prefix (property)', () => {
    const segment = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '\\', '/', '//', 'a', 'assets', 'C:', '%00', '%252e', '~', ' ', '%');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.string(), (parts, tail) => {
        const result = resolveAppPath(`app://bundle/${parts.join('')}${tail}`, root);
        return result === null || isInside(result, root);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('registerAppScheme', () => {
  it('registers app: as standard, secure and fetch-capable, before ready', () => {
    const electron = createFakeElectron();
    registerAppScheme(electron.protocol);
    expect(electron.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
  });

  it('the entry URL is on the app scheme, never the file scheme', () => {
    expect(APP_ENTRY_URL).toBe('app://bundle/index.html');
  });
});

describe('respondToAppRequest with the real bundle reader', () => {
  let bundle: string;
  let outside: string;

  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'seatcast-protocol-'));
    bundle = path.join(base, 'renderer');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(bundle, 'assets'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(bundle, 'index.html'), '<!doctype html><title>Seatcast</title>');
    fs.writeFileSync(path.join(bundle, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(bundle, 'assets', 'app.css'), 'body{}');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'do not serve');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(bundle, 'assets', 'linked.txt'));
    fs.symlinkSync(outside, path.join(bundle, 'linked-dir'));
  });

  afterAll(() => {
    fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') =>
    respondToAppRequest({ url, method }, bundle, createBundleFileReader(bundle));

  it('serves index.html for / with the CSP, nosniff and an HTML content type', async () => {
    const response = await get('app://bundle/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Seatcast</title>');
  });

  it.each([
    ['app://bundle/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://bundle/assets/app.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (url, type) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await get('app://bundle/assets/missing.js')).status).toBe(404);
    expect((await get('app://bundle/assets')).status).toBe(404);
  });

  it('answers 403 for traversal, with the CSP still set', async () => {
    const response = await get('app://bundle/%2e%2e/outside/secret.txt');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('answers 403 for symlinks that lead out of the bundle', async () => {
    expect((await get('app://bundle/assets/linked.txt')).status).toBe(403);
    expect((await get('app://bundle/linked-dir/secret.txt')).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD; HEAD has no body', async () => {
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
    const head = await get('app://bundle/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 (not the file) when reading fails for another reason', async () => {
    const response = await respondToAppRequest({ url: 'app://bundle/index.html', method: 'GET' }, bundle, () =>
      Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    );
    expect(response.status).toBe(500);
  });

  it('handleAppProtocol registers the handler for the app scheme only', async () => {
    const electron = createFakeElectron();
    await electron.app.becomeReady();
    handleAppProtocol(electron.protocol, bundle, createBundleFileReader(bundle));
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
    const response = await electron.protocol.handlers.get('app')!(new Request('app://bundle/index.html'));
    expect(response.status).toBe(200);
  });
});

describe('contentTypeFor', () => {
  it('falls back to a non-executable type for unknown extensions', () => {
    expect(contentTypeFor('/x/file.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/logo.SVG')).toBe('image/svg+xml');
  });
});

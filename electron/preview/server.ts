/**
 * `npm run preview`: the built renderer and the engine behind a loopback HTTP bridge, for any
 * browser (and for the e2e tests) where the desktop binary cannot be installed.
 *
 * It is the one place in Seatcast that opens a socket, and it is locked down accordingly:
 * bound to 127.0.0.1 only; every API call needs a random per-run token; a request whose Host
 * or Origin is not the served origin is rejected (this defeats DNS-rebinding and cross-site
 * requests from other pages in the same browser).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentSecurityPolicy } from '../../shared/csp';
import { desktopOnlyMethods, isMethodName } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { fail, ok, UserFacingError } from '../../shared/result';
import { createEngine, type Engine } from '../engine/engine';
import { seatcastVersion } from '../engine/version';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_JSON_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

export type PreviewServerOptions = {
  databasePath: string;
  rendererDir: string;
  resourcesDir: string;
  port?: number;
  loadDemo?: boolean;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
};

export type PreviewServer = {
  url: string;
  origin: string;
  token: string;
  engine: Engine;
  close(): Promise<void>;
};

/** Maps a URL path to a file inside `root`, or null when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const full = resolve(root, relative);
  const base = resolve(root);
  return full === base || full.startsWith(base + sep) ? full : null;
}

function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new UserFacingError('request-too-large', 'The request is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserFacingError('invalid-request', 'The request body is not valid JSON.');
  }
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const engine = await createEngine({
    databasePath: options.databasePath,
    resourcesDir: options.resourcesDir,
    runtime: 'preview',
    version: seatcastVersion,
    loadDemo: options.loadDemo ?? true,
  });
  const token = options.token ?? randomBytes(24).toString('base64url');
  const uploadDir = mkdtempSync(join(tmpdir(), 'seatcast-upload-'));
  let origin = '';
  let uploadCount = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const message = error instanceof UserFacingError ? error.message : 'The preview server could not answer this request.';
      if (!res.headersSent) sendJson(res, 500, fail(error instanceof UserFacingError ? error.code : 'internal', message));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (host !== new URL(origin).host) return sendJson(res, 421, fail('forbidden-host', 'Requests must be addressed to the served origin.'));
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return sendJson(res, 403, fail('forbidden-origin', 'Cross-origin requests are not accepted.'));
    }
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/') || url.pathname === '/upload') {
      if (req.method !== 'POST') return sendJson(res, 405, fail('method-not-allowed', 'Use POST.'));
      const given = req.headers['x-seatcast-token'];
      if (!tokensMatch(token, Array.isArray(given) ? given[0] : given)) {
        return sendJson(res, 401, fail('unauthorized', 'Missing or wrong access token. Open the exact URL printed by npm run preview.'));
      }
      if (url.pathname === '/upload') return handleUpload(req, res, url);
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isMethodName(method) || desktopOnlyMethods.has(method)) {
        return sendJson(res, 404, fail('unknown-method', `"${method}" is not available in the preview.`));
      }
      const result = await dispatch(engine.handlers, method, await readJsonBody(req));
      return sendJson(res, 200, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('method-not-allowed', 'Only GET is served here.'));
    const path = resolveStaticPath(options.rendererDir, url.pathname);
    if (!path) return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
    let body: Buffer;
    try {
      if (!statSync(path).isFile()) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      body = readFileSync(path);
    } catch {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
    send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : body, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = (url.searchParams.get('name') ?? 'upload').replace(/[/\\\0]/g, '_').slice(0, 200) || 'upload';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) return sendJson(res, 413, fail('file-too-large', 'The file is larger than 8 GB.'));
    uploadCount += 1;
    const target = join(uploadDir, `${uploadCount}-${name}`);
    await pipeline(req, createWriteStream(target));
    sendJson(res, 200, ok(engine.stageFile(target, name)));
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    engine,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      engine.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

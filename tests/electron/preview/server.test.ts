import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolveStaticPath, startPreviewServer, type PreviewServer } from '../../../electron/preview/server';
import { repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let server: PreviewServer;

type Reply = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (method: string, body: unknown, extra: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-seatcast-token': server.token, ...extra },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seatcast</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
  server = await startPreviewServer({ databasePath: join(dir, 'preview.db'), rendererDir, resourcesDir: join(repoRoot, 'resources'), loadDemo: false });
});
afterAll(() => server.close());

describe('preview bridge', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the app with the strict CSP', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Seatcast</title>');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers contract calls with the token', async () => {
    const reply = await api('app:info', {});
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { runtime: 'preview', sessionCount: 0 } });
  });

  it('rejects calls without the token or with a wrong one', async () => {
    const none = await send('/api/app:info', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await api('app:info', {}, { 'x-seatcast-token': 'x'.repeat(server.token.length) });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('unauthorized');
  });

  it('rejects a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const host = await api('app:info', {}, { host: 'evil.example:80' });
    expect(host.status).toBe(421);
    const origin = await api('app:info', {}, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const lookalike = await api('app:info', {}, { origin: server.origin.replace('127.0.0.1', 'localhost') });
    expect(lookalike.status).toBe(403);
  });

  it('refuses desktop-only methods and unknown methods', async () => {
    expect((await api('files:stage-path', { path: '/etc/passwd' })).status).toBe(404);
    expect((await api('files:open-dialog', {})).status).toBe(404);
    expect((await api('no:such', {})).status).toBe(404);
  });

  it('validates requests with the contract schema', async () => {
    const reply = await api('imports:undo', { importId: 'one' });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const reply = await send(path);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain('outside the served folder');
    }
    expect(resolveStaticPath('/srv/app', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/assets/%2e%2e/%2e%2e/x')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
  });

  it('stages an uploaded file and imports it through the job API', async () => {
    const csvText = 'agent_id,login,logout\nu1,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z\n';
    const upload = await send('/upload?name=shift.csv', {
      method: 'POST',
      headers: { 'x-seatcast-token': server.token, 'content-type': 'application/octet-stream' },
      body: csvText,
    });
    const staged = JSON.parse(upload.body);
    expect(staged).toMatchObject({ ok: true, value: { name: 'shift.csv', sizeBytes: csvText.length } });
    const started = JSON.parse((await api('imports:start', { fileId: staged.value.fileId })).body);
    let job;
    do {
      job = JSON.parse((await api('jobs:get', { jobId: started.value.jobId })).body).value;
    } while (job.state === 'running');
    expect(job).toMatchObject({ state: 'done', result: { sessionsAdded: 1 } });
  });
});

/**
 * E2E fixtures.
 *
 * `server`: a preview bridge of its own per test — `dist/preview/server.cjs` on a fresh temporary
 * database and a free port — yielding the tokenised URL printed on start. `demo: false` starts it
 * with `--no-demo` (an empty database).
 *
 * `page`: the usual page, plus a record of every request the browser makes. The test fails in
 * teardown if any request left the served origin: Seatcast must never contact anything else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(repoRoot, 'node_modules/.bin/node');
const serverScript = join(repoRoot, 'dist/preview/server.cjs');
const URL_LINE = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=[^\s]+)/;

export type PreviewServer = {
  /** The URL printed by the server, including `?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  databasePath: string;
};

type Fixtures = {
  /** Load the bundled demo dataset on start (default) or start empty (`--no-demo`). */
  demo: boolean;
  /**
   * Runs on the database path before the server starts (e.g. to damage the file on purpose).
   * Wrapped in an object: Playwright would take a bare function for a fixture definition.
   */
  prepareDatabase: { run: (databasePath: string) => void } | null;
  server: PreviewServer;
  /** Every URL requested by the page so far. */
  requests: string[];
};

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; origin: string }> {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(nodeBin, [serverScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`preview server did not print its URL within 45 s:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolveStart({ child, url: match[1]!, origin: `http://127.0.0.1:${match[2]}` });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`preview server exited (code ${code}) before printing its URL:\n${output}`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Same-origin URLs, data: URLs and blob: URLs minted by the origin are local. */
export function isLocalRequest(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${origin}/`)) return true;
  if (url === 'about:blank') return true;
  return url === origin || url.startsWith(`${origin}/`);
}

export const test = base.extend<Fixtures>({
  demo: [true, { option: true }],
  prepareDatabase: [null, { option: true }],

  server: async ({ demo, prepareDatabase }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'seatcast-e2e-'));
    const databasePath = join(dir, 'seatcast.db');
    prepareDatabase?.run(databasePath);
    const args = ['--db', databasePath, '--port', '0', ...(demo ? [] : ['--no-demo'])];
    const { child, url, origin } = await startServer(args);
    try {
      await use({ url, origin, databasePath });
    } finally {
      await stopServer(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern.
  requests: async ({}, use) => {
    await use([]);
  },

  page: async ({ page, context, server, requests }, use, testInfo) => {
    await context.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.continue();
    });
    page.on('request', (request) => requests.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await use(page);

    const outside = [...new Set(requests.filter((url) => !isLocalRequest(url, server.origin)))];
    if (outside.length) await testInfo.attach('requests-outside-origin', { body: outside.join('\n'), contentType: 'text/plain' });
    expect(outside, `requests outside ${server.origin}`).toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Opens the app and waits until the first data arrived. */
export async function openApp(page: import('@playwright/test').Page, server: PreviewServer): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 30_000 });
}

/** Temp databases and files for engine tests; everything is removed after each test file. */
import { closeSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/engine';
import type { MethodName, Request, Response } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';

export const repoRoot = resolve(__dirname, '..', '..');

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatcast-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** How many handles this process has open on `path` (Linux: /proc/self/fd). */
export function handlesOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

let counter = 0;
export async function freshEngine(dir: string, options: { loadDemo?: boolean } = {}): Promise<Engine> {
  counter += 1;
  const engine = await createEngine({
    databasePath: join(dir, `engine-${counter}.db`),
    resourcesDir: join(repoRoot, 'resources'),
    runtime: 'in-process',
    version: 'test',
    loadDemo: options.loadDemo ?? false,
  });
  afterAll(() => engine.close());
  return engine;
}

/** Runs an import job through the contract handlers and waits for it to finish. */
export async function importThroughJobs(engine: Engine, path: string, timeZone?: string) {
  const { fileId } = engine.stageFile(path);
  const { jobId } = await engine.handlers['imports:start']({ fileId, format: 'auto', ...(timeZone ? { timeZone } : {}) });
  for (;;) {
    const job = await engine.handlers['jobs:get']({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Builds CSV text from rows (LF, no quoting needed for the values tests use). */
export function csv(header: string, rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}

/** Calls a contract method the way every transport does: validated request, validated response. */
export async function call<M extends MethodName>(engine: Engine, method: M, request: Request<M>): Promise<Response<M>> {
  const result = await dispatch(engine.handlers, method, request);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as Response<M>;
}

/** Overwrites the b-tree page header of the `setting` table's root page: structural damage that quick_check finds. */
export function corruptSettingTable(path: string): void {
  const db = new Database(path, { readonly: true });
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'setting'").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (rootpage - 1) * pageSize);
  closeSync(fd);
}

// The CLI skips the full quick_check at open only for a file the engine closed cleanly and nothing
// has written to since (electron/engine/db/backup.ts, clean-close marker); everything else still
// gets the full check, so damage made after the close is found.
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkDatabaseFile, cleanCloseMarker, recordCleanClose } from '../../../electron/engine/db/backup';
import { createEngine } from '../../../electron/engine/engine';
import { dispatch } from '../../../shared/dispatch';
import { corruptSettingTable, repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let n = 0;

function freshPath(): string {
  n += 1;
  mkdirSync(join(dir, `case-${n}`));
  return join(dir, `case-${n}`, 'seatcast.db');
}

function engineFor(path: string, runtime: 'in-process' | 'desktop' = 'in-process') {
  return createEngine({ databasePath: path, resourcesDir: join(repoRoot, 'resources'), runtime, version: 'test', loadDemo: false });
}

/** Whether the engine came up in recovery mode (db:status says damaged). */
async function damaged(engine: Awaited<ReturnType<typeof engineFor>>): Promise<boolean> {
  const status = await dispatch(engine.handlers, 'db:status', {});
  return status.ok && (status.value as { state: string }).state === 'damaged';
}

/**
 * Damage that leaves size and modification time as they were (what bit rot would look like).
 * The time is first set to a whole second, which utimes can put back exactly, and the marker
 * re-recorded for it.
 */
function corruptKeepingIdentity(path: string): void {
  const when = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  utimesSync(path, when, when);
  recordCleanClose(path);
  corruptSettingTable(path);
  utimesSync(path, when, when);
}

describe('clean-close marker', () => {
  it('is written when the engine closes and removed while it is open', async () => {
    const path = freshPath();
    const engine = await engineFor(path);
    expect(existsSync(cleanCloseMarker(path))).toBe(false);
    engine.close();
    expect(existsSync(cleanCloseMarker(path))).toBe(true);
    const again = await engineFor(path);
    expect(existsSync(cleanCloseMarker(path))).toBe(false);
    again.close();
    expect(checkDatabaseFile(path, 'quick_check', { trustCleanClose: true })).toEqual({ ok: true });
  });

  it('does not hide damage written after the clean close', async () => {
    const path = freshPath();
    (await engineFor(path)).close();
    corruptSettingTable(path);
    const health = checkDatabaseFile(path, 'quick_check', { trustCleanClose: true });
    expect(health.ok).toBe(false);
    // The CLI's engine opens in recovery mode, as without the marker.
    const engine = await engineFor(path);
    expect(await damaged(engine)).toBe(true);
  });

  it('is trusted only by the CLI: the app and restore --list always run the full check', async () => {
    const path = freshPath();
    (await engineFor(path)).close();
    // Damage that keeps the file's identity passes the CLI's cheap check by design, and is
    // caught by every full check.
    corruptKeepingIdentity(path);
    expect(checkDatabaseFile(path, 'quick_check', { trustCleanClose: true })).toEqual({ ok: true });
    expect(checkDatabaseFile(path).ok).toBe(false);
    expect(await damaged(await engineFor(path, 'desktop'))).toBe(true);
  });

  it('is ignored once a -wal holds pages the file does not', async () => {
    const path = freshPath();
    (await engineFor(path)).close();
    corruptKeepingIdentity(path);
    // Another connection's committed, not yet checkpointed write (it leaves the damaged page alone).
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE scratch (x)');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect(checkDatabaseFile(path, 'quick_check', { trustCleanClose: true }).ok).toBe(false);
    writer.close();
  });

  it('is ignored while a -journal is left beside the file (a crash during an import)', async () => {
    const path = freshPath();
    (await engineFor(path)).close();
    corruptKeepingIdentity(path);
    expect(checkDatabaseFile(path, 'quick_check', { trustCleanClose: true })).toEqual({ ok: true });
    // Not a real journal (no valid header): SQLite ignores it, but the marker must not be trusted.
    writeFileSync(`${path}-journal`, Buffer.alloc(512));
    expect(checkDatabaseFile(path, 'quick_check', { trustCleanClose: true }).ok).toBe(false);
  });
});

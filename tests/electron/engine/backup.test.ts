// Corruption is detected at open and the user is offered a restore from the automatic backup
// taken before each migration and each purge (electron/engine/db/backup.ts, recovery.ts).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/connection';
import { BACKUPS_KEPT, checkDatabaseFile, listBackups, takeBackup } from '../../../electron/engine/db/backup';
import { migrate } from '../../../electron/engine/db/migrate';
import { migrations } from '../../../electron/engine/db/migrations';
import { createEngine } from '../../../electron/engine/engine';
import type { MethodName, Request, Response } from '../../../shared/contract';
import { dispatch } from '../../../shared/dispatch';
import type { Result } from '../../../shared/result';
import { corruptSettingTable, repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let n = 0;
const cli = join(repoRoot, 'bin', 'seatcast.cjs');

/** A database left at an older schema by an earlier Seatcast, holding a canary setting. */
function oldDatabase(): { path: string; oldVersion: number } {
  n += 1;
  const path = join(dir, `case-${n}`, 'seatcast.db');
  const older = migrations.slice(0, migrations.length - 1);
  mkdirSync(join(dir, `case-${n}`));
  const db = new Database(path);
  migrate(db, older);
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('canary', '"before-migration"');
  for (let i = 0; i < 400; i += 1) db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(`filler-${i}`, JSON.stringify('x'.repeat(200)));
  db.close();
  return { path, oldVersion: older[older.length - 1]!.version };
}

/** dispatch, typed by method: validated request in, validated Result out. */
async function send<M extends MethodName>(engine: { handlers: Parameters<typeof dispatch>[0] }, method: M, request: Request<M>): Promise<Result<Response<M>>> {
  return (await dispatch(engine.handlers, method, request)) as Result<Response<M>>;
}

function engineFor(path: string) {
  return createEngine({ databasePath: path, resourcesDir: join(repoRoot, 'resources'), runtime: 'in-process', version: 'test', loadDemo: false });
}

describe('automatic backups', () => {
  it('are taken before a migration, hold the pre-migration data, and pass integrity_check', () => {
    const { path, oldVersion } = oldDatabase();
    const db = openDatabase(path);
    db.close();
    const backups = listBackups(path);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.reason).toBe('pre-migration');
    const snapshot = new Database(backups[0]!.path, { readonly: true });
    expect(snapshot.pragma('user_version', { simple: true })).toBe(oldVersion);
    expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot.prepare("SELECT value FROM setting WHERE key = 'canary'").get()).toEqual({ value: '"before-migration"' });
    snapshot.close();
    // Opening an up-to-date database takes no backup.
    openDatabase(path).close();
    expect(listBackups(path)).toHaveLength(1);
  });

  it('keeps only the newest few', () => {
    const { path } = oldDatabase();
    const db = openDatabase(path);
    for (let i = 0; i < BACKUPS_KEPT + 3; i += 1) takeBackup(db, path, 'manual');
    db.close();
    expect(listBackups(path)).toHaveLength(BACKUPS_KEPT);
    expect(readdirSync(join(path, '..', 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

describe('corruption at open', () => {
  it('is detected by quick_check after bytes are overwritten in a copy', () => {
    const { path } = oldDatabase();
    openDatabase(path).close();
    expect(checkDatabaseFile(path)).toEqual({ ok: true });
    corruptSettingTable(path);
    const health = checkDatabaseFile(path);
    expect(health.ok).toBe(false);
    expect(!health.ok && health.reason).toMatch(/quick_check|malformed|corrupt/i);
  });

  it('is detected when the file header is overwritten', () => {
    const { path } = oldDatabase();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('GARBAGE GARBAGE!'), 0, 16, 0);
    closeSync(fd);
    const health = checkDatabaseFile(path);
    expect(!health.ok && health.reason).toMatch(/header/);
  });

  it('puts the engine in recovery mode; restore gives back the pre-migration data and keeps the damaged file', async () => {
    const { path } = oldDatabase();
    (await engineFor(path)).close(); // migrates, taking the backup
    corruptSettingTable(path);

    const engine = await engineFor(path);
    const status = await send(engine, 'db:status', {});
    expect(status.ok && status.value.state).toBe('damaged');
    expect(status.ok && status.value.message).toMatch(/is damaged: .*Restore the backup from .* UTC \(1 available\)/);
    const refused = await send(engine, 'imports:list', {});
    expect(!refused.ok && refused.error.code).toBe('database-damaged');

    const restored = await send(engine, 'db:restore', {});
    expect(restored.ok, JSON.stringify(restored)).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.status.state).toBe('ok');
    expect(restored.value.restoredFrom).toMatch(/pre-migration\.db$/);
    expect(existsSync(restored.value.damagedKeptAt!)).toBe(true);
    // The same handlers object now answers for the restored, re-migrated database.
    expect((await send(engine, 'imports:list', {})).ok).toBe(true);
    expect(engine.db.prepare("SELECT value FROM setting WHERE key = 'canary'").get()).toEqual({ value: '"before-migration"' });
    expect(engine.db.pragma('integrity_check', { simple: true })).toBe('ok');
    engine.close();
  });

  it('can start a fresh database instead, keeping the damaged file aside', async () => {
    const { path } = oldDatabase();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0), 0, 100, 0);
    closeSync(fd);
    const engine = await engineFor(path);
    const result = await send(engine, 'db:restore', { fresh: true });
    expect(result.ok && result.value.restoredFrom).toBeNull();
    expect(result.ok && existsSync(result.value.damagedKeptAt!)).toBe(true);
    expect(engine.db.prepare("SELECT COUNT(*) AS n FROM setting WHERE key = 'canary'").get()).toEqual({ n: 0 });
    engine.close();
  });

  it('a healthy engine reports ok and will not restore over its open file', async () => {
    const { path } = oldDatabase();
    const engine = await engineFor(path);
    const status = await send(engine, 'db:status', {});
    expect(status.ok && status.value).toMatchObject({ state: 'ok', message: null });
    expect(status.ok && status.value.backups).toHaveLength(1);
    const refused = await send(engine, 'db:restore', {});
    expect(!refused.ok && refused.error.code).toBe('database-in-use');
    engine.close();
  });
});

describe('seatcast restore', () => {
  it('lists backups, refuses an unknown one by name, and restores the newest good one', () => {
    const { path } = oldDatabase();
    openDatabase(path).close();
    corruptSettingTable(path);
    const list = spawnSync(process.execPath, [cli, 'restore', '--db', path, '--list', '--json'], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as { healthy: boolean; backups: Array<{ name: string; reason: string }> };
    expect(listed.healthy).toBe(false);
    expect(listed.backups.map((b) => b.reason)).toEqual(['pre-migration']);

    // Any other command on the damaged file says so and points at restore (exit 2), writing nothing.
    const refused = spawnSync(process.execPath, [cli, 'imports', '--db', path], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/is damaged: [\s\S]*Run seatcast restore --list/);

    const wrong = spawnSync(process.execPath, [cli, 'restore', '--db', path, '--from', 'nope.db'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/no backup named "nope.db".*Backups: seatcast-.*pre-migration\.db/);

    const done = spawnSync(process.execPath, [cli, 'restore', '--db', path, '--from', listed.backups[0]!.name], { encoding: 'utf8' });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Restored .* from seatcast-.*pre-migration\.db\.\nThe previous file was kept as .*\.damaged-/);
    expect(checkDatabaseFile(path, 'integrity_check')).toEqual({ ok: true });
    const after = spawnSync(process.execPath, [cli, 'imports', '--db', path, '--json'], { encoding: 'utf8' });
    expect(after.status, after.stderr).toBe(0);
  });
});

// An import's transaction runs with a rollback journal (writing each page once instead of into the
// -wal and again at the checkpoint), then the file goes back to WAL mode (db/connection.ts
// inRollbackJournal). What must hold: the mode is only switched when no other connection has the
// file open, it is always switched back, a crash's leftover -journal is rolled back before the
// health check, and another process meeting the file mid-import is told it is busy, not damaged.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../../../electron/engine/db/backup';
import { inRollbackJournal, openDatabase, type Connection } from '../../../electron/engine/db/connection';
import { runImport } from '../../../electron/engine/import/pipeline';
import { UserFacingError } from '../../../shared/result';
import { csv, repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let n = 0;
const freshPath = () => join(dir, `case-${(n += 1)}.db`);
const mode = (db: Connection) => db.pragma('journal_mode', { simple: true });

function loginsCsv(agents: number, days: number): string {
  const rows: string[] = [];
  for (let d = 0; d < days; d += 1) {
    for (let a = 0; a < agents; a += 1) {
      const login = Date.UTC(2025, 0, 6 + d, 13, a % 60);
      rows.push(`a${a},${new Date(login).toISOString()},${new Date(login + 8 * 3_600_000).toISOString()}`);
    }
  }
  return csv('agent_id,login,logout', rows);
}

/** Fills the file past its page cache inside a transaction, so the writer holds SQLite's exclusive lock. */
function writeUntilSpilled(db: Connection): void {
  db.pragma('cache_size = 16');
  db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const insert = db.prepare('INSERT INTO filler VALUES (zeroblob(4000))');
  for (let i = 0; i < 400; i += 1) insert.run();
}

describe('an import written with a rollback journal', () => {
  it('writes in rollback mode when it has the file to itself, and puts WAL back after', () => {
    const db = openDatabase(freshPath());
    expect(mode(db)).toBe('wal');
    const inside = inRollbackJournal(db, () => db.transaction(() => mode(db))());
    expect(inside).toBe('delete');
    expect(mode(db)).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('stays in WAL mode while another connection has the file open', () => {
    const path = freshPath();
    const db = openDatabase(path);
    const reader = new Database(path, { readonly: true });
    reader.prepare('SELECT COUNT(*) FROM agent').get();
    expect(inRollbackJournal(db, () => db.transaction(() => mode(db))())).toBe('wal');
    // The other connection still reads.
    expect(reader.prepare('SELECT COUNT(*) AS n FROM agent').get()).toEqual({ n: 0 });
    reader.close();
    db.close();
  });

  it('puts WAL back when the write fails, and leaves nothing of it', () => {
    const path = freshPath();
    const db = openDatabase(path);
    expect(() =>
      inRollbackJournal(db, () =>
        db.transaction(() => {
          writeUntilSpilled(db);
          throw new Error('disk said no');
        })(),
      ),
    ).toThrow('disk said no');
    expect(mode(db)).toBe('wal');
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'filler'").get()).toEqual({ n: 0 });
    expect(existsSync(`${path}-journal`)).toBe(false);
    db.close();
  });

  it('leaves an in-memory database, or a write already inside a transaction, as they are', () => {
    const memory = openDatabase(':memory:');
    expect(inRollbackJournal(memory, () => mode(memory))).toBe('memory');
    const db = openDatabase(freshPath());
    db.exec('BEGIN');
    expect(inRollbackJournal(db, () => mode(db))).toBe('wal');
    db.exec('ROLLBACK');
    memory.close();
    db.close();
  });

  it('is how runImport commits, alone on the file or not, and the file ends in WAL mode either way', async () => {
    const file = join(dir, 'logins.csv');
    writeFileSync(file, loginsCsv(30, 20));
    for (const withReader of [false, true]) {
      const path = freshPath();
      const db = openDatabase(path);
      const reader = withReader ? new Database(path, { readonly: true }) : null;
      reader?.prepare('SELECT COUNT(*) FROM agent').get();
      const during: unknown[] = [];
      const summary = await runImport(db, {
        path: file,
        fileName: 'logins.csv',
        format: 'auto',
        timeZone: 'America/New_York',
        cubeTimeZone: 'America/New_York',
        // Called inside the import's transaction, once the sessions are in.
        onCubeSource: () => during.push(mode(db)),
      });
      expect(summary.sessionsAdded).toBe(600);
      expect(during).toEqual([withReader ? 'wal' : 'delete']);
      expect(mode(db)).toBe('wal');
      expect(existsSync(`${path}-journal`)).toBe(false);
      reader?.close();
      db.close();
      const again = new Database(path, { readonly: true });
      expect(again.prepare('SELECT COUNT(*) AS n FROM session').get()).toEqual({ n: 600 });
      again.close();
    }
  });

  it('after a crash mid-write, the health check rolls the leftover -journal back and finds the file as it was', () => {
    const path = freshPath();
    const db = openDatabase(path);
    db.prepare("INSERT INTO setting (key, value) VALUES ('kept', '1')").run();
    db.close();
    // A process that dies (SIGKILL) inside a rollback-journal write that has reached the file.
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(join(repoRoot, 'node_modules', 'better-sqlite3'))});
         const db = new D(${JSON.stringify(path)});
         db.pragma('journal_mode = DELETE'); db.pragma('cache_size = 16');
         db.exec('BEGIN'); db.exec("DELETE FROM setting");
         db.exec('CREATE TABLE filler (x BLOB)');
         for (let i = 0; i < 400; i += 1) db.exec('INSERT INTO filler VALUES (zeroblob(4000))');
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(existsSync(`${path}-journal`)).toBe(true);
    // What a read-only check alone would have met: a journal it may not roll back.
    expect(() => new Database(path, { readonly: true }).prepare('SELECT COUNT(*) FROM setting').get()).toThrow(/readonly|read-only|read only/i);
    expect(checkDatabaseFile(path, 'integrity_check')).toEqual({ ok: true });
    expect(existsSync(`${path}-journal`)).toBe(false);
    const after = openDatabase(path);
    expect(mode(after)).toBe('wal');
    expect(after.prepare("SELECT value FROM setting WHERE key = 'kept'").get()).toEqual({ value: '1' });
    expect(after.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'filler'").get()).toEqual({ n: 0 });
    after.close();
  });

  it('tells another process that opens the file mid-import that it is busy, not damaged', () => {
    const path = freshPath();
    const db = openDatabase(path);
    const seen: string[] = [];
    inRollbackJournal(db, () =>
      db.transaction(() => {
        writeUntilSpilled(db);
        for (const attempt of [() => checkDatabaseFile(path), () => openDatabase(path)]) {
          try {
            attempt();
            seen.push('opened');
          } catch (error) {
            seen.push(error instanceof UserFacingError ? `${error.code}: ${error.message}` : String(error));
          }
        }
      })(),
    );
    const busy = `database-busy: The database at ${path} is busy: another Seatcast process is saving an import into it. Try again when that import has finished.`;
    expect(seen).toEqual([busy, busy]);
    // Once the write is committed, the file opens again.
    expect(checkDatabaseFile(path)).toEqual({ ok: true });
    openDatabase(path).close();
    db.close();
  }, 20_000);
});

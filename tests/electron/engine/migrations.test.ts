import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/connection';
import { latestSchemaVersion, migrate } from '../../../electron/engine/db/migrate';
import { migrations, type Migration } from '../../../electron/engine/db/migrations';
import { tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

describe('schema migrations', () => {
  it('creates a fresh database at the latest version with WAL and foreign keys on', () => {
    const db = openDatabase(join(dir, 'fresh.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    const recorded = db.prepare('SELECT version, name FROM schema_migration').all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('is idempotent: opening again applies nothing', () => {
    const path = join(dir, 'twice.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migration').get() as { n: number }).n).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer Seatcast, with a clear message', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma('user_version = 9990');
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer version of Seatcast \(schema 9990/);
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const path = join(dir, 'edited.db');
    openDatabase(path).close();
    const db = new Database(path);
    const edited: Migration[] = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrow(/differs from the one applied/);
    db.close();
  });

  it('rolls a failing migration back whole: version and schema unchanged', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...migrations,
      { version: 9000, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('migration 100 moves every session into start order, keeps de-duplication, and marks the agents that have sessions', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 100));
    db.exec(`INSERT INTO import (id, file_name, sha256, format, time_zone, rows_read, sessions_added, duplicates, rejected, imported_at_ms)
             VALUES (1, 'a.csv', 'x', 'generic-csv', 'UTC', 3, 3, 0, 0, 0);
             INSERT INTO agent (id, external_key) VALUES (1, 'ana'), (2, 'ben'), (3, 'roster-only');
             INSERT INTO roster (agent_id, source) VALUES (3, 'test');
             INSERT INTO session (agent_id, start_ms, end_ms, flags, import_id, source_line) VALUES
               (2, 3000, 4000, 1, 1, 4), (1, 1000, 5000, 0, 1, 2), (1, 2000, 2500, 4, 1, 3);`);
    migrate(db);
    expect(db.prepare('SELECT start_ms, agent_id, end_ms, flags, import_id, source_line FROM session').raw().all()).toEqual([
      [1000, 1, 5000, 0, 1, 2],
      [2000, 1, 2500, 4, 1, 3],
      [3000, 2, 4000, 1, 1, 4],
    ]);
    expect(db.prepare('SELECT external_key, has_sessions FROM agent ORDER BY id').raw().all()).toEqual([
      ['ana', 1],
      ['ben', 1],
      ['roster-only', 0],
    ]);
    // Still one session per agent and login instant.
    expect(() => db.prepare('INSERT INTO session (agent_id, start_ms, end_ms, flags, import_id, source_line) VALUES (1, 1000, 9000, 0, 1, 9)').run()).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'session'").get()).toMatchObject({ sql: expect.stringMatching(/WITHOUT ROWID/) });
    db.close();
  });

  it('migration 110 reshapes the cube (rowid tables, day blob split) and makes it rebuild itself', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 100));
    db.exec(`INSERT INTO setting (key, value) VALUES ('cube.timeZone', '"UTC"');
             INSERT INTO day_usage (day, agents, started, data) VALUES (20000, 1, 1, x'01000000');
             INSERT INTO concurrency_day (utc_day, levels) VALUES (20000, x'00');`);
    migrate(db);
    expect((db.prepare("SELECT name FROM pragma_table_info('day_usage')").pluck().all() as string[])).toEqual(['day', 'agents', 'started', 'data', 'extra']);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'day_usage'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    expect(db.prepare('SELECT COUNT(*) FROM day_usage').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM concurrency_day').pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM setting WHERE key = 'cube.timeZone'").pluck().get()).toBe(0);
    db.close();
  });

  it('says so plainly when the file is not a database', () => {
    const path = writeFile(dir, 'not-a.db', 'this is a text file, not SQLite, and it is long enough to have a header........'.repeat(20));
    expect(() => openDatabase(path)).toThrow(/not a readable Seatcast database/);
  });
});

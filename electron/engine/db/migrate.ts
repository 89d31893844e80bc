import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { UserFacingError } from '../../../shared/result';
import { migrations as defaultMigrations, type Migration } from './migrations';

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export function latestSchemaVersion(list: readonly Migration[] = defaultMigrations): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

/**
 * Brings the database up to the newest schema. Refuses a database written by a newer Seatcast
 * (its data could be misread), and one whose applied migrations were edited.
 */
export function migrate(db: Database, list: readonly Migration[] = defaultMigrations): { from: number; to: number } {
  for (let i = 1; i < list.length; i += 1) {
    if (list[i]!.version <= list[i - 1]!.version) throw new Error(`Migrations out of order at version ${list[i]!.version}`);
  }
  const latest = latestSchemaVersion(list);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new UserFacingError(
      'database-from-newer-version',
      `This database was written by a newer version of Seatcast (schema ${current}; this version understands up to ${latest}). Update Seatcast, or open a different database with --db.`,
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at_ms INTEGER NOT NULL
  ) STRICT`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migration').all() as Array<{
    version: number;
    name: string;
    checksum: string;
  }>;
  for (const row of applied) {
    const known = list.find((m) => m.version === row.version);
    if (known && checksumOf(known) !== row.checksum) {
      throw new UserFacingError(
        'migration-modified',
        `Schema migration ${row.version} (${row.name}) differs from the one applied to this database. The database may have been created by a modified build.`,
      );
    }
  }
  const record = db.prepare('INSERT INTO schema_migration (version, name, checksum, applied_at_ms) VALUES (?, ?, ?, ?)');
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, checksumOf(migration), Date.now());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from: current, to: Math.max(current, latest) };
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserFacingError } from '../../../shared/result';
import { takeBackup } from './backup';
import { latestSchemaVersion, migrate } from './migrate';

export type Connection = Database.Database;

/**
 * Opens (creating if needed) a Seatcast database: WAL for crash safety with concurrent readers,
 * foreign keys on, then migrations. `:memory:` gives a throwaway database for `seatcast demo`.
 */
export function openDatabase(path: string): Connection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Connection;
  try {
    db = new Database(path);
  } catch (error) {
    throw new UserFacingError('database-open-failed', `Could not open the database at ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A snapshot before changing the schema of a database that holds data: a migration that goes
    // wrong in a way its transaction cannot undo (a bug, a later discovery) can be walked back.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (path !== ':memory:' && current > 0 && current < latestSchemaVersion()) takeBackup(db, path, 'pre-migration');
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof UserFacingError) throw error;
    const message = (error as Error).message;
    if (/not a database|malformed/i.test(message)) {
      throw new UserFacingError('database-corrupt', `The file at ${path} is not a readable Seatcast database (${message}).`);
    }
    throw error;
  }
  return db;
}

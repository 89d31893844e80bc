import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserFacingError } from '../../../shared/result';
import { sweepStagedLeftovers } from '../import/session-stage';
import { takeBackup } from './backup';
import { latestSchemaVersion, migrate } from './migrate';

export type Connection = Database.Database;

const NEW_DATABASE_PAGE_SIZE = 16384;
const PAGE_CACHE_KIB = 8000;

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
    // A new database gets 16 KiB pages (SQLite's default is 4 KiB): the cube's day blobs run to
    // hundreds of kilobytes each at scale, and reading them through four times fewer overflow
    // pages halves the time of an all-period metrics run (docs/benchmarks.md). The page size of
    // an existing file cannot change without a VACUUM, so older databases keep theirs.
    if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 8 MB of page cache (better-sqlite3's build sets 16 MB): Seatcast reads sessions and the cube
    // in sequential ranges, where the bigger cache bought no measurable speed in back-to-back
    // imports, and a 1M-row import peaked 15–30 MB lower with it (docs/benchmarks.md, third round).
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A snapshot before changing the schema of a database that holds data: a migration that goes
    // wrong in a way its transaction cannot undo (a bug, a later discovery) can be walked back.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (path !== ':memory:' && current > 0 && current < latestSchemaVersion()) takeBackup(db, path, 'pre-migration');
    migrate(db);
    if (path !== ':memory:') sweepStagedLeftovers(path);
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

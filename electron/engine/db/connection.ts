import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserFacingError } from '../../../shared/result';
import { sweepStagedLeftovers } from '../import/session-stage';
import { databaseBusy, isBusy, takeBackup } from './backup';
import { latestSchemaVersion, migrate } from './migrate';

export type Connection = Database.Database;

const NEW_DATABASE_PAGE_SIZE = 16384;
const PAGE_CACHE_KIB = 8000;
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) a Seatcast database: WAL for crash safety with concurrent readers
 * (an import's transaction alone uses a rollback journal: inRollbackJournal), foreign keys on,
 * then migrations. `:memory:` gives a throwaway database for `seatcast demo`.
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
    // Set first: reading the file waits for another process's import to commit (inRollbackJournal).
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
    // A snapshot before changing the schema of a database that holds data: a migration that goes
    // wrong in a way its transaction cannot undo (a bug, a later discovery) can be walked back.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (path !== ':memory:' && current > 0 && current < latestSchemaVersion()) takeBackup(db, path, 'pre-migration');
    migrate(db);
    if (path !== ':memory:') sweepStagedLeftovers(path);
  } catch (error) {
    db.close();
    if (error instanceof UserFacingError) throw error;
    if (isBusy(error)) throw databaseBusy(path);
    const message = (error as Error).message;
    if (/not a database|malformed/i.test(message)) {
      throw new UserFacingError('database-corrupt', `The file at ${path} is not a readable Seatcast database (${message}).`);
    }
    throw error;
  }
  return db;
}

/**
 * Runs one large write (an import's transaction) with the file in SQLite's rollback-journal mode,
 * then puts it back in WAL mode. In WAL mode every page of a bulk write is written twice: into the
 * -wal while the transaction runs, then into the file by the checkpoint at commit; with a rollback
 * journal, new pages go straight into the file and only the pages the write changes get a copy in
 * the -journal first. On the 40M-session file (1.8 GB) the commit went from ≈7 s to ≈0.6 s and the
 * import ≈10 s faster overall (docs/benchmarks.md, eighth round). The crash guarantee is the same:
 * a hot -journal left by a crash is rolled back by the next connection to open the file.
 *
 * The price: while the write runs, another process cannot read the file (it waits, then gets
 * `database-busy`), where WAL would have let it read the state before the import. The switch is
 * only tried when no other connection has the file open (it is never waited for); otherwise the
 * write runs in WAL mode as before. If the file cannot go back to WAL right away (another process
 * opened it meanwhile and is reading), the next import or open puts it back.
 */
export function inRollbackJournal<T>(db: Connection, write: () => T): T {
  if (db.memory || db.inTransaction || !switchJournal(db, 'delete', 0)) return write();
  try {
    return write();
  } finally {
    switchJournal(db, 'wal', BUSY_TIMEOUT_MS);
  }
}

/** Whether the journal mode is now `mode`; never throws (a busy file keeps its mode). */
function switchJournal(db: Connection, mode: 'delete' | 'wal', waitMs: number): boolean {
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Automatic backups and damage detection for the database file.
 *
 * A backup is taken before each schema migration and each purge, with `VACUUM INTO` (a
 * consistent snapshot through SQLite itself, never a file copy that could catch a half-written
 * page). It is written under a temporary name, fsynced, then renamed, because SQLite does not
 * sync the VACUUM INTO output and an interrupted run must not leave a plausible-looking backup.
 * Backups live next to the database in `backups/`, the newest few kept.
 *
 * At open, the file header and `PRAGMA quick_check` decide whether the database is damaged; a
 * damaged file is never written to. Restoring moves it aside (it is evidence, and may be
 * salvageable), then puts a verified backup in its place.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserFacingError } from '../../../shared/result';

export type BackupReason = 'pre-migration' | 'pre-purge' | 'pre-restore' | 'manual';

export type BackupInfo = {
  /** File name inside the backups folder: what `--from` and `db:restore` take. */
  name: string;
  path: string;
  reason: BackupReason | 'unknown';
  createdAt: string;
  sizeBytes: number;
};

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/** How many automatic backups are kept; older ones are deleted after each new one. */
export const BACKUPS_KEPT = 5;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const NAME_PATTERN = /^seatcast-(\d{8}T\d{9}Z)(?:-\d+)?-(pre-migration|pre-purge|pre-restore|manual)\.db$/;

export function backupDirectory(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'backups');
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function fromStamp(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : new Date(0).toISOString();
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The backups of a database, newest first. */
export function listBackups(databasePath: string): BackupInfo[] {
  const dir = backupDirectory(databasePath);
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME_PATTERN.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    found.push({ name, path, reason: m[2] as BackupReason, createdAt: fromStamp(m[1]!), sizeBytes: statSync(path).size });
  }
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * Snapshots the open database into the backups folder and prunes old backups. Must run outside
 * a transaction (VACUUM cannot run inside one).
 */
export function takeBackup(db: Database.Database, databasePath: string, reason: BackupReason, keep = BACKUPS_KEPT): BackupInfo {
  const dir = backupDirectory(databasePath);
  mkdirSync(dir, { recursive: true });
  const now = new Date();
  let name = `seatcast-${stamp(now)}-${reason}.db`;
  for (let n = 2; existsSync(join(dir, name)); n += 1) name = `seatcast-${stamp(now)}-${n}-${reason}.db`;
  const path = join(dir, name);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new UserFacingError('backup-failed', `Could not write a backup of the database to ${dir}: ${(error as Error).message}. Nothing was changed.`);
  }
  for (const old of listBackups(databasePath).slice(keep)) rmSync(old.path, { force: true });
  return { name, path, reason, createdAt: now.toISOString(), sizeBytes: statSync(path).size };
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * The clean-close marker: `<db>.clean-close` holds the identity (size, modification time in ns,
 * inode) the database file had right after the engine closed it cleanly, with no -wal left. While
 * the file still has that identity nothing has written to it since, so the next open may skip the
 * full quick_check (≈0.6 s per million sessions, paid by every CLI call otherwise) and check only
 * the header. Any write (ours, another program's, a disk tool's) changes the modification time; a
 * crash leaves no marker (it is removed at open); both mean a full check. The desktop app, the
 * preview server and `seatcast restore --list` always run the full check.
 */
export function cleanCloseMarker(path: string): string {
  return `${path}.clean-close`;
}

function fileIdentity(path: string): string | null {
  try {
    // Pages in a -wal are not in the file yet, and a -journal (left by a crash during an import:
    // inRollbackJournal) is to be rolled back: the identity would not cover either.
    if (nonEmptyFile(`${path}-wal`) || nonEmptyFile(`${path}-journal`)) return null;
    const stat = statSync(path, { bigint: true });
    return `${stat.size}:${stat.mtimeNs}:${stat.ino}`;
  } catch {
    return null;
  }
}

/**
 * Whether a file (a -wal or -journal beside the database) exists and holds anything. One stat, no
 * exists-then-stat: another process's commit can delete a -journal between the two.
 */
function nonEmptyFile(path: string): boolean {
  return (statSync(path, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

/** Called after the engine closed the database cleanly: the next open may trust it. */
export function recordCleanClose(path: string): void {
  if (path === ':memory:') return;
  const identity = fileIdentity(path);
  if (identity === null) return;
  try {
    writeFileSync(cleanCloseMarker(path), identity);
  } catch {
    // Only an optimisation: without the marker the next open runs the full check.
  }
}

/** Removes the marker: the database is open (or replaced), so a crash from now on is not clean. */
export function forgetCleanClose(path: string): void {
  if (path !== ':memory:') rmSync(cleanCloseMarker(path), { force: true });
}

function closedCleanly(path: string): boolean {
  try {
    const identity = fileIdentity(path);
    return identity !== null && readFileSync(cleanCloseMarker(path), 'utf8') === identity;
  } catch {
    return false;
  }
}

/**
 * Header check, then `PRAGMA quick_check` on a read-only connection (so a damaged file is never
 * written to, beyond the rollback of a crash's leftover -journal that SQLite would do on any open).
 * A file another process is importing into is busy, not damaged: `database-busy` is thrown. A missing or empty file is healthy: it becomes a new database. With
 * `trustCleanClose`, a file unchanged since the engine closed it cleanly gets the header check only.
 */
export function checkDatabaseFile(path: string, level: 'quick_check' | 'integrity_check' = 'quick_check', options: { trustCleanClose?: boolean } = {}): DatabaseHealth {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size === 0) return { ok: true };
  if (!hasSqliteHeader(path)) return { ok: false, reason: 'the file header is not an SQLite header (the start of the file is overwritten or it is not a database)' };
  if (options.trustCleanClose === true && level === 'quick_check' && closedCleanly(path)) return { ok: true };
  let db: Database.Database | null = null;
  try {
    rollBackHotJournal(path);
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma(level) as Array<Record<string, string>>;
    const messages = rows.map((r) => Object.values(r)[0] ?? '');
    if (messages.length === 1 && messages[0] === 'ok') return { ok: true };
    return { ok: false, reason: `${level} found: ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? ` (and ${messages.length - 3} more)` : ''}` };
  } catch (error) {
    if (isBusy(error)) throw databaseBusy(path);
    return { ok: false, reason: (error as Error).message };
  } finally {
    db?.close();
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds a lock the caller waited for in vain. */
export function isBusy(error: unknown): boolean {
  return /^SQLITE_BUSY/.test((error as { code?: unknown }).code as string);
}

/** Another process is writing the file with a rollback journal (an import's commit): not damage. */
export function databaseBusy(path: string): UserFacingError {
  return new UserFacingError(
    'database-busy',
    `The database at ${path} is busy: another Seatcast process is saving an import into it. Try again when that import has finished.`,
  );
}

/**
 * A crash during an import leaves a -journal (the import writes with a rollback journal:
 * inRollbackJournal in ./connection.ts) that SQLite rolls back when a connection that may write
 * first reads the file; a read-only connection cannot, and would refuse the file. So a leftover
 * -journal is rolled back here, by reading the schema on a writable connection, before any check.
 */
function rollBackHotJournal(path: string): void {
  if (!nonEmptyFile(`${path}-journal`)) return;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('schema_version', { simple: true });
  } finally {
    db.close();
  }
}

/** The message the app and the CLI show for a damaged database. */
export function damagedMessage(path: string, reason: string, backups: readonly BackupInfo[]): string {
  const offer =
    backups.length > 0
      ? `Restore the backup from ${backups[0]!.createdAt.slice(0, 16).replace('T', ' ')} UTC (${backups.length} available), or start a fresh database; the damaged file is kept aside either way.`
      : 'No automatic backup exists yet: start a fresh database (the damaged file is kept aside) and import your exports again.';
  return `The database at ${path} is damaged: ${reason}. ${offer}`;
}

function moveAside(databasePath: string): string | null {
  forgetCleanClose(databasePath);
  if (!existsSync(databasePath)) return null;
  const aside = `${databasePath}.damaged-${stamp(new Date())}`;
  // The -wal and -shm files belong to the damaged file: they move with it, never get replayed
  // into the restored one.
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, aside + suffix);
  }
  renameSync(databasePath, aside);
  return aside;
}

export function findBackup(databasePath: string, from: string | undefined): BackupInfo {
  const backups = listBackups(databasePath);
  if (from === undefined) {
    const good = backups.find((b) => checkDatabaseFile(b.path, 'integrity_check').ok);
    if (!good) {
      throw new UserFacingError('no-backup', backups.length === 0 ? `There are no backups in ${backupDirectory(databasePath)}.` : `None of the ${backups.length} backups in ${backupDirectory(databasePath)} passes an integrity check.`);
    }
    return good;
  }
  const wanted = basename(from);
  const chosen = backups.find((b) => b.name === wanted || b.path === resolve(from));
  if (!chosen) {
    const names = backups.map((b) => b.name).join(', ') || 'none';
    throw new UserFacingError('not-found', `There is no backup named "${from}" in ${backupDirectory(databasePath)}. Backups: ${names}.`);
  }
  return chosen;
}

export type RestoreResult = { restoredFrom: string | null; damagedKeptAt: string | null };

/**
 * Replaces the database file with a verified backup (or with nothing, when `fresh`), moving the
 * current file aside. The database must not be open.
 */
export function restoreDatabase(databasePath: string, options: { from?: string; fresh?: boolean } = {}): RestoreResult {
  if (options.fresh) return { restoredFrom: null, damagedKeptAt: moveAside(databasePath) };
  const backup = findBackup(databasePath, options.from);
  const health = checkDatabaseFile(backup.path, 'integrity_check');
  if (!health.ok) throw new UserFacingError('backup-damaged', `The backup ${backup.name} is damaged too (${health.reason}). Choose another one.`);
  const staging = `${databasePath}.restoring`;
  copyFileSync(backup.path, staging);
  fsyncFile(staging);
  const aside = moveAside(databasePath);
  renameSync(staging, databasePath);
  return { restoredFrom: backup.name, damagedKeptAt: aside };
}

// `seatcast restore`: list the automatic backups of a database, or put one back in its place
// (the current file is moved aside, never deleted). Works on files only: it never opens the
// database for writing, so it also works when the database is too damaged to open.
import { checkDatabaseFile, listBackups, restoreDatabase } from '../engine/db/backup';

export const RESTORE_HELP = `Usage: seatcast restore [--db PATH] [--list] [--from BACKUP] [--json]

Backups are taken automatically before each schema migration and each purge, into the
backups/ folder next to the database (the newest 5 are kept).

  --list          list the backups, newest first, and whether the database itself is healthy
  --from BACKUP   restore this backup (a name from --list)
  (no option)     restore the newest backup that passes an integrity check

The current database file (with its -wal/-shm) is moved aside as <db>.damaged-<time>, never
deleted. Quit the desktop app first.`;

type Output = { json: boolean; out: (text: string) => void };

export function restoreCommand(databasePath: string, options: { list: boolean; from?: string }, output: Output): number {
  if (options.list) {
    const health = checkDatabaseFile(databasePath);
    const backups = listBackups(databasePath).map(({ name, reason, createdAt, sizeBytes }) => ({ name, reason, createdAt, sizeBytes }));
    if (output.json) {
      output.out(JSON.stringify({ database: databasePath, healthy: health.ok, problem: health.ok ? null : health.reason, backups }, null, 2));
    } else {
      const lines = [`${databasePath}: ${health.ok ? 'healthy' : `DAMAGED (${health.reason})`}`];
      if (backups.length === 0) lines.push('No backups yet.');
      for (const b of backups) lines.push(`  ${b.name}  ${b.reason.padEnd(13)} ${(b.sizeBytes / 1024).toFixed(0).padStart(8)} KiB`);
      output.out(lines.join('\n'));
    }
    return 0;
  }
  const result = restoreDatabase(databasePath, options.from === undefined ? {} : { from: options.from });
  if (output.json) output.out(JSON.stringify({ database: databasePath, ...result }, null, 2));
  else {
    output.out(
      [`Restored ${databasePath} from ${result.restoredFrom}.`, result.damagedKeptAt ? `The previous file was kept as ${result.damagedKeptAt}.` : ''].filter(Boolean).join('\n'),
    );
  }
  return 0;
}

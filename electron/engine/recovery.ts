/**
 * The engine's answer to a damaged database. `createEngine` checks the file first; when the
 * header or quick_check fails it returns a recovery engine instead of throwing, so the desktop
 * app and the preview can show a recovery screen rather than an error box. A recovery engine
 * answers `db:status` and `db:restore`; every other method says the database is damaged. After a
 * restore (or a fresh start) it opens the database for real and takes on the full handlers in
 * place, so callers holding `engine.handlers` keep working.
 */
import type { Handlers } from '../../shared/dispatch';
import type { DatabaseStatus } from '../../shared/db-contract';
import { methodNames } from '../../shared/contract';
import { UserFacingError } from '../../shared/result';
import { damagedMessage, listBackups, restoreDatabase, type BackupInfo } from './db/backup';
import type { Connection } from './db/connection';

function publicBackups(backups: readonly BackupInfo[]) {
  return backups.map(({ name, reason, createdAt, sizeBytes }) => ({ name, reason, createdAt, sizeBytes }));
}

export function healthyStatus(databasePath: string): DatabaseStatus {
  return { state: 'ok', databasePath, message: null, backups: publicBackups(databasePath === ':memory:' ? [] : listBackups(databasePath)) };
}

/** `db:*` handlers of a healthy engine: its status, and a refusal to restore over an open file. */
export function databaseHandlers(databasePath: string): Pick<Handlers, 'db:status' | 'db:restore'> {
  return {
    'db:status': () => healthyStatus(databasePath),
    'db:restore': () => {
      throw new UserFacingError(
        'database-in-use',
        'The database is healthy and open. To go back to a backup, quit Seatcast and run: seatcast restore --list, then seatcast restore --from NAME.',
      );
    },
  };
}

type EngineLike = { db: Connection; handlers: Handlers; stageFile: (path: string, displayName?: string) => unknown; close(): void };

export function createRecoveryEngine<E extends EngineLike>(databasePath: string, reason: string, reopen: () => Promise<E>): E {
  let healthy: E | null = null;
  const status = (): DatabaseStatus => {
    if (healthy) return healthyStatus(databasePath);
    const backups = listBackups(databasePath);
    return { state: 'damaged', databasePath, message: damagedMessage(databasePath, reason, backups), backups: publicBackups(backups) };
  };
  const refuse = () => {
    throw new UserFacingError('database-damaged', `${damagedMessage(databasePath, reason, listBackups(databasePath))} Run seatcast restore --list to see the backups (seatcast restore puts the newest good one back), or use the recovery screen in the app.`);
  };
  const handlers = {} as Record<string, unknown>;
  for (const method of methodNames) handlers[method] = refuse;
  handlers['db:status'] = status;
  handlers['db:restore'] = async (request: { from?: string; fresh?: boolean }) => {
    if (healthy) return databaseHandlers(databasePath)['db:restore']({});
    const result = restoreDatabase(databasePath, request);
    healthy = await reopen();
    // Callers hold this object: take on the real handlers in place.
    Object.assign(handlers, healthy.handlers);
    return { ...result, status: healthyStatus(databasePath) };
  };
  return {
    get db(): Connection {
      if (!healthy) refuse();
      return healthy!.db;
    },
    handlers: handlers as Handlers,
    stageFile: (path: string, displayName?: string) => (healthy ? healthy.stageFile(path, displayName) : refuse()),
    close: () => healthy?.close(),
  } as unknown as E;
}

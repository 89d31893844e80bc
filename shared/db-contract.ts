/**
 * Contract methods for the database file itself: its health at open and restoring it from the
 * automatic backups (electron/engine/db/backup.ts). Spread into `contract` in shared/contract.ts.
 */
import { z } from 'zod';

export const DatabaseBackup = z.object({
  /** File name in the backups folder; what `db:restore` takes as `from`. */
  name: z.string(),
  reason: z.enum(['pre-migration', 'pre-purge', 'pre-restore', 'manual', 'unknown']),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type DatabaseBackup = z.infer<typeof DatabaseBackup>;

export const DatabaseStatus = z.object({
  /** `damaged`: the header or quick_check failed at open; nothing but `db:*` answers until restored. */
  state: z.enum(['ok', 'damaged']),
  databasePath: z.string(),
  /** What is wrong and what can be done, for the recovery screen. */
  message: z.string().nullable(),
  backups: z.array(DatabaseBackup),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatus>;

export const databaseMethods = {
  'db:status': { req: z.object({}).strict(), res: DatabaseStatus },
  'db:restore': {
    req: z
      .object({
        /** A backup's file name; omitted = the newest backup that passes integrity_check. */
        from: z.string().min(1).max(260).optional(),
        /** Start an empty database instead (the damaged file is kept aside). */
        fresh: z.boolean().optional(),
      })
      .strict(),
    res: z.object({ restoredFrom: z.string().nullable(), damagedKeptAt: z.string().nullable(), status: DatabaseStatus }),
  },
} as const;

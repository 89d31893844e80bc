/**
 * Retention: "purge sessions older than N months". A session is older than the cut-off when it
 * ended before it; the cut-off is the start of the local day N calendar months before today in
 * the business zone. After a backup snapshot, the purge runs in one transaction (sessions,
 * orphaned agents, the cube for the days it touched, an audit entry), then VACUUM compacts the
 * file so the deleted rows are not left in free pages (NIST SI-12(3)). Import records stay, so a purged file is not re-imported
 * by accident.
 */
import { daysFromCivil, daysInMonth, formatDay, yearMonthOfDay, ZoneClock } from '../../shared/calendar';
import { UserFacingError } from '../../shared/result';
import { takeBackup } from './db/backup';
import { forgetAgentsWithoutSessions } from './db/agent-sessions';
import type { Connection } from './db/connection';
import { ensureCube, rebuildCubeRange } from './metrics/cube';
import { appendAudit } from './report/audit';

export type RetentionPreview = {
  months: number;
  /** First local day kept (YYYY-MM-DD); sessions that ended before its start are removed. */
  cutoffDay: string;
  cutoffAt: string;
  sessions: number;
  agents: number;
  imports: number;
  oldestSession: string | null;
};

export type PurgeResult = RetentionPreview & {
  sessionsRemoved: number;
  agentsRemoved: number;
  bytesBefore: number;
  bytesAfter: number;
  /** The snapshot taken before anything was deleted (none for an in-memory database). */
  backupPath: string | null;
};

export function cutoffFor(months: number, timeZone: string, now: number): { day: number; ms: number } {
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new UserFacingError('invalid-retention', 'Keep between 1 and 1,200 months of sessions.');
  const clock = new ZoneClock(timeZone);
  const today = clock.localDay(now);
  const { year, month } = yearMonthOfDay(today);
  const dayOfMonth = today - daysFromCivil(year, month, 1) + 1;
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const day = daysFromCivil(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
  return { day, ms: clock.startOfDay(day) };
}

export function previewPurge(db: Connection, months: number, timeZone: string, now = Date.now()): RetentionPreview {
  const cutoff = cutoffFor(months, timeZone, now);
  const row = db
    .prepare(
      `SELECT COUNT(*) AS sessions, COUNT(DISTINCT agent_id) AS agents, COUNT(DISTINCT import_id) AS imports, MIN(start_ms) AS oldest
         FROM session WHERE start_ms < ? AND end_ms < ?`,
    )
    .get(cutoff.ms, cutoff.ms) as { sessions: number; agents: number; imports: number; oldest: number | null };
  return {
    months,
    cutoffDay: formatDay(cutoff.day),
    cutoffAt: new Date(cutoff.ms).toISOString(),
    sessions: row.sessions,
    agents: row.agents,
    imports: row.imports,
    oldestSession: row.oldest === null ? null : new Date(row.oldest).toISOString(),
  };
}

function databaseBytes(db: Connection): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

export function purgeSessions(db: Connection, months: number, timeZone: string, now = Date.now()): PurgeResult {
  const preview = previewPurge(db, months, timeZone, now);
  const cutoffMs = Date.parse(preview.cutoffAt);
  const bytesBefore = databaseBytes(db);
  // The automatic backup before a purge (issue #8): a purge cannot be undone otherwise.
  const backupPath = db.memory ? null : takeBackup(db, db.name, 'pre-purge').path;
  const removed = db.transaction(() => {
    // start_ms < cutoff is implied by end_ms < cutoff; stated so the start-ordered table is read as a range.
    const span = db.prepare('SELECT MIN(start_ms) AS lo, MAX(end_ms) AS hi FROM session WHERE start_ms < ? AND end_ms < ?').get(cutoffMs, cutoffMs) as {
      lo: number | null;
      hi: number | null;
    };
    const sessionsRemoved = db.prepare('DELETE FROM session WHERE start_ms < ? AND end_ms < ?').run(cutoffMs, cutoffMs).changes;
    const agentsRemoved = forgetAgentsWithoutSessions(db);
    ensureCube(db, timeZone);
    if (span.lo !== null && span.hi !== null) rebuildCubeRange(db, new ZoneClock(timeZone), span.lo, span.hi);
    appendAudit(db, 'purge', {
      months,
      cutoffDay: preview.cutoffDay,
      sessionsRemoved,
      agentsRemoved,
      importsTouched: preview.imports,
      backup: backupPath !== null,
    });
    return { sessionsRemoved, agentsRemoved };
  })();
  // Outside the transaction: VACUUM rewrites the file without the freed pages.
  db.exec('VACUUM');
  return { ...preview, ...removed, bytesBefore, bytesAfter: databaseBytes(db), backupPath };
}

/**
 * Facts about a stored import that the history, the CLI and the import result all show: how many
 * of its sessions carry each flag, and the notes it gave about reading the file. Both are kept in
 * the import's options_json at commit, so listing imports never scans the session table; an import
 * made before they were kept has its flags counted once from its sessions (the range of its span).
 */
import { SessionFlag } from '../../../shared/import/presets/types';
import type { Connection } from '../db/connection';

export type FlagCounts = { openCapped: number; zeroLength: number; dstResolved: number };

const FLAG_SQL = `SELECT import_id AS id,
    SUM((flags & ${SessionFlag.OPEN_CAPPED}) != 0) AS open_capped,
    SUM((flags & ${SessionFlag.ZERO_LENGTH}) != 0) AS zero_length,
    SUM((flags & ${SessionFlag.DST_RESOLVED}) != 0) AS dst_resolved
  FROM session`;

type FlagRow = { id: number; open_capped: number | null; zero_length: number | null; dst_resolved: number | null };

function counts(row: FlagRow | undefined): FlagCounts {
  return { openCapped: row?.open_capped ?? 0, zeroLength: row?.zero_length ?? 0, dstResolved: row?.dst_resolved ?? 0 };
}

/**
 * The start_ms range [lo, hi] every session of an import lies in: the span the import recorded
 * (its first start to its last end), or all of time for an import without one. Queries by import
 * read this range of the start-ordered session table (migration 100) instead of all of it.
 */
export function importStartRange(db: Connection, importId: number): { lo: number; hi: number } {
  const span = db.prepare('SELECT span_start_ms AS lo, span_end_ms AS hi FROM import WHERE id = ?').get(importId) as { lo: number | null; hi: number | null } | undefined;
  return { lo: span?.lo ?? Number.MIN_SAFE_INTEGER, hi: span?.hi ?? Number.MAX_SAFE_INTEGER };
}

export function flagCountsOf(db: Connection, importId: number): FlagCounts {
  const { lo, hi } = importStartRange(db, importId);
  return counts(db.prepare(`${FLAG_SQL} WHERE start_ms >= ? AND start_ms <= ? AND import_id = ?`).get(lo, hi, importId) as FlagRow | undefined);
}

/** Inside the import's transaction, once its sessions are in (with the counts taken as they went in). */
export function keepImportFacts(db: Connection, importId: number, warnings: readonly string[], flagged: FlagCounts): FlagCounts {
  db.prepare(`UPDATE import SET options_json = json_set(COALESCE(options_json, '{}'), '$.flagged', json(?), '$.warnings', json(?)) WHERE id = ?`).run(
    JSON.stringify(flagged),
    JSON.stringify(warnings),
    importId,
  );
  return flagged;
}

/** The flags and warnings kept with an import (warnings absent for imports made before they were kept). */
export function storedImportFacts(db: Connection, importId: number, optionsJson: string | null): { flagged: FlagCounts; warnings?: string[] } {
  let options: { flagged?: Partial<FlagCounts>; warnings?: unknown } = {};
  try {
    options = optionsJson ? (JSON.parse(optionsJson) as typeof options) : {};
  } catch {
    // A damaged options cell only costs the kept notes; the flags are recounted below.
  }
  const kept = options.flagged;
  const flagged =
    kept && typeof kept.openCapped === 'number' && typeof kept.zeroLength === 'number' && typeof kept.dstResolved === 'number'
      ? { openCapped: kept.openCapped, zeroLength: kept.zeroLength, dstResolved: kept.dstResolved }
      : flagCountsOf(db, importId);
  const warnings = Array.isArray(options.warnings) ? options.warnings.filter((w): w is string => typeof w === 'string') : undefined;
  return warnings ? { flagged, warnings } : { flagged };
}

/**
 * One import, start to finish: stream the file, read rows with the format's mapping, build
 * sessions in memory, then write everything — import record, agents, sessions, cube — in a
 * single transaction. Cancelling or failing before the commit leaves the database untouched;
 * the commit itself is all-or-nothing.
 */
import Papa from 'papaparse';
import { ZoneClock } from '../../../shared/calendar';
import type { ImportSummary } from '../../../shared/contract';
import { detectColumns, explainMissingColumns, readRow, type ColumnMap } from '../../../shared/import/generic-csv';
import { UserFacingError } from '../../../shared/result';
import type { Connection } from '../db/connection';
import { noteLongestSession, rebuildCubeRange, ensureCube } from '../metrics/cube';
import { SessionBuilder } from './session-builder';
import { SessionStage } from './session-stage';
import { openTextSource } from './text-source';

export type ImportProgress = {
  phase: 'reading' | 'saving';
  bytesRead: number;
  rowsRead: number;
};

export type ImportOptions = {
  path: string;
  fileName: string;
  format: 'auto' | 'generic-csv';
  /** Zone for naive timestamps in the file. */
  timeZone: string;
  /** Business zone the cube is kept in. */
  cubeTimeZone: string;
  isDemo?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
};

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was saved.');
    this.name = 'ImportCancelled';
  }
}

const PROGRESS_EVERY_ROWS = 5000;

export async function runImport(db: Connection, options: ImportOptions): Promise<ImportSummary> {
  const clock = new ZoneClock(options.timeZone);
  const builder = new SessionBuilder(clock, new SessionStage(db));
  try {
    return await readAndCommit(db, options, builder);
  } finally {
    builder.stage.drop();
  }
}

async function readAndCommit(db: Connection, options: ImportOptions, builder: SessionBuilder): Promise<ImportSummary> {
  let bytesRead = 0;
  const report = (phase: ImportProgress['phase']) =>
    options.onProgress?.({ phase, bytesRead, rowsRead: builder.rowsRead });
  const source = openTextSource(options.path, options.fileName, {
    onBytes: (n) => {
      bytesRead = n;
      report('reading');
    },
  });

  let columns: ColumnMap | null = null;
  let recordNumber = 0;

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) {
        source.destroy();
        reject(error);
      } else resolve();
    };
    const onAbort = () => settle(new ImportCancelled());
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    source.text.on('error', (error: Error) => settle(error));

    Papa.parse<string[]>(source.text as unknown as NodeJS.ReadableStream as never, {
      header: false,
      skipEmptyLines: false,
      step: (results, parser) => {
        if (settled) return parser.abort();
        recordNumber += 1;
        const row = results.data;
        if (columns === null) {
          if (row.every((value) => value.trim() === '')) return;
          const detected = detectColumns(row);
          const problem = explainMissingColumns(row, detected);
          if (problem) {
            settle(new UserFacingError('not-a-login-export', `${options.fileName}: ${problem}`));
            return parser.abort();
          }
          columns = detected;
          return;
        }
        builder.add(readRow(row, columns, 'MDY'), recordNumber);
        if (builder.rowsRead % PROGRESS_EVERY_ROWS === 0) report('reading');
      },
      complete: () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (columns === null && !settled) {
          return settle(new UserFacingError('not-a-login-export', `${options.fileName} has no header row and no data.`));
        }
        settle();
      },
      error: (error: Error) => settle(error),
    });
  });

  if (options.signal?.aborted) throw new ImportCancelled();
  builder.closeOpenSessions();
  report('saving');
  const sha256 = source.digest();
  return commitImport(db, options, builder, sha256);
}

function commitImport(db: Connection, options: ImportOptions, builder: SessionBuilder, sha256: string): ImportSummary {
  const base = {
    file: options.fileName,
    format: 'generic-csv',
    timeZone: options.timeZone,
    rowsRead: builder.rowsRead,
    rejected: builder.rejected,
    errors: builder.errors,
  };
  const existing = db.prepare('SELECT id FROM import WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  if (existing) {
    return { ...base, importId: existing.id, sessionsAdded: 0, duplicates: builder.count, alreadyImported: true, spanStart: null, spanEnd: null };
  }
  if (builder.count === 0) {
    throw new UserFacingError(
      'no-sessions',
      `${options.fileName}: none of its ${builder.rowsRead} rows could be read as a session${
        builder.errors[0] ? ` (first problem, line ${builder.errors[0].line}: ${builder.errors[0].message})` : ''
      }. Nothing was imported.`,
    );
  }

  const { first: spanStart, last: spanEnd, longest } = builder.stage.span()!;

  const commit = db.transaction(() => {
    const importId = Number(
      db
        .prepare(
          `INSERT INTO import (file_name, sha256, format, time_zone, options_json, rows_read, sessions_added,
             duplicates, rejected, span_start_ms, span_end_ms, is_demo, imported_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)`,
        )
        .run(
          options.fileName,
          sha256,
          'generic-csv',
          options.timeZone,
          JSON.stringify({ format: options.format }),
          builder.rowsRead,
          builder.rejected,
          spanStart,
          spanEnd,
          options.isDemo ? 1 : 0,
          Date.now(),
        ).lastInsertRowid,
    );

    const upsertAgent = db.prepare(
      `INSERT INTO agent (external_key, display_name, team, site, program, role)
       VALUES (?, ?, ?, ?, ?, COALESCE(?, 'agent'))
       ON CONFLICT(external_key) DO UPDATE SET
         display_name = COALESCE(excluded.display_name, agent.display_name),
         team = COALESCE(excluded.team, agent.team),
         site = COALESCE(excluded.site, agent.site),
         program = COALESCE(excluded.program, agent.program),
         role = CASE WHEN ? IS NULL THEN agent.role ELSE excluded.role END
       RETURNING id`,
    );
    const agentIds = builder.agents.map(
      (a) => (upsertAgent.get(a.key, a.name ?? a.label, a.team, a.site, a.program, a.role, a.role) as { id: number }).id,
    );

    const added = builder.stage.commitInto(importId, agentIds);
    noteLongestSession(db, longest);
    const duplicates = builder.count - added;
    db.prepare('UPDATE import SET sessions_added = ?, duplicates = ? WHERE id = ?').run(added, duplicates, importId);

    ensureCube(db, options.cubeTimeZone);
    if (added > 0) rebuildCubeRange(db, new ZoneClock(options.cubeTimeZone), spanStart, spanEnd);
    return { importId, added, duplicates };
  });
  const { importId, added, duplicates } = commit();
  return {
    ...base,
    importId,
    sessionsAdded: added,
    duplicates,
    alreadyImported: false,
    spanStart: new Date(spanStart).toISOString(),
    spanEnd: new Date(spanEnd).toISOString(),
  };
}

/**
 * The rows an import rejected, kept as read so the user can fix them and import them again
 * (`imports:rejects` writes them as CSV). Only the cells of rejected rows are kept, up to a cap,
 * and the header they sit under: the last non-blank row the preset skipped before its first data
 * row (the header below any banner), or none for header-less files.
 */
import { toCsv, type Cell } from '../../../shared/report/cells';
import type { RowError } from '../../../shared/contract';
import type { Connection } from '../db/connection';

/** Enough to fix a file by hand; a file with more bad rows needs a different mapping, not a list. */
export const MAX_KEPT_REJECTS = 10_000;

export class RejectLog {
  readonly rows: Array<{ line: number; cells: readonly string[] | string }> = [];
  columns: readonly string[] | null = null;
  private started = false;

  /** Whether a data row was read yet: before it, rows are banner and header lines (see note). */
  get dataStarted(): boolean {
    return this.started;
  }

  /**
   * After each row: `rejectedBefore`/`readBefore` are the builder's counts before the row was
   * read. Cheap on the hot path: two integer comparisons for a good row.
   */
  note(cells: readonly string[] | string, line: number, rejectedBefore: number, rejectedAfter: number, readBefore: number, readAfter: number): void {
    if (!this.started) {
      if (readAfter === readBefore) {
        if (typeof cells !== 'string' && cells.some((c) => c.trim() !== '')) this.columns = cells;
        return;
      }
      this.started = true;
    }
    if (rejectedAfter !== rejectedBefore && this.rows.length < MAX_KEPT_REJECTS) this.rows.push({ line, cells });
  }

  /** Appends the rejected rows of a later part of the file, read elsewhere, moving their lines by `lineOffset`. */
  absorb(rows: ReadonlyArray<{ line: number; cells: readonly string[] | string }>, lineOffset: number): void {
    for (const row of rows) {
      if (this.rows.length >= MAX_KEPT_REJECTS) return;
      this.rows.push({ line: row.line + lineOffset, cells: row.cells });
    }
  }

  /** Inside the import's transaction. */
  save(db: Connection, importId: number, errors: readonly RowError[]): void {
    if (this.columns) db.prepare('UPDATE import SET columns_json = ? WHERE id = ?').run(JSON.stringify(this.columns), importId);
    if (this.rows.length === 0) return;
    const firstError = new Map<number, RowError>();
    for (const error of errors) if (!firstError.has(error.line)) firstError.set(error.line, error);
    const insert = db.prepare('INSERT INTO import_reject (import_id, line, field, message, cells_json) VALUES (?, ?, ?, ?, ?)');
    for (const row of this.rows) {
      const error = firstError.get(row.line);
      insert.run(
        importId,
        row.line,
        error?.field ?? null,
        error?.message ?? 'rejected (the reason was not kept: only the first problems of a file are)',
        JSON.stringify(row.cells),
      );
    }
  }
}

/**
 * The rejected rows of an import as CSV: Line, Field, Reason, then the row's own columns under
 * the file's header (or Column 1…N). Every text cell is neutralised against formula injection.
 */
export function rejectsCsv(db: Connection, importId: number): { csv: string; rows: number } {
  const record = db.prepare('SELECT columns_json FROM import WHERE id = ?').get(importId) as { columns_json: string | null } | undefined;
  if (!record) return { csv: '', rows: -1 };
  const rows = db.prepare('SELECT line, field, message, cells_json FROM import_reject WHERE import_id = ? ORDER BY line').all(importId) as Array<{
    line: number;
    field: string | null;
    message: string;
    cells_json: string;
  }>;
  let records = 0;
  const parsed = rows.map((r) => {
    const cells = JSON.parse(r.cells_json) as string[] | string;
    if (typeof cells === 'string') records += 1;
    return { ...r, cells: typeof cells === 'string' ? [cells] : cells };
  });
  // JSON exports keep each rejected record whole, as JSON text in one column.
  const columns: string[] = record.columns_json ? (JSON.parse(record.columns_json) as string[]) : records > 0 && records === parsed.length ? ['Record (JSON)'] : [];
  const width = Math.max(columns.length, ...parsed.map((r) => r.cells.length), 0);
  const header: Cell[] = ['Line', 'Field', 'Reason', ...Array.from({ length: width }, (_, i) => columns[i]?.trim() || `Column ${i + 1}`)];
  const body: Cell[][] = parsed.map((r) => [r.line, r.field ?? '', r.message, ...r.cells]);
  return { csv: toCsv([header, ...body]), rows: parsed.length };
}

/** The first `limit` rejected rows of an import (line, field, reason) in line order, for showing in place. */
export function rejectsSample(db: Connection, importId: number, limit: number): RowError[] {
  const rows = db.prepare('SELECT line, field, message FROM import_reject WHERE import_id = ? ORDER BY line LIMIT ?').all(importId, limit) as Array<{
    line: number;
    field: string | null;
    message: string;
  }>;
  return rows.map((r) => ({ line: r.line, ...(r.field ? { field: r.field } : {}), message: r.message }));
}

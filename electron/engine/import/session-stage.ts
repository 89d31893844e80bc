/**
 * Parsed sessions wait in a temporary table until the commit, so an import's memory stays flat
 * whatever the file's size: only a small batch is ever held in JavaScript. The temporary table
 * lives outside the main database; cancelling or failing drops it and leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { Connection } from '../db/connection';

const BATCH_ROWS = 500;
const COLUMNS = 5;

export class SessionStage {
  private readonly table: string;
  private readonly buffer: number[] = [];
  private readonly insertFull;
  private rows = 0;

  constructor(readonly db: Connection) {
    this.table = `staged_session_${randomBytes(6).toString('hex')}`;
    db.exec(`CREATE TEMP TABLE ${this.table} (
      agent_index INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, flags INTEGER NOT NULL, line INTEGER NOT NULL)`);
    this.insertFull = this.insertStatement(BATCH_ROWS);
  }

  get count(): number {
    return this.rows;
  }

  /** `endMs` null: no logout yet (capped later at the export's last timestamp). */
  push(agentIndex: number, startMs: number, endMs: number | null, flags: number, line: number): void {
    this.buffer.push(agentIndex, startMs, endMs as number, flags, line);
    this.rows += 1;
    if (this.buffer.length === BATCH_ROWS * COLUMNS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const statement = this.buffer.length === BATCH_ROWS * COLUMNS ? this.insertFull : this.insertStatement(this.buffer.length / COLUMNS);
    statement.run(this.buffer);
    this.buffer.length = 0;
  }

  /** Sessions still open at the end of the export end at its last timestamp; flags as given. */
  capOpenSessions(lastTimestampMs: number, zeroLengthFlag: number): void {
    this.flush();
    this.db
      .prepare(
        `UPDATE ${this.table} SET end_ms = MAX(start_ms, ?), flags = flags | (CASE WHEN start_ms >= ? THEN ? ELSE 0 END)
         WHERE end_ms IS NULL`,
      )
      .run(lastTimestampMs, lastTimestampMs, zeroLengthFlag);
  }

  span(): { first: number; last: number; longest: number } | null {
    const row = this.db.prepare(`SELECT MIN(start_ms) AS first, MAX(end_ms) AS last, MAX(end_ms - start_ms) AS longest FROM ${this.table}`).get() as {
      first: number | null;
      last: number | null;
      longest: number | null;
    };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last, longest: row.longest ?? 0 };
  }

  /** Inserts the staged sessions (first occurrence wins); returns how many were new. */
  commitInto(importId: number, agentIds: readonly number[]): number {
    this.flush();
    const agents = `${this.table}_agent`;
    this.db.exec(`CREATE TEMP TABLE ${agents} (agent_index INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL)`);
    const map = this.db.prepare(`INSERT INTO ${agents} (agent_index, agent_id) VALUES (?, ?)`);
    agentIds.forEach((id, index) => map.run(index, id));
    return this.db
      .prepare(
        `INSERT INTO session (agent_id, start_ms, end_ms, flags, import_id, source_line)
         SELECT m.agent_id, s.start_ms, s.end_ms, s.flags, ?, s.line
         FROM ${this.table} s JOIN ${agents} m ON m.agent_index = s.agent_index
         WHERE true ORDER BY s.rowid
         ON CONFLICT (agent_id, start_ms) DO NOTHING`,
      )
      .run(importId).changes;
  }

  drop(): void {
    this.buffer.length = 0;
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}; DROP TABLE IF EXISTS temp.${this.table}_agent;`);
  }

  private insertStatement(rows: number) {
    return this.db.prepare(
      `INSERT INTO ${this.table} (agent_index, start_ms, end_ms, flags, line) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
    );
  }
}

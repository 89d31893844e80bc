/**
 * Events and state intervals wait in a temporary table (like sessions in SessionStage), so an
 * event stream of any size is read with flat memory. Duplicate events (same dedupe key: Amazon
 * Connect EventId, Twilio sid, a Genesys record stored twice) are dropped on the way in. The
 * reconstruction reads them back ordered by agent, time, rank and line, one page at a time.
 */
import { randomBytes } from 'node:crypto';
import type { TimelineItem } from '../../../shared/import/presets/reconstruct';
import { rankOf, type ItemKind } from '../../../shared/import/presets/reconstruct';
import type { Connection } from '../db/connection';

const BATCH_ROWS = 400;
const COLUMNS = 9;
const PAGE_ROWS = 5000;

export type StagedItem = TimelineItem & { agentIndex: number };

export class EventStage {
  private readonly table: string;
  private readonly buffer: Array<number | string | null> = [];
  private readonly insertFull;
  private pushed = 0;
  private inserted = 0;

  constructor(private readonly db: Connection) {
    this.table = `staged_event_${randomBytes(6).toString('hex')}`;
    db.exec(`CREATE TEMP TABLE ${this.table} (
      id INTEGER PRIMARY KEY, agent_index INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, kind INTEGER NOT NULL,
      logged_in INTEGER NOT NULL, boundary INTEGER NOT NULL, rank INTEGER NOT NULL, line INTEGER NOT NULL,
      flags INTEGER NOT NULL, dedupe TEXT UNIQUE)`);
    this.insertFull = this.insertStatement(BATCH_ROWS);
  }

  /** Events accepted (after dropping duplicates). */
  get count(): number {
    this.flush();
    return this.inserted;
  }

  get duplicates(): number {
    this.flush();
    return this.pushed - this.inserted;
  }

  push(agentIndex: number, item: TimelineItem, dedupeKey: string | null): void {
    this.buffer.push(
      agentIndex,
      item.start,
      item.end,
      item.kind,
      item.loggedIn ? 1 : 0,
      item.boundary,
      rankOf(item.kind, item.loggedIn),
      item.line,
      item.flags,
    );
    this.buffer.push(dedupeKey);
    this.pushed += 1;
    if (this.buffer.length === BATCH_ROWS * (COLUMNS + 1)) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const rows = this.buffer.length / (COLUMNS + 1);
    const statement = rows === BATCH_ROWS ? this.insertFull : this.insertStatement(rows);
    // As arguments: better-sqlite3 binds an array's elements through a slow generic lookup (session-stage.ts).
    this.inserted += statement.run(...this.buffer).changes;
    this.buffer.length = 0;
  }

  /** Every staged item, ordered by agent, time, rank and line, read a page at a time. */
  *ordered(): Generator<StagedItem> {
    this.flush();
    this.db.exec(`CREATE INDEX IF NOT EXISTS temp.${this.table}_order ON ${this.table} (agent_index, start_ms, rank, line, id)`);
    const first = this.db.prepare(
      `SELECT * FROM ${this.table} ORDER BY agent_index, start_ms, rank, line, id LIMIT ${PAGE_ROWS}`,
    );
    const next = this.db.prepare(
      `SELECT * FROM ${this.table}
       WHERE (agent_index, start_ms, rank, line, id) > (?, ?, ?, ?, ?)
       ORDER BY agent_index, start_ms, rank, line, id LIMIT ${PAGE_ROWS}`,
    );
    type Row = { id: number; agent_index: number; start_ms: number; end_ms: number | null; kind: number; logged_in: number; boundary: number; rank: number; line: number; flags: number };
    let page = first.all() as Row[];
    while (page.length > 0) {
      for (const r of page) {
        yield {
          agentIndex: r.agent_index,
          kind: r.kind as ItemKind,
          start: r.start_ms,
          end: r.end_ms,
          loggedIn: r.logged_in === 1,
          boundary: r.boundary,
          line: r.line,
          flags: r.flags,
        };
      }
      if (page.length < PAGE_ROWS) return;
      const last = page[page.length - 1]!;
      page = next.all(last.agent_index, last.start_ms, last.rank, last.line, last.id) as Row[];
    }
  }

  span(): { first: number; last: number } | null {
    this.flush();
    const row = this.db.prepare(`SELECT MIN(start_ms) AS first, MAX(MAX(start_ms), COALESCE(MAX(end_ms), 0)) AS last FROM ${this.table}`).get() as {
      first: number | null;
      last: number | null;
    };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  drop(): void {
    this.buffer.length = 0;
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }

  private insertStatement(rows: number) {
    return this.db.prepare(
      `INSERT OR IGNORE INTO ${this.table} (agent_index, start_ms, end_ms, kind, logged_in, boundary, rank, line, flags, dedupe)
       VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
  }
}

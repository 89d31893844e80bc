/**
 * Parsed sessions wait in a temporary file until the commit, so an import's memory stays flat
 * whatever the file's size: only one block of rows is ever held in JavaScript. The file is plain
 * binary (five float64 per session), written and read back in blocks: appending there costs a
 * fraction of inserting into a SQLite temporary table, and the commit reads it once.
 *
 * It lives beside the database (on the disk the user chose for their data, which may be far
 * bigger than a RAM-backed /tmp: a 40M-row import stages 1.6 GB), and is removed when the import
 * ends, whatever happens. Its name is removed as soon as the file is open (the open handle keeps
 * the data), so even a killed process leaves nothing; where a system refuses to remove an open
 * file's name, a leftover from a killed import is swept at the next open of the database
 * (sweepStagedLeftovers).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Connection } from '../db/connection';
import type { SessionBlock } from '../metrics/cube';

const STAGED_MARK = '.staged-sessions-';

/** Where an import into the database at `databasePath` stages its sessions. */
function stagingPath(databasePath: string, inMemory: boolean): string {
  const unique = `${process.pid}-${randomBytes(6).toString('hex')}.bin`;
  return inMemory ? join(tmpdir(), `seatcast${STAGED_MARK}${unique}`) : join(dirname(databasePath), `.${basename(databasePath)}${STAGED_MARK}${unique}`);
}

/**
 * Removes staging files a killed import left beside the database (only where the name could not
 * be removed while the file was open). One that cannot be removed now is left alone.
 */
export function sweepStagedLeftovers(databasePath: string): void {
  const prefix = `.${basename(databasePath)}${STAGED_MARK}`;
  let names: string[];
  try {
    names = readdirSync(dirname(databasePath));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      rmSync(join(dirname(databasePath), name));
    } catch {
      // In use by a running import, or already gone.
    }
  }
}

/** agent index, start ms, end ms (NaN: still open), flags, source line */
const FIELDS = 5;
const BLOCK_ROWS = 8192;
/** Rows per INSERT statement at the commit (SQLite allows 32,766 parameters; 3, 4 or 5 per row). */
const INSERT_ROWS = 2000;

/** A staging file: open, and (where the system allows) already nameless. */
export type StagingFile = { fd: number; path: string; unlinked: boolean };

/** Opens a staging file beside the database at `db` (removed whatever happens: see above). */
export function openStagingFile(db: Connection): StagingFile {
  const path = stagingPath(db.name, db.memory);
  const fd = openSync(path, 'w+', 0o600);
  let unlinked = false;
  try {
    rmSync(path);
    unlinked = true;
  } catch {
    // This system keeps an open file's name: removed in drop(), or swept at a later open.
  }
  return { fd, path, unlinked };
}

/** What a stage read from a part of a file holds, without its rows (those are in its file). */
export type StageStats = {
  rows: number;
  firstStart: number;
  lastClosedEnd: number;
  longestClosed: number;
  openCount: number;
  firstOpenStart: number;
  lastOpenStart: number;
  /** The latest start staged (-Infinity for none). */
  maxStart: number;
  /** How far the furthest session staged after a later-starting one started before it (0: in start order). */
  lateness: number;
  /** How many sessions were staged after a later-starting one. */
  lateRows: number;
  /** 1 for every agent index (of that part) with at least one staged session. */
  withSessions: Uint8Array;
};

/**
 * Sessions a later part of the file staged in their own file: its agent indices become this
 * stage's through `agentMap`, and its line numbers are moved by `lineOffset`.
 */
type StagedPart = { file: StagingFile; agentMap: Int32Array; lineOffset: number };

export class SessionStage {
  /** Where rows are written; null once dropped. */
  private fd: number | null;
  /** The staging file this stage opened (and closes), or null when it writes into one it was given. */
  private owned: StagingFile | null;
  private readonly block = new Float64Array(BLOCK_ROWS * FIELDS);
  private inBlock = 0;
  private rows = 0;
  /** 1 for every agent index with at least one staged session. */
  private withSessions = new Uint8Array(64);
  // The span, kept as rows arrive instead of scanning the rows again.
  private firstStart = Infinity;
  private lastClosedEnd = -Infinity;
  private longestClosed = 0;
  private openCount = 0;
  private firstOpenStart = Infinity;
  private lastOpenStart = -Infinity;
  // How far from login order the sessions were staged (the cube is derived from them when nearly
  // in order: ../metrics/cube.ts): the latest start so far, and how late and how many came after it.
  private maxStart = -Infinity;
  private lateness = 0;
  private lateRows = 0;
  /** Where open sessions end, and the flag a session starting at or after it gets (set by capOpenSessions). */
  private cap: { endMs: number; zeroLengthFlag: number } | null = null;
  /** Later parts of the file, read elsewhere (a worker thread), in file order. */
  private readonly parts: StagedPart[] = [];

  /**
   * `db` null and `fd` given: a stage for a part of a file read on a worker thread, writing into a
   * staging file the import opened (and closes); it holds sessions only (events need the database).
   */
  constructor(
    readonly db: Connection | null,
    fd?: number,
  ) {
    if (fd === undefined) {
      if (!db) throw new Error('a stage without a database needs a staging file');
      this.owned = openStagingFile(db);
      this.fd = this.owned.fd;
    } else {
      this.owned = null;
      this.fd = fd;
    }
  }

  get count(): number {
    return this.rows;
  }

  /** `endMs` null: no logout yet (capped later at the export's last timestamp). */
  push(agentIndex: number, startMs: number, endMs: number | null, flags: number, line: number): void {
    const at = this.inBlock * FIELDS;
    this.block[at] = agentIndex;
    this.block[at + 1] = startMs;
    this.block[at + 2] = endMs === null ? Number.NaN : endMs;
    this.block[at + 3] = flags;
    this.block[at + 4] = line;
    this.inBlock += 1;
    this.rows += 1;
    if (startMs < this.maxStart) {
      this.lateRows += 1;
      if (this.maxStart - startMs > this.lateness) this.lateness = this.maxStart - startMs;
    } else this.maxStart = startMs;
    if (startMs < this.firstStart) this.firstStart = startMs;
    if (endMs === null) {
      this.openCount += 1;
      if (startMs < this.firstOpenStart) this.firstOpenStart = startMs;
      if (startMs > this.lastOpenStart) this.lastOpenStart = startMs;
    } else {
      if (endMs > this.lastClosedEnd) this.lastClosedEnd = endMs;
      if (endMs - startMs > this.longestClosed) this.longestClosed = endMs - startMs;
    }
    this.markWithSessions(agentIndex);
    if (this.inBlock === BLOCK_ROWS) this.flush();
  }

  private markWithSessions(agentIndex: number): void {
    if (agentIndex >= this.withSessions.length) {
      const grown = new Uint8Array(Math.max(agentIndex + 1, this.withSessions.length * 2));
      grown.set(this.withSessions);
      this.withSessions = grown;
    }
    this.withSessions[agentIndex] = 1;
  }

  flush(): void {
    if (this.inBlock === 0) return;
    const bytes = new Uint8Array(this.block.buffer, 0, this.inBlock * FIELDS * 8);
    const fd = this.openFd();
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    this.inBlock = 0;
  }

  /** Sessions still open at the end of the export end at its last timestamp; flags as given. */
  capOpenSessions(lastTimestampMs: number, zeroLengthFlag: number): void {
    this.flush();
    this.cap = { endMs: lastTimestampMs, zeroLengthFlag };
  }

  span(): { first: number; last: number; longest: number } | null {
    if (this.rows === 0) return null;
    let last = this.lastClosedEnd;
    let longest = this.longestClosed;
    if (this.openCount > 0) {
      const capEnd = this.cap?.endMs ?? -Infinity;
      // An open session ends at max(its start, the cap).
      last = Math.max(last, capEnd, this.lastOpenStart);
      longest = Math.max(longest, capEnd - this.firstOpenStart, 0);
    }
    return { first: this.firstStart, last, longest };
  }

  /** The agent ids (by agent index) that have at least one staged session. */
  agentsWithSessions(agentIds: readonly number[]): number[] {
    return agentIds.filter((_, index) => this.withSessions[index] === 1);
  }

  /** This stage's counts and span (a part read on a worker hands them to the import). */
  stats(): StageStats {
    this.flush();
    return {
      rows: this.rows,
      firstStart: this.firstStart,
      lastClosedEnd: this.lastClosedEnd,
      longestClosed: this.longestClosed,
      openCount: this.openCount,
      firstOpenStart: this.firstOpenStart,
      lastOpenStart: this.lastOpenStart,
      maxStart: this.maxStart,
      lateness: this.lateness,
      lateRows: this.lateRows,
      withSessions: this.withSessions,
    };
  }

  /**
   * How far from start order the sessions were staged, over all parts: at most `lateness` ms
   * before the latest start staged ahead of them, and about `lateRows` of them (a later part's
   * rows starting before the last of an earlier part count as one).
   */
  get order(): { lateness: number; lateRows: number } {
    return { lateness: this.lateness, lateRows: this.lateRows };
  }

  /**
   * Takes the sessions a later part of the file staged (after everything staged here, as if read
   * here): the file is this stage's to close from now on.
   */
  absorb(file: StagingFile, stats: StageStats, agentMap: Int32Array, lineOffset: number): void {
    this.parts.push({ file, agentMap, lineOffset });
    if (stats.rows > 0) {
      this.lateRows += stats.lateRows;
      this.lateness = Math.max(this.lateness, stats.lateness);
      if (stats.firstStart < this.maxStart) {
        this.lateRows += 1;
        this.lateness = Math.max(this.lateness, this.maxStart - stats.firstStart);
      }
      this.maxStart = Math.max(this.maxStart, stats.maxStart);
    }
    this.rows += stats.rows;
    this.firstStart = Math.min(this.firstStart, stats.firstStart);
    this.lastClosedEnd = Math.max(this.lastClosedEnd, stats.lastClosedEnd);
    this.longestClosed = Math.max(this.longestClosed, stats.longestClosed);
    this.openCount += stats.openCount;
    this.firstOpenStart = Math.min(this.firstOpenStart, stats.firstOpenStart);
    this.lastOpenStart = Math.max(this.lastOpenStart, stats.lastOpenStart);
    stats.withSessions.forEach((has, index) => {
      if (has === 1) this.markWithSessions(agentMap[index]!);
    });
  }

  /**
   * Inserts the staged sessions in file order (the first occurrence of an agent and login instant
   * wins); returns how many were new and, of those, how many carry each flag bit. `afterStatement`
   * runs after each insert statement (the import writes the cube rows a worker derived meanwhile).
   */
  commitInto(importId: number, agentIds: readonly number[], afterStatement?: () => void): { added: number; flagCounts: Map<number, number> } {
    const inserter = this.inserter(importId);
    inserter.insertFiles(agentIds, afterStatement);
    return inserter.finish(afterStatement);
  }

  /**
   * An insert of the staged sessions that can stop after the files staged so far and go on once
   * later parts are absorbed (the import inserts the first part of a file while the second is
   * still being read). Every session inserted before capOpenSessions must be closed.
   */
  inserter(importId: number): SessionInserter {
    if (!this.db) throw new Error('a stage without a database cannot commit');
    return new SessionInserter(this.db, importId, this);
  }

  /** Sessions staged with no logout yet (capped at the commit). */
  get openSessions(): number {
    return this.openCount;
  }

  /** Where the staged sessions are, as plain data another thread can read them from (stagedRows). */
  stagedFiles(agentIds: readonly number[]): StagedFiles {
    this.flush();
    return {
      fds: [this.openFd(), ...this.parts.map((part) => part.file.fd)],
      agentIds: [Int32Array.from(agentIds), ...this.parts.map((part) => Int32Array.from(part.agentMap, (index) => agentIds[index]!))],
      lineOffsets: [0, ...this.parts.map((part) => part.lineOffset)],
      capEndMs: this.cap?.endMs ?? null,
      zeroLengthFlag: this.cap?.zeroLengthFlag ?? 0,
    };
  }

  drop(): void {
    const files = [...(this.owned ? [this.owned] : []), ...this.parts.map((p) => p.file)];
    this.fd = null;
    this.owned = null;
    this.parts.length = 0;
    for (const file of files) closeStagingFile(file);
  }

  private openFd(): number {
    if (this.fd === null) throw new Error('the staged sessions were already dropped');
    return this.fd;
  }
}

/**
 * A stage's files in file order, each with the agent id of each of its agent indices and what
 * moves its line numbers, and where open sessions end (null: none were capped). File
 * descriptors are shared by a process's threads.
 */
export type StagedFiles = { fds: number[]; agentIds: Int32Array[]; lineOffsets: number[]; capEndMs: number | null; zeroLengthFlag: number };

/** A block of staged rows as the session table will hold them (see stagedRows). */
export type StagedRows = SessionBlock & { flags: Int32Array; lines: Float64Array };

/**
 * The rows of staged files in file order (from file `firstFile` on), in blocks, with agent ids,
 * line numbers and open sessions capped as the session table will hold them (an open session
 * starting at or after the cap gets the zero-length flag). The insert reads them so, and so does
 * the cube's reader, which keeps the first of a session's copies (../metrics/cube.ts
 * StagedSlices). The block yielded is reused for the next: use it before asking for the next one.
 */
export function* stagedRows(files: StagedFiles, firstFile = 0): Generator<StagedRows> {
  const block = new Float64Array(BLOCK_ROWS * FIELDS);
  const bytes = new Uint8Array(block.buffer);
  const out: StagedRows = {
    count: 0,
    agents: new Int32Array(BLOCK_ROWS),
    starts: new Float64Array(BLOCK_ROWS),
    ends: new Float64Array(BLOCK_ROWS),
    flags: new Int32Array(BLOCK_ROWS),
    lines: new Float64Array(BLOCK_ROWS),
  };
  const cap = files.capEndMs;
  for (let f = firstFile; f < files.fds.length; f += 1) {
    const fd = files.fds[f]!;
    const ids = files.agentIds[f]!;
    const lineOffset = files.lineOffsets[f]!;
    let position = 0;
    for (;;) {
      const got = readBlock(fd, bytes, position);
      position += got;
      const rows = Math.floor(got / (FIELDS * 8));
      out.count = rows;
      for (let r = 0; r < rows; r += 1) {
        const at = r * FIELDS;
        const start = block[at + 1]!;
        let end = block[at + 2]!;
        let flags = block[at + 3]!;
        if (Number.isNaN(end)) {
          if (cap === null) throw new Error('open sessions staged without capOpenSessions()');
          end = Math.max(start, cap);
          if (start >= cap) flags |= files.zeroLengthFlag;
        }
        out.agents[r] = ids[block[at]!]!;
        out.starts[r] = start;
        out.ends[r] = end;
        out.flags[r] = flags;
        out.lines[r] = block[at + 4]! + lineOffset;
      }
      if (rows > 0) yield out;
      if (got < bytes.length) break;
    }
  }
}

/** Fills `bytes` from `fd` at `position` as far as the file goes; returns the bytes read. */
function readBlock(fd: number, bytes: Uint8Array, position: number): number {
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(fd, bytes, got, bytes.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** Closes a staging file and removes its name if it still has one. */
export function closeStagingFile(file: StagingFile): void {
  closeSync(file.fd);
  if (!file.unlinked) {
    rmSync(file.path, { force: true });
    file.unlinked = true;
  }
}

/** Inserts a stage's sessions file by file, in statements of INSERT_ROWS rows (SessionStage.inserter). */
export class SessionInserter {
  /** Full statements, prepared once: see `statement`. */
  private readonly full = new Map<StatementKind, Statement>();
  private readonly kept: KeptFlags;
  // start, agent id, end of each row of the next statement; their lines; the flags of its flagged
  // rows by row. Written in place (`pending` rows so far), not grown and emptied each statement:
  // that left the backing stores to the collector, a tenth of the import thread's time in it.
  private readonly values: number[] = new Array<number>(INSERT_ROWS * 3).fill(0);
  // The same rows two values each (start; agent id and length packed into one number: 'packed').
  private readonly pairs: number[] = new Array<number>(INSERT_ROWS * 2).fill(0);
  /** Every row of the next statement fits `pairs` (PACKED_AGENTS, PACKED_SPAN). */
  private packable = true;
  private readonly lines: number[] = new Array<number>(INSERT_ROWS).fill(0);
  private pending = 0;
  private readonly rowFlags = new Map<number, number>();
  /** The next statement's lines follow one another (most do: one row a line). */
  private consecutive = true;
  private added = 0;
  /** Staged files inserted so far (the stage's own, then absorbed parts). */
  private filesDone = 0;
  /** Where a paused insert goes on: the files' rows, the block in hand and its next row. */
  private cursor: { rows: Generator<StagedRows>; block: StagedRows | null; next: number; files: number } | null = null;

  constructor(
    private readonly db: Connection,
    private readonly importId: number,
    private readonly stage: SessionStage,
  ) {
    if (!Number.isSafeInteger(importId)) throw new Error(`import id ${importId} is not an integer`);
    this.kept = new KeptFlags(db, importId);
  }

  /**
   * No RETURNING: reading back every inserted row cost a quarter of the insert. `changes` gives
   * the count, and only flagged sessions (a few per thousand) are looked up around their
   * statement to see whether they were the ones kept.
   *
   * Binding values is half of the insert's time, so as little as possible is bound: the import's
   * id is written into the statement; so are a statement's flags when none of its sessions has
   * any (most statements: 'based' and 'plain'); and when its rows' lines follow one another (most
   * do), only the first line is bound and the others are that plus the row's place ('based'):
   * three values a row instead of six (docs/benchmarks.md, sixth and seventh rounds). They are
   * passed as arguments, not as one array (ninth round). Most statements bind two a row
   * ('packed': the agent id and the session's length in one number, unpacked by SQLite), which
   * took 0.15 s of CPU off a 4M-row import (tenth round).
   */
  private statement(rows: number, kind: StatementKind): Statement {
    const full = rows === INSERT_ROWS ? this.full.get(kind) : undefined;
    if (full) return full;
    const id = this.importId;
    const columns = 'INSERT INTO session (start_ms, agent_id, end_ms, flags, import_id, source_line)';
    const rowsOf = (row: (k: number) => string) => Array.from({ length: rows }, (_, k) => row(k)).join(', ');
    const row = (k: number) => (kind === 'based' ? `(?, ?, ?, 0, ${id}, @line + ${k})` : kind === 'plain' ? `(?, ?, ?, 0, ${id}, ?)` : `(?, ?, ?, ?, ${id}, ?)`);
    // An upsert's SELECT needs a WHERE, or its ON CONFLICT would read as a join's ON.
    const prepared = this.db.prepare(
      kind === 'packed'
        ? `${columns}
           SELECT column1, column2 >> ${Math.log2(PACKED_SPAN)}, column1 + (column2 & ${PACKED_SPAN - 1}), 0, ${id}, column3
           FROM (VALUES ${rowsOf((k) => `(?, ?, @line + ${k})`)}) WHERE true
           ON CONFLICT (start_ms, agent_id) DO NOTHING`
        : `${columns} VALUES ${rowsOf(row)} ON CONFLICT (start_ms, agent_id) DO NOTHING`,
    );
    if (rows === INSERT_ROWS) this.full.set(kind, prepared);
    return prepared;
  }

  /**
   * Inserts the rows of every staged file not inserted yet (whole statements only; finish writes
   * the rest). With `pause`, asked after each statement, it can stop between two statements and
   * returns false; the next call goes on from there, then on to files absorbed meanwhile (the
   * import takes the second part of a file as soon as it is read, in the middle of inserting
   * the first: ./pipeline.ts).
   */
  insertFiles(agentIds: readonly number[], afterStatement?: () => void, pause?: () => boolean): boolean {
    const { values, lines, rowFlags, kept } = this;
    for (;;) {
      if (!this.cursor) {
        const files = this.stage.stagedFiles(agentIds);
        if (this.filesDone >= files.fds.length) return true;
        // The agent ids of files staged so far are fixed now: later parts only add agents.
        this.cursor = { rows: stagedRows(files, this.filesDone), block: null, next: 0, files: files.fds.length };
      }
      const cursor = this.cursor;
      if (cursor.block === null || cursor.next >= cursor.block.count) {
        const got = cursor.rows.next();
        if (got.done) {
          this.filesDone = cursor.files;
          this.cursor = null;
          continue;
        }
        cursor.block = got.value;
        cursor.next = 0;
      }
      const rows = cursor.block;
      for (let r = cursor.next; r < rows.count; r += 1) {
        const start = rows.starts[r]!;
        const agentId = rows.agents[r]!;
        const end = rows.ends[r]!;
        const flags = rows.flags[r]!;
        const line = rows.lines[r]!;
        const row = this.pending;
        if (flags !== 0) {
          rowFlags.set(row, flags);
          kept.note(start, agentId, end, flags, line);
        }
        if (row > 0 && line !== lines[0]! + row) this.consecutive = false;
        values[row * 3] = start;
        values[row * 3 + 1] = agentId;
        values[row * 3 + 2] = end;
        const span = end - start;
        if (!(agentId < PACKED_AGENTS && span >= 0 && span < PACKED_SPAN)) this.packable = false;
        this.pairs[row * 2] = start;
        this.pairs[row * 2 + 1] = agentId * PACKED_SPAN + span;
        lines[row] = line;
        this.pending = row + 1;
        if (row + 1 === INSERT_ROWS) {
          this.insert(afterStatement);
          if (pause?.()) {
            cursor.next = r + 1;
            return false;
          }
        }
      }
      cursor.next = rows.count;
    }
  }

  /** Writes the last, partial statement; how many sessions were new and how many carry each flag bit. */
  finish(afterStatement?: () => void): { added: number; flagCounts: Map<number, number> } {
    if (this.pending > 0) this.insert(afterStatement);
    return { added: this.added, flagCounts: this.kept.counts };
  }

  private insert(afterStatement?: () => void): void {
    const { values, lines, rowFlags, kept } = this;
    const rows = this.pending;
    kept.beforeInsert();
    if (rowFlags.size === 0 && this.consecutive && this.packable) {
      // Spread, not an array: better-sqlite3 reads an array's elements one generic property
      // lookup at a time, arguments directly — 0.3 s of a 4M-row insert (ninth round).
      const bound = rows === INSERT_ROWS ? this.pairs : this.pairs.slice(0, rows * 2);
      this.added += this.statement(rows, 'packed').run(...bound, { line: lines[0]! }).changes;
    } else if (rowFlags.size === 0 && this.consecutive) {
      const bound = rows === INSERT_ROWS ? values : values.slice(0, rows * 3);
      this.added += this.statement(rows, 'based').run(...bound, { line: lines[0]! }).changes;
    } else {
      // Each row's line bound, and its flags too when the statement has a flagged row.
      const flagged = rowFlags.size > 0;
      const width = flagged ? 5 : 4;
      const bound: number[] = new Array(rows * width);
      for (let r = 0; r < rows; r += 1) {
        bound[r * width] = values[r * 3]!;
        bound[r * width + 1] = values[r * 3 + 1]!;
        bound[r * width + 2] = values[r * 3 + 2]!;
        if (flagged) bound[r * width + 3] = rowFlags.get(r) ?? 0;
        bound[r * width + width - 1] = lines[r]!;
      }
      this.added += this.statement(rows, flagged ? 'flagged' : 'plain').run(...bound).changes;
    }
    kept.afterInsert();
    this.pending = 0;
    rowFlags.clear();
    this.consecutive = true;
    this.packable = true;
    afterStatement?.();
  }
}

/** The insert statements: lines from a bound first line, each line bound, each line and flags bound. */
type StatementKind = 'packed' | 'based' | 'plain' | 'flagged';

/**
 * A 'packed' row binds two numbers: its start, and its agent id × PACKED_SPAN + its length in ms
 * (exact below 2^53: agent ids under 2^21, lengths under 2^32 ms, 49 days). A statement with a row
 * outside either is bound three values a row ('based').
 */
const PACKED_SPAN = 2 ** 32;
const PACKED_AGENTS = 2 ** 21;

/**
 * Counts the flag bits of the flagged sessions an insert kept, as `RETURNING` would have, holding
 * only one statement's flagged sessions. Before a statement runs, a flagged session whose key is
 * already stored (an earlier import, an earlier statement) cannot be kept. After it, one whose key
 * is new was kept when the stored row is its own — this import's, from its line, with its end and
 * flags — and the statement's first copy of that key: later identical copies (one line giving the
 * same session twice; a one-line JSON export gives every record line 1) are not counted again.
 */
class KeptFlags {
  readonly counts = new Map<number, number>();
  /** start, agent id, end, flags, line of each flagged session of the next statement */
  private pending: number[] = [];
  private readonly stored;

  constructor(
    db: Connection,
    private readonly importId: number,
  ) {
    this.stored = db.prepare('SELECT end_ms, flags, import_id, source_line FROM session WHERE start_ms = ? AND agent_id = ?').raw();
  }

  note(start: number, agentId: number, end: number, flags: number, line: number): void {
    this.pending.push(start, agentId, end, flags, line);
  }

  /** Call before the statement that inserts the noted sessions: drops those whose key is already stored. */
  beforeInsert(): void {
    const p = this.pending;
    const fresh: number[] = [];
    for (let i = 0; i < p.length; i += 5) {
      if (this.stored.get(p[i]!, p[i + 1]!) === undefined) fresh.push(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!, p[i + 4]!);
    }
    this.pending = fresh;
  }

  /** Call after that statement: counts the noted sessions it kept. */
  afterInsert(): void {
    const p = this.pending;
    const counted = new Set<string>();
    for (let i = 0; i < p.length; i += 5) {
      const [start, agentId, end, flags, line] = [p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!, p[i + 4]!];
      const row = this.stored.get(start, agentId) as [number, number, number, number] | undefined;
      if (!row || row[0] !== end || row[1] !== flags || row[2] !== this.importId || row[3] !== line) continue;
      const key = `${start}:${agentId}`;
      if (counted.has(key)) continue;
      counted.add(key);
      for (let bits = flags; bits !== 0; bits &= bits - 1) {
        const bit = bits & -bits;
        this.counts.set(bit, (this.counts.get(bit) ?? 0) + 1);
      }
    }
    this.pending = [];
  }
}

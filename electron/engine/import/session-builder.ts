/**
 * Turns readings into sessions, resolving naive wall times in the import's zone with DST
 * handled explicitly. Session readings go straight to the session stage; events and intervals go
 * to the event stage and become sessions per agent, in time order, once the whole file is read
 * (`finish`). The database's own tables are untouched until the commit, which happens in one
 * transaction later.
 */
import type { WallTimeResolution, WallTime } from '../../../shared/calendar';
import { AgentTimeline, ItemKind, type TimelineItem } from '../../../shared/import/presets/reconstruct';
import { SessionFlag, type AgentFields, type Reading, type Reconstruction, type SessionSink } from '../../../shared/import/presets/types';
import { plainKeyHash } from '../../../shared/import/generic-csv';
import type { ParsedTimestamp } from '../../../shared/import/timestamps';
import type { RowError } from '../../../shared/contract';
import { EventStage } from './event-stage';
import type { SessionStage, StageStats, StagingFile } from './session-stage';

export { SessionFlag };

/** What resolving wall times needs: a ZoneClock (IANA or fixed-offset zone). */
export type WallClock = {
  resolveWallTime(wall: WallTime): WallTimeResolution;
  formatLocal(epochMs: number): string;
};

export type AgentInfo = Omit<AgentFields, 'key'> & { key: string };

/** What reading a later part of a file (on a worker thread) produced, besides its staged rows. */
export type PartReading = {
  rowsRead: number;
  rejected: number;
  errors: RowError[];
  ignored: Array<[string, number]>;
  firstTimestampMs: number;
  lastTimestampMs: number;
  agents: AgentInfo[];
  stage: StageStats;
};

const MAX_KEPT_ERRORS = 1000;
const DEFAULT_MERGE_GAP_MS = 1000;
/**
 * A login export describes working hours, so an instant outside 1970–2099 or a session longer
 * than a year is a damaged value, not data. Without this bound one row in year 0000 or 9999
 * made the cube span thousands of years (minutes of work, a gigabyte of memory), and a
 * duration of 1e308 seconds reached SQLite as a float (found by the hostile-input corpus).
 */
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);
const LONGEST_SESSION_MS = 366 * 86_400_000;

export class SessionBuilder implements SessionSink {
  readonly agents: AgentInfo[] = [];
  private readonly agentIndex = new Map<string, number>();
  /** blankFields of each agent's record, by agent index: a record is touched only when a row can fill it. */
  private blanks = new Uint8Array(64);
  readonly errors: RowError[] = [];
  rejected = 0;
  rowsRead = 0;
  /** Readings deliberately ignored, by reason (heartbeats, failed sign-ins, …). */
  readonly ignored = new Map<string, number>();
  /** Earliest and latest instants seen anywhere in the file: where clipped and open sessions end. */
  firstTimestampMs = Number.POSITIVE_INFINITY;
  lastTimestampMs = Number.NEGATIVE_INFINITY;
  private eventStage: EventStage | null = null;
  /** The agents whose keys are plain (plainKeyHash), as agentIndex holds them: for knownAgentAt. */
  private readonly plainKeys = new PlainKeyIndex();

  constructor(
    private readonly clock: WallClock,
    readonly stage: SessionStage,
    private readonly reconstruction: Reconstruction = 'sessions',
    private readonly mergeGapMs = DEFAULT_MERGE_GAP_MS,
  ) {}

  get count(): number {
    return this.stage.count;
  }

  /** Events that were the same event as one already read (same EventId, sid or record). */
  get duplicateEvents(): number {
    return this.eventStage?.duplicates ?? 0;
  }

  get ignoredCount(): number {
    let total = 0;
    for (const n of this.ignored.values()) total += n;
    return total;
  }

  reject(line: number, field: string | undefined, message: string): void {
    this.rejected += 1;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push({ line, ...(field ? { field } : {}), message });
  }

  /** All readings of one row or record. A record that is only skips is not counted as read. */
  addAll(readings: Reading | readonly Reading[], line: number): void {
    if (!Array.isArray(readings)) return this.add(readings as Reading, line);
    const list = readings as readonly Reading[];
    if (list.every((r) => r.kind === 'skip')) return;
    this.rowsRead += 1;
    for (const reading of list) this.apply(reading, line);
  }

  add(reading: Reading, line: number): void {
    if (reading.kind === 'skip') return;
    this.rowsRead += 1;
    this.apply(reading, line);
  }

  private apply(reading: Reading, line: number): void {
    switch (reading.kind) {
      case 'skip':
        return;
      case 'ignore':
        this.ignored.set(reading.reason, (this.ignored.get(reading.reason) ?? 0) + 1);
        return;
      case 'error':
        return this.reject(line, reading.field, reading.message);
      case 'session':
        return this.addSession(reading, line);
      case 'event':
        return this.addEvent(reading, line);
      case 'interval':
        return this.addInterval(reading, line);
    }
  }

  /** Rejects the row (and says why) when an instant or a length is beyond any real export. Asked for every row: it allocates nothing unless it rejects. */
  private implausible(line: number, field: string, startMs: number, endMs: number | null): boolean {
    const endField = field === 'login' ? 'logout' : 'end';
    if (!inCoveredYears(startMs)) return this.rejectOutsideYears(line, field, startMs);
    if (endMs === null) return false;
    if (!inCoveredYears(endMs)) return this.rejectOutsideYears(line, endField, endMs);
    if (endMs - startMs > LONGEST_SESSION_MS) {
      const days = Math.round((endMs - startMs) / 86_400_000);
      this.reject(line, endField, `the session would last ${days.toLocaleString('en-US')} days; sessions longer than a year are not plausible`);
      return true;
    }
    return false;
  }

  private rejectOutsideYears(line: number, field: string, at: number): true {
    const shown = Number.isFinite(at) && Math.abs(at) < 8.64e15 ? new Date(at).toISOString().slice(0, 10) : 'beyond any calendar date';
    this.reject(line, field, `${field} ${shown} is outside 1970–2099, the years a login export can cover`);
    return true;
  }

  /** SessionSink: an agent seen before whose blank attributes this row cannot fill. */
  knownAgent(key: string, present: number): number {
    const index = this.agentIndex.get(key);
    return index === undefined || (this.blanks[index]! & present) !== 0 ? -1 : index;
  }

  /** SessionSink: knownAgent for a plain key where it stands in `text`. */
  knownAgentAt(text: string, start: number, end: number, hash: number, present: number): number {
    const index = this.plainKeys.find(text, start, end, hash);
    return index < 0 || (this.blanks[index]! & present) !== 0 ? -1 : index;
  }

  /**
   * SessionSink: what adding a session reading with these instants does (addSession), for the
   * usual row; anything it would reject or flag other than a zero length goes the general way.
   */
  addPlainSession(agent: number, startMs: number, endMs: number, line: number): boolean {
    if (!(endMs >= startMs && inCoveredYears(startMs) && inCoveredYears(endMs) && endMs - startMs <= LONGEST_SESSION_MS)) return false;
    this.rowsRead += 1;
    this.see(startMs, endMs);
    this.stage.push(agent, startMs, endMs, endMs === startMs ? SessionFlag.ZERO_LENGTH : 0, line);
    return true;
  }

  private addSession(reading: Extract<Reading, { kind: 'session' }>, line: number): void {
    let flags = reading.flags ?? 0;
    // Instants (most exports) need no resolving: read as they are, without a result object a row.
    let start: number;
    if (reading.login.kind === 'instant') start = reading.login.epochMs;
    else {
      const login = this.resolve(reading.login, null);
      if (login.dst) flags |= SessionFlag.DST_RESOLVED;
      start = login.epochMs;
    }
    let end: number | null;
    if (reading.logout) {
      if (reading.logout.kind === 'instant') end = reading.logout.epochMs;
      else {
        const logout = this.resolve(reading.logout, start);
        if (logout.dst) flags |= SessionFlag.DST_RESOLVED;
        end = logout.epochMs;
      }
      if (end < start) {
        return this.reject(line, 'logout', `logout ${this.clock.formatLocal(end)} is before login ${this.clock.formatLocal(start)}`);
      }
    } else if (reading.durationMs !== null) {
      end = start + reading.durationMs;
    } else {
      end = null;
      flags |= SessionFlag.OPEN_CAPPED;
    }
    if (this.implausible(line, 'login', start, end)) return;
    if (end === start) flags |= SessionFlag.ZERO_LENGTH;
    this.see(start, end ?? start);
    this.stage.push(this.indexAgent(reading.agent), start, end, flags, line);
  }

  private addEvent(reading: Extract<Reading, { kind: 'event' }>, line: number): void {
    const at = this.resolve(reading.at, null);
    if (this.implausible(line, 'time', at.epochMs, null)) return;
    this.see(at.epochMs, at.epochMs);
    const kind = reading.action === 'login' ? ItemKind.LOGIN : reading.action === 'logout' ? ItemKind.LOGOUT : ItemKind.STATE;
    this.stageItem(reading.agent, { kind, start: at.epochMs, end: null, loggedIn: reading.loggedIn, boundary: 0, line, flags: at.dst ? SessionFlag.DST_RESOLVED : 0 }, reading.dedupeKey);
  }

  private addInterval(reading: Extract<Reading, { kind: 'interval' }>, line: number): void {
    const start = this.resolve(reading.start, null);
    let flags = start.dst ? SessionFlag.DST_RESOLVED : 0;
    let end: number | null = null;
    if (reading.end) {
      const resolved = this.resolve(reading.end, start.epochMs);
      if (resolved.dst) flags |= SessionFlag.DST_RESOLVED;
      end = resolved.epochMs;
      if (end < start.epochMs) {
        return this.reject(line, 'end', `the status ends ${this.clock.formatLocal(end)}, before it starts ${this.clock.formatLocal(start.epochMs)}`);
      }
    } else if (reading.durationMs !== null) {
      end = start.epochMs + reading.durationMs;
    }
    if (this.implausible(line, 'start', start.epochMs, end)) return;
    this.see(start.epochMs, end ?? start.epochMs);
    this.stageItem(
      reading.agent,
      { kind: ItemKind.INTERVAL, start: start.epochMs, end, loggedIn: reading.loggedIn, boundary: reading.boundary, line, flags },
      reading.dedupeKey,
    );
  }

  private stageItem(agent: AgentFields, item: TimelineItem, dedupeKey: string | null): void {
    // Only formats that give whole sessions are read in parts (Preset.rowIndependent).
    if (!this.stage.db) throw new Error('events and intervals cannot be read in a part of a file');
    this.eventStage ??= new EventStage(this.stage.db);
    this.eventStage.push(this.indexAgent(agent), item, dedupeKey);
  }

  private see(first: number, last: number): void {
    if (first < this.firstTimestampMs) this.firstTimestampMs = first;
    if (last > this.lastTimestampMs) this.lastTimestampMs = last;
  }

  /**
   * Every session read so far is staged and closed: none waits for finish() (events, intervals,
   * sessions without a logout), so what is staged can be inserted before the rest of the file is read.
   */
  get stagedSessionsFinal(): boolean {
    return this.eventStage === null && this.stage.openSessions === 0;
  }

  /**
   * Once the whole file is read: events and intervals become sessions, agent by agent; then
   * sessions with no logout are capped at the export's last timestamp (they were still open then).
   */
  finish(): void {
    if (this.eventStage) {
      const stage = this.stage;
      let current = -1;
      const timeline = new AgentTimeline({
        mode: this.reconstruction === 'intervals' ? 'intervals' : 'points',
        exportStart: this.firstTimestampMs,
        exportEnd: this.lastTimestampMs,
        mergeGapMs: this.mergeGapMs,
        emit: (s) => stage.push(current, s.start, s.end, s.end === null ? s.flags | SessionFlag.OPEN_CAPPED : s.flags, s.line),
      });
      for (const item of this.eventStage.ordered()) {
        if (item.agentIndex !== current) {
          if (current >= 0) timeline.reset();
          current = item.agentIndex;
        }
        timeline.push(item);
      }
      if (current >= 0) timeline.reset();
    }
    this.stage.capOpenSessions(this.lastTimestampMs, SessionFlag.ZERO_LENGTH);
  }

  /** This builder's reading of a part of a file, to hand to the import (absorb). */
  part(): PartReading {
    return {
      rowsRead: this.rowsRead,
      rejected: this.rejected,
      errors: this.errors,
      ignored: [...this.ignored.entries()],
      firstTimestampMs: this.firstTimestampMs,
      lastTimestampMs: this.lastTimestampMs,
      agents: this.agents,
      stage: this.stage.stats(),
    };
  }

  /**
   * Takes a later part of the file, read elsewhere, as if its rows had been read here after
   * everything so far: its line numbers move by `lineOffset`, its agents join this builder's
   * (attributes still filled by the first row that has them), its staged file joins the stage.
   */
  absorb(part: PartReading, file: StagingFile, lineOffset: number): void {
    this.rowsRead += part.rowsRead;
    this.rejected += part.rejected;
    for (const error of part.errors) {
      if (this.errors.length >= MAX_KEPT_ERRORS) break;
      this.errors.push({ ...error, line: error.line + lineOffset });
    }
    for (const [reason, n] of part.ignored) this.ignored.set(reason, (this.ignored.get(reason) ?? 0) + n);
    this.see(part.firstTimestampMs, part.lastTimestampMs);
    const agentMap = Int32Array.from(part.agents, (agent) => this.indexAgent(agent));
    this.stage.absorb(file, part.stage, agentMap, lineOffset);
  }

  drop(): void {
    this.eventStage?.drop();
    this.stage.drop();
  }

  private indexAgent(agent: AgentFields): number {
    const existing = this.agentIndex.get(agent.key);
    if (existing !== undefined) {
      // Later rows may fill attributes that earlier rows left empty. The record is read only when
      // this row has a value for one of its blanks: with 100,000 agents, reading it on every row
      // was a cache miss a row (seconds over a 40M-row file).
      const blank = this.blanks[existing]!;
      if ((blank & ~blankFields(agent)) !== 0) {
        const info = this.agents[existing]!;
        info.name ??= detach(agent.name);
        info.team ??= detach(agent.team);
        info.site ??= detach(agent.site);
        info.program ??= detach(agent.program);
        info.role ??= detach(agent.role);
        this.blanks[existing] = blankFields(info);
      }
      return existing;
    }
    const index = this.agents.length;
    const info = {
      ...agent,
      key: detach(agent.key),
      label: detach(agent.label),
      name: detach(agent.name),
      team: detach(agent.team),
      site: detach(agent.site),
      program: detach(agent.program),
      role: detach(agent.role),
    };
    this.agents.push(info);
    this.agentIndex.set(info.key, index);
    const hash = plainKeyHash(info.key, 0, info.key.length);
    if (hash >= 0) this.plainKeys.add(info.key, hash, index);
    if (index >= this.blanks.length) {
      const grown = new Uint8Array(this.blanks.length * 2);
      grown.set(this.blanks);
      this.blanks = grown;
    }
    this.blanks[index] = blankFields(info);
    return index;
  }

  /**
   * An instant stays as it is. A wall time in a DST gap moves forward by the gap; a repeated
   * (fall-back) hour takes the earlier reading, unless that would put a logout before its
   * login, in which case the later one is right.
   */
  private resolve(ts: ParsedTimestamp, notBefore: number | null): { epochMs: number; dst: boolean } {
    if (ts.kind === 'instant') return { epochMs: ts.epochMs, dst: false };
    if (ts.kind === 'invalid') throw new Error('invalid timestamps are rejected before resolution');
    const resolved = this.clock.resolveWallTime(ts.wall);
    if (resolved.kind === 'exact') return { epochMs: resolved.epochMs, dst: false };
    if (resolved.kind === 'gap') return { epochMs: resolved.epochMs, dst: true };
    if (notBefore !== null && resolved.earlier < notBefore) return { epochMs: resolved.later, dst: true };
    return { epochMs: resolved.earlier, dst: true };
  }
}

/** Whether an instant lies in 1970–2099 (false for NaN and infinities). */
function inCoveredYears(at: number): boolean {
  return at >= EARLIEST_MS && at < LATEST_MS;
}

/**
 * Which of an agent's attributes are blank (null), a bit each: name 1, team 2, site 4, program 8,
 * role 16. An agent's record is filled from a later row when the row has a value where the
 * record has none, and the import upserts an agent again when a later part of the file did so.
 */
export function blankFields(agent: Pick<AgentFields, 'name' | 'team' | 'site' | 'program' | 'role'>): number {
  return (agent.name == null ? 1 : 0) | (agent.team == null ? 2 : 0) | (agent.site == null ? 4 : 0) | (agent.program == null ? 8 : 0) | (agent.role == null ? 16 : 0);
}

/**
 * A copy of a string that shares no memory with the text it was cut from. A cell read from a
 * 256 KB chunk of the file can be a view into that chunk; kept for the whole import (an agent's
 * name), it would keep the whole chunk alive — every chunk in which a new agent appears, so memory
 * grew with the file. Only agents' first readings are copied, so the cost is per agent, not per row.
 */
function detach<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string' || text.length === 0) return text;
  // A JSON round trip builds a fresh string, exact even for lone surrogates.
  return JSON.parse(JSON.stringify(text)) as T;
}

/**
 * Agent indices by plain key (plainKeyHash), in an open-addressing table: a row's agent is found
 * where its id stands in the line, compared in place (startsWith), not cut out into a new string.
 */
class PlainKeyIndex {
  private hashes = new Int32Array(1024);
  /** The agent index in each slot; -1 for an empty one. */
  private indices = new Int32Array(1024).fill(-1);
  private keys: string[] = new Array<string>(1024);
  private count = 0;

  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.indices.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.indices[slot]!;
      if (index < 0) return -1;
      if (this.hashes[slot] === hash) {
        const key = this.keys[slot]!;
        if (key.length === end - start && text.startsWith(key, start)) return index;
      }
    }
  }

  add(key: string, hash: number, index: number): void {
    if ((this.count + 1) * 2 > this.indices.length) this.grow();
    this.place(key, hash, index);
    this.count += 1;
  }

  private place(key: string, hash: number, index: number): void {
    const mask = this.indices.length - 1;
    let slot = hash & mask;
    while (this.indices[slot]! >= 0) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.indices[slot] = index;
    this.keys[slot] = key;
  }

  private grow(): void {
    const { hashes, indices, keys } = this;
    this.hashes = new Int32Array(indices.length * 2);
    this.indices = new Int32Array(indices.length * 2).fill(-1);
    this.keys = new Array<string>(indices.length * 2);
    for (let slot = 0; slot < indices.length; slot += 1) if (indices[slot]! >= 0) this.place(keys[slot]!, hashes[slot]!, indices[slot]!);
  }
}

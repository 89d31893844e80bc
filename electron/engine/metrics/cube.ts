/**
 * The usage cube: what metrics read instead of raw sessions. It is derived from sessions, for
 * one business time zone, and rebuilt only for the local days an import or undo touched:
 *  - day_usage: per local day, every logged-in agent's sessions started, merged seconds and
 *    longest session starting (data), and longest overlapping session and session lengths
 *    (extra) — day-usage.ts;
 *  - concurrency_day: per UTC day, 1,440 per-minute levels — the highest number of distinct
 *    agents logged in at the same moment in each minute.
 * An agent's own overlapping sessions are merged first, so they count once.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { Connection } from '../db/connection';
import { readSetting, writeSetting } from '../settings';
import { int32Column } from './column';
import { DayUsageWriter } from './day-usage';

/** agent_id, start_ms, end_ms */
type SessionRow = [number, number, number];

const CUBE_ZONE_KEY = 'cube.timeZone';
const LONGEST_SESSION_KEY = 'sessions.longestMs';

/** Remembers the longest session ever stored, so range queries can bound their scan. */
export function noteLongestSession(db: Connection, lengthMs: number): void {
  const current = readSetting<number>(db, LONGEST_SESSION_KEY) ?? 0;
  if (lengthMs > current) writeSetting(db, LONGEST_SESSION_KEY, lengthMs);
}

/** The longest session ever stored (0 for none). */
export function longestSessionMs(db: Connection): number {
  return readSetting<number>(db, LONGEST_SESSION_KEY) ?? 0;
}

/**
 * The lowest start_ms a session overlapping an instant at or after `fromMs` can have. Sessions are
 * stored in start order (migration 100), so every query by time bounds start_ms from below with
 * this to read a range instead of the whole table.
 */
export function sessionStartFloor(db: Connection, fromMs: number): number {
  return startFloor(fromMs, longestSessionMs(db));
}

/** sessionStartFloor with the longest session already in hand. */
function startFloor(fromMs: number, longestMs: number): number {
  return fromMs - longestMs - 1;
}

/** First session start and last session end among all sessions, or null when there are none. */
export function storedSessionSpan(db: Connection): { lo: number; hi: number } | null {
  // Two statements: SQLite answers a lone MIN or MAX of the key from one end of the index, but
  // both in one SELECT scan the whole table (0.45 s for 4M sessions).
  const lo = db.prepare('SELECT MIN(start_ms) FROM session').pluck().get() as number | null;
  const lastStart = db.prepare('SELECT MAX(start_ms) FROM session').pluck().get() as number | null;
  if (lo === null || lastStart === null) return null;
  const hi = db.prepare('SELECT MAX(end_ms) FROM session WHERE start_ms >= ?').pluck().get(sessionStartFloor(db, lastStart)) as number;
  return { lo, hi };
}

export function cubeTimeZone(db: Connection): string | null {
  return readSetting<string>(db, CUBE_ZONE_KEY);
}

/**
 * Makes sure the cube is built for `timeZone`; rebuilds everything when the zone changed.
 * Returns true when it did rebuild everything, so a caller that just changed sessions need not
 * rebuild their days a second time (a first import into a new database would otherwise derive
 * the whole cube twice).
 */
export function ensureCube(db: Connection, timeZone: string): boolean {
  if (cubeTimeZone(db) === timeZone) return false;
  db.transaction(() => {
    db.exec('DELETE FROM day_usage; DELETE FROM concurrency_day;');
    const span = storedSessionSpan(db);
    if (span) rebuildCubeRange(db, new ZoneClock(timeZone), span.lo, span.hi);
    writeSetting(db, CUBE_ZONE_KEY, timeZone);
  })();
  return true;
}

/**
 * Whether the cube for the days around [fromMs, toMs] can be derived from new sessions alone:
 * the cube is kept in `timeZone`, or nothing is stored at all, and no stored session is near
 * enough to those days to count in them. Ask before the new sessions are inserted, with the
 * longest session they bring (`newLongestMs`) — or, when some were inserted already, with what
 * was noted before that (`early`, from noteEarlyInsert). A rebuild reads sessions starting from a
 * day before the first local day, less the longest session, up to a day after the last (the UTC
 * days at the edges): that is the range checked.
 */
export function cubeDerivableFromNewSessions(db: Connection, timeZone: string, fromMs: number, toMs: number, newLongestMs: number, early?: EarlyInsert): boolean {
  const empty = early ? early.emptyBefore : !anySessionStored(db);
  if (empty) return true;
  if (cubeTimeZone(db) !== timeZone) return false;
  const clock = new ZoneClock(timeZone);
  const lo = startFloor(clock.startOfDay(clock.localDay(fromMs)) - MS_PER_DAY, Math.max(longestSessionMs(db), newLongestMs));
  const hi = clock.startOfDay(clock.localDay(toMs) + 1) + MS_PER_DAY;
  if (!early) return !sessionStartsIn(db, lo, hi);
  // The sessions inserted early start in [firstStart, lastStart], which was checked before they were.
  return !early.storedWithin && !sessionStartsIn(db, lo, Math.min(hi, early.firstStart)) && !sessionStartsIn(db, Math.max(lo, early.lastStart + 1), hi);
}

/** What an import noted before inserting sessions that start in [firstStart, lastStart] ahead of the rest. */
export type EarlyInsert = { emptyBefore: boolean; firstStart: number; lastStart: number; storedWithin: boolean };

export function noteEarlyInsert(db: Connection, firstStart: number, lastStart: number): EarlyInsert {
  const emptyBefore = !anySessionStored(db);
  const storedWithin = !emptyBefore && sessionStartsIn(db, firstStart, lastStart + 1);
  return { emptyBefore, firstStart, lastStart, storedWithin };
}

/**
 * `early` widened to sessions starting in [firstStart, lastStart] that the import is about to insert
 * ahead of the check too (a later piece of a file read in parts). Only the stretches not covered yet
 * are asked about: what lies inside the range already noted is the import's own or was checked.
 */
export function extendEarlyInsert(db: Connection, early: EarlyInsert, firstStart: number, lastStart: number): EarlyInsert {
  let storedWithin = early.storedWithin;
  if (!early.emptyBefore && !storedWithin) {
    storedWithin =
      (firstStart < early.firstStart && sessionStartsIn(db, firstStart, early.firstStart)) || (lastStart > early.lastStart && sessionStartsIn(db, early.lastStart + 1, lastStart + 1));
  }
  return { emptyBefore: early.emptyBefore, firstStart: Math.min(early.firstStart, firstStart), lastStart: Math.max(early.lastStart, lastStart), storedWithin };
}

function anySessionStored(db: Connection): boolean {
  return db.prepare('SELECT start_ms FROM session LIMIT 1').get() !== undefined;
}

/** Whether a stored session starts in [fromMs, toMs). */
function sessionStartsIn(db: Connection, fromMs: number, toMs: number): boolean {
  return db.prepare('SELECT 1 FROM session WHERE start_ms >= ? AND start_ms < ? LIMIT 1').get(fromMs, toMs) !== undefined;
}

/**
 * Starts the cube afresh in `timeZone` for a database with no sessions (whatever an earlier zone
 * left is removed); the caller then rebuilds the days of the sessions it adds.
 */
export function startEmptyCube(db: Connection, timeZone: string): void {
  db.exec('DELETE FROM day_usage; DELETE FROM concurrency_day;');
  writeSetting(db, CUBE_ZONE_KEY, timeZone);
}

/**
 * Recomputes the cube for every local day that overlaps [fromMs, toMs]. Call inside the
 * transaction that changed the sessions, so the cube never disagrees with them. The sessions are
 * read from the session table (an import may derive its days from its staged sessions instead:
 * deriveCubeRange with StagedSlices).
 */
export function rebuildCubeRange(
  db: Connection,
  clock: ZoneClock,
  fromMs: number,
  toMs: number,
  options: { sliceSessions?: number } = {},
): void {
  const store = new CubeStore(db);
  deriveCubeRange(store, store, clock, fromMs, toMs, options.sliceSessions);
}

/**
 * The cube's rows for every local day that overlaps [fromMs, toMs] (and the UTC days they touch),
 * from `source`, written to `sink` — on whatever thread: an import may derive them on a worker
 * thread from its staged sessions while it inserts them (../import/cube-worker.ts).
 */
export function deriveCubeRange(sink: CubeSink, source: SliceSource, clock: ZoneClock, fromMs: number, toMs: number, sliceSessions = SLICE_SESSIONS): void {
  // In slices of local days holding about SLICE_SESSIONS sessions each, so memory follows the
  // slice, not the size of the import nor how many agents a day has: a fixed number of days
  // held ten times more sessions for a 50,000-agent center than for a 5,000-agent one. Each
  // slice's length comes from the sessions per day of the one before (counting the range first
  // cost a tenth of the rebuild), growing at most twofold, so a busier season ahead overshoots
  // the aim by at most that.
  const firstDay = clock.localDay(fromMs);
  const lastDay = clock.localDay(toMs);
  const scratch = new Scratch();
  let sliceDays = 1;
  for (let sliceFirst = firstDay; sliceFirst <= lastDay; ) {
    const sliceLast = Math.min(lastDay, sliceFirst + sliceDays - 1);
    const read = rebuildDays(sink, source, scratch, clock, sliceFirst, sliceLast);
    const perDay = read / (sliceLast - sliceFirst + 1);
    sliceFirst = sliceLast + 1;
    sliceDays = Math.max(1, Math.min(MAX_SLICE_DAYS, sliceDays * 2, Math.floor(sliceSessions / Math.max(1, perDay))));
  }
}

/** Writes derived cube rows into `db` (inside the caller's transaction). */
export function cubeSinkFor(db: Connection): CubeSink {
  return new CubeStore(db);
}

/** Where derived cube rows go, in order: the database (CubeStore), or messages to the thread that writes them. */
export type CubeSink = {
  deleteDays(firstDay: number, lastDay: number): void;
  insertDay(day: number, agents: number, started: number, data: Uint8Array, extra: Uint8Array): void;
  insertLevels(utcDay: number, levels: Uint8Array): void;
  deleteLevels(utcDay: number): void;
};

/**
 * Sessions per slice the cube rebuild aims for. Each slice also reads the sessions that started
 * up to the longest session before it and recomputes the UTC days at its edges, so small slices
 * repeat work: 160,000 rebuilt a 36,000-sessions-a-day center a third faster than 40,000, for
 * 5–30 MB more at the peak (the slice's columns are typed arrays, 20 bytes a session).
 */
const SLICE_SESSIONS = 160_000;
/**
 * Days per slice at most, whatever the sessions: a slice's working arrays (≈70 bytes a session
 * with the sort and the level changes) follow the sessions a day below the cap above. 8 instead
 * of 16 took the cube worker's arrays from 19 to 9 MB on the bench's 5,000-agent file (5 MB at
 * 1,250 agents), and the import's peak from 182 to 178 MB, at the same speed (docs/benchmarks.md,
 * seventh round).
 */
const MAX_SLICE_DAYS = 8;

/**
 * The local days around a slice by their start instants, so finding an instant's day is an index
 * step, not a zone lookup (per-hour offsets, fetched from Temporal at each new hour, were a
 * twentieth of the rebuild). Instants outside ask the clock.
 */
class SliceDays {
  /** starts[i]: the instant day first + i starts; one more than the days, for the last day's end. */
  private readonly starts: Float64Array;
  /**
   * hourDays[h]: the day (index into starts) the h-th hour from starts[0] begins in. An instant's
   * day is then that of its hour, or a later one when a day starts inside the hour (a zone whose
   * offset is not whole hours): a lookup and a comparison, where an estimate from the day's
   * length took a step back or forward about DST changes (a tenth of the cube's time).
   */
  private readonly hourDays: Int32Array;

  constructor(
    private readonly clock: ZoneClock,
    private readonly first: number,
    last: number,
  ) {
    this.starts = Float64Array.from({ length: last - first + 2 }, (_, i) => clock.startOfDay(first + i));
    const starts = this.starts;
    this.hourDays = new Int32Array(Math.ceil((starts[starts.length - 1]! - starts[0]!) / MS_PER_HOUR));
    // A day that does not exist (a zone skipping a date) starts where the next does and is stepped over.
    for (let h = 0, i = 0; h < this.hourDays.length; h += 1) {
      while (starts[i + 1]! <= starts[0]! + h * MS_PER_HOUR) i += 1;
      this.hourDays[h] = i;
    }
  }

  dayOf(epochMs: number): number {
    const starts = this.starts;
    if (!(epochMs >= starts[0]! && epochMs < starts[starts.length - 1]!)) return this.clock.localDay(epochMs);
    let i = this.hourDays[Math.floor((epochMs - starts[0]!) / MS_PER_HOUR)]!;
    while (starts[i + 1]! <= epochMs) i += 1;
    return this.first + i;
  }

  /** Whether the zone had this date (its start is not the next day's). */
  exists(day: number): boolean {
    return this.startOf(day) !== this.startOf(day + 1);
  }

  startOf(day: number): number {
    const i = day - this.first;
    return i >= 0 && i < this.starts.length ? this.starts[i]! : this.clock.startOfDay(day);
  }
}

/** Rebuilds the local days [firstDay, lastDay] and the UTC days they touch, completely; returns the sessions it read. */
function rebuildDays(sink: CubeSink, source: SliceSource, scratch: Scratch, clock: ZoneClock, firstDay: number, lastDay: number): number {
  // One day either side: the UTC days around the slice reach into them.
  const days = new SliceDays(clock, firstDay - 1, lastDay + 1);
  const localStart = days.startOf(firstDay);
  const localEnd = days.startOf(lastDay + 1);
  // Concurrency is kept per UTC day, so its range is widened to whole UTC days.
  const firstUtcDay = Math.floor(localStart / MS_PER_DAY);
  const lastUtcDay = Math.floor((localEnd - 1) / MS_PER_DAY);
  const rangeStart = Math.min(localStart, firstUtcDay * MS_PER_DAY);
  const rangeEnd = Math.max(localEnd, (lastUtcDay + 1) * MS_PER_DAY);
  const firstMinute = Math.floor(rangeStart / MS_PER_MINUTE);
  const minuteCount = Math.ceil((rangeEnd - rangeStart) / MS_PER_MINUTE);

  sink.deleteDays(firstDay, lastDay);

  const sessions = source.readSlice(rangeStart, rangeEnd);
  const order = groupByAgent(sessions.agents, scratch);
  // The slice's sessions copied into agent order once, so the walk below reads them in sequence
  // instead of jumping through `order` into three arrays for every field it reads.
  const count = order.length;
  const agentsInOrder = scratch.int32('agentsInOrder', count);
  const startsInOrder = scratch.float64('startsInOrder', count);
  const endsInOrder = scratch.float64('endsInOrder', count);
  for (let i = 0; i < count; i += 1) {
    const at = order[i]!;
    agentsInOrder[i] = sessions.agents[at]!;
    startsInOrder[i] = sessions.starts[at]!;
    endsInOrder[i] = sessions.ends[at]!;
  }

  // Level changes packed for minutePeaks (time × 2, plus 1 for an arrival): two per merged
  // session at most, so sized once.
  const levelChanges = scratch.float64('levelChanges', 2 * count + 2);
  let changeCount = 0;
  const dayCount = lastDay - firstDay + 1;
  const writers: Array<DayUsageWriter | undefined> = new Array(dayCount);
  const writerFor = (slot: number) => (writers[slot] ??= scratch.writer());
  // One agent's days at a time, indexed by day − firstDay; only the touched ones are reset.
  const starts = new Int32Array(dayCount);
  const ms = new Float64Array(dayCount);
  const longestStart = new Int32Array(dayCount);
  const longestOverlap = new Int32Array(dayCount);
  const touched = new Uint8Array(dayCount);
  const touchedDays = int32Column(dayCount);
  const touch = (slot: number) => {
    if (touched[slot] === 0) {
      touched[slot] = 1;
      touchedDays.push(slot);
    }
  };

  let k = 0;
  while (k < count) {
    const agentId = agentsInOrder[k]!;
    let mergedStart = Number.NaN;
    let mergedEnd = Number.NaN;
    const flush = () => {
      if (Number.isNaN(mergedStart)) return;
      const s = Math.max(mergedStart, rangeStart);
      const e = Math.min(mergedEnd, rangeEnd);
      if (e > s) {
        levelChanges[changeCount++] = s * 2 + 1;
        levelChanges[changeCount++] = e * 2;
        // Seconds by local day, for the days of this slice.
        let cursor = s;
        while (cursor < e) {
          const day = days.dayOf(cursor);
          const dayEnd = Math.min(e, days.startOf(day + 1));
          const slot = day - firstDay;
          if (slot >= 0 && slot < dayCount) {
            ms[slot]! += dayEnd - cursor;
            touch(slot);
          }
          cursor = dayEnd;
        }
      }
    };
    for (; k < count && agentsInOrder[k] === agentId; k += 1) {
      const startMs = startsInOrder[k]!;
      const endMs = endsInOrder[k]!;
      const lengthSeconds = Math.round((endMs - startMs) / 1000);
      const startDay = days.dayOf(startMs);
      if (startMs >= localStart && startMs < localEnd) {
        const slot = startDay - firstDay;
        starts[slot]! += 1;
        if (lengthSeconds > longestStart[slot]!) longestStart[slot] = lengthSeconds;
        // This agent's lengths for the day, in start order, ahead of the agent's entry.
        writerFor(slot).addLength(lengthSeconds);
        touch(slot);
      }
      const lastOverlapDay = Math.min(lastDay, days.dayOf(Math.max(startMs, endMs - 1)));
      for (let day = Math.max(firstDay, startDay); day <= lastOverlapDay; day += 1) {
        // A date the zone skipped (Samoa's 30 December 2011) is no day to be logged in on.
        if (day !== startDay && !days.exists(day)) continue;
        const slot = day - firstDay;
        if (lengthSeconds > longestOverlap[slot]!) longestOverlap[slot] = lengthSeconds;
        touch(slot);
      }
      if (!Number.isNaN(mergedStart) && startMs <= mergedEnd) {
        mergedEnd = Math.max(mergedEnd, endMs);
      } else {
        flush();
        mergedStart = startMs;
        mergedEnd = endMs;
      }
    }
    flush();
    for (const slot of touchedDays.view()) {
      writerFor(slot).add(agentId, starts[slot]!, Math.round(ms[slot]! / 1000), longestStart[slot]!, longestOverlap[slot]!);
      starts[slot] = 0;
      ms[slot] = 0;
      longestStart[slot] = 0;
      longestOverlap[slot] = 0;
      touched[slot] = 0;
    }
    touchedDays.length = 0;
  }

  writers.forEach((writer, slot) => {
    if (!writer) return;
    if (writer.agents > 0) {
      const { data, extra } = writer.encode();
      sink.insertDay(firstDay + slot, writer.agents, writer.started, data, extra);
    }
    scratch.release(writer);
  });

  const peaks = minutePeaks(levelChanges.subarray(0, changeCount), firstMinute, minuteCount, scratch);
  // A UTC day at a slice boundary is computed by both slices, each time from every session that
  // overlaps it: the second write replaces the first with the same levels.
  for (let utcDay = firstUtcDay; utcDay <= lastUtcDay; utcDay += 1) {
    const offset = utcDay * MINUTES_PER_DAY - firstMinute;
    const levels = peaks.subarray(offset, offset + MINUTES_PER_DAY);
    if (levels.some((level) => level > 0)) sink.insertLevels(utcDay, new Uint8Array(levels.buffer, levels.byteOffset, levels.byteLength));
    else sink.deleteLevels(utcDay);
  }
  return sessions.agents.length;
}

/** A slice's sessions as columns: agent id, start and end (ms), in start order. */
type SliceSessions = { agents: Int32Array; starts: Float64Array; ends: Float64Array };

/**
 * The working arrays of one rebuild, kept from slice to slice: a slice's arrays run to megabytes,
 * and allocated afresh per slice they piled up as garbage (V8 frees an array's memory with its
 * small JavaScript wrapper, only when a collection gets to it: on a thread that allocates little
 * else, not before 64 MB of them have accumulated — docs/benchmarks.md, sixth round). Each array
 * grows to the largest size asked for; what is handed out is a view of the size asked for, valid
 * until the same name is asked for again.
 */
class Scratch {
  private readonly int32s = new Map<string, Int32Array>();
  private readonly float64s = new Map<string, Float64Array>();
  private readonly writers: DayUsageWriter[] = [];

  int32(name: string, length: number, zeroed = false): Int32Array {
    let array = this.int32s.get(name);
    if (!array || array.length < length) this.int32s.set(name, (array = new Int32Array(grown(length))));
    const view = array.subarray(0, length);
    if (zeroed) view.fill(0);
    return view;
  }

  float64(name: string, length: number): Float64Array {
    let array = this.float64s.get(name);
    if (!array || array.length < length) this.float64s.set(name, (array = new Float64Array(grown(length))));
    return array.subarray(0, length);
  }

  /** An empty day writer, a released one when there is one. */
  writer(): DayUsageWriter {
    return this.writers.pop() ?? new DayUsageWriter();
  }

  release(writer: DayUsageWriter): void {
    writer.reset();
    this.writers.push(writer);
  }
}

/** Room for `length`, with a quarter more so a slowly growing size does not reallocate each slice. */
function grown(length: number): number {
  return Math.max(16, Math.ceil(length * 1.25));
}

/** Where a rebuild reads the sessions overlapping [rangeStart, rangeEnd), for slices in time order. */
export type SliceSource = { readSlice(rangeStart: number, rangeEnd: number): SliceSessions };

/** Sessions in blocks, as a stage reads them back: the first `count` entries of each column. */
export type SessionBlock = { count: number; agents: Int32Array; starts: Float64Array; ends: Float64Array };

/**
 * Slices from an import's own sessions, read back from its staging files
 * (../import/session-stage.ts) in file order, when the session table holds nothing else near the
 * days they touch (cubeDerivableFromNewSessions): the same sessions the table would give, without
 * reading back what the import just inserted (a third of the rebuild).
 *
 * The file need only be nearly in login order: no session more than `lateness` ms before one
 * staged ahead of it. Sessions are kept in (start, agent) order as they arrive — a late one is
 * moved back into place — and of several with the same agent and login the first staged is kept,
 * as the insert keeps it. Slices must be asked for in time order: a slice reads ahead until the
 * sessions arriving start `lateness` past its end, and lets go of those that can no longer
 * overlap a later slice.
 */
export class StagedSlices implements SliceSource {
  private agents = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  /** Buffered sessions are [head, tail), in (start, agent) order. */
  private head = 0;
  private tail = 0;
  private latestStart = -Infinity;
  /** The columns slices are handed out in (views, valid until the next slice). */
  private slice: SliceSessions = { agents: new Int32Array(0), starts: new Float64Array(0), ends: new Float64Array(0) };
  private readonly blocks: Iterator<SessionBlock>;
  private exhausted = false;

  constructor(
    blocks: Iterable<SessionBlock>,
    private readonly longestMs: number,
    private readonly lateness: number,
  ) {
    this.blocks = blocks[Symbol.iterator]();
  }

  readSlice(rangeStart: number, rangeEnd: number): SliceSessions {
    const floor = startFloor(rangeStart, this.longestMs);
    while (this.head < this.tail && this.starts[this.head]! < floor) this.head += 1;
    while (!this.exhausted && this.latestStart < rangeEnd + this.lateness) this.pull();
    let count = 0;
    for (let i = this.head; i < this.tail && this.starts[i]! < rangeEnd; i += 1) if (this.ends[i]! > rangeStart) count += 1;
    if (this.slice.agents.length < count) this.slice = { agents: new Int32Array(grown(count)), starts: new Float64Array(grown(count)), ends: new Float64Array(grown(count)) };
    const slice = { agents: this.slice.agents.subarray(0, count), starts: this.slice.starts.subarray(0, count), ends: this.slice.ends.subarray(0, count) };
    let n = 0;
    for (let i = this.head; i < this.tail && this.starts[i]! < rangeEnd; i += 1) {
      if (!(this.ends[i]! > rangeStart)) continue;
      slice.agents[n] = this.agents[i]!;
      slice.starts[n] = this.starts[i]!;
      slice.ends[n] = this.ends[i]!;
      n += 1;
    }
    return slice;
  }

  private pull(): void {
    const next = this.blocks.next();
    if (next.done) {
      this.exhausted = true;
      return;
    }
    const block = next.value;
    this.makeRoom(block.count);
    for (let r = 0; r < block.count; r += 1) this.add(block.agents[r]!, block.starts[r]!, block.ends[r]!);
  }

  /** Puts a session in its (start, agent) place; a copy of one already there (same start and agent) is dropped. */
  private add(agent: number, start: number, end: number): void {
    if (start > this.latestStart) this.latestStart = start;
    // In order (almost every session): appended. Late: moved back past those that sort after it,
    // found by binary search.
    const after = (i: number) => this.starts[i]! > start || (this.starts[i] === start && this.agents[i]! > agent);
    let at = this.tail;
    if (at > this.head && after(at - 1)) {
      let lo = this.head;
      let hi = at - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (after(mid)) hi = mid;
        else lo = mid + 1;
      }
      at = lo;
    }
    if (at > this.head && this.starts[at - 1] === start && this.agents[at - 1] === agent) return;
    if (at < this.tail) {
      this.agents.copyWithin(at + 1, at, this.tail);
      this.starts.copyWithin(at + 1, at, this.tail);
      this.ends.copyWithin(at + 1, at, this.tail);
    }
    this.agents[at] = agent;
    this.starts[at] = start;
    this.ends[at] = end;
    this.tail += 1;
  }

  /** Room for `count` more sessions after tail: the live ones moved to the front, the columns grown if need be. */
  private makeRoom(count: number): void {
    if (this.tail + count <= this.starts.length) return;
    const live = this.tail - this.head;
    const size = Math.max(this.starts.length, 2 ** Math.ceil(Math.log2(live + count)));
    const move = <A extends Int32Array | Float64Array>(column: A, make: (n: number) => A): A => {
      if (size === column.length) return column.copyWithin(0, this.head, this.tail) as A;
      const grown = make(size);
      grown.set(column.subarray(this.head, this.tail));
      return grown;
    };
    this.agents = move(this.agents, (n) => new Int32Array(n));
    this.starts = move(this.starts, (n) => new Float64Array(n));
    this.ends = move(this.ends, (n) => new Float64Array(n));
    this.head = 0;
    this.tail = live;
  }
}

/**
 * What a rebuild reads and writes, with its statements prepared once: preparing them per slice left
 * thousands of compiled statements for the garbage collector to find (native memory V8 does not
 * count), and a 40M-session rebuild grew by 120 MB.
 */
class CubeStore implements CubeSink, SliceSource {
  private readonly deleteDaysOf;
  private readonly insertDayOf;
  private readonly insertLevelsOf;
  private readonly deleteLevelsOf;
  readonly longestMs: number;
  /** Agent ids are below this power of two; null when length × it does not fit a double exactly. */
  private readonly agentSpan: number | null;
  private readonly startsOf;
  private readonly packedOf;
  private readonly rowsOf;

  constructor(db: Connection) {
    this.deleteDaysOf = db.prepare('DELETE FROM day_usage WHERE day >= ? AND day <= ?');
    this.insertDayOf = db.prepare('INSERT INTO day_usage (day, agents, started, data, extra) VALUES (?, ?, ?, ?, ?)');
    this.insertLevelsOf = db.prepare('INSERT OR REPLACE INTO concurrency_day (utc_day, levels) VALUES (?, ?)');
    this.deleteLevelsOf = db.prepare('DELETE FROM concurrency_day WHERE utc_day = ?');
    this.longestMs = longestSessionMs(db);
    const maxAgent = (db.prepare('SELECT MAX(id) FROM agent').pluck().get() as number | null) ?? 0;
    const span = 2 ** Math.ceil(Math.log2(maxAgent + 1));
    this.agentSpan = this.longestMs * span + span <= Number.MAX_SAFE_INTEGER ? span : null;
    const where = 'FROM session WHERE start_ms >= ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms, agent_id';
    this.startsOf = db.prepare(`SELECT start_ms ${where}`).pluck();
    this.packedOf = db.prepare(`SELECT (end_ms - start_ms) * ${this.agentSpan ?? 1} + agent_id ${where}`).pluck();
    this.rowsOf = db.prepare(`SELECT agent_id, start_ms, end_ms ${where}`).raw();
  }

  deleteDays(firstDay: number, lastDay: number): void {
    this.deleteDaysOf.run(firstDay, lastDay);
  }

  insertDay(day: number, agents: number, started: number, data: Uint8Array, extra: Uint8Array): void {
    this.insertDayOf.run(day, agents, started, blob(data), blob(extra));
  }

  insertLevels(utcDay: number, levels: Uint8Array): void {
    this.insertLevelsOf.run(utcDay, blob(levels));
  }

  deleteLevels(utcDay: number): void {
    this.deleteLevelsOf.run(utcDay);
  }

  /**
   * The sessions overlapping [rangeStart, rangeEnd), in the table's own start order: asking SQLite
   * for agent order would sort every slice; grouping by agent afterwards costs one pass.
   *
   * Reading rows is most of a rebuild, and most of that is better-sqlite3 making a JS array per
   * row. So, where it is exact (always, unless agent ids and the longest session are both huge),
   * the slice is read as two plain columns instead — the starts, and length × 2^k + agent id
   * packed in one double — twice the index walk but no row arrays (a third faster). Either way
   * the rows are copied at once into typed columns, so nothing row-sized is promoted with the slice.
   */
  readSlice(rangeStart: number, rangeEnd: number): SliceSessions {
    const params = [startFloor(rangeStart, this.longestMs), rangeEnd, rangeStart - 1];
    const span = this.agentSpan;
    if (span !== null) {
      const startList = this.startsOf.all(...params) as number[];
      const packed = this.packedOf.all(...params) as number[];
      const agents = new Int32Array(startList.length);
      const starts = Float64Array.from(startList);
      const ends = new Float64Array(startList.length);
      for (let i = 0; i < packed.length; i += 1) {
        const length = Math.floor(packed[i]! / span);
        agents[i] = packed[i]! - length * span;
        ends[i] = starts[i]! + length;
      }
      return { agents, starts, ends };
    }
    const rows = this.rowsOf.all(...params) as SessionRow[];
    const agents = new Int32Array(rows.length);
    const starts = new Float64Array(rows.length);
    const ends = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      agents[i] = row[0];
      starts[i] = row[1];
      ends[i] = row[2];
    }
    return { agents, starts, ends };
  }
}

/** Bytes as a Buffer (better-sqlite3 binds a Buffer as a blob), without copying them. */
function blob(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Indices of the sessions grouped by ascending agent id, each agent's in their original order (a
 * stable counting sort: agent ids are small integers, so this is one pass, not a comparison sort).
 */
export function groupByAgent(agents: Int32Array, scratch?: Scratch): Int32Array {
  let maxAgent = 0;
  for (const agent of agents) if (agent > maxAgent) maxAgent = agent;
  const firstSlot = scratch ? scratch.int32('firstSlot', maxAgent + 2, true) : new Int32Array(maxAgent + 2);
  for (const agent of agents) firstSlot[agent + 1]! += 1;
  for (let a = 1; a < firstSlot.length; a += 1) firstSlot[a]! += firstSlot[a - 1]!;
  const order = scratch ? scratch.int32('order', agents.length) : new Int32Array(agents.length);
  for (let i = 0; i < agents.length; i += 1) order[firstSlot[agents[i]!]!++] = i;
  return order;
}

const MINUTES_PER_DAY = 1440;

/**
 * Per-minute levels for the minutes [fromMinute, toMinute), read from the day blobs (minutes of
 * days with no row are zero).
 */
export function readMinuteLevels(db: Connection, fromMinute: number, toMinute: number): Int32Array {
  const levels = new Int32Array(Math.max(0, toMinute - fromMinute));
  if (levels.length === 0) return levels;
  const rows = db
    .prepare('SELECT utc_day, levels FROM concurrency_day WHERE utc_day >= ? AND utc_day <= ?')
    .all(Math.floor(fromMinute / MINUTES_PER_DAY), Math.floor((toMinute - 1) / MINUTES_PER_DAY)) as Array<{ utc_day: number; levels: Buffer }>;
  for (const row of rows) {
    const day = new Int32Array(row.levels.buffer.slice(row.levels.byteOffset, row.levels.byteOffset + row.levels.byteLength));
    const dayFirstMinute = row.utc_day * MINUTES_PER_DAY;
    const from = Math.max(fromMinute, dayFirstMinute);
    const to = Math.min(toMinute, dayFirstMinute + MINUTES_PER_DAY);
    if (to > from) levels.set(day.subarray(from - dayFirstMinute, to - dayFirstMinute), from - fromMinute);
  }
  return levels;
}

/**
 * Sweep line over +1/−1 level changes. Sessions are half-open [login, logout): a level only
 * counts if it lasts a positive time, so an agent leaving at 16:00 and another arriving at
 * 16:00 are never counted together, whatever order the two changes are applied in.
 *
 * Times are whole milliseconds and deltas +1 or −1, so each change is packed into one double
 * (time × 2, plus 1 for an arrival): in numeric order, departures come before arrivals at the
 * same instant. The changes are put in that order by minute first (a counting sort: a slice has
 * about ten changes a minute) and then within each minute, which took a third of the time a
 * native sort of the whole array took (docs/benchmarks.md, sixth round).
 */
export function minutePeaks(packedChanges: Float64Array, firstMinute: number, minuteCount: number, scratch?: Scratch): Int32Array {
  const packed = sortByMinute(packedChanges, firstMinute, minuteCount, scratch);
  const changeCount = packed.length;
  const peaks = scratch ? scratch.int32('peaks', minuteCount, true) : new Int32Array(minuteCount);
  let level = 0;
  // Each change's instant is the next one's `from`: halved once.
  let to = changeCount > 0 ? Math.floor(packed[0]! / 2) : 0;
  for (let n = 0; n < changeCount; n += 1) {
    const key = packed[n]!;
    const from = to;
    level += key - from * 2 === 1 ? 1 : -1;
    to = n + 1 < changeCount ? Math.floor(packed[n + 1]! / 2) : from;
    if (level <= 0 || to <= from) continue;
    const firstM = Math.max(0, Math.floor(from / MS_PER_MINUTE) - firstMinute);
    const lastM = Math.min(minuteCount - 1, Math.ceil(to / MS_PER_MINUTE) - 1 - firstMinute);
    for (let m = firstM; m <= lastM; m += 1) {
      if (peaks[m]! < level) peaks[m] = level;
    }
  }
  return peaks;
}

/** Above this many changes in one bucket, that bucket is sorted natively instead of by insertion. */
const INSERTION_SORT_MAX = 24;

/** Bucket widths a minute divides into evenly (ms), widest first: see sortByMinute. */
const BUCKET_MS = [60_000, 30_000, 20_000, 15_000, 10_000, 6_000, 5_000, 4_000, 3_000, 2_000, 1_000];

/**
 * Sorts packed level changes ascending: a counting sort on the minute — or on a part of a minute
 * when there are more changes than minutes, so a bucket holds about one (instants before the range
 * count as its first bucket, after it as its last) — then each bucket's few changes by insertion.
 * Whole minutes made a 36,000-sessions-a-day center's buckets hold dozens to thousands of
 * changes, each sorted natively: 5.7 s of a 40M-session cube (docs/benchmarks.md, seventh round).
 * Returns a sorted copy (in `scratch` when given, valid until its next use); `packed` is left as it was.
 */
export function sortByMinute(packed: Float64Array, firstMinute: number, minuteCount: number, scratch?: Scratch): Float64Array {
  const n = packed.length;
  const bucketMs = BUCKET_MS.find((ms) => (minuteCount * MS_PER_MINUTE) / ms >= n) ?? BUCKET_MS[BUCKET_MS.length - 1]!;
  const perMinute = MS_PER_MINUTE / bucketMs;
  const buckets = Math.max(1, minuteCount * perMinute + 1);
  const firstBucket = firstMinute * perMinute;
  // A packed key's bucket: floor(key / 2 / bucketMs) is the bucket of its instant (the +1 of an arrival never carries).
  const keysPerBucket = 2 * bucketMs;
  const next = scratch ? scratch.int32('next', buckets + 1, true) : new Int32Array(buckets + 1);
  // Each key's bucket, worked out once for both passes.
  const bucketsOf = scratch ? scratch.int32('bucketOf', n) : new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const bucket = Math.min(buckets - 1, Math.max(0, Math.floor(packed[i]! / keysPerBucket) - firstBucket));
    bucketsOf[i] = bucket;
    next[bucket + 1]! += 1;
  }
  for (let b = 1; b <= buckets; b += 1) next[b]! += next[b - 1]!;
  const bounds = scratch ? scratch.int32('bounds', buckets + 1) : new Int32Array(buckets + 1);
  bounds.set(next);
  const sorted = scratch ? scratch.float64('sorted', n) : new Float64Array(n);
  for (let i = 0; i < n; i += 1) sorted[next[bucketsOf[i]!]!++] = packed[i]!;
  for (let b = 0; b < buckets; b += 1) {
    const from = bounds[b]!;
    const to = bounds[b + 1]!;
    if (to - from > INSERTION_SORT_MAX) {
      sorted.subarray(from, to).sort();
      continue;
    }
    for (let i = from + 1; i < to; i += 1) {
      const key = sorted[i]!;
      let j = i - 1;
      while (j >= from && sorted[j]! > key) {
        sorted[j + 1] = sorted[j]!;
        j -= 1;
      }
      sorted[j + 1] = key;
    }
  }
  return sorted;
}

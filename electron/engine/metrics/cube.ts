/**
 * The usage cube: what metrics read instead of raw sessions. It is derived from sessions, for
 * one business time zone, and rebuilt only for the local days an import or undo touched:
 *  - day_usage: per local day, one blob with every logged-in agent's sessions started, merged
 *    seconds and session lengths (day-usage.ts);
 *  - concurrency_day: per UTC day, 1,440 per-minute levels — the highest number of distinct
 *    agents logged in at the same moment in each minute.
 * An agent's own overlapping sessions are merged first, so they count once.
 */
import { MS_PER_DAY, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { Connection } from '../db/connection';
import { readSetting, writeSetting } from '../settings';
import { encodeDayUsage, type DayEntry } from './day-usage';

/** agent_id, start_ms, end_ms */
type SessionRow = [number, number, number];

/** An agent's day while it is being built: milliseconds, converted to seconds when written. */
type DayAccumulator = {
  starts: number;
  ms: number;
  longestStart: number;
  longestOverlap: number;
  lengths: number[];
};

const CUBE_ZONE_KEY = 'cube.timeZone';
const LONGEST_SESSION_KEY = 'sessions.longestMs';

/** Remembers the longest session ever stored, so range queries can bound their scan. */
export function noteLongestSession(db: Connection, lengthMs: number): void {
  const current = readSetting<number>(db, LONGEST_SESSION_KEY) ?? 0;
  if (lengthMs > current) writeSetting(db, LONGEST_SESSION_KEY, lengthMs);
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
    const span = db.prepare('SELECT MIN(start_ms) AS lo, MAX(end_ms) AS hi FROM session').get() as {
      lo: number | null;
      hi: number | null;
    };
    if (span.lo !== null && span.hi !== null) rebuildCubeRange(db, new ZoneClock(timeZone), span.lo, span.hi);
    writeSetting(db, CUBE_ZONE_KEY, timeZone);
  })();
  return true;
}

/**
 * Recomputes the cube for every local day that overlaps [fromMs, toMs]. Call inside the
 * transaction that changed the sessions, so the cube never disagrees with them.
 */
export function rebuildCubeRange(db: Connection, clock: ZoneClock, fromMs: number, toMs: number): void {
  // In slices of local days, so memory follows the slice, not the size of the import.
  const firstDay = clock.localDay(fromMs);
  const lastDay = clock.localDay(toMs);
  for (let sliceFirst = firstDay; sliceFirst <= lastDay; sliceFirst += SLICE_DAYS) {
    rebuildDays(db, clock, sliceFirst, Math.min(lastDay, sliceFirst + SLICE_DAYS - 1));
  }
}

const SLICE_DAYS = 16;

/** Rebuilds the local days [firstDay, lastDay] and the UTC days they touch, completely. */
function rebuildDays(db: Connection, clock: ZoneClock, firstDay: number, lastDay: number): void {
  const localStart = clock.startOfDay(firstDay);
  const localEnd = clock.startOfDay(lastDay + 1);
  // Concurrency is kept per UTC day, so its range is widened to whole UTC days.
  const firstUtcDay = Math.floor(localStart / MS_PER_DAY);
  const lastUtcDay = Math.floor((localEnd - 1) / MS_PER_DAY);
  const rangeStart = Math.min(localStart, firstUtcDay * MS_PER_DAY);
  const rangeEnd = Math.max(localEnd, (lastUtcDay + 1) * MS_PER_DAY);
  const firstMinute = Math.floor(rangeStart / MS_PER_MINUTE);
  const minuteCount = Math.ceil((rangeEnd - rangeStart) / MS_PER_MINUTE);

  db.prepare('DELETE FROM day_usage WHERE day >= ? AND day <= ?').run(firstDay, lastDay);

  const longest = readSetting<number>(db, LONGEST_SESSION_KEY) ?? 0;
  // Raw rows (arrays, not objects with named keys): a slice holds tens of thousands of them.
  const sessions = db
    .prepare(
      `SELECT agent_id, start_ms, end_ms FROM session
       WHERE start_ms < ? AND start_ms >= ? AND end_ms > ?
       ORDER BY agent_id, start_ms`,
    )
    .raw()
    .all(rangeEnd, rangeStart - longest - 1, rangeStart - 1) as SessionRow[];

  const levelChanges: number[] = []; // flattened pairs: time, delta
  const entriesByDay = new Map<number, DayEntry[]>();

  let i = 0;
  while (i < sessions.length) {
    const agentId = sessions[i]![0];
    const days = new Map<number, DayAccumulator>();
    const dayEntry = (day: number) => {
      let entry = days.get(day);
      if (!entry) {
        entry = { starts: 0, ms: 0, longestStart: 0, longestOverlap: 0, lengths: [] };
        days.set(day, entry);
      }
      return entry;
    };
    let mergedStart = Number.NaN;
    let mergedEnd = Number.NaN;
    const flush = () => {
      if (Number.isNaN(mergedStart)) return;
      const s = Math.max(mergedStart, rangeStart);
      const e = Math.min(mergedEnd, rangeEnd);
      if (e > s) {
        levelChanges.push(s, 1, e, -1);
        addSecondsByDay(clock, s, e, dayEntry);
      }
    };
    for (; i < sessions.length && sessions[i]![0] === agentId; i += 1) {
      const [, startMs, endMs] = sessions[i]!;
      const lengthSeconds = Math.round((endMs - startMs) / 1000);
      const startDay = clock.localDay(startMs);
      if (startMs >= localStart && startMs < localEnd) {
        const entry = dayEntry(startDay);
        entry.starts += 1;
        entry.longestStart = Math.max(entry.longestStart, lengthSeconds);
        entry.lengths.push(lengthSeconds);
      }
      const lastOverlapDay = Math.min(lastDay, clock.localDay(Math.max(startMs, endMs - 1)));
      for (let day = Math.max(firstDay, startDay); day <= lastOverlapDay; day += 1) {
        const entry = dayEntry(day);
        entry.longestOverlap = Math.max(entry.longestOverlap, lengthSeconds);
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
    for (const [day, entry] of days) {
      if (day < firstDay || day > lastDay) continue;
      let list = entriesByDay.get(day);
      if (!list) entriesByDay.set(day, (list = []));
      list.push({
        agentId,
        starts: entry.starts,
        seconds: Math.round(entry.ms / 1000),
        longestStart: entry.longestStart,
        longestOverlap: entry.longestOverlap,
        lengths: entry.lengths,
      });
    }
  }

  const insertDay = db.prepare('INSERT INTO day_usage (day, agents, started, data) VALUES (?, ?, ?, ?)');
  for (const [day, entries] of entriesByDay) {
    insertDay.run(day, entries.length, entries.filter((e) => e.starts > 0).length, encodeDayUsage(entries));
  }

  const peaks = minutePeaks(levelChanges, firstMinute, minuteCount);
  // A UTC day at a slice boundary is computed by both slices, each time from every session that
  // overlaps it: the second write replaces the first with the same levels.
  const insertLevels = db.prepare('INSERT OR REPLACE INTO concurrency_day (utc_day, levels) VALUES (?, ?)');
  const deleteLevels = db.prepare('DELETE FROM concurrency_day WHERE utc_day = ?');
  for (let utcDay = firstUtcDay; utcDay <= lastUtcDay; utcDay += 1) {
    const offset = utcDay * MINUTES_PER_DAY - firstMinute;
    const levels = peaks.subarray(offset, offset + MINUTES_PER_DAY);
    if (levels.some((level) => level > 0)) insertLevels.run(utcDay, Buffer.from(levels.buffer, levels.byteOffset, levels.byteLength));
    else deleteLevels.run(utcDay);
  }
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

function addSecondsByDay(
  clock: ZoneClock,
  start: number,
  end: number,
  dayEntry: (day: number) => DayAccumulator,
): void {
  let cursor = start;
  while (cursor < end) {
    const day = clock.localDay(cursor);
    const dayEnd = Math.min(end, clock.startOfDay(day + 1));
    dayEntry(day).ms += dayEnd - cursor;
    cursor = dayEnd;
  }
}

/**
 * Sweep line over +1/−1 level changes. Sessions are half-open [login, logout): a level only
 * counts if it lasts a positive time, so an agent leaving at 16:00 and another arriving at
 * 16:00 are never counted together, whatever order the two changes are applied in.
 *
 * Times are whole milliseconds and deltas +1 or −1, so each change packs into one double
 * (time × 2, plus 1 for an arrival) and a native typed-array sort orders them — departures before
 * arrivals at the same instant — far faster than sorting indices with a comparator.
 */
export function minutePeaks(levelChanges: readonly number[], firstMinute: number, minuteCount: number): Int32Array {
  const changeCount = levelChanges.length / 2;
  const packed = new Float64Array(changeCount);
  for (let k = 0; k < changeCount; k += 1) {
    const delta = levelChanges[2 * k + 1]!;
    if (delta !== 1 && delta !== -1) throw new RangeError(`level changes are +1 or -1, not ${delta}`);
    packed[k] = levelChanges[2 * k]! * 2 + (delta > 0 ? 1 : 0);
  }
  packed.sort();
  const peaks = new Int32Array(minuteCount);
  let level = 0;
  for (let n = 0; n < changeCount; n += 1) {
    const key = packed[n]!;
    const from = Math.floor(key / 2);
    level += key - from * 2 === 1 ? 1 : -1;
    const to = n + 1 < changeCount ? Math.floor(packed[n + 1]! / 2) : from;
    if (level <= 0 || to <= from) continue;
    const firstM = Math.max(0, Math.floor(from / MS_PER_MINUTE) - firstMinute);
    const lastM = Math.min(minuteCount - 1, Math.ceil(to / MS_PER_MINUTE) - 1 - firstMinute);
    for (let m = firstM; m <= lastM; m += 1) {
      if (peaks[m]! < level) peaks[m] = level;
    }
  }
  return peaks;
}

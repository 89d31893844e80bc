/**
 * One local day of activity, stored as two blobs: for every agent logged in that day, the
 * sessions that started, the merged seconds and the longest session starting that day (`data`,
 * what every count reads), and the longest session overlapping the day and the lengths of the
 * sessions that started (`extra`, read only by the overlap activity basis and per-session hour
 * rounding). Metrics for a period read one row per day and count in typed arrays, instead of
 * reading a row per agent and day; keeping the rarely needed part apart means the usual query
 * reads about two thirds of the bytes (docs/benchmarks.md, third round).
 *
 * Layout (little-endian int32):
 *   data:  n, then n agent ids (ascending), n starts, n seconds, n longest-start seconds;
 *   extra: n longest-overlap seconds, then Σ starts session lengths in seconds.
 */
import type { ActivityDefinition } from '../../../shared/metrics/activity';
import { int32Column } from './column';

export type DayUsage = {
  agentIds: Int32Array;
  starts: Int32Array;
  seconds: Int32Array;
  longestStart: Int32Array;
  /** Present when the day was read with its extra blob. */
  longestOverlap?: Int32Array;
  /** Lengths of the sessions that started, grouped by entry in agent order (starts[i] each); with the extra blob only. */
  lengths?: Int32Array;
};

/**
 * Builds one day's blobs from entries appended in ascending agent order (the cube rebuild walks
 * agents in that order), without an object per entry: each field is a column.
 */
export class DayUsageWriter {
  private readonly agentIds = int32Column(64);
  private readonly starts = int32Column(64);
  private readonly seconds = int32Column(64);
  private readonly longestStart = int32Column(64);
  private readonly longestOverlap = int32Column(64);
  private readonly lengths = int32Column(64);
  /** Entries with at least one session starting that day. */
  started = 0;
  /** Where encode writes the blobs. */
  private dataRoom = new Int32Array(0);
  private extraRoom = new Int32Array(0);

  get agents(): number {
    return this.agentIds.length;
  }

  /** Empty again, keeping the columns' room: the rebuild reuses its writers slice after slice. */
  reset(): void {
    for (const column of [this.agentIds, this.starts, this.seconds, this.longestStart, this.longestOverlap, this.lengths]) column.clear();
    this.started = 0;
  }

  /** A session of the entry about to be added started that day and lasted `seconds`. */
  addLength(seconds: number): void {
    this.lengths.push(seconds);
  }

  /** One agent's day; its session lengths were given just before with addLength. */
  add(agentId: number, starts: number, seconds: number, longestStart: number, longestOverlap: number): void {
    const last = this.agentIds.length - 1;
    if (last >= 0 && this.agentIds.at(last) >= agentId) throw new RangeError(`day entries come in ascending agent order (${agentId} after ${this.agentIds.at(last)})`);
    this.agentIds.push(agentId);
    this.starts.push(starts);
    this.seconds.push(seconds);
    this.longestStart.push(longestStart);
    this.longestOverlap.push(longestOverlap);
    if (starts > 0) this.started += 1;
  }

  /**
   * The day's two blobs, written into room the writer keeps: views valid until the next encode.
   * Every sink copies them at once (SQLite binds blobs as transient; the cube worker's ring copies
   * them), and a day's blobs are tens to hundreds of kilobytes: fresh arrays for each of a
   * thousand days left that much garbage outside the heap, where V8 collects it late and a worker
   * thread's malloc arena kept it (docs/benchmarks.md, seventh round).
   */
  encode(): { data: Buffer; extra: Buffer } {
    const n = this.agentIds.length;
    const data = (this.dataRoom = roomFor(this.dataRoom, 1 + 4 * n));
    data[0] = n;
    data.set(this.agentIds.view(), 1);
    data.set(this.starts.view(), 1 + n);
    data.set(this.seconds.view(), 1 + 2 * n);
    data.set(this.longestStart.view(), 1 + 3 * n);
    const extraWords = n + this.lengths.length;
    const extra = (this.extraRoom = roomFor(this.extraRoom, extraWords));
    extra.set(this.longestOverlap.view(), 0);
    extra.set(this.lengths.view(), n);
    return {
      data: Buffer.from(data.buffer, 0, (1 + 4 * n) * 4),
      extra: Buffer.from(extra.buffer, 0, extraWords * 4),
    };
  }
}

/** `room`, or a bigger array (half as big again) when it holds fewer than `words`. */
function roomFor(room: Int32Array<ArrayBuffer>, words: number): Int32Array<ArrayBuffer> {
  return room.length >= words ? room : new Int32Array(Math.max(words, Math.ceil(room.length * 1.5)));
}

/** Int32 words of a blob: read in place when 4-byte aligned (a large blob has its own buffer), else copied. */
function words(blob: Uint8Array): Int32Array {
  // (The layout is little-endian, as are the machines Seatcast runs on: x64 and arm64.)
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  const copy = new Int32Array(blob.byteLength / 4);
  new Uint8Array(copy.buffer).set(blob);
  return copy;
}

export function decodeDayUsage(data: Uint8Array, extra?: Uint8Array): DayUsage {
  const core = words(data);
  const n = core[0]!;
  const usage: DayUsage = {
    agentIds: core.subarray(1, 1 + n),
    starts: core.subarray(1 + n, 1 + 2 * n),
    seconds: core.subarray(1 + 2 * n, 1 + 3 * n),
    longestStart: core.subarray(1 + 3 * n, 1 + 4 * n),
  };
  if (extra) {
    const more = words(extra);
    usage.longestOverlap = more.subarray(0, n);
    usage.lengths = more.subarray(n);
  }
  return usage;
}

/** Whether the definition's activity test needs the extra blob (the overlap basis reads the longest overlapping session). */
export function activityNeedsExtra(definition: ActivityDefinition): boolean {
  return definition.basis !== 'session-start';
}

/** The day_usage columns to select: the extra blob only when a reader needs it. */
export function dayUsageColumns(withExtra: boolean): string {
  return withExtra ? 'day, data, extra' : 'day, data';
}

/**
 * Whether entry i of a day counts as activity under the definition, as a function made once per
 * query: it runs for every agent of every day (tens of millions of times at scale). Under the
 * overlap basis the day must have been read with its extra blob (activityNeedsExtra).
 */
export function activityTest(definition: ActivityDefinition): (day: DayUsage, i: number) => boolean {
  const minSeconds = definition.minSessionMinutes * 60;
  return activityNeedsExtra(definition)
    ? (day, i) => day.longestOverlap![i]! >= minSeconds
    : (day, i) => day.starts[i]! > 0 && day.longestStart[i]! >= minSeconds;
}

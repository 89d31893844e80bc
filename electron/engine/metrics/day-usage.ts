/**
 * One local day of activity, stored as a single blob: for every agent logged in that day, the
 * sessions that started, the merged seconds, the longest session starting and overlapping the
 * day, and the lengths of the sessions that started. Metrics for a period read one row per day
 * and count in typed arrays, instead of reading a row per agent and day.
 *
 * Layout (little-endian int32): n, then n agent ids (ascending), n starts, n seconds,
 * n longest-start seconds, n longest-overlap seconds, then Σ starts session lengths in seconds.
 */
export type DayUsage = {
  agentIds: Int32Array;
  starts: Int32Array;
  seconds: Int32Array;
  longestStart: Int32Array;
  longestOverlap: Int32Array;
  /** Lengths of the sessions that started, grouped by entry in agent order (starts[i] each). */
  lengths: Int32Array;
};

export type DayEntry = {
  agentId: number;
  starts: number;
  seconds: number;
  longestStart: number;
  longestOverlap: number;
  lengths: number[];
};

export function encodeDayUsage(entries: readonly DayEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => a.agentId - b.agentId);
  const n = sorted.length;
  const lengthCount = sorted.reduce((sum, e) => sum + e.lengths.length, 0);
  const words = new Int32Array(1 + 5 * n + lengthCount);
  words[0] = n;
  let cursor = 1 + 5 * n;
  sorted.forEach((e, i) => {
    words[1 + i] = e.agentId;
    words[1 + n + i] = e.starts;
    words[1 + 2 * n + i] = e.seconds;
    words[1 + 3 * n + i] = e.longestStart;
    words[1 + 4 * n + i] = e.longestOverlap;
    for (const length of e.lengths) words[cursor++] = length;
  });
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

export function decodeDayUsage(blob: Uint8Array): DayUsage {
  // A blob at a 4-byte-aligned offset (a large one has its own buffer) is read in place; any
  // other is copied into an aligned buffer first. (The layout is little-endian, as are the
  // machines Seatcast runs on: x64 and arm64.)
  let words: Int32Array;
  if (blob.byteOffset % 4 === 0) {
    words = new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  } else {
    words = new Int32Array(blob.byteLength / 4);
    new Uint8Array(words.buffer).set(blob);
  }
  const n = words[0]!;
  return {
    agentIds: words.subarray(1, 1 + n),
    starts: words.subarray(1 + n, 1 + 2 * n),
    seconds: words.subarray(1 + 2 * n, 1 + 3 * n),
    longestStart: words.subarray(1 + 3 * n, 1 + 4 * n),
    longestOverlap: words.subarray(1 + 4 * n, 1 + 5 * n),
    lengths: words.subarray(1 + 5 * n),
  };
}

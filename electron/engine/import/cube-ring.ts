/**
 * The cube worker's rows, handed to the import's thread through one fixed SharedArrayBuffer: a
 * single-writer, single-reader ring of records. Nothing is allocated per row on either side — the
 * worker copies a day's bytes into the ring, the import binds a view of them into its statement
 * (SQLite copies them) and frees the space. Rows posted as messages instead left each batch's
 * buffers to the import thread's garbage collector, which waits for 64 MB of them, and to the
 * worker's malloc arena: the import's peak memory grew with the file (docs/benchmarks.md, seventh
 * round).
 *
 * Layout: `control` (Int32Array over its own SharedArrayBuffer) and `bytes` (the ring, a power of
 * two long). A record starts on an 8-byte boundary with a header of eight int32s
 * [kind, size in bytes including the header, a, b, c, d, e, 0] and is followed by its payload; a
 * record that would run past the end of the ring is preceded by a PAD word and starts again at 0.
 * `head` and `tail` count bytes written and freed (modulo 2^32).
 */
import type { CubeSink } from '../metrics/cube';

/** Words of `control`. */
const HEAD = 0;
const TAIL = 1;
/** Bumped (and notified) after every record and change of state: what the reader waits on. */
const SEQ = 2;
const STATE = 3;
/** Set by the reader when it no longer reads: a writer waiting for space gives up. */
const STOP = 4;
const CONTROL_WORDS = 8;

export const RingState = { NEW: 0, RUNNING: 1, DONE: 2, FAILED: 3 } as const;

const Kind = { PAD: 1, DELETE_DAYS: 2, DAY: 3, LEVELS: 4, NO_LEVELS: 5 } as const;
const HEADER_BYTES = 32;

/**
 * 8 MiB: a day of a 100,000-account center is a few hundred kilobytes, so the worker runs well
 * ahead of the insert; its memory is the same for every file.
 */
export const CUBE_RING_BYTES = 8 * 1024 * 1024;

/** What both threads hold: plain SharedArrayBuffers, passed to the worker in its workerData. */
export type CubeRing = { control: SharedArrayBuffer; bytes: SharedArrayBuffer };

export function createCubeRing(capacity = CUBE_RING_BYTES): CubeRing {
  if (capacity < 1024 || (capacity & (capacity - 1)) !== 0) throw new Error(`a ring of ${capacity} bytes: a power of two of at least 1 KiB is needed`);
  return { control: new SharedArrayBuffer(CONTROL_WORDS * 4), bytes: new SharedArrayBuffer(capacity) };
}

/** The writer stopped because the reader said so. */
export class RingStopped extends Error {}

const align8 = (n: number) => (n + 7) & ~7;

/** The worker's side: a CubeSink whose rows go into the ring, waiting for space when it is full. */
export class CubeRingWriter implements CubeSink {
  private readonly control: Int32Array;
  private readonly words: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly capacity: number;
  private head: number;

  /** `waitMs`: how long one wait for space lasts before the STOP word is looked at again. */
  constructor(ring: CubeRing, private readonly waitMs = 100) {
    this.control = new Int32Array(ring.control);
    this.words = new Int32Array(ring.bytes);
    this.bytes = new Uint8Array(ring.bytes);
    this.capacity = ring.bytes.byteLength;
    this.head = Atomics.load(this.control, HEAD) >>> 0;
  }

  setState(state: (typeof RingState)[keyof typeof RingState]): void {
    Atomics.store(this.control, STATE, state);
    this.bump();
  }

  deleteDays(firstDay: number, lastDay: number): void {
    this.write(Kind.DELETE_DAYS, firstDay, lastDay, 0, 0, 0);
  }

  insertDay(day: number, agents: number, started: number, data: Uint8Array, extra: Uint8Array): void {
    this.write(Kind.DAY, day, agents, started, data.byteLength, extra.byteLength, data, extra);
  }

  insertLevels(utcDay: number, levels: Uint8Array): void {
    this.write(Kind.LEVELS, utcDay, levels.byteLength, 0, 0, 0, levels);
  }

  deleteLevels(utcDay: number): void {
    this.write(Kind.NO_LEVELS, utcDay, 0, 0, 0, 0);
  }

  private write(kind: number, a: number, b: number, c: number, d: number, e: number, first?: Uint8Array, second?: Uint8Array): void {
    const size = align8(HEADER_BYTES + (first?.byteLength ?? 0) + (second?.byteLength ?? 0));
    // Half the ring at most, so a record and the padding before it always fit in an empty ring.
    if (size > this.capacity / 2) throw new Error(`a cube row of ${size} bytes does not fit the ${this.capacity}-byte ring`);
    let at = this.head & (this.capacity - 1);
    const toEnd = this.capacity - at;
    const needed = toEnd < size ? toEnd + size : size;
    this.waitForSpace(needed);
    if (toEnd < size) {
      this.words[at >> 2] = Kind.PAD;
      this.head = (this.head + toEnd) >>> 0;
      at = 0;
    }
    const w = at >> 2;
    this.words[w] = kind;
    this.words[w + 1] = size;
    this.words[w + 2] = a;
    this.words[w + 3] = b;
    this.words[w + 4] = c;
    this.words[w + 5] = d;
    this.words[w + 6] = e;
    this.words[w + 7] = 0;
    if (first) this.bytes.set(first, at + HEADER_BYTES);
    if (second) this.bytes.set(second, at + HEADER_BYTES + first!.byteLength);
    this.head = (this.head + size) >>> 0;
    // The store publishes the record's bytes: the reader loads HEAD before reading them.
    Atomics.store(this.control, HEAD, this.head | 0);
    this.bump();
  }

  private waitForSpace(needed: number): void {
    for (;;) {
      const tail = Atomics.load(this.control, TAIL);
      if (this.capacity - ((this.head - tail) >>> 0) >= needed) return;
      if (Atomics.load(this.control, STOP) !== 0) throw new RingStopped('the import stopped reading the cube');
      Atomics.wait(this.control, TAIL, tail, this.waitMs);
    }
  }

  private bump(): void {
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
  }
}

/** The import's side: applies the records that have arrived to `sink`, freeing their space. */
export class CubeRingReader {
  private readonly control: Int32Array;
  private readonly words: Int32Array;
  private readonly buffer: Buffer;
  private readonly capacity: number;
  private tail: number;

  constructor(ring: CubeRing, private readonly sink: CubeSink) {
    this.control = new Int32Array(ring.control);
    this.words = new Int32Array(ring.bytes);
    this.buffer = Buffer.from(ring.bytes);
    this.capacity = ring.bytes.byteLength;
    this.tail = Atomics.load(this.control, TAIL) >>> 0;
  }

  state(): number {
    return Atomics.load(this.control, STATE);
  }

  /** The change counter to wait on (waitForChange) after a drain that found nothing more. */
  sequence(): number {
    return Atomics.load(this.control, SEQ);
  }

  /** Waits up to `ms` for the writer to write or change state after `seen`; false when it timed out. */
  waitForChange(seen: number, ms: number): boolean {
    return Atomics.wait(this.control, SEQ, seen, ms) !== 'timed-out';
  }

  /** Applies every complete record written so far; returns how many. */
  drain(): number {
    let applied = 0;
    const head = Atomics.load(this.control, HEAD) >>> 0;
    while (this.tail !== head) {
      const at = this.tail & (this.capacity - 1);
      const w = at >> 2;
      const kind = this.words[w]!;
      if (kind === Kind.PAD) {
        this.tail = (this.tail + this.capacity - at) >>> 0;
        continue;
      }
      const size = this.words[w + 1]!;
      const a = this.words[w + 2]!;
      const b = this.words[w + 3]!;
      const payload = at + HEADER_BYTES;
      if (kind === Kind.DELETE_DAYS) this.sink.deleteDays(a, b);
      else if (kind === Kind.DAY) {
        const dataBytes = this.words[w + 5]!;
        const extraBytes = this.words[w + 6]!;
        this.sink.insertDay(a, b, this.words[w + 4]!, this.buffer.subarray(payload, payload + dataBytes), this.buffer.subarray(payload + dataBytes, payload + dataBytes + extraBytes));
      } else if (kind === Kind.LEVELS) this.sink.insertLevels(a, this.buffer.subarray(payload, payload + b));
      else if (kind === Kind.NO_LEVELS) this.sink.deleteLevels(a);
      else throw new Error(`the cube ring holds a record of unknown kind ${kind} at ${at}`);
      this.tail = (this.tail + size) >>> 0;
      // Freed as soon as applied: the sink copied the bytes (SQLite binds blobs as transient).
      Atomics.store(this.control, TAIL, this.tail | 0);
      Atomics.notify(this.control, TAIL);
      applied += 1;
    }
    return applied;
  }

  /** Tells a writer waiting for space to give up. */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, TAIL);
  }
}

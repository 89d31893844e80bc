/**
 * The ring the cube worker hands its rows through (electron/engine/import/cube-ring.ts): every
 * record comes out as it went in, in order, across wrap-arounds of a small ring; a row too big for
 * the ring is refused; a writer waiting for space gives up once the reader stops. The two sides
 * run on one thread here (batches sized to fit the free space); the built worker is exercised by
 * cube-from-stage.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCubeRing, CubeRingReader, CubeRingWriter, RingState, RingStopped } from '../../../electron/engine/import/cube-ring';
import type { CubeSink } from '../../../electron/engine/metrics/cube';

type Op =
  | { op: 'deleteDays'; firstDay: number; lastDay: number }
  | { op: 'day'; day: number; agents: number; started: number; data: number[]; extra: number[] }
  | { op: 'levels'; utcDay: number; levels: number[] }
  | { op: 'noLevels'; utcDay: number };

const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const payload = (max: number) => fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: max });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('deleteDays' as const), firstDay: int, lastDay: int }),
  fc.record({ op: fc.constant('day' as const), day: int, agents: fc.nat(), started: fc.nat(), data: payload(300), extra: payload(200) }),
  fc.record({ op: fc.constant('levels' as const), utcDay: int, levels: payload(480) }),
  fc.record({ op: fc.constant('noLevels' as const), utcDay: int }),
);

/** A sink that keeps copies (the ring's views are reused once drained). */
function recorder(): { sink: CubeSink; ops: Op[] } {
  const ops: Op[] = [];
  return {
    ops,
    sink: {
      deleteDays: (firstDay, lastDay) => ops.push({ op: 'deleteDays', firstDay, lastDay }),
      insertDay: (day, agents, started, data, extra) => ops.push({ op: 'day', day, agents, started, data: [...data], extra: [...extra] }),
      insertLevels: (utcDay, levels) => ops.push({ op: 'levels', utcDay, levels: [...levels] }),
      deleteLevels: (utcDay) => ops.push({ op: 'noLevels', utcDay }),
    },
  };
}

function send(writer: CubeSink, o: Op): void {
  if (o.op === 'deleteDays') writer.deleteDays(o.firstDay, o.lastDay);
  else if (o.op === 'day') writer.insertDay(o.day, o.agents, o.started, Uint8Array.from(o.data), Uint8Array.from(o.extra));
  else if (o.op === 'levels') writer.insertLevels(o.utcDay, Uint8Array.from(o.levels));
  else writer.deleteLevels(o.utcDay);
}

/** An upper bound of a record's room in the ring: header, payload, alignment, and padding before it. */
const room = (o: Op) => 2 * (32 + 8 + (o.op === 'day' ? o.data.length + o.extra.length : o.op === 'levels' ? o.levels.length : 0));

describe('the cube ring', () => {
  it('gives back every record in order, across wrap-arounds, drained at any point', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), (ops, drainAfter) => {
        const ring = createCubeRing(2048);
        const writer = new CubeRingWriter(ring);
        const { sink, ops: received } = recorder();
        const reader = new CubeRingReader(ring, sink);
        let pending = 0;
        ops.forEach((o, i) => {
          // One thread plays both sides, so the writer must never wait: drain before the ring could fill.
          if (pending + room(o) > 2048) {
            reader.drain();
            pending = 0;
          }
          send(writer, o);
          pending += room(o);
          if (drainAfter[i]) {
            reader.drain();
            pending = 0;
          }
        });
        reader.drain();
        expect(received).toEqual(ops);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the writer’s state and wakes a reader waiting for a change', () => {
    const ring = createCubeRing(1024);
    const writer = new CubeRingWriter(ring);
    const reader = new CubeRingReader(ring, recorder().sink);
    expect(reader.state()).toBe(RingState.NEW);
    const seen = reader.sequence();
    writer.setState(RingState.RUNNING);
    expect(reader.state()).toBe(RingState.RUNNING);
    // The counter moved on, so a wait for a change after `seen` returns at once.
    expect(reader.waitForChange(seen, 10_000)).toBe(true);
    expect(reader.waitForChange(reader.sequence(), 1)).toBe(false);
  });

  it('refuses a row bigger than half the ring, and stops waiting for space once the reader stops', () => {
    const ring = createCubeRing(1024);
    const writer = new CubeRingWriter(ring, 5);
    expect(() => writer.insertLevels(1, new Uint8Array(600))).toThrow(/does not fit the 1024-byte ring/);
    const reader = new CubeRingReader(ring, recorder().sink);
    writer.insertLevels(1, new Uint8Array(400));
    writer.insertLevels(2, new Uint8Array(400));
    reader.stop();
    expect(() => writer.insertLevels(3, new Uint8Array(400))).toThrow(RingStopped);
  });

  it('refuses a ring that is not a power of two long', () => {
    expect(() => createCubeRing(3000)).toThrow(/power of two/);
  });
});

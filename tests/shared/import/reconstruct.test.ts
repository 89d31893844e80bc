import { describe, expect, it } from 'vitest';
import { AgentTimeline, ItemKind, type BuiltSession, type TimelineItem } from '../../../shared/import/presets/reconstruct';
import { Boundary, SessionFlag } from '../../../shared/import/presets/types';

const H = 3_600_000;

function run(mode: 'points' | 'intervals', items: Array<Partial<TimelineItem> & { kind: TimelineItem['kind']; start: number }>, exportStart = 0, exportEnd = 24 * H) {
  const out: BuiltSession[] = [];
  const timeline = new AgentTimeline({ mode, exportStart, exportEnd, mergeGapMs: 1000, emit: (s) => out.push(s) });
  items.forEach((item, i) => timeline.push({ end: null, loggedIn: true, boundary: 0, line: i + 1, flags: 0, ...item }));
  timeline.reset();
  return out.map(({ start, end, flags }) => ({ start: start / H, end: end === null ? null : end / H, flags }));
}

describe('point events', () => {
  it('login … logout is a session; states in between do not end it, a logged-out state does', () => {
    expect(
      run('points', [
        { kind: ItemKind.LOGIN, start: 8 * H },
        { kind: ItemKind.STATE, start: 12 * H, loggedIn: true },
        { kind: ItemKind.STATE, start: 16 * H, loggedIn: false },
        { kind: ItemKind.LOGOUT, start: 16.1 * H, loggedIn: false },
      ]),
    ).toEqual([{ start: 8, end: 16, flags: 0 }]);
  });

  it('a second login without a logout ends the first at its last activity', () => {
    expect(
      run('points', [
        { kind: ItemKind.LOGIN, start: 8 * H },
        { kind: ItemKind.STATE, start: 10 * H, loggedIn: true },
        { kind: ItemKind.LOGIN, start: 20 * H },
        { kind: ItemKind.LOGOUT, start: 22 * H, loggedIn: false },
      ]),
    ).toEqual([
      { start: 8, end: 10, flags: SessionFlag.END_INFERRED },
      { start: 20, end: 22, flags: 0 },
    ]);
  });

  it('a logout first means the login was before the export; a session still open at the end stays open', () => {
    expect(run('points', [{ kind: ItemKind.LOGOUT, start: 3 * H, loggedIn: false }, { kind: ItemKind.STATE, start: 5 * H, loggedIn: true }], 1 * H)).toEqual([
      { start: 1, end: 3, flags: SessionFlag.START_CLIPPED },
      { start: 5, end: null, flags: 0 },
    ]);
  });

  it('a logout with nothing open after other events is ignored', () => {
    expect(run('points', [{ kind: ItemKind.STATE, start: 2 * H, loggedIn: false }, { kind: ItemKind.LOGOUT, start: 3 * H, loggedIn: false }])).toEqual([]);
  });
});

describe('state intervals', () => {
  it('touching logged-in intervals merge (within a second), logged-out ones separate', () => {
    expect(
      run('intervals', [
        { kind: ItemKind.INTERVAL, start: 8 * H, end: 12 * H },
        { kind: ItemKind.INTERVAL, start: 12 * H + 1000, end: 13 * H },
        { kind: ItemKind.INTERVAL, start: 13 * H, end: 14 * H, loggedIn: false },
        { kind: ItemKind.INTERVAL, start: 14 * H, end: 15 * H },
      ]),
    ).toEqual([
      { start: 8, end: 13, flags: 0 },
      { start: 14, end: 15, flags: 0 },
    ]);
  });

  it('duplicate and overlapping intervals are unioned; an open one stays open', () => {
    expect(
      run('intervals', [
        { kind: ItemKind.INTERVAL, start: 8 * H, end: 12 * H },
        { kind: ItemKind.INTERVAL, start: 8 * H, end: 12 * H },
        { kind: ItemKind.INTERVAL, start: 11 * H, end: null },
      ]),
    ).toEqual([{ start: 8, end: null, flags: 0 }]);
  });

  it('explicit boundaries: a new session marker splits touching intervals; no end marker leaves the last session open', () => {
    expect(
      run('intervals', [
        { kind: ItemKind.INTERVAL, start: 8 * H, end: 9 * H, boundary: Boundary.STARTS_SESSION },
        { kind: ItemKind.INTERVAL, start: 9 * H, end: 10 * H, boundary: Boundary.ENDS_SESSION },
        { kind: ItemKind.INTERVAL, start: 10 * H, end: 11 * H, boundary: Boundary.STARTS_SESSION },
        { kind: ItemKind.INTERVAL, start: 11 * H, end: 12 * H, boundary: Boundary.STARTS_SESSION },
        { kind: ItemKind.INTERVAL, start: 12 * H, end: 13 * H },
      ]),
    ).toEqual([
      { start: 8, end: 10, flags: 0 },
      { start: 10, end: 11, flags: SessionFlag.END_INFERRED },
      { start: 11, end: null, flags: 0 },
    ]);
  });
});

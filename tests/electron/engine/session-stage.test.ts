import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/engine-fixtures';
import { openDatabase } from '../../../electron/engine/db/connection';
import { SessionStage } from '../../../electron/engine/import/session-stage';
import { groupByAgent } from '../../../electron/engine/metrics/cube';

function databaseWithAgents(keys: string[]) {
  const db = openDatabase(':memory:');
  db.exec(`INSERT INTO import (id, file_name, sha256, format, time_zone, rows_read, sessions_added, duplicates, rejected, imported_at_ms)
           VALUES (1, 'a.csv', 'x', 'generic-csv', 'UTC', 0, 0, 0, 0, 0)`);
  const ids = keys.map((key) => Number(db.prepare('INSERT INTO agent (external_key) VALUES (?)').run(key).lastInsertRowid));
  return { db, ids };
}

/** Caps open sessions at `capEndMs`, commits into import `importId`, removes the stage; flag counts as an object. */
function commitStage(stage: SessionStage, capEndMs: number, importId: number, ids: readonly number[]) {
  stage.capOpenSessions(capEndMs, 2);
  const { added, flagCounts } = stage.commitInto(importId, ids);
  stage.drop();
  return { added, flags: Object.fromEntries(flagCounts) };
}

describe('SessionStage (staged sessions in a temporary file)', () => {
  it('commits in file order, first occurrence wins, and counts flags of the inserted rows only', () => {
    const { db, ids } = databaseWithAgents(['ana', 'ben']);
    const stage = new SessionStage(db);
    stage.push(0, 1000, 5000, 4, 2); // DST-resolved
    stage.push(1, 2000, 3000, 0, 3);
    stage.push(0, 1000, 9000, 0, 4); // same agent and login: a duplicate, dropped
    stage.push(1, 2000, 2000, 2, 5); // duplicate too: its zero-length flag must not be counted
    stage.push(1, 7000, null, 0, 6); // open at the export's end
    stage.push(0, 9500, null, 0, 7); // opens after the export's last timestamp: zero length
    stage.capOpenSessions(9000, 2);
    expect(stage.count).toBe(6);
    // Over every staged row, duplicates included (1000–9000): a bound, which is all it is used for.
    expect(stage.span()).toEqual({ first: 1000, last: 9500, longest: 8000 });
    const { added, flagCounts } = stage.commitInto(1, ids);
    expect(added).toBe(4);
    expect(Object.fromEntries(flagCounts)).toEqual({ 2: 1, 4: 1 });
    expect(db.prepare('SELECT agent_id, start_ms, end_ms, flags, source_line FROM session ORDER BY start_ms').raw().all()).toEqual([
      [ids[0], 1000, 5000, 4, 2],
      [ids[1], 2000, 3000, 0, 3],
      [ids[1], 7000, 9000, 0, 6],
      [ids[0], 9500, 9500, 2, 7],
    ]);
    expect(stage.agentsWithSessions(ids)).toEqual(ids);
    stage.drop();
    stage.drop();
    expect(() => stage.push(0, 1, 2, 0, 1)).not.toThrow(); // buffered; the file is gone
    db.close();
  });

  it('counts a flagged session only when it was the one kept: not over an earlier import, not twice from one line', () => {
    const { db, ids } = databaseWithAgents(['ana', 'ben']);
    db.exec(`INSERT INTO import (id, file_name, sha256, format, time_zone, rows_read, sessions_added, duplicates, rejected, imported_at_ms)
             VALUES (2, 'b.csv', 'y', 'generic-csv', 'UTC', 0, 0, 0, 0, 0)`);
    const earlier = new SessionStage(db);
    earlier.push(0, 1000, 2000, 4, 2);
    earlier.capOpenSessions(2000, 2);
    expect(Object.fromEntries(earlier.commitInto(1, ids).flagCounts)).toEqual({ 4: 1 }); // its own DST flag
    earlier.drop();

    const stage = new SessionStage(db);
    stage.push(0, 1000, 2000, 4, 2); // same key, line and flags as import 1's row: import 1 keeps it
    stage.push(1, 5000, 6000, 4, 3); // kept
    stage.push(1, 5000, 6000, 4, 3); // the same session again from the same line: counted once
    stage.push(1, 8000, 9000, 0, 4); // kept, unflagged
    stage.push(1, 8000, 9000, 2, 4); // same line and key, other flags: the unflagged one was kept
    expect(commitStage(stage, 9000, 2, ids)).toEqual({ added: 2, flags: { 4: 1 } });
    db.close();
  });

  it('counts one line’s repeated flagged session once when the copies fall in two insert statements', () => {
    const { db, ids } = databaseWithAgents(['ana']);
    const stage = new SessionStage(db);
    // The insert takes 2,000 rows per statement: rows 2,000 and 2,001 are the two copies.
    for (let i = 0; i < 1999; i += 1) stage.push(0, i * 60_000, i * 60_000 + 1000, 0, i + 2);
    stage.push(0, 5e9, 5e9 + 1000, 4, 9000);
    stage.push(0, 5e9, 5e9 + 1000, 4, 9000);
    stage.push(0, 6e9, 6e9 + 1000, 4, 9001);
    expect(commitStage(stage, 0, 1, ids)).toEqual({ added: 2001, flags: { 4: 2 } });
    db.close();
  });

  it('counts a repeated flagged session once when other sessions come between the copies (a one-line JSON export)', () => {
    const { db, ids } = databaseWithAgents(['ana', 'ben']);
    const stage = new SessionStage(db);
    // Every record of a minified JSON export is on line 1.
    stage.push(0, 1000, 1000, 2, 1);
    stage.push(1, 5000, 5000, 2, 1);
    stage.push(0, 1000, 1000, 2, 1);
    expect(commitStage(stage, 9000, 1, ids)).toEqual({ added: 2, flags: { 2: 2 } });
    db.close();
  });

  it('property: added and flag counts equal "first occurrence wins" over an earlier import and the stage', () => {
    // Few agents, starts and lines, so keys and whole rows repeat often; flags of 0–7 on most rows.
    const row = fc.record({
      agent: fc.integer({ min: 0, max: 2 }),
      start: fc.integer({ min: 0, max: 5 }).map((n) => n * 1000),
      length: fc.integer({ min: 0, max: 2 }).map((n) => n * 500),
      flags: fc.integer({ min: 0, max: 7 }),
      line: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      // plainBlock: the second insert statement's rows (2,000–3,999) carry no flags, so it is the
      // statement with flags written in, between statements that bind them.
      fc.property(fc.array(row, { maxLength: 6 }), fc.array(row, { minLength: 1, maxLength: 4500 }), fc.boolean(), (earlier, rows, plainBlock) => {
        const staged = plainBlock ? rows.map((r, i) => (i >= 2000 && i < 4000 ? { ...r, flags: 0 } : r)) : rows;
        const { db, ids } = databaseWithAgents(['a', 'b', 'c']);
        db.exec(`INSERT INTO import (id, file_name, sha256, format, time_zone, rows_read, sessions_added, duplicates, rejected, imported_at_ms)
                 VALUES (2, 'b.csv', 'y', 'generic-csv', 'UTC', 0, 0, 0, 0, 0)`);
        const stored = new Set<string>();
        const load = (importId: number, rows: typeof staged) => {
          const stage = new SessionStage(db);
          let added = 0;
          const expected = new Map<number, number>();
          for (const r of rows) {
            stage.push(r.agent, r.start, r.start + r.length, r.flags, r.line);
            const key = `${r.agent}:${r.start}`;
            if (stored.has(key)) continue;
            stored.add(key);
            added += 1;
            for (let bit = 1; bit <= 4; bit *= 2) if (r.flags & bit) expected.set(bit, (expected.get(bit) ?? 0) + 1);
          }
          stage.capOpenSessions(0, 2);
          const result = stage.commitInto(importId, ids);
          stage.drop();
          return { result, added, expected };
        };
        load(1, earlier);
        const { result, added, expected } = load(2, staged);
        db.close();
        expect(result.added).toBe(added);
        expect(Object.fromEntries(result.flagCounts)).toEqual(Object.fromEntries(expected));
      }),
      { numRuns: 60 },
    );
  });

  it('carries more rows than one block and one statement through the file unchanged', () => {
    const { db, ids } = databaseWithAgents(['a', 'b', 'c']);
    const stage = new SessionStage(db);
    const n = 20_003;
    for (let i = 0; i < n; i += 1) stage.push(i % 3, i * 60_000, i * 60_000 + 30_000, 0, i + 2);
    stage.capOpenSessions(0, 2);
    const { added } = stage.commitInto(1, ids);
    expect(added).toBe(n);
    const row = db.prepare('SELECT COUNT(*) AS n, SUM(source_line) AS lines, MAX(end_ms) AS last FROM session').get();
    expect(row).toEqual({ n, lines: (n * (n + 1)) / 2 + n, last: (n - 1) * 60_000 + 30_000 });
    stage.drop();
    db.close();
  });

  it('stores every row’s own line and flags whether a statement’s lines follow one another, skip, or come with flags', () => {
    const { db, ids } = databaseWithAgents(['a', 'b', 'c']);
    const stage = new SessionStage(db);
    // Three full statements and a partial one: lines in a run; a run with a skipped line (a
    // rejected row) in the second; a flagged row in the third; a run again in the last.
    const rows = Array.from({ length: 6_500 }, (_, i) => ({
      agent: i % 3,
      start: i * 60_000,
      flags: i === 4_321 ? 4 : 0,
      line: 2 + i + (i >= 2_500 ? 1 : 0) + (i >= 6_100 ? 7 : 0),
    }));
    for (const r of rows) stage.push(r.agent, r.start, r.start + 30_000, r.flags, r.line);
    stage.capOpenSessions(0, 2);
    const { added, flagCounts } = stage.commitInto(1, ids);
    expect(added).toBe(rows.length);
    expect(Object.fromEntries(flagCounts)).toEqual({ 4: 1 });
    const stored = db.prepare('SELECT agent_id, start_ms, flags, source_line FROM session ORDER BY start_ms').raw().all();
    expect(stored).toEqual(rows.map((r) => [ids[r.agent], r.start, r.flags, r.line]));
    stage.drop();
    db.close();
  });

  it('stores rows exactly on both sides of the packed statement’s limits: agent ids near 2^21, lengths near 2^32 ms', () => {
    const { db, ids: [small] } = databaseWithAgents(['a']);
    // Agents with ids at the edge of what a packed row holds.
    const below = 2 ** 21 - 1;
    const at = 2 ** 21;
    db.prepare('INSERT INTO agent (id, external_key) VALUES (?, ?), (?, ?)').run(below, 'below', at, 'at');
    const ids = [small!, below, at];
    const stage = new SessionStage(db);
    // Five full statements, each with one unusual row (at a different place) among ordinary ones:
    // a length one under the packed limit, at it, a year-long session, and the two agent ids (with
    // an odd length: past 2^53 a double holds only even numbers).
    const unusual: Array<{ agent: number; length: number }> = [
      { agent: 0, length: 2 ** 32 - 1 },
      { agent: 0, length: 2 ** 32 },
      { agent: 0, length: 300 * 86_400_000 },
      { agent: 1, length: 60_001 },
      { agent: 2, length: 60_001 },
    ];
    const rows: Array<{ agent: number; start: number; end: number }> = [];
    for (let s = 0; s < unusual.length; s += 1) {
      for (let k = 0; k < 2000; k += 1) {
        const start = Date.UTC(2024, 0, 1) + (s * 2000 + k) * 1000;
        const odd = k === 137 * (s + 1) ? unusual[s]! : null;
        rows.push({ agent: odd?.agent ?? 0, start, end: start + (odd?.length ?? 30_000 + k) });
      }
    }
    rows.forEach((r, i) => stage.push(r.agent, r.start, r.end, 0, i + 2));
    stage.capOpenSessions(0, 2);
    const { added } = stage.commitInto(1, ids);
    expect(added).toBe(rows.length);
    const stored = db.prepare('SELECT agent_id, start_ms, end_ms, source_line FROM session ORDER BY start_ms').raw().all();
    expect(stored).toEqual(rows.map((r, i) => [ids[r.agent], r.start, r.end, i + 2]));
    stage.drop();
    db.close();
  });

  it('stages beside the database with no name left behind, and a leftover from a killed import is swept at open', () => {
    const dir = tempDir();
    const path = join(dir, 'seatcast.db');
    const db = openDatabase(path);
    const stage = new SessionStage(db);
    stage.push(0, 1, 2, 0, 1);
    stage.flush();
    expect(readdirSync(dir).filter((name) => name.includes('staged-sessions'))).toEqual([]);
    stage.drop();
    db.close();
    // What a killed import leaves where a system keeps an open file's name.
    writeFileSync(join(dir, '.seatcast.db.staged-sessions-123-abc.bin'), 'x');
    writeFileSync(join(dir, 'unrelated.bin'), 'y');
    openDatabase(path).close();
    expect(readdirSync(dir).filter((name) => name.includes('.bin'))).toEqual(['unrelated.bin']);
  });

  it('groupByAgent orders sessions by agent id and keeps each agent’s sessions in their order', () => {
    const agents = Int32Array.from([7, 2, 7, 0, 2]);
    expect([...groupByAgent(agents)]).toEqual([3, 1, 4, 0, 2]);
    expect([...groupByAgent(new Int32Array(0))]).toEqual([]);
  });
});

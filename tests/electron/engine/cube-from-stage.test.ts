/**
 * An import whose file is (nearly) in login order, landing on days where nothing else is stored,
 * derives the cube from its own staged sessions instead of reading them back from the session
 * table (electron/engine/metrics/cube.ts StagedSlices). The cube must be byte for byte the one the
 * table gives: checked on random files with late rows, repeated logins (first wins), open
 * sessions and a DST night, read whole or in two parts, after an earlier import near those days
 * (then the table is read) or far from them.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../../electron/engine/db/connection';
import { inProcessPartReader, PART_WORKER_FILE } from '../../../electron/engine/import/file-part';
import { runImport, type ImportOptions } from '../../../electron/engine/import/pipeline';
import { cubeSinkFor, deriveCubeRange, noteLongestSession, rebuildCubeRange, StagedSlices, type SessionBlock } from '../../../electron/engine/metrics/cube';
import { ZoneClock } from '../../../shared/calendar';
import { repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let files = 0;
const BASE = Date.UTC(2024, 2, 9, 12); // the weekend of the US spring-forward night
const ZONE = 'America/New_York';

type Session = { agent: number; startMin: number; lengthMin: number | null };

const sessionArb = fc.record({
  agent: fc.integer({ min: 0, max: 6 }),
  // Few distinct starts over four days, so logins repeat (the first one in the file is kept).
  startMin: fc.integer({ min: 0, max: 120 }).map((n) => n * 47),
  lengthMin: fc.option(fc.integer({ min: 0, max: 900 }), { freq: 8 }),
});

/** Sessions sorted by login, then a few moved later in the file (at most `lateMin` minutes late). */
const fileArb = fc
  .record({
    sessions: fc.array(sessionArb, { minLength: 1, maxLength: 80 }),
    late: fc.array(fc.record({ from: fc.nat(), by: fc.integer({ min: 1, max: 6 }) }), { maxLength: 2 }),
  })
  .map(({ sessions, late }) => {
    const rows = [...sessions].sort((a, b) => a.startMin - b.startMin);
    for (const move of late) {
      const from = move.from % rows.length;
      const [row] = rows.splice(from, 1);
      rows.splice(Math.min(rows.length, from + move.by), 0, row!);
    }
    return rows;
  });

function render(rows: Session[], offsetMin: number): string {
  const at = (min: number) => new Date(BASE + (offsetMin + min) * 60_000).toISOString().slice(0, 19) + 'Z';
  const lines = ['agent_id,login,logout'];
  for (const row of rows) lines.push([`a${row.agent}`, at(row.startMin), row.lengthMin === null ? '' : at(row.startMin + row.lengthMin)].join(','));
  return lines.join('\n') + '\n';
}

function write(text: string): string {
  const path = join(dir, `stage-${(files += 1)}.csv`);
  writeFileSync(path, text);
  return path;
}

async function importFile(db: Connection, path: string, extra: Partial<ImportOptions>) {
  return runImport(db, { path, fileName: 'logins.csv', format: 'auto', timeZone: ZONE, cubeTimeZone: ZONE, ...extra });
}

function cube(db: Connection) {
  const all = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  return {
    days: all('SELECT day, agents, started, hex(data), hex(extra) FROM day_usage ORDER BY day'),
    levels: all('SELECT utc_day, hex(levels) FROM concurrency_day ORDER BY utc_day'),
  };
}

describe('the cube derived from an import’s staged sessions', () => {
  it('is byte for byte the cube read from the session table', async () => {
    const taken = { worker: 0, stage: 0, table: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.option(fileArb, { freq: 2 }),
        fileArb,
        fc.constantFrom(-3 * 24 * 60, 0, 30 * 24 * 60), // the earlier import: days before, the same days, weeks away
        fc.option(fc.nat(), { freq: 2 }),
        async (earlier, rows, offset, cut) => {
          const fromStage = openDatabase(':memory:');
          const fromTable = openDatabase(':memory:');
          if (earlier) {
            const path = write(render(earlier, offset));
            await importFile(fromStage, path, {});
            await importFile(fromTable, path, { cubeFromStage: false });
          }
          const text = render(rows, 0);
          const path = write(text);
          const starts = [...text.matchAll(/\n/g)].map((m) => m.index! + 1).filter((i) => i < text.length);
          const parts: ImportOptions['parts'] = cut === null ? 'whole' : { at: starts[cut % starts.length]!, reader: inProcessPartReader };
          const stageSummary = await importFile(fromStage, path, { parts, onCubeSource: (source) => (taken[source] += 1) });
          const tableSummary = await importFile(fromTable, path, { parts, cubeFromStage: false });
          expect(stageSummary).toEqual(tableSummary);
          expect(cube(fromStage)).toEqual(cube(fromTable));
          fromStage.close();
          fromTable.close();
        },
      ),
      { numRuns: 120 },
    );
    // Both ways were taken: the staged sessions (empty database, or the earlier import far away)
    // and the table (the earlier import on the same days, or rows more than six hours late).
    // About a third of the runs take the staged sessions.
    expect(taken.stage).toBeGreaterThan(15);
    expect(taken.table).toBeGreaterThan(5);
  });

  it('is the same when sessions arrive one at a time and the slices are a day long (late rows cross slice edges)', () => {
    fc.assert(
      fc.property(fileArb, (rows) => {
        const db = openDatabase(':memory:');
        for (let a = 0; a < 7; a += 1) db.prepare('INSERT INTO agent (external_key) VALUES (?)').run(`a${a}`);
        const sessions = rows.map((r) => ({ agent: r.agent + 1, start: BASE + r.startMin * 60_000, end: BASE + (r.startMin + (r.lengthMin ?? 0)) * 60_000 }));
        const insert = db.prepare('INSERT INTO session (start_ms, agent_id, end_ms, flags, import_id, source_line) VALUES (?, ?, ?, 0, 1, 1) ON CONFLICT DO NOTHING');
        let latest = -Infinity;
        let lateness = 0;
        for (const s of sessions) {
          insert.run(s.start, s.agent, s.end);
          lateness = Math.max(lateness, latest - s.start);
          latest = Math.max(latest, s.start);
        }
        const longest = Math.max(...sessions.map((s) => s.end - s.start));
        noteLongestSession(db, longest);
        const from = Math.min(...sessions.map((s) => s.start));
        const to = Math.max(...sessions.map((s) => s.end));
        const clock = new ZoneClock(ZONE);
        rebuildCubeRange(db, clock, from, to, { sliceSessions: 1 });
        const fromTable = cube(db);
        db.exec('DELETE FROM day_usage; DELETE FROM concurrency_day;');
        const blocks = sessions.map((s): SessionBlock => ({ count: 1, agents: Int32Array.of(s.agent), starts: Float64Array.of(s.start), ends: Float64Array.of(s.end) }));
        deriveCubeRange(cubeSinkFor(db), new StagedSlices(blocks, longest, lateness), clock, from, to, 1);
        expect(cube(db)).toEqual(fromTable);
        db.close();
      }),
      { numRuns: 200 },
    );
  });

  /** A file in login order but for a few late rows, with repeated logins and open sessions. */
  function workerFile(): string {
    const rows: Session[] = Array.from({ length: 3000 }, (_, i) => ({ agent: i % 7, startMin: i * 3, lengthMin: i % 97 === 0 ? null : 20 + (i % 300) }));
    rows.splice(1500, 0, rows[1490]!, rows[1440]!); // repeated logins, the second three hours late
    rows.splice(2000, 0, { agent: 3, startMin: 1990 * 3 - 40, lengthMin: 60 });
    return write(render(rows, 0));
  }

  async function cubeBothWays(path: string, extra: Partial<ImportOptions>) {
    const fromStage = openDatabase(':memory:');
    const fromTable = openDatabase(':memory:');
    const sources: string[] = [];
    await importFile(fromStage, path, { ...extra, onCubeSource: (source) => sources.push(source) });
    await importFile(fromTable, path, { cubeFromStage: false });
    const result = { stage: cube(fromStage), table: cube(fromTable), sources };
    fromStage.close();
    fromTable.close();
    return result;
  }

  const script = join(repoRoot, 'dist', 'cli', PART_WORKER_FILE);
  it.skipIf(!existsSync(script))('is the same derived on the built worker thread while the sessions are inserted (needs `npm run build`)', async () => {
    const { stage, table, sources } = await cubeBothWays(workerFile(), { cubeWorker: script });
    expect(sources).toEqual(['worker']);
    expect(stage.days.length).toBeGreaterThan(3);
    expect(stage).toEqual(table);
  });

  it('is derived on the import’s thread when the worker fails after writing some rows, and when it never starts', async () => {
    // A helper thread that, given the cube's task (on the port in its workerData:
    // electron/engine/import/helper-thread.ts), writes a wrong row for a day of the import, then
    // gives up. It writes the ring by hand (electron/engine/import/cube-ring.ts: control words
    // head, tail, seq, state; records of eight int32s [kind, size, a, b, c, d, e, 0] and a
    // payload, 8-byte aligned).
    const failing = join(dir, 'failing-worker.cjs');
    writeFileSync(
      failing,
      `const { workerData } = require('node:worker_threads');
       workerData.tasks.on('message', ({ task, job, ring }) => {
         if (task !== 'cube') throw new Error('expected the cube task');
         const control = new Int32Array(ring.control);
         const words = new Int32Array(ring.bytes);
         const bump = () => { Atomics.add(control, 2, 1); Atomics.notify(control, 2); };
         Atomics.store(control, 3, 1); bump();
         const day = Math.floor(job.fromMs / 86400000) + 1;
         words.set([3, 48, day, 1, 1, 8, 4, 0], 0);
         words.set([4, 32 + 5760, day, 5760, 0, 0, 0, 0], 12);
         Atomics.store(control, 0, 48 + 32 + 5760); bump();
         Atomics.store(control, 3, 3); bump();
         require('node:fs').writeFileSync(${JSON.stringify(`${join(dir, 'failing-worker.ran')}`)}, 'ran');
         workerData.tasks.close();
       });`,
    );
    const path = workerFile();
    const afterFailure = await cubeBothWays(path, { cubeWorker: failing });
    expect(existsSync(join(dir, 'failing-worker.ran'))).toBe(true);
    expect(afterFailure.sources).toEqual(['stage']);
    expect(afterFailure.stage).toEqual(afterFailure.table);
    // One that dies loading: it never says it started, and the import stops waiting for it.
    const broken = join(dir, 'broken-worker.cjs');
    writeFileSync(broken, `throw new Error('cannot start');`);
    const afterSilence = await cubeBothWays(path, { cubeWorker: broken });
    expect(afterSilence.stage).toEqual(afterSilence.table);
  }, 30_000);

  it('reads the table when the file is not in login order', async () => {
    const rows: Session[] = Array.from({ length: 200 }, (_, i) => ({ agent: i % 5, startMin: ((i * 7919) % 200) * 30, lengthMin: 20 }));
    const db = openDatabase(':memory:');
    const sources: string[] = [];
    await importFile(db, write(render(rows, 0)), { onCubeSource: (source) => sources.push(source) });
    expect(sources).toEqual(['table']);
    db.close();
  });
});

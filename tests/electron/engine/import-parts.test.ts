/**
 * Reading a file in two parts (electron/engine/import/file-part.ts) must leave the database exactly
 * as reading it whole does: same sessions with the same source lines, same first-wins duplicates,
 * same agents and attributes, same rejected rows and line numbers, same cube. Checked on random
 * files cut at every kind of line start — including inside a quoted value, where the import falls
 * back to reading the file whole — with the second part read on this thread, on the real worker
 * thread (the built bundle), and failing (the import then reads it itself).
 */
import { existsSync, fstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../../electron/engine/db/connection';
import { inProcessPartReader, PART_WORKER_FILE, workerPartReader, type PartJob, type PartReader } from '../../../electron/engine/import/file-part';
import { closeStagingFile, openStagingFile } from '../../../electron/engine/import/session-stage';
import { lentHelperThread } from '../../../electron/engine/import/helper-thread';
import { firstPartShare, ImportCancelled, runImport, type ImportOptions } from '../../../electron/engine/import/pipeline';
import { repoRoot, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let files = 0;

const AGENTS = ['A100', 'b-200', 'ana@example.com', 'agent 7', 'ops9'];
const NAMES = ['Zoë Brontë', 'Smith, John', 'O"Brien', 'Line\nBreak', 'Plain'];
const BASE = Date.UTC(2024, 2, 9, 12); // the weekend before the US spring-forward night

type Row =
  | { kind: 'session'; agent: number; named: boolean; team: boolean; startMin: number; lengthMin: number | null; naive: boolean }
  | { kind: 'bad' }
  | { kind: 'blank' };

const rowArb: fc.Arbitrary<Row> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('session' as const),
      agent: fc.integer({ min: 0, max: AGENTS.length - 1 }),
      named: fc.boolean(),
      team: fc.boolean(),
      // Few distinct starts, so the same agent and login recur (duplicates, across the cut too).
      startMin: fc.integer({ min: 0, max: 60 }).map((n) => n * 37),
      lengthMin: fc.option(fc.integer({ min: 0, max: 600 }), { freq: 6 }),
      naive: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bad' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);

function quoted(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** An ISO instant, or the same wall time without a zone (read in the import's zone, America/New_York). */
function stamp(ms: number, naive: boolean): string {
  const iso = new Date(ms).toISOString().slice(0, 19);
  return naive ? iso.replace('T', ' ') : `${iso}Z`;
}

function render(rows: Row[], eol: '\n' | '\r\n'): string {
  const lines = ['agent_id,agent_name,team,login,logout'];
  for (const row of rows) {
    if (row.kind === 'blank') lines.push('');
    else if (row.kind === 'bad') lines.push('A100,Plain,,not a date,2024-03-09T12:00:00Z');
    else {
      const start = BASE + row.startMin * 60_000;
      const end = row.lengthMin === null ? '' : stamp(start + row.lengthMin * 60_000, row.naive);
      lines.push([quoted(AGENTS[row.agent]!), row.named ? quoted(NAMES[row.agent]!) : '', row.team ? `Team ${row.agent}` : '', stamp(start, row.naive), end].join(','));
    }
  }
  return lines.join(eol) + eol;
}

/**
 * Byte offsets just after each newline but the last: every place a cut can fall; with
 * `betweenRecords`, only those outside quoted values (a cut inside one makes the import read the
 * file whole, and the part reader's work is thrown away).
 */
function lineStarts(bytes: Buffer, betweenRecords = false): number[] {
  const starts: number[] = [];
  let inQuotes = false;
  for (let i = 0; i < bytes.length - 1; i += 1) {
    if (bytes[i] === 0x22) inQuotes = !inQuotes;
    if (bytes[i] === 0x0a && !(betweenRecords && inQuotes)) starts.push(i + 1);
  }
  return starts;
}

function importInto(path: string, parts: ImportOptions['parts'], extra: Partial<ImportOptions> = {}) {
  const db = openDatabase(':memory:');
  const summary = runImport(db, { path, fileName: 'logins.csv', format: 'auto', timeZone: 'America/New_York', cubeTimeZone: 'America/New_York', parts, ...extra });
  return { db, summary };
}

/** Everything an import leaves behind, in a comparable form. */
function contents(db: Connection) {
  const all = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  return {
    imports: all('SELECT file_name, sha256, format, time_zone, options_json, rows_read, sessions_added, duplicates, rejected, span_start_ms, span_end_ms, columns_json FROM import'),
    agents: all('SELECT id, external_key, display_name, team, site, program, role FROM agent ORDER BY id'),
    sessions: all('SELECT start_ms, agent_id, end_ms, flags, import_id, source_line FROM session ORDER BY start_ms, agent_id'),
    rejects: all('SELECT line, field, message, cells_json FROM import_reject ORDER BY line'),
    days: all('SELECT day, agents, started, hex(data), hex(extra) FROM day_usage ORDER BY day'),
    levels: all('SELECT utc_day, hex(levels) FROM concurrency_day ORDER BY utc_day'),
  };
}

/** An import's summary, or the refusal it ended with. */
async function outcome(summary: ReturnType<typeof importInto>['summary']) {
  try {
    return await summary;
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/** Counts the parts a reader was given and read to the end. */
function counting(reader: PartReader) {
  const counts = { started: 0, read: 0, failures: [] as string[] };
  const counted: PartReader = (job, onProgress) => {
    counts.started += 1;
    const run = reader(job, onProgress);
    run.result.then(
      () => (counts.read += 1),
      (error: Error) => counts.failures.push(error.message),
    );
    return run;
  };
  return { counts, reader: counted };
}

async function both(path: string, reader: PartReader, at: number, more: { pieceStarts?: number[]; cubeWorker?: string } = {}) {
  const extra = more.cubeWorker ? { cubeWorker: more.cubeWorker } : {};
  const whole = importInto(path, 'whole', extra);
  const cut = importInto(path, { at, reader, ...(more.pieceStarts ? { pieceStarts: more.pieceStarts } : {}) }, extra);
  const [wholeSummary, cutSummary] = await Promise.all([outcome(whole.summary), outcome(cut.summary)]);
  const result = { whole: { summary: wholeSummary, db: contents(whole.db) }, cut: { summary: cutSummary, db: contents(cut.db) } };
  whole.db.close();
  cut.db.close();
  return result;
}

describe('the share of a file the import reads itself', () => {
  it('is 0.28 up to the bench’s 320 MB file, 0.22 from its 3.3 GB one, and falls in between', () => {
    expect(firstPartShare(40e6)).toBe(0.28);
    expect(firstPartShare(320e6)).toBeCloseTo(0.28, 10);
    expect(firstPartShare(3.3e9)).toBeCloseTo(0.22, 10);
    expect(firstPartShare(50e9)).toBeCloseTo(0.22, 10);
    const sizes = [400e6, 800e6, 1.6e9, 3.2e9];
    const shares = sizes.map(firstPartShare);
    for (let i = 1; i < shares.length; i += 1) expect(shares[i]!).toBeLessThan(shares[i - 1]!);
  });
});

describe('reading a file in two parts', () => {
  it('leaves the database exactly as reading it whole, wherever the cut falls', async () => {
    const { counts, reader } = counting(inProcessPartReader);
    let insideQuotes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 2, maxLength: 60 }), fc.constantFrom('\n' as const, '\r\n' as const), fc.nat(), async (rows, eol, pick) => {
        const bytes = Buffer.from(render(rows, eol), 'utf8');
        const path = join(dir, `parts-${(files += 1)}.csv`);
        writeFileSync(path, bytes);
        const starts = lineStarts(bytes);
        const at = starts[pick % starts.length]!;
        if (!lineStarts(bytes, true).includes(at)) insideQuotes += 1;
        const { whole, cut } = await both(path, reader, at);
        expect(cut.summary).toEqual(whole.summary);
        expect(cut.db).toEqual(whole.db);
      }),
      { numRuns: 150 },
    );
    // Most cuts fall between records (the second part read by the part reader), some inside a
    // quoted name (the import then reads the file whole): both ways were taken.
    expect(counts.read).toBeGreaterThan(75);
    expect(insideQuotes).toBeGreaterThan(0);
  });

  it('gives the second part its true line numbers (rejects after the cut name their own line)', async () => {
    const rows: Row[] = [
      { kind: 'session', agent: 0, named: true, team: false, startMin: 0, lengthMin: 30, naive: false },
      { kind: 'bad' },
      { kind: 'session', agent: 1, named: false, team: true, startMin: 5, lengthMin: 30, naive: false },
      { kind: 'session', agent: 3, named: true, team: true, startMin: 5, lengthMin: 30, naive: false },
      { kind: 'bad' },
    ];
    const bytes = Buffer.from(render(rows, '\n'), 'utf8');
    const path = join(dir, 'lines.csv');
    writeFileSync(path, bytes);
    // Cut after record 3 (header, a session, a bad row). Lines are record numbers: the name in
    // record 5 holds a line break inside its quotes, and the second bad row is still record 6.
    const at = lineStarts(bytes, true)[2]!;
    const { counts, reader } = counting(inProcessPartReader);
    const { cut } = await both(path, reader, at);
    expect(counts.read).toBe(1);
    expect('errors' in cut.summary && cut.summary.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(cut.db.rejects.map((r) => r[0])).toEqual([3, 6]);
    expect(cut.db.sessions.map((s) => s[5])).toEqual([2, 4, 5]);
  });

  it.each([
    ['in the first part', 5],
    ['in the second part', 35],
  ])('refuses a stray quote %s with the same words and line as a whole read', async (_where, at) => {
    const lines = ['agent_id,agent_name,login,logout'];
    for (let i = 0; i < 40; i += 1) lines.push(`a${i % 4},Name ${i},2024-03-0${1 + (i % 5)}T10:00:00Z,2024-03-0${1 + (i % 5)}T12:00:00Z`);
    lines[at] = `a1,"Unclosed name,2024-03-02T10:00:00Z,2024-03-02T12:00:00Z`;
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const path = join(dir, `stray-${at}.csv`);
    writeFileSync(path, bytes);
    const { whole, cut } = await both(path, inProcessPartReader, lineStarts(bytes)[20]!);
    expect(whole.summary).toEqual({ refused: expect.stringContaining(`line ${at + 1}: a quoted value opens here and is never closed`) });
    expect(cut.summary).toEqual(whole.summary);
    expect(cut.db).toEqual(whole.db);
  });

  it('reads the second part itself when the part cannot be read elsewhere', async () => {
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'session', agent: i % 5, named: i > 20, team: i % 3 === 0, startMin: i * 11, lengthMin: i % 7 === 0 ? null : 45, naive: i % 2 === 0 }));
    rows.splice(30, 0, { kind: 'bad' });
    const bytes = Buffer.from(render(rows, '\r\n'), 'utf8');
    const path = join(dir, 'fallback.csv');
    writeFileSync(path, bytes);
    const failing: PartReader = () => ({ result: Promise.reject(new Error('no worker today')), stop: () => Promise.resolve() });
    const { whole, cut } = await both(path, failing, lineStarts(bytes, true)[20]!);
    expect(cut.summary).toEqual(whole.summary);
    expect(cut.db).toEqual(whole.db);
  });

  /** A fixture cut at its middle line start, imported whole and cut. */
  async function fixtureBothWays(fixture: string) {
    const bytes = readFileSync(join(repoRoot, 'tests', 'fixtures', 'import', fixture));
    const path = join(dir, `fixture-${fixture}`);
    writeFileSync(path, bytes);
    const starts = lineStarts(bytes, true);
    expect(starts.length).toBeGreaterThan(2);
    const { counts, reader } = counting(inProcessPartReader);
    const { whole, cut } = await both(path, reader, starts[Math.floor(starts.length / 2)]!);
    expect('sessionsAdded' in cut.summary && cut.summary.sessionsAdded).toBeGreaterThan(0);
    expect(cut.summary).toEqual(whole.summary);
    expect(cut.db).toEqual(whole.db);
    return counts;
  }

  it.each(['five9-agent-login-logout.csv', 'amazon-connect-login-logout.csv', 'generic-logins-semicolon.csv'])(
    'reads a platform export of a row-independent format in two parts (%s)',
    async (fixture) => {
      expect((await fixtureBothWays(fixture)).read).toBe(1);
    },
  );

  it.each(['cisco-uccx-agent-login-logout.csv', 'nice-cxone-agent-state-log.csv', 'okta-system-log.json', 'amazon-connect-agent-events.ndjson'])(
    'reads a cut file of a format that is not row-independent on one thread, as one text (%s)',
    async (fixture) => {
      expect((await fixtureBothWays(fixture)).started).toBe(0);
    },
  );

  const script = join(repoRoot, 'dist', 'cli', PART_WORKER_FILE);
  it.skipIf(!existsSync(script))('reads the second part on the built worker thread (needs `npm run build`)', async () => {
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({ kind: 'session', agent: i % 5, named: i % 4 !== 0, team: i % 3 === 0, startMin: (i * 7) % 2000, lengthMin: i % 50 === 0 ? null : 30 + (i % 90), naive: i % 2 === 0 }));
    rows.splice(2500, 0, { kind: 'bad' }, { kind: 'blank' });
    const bytes = Buffer.from(render(rows, '\n'), 'utf8');
    const path = join(dir, 'worker.csv');
    writeFileSync(path, bytes);
    const { counts, reader } = counting(workerPartReader(script));
    const { whole, cut } = await both(path, reader, lineStarts(bytes, true)[1200]!);
    expect(counts.failures).toEqual([]);
    expect(counts.read).toBe(1);
    // The bad row, and naive times in the spring-forward gap that put a logout before its login.
    expect('errors' in cut.summary && cut.summary.errors.length).toBeGreaterThan(0);
    expect(cut.summary).toEqual(whole.summary);
    expect(cut.db).toEqual(whole.db);
  });

  it.skipIf(!existsSync(script))('reads the part and derives the cube of one import after another on a lent helper thread, which stays up for the next (needs `npm run build`)', async () => {
    // Started and lent as the command line's entry does (electron/cli/bin.ts): the import only
    // posts tasks on its port, and never ends it.
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(script, { workerData: { tasks: port1 }, transferList: [port1] });
    const helper = lentHelperThread(port2);
    const cubeWorkerWas = process.env.SEATCAST_IMPORT_CUBE_WORKER;
    process.env.SEATCAST_IMPORT_CUBE_WORKER = '1';
    try {
      for (const n of [1, 2]) {
        const rows: Row[] = Array.from({ length: 2000 }, (_, i) => ({ kind: 'session', agent: (i + n) % 5, named: true, team: i % 3 === 0, startMin: i * 3, lengthMin: 20 + (i % 40), naive: false }));
        const bytes = Buffer.from(render(rows, '\n'), 'utf8');
        const path = join(dir, `lent-${n}.csv`);
        writeFileSync(path, bytes);
        const { counts, reader } = counting(workerPartReader(helper));
        const sources: string[] = [];
        const whole = importInto(path, 'whole', { cubeWorker: null });
        const cut = importInto(path, { at: lineStarts(bytes, true)[700]!, reader }, { helper, onCubeSource: (source) => sources.push(source) });
        const [wholeSummary, cutSummary] = await Promise.all([whole.summary, cut.summary]);
        expect(counts).toEqual({ started: 1, read: 1, failures: [] });
        expect(sources).toEqual(['worker']);
        expect(cutSummary).toEqual(wholeSummary);
        expect(contents(cut.db)).toEqual(contents(whole.db));
        whole.db.close();
        cut.db.close();
      }
      // Still up: the imports left it to its owner.
      expect(await new Promise((resolve) => setTimeout(() => resolve(thread.threadId), 50))).toBeGreaterThan(0);
      let exited = false;
      thread.on('exit', () => (exited = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(exited).toBe(false);
    } finally {
      if (cubeWorkerWas === undefined) delete process.env.SEATCAST_IMPORT_CUBE_WORKER;
      else process.env.SEATCAST_IMPORT_CUBE_WORKER = cubeWorkerWas;
      await thread.terminate();
    }
  }, 60_000);

  it.skipIf(!existsSync(script))('stops a part mid-read on a lent helper only once it has answered, writing nothing after, and the helper reads the next part (needs `npm run build`)', async () => {
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(script, { workerData: { tasks: port1 }, transferList: [port1] });
    const helper = lentHelperThread(port2);
    const db = openDatabase(':memory:');
    try {
      const rows: Row[] = Array.from({ length: 60_000 }, (_, i) => ({ kind: 'session', agent: i % 5, named: false, team: true, startMin: i, lengthMin: 30, naive: false }));
      const bytes = Buffer.from(render(rows, '\n'), 'utf8');
      const path = join(dir, 'stopped.csv');
      writeFileSync(path, bytes);
      // The job the import gives a part, as it gives it (the part itself is failed: read whole).
      let job: PartJob | undefined;
      const capture: PartReader = (given) => {
        job = given;
        return { result: Promise.reject(new Error('not read here')), stop: () => Promise.resolve() };
      };
      await importInto(path, { at: lineStarts(bytes)[100]!, reader: capture }).summary;
      const staged = () => openStagingFile(db);
      const first = staged();
      let progress = 0;
      const run = workerPartReader(helper)({ ...job!, pieces: [{ ...job!.pieces[0]!, stagingFd: first.fd }] }, () => (progress += 1));
      while (progress < 2) await new Promise((resolve) => setTimeout(resolve, 1));
      await run.stop();
      // Its answer came before stop settled: the part was stopped, part-way.
      await expect(run.result).rejects.toThrow('the part was stopped');
      const written = fstatSync(first.fd).size;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fstatSync(first.fd).size).toBe(written);
      closeStagingFile(first);
      // The same thread reads the whole part next.
      const second = staged();
      const outcomes = await workerPartReader(helper)({ ...job!, pieces: [{ ...job!.pieces[0]!, stagingFd: second.fd }] }, () => undefined).result;
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]!.records).toBe(rows.length - 100);
      expect(fstatSync(second.fd).size).toBeGreaterThan(written);
      closeStagingFile(second);
    } finally {
      db.close();
      await thread.terminate();
    }
  }, 60_000);

  /**
   * A reader that counts how often the import waited for the part inside its transaction (it had
   * inserted the first part's sessions by then) and what the wait gave.
   */
  function waitCounting(reader: PartReader, wait?: () => null) {
    const waits = { taken: 0, notTaken: 0 };
    const counted: PartReader = (job, onProgress) => {
      const run = reader(job, onProgress);
      const waitSync = wait ?? run.waitSync;
      if (!waitSync) return run;
      return {
        ...run,
        waitSync: () => {
          const outcome = waitSync();
          if (outcome) waits.taken += 1;
          else waits.notTaken += 1;
          return outcome;
        },
      };
    };
    return { waits, reader: counted };
  }

  /** Like `both`, into databases that hold the same earlier import. */
  async function bothAfter(earlier: string | null, path: string, reader: PartReader, at: number, pieceStarts?: number[]) {
    const open = async () => {
      const db = openDatabase(':memory:');
      if (earlier) await runImport(db, { path: earlier, fileName: 'earlier.csv', format: 'auto', timeZone: 'America/New_York', cubeTimeZone: 'America/New_York', parts: 'whole' });
      return db;
    };
    const [wholeDb, cutDb] = [await open(), await open()];
    const sources: string[] = [];
    const run = (db: Connection, parts: ImportOptions['parts']) =>
      outcome(runImport(db, { path, fileName: 'logins.csv', format: 'auto', timeZone: 'America/New_York', cubeTimeZone: 'America/New_York', parts, onCubeSource: (source) => db === cutDb && sources.push(source) }));
    const [wholeSummary, cutSummary] = [await run(wholeDb, 'whole'), await run(cutDb, { at, reader, ...(pieceStarts ? { pieceStarts } : {}) })];
    const result = { whole: { summary: wholeSummary, db: contents(wholeDb) }, cut: { summary: cutSummary, db: contents(cutDb) }, sources };
    wholeDb.close();
    cutDb.close();
    return result;
  }

  it('rolls back the first part inserted while the second was read when the wait gives nothing, then reads on as usual', async () => {
    // The second part is read on this thread, so the wait inside the transaction cannot have it:
    // the import rolls back and takes the part once it is read (or reads it itself).
    const { waits, reader } = waitCounting(inProcessPartReader, () => null);
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 2, maxLength: 60 }), fc.nat(), async (rows, pick) => {
        const bytes = Buffer.from(render(rows, '\n'), 'utf8');
        const path = join(dir, `rollback-${(files += 1)}.csv`);
        writeFileSync(path, bytes);
        const starts = lineStarts(bytes, true);
        const { whole, cut } = await both(path, reader, starts[pick % starts.length]!);
        expect(cut.summary).toEqual(whole.summary);
        expect(cut.db).toEqual(whole.db);
      }),
      { numRuns: 80 },
    );
    expect(waits.notTaken).toBeGreaterThan(10);
  });

  it.skipIf(!existsSync(script))('inserts the first part while the built worker reads the second, and leaves the database as reading it whole (needs `npm run build`)', async () => {
    const { waits, reader } = waitCounting(workerPartReader(script));
    // Sessions that all have a logout before the cut (an open one in the first part waits for the
    // whole file: its end is the export's last timestamp), any after it.
    const closedRow = rowArb.map((row) => (row.kind === 'session' && row.lengthMin === null ? { ...row, lengthMin: 15 } : row));
    await fc.assert(
      fc.asyncProperty(fc.array(closedRow, { minLength: 2, maxLength: 40 }), fc.array(rowArb, { minLength: 1, maxLength: 40 }), async (first, second) => {
        const rows = [...first, ...second];
        const bytes = Buffer.from(render(rows, '\n'), 'utf8');
        const path = join(dir, `early-${(files += 1)}.csv`);
        writeFileSync(path, bytes);
        // The cut just before the first row of `second` (records are lines but for quoted line breaks).
        const at = lineStarts(bytes, true)[first.length]!;
        const { whole, cut } = await both(path, reader, at);
        expect(cut.summary).toEqual(whole.summary);
        expect(cut.db).toEqual(whole.db);
      }),
      { numRuns: 40 },
    );
    expect(waits.taken).toBeGreaterThan(10);
    expect(waits.notTaken).toBe(0);
  }, 60_000);

  it.skipIf(!existsSync(script))('derives the cube the same way after an earlier import, near the new sessions or not, with the first part inserted early (needs `npm run build`)', async () => {
    const session = (agent: number, startMin: number): Row => ({ kind: 'session', agent, named: true, team: agent % 2 === 0, startMin, lengthMin: 50, naive: false });
    const rows = Array.from({ length: 400 }, (_, i) => session(i % 5, 600 + i * 13));
    const bytes = Buffer.from(render(rows, '\n'), 'utf8');
    const path = join(dir, 'after-earlier.csv');
    writeFileSync(path, bytes);
    const at = lineStarts(bytes, true)[150]!;
    const earlierFile = (name: string, startMin: number) => {
      const file = join(dir, name);
      writeFileSync(file, render([session(1, startMin), session(3, startMin + 40)], '\n'));
      return file;
    };
    // Far before the new sessions; among the first part's; among the second part's.
    const cases = [
      { earlier: earlierFile('far.csv', -30 * 24 * 60), source: 'stage' },
      { earlier: earlierFile('in-first.csv', 600 + 50 * 13 + 3), source: 'table' },
      { earlier: earlierFile('in-second.csv', 600 + 300 * 13 + 3), source: 'table' },
      { earlier: null, source: 'stage' },
    ];
    const { waits, reader } = waitCounting(workerPartReader(script));
    for (const { earlier, source } of cases) {
      const { whole, cut, sources } = await bothAfter(earlier, path, reader, at);
      expect(sources).toEqual([source]);
      expect(cut.summary).toEqual(whole.summary);
      expect(cut.db).toEqual(whole.db);
    }
    expect(waits.taken).toBe(cases.length);
    // The same with the part in three pieces (each one's span added to what the check leaves out).
    const starts = lineStarts(bytes, true);
    for (const { earlier, source } of cases) {
      const { whole, cut, sources } = await bothAfter(earlier, path, reader, at, [starts[250]!, starts[320]!]);
      expect(sources).toEqual([source]);
      expect(cut.summary).toEqual(whole.summary);
      expect(cut.db).toEqual(whole.db);
    }
    expect(waits.taken).toBe(cases.length * 4);
    // The same file again: already imported, known from its digest before anything is inserted.
    const db = openDatabase(':memory:');
    const options: ImportOptions = { path, fileName: 'logins.csv', format: 'auto', timeZone: 'UTC', cubeTimeZone: 'UTC', parts: { at, reader } };
    await runImport(db, options);
    const again = await runImport(db, options);
    expect(again.alreadyImported).toBe(true);
    expect(waits.taken).toBe(cases.length * 4 + 1);
    db.close();
  }, 60_000);

  it.skipIf(!existsSync(script))('takes the second part between two statements of the first part\'s insert, wherever it falls, and leaves the database as reading it whole (needs `npm run build`)', async () => {
    // The first part: 7,000 sessions of three agents, so its insert runs several statements of
    // 2,000 rows. The second: two new agents, names for rows that had none, and sessions that
    // repeat ones from the first part (the first part's copy wins, however its insert was split).
    const session = (agent: number, startMin: number, lengthMin: number, named = true): Row => ({ kind: 'session', agent, named, team: agent === 1, startMin, lengthMin, naive: false });
    const first = Array.from({ length: 7000 }, (_, i) => session(i % 3, i * 2, 30 + (i % 11), i % 3 !== 2));
    const second = [...Array.from({ length: 1500 }, (_, i) => session(3 + (i % 2), 14_000 + i, 20)), session(2, 2 * 6998, 5), session(0, 2 * 30, 7), session(2, 2 * 4001, 9)];
    const bytes = Buffer.from(render([...first, ...second], '\n'), 'utf8');
    const path = join(dir, 'take-mid-insert.csv');
    writeFileSync(path, bytes);
    const at = lineStarts(bytes, true)[first.length]!;
    // The answer is made to look arrived after the n-th statement (takeSync then waits for it if need be).
    for (const statements of [1, 2, 3, 99]) {
      let asked = 0;
      const reader: PartReader = (job, onProgress) => {
        const run = workerPartReader(script)(job, onProgress);
        return { ...run, ready: () => (asked += 1) >= statements };
      };
      const { whole, cut } = await both(path, reader, at, { cubeWorker: script });
      // Asked after each full statement of the first part (three) until it says yes.
      expect(asked).toBe(Math.min(statements, 3));
      expect(cut).toEqual(whole);
      expect('duplicates' in cut.summary && cut.summary.duplicates).toBe(3);
    }
  }, 60_000);

  it.skipIf(!existsSync(script))('reads the second part in pieces on the built worker, wherever they start — inside a quoted value too — and leaves the database as reading it whole (needs `npm run build`)', async () => {
    const { waits, reader } = waitCounting(workerPartReader(script));
    const closedRow = rowArb.map((row) => (row.kind === 'session' && row.lengthMin === null ? { ...row, lengthMin: 15 } : row));
    await fc.assert(
      fc.asyncProperty(
        fc.array(closedRow, { minLength: 2, maxLength: 30 }),
        fc.array(rowArb, { minLength: 2, maxLength: 60 }),
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        async (first, second, picks) => {
          const bytes = Buffer.from(render([...first, ...second], '\n'), 'utf8');
          const path = join(dir, `pieces-${(files += 1)}.csv`);
          writeFileSync(path, bytes);
          const at = lineStarts(bytes, true)[first.length]!;
          // Any line start after the cut, inside a quoted value or not (a piece that ends inside
          // one fails, and the import reads from there on its own thread).
          const later = lineStarts(bytes).filter((start) => start > at);
          const pieceStarts = [...new Set(picks.map((pick) => later[pick % later.length]!))].sort((a, b) => a - b);
          const { whole, cut } = await both(path, reader, at, { pieceStarts });
          expect(cut).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
    // Pieces were taken inside the transaction, and some parts failed at a piece and were read here.
    expect(waits.taken).toBeGreaterThan(20);
    expect(waits.notTaken).toBeGreaterThan(0);
  }, 90_000);

  it.skipIf(!existsSync(script))('inserts each piece as it is taken, stops at an open session, and leaves the database as reading it whole (needs `npm run build`)', async () => {
    // A first part of 7,000 sessions (statements of 2,000 rows), then three pieces: new agents,
    // names for rows that had none, sessions repeating earlier ones (the earliest copy wins).
    const session = (agent: number, startMin: number, lengthMin: number | null, named = true): Row => ({ kind: 'session', agent, named, team: agent === 1, startMin, lengthMin, naive: false });
    const first = Array.from({ length: 7000 }, (_, i) => session(i % 3, i * 2, 30 + (i % 11), i % 3 !== 2));
    const piece = (from: number, open: boolean) => [
      ...Array.from({ length: 2500 }, (_, i) => session((i + from) % 5, from + i * 2, 20 + (i % 7))),
      session(2, 2 * 6998, 5),
      session(0, from, 9),
      ...(open ? [session(4, from + 6000, null)] : []),
    ];
    for (const openInSecondPiece of [false, true]) {
      const rows = [...first, ...piece(14_000, false), ...piece(20_000, openInSecondPiece), ...piece(26_000, false)];
      const bytes = Buffer.from(render(rows, '\n'), 'utf8');
      const path = join(dir, `pieces-insert-${openInSecondPiece}.csv`);
      writeFileSync(path, bytes);
      const starts = lineStarts(bytes, true);
      const at = starts[first.length]!;
      const pieceStarts = [starts[first.length + 2502]!, starts[first.length + 2 * 2502 + (openInSecondPiece ? 1 : 0)]!];
      for (const statements of [1, 3, 99]) {
        let asked = 0;
        const pieceReader: PartReader = (job, onProgress) => {
          const run = workerPartReader(script)(job, onProgress);
          // Each piece made to look read after the n-th statement since the last one was taken.
          return { ...run, ready: () => (asked += 1) % statements === 0 && run.ready!() };
        };
        const { whole, cut } = await both(path, pieceReader, at, { pieceStarts, cubeWorker: script });
        expect(cut).toEqual(whole);
        expect('duplicates' in cut.summary && cut.summary.duplicates).toBe(6);
      }
    }
  }, 90_000);

  it('cancels while the second part is read: nothing saved, no staging file left', async () => {
    // No names: a quoted one could put the cut inside quotes, and the file would be read whole.
    const rows: Row[] = Array.from({ length: 2000 }, (_, i) => ({ kind: 'session', agent: i % 5, named: false, team: true, startMin: i, lengthMin: 30, naive: false }));
    const bytes = Buffer.from(render(rows, '\n'), 'utf8');
    const workDir = tempDir();
    const path = join(workDir, 'cancel.csv');
    writeFileSync(path, bytes);
    const db = openDatabase(join(workDir, 'seatcast.db'));
    const controller = new AbortController();
    let stopped = false;
    // A part that never finishes: only the cancel ends the wait.
    const hanging: PartReader = () => {
      setTimeout(() => controller.abort(), 50);
      return {
        result: new Promise(() => undefined),
        stop: () => {
          stopped = true;
          // It never says it has stopped: its staging files stay open (rather than be closed under it).
          return new Promise<void>(() => undefined);
        },
      };
    };
    const run = runImport(db, {
      path,
      fileName: 'cancel.csv',
      format: 'auto',
      timeZone: 'UTC',
      cubeTimeZone: 'UTC',
      parts: { at: lineStarts(bytes)[1000]!, reader: hanging },
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
    expect(stopped).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM session').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM import').get()).toEqual({ n: 0 });
    expect(readdirSync(workDir).filter((name) => name.includes('staged'))).toEqual([]);
    db.close();
  });
});

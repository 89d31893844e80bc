// "Bad files get clear errors." Every file of the hostile-input corpus
// (tests/fixtures/hostile/make-hostile.mjs) is imported by the real CLI in its own child process
// under a V8 heap cap. Each must end, within 60 s and a memory bound, in either a clear refusal —
// naming the file, the reason and (where the problem sits on a line) the line — with the database
// content exactly as before, or a correct import whose counts add up. Never a crash, hang or
// partial import. SEATCAST_HOSTILE_HUGE_MB sizes the on-the-fly huge file (npm run test:hostile-long).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeHostileCorpus } from '../fixtures/hostile/make-hostile.mjs';
import { repoRoot, tempDir } from '../support/engine-fixtures';

type Case = { file: string; path: string | null; expect: 'refuse' | 'import' | 'rows' | 'either' | 'skip'; why: string; line?: boolean; sessions?: number; agents?: number };
type ImportJson = { file: string; status: string; rowsRead: number; sessionsAdded: number; duplicates: number; rejected: number; errors: Array<{ line: number; field?: string; message: string }> };

const dir = tempDir();
const cli = join(repoRoot, 'bin', 'seatcast.cjs');
const peakPreload = join(repoRoot, 'tests', 'security', 'peak-memory.cjs');
const hugeMiB = Number(process.env.SEATCAST_HOSTILE_HUGE_MB ?? 256);
const HEAP_CAP_MB = 512;
const RSS_BOUND_MIB = 768;
const TIME_LIMIT_MS = 60_000;
const seed = join(dir, 'seed.db');

/** Every row of every table, order-independent: "the database exactly as before". */
function contentDigest(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      rows.sort();
      hash.update(`${name}\n${rows.join('\n')}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

function runCli(args: string[], peakFile: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, '-r', peakPreload, cli, ...args], {
      env: { ...process.env, SEATCAST_PEAK_FILE: peakFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

let cases: Case[] = [];
let seedDigest = '';

beforeAll(async () => {
  cases = (await writeHostileCorpus(join(dir, 'corpus'), { hugeMiB })) as Case[];
  const seeded = await runCli(['import', join(repoRoot, 'tests', 'fixtures', 'e2e', 'small-import.csv'), '--db', seed, '--json'], join(dir, 'seed-peak.json'));
  expect(seeded.code, seeded.stderr).toBe(0);
  seedDigest = contentDigest(seed);
}, 120_000);

describe('hostile-input corpus', () => {
  it('has at least 40 hostile files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('every file: a clear refusal with the database untouched, or a correct import; in time and memory', async () => {
    const failures: string[] = [];
    const outcomes: string[] = [];
    for (const c of cases) {
      if (c.expect === 'skip' || c.path === null) {
        outcomes.push(`skip    ${c.file}: ${c.why}`);
        continue;
      }
      const db = join(dir, 'trial.db');
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      copyFileSync(seed, db);
      const peakFile = join(dir, 'peak.json');
      rmSync(peakFile, { force: true });
      const run = await runCli(['import', c.path, '--db', db, '--json'], peakFile);
      const fail = (why: string) => failures.push(`${c.file} (${c.why}): ${why}`);
      if (run.timedOut) {
        fail(`no answer within ${TIME_LIMIT_MS / 1000} s`);
        continue;
      }
      if (run.code !== 0 && run.code !== 2) {
        fail(`crashed (exit ${run.code}, signal ${run.signal}): ${run.stderr.slice(0, 400)}`);
        continue;
      }
      const peak = existsSync(peakFile) ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKiB: number }) : null;
      const rssMiB = peak ? Math.round(peak.maxRssKiB / 1024) : Number.NaN;
      if (!(rssMiB <= RSS_BOUND_MIB)) fail(`peak memory ${rssMiB} MiB is over the ${RSS_BOUND_MIB} MiB bound`);
      let result: ImportJson;
      try {
        result = (JSON.parse(run.stdout) as { imports: ImportJson[] }).imports[0]!;
      } catch {
        fail(`no JSON answer: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`);
        continue;
      }
      const refused = result.status === 'refused';
      const message = result.errors.map((e) => e.message).join(' | ');
      outcomes.push(`${result.status.padEnd(8)} ${c.file.padEnd(30)} ${String(run.ms).padStart(6)} ms ${String(rssMiB).padStart(4)} MiB  ${message.slice(0, 140)}`);

      if (refused) {
        if (c.expect === 'import') fail(`a valid file was refused: ${message}`);
        if (run.code !== 2) fail(`refused but exit code ${run.code}`);
        if (!message.includes(basename(c.path))) fail(`the refusal does not name the file: ${message}`);
        if (message.length < 15) fail(`the refusal gives no reason: ${message}`);
        if (c.line && !/\bline \d+/.test(message)) fail(`the refusal does not name a line: ${message}`);
        if (contentDigest(db) !== seedDigest) fail('refused, yet the database content changed');
        continue;
      }
      if (c.expect === 'refuse') {
        fail(`imported what must be refused (${result.sessionsAdded} sessions)`);
        continue;
      }
      if (run.code !== 0) fail(`imported but exit code ${run.code}`);
      // Never lose a row silently: every row read is a session, a duplicate or a listed rejection.
      if (result.sessionsAdded + result.duplicates + result.rejected !== result.rowsRead) {
        fail(`rows do not add up: read ${result.rowsRead} = ${result.sessionsAdded} added + ${result.duplicates} duplicates + ${result.rejected} rejected?`);
      }
      if (result.errors.some((e) => !(e.line >= 1) || e.message.length === 0)) fail(`a row error without a line or reason: ${JSON.stringify(result.errors.slice(0, 3))}`);
      if (c.expect === 'import') {
        if (result.rejected !== 0) fail(`a valid file had ${result.rejected} rows rejected: ${message}`);
        if (c.sessions !== undefined && result.sessionsAdded !== c.sessions) fail(`expected ${c.sessions} sessions, got ${result.sessionsAdded}`);
      }
      if (c.expect === 'rows' && result.rejected === 0) fail('the bad rows were neither rejected nor refused');
      const after = new Database(db, { readonly: true });
      try {
        expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
        if (c.agents !== undefined) {
          const n = (after.prepare("SELECT COUNT(*) AS n FROM agent WHERE external_key NOT LIKE 'A0%'").get() as { n: number }).n;
          if (n !== c.agents) fail(`expected ${c.agents} new agents, found ${n}`);
        }
      } finally {
        after.close();
      }
    }
    console.info(`hostile corpus (${cases.length} cases):\n${outcomes.join('\n')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);
});

#!/usr/bin/env node
// `npm run bench`: Seatcast against DuckDB on the same generated login export, in one run, as ratios.
//
//   npm run bench                        standard dataset: 5,000 agents × 3 years (≈4M rows, ≈320 MB)
//   npm run bench -- --quick             a ≈200k-row file of the same shape (smoke run, ~1 min)
//   SEATCAST_BENCH_ROWS=N npm run bench  a standard-shaped file of about N rows
//   SEATCAST_BENCH_SCALE=1 npm run bench also the scale dataset: 100k provisioned accounts, ≈40M
//                                        sessions (≈3.3 GB; SEATCAST_BENCH_SCALE_SESSIONS=N to size it)
//   --out DIR                            where data, databases and bench-result.json go
//                                        (default $TMPDIR/seatcast-bench, outside the repository)
//   --keep                               keep the databases after the run
//   --repeat N (SEATCAST_BENCH_REPEAT)   runs of each metrics step, the fastest reported (default 3)
//   --import-runs N                      runs of each system's import, alternated, the median
//     (SEATCAST_BENCH_IMPORT_RUNS)       reported (default 3): one run of a 3-second import moved by
//                                        ±5 % from run to run on the reference machine
//
// Every step runs as its own process under GNU time (`/usr/bin/time -f %M`, the Debian package
// `time`) so both systems' wall times include process start and their peak RSS is read the same
// way: Seatcast through its CLI, DuckDB through scripts/bench/duckdb-task.mjs with @duckdb/node-api
// (a dev dependency of this benchmark only). The CLI is bundled by scripts/build-node.mjs's own
// esbuild options, but into dist/bench/seatcast.cjs: a build or test running at the same time
// rewrites dist/cli/, and a benchmark must not switch engines half-way. The monthly numbers of
// both systems are compared; a disagreement is listed and makes the run exit 1. Unmet performance
// goals do not: this is a measurement, not a test (unit tests carry no timing assertions).

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetName, datasetParams, defaultOutDir, ensureDataset, estimatedBytes, freeBytes, ROWS_PER_AGENT, ZONE } from './generate.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(root, 'dist', 'bench', 'seatcast.cjs');
const DUCKDB_TASK = path.join(root, 'scripts', 'bench', 'duckdb-task.mjs');
const PRICING_TASK = path.join(root, 'dist', 'bench', 'pricing-task.cjs');
const PRICING_RUNS = 300;
const RULES = ['raw', 'cumulative:30', 'sustained:15', 'p95'];
const QUICK_ROWS = 200_000;

const GOALS = {
  importRatio: 1.0,
  importFirstBar: 2.0,
  metricsRatio: 0.1,
  importRssMb: 300,
  rssGrowth: 0.1,
  scaleMetricsMs: 1000,
  // issue #5: re-pricing 6 plans × 36 periods
  repricingMs: 16,
};

// -------------------------------------------------------------------------------------------------
// Options

function parseOptions(argv, env) {
  const options = { quick: false, out: defaultOutDir(), keep: false, rows: undefined, scale: env.SEATCAST_BENCH_SCALE === '1', scaleSessions: undefined, repeat: undefined, importRuns: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--quick') options.quick = true;
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--scale') options.scale = true;
    else if (flag === '--out') options.out = path.resolve(argv[++i] ?? '');
    else if (flag === '--repeat') options.repeat = Number(argv[++i]);
    else if (flag === '--import-runs') options.importRuns = Number(argv[++i]);
    else throw new Error(`unknown option ${flag} (see the header of scripts/bench/run.mjs)`);
  }
  const positive = (name) => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${value}"`);
    return n;
  };
  options.rows = positive('SEATCAST_BENCH_ROWS') ?? (options.quick ? QUICK_ROWS : undefined);
  options.scaleSessions = positive('SEATCAST_BENCH_SCALE_SESSIONS');
  options.repeat ??= positive('SEATCAST_BENCH_REPEAT') ?? 3;
  if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new Error('--repeat needs a positive whole number');
  options.importRuns ??= positive('SEATCAST_BENCH_IMPORT_RUNS') ?? 3;
  if (!Number.isInteger(options.importRuns) || options.importRuns < 1) throw new Error('--import-runs needs a positive whole number');
  return options;
}

// -------------------------------------------------------------------------------------------------
// Processes, timing and memory

const log = (line) => console.log(`· ${line}`);

/** GNU time at /usr/bin/time, installed with apt-get when missing and running as root. */
function ensureGnuTime() {
  const works = () => existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'true'], { encoding: 'utf8' }).status === 0;
  if (works()) return { available: true, note: 'peak RSS from GNU time (/usr/bin/time -f %M)' };
  if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get')) {
    log('installing GNU time (apt-get install -y time) to read peak RSS …');
    if (spawnSync('apt-get', ['install', '-y', 'time'], { stdio: 'ignore' }).status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore' });
      spawnSync('apt-get', ['install', '-y', 'time'], { stdio: 'ignore' });
    }
    if (works()) return { available: true, note: 'peak RSS from GNU time (/usr/bin/time -f %M), installed by this run' };
  }
  return { available: false, note: 'peak RSS unavailable: GNU time (/usr/bin/time) is missing and cannot be installed here (needs root and apt-get)' };
}

/**
 * Runs `node script args…` as a child process (under GNU time when available) and resolves with
 * its wall time (from spawn to exit, so including process start), peak RSS and output.
 */
function runNode(script, args, rss) {
  const rssFile = path.join(os.tmpdir(), `seatcast-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const command = rss.available ? '/usr/bin/time' : process.execPath;
  const commandArgs = rss.available ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, script, ...args] : [script, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let rssMb = null;
      let cpuSeconds = null;
      if (rss.available && existsSync(rssFile)) {
        const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        rssMb = Number.isFinite(kb) ? kb / 1024 : null;
        cpuSeconds = Number.isFinite(user + system) ? user + system : null;
        if (cpuSeconds !== null) childCpuSeconds += cpuSeconds;
        rmSync(rssFile, { force: true });
      }
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (code !== 0) {
        reject(new Error(`${path.relative(root, script)} ${args.join(' ')} exited ${code}:\n${err.slice(-3000)}`));
        return;
      }
      resolve({ ms, rssMb, cpuSeconds, stdout: out, stderr: err });
    });
  });
}

/**
 * CPU time the whole machine spent busy so far (Linux /proc/stat, in seconds), or null. Compared
 * with the CPU time of this run's own processes it tells how much other work shared the machine,
 * which skews every wall time here.
 */
function machineBusySeconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** CPU seconds of this run's children (from GNU time) and of this process. */
let childCpuSeconds = 0;

/**
 * DuckDB is the benchmark's own dependency (scripts/bench/package.json), installed into
 * scripts/bench/node_modules on first use; the app and `npm ci` never see it.
 */
function ensureDuckDb() {
  const benchDir = path.join(root, 'scripts', 'bench');
  const installed = path.join(benchDir, 'node_modules', '@duckdb', 'node-api', 'package.json');
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version;
  log('installing DuckDB for the benchmark (npm install --prefix scripts/bench) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', benchDir, '--no-package-lock', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(installed)) {
    throw new Error('could not install @duckdb/node-api into scripts/bench/node_modules (is the npm registry reachable?)');
  }
  return JSON.parse(readFileSync(installed, 'utf8')).version;
}

/** Bundles the CLI into dist/bench/seatcast.cjs with the options scripts/build-node.mjs uses. */
async function buildCli() {
  const { nodeBuildOptions, vendorBuildOptions } = await import('../build-node.mjs');
  const { build } = await import('esbuild');
  const cli = nodeBuildOptions().find((o) => o.outfile === path.join(root, 'dist', 'cli', 'seatcast.cjs'));
  if (!cli) throw new Error('scripts/build-node.mjs has no CLI entry (dist/cli/seatcast.cjs)');
  await build({ ...cli, outfile: CLI });
  // The worker scripts the CLI starts (a large import's second part) sit next to it, as in dist/cli.
  const cliDir = path.dirname(cli.outfile);
  const companions = nodeBuildOptions().filter((o) => path.dirname(o.outfile) === cliDir && o.outfile !== cli.outfile);
  await Promise.all(companions.map((o) => build({ ...o, outfile: path.join(path.dirname(CLI), path.basename(o.outfile)) })));
  // The libraries the CLI loads on demand (exceljs, pdf-lib) live next to it in vendor/.
  await Promise.all(vendorBuildOptions(CLI).map((options) => build(options)));
  // The pricing step: shared/pricing timed in-process (scripts/bench/pricing-task.ts).
  await build({ ...cli, entryPoints: [path.join(root, 'scripts', 'bench', 'pricing-task.ts')], outfile: PRICING_TASK });
}

/** Runs a step `times` times; the fastest run counts, the largest RSS is kept. */
async function fastestOf(times, runOnce) {
  const runs = [];
  for (let k = 0; k < times; k += 1) runs.push(await runOnce());
  return counted(runs, runs.reduce((best, run) => (run.ms < best.ms ? run : best)));
}

/** The run that counts, with the largest RSS of all the runs and every run's time. */
function counted(runs, chosen) {
  const rssValues = runs.map((r) => r.rssMb).filter((v) => v !== null);
  return { ...chosen, rssMb: rssValues.length ? Math.max(...rssValues) : null, allMs: runs.map((r) => Math.round(r.ms)) };
}

/** The run of median time (of an even count, the slower middle one); the largest RSS of all is kept. */
function medianRun(runs) {
  return counted(runs, [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]);
}

/** Reads a file once so that both systems find it in the page cache. */
async function warm(file) {
  for await (const _chunk of createReadStream(file, { highWaterMark: 4 << 20 }));
}

function removeDatabase(file) {
  for (const suffix of ['', '-wal', '-shm', '-journal', '.wal']) rmSync(`${file}${suffix}`, { force: true });
}

function fileSize(file) {
  let total = 0;
  for (const suffix of ['', '-wal', '.wal']) if (existsSync(`${file}${suffix}`)) total += statSync(`${file}${suffix}`).size;
  return total;
}

/** Page bytes per table of the Seatcast database (SQLite dbstat) and the cube's share. */
async function seatcastStorage(dbFile) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = Object.fromEntries(db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all().map((r) => [r.name, r.bytes]));
    const dayUsage = db.prepare('SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(data)), 0) AS payload FROM day_usage').get();
    const concurrency = db.prepare('SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(levels)), 0) AS payload FROM concurrency_day').get();
    const sqliteVersion = db.prepare('SELECT sqlite_version() AS v').get().v;
    return {
      sqliteVersion,
      fileBytes: fileSize(dbFile),
      cubeBytes: (tables.day_usage ?? 0) + (tables.concurrency_day ?? 0),
      cubePayloadBytes: dayUsage.payload + concurrency.payload,
      dayUsageRows: dayUsage.rows,
      concurrencyDayRows: concurrency.rows,
      sessionBytes: Object.entries(tables)
        .filter(([name]) => name === 'session' || name.startsWith('session_') || name === 'sqlite_autoindex_session_1')
        .reduce((sum, [, bytes]) => sum + bytes, 0),
    };
  } finally {
    db.close();
  }
}

// -------------------------------------------------------------------------------------------------
// Measuring one dataset

async function measure(dataset, workDir, rss, repeat, importRuns) {
  mkdirSync(workDir, { recursive: true });
  const seatcastDb = path.join(workDir, 'seatcast.db');
  const duckDb = path.join(workDir, 'duckdb.duckdb');
  removeDatabase(seatcastDb);
  removeDatabase(duckDb);
  await warm(dataset.csv);

  // The two imports alternate, so a slow spell of the machine falls on both alike; each run starts
  // from no database.
  const sRuns = [];
  const dRuns = [];
  let sSummary = null;
  let dSummary = null;
  for (let k = 1; k <= importRuns; k += 1) {
    log(`Seatcast import of ${path.basename(dataset.dir)} (run ${k} of ${importRuns}) …`);
    removeDatabase(seatcastDb);
    const sRun = await runNode(CLI, ['import', dataset.csv, '--db', seatcastDb, '--json'], rss);
    sSummary = JSON.parse(sRun.stdout).imports[0];
    if (sSummary.status !== 'imported') throw new Error(`Seatcast did not import ${dataset.csv}: ${JSON.stringify(sSummary.errors)}`);
    log(`  ${seconds(sRun.ms)}, ${mb(sRun.rssMb)} peak RSS, ${sSummary.sessionsAdded.toLocaleString('en-US')} sessions`);
    sRuns.push(sRun);
    log(`DuckDB import (read_csv into a table; run ${k} of ${importRuns}) …`);
    removeDatabase(duckDb);
    const dRun = await runNode(DUCKDB_TASK, ['import', dataset.csv, duckDb], rss);
    dSummary = JSON.parse(dRun.stdout);
    log(`  ${seconds(dRun.ms)}, ${mb(dRun.rssMb)} peak RSS, ${dSummary.rows.toLocaleString('en-US')} rows`);
    dRuns.push(dRun);
  }
  const sImport = medianRun(sRuns);
  const dImport = medianRun(dRuns);
  if (importRuns > 1) log(`imports, median of ${importRuns}: Seatcast ${seconds(sImport.ms)} (runs: ${sImport.allMs.join(', ')} ms), DuckDB ${seconds(dImport.ms)} (runs: ${dImport.allMs.join(', ')} ms)`);

  // The provisioned accounts (the scale dataset has a roster): not part of the timed import.
  let sRoster = null;
  if (dataset.roster) {
    log(`Seatcast roster import of ${path.basename(dataset.roster)} …`);
    const run = await runNode(CLI, ['roster', dataset.roster, '--db', seatcastDb, '--json'], rss);
    sRoster = { ms: run.ms, rssMb: run.rssMb, ...JSON.parse(run.stdout) };
    log(`  ${seconds(run.ms)}, ${count(sRoster.added ?? 0)} accounts added, ${count(sRoster.rejected ?? 0)} rejected`);
  }

  // The headline: one CLI process computing every count under every rule.
  const allRun = await fastestOf(repeat, () => runNode(CLI, ['metrics', '--db', seatcastDb, '--tz', ZONE, '--cycle', 'month', '--concurrency', RULES.join(','), '--json'], rss));
  const sAll = { ms: allRun.ms, allMs: allRun.allMs, rssMb: allRun.rssMb, periods: JSON.parse(allRun.stdout).periods };
  log(`Seatcast metrics --concurrency ${RULES.join(',')}: ${millis(sAll.ms)} (${sAll.periods.length} periods; runs: ${sAll.allMs.join(', ')} ms)`);
  // Each rule alone, for information and as a cross-check of the list.
  const sMetrics = {};
  for (const rule of RULES) {
    const run = await fastestOf(repeat, () => runNode(CLI, ['metrics', '--db', seatcastDb, '--tz', ZONE, '--cycle', 'month', '--concurrency', rule, '--json'], rss));
    sMetrics[rule] = { ms: run.ms, allMs: run.allMs, rssMb: run.rssMb, periods: JSON.parse(run.stdout).periods };
    log(`Seatcast metrics --concurrency ${rule}: ${millis(run.ms)} (${sMetrics[rule].periods.length} periods; runs: ${run.allMs.join(', ')} ms)`);
  }

  const dMetricsRun = await fastestOf(repeat, () => runNode(DUCKDB_TASK, ['metrics', duckDb, ZONE], rss));
  const dMetrics = { ms: dMetricsRun.ms, allMs: dMetricsRun.allMs, rssMb: dMetricsRun.rssMb, ...JSON.parse(dMetricsRun.stdout) };
  log(`DuckDB metrics (distinct counts, hours, raw peak): ${millis(dMetrics.ms)} (${dMetrics.months.length} months, time zones: ${dMetrics.timeZoneSupport}; runs: ${dMetrics.allMs.join(', ')} ms)`);

  log(`Seatcast pricing: 6 plans over every month, priceAll + projectionReport, median of ${PRICING_RUNS} in-process runs …`);
  const pricingRun = await runNode(PRICING_TASK, [seatcastDb, ZONE, path.join(root, 'resources'), String(PRICING_RUNS)], rss);
  const pricing = JSON.parse(pricingRun.stdout);
  log(`  median ${pricing.medianMs.toFixed(2)} ms, p95 ${pricing.p95Ms.toFixed(2)} ms (${pricing.plans} plans × ${pricing.periods} periods; counts fetched in ${millis(pricing.fetchCountsMs)})`);

  const storage = await seatcastStorage(seatcastDb);
  const duckBytes = fileSize(duckDb);
  const comparison = compare(sAll, sMetrics, dMetrics, sSummary);
  return { seatcastDb, duckDb, sImport, sSummary, sRoster, dImport, dSummary, sAll, sMetrics, dMetrics, pricing, storage, duckBytes, comparison };
}

/** Monthly numbers of both systems, field by field. */
function compare(sAll, sMetrics, dMetrics, sSummary) {
  const differences = [];
  const byMonth = new Map(dMetrics.months.map((m) => [m.month, m]));
  const seen = new Set();
  const fields = [
    ['activeAgents', 0],
    ['agentDays', 0],
    ['dailyActiveMax', 0],
    ['dailyActiveAvg', 0.0051],
    ['loggedInHours', 0.0101],
  ];
  for (const [rule, run] of Object.entries(sMetrics)) {
    for (const period of run.periods) {
      const month = period.start.slice(0, 7);
      seen.add(month);
      const other = byMonth.get(month);
      if (!other) {
        if (rule === 'raw') differences.push({ month, field: 'period', seatcast: `${period.start}..${period.end}`, duckdb: 'no such month' });
        continue;
      }
      if (rule === 'raw') {
        for (const [field, tolerance] of fields) {
          if (Math.abs(period[field] - other[field]) > tolerance) differences.push({ month, field, seatcast: period[field], duckdb: other[field] });
        }
        if (period.peakConcurrent !== other.peakConcurrent) differences.push({ month, field: 'peakConcurrent (raw)', seatcast: period.peakConcurrent, duckdb: other.peakConcurrent });
      } else if (period.peakConcurrent > other.peakConcurrent) {
        // Every rule's peak is at most the raw peak.
        differences.push({ month, field: `peakConcurrent (${rule}) > DuckDB raw peak`, seatcast: period.peakConcurrent, duckdb: other.peakConcurrent });
      }
    }
  }
  // The one-process run of every rule must agree with each rule run alone, and with DuckDB.
  sAll.periods.forEach((period, i) => {
    const month = period.start.slice(0, 7);
    for (const rule of RULES) {
      const alone = sMetrics[rule].periods[i]?.peakConcurrent;
      if (period.peakConcurrentByRule?.[rule] !== alone) differences.push({ month, field: `peakConcurrentByRule.${rule} (one process) vs --concurrency ${rule}`, seatcast: period.peakConcurrentByRule?.[rule], duckdb: alone });
    }
    const other = byMonth.get(month);
    if (other && period.activeAgents !== other.activeAgents) differences.push({ month, field: 'activeAgents (one process)', seatcast: period.activeAgents, duckdb: other.activeAgents });
  });
  for (const month of byMonth.keys()) if (!seen.has(month)) differences.push({ month, field: 'period', seatcast: 'no such period', duckdb: 'month with sessions' });
  if (sSummary.sessionsAdded !== dMetrics.deduplicated) {
    differences.push({ month: 'all', field: 'sessions after de-duplication', seatcast: sSummary.sessionsAdded, duckdb: dMetrics.deduplicated });
  }
  return { months: byMonth.size, fields: [...fields.map(([f]) => f), 'peakConcurrent (raw)'], differences };
}

// -------------------------------------------------------------------------------------------------
// Formatting

const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const millis = (ms) => (ms < 10_000 ? `${Math.round(ms)} ms` : seconds(ms));
const mb = (value) => (value === null || value === undefined ? 'n/a' : `${Math.round(value)} MB`);
const bytesMb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (a, b) => (a === null || b === null || !b ? null : a / b);
const ratioText = (r) => (r === null ? 'n/a' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×`);
const count = (n) => n.toLocaleString('en-US');

function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function machineInfo(duckdbVersion, sqliteVersion) {
  const cpus = os.cpus();
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: os.availableParallelism ? os.availableParallelism() : cpus.length,
    ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    duckdb: duckdbVersion,
    sqlite: sqliteVersion,
    commit: git.status === 0 ? `${git.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}` : 'unknown',
  };
}

// -------------------------------------------------------------------------------------------------
// Main

async function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`Node ${process.versions.node} is too old: run it as \`npm run bench\` so node_modules/.bin's Node 22 is used.`);
  mkdirSync(options.out, { recursive: true });

  const busyAtStart = machineBusySeconds();
  const wallAtStart = performance.now();
  log(`building the CLI (scripts/build-node.mjs options) into ${path.relative(root, CLI)} …`);
  await buildCli();
  const rss = ensureGnuTime();
  log(rss.note);
  log(`DuckDB: @duckdb/node-api ${ensureDuckDb()} (scripts/bench/node_modules)`);

  // Datasets: the standard one, a quarter-size one (does the import's memory grow with the file?)
  // and, when asked for, the scale one.
  const standardParams = datasetParams('standard', options.rows === undefined ? {} : { rows: options.rows });
  const quarterParams = datasetParams('standard', { rows: Math.max(1, Math.round((standardParams.agents * ROWS_PER_AGENT) / 4)) });
  const generated = {};
  for (const [key, params] of [['standard', standardParams], ['quarter', quarterParams]]) {
    const dataset = await ensureDataset(params, options.out, { log });
    generated[key] = dataset;
    log(`${datasetName(params)}: ${count(dataset.manifest.rows)} rows, ${bytesMb(dataset.manifest.bytes)}${dataset.reused ? ' (reused)' : `, generated in ${seconds(dataset.generateMs)}`}`);
  }

  const standard = await measure(generated.standard, path.join(options.out, 'run-standard'), rss, options.repeat, options.importRuns);

  log(`Seatcast import of ${datasetName(quarterParams)} (memory growth probe) …`);
  const quarterDb = path.join(options.out, 'run-quarter', 'seatcast.db');
  mkdirSync(path.dirname(quarterDb), { recursive: true });
  removeDatabase(quarterDb);
  await warm(generated.quarter.csv);
  const quarterImport = await runNode(CLI, ['import', generated.quarter.csv, '--db', quarterDb, '--json'], rss);
  const quarterSummary = JSON.parse(quarterImport.stdout).imports[0];
  if (quarterSummary.status !== 'imported') throw new Error(`Seatcast did not import ${generated.quarter.csv}: ${JSON.stringify(quarterSummary.errors)}`);
  removeDatabase(quarterDb);

  let scale = null;
  let scaleSkipped = null;
  const scaleParams = datasetParams('scale', options.scaleSessions === undefined ? {} : { sessions: options.scaleSessions });
  const scaleNeed = estimatedBytes(scaleParams) * 3; // CSV + Seatcast database + DuckDB database, roughly
  if (!options.scale) {
    scaleSkipped = `skipped: set SEATCAST_BENCH_SCALE=1 to run it (${count(scaleParams.accounts)} provisioned accounts, ≈${count(scaleParams.agents * ROWS_PER_AGENT)} sessions, ≈${(estimatedBytes(scaleParams) / 1e9).toFixed(1)} GB CSV, ≈${(scaleNeed / 1e9).toFixed(0)} GB of free disk in all; at the current import speed it takes tens of minutes)`;
  } else if (freeBytes(options.out) < scaleNeed) {
    scaleSkipped = `skipped: not enough free disk in ${options.out} (${(freeBytes(options.out) / 1e9).toFixed(1)} GB free, ≈${(scaleNeed / 1e9).toFixed(0)} GB needed)`;
  } else {
    const dataset = await ensureDataset(scaleParams, options.out, { log, minFreeBytes: scaleNeed - estimatedBytes(scaleParams) });
    log(`${datasetName(scaleParams)}: ${count(dataset.manifest.rows)} rows, ${bytesMb(dataset.manifest.bytes)}${dataset.reused ? ' (reused)' : `, generated in ${seconds(dataset.generateMs)}`}`);
    scale = { dataset, ...(await measure(dataset, path.join(options.out, 'run-scale'), rss, options.repeat, options.importRuns)) };
  }
  if (scaleSkipped) log(`scale dataset ${scaleSkipped}`);

  // --- Report ---
  const machine = machineInfo(standard.dMetrics.duckdbVersion, standard.storage.sqliteVersion);
  const busyAtEnd = machineBusySeconds();
  const ownCpu = process.cpuUsage();
  const runSeconds = (performance.now() - wallAtStart) / 1000;
  const otherCores =
    busyAtStart !== null && busyAtEnd !== null && rss.available
      ? Math.max(0, busyAtEnd - busyAtStart - childCpuSeconds - (ownCpu.user + ownCpu.system) / 1e6) / runSeconds
      : null;
  machine.otherLoad =
    otherCores === null
      ? 'unknown (needs /proc/stat and GNU time)'
      : `other processes kept ${otherCores.toFixed(2)} of ${machine.cores} cores busy on average during the run (${runSeconds.toFixed(0)} s)`;
  const rows = [];
  const steps = [];
  const add = (step, s, d, r, goal, met, raw) => {
    rows.push([step, s, d, ratioText(r), goal, met]);
    steps.push({ step, seatcast: raw.seatcast ?? null, duckdb: raw.duckdb ?? null, unit: raw.unit, ratio: r, goal, met });
  };
  const yesNo = (ok) => (ok === null ? 'n/a' : ok ? 'yes' : 'no');

  const addDataset = (label, result, rowsInFile, isScale) => {
    const importRatio = ratio(result.sImport.ms, result.dImport.ms);
    const importMet = importRatio <= GOALS.importRatio ? 'yes' : importRatio <= GOALS.importFirstBar ? 'first bar only' : 'no';
    add(
      `${label}: import (${count(rowsInFile)} rows)`,
      `${seconds(result.sImport.ms)} (${count(Math.round(rowsInFile / (result.sImport.ms / 1000)))} rows/s)`,
      `${seconds(result.dImport.ms)} (${count(Math.round(rowsInFile / (result.dImport.ms / 1000)))} rows/s)`,
      importRatio,
      `≤ ${GOALS.importRatio.toFixed(1)}× (first bar ≤ ${GOALS.importFirstBar.toFixed(1)}×)`,
      importMet,
      { seatcast: result.sImport.ms, duckdb: result.dImport.ms, unit: 'ms' },
    );
    const totalMs = result.sAll.ms;
    const metricsRatio = ratio(totalMs, result.dMetrics.ms);
    add(
      `${label}: metrics, all counts × ${RULES.length} rules, ${result.sAll.periods.length} months`,
      `${millis(totalMs)} (one CLI run)`,
      `${millis(result.dMetrics.ms)} (raw peak only)`,
      metricsRatio,
      `≤ ${GOALS.metricsRatio}×`,
      yesNo(metricsRatio <= GOALS.metricsRatio),
      { seatcast: totalMs, duckdb: result.dMetrics.ms, unit: 'ms' },
    );
    if (isScale) {
      add(
        `${label}: all-period metrics, every rule (one CLI run, process start included)`,
        millis(totalMs),
        '–',
        null,
        `≤ ${GOALS.scaleMetricsMs / 1000} s`,
        yesNo(totalMs <= GOALS.scaleMetricsMs),
        { seatcast: totalMs, duckdb: null, unit: 'ms' },
      );
    }
    for (const rule of RULES) {
      const ms = result.sMetrics[rule].ms;
      const goal = 'info';
      add(
        `${label}:   metrics --concurrency ${rule}`,
        millis(ms),
        rule === 'raw' ? millis(result.dMetrics.ms) : '–',
        rule === 'raw' ? ratio(ms, result.dMetrics.ms) : null,
        goal,
        '',
        { seatcast: ms, duckdb: rule === 'raw' ? result.dMetrics.ms : null, unit: 'ms' },
      );
    }
    add(
      `${label}: re-pricing ${result.pricing.plans} plans × ${result.pricing.periods} periods (in-process, median of ${result.pricing.runs})`,
      `${result.pricing.medianMs.toFixed(2)} ms (p95 ${result.pricing.p95Ms.toFixed(2)} ms)`,
      '–',
      null,
      `≤ ${GOALS.repricingMs} ms`,
      yesNo(result.pricing.medianMs <= GOALS.repricingMs),
      { seatcast: result.pricing.medianMs, duckdb: null, unit: 'ms' },
    );
    add(
      `${label}: import peak RSS`,
      mb(result.sImport.rssMb),
      mb(result.dImport.rssMb),
      ratio(result.sImport.rssMb, result.dImport.rssMb),
      `≤ ${GOALS.importRssMb} MB`,
      result.sImport.rssMb === null ? 'n/a' : yesNo(result.sImport.rssMb <= GOALS.importRssMb),
      { seatcast: result.sImport.rssMb, duckdb: result.dImport.rssMb, unit: 'MB' },
    );
    add(
      `${label}: database on disk (Seatcast: cube)`,
      `${bytesMb(result.storage.fileBytes)} (cube ${bytesMb(result.storage.cubeBytes)})`,
      bytesMb(result.duckBytes),
      ratio(result.storage.fileBytes, result.duckBytes),
      '(reported)',
      '',
      { seatcast: result.storage.fileBytes, duckdb: result.duckBytes, unit: 'bytes' },
    );
  };

  addDataset('standard', standard, generated.standard.manifest.rows, false);
  const growth = standard.sImport.rssMb !== null && quarterImport.rssMb !== null ? standard.sImport.rssMb / quarterImport.rssMb - 1 : null;
  add(
    `memory: import peak RSS, ¼ file (${count(generated.quarter.manifest.rows)} rows) → full file`,
    `${mb(quarterImport.rssMb)} → ${mb(standard.sImport.rssMb)}`,
    '',
    null,
    `not growing (≤ +${GOALS.rssGrowth * 100} %)`,
    growth === null ? 'n/a' : `${yesNo(growth <= GOALS.rssGrowth)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)} %)`,
    { seatcast: [quarterImport.rssMb, standard.sImport.rssMb], unit: 'MB' },
  );
  if (scale) addDataset('scale', scale, scale.dataset.manifest.rows, true);

  const header = ['step', 'Seatcast', 'DuckDB', 'ratio (Seatcast/DuckDB)', 'goal', 'met?'];
  const lines = [];
  lines.push('');
  lines.push(`Seatcast vs DuckDB — ${new Date().toISOString().slice(0, 10)}`);
  lines.push(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, ${machine.os}`);
  lines.push(`software: Node ${machine.node}, DuckDB ${machine.duckdb} (@duckdb/node-api), SQLite ${machine.sqlite} (better-sqlite3), Seatcast ${machine.commit}`);
  const describe = (label, dataset) =>
    `${label}: ${dataset.csv} — ${count(dataset.manifest.rows)} rows (${count(dataset.manifest.duplicateRows)} exact duplicates), ${bytesMb(dataset.manifest.bytes)}, ` +
    `${count(dataset.manifest.params.agents)} agents logging in${dataset.manifest.params.accounts > dataset.manifest.params.agents ? ` of ${count(dataset.manifest.params.accounts)} provisioned` : ''}, ${dataset.manifest.params.from}..${dataset.manifest.params.to}, sha256 ${dataset.manifest.sha256.slice(0, 12)}…`;
  lines.push(describe('standard data', generated.standard));
  if (scale) lines.push(describe('scale data', scale.dataset));
  lines.push(`business zone ${ZONE}; wall times include process start; imports: median of ${options.importRuns} alternated runs each (peak RSS: the largest); metrics: fastest of ${options.repeat} runs; ${rss.note}`);
  lines.push(`other work: ${machine.otherLoad}${otherCores !== null && otherCores > 0.25 ? ' — the machine was not quiet: wall times are skewed, re-run on an idle machine' : ''}`);
  lines.push('');
  lines.push(formatTable(header, rows));
  lines.push('');
  const notes = [];
  notes.push(`DuckDB time zones: ${standard.dMetrics.timeZoneSupport === 'icu' ? `ICU is built into @duckdb/node-api ${machine.duckdb}: local months and days via timezone('${ZONE}', …), exact across DST.` : `ICU is NOT available offline: DuckDB's local months use a fixed UTC−5 offset, an approximation that is wrong by an hour in summer (expect small differences).`}`);
  notes.push('DuckDB computes the raw peak only (a +1/−1 sweep); cumulative:30, sustained:15 and p95 are per-minute rules with no equivalent query here. Its metrics time is one process computing every month\'s distinct counts, hours and raw peak; Seatcast\'s headline is one CLI process computing every count under all four rules (--concurrency raw,cumulative:30,sustained:15,p95); the per-rule rows are one process per rule, for information.');
  notes.push(
    `DuckDB uses ${machine.cores} threads. Seatcast's import uses two: it reads a large CSV in two parts at once (electron/engine/import/file-part.ts), inserting the first part's sessions while the second is read, then derives the usage cube on the second thread while the rest are inserted${process.env.SEATCAST_IMPORT_CUBE_WORKER === '0' ? ' (not in this run: SEATCAST_IMPORT_CUBE_WORKER=0)' : ''}; the metrics run on one.`,
  );
  notes.push('Seatcast import = parse, time zones, de-duplication, agents, sessions and the usage cube in one transaction; DuckDB import = read_csv into a table (types auto-detected), nothing else.');
  for (const [label, result] of scale ? [['standard', standard], ['scale', scale]] : [['standard', standard]]) {
    const { differences, months, fields } = result.comparison;
    if (differences.length === 0) {
      notes.push(`Correctness (${label}): Seatcast and DuckDB agree on all ${months} months (${fields.join(', ')}) and on ${count(result.sSummary.sessionsAdded)} sessions after de-duplication.`);
    } else {
      notes.push(`Correctness (${label}): ${differences.length} DIFFERENCES between Seatcast and DuckDB:`);
      for (const d of differences.slice(0, 40)) notes.push(`    ${d.month} ${d.field}: Seatcast ${d.seatcast}, DuckDB ${d.duckdb}`);
      if (differences.length > 40) notes.push(`    … ${differences.length - 40} more in bench-result.json`);
    }
  }
  if (scale) notes.push(`Scale: the ${count(scaleParams.accounts)} provisioned accounts of ${path.basename(scale.dataset.roster ?? 'roster.csv')} were imported with \`seatcast roster\` after the sessions (${scale.sRoster ? `${seconds(scale.sRoster.ms)}, not part of the import time` : 'not run'}), so \`provisioned\` and utilisation are real. Cube: ${bytesMb(scale.storage.cubeBytes)} on disk (${count(scale.storage.dayUsageRows)} day rows, ${count(scale.storage.concurrencyDayRows)} UTC-day concurrency blobs).`);
  else notes.push(`Scale dataset ${scaleSkipped}.`);
  lines.push(...notes.map((n) => (n.startsWith('    ') ? n : `- ${n}`)));
  const report = lines.join('\n');
  console.log(report);

  const resultFile = path.join(options.out, 'bench-result.json');
  const slim = (r) =>
    r && {
      seatcastImport: { ms: r.sImport.ms, allMs: r.sImport.allMs, cpuSeconds: r.sImport.cpuSeconds, rssMb: r.sImport.rssMb, summary: r.sSummary },
      duckdbImport: { ms: r.dImport.ms, allMs: r.dImport.allMs, cpuSeconds: r.dImport.cpuSeconds, rssMb: r.dImport.rssMb, summary: r.dSummary },
      seatcastMetrics: Object.fromEntries(Object.entries(r.sMetrics).map(([rule, m]) => [rule, { ms: m.ms, allMs: m.allMs, rssMb: m.rssMb, periods: m.periods }])),
      duckdbMetrics: { ms: r.dMetrics.ms, allMs: r.dMetrics.allMs, rssMb: r.dMetrics.rssMb, timings: r.dMetrics.timings, timeZoneSupport: r.dMetrics.timeZoneSupport, sessions: r.dMetrics.sessions, deduplicated: r.dMetrics.deduplicated, merged: r.dMetrics.merged, months: r.dMetrics.months },
      pricing: r.pricing,
      storage: { seatcast: r.storage, duckdbBytes: r.duckBytes },
      comparison: r.comparison,
    };
  writeFileSync(
    resultFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        rss: rss.note,
        repeat: options.repeat,
        importRuns: options.importRuns,
        goals: GOALS,
        datasets: {
          standard: generated.standard.manifest,
          quarter: generated.quarter.manifest,
          scale: scale ? scale.dataset.manifest : { skipped: scaleSkipped },
        },
        steps,
        standard: slim(standard),
        quarterImport: { ms: quarterImport.ms, cpuSeconds: quarterImport.cpuSeconds, rssMb: quarterImport.rssMb, summary: quarterSummary },
        scale: slim(scale),
        notes,
        report,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults: ${resultFile}`);

  if (!options.keep) {
    for (const r of [standard, scale]) if (r) { removeDatabase(r.seatcastDb); removeDatabase(r.duckDb); }
  }
  const disagreements = standard.comparison.differences.length + (scale ? scale.comparison.differences.length : 0);
  if (disagreements > 0) {
    console.log(`bench: Seatcast and DuckDB disagree (${disagreements} differences): exit 1`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
});

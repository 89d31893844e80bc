// `npm run bench`: times Seatcast's import and monthly metrics on a generated login export and
// reports peak memory. First form (foundation): Seatcast alone. The side-by-side comparison with
// DuckDB and the 5,000-agent × 3-year dataset arrive with the metrics issue; nothing here
// claims a ratio it did not measure.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.env.SEATCAST_BENCH_ROWS ?? 500_000);
const dir = mkdtempSync(join(tmpdir(), 'seatcast-bench-'));
const csvPath = join(dir, 'logins.csv');
const dbPath = join(dir, 'bench.db');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeDataset() {
  const random = mulberry32(42);
  const out = createWriteStream(csvPath);
  out.write('agent_id,login,logout\n');
  const agents = 2000;
  const start = Date.parse('2024-01-01T12:00:00Z');
  for (let i = 0; i < rows; i += 1) {
    const agent = i % agents;
    const day = Math.floor(i / agents);
    const login = start + day * 86_400_000 + Math.floor(random() * 8) * 3_600_000;
    const logout = login + (2 + Math.floor(random() * 7)) * 3_600_000;
    const line = `agent${agent},${new Date(login).toISOString()},${new Date(logout).toISOString()}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

/** Runs the CLI under GNU time (Debian package `time`) to read its peak resident memory. */
function timedWithRss(args) {
  const started = process.hrtime.bigint();
  const result = execFileSync('/bin/sh', ['-c', `/usr/bin/time -f '%M' "$0" "$@" 2>&1 >/dev/null | tail -1`, process.execPath, join(root, 'bin', 'seatcast.cjs'), ...args], { encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, peakRssMb: Math.round(Number(result.trim()) / 1024) };
}

await writeDataset();
const sizeMb = statSync(csvPath).size / 1e6;
const importRun = timedWithRss(['import', csvPath, '--db', dbPath]);
const metricsRun = timedWithRss(['metrics', '--db', dbPath, '--json']);

const table = [
  ['step', 'wall time', 'throughput', 'peak RSS'],
  ['import (parse, zones, dedup, cube)', `${(importRun.ms / 1000).toFixed(2)} s`, `${Math.round(rows / (importRun.ms / 1000)).toLocaleString('en-US')} rows/s`, `${importRun.peakRssMb} MB`],
  ['metrics, all months (incl. process start)', `${metricsRun.ms.toFixed(0)} ms`, '', `${metricsRun.peakRssMb} MB`],
];
console.log(`Seatcast bench: ${rows.toLocaleString('en-US')} sessions, ${sizeMb.toFixed(1)} MB CSV, Node ${process.versions.node}`);
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(i === 0 ? 44 : 18)).join(''));
console.log('DuckDB comparison: not part of this first bench (see the metrics issue).');
rmSync(dir, { recursive: true, force: true });

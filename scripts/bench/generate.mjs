#!/usr/bin/env node
// Benchmark datasets for `npm run bench`: synthetic agent login/logout exports in Seatcast's
// generic CSV format (agent_id,agent_name,team,site,login,logout; instants in ISO 8601 UTC).
//
//   node scripts/bench/generate.mjs standard [--rows N] [--out DIR]
//   node scripts/bench/generate.mjs scale [--sessions N] [--accounts N] [--out DIR]
//   (also --agents N, --from YYYY-MM-DD, --to YYYY-MM-DD: set the agents and span directly)
//
//  standard  5,000 agents over 2023-01-01..2025-12-31 (≈4M rows, ≈320 MB). --rows N scales the
//            number of agents down (or up) so that the file has about N rows: a smaller file of
//            the same shape for a quick smoke run. The agents of a smaller file are a prefix of
//            the full population with the very same sessions.
//  scale     100,000 provisioned accounts (--accounts), of which about half log in, ≈40M
//            sessions (--sessions; ≈3.3 GB), plus roster.csv with every provisioned account.
//
// Shifts are planned in local time in the business zone (America/New_York) and turned into
// instants with the zone's real DST rules: a 22:00–06:30 night shift across the autumn change
// lasts 9.5 hours. The population has full-time and part-time staff with hiring and attrition,
// seasonal staff for tax season (Feb–Apr) and open enrollment (Nov–Dec), overtime in those peaks,
// lunch-break logouts, short disconnects, a few overlapping double logins and a few exact
// duplicate rows (overlapping export windows), as real exports have.
//
// Deterministic: one seeded PRNG stream per account (no Math.random, no clock reads), so the
// same parameters always give the same bytes. The CSV is streamed to disk one local day at a
// time, never held in memory. Output goes to a folder outside the repository
// ($TMPDIR/seatcast-bench by default): DIR/<dataset>/logins.csv with a manifest.json holding the
// parameters, the generator's own hash, the row count, the size and the SHA-256. A dataset whose
// manifest matches the parameters (and whose file still has the recorded size) is reused.

import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';

export const ZONE = 'America/New_York';
const SEED = 0x5ea7b3c4;
const DAY_MS = 86_400_000;

export const SPAN_FIRST = '2023-01-01';
export const SPAN_LAST = '2025-12-31';

/** Agents of the standard dataset, and about how many rows they produce (measured; see --rows). */
export const STANDARD_AGENTS = 5000;
export const ROWS_PER_AGENT = 787;
export const SCALE_ACCOUNTS = 100_000;
export const SCALE_SESSIONS = 40_000_000;
/** Average bytes per CSV row, for disk-space estimates before generating. */
export const BYTES_PER_ROW = 82;

export const CSV_HEADER = 'agent_id,agent_name,team,site,login,logout';
const ROSTER_HEADER = 'agent_id,agent_name,team,site,role,created,deactivated';

const GENERATOR_HASH = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);

// -------------------------------------------------------------------------------------------------
// Calendar: local dates are day numbers (days since 1970-01-01 of the wall calendar).

function dayOf(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDateOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
function weekdayOf(day) {
  return (((day + 4) % 7) + 7) % 7;
}

function monthOf(day) {
  return new Date(day * DAY_MS).getUTCMonth() + 1;
}

function yearOf(day) {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function nthWeekdayOfMonth(year, month, weekday, n) {
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** Days the center is closed: New Year's Day, Thanksgiving, Christmas Day. */
function closedDays(firstYear, lastYear) {
  const closed = new Set();
  for (let year = firstYear; year <= lastYear; year += 1) {
    closed.add(Date.UTC(year, 0, 1) / DAY_MS);
    closed.add(nthWeekdayOfMonth(year, 11, 4, 4));
    closed.add(Date.UTC(year, 11, 25) / DAY_MS);
  }
  return closed;
}

const uniformOffsetCache = new Map();

/** The zone's UTC offset (ms) if it is the same all through the local day, else null (DST change day). */
function uniformOffsetMs(day) {
  if (uniformOffsetCache.has(day)) return uniformOffsetCache.get(day);
  const start = Temporal.PlainDate.from(isoDateOf(day)).toZonedDateTime(ZONE);
  const next = Temporal.PlainDate.from(isoDateOf(day + 1)).toZonedDateTime(ZONE);
  const offset = next.epochMilliseconds - start.epochMilliseconds === DAY_MS ? start.offsetNanoseconds / 1e6 : null;
  uniformOffsetCache.set(day, offset);
  return offset;
}

/**
 * The instant at which the business zone's wall clock shows `second` seconds past midnight of
 * local `day` (may run past 86,400 into the next days). A wall time in the spring-forward gap
 * moves forward; a repeated fall-back time takes the earlier instant (Temporal's 'compatible').
 */
export function wallToEpochMs(day, second) {
  const carried = Math.floor(second / 86_400);
  const localDay = day + carried;
  const s = second - carried * 86_400;
  const offset = uniformOffsetMs(localDay);
  if (offset !== null) return localDay * DAY_MS + s * 1000 - offset;
  return Temporal.PlainDate.from(isoDateOf(localDay))
    .toPlainDateTime({ hour: Math.floor(s / 3600), minute: Math.floor(s / 60) % 60, second: s % 60 })
    .toZonedDateTime(ZONE, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** `2024-01-02T13:58:12Z`, with the date part cached per UTC day. */
const datePrefixCache = new Map();
function formatInstant(epochMs) {
  const utcDay = Math.floor(epochMs / DAY_MS);
  let prefix = datePrefixCache.get(utcDay);
  if (prefix === undefined) {
    prefix = `${new Date(utcDay * DAY_MS).toISOString().slice(0, 10)}T`;
    datePrefixCache.set(utcDay, prefix);
  }
  const secondOfDay = Math.floor((epochMs - utcDay * DAY_MS) / 1000);
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor(secondOfDay / 60) % 60;
  const s = secondOfDay % 60;
  return `${prefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}Z`;
}

// -------------------------------------------------------------------------------------------------
// Randomness: mulberry32 per account, seeded from the account number.

class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  static forAccount(index) {
    // SplitMix-style scramble of (seed, index) so neighbouring accounts get unrelated streams.
    let z = (SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return new Random((z ^ (z >>> 16)) >>> 0);
  }

  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), this.state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** integer in [min, max] */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Triangular jitter in [-spread, spread]. */
  jitter(spread) {
    return Math.round((this.next() + this.next() - 1) * spread);
  }
}

// -------------------------------------------------------------------------------------------------
// Population

const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Daniel', 'Priya', 'Michael', 'Keisha', 'Robert', 'Mei', 'David',
  'Fatima', 'Carlos', 'Emily', 'Tyrone', 'Sofia', 'Kevin', 'Hannah', 'Luis', 'Grace', 'Andre',
  'Olivia', 'Marcus', 'Nadia', 'Brian', 'Chloe', 'Javier', 'Rachel', 'Dmitri', 'Tanya', 'Samuel',
  'Leah', 'Omar', 'Jasmine', 'Patrick', 'Yuki', 'Victor', 'Brenda', 'Hector', 'Megan', 'Kwame',
];
const LAST_NAMES = [
  'Lopez', 'Johnson', 'Patel', 'Nguyen', 'Williams', 'Garcia', 'Brown', 'Kim', 'Okafor', 'Miller',
  'Hernandez', 'Davis', 'Chen', 'Rodriguez', 'Wilson', 'Martinez', 'Anderson', 'Singh', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark',
  'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'Wright', 'Scott', 'Torres', 'Hill',
];
const CORE_TEAMS = ['General', 'Billing', 'Tax Line', 'Benefits', 'Escalations'];
const SITES = ['Springfield', 'Riverside', 'Lakeside', 'Remote'];

/** Planned shift starts (minutes after local midnight) for full-time staff; 1320 = night shift. */
const FT_STARTS = [420, 450, 480, 480, 510, 540, 540, 600, 660, 720, 780, 840, 1320];

/**
 * One account: who it is and, for accounts that log in, its employment and weekly pattern. Every
 * draw comes from the account's own stream, so an account is the same in every dataset size.
 */
function makeAccount(index, idDigits, spanFirst, spanLast, logsIn) {
  const rng = Random.forAccount(index);
  const id = `ag${String(index + 1).padStart(idDigits, '0')}`;
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const site = rng.pick(SITES);
  const r = rng.next();
  const kind = r < 0.55 ? 'ft' : r < 0.77 ? 'pt' : r < 0.9 ? 'tax' : 'enroll';
  const team = kind === 'tax' ? 'Tax Line' : kind === 'enroll' ? 'Benefits' : rng.pick(CORE_TEAMS);
  const spanDays = spanLast - spanFirst + 1;
  const account = { index, id, name, team, site, kind, rng, logsIn, seasons: [], hired: spanFirst, left: null };
  if (!logsIn) {
    // Provisioned but never used: created some time before or during the span; some deactivated.
    account.hired = spanFirst - 400 + Math.floor(rng.next() * (spanDays + 300));
    if (rng.chance(0.25)) account.left = Math.min(spanLast + 1, account.hired + rng.int(30, 700));
    return account;
  }
  if (kind === 'ft' || kind === 'pt') {
    account.hired = rng.chance(0.62) ? spanFirst - rng.int(1, 1500) : spanFirst + rng.int(0, spanDays - 60);
    if (rng.chance(0.28)) account.left = Math.max(account.hired + 45, spanFirst) + rng.int(0, spanDays);
  } else {
    // Seasonal staff: a first season in one of the years, coming back each later year with p = 0.55.
    const firstYear = yearOf(spanFirst);
    const lastYear = yearOf(spanLast);
    let year = firstYear + rng.int(0, lastYear - firstYear);
    let first = true;
    for (; year <= lastYear; year += 1) {
      if (!first && !rng.chance(0.55)) break;
      first = false;
      const from = kind === 'tax' ? Date.UTC(year, 0, 15) / DAY_MS + rng.int(0, 25) : Date.UTC(year, 9, 20) / DAY_MS + rng.int(0, 18);
      const to = kind === 'tax' ? Date.UTC(year, 3, 15) / DAY_MS + rng.int(0, 20) : Date.UTC(year, 11, 12) / DAY_MS + rng.int(0, 19);
      account.seasons.push([from, to]);
    }
    account.hired = account.seasons[0][0];
    account.left = account.seasons[account.seasons.length - 1][1] + 1;
  }
  // Weekly pattern: a bit mask of working weekdays (bit 0 = Sunday).
  if (kind === 'pt') {
    let mask = 0;
    const days = rng.int(3, 4);
    while (popcount(mask) < days) mask |= 1 << rng.int(0, 6);
    account.workdays = mask;
    account.shiftStart = rng.int(16, 34) * 30; // 08:00..17:00
    account.shiftMinutes = rng.int(8, 10) * 30; // 4..5 h
    account.lunchLogout = false;
    account.breakLogout = false;
  } else {
    if (kind === 'ft' && rng.chance(0.35)) {
      const first = rng.int(0, 6); // five consecutive days from any weekday
      let mask = 0;
      for (let k = 0; k < 5; k += 1) mask |= 1 << ((first + k) % 7);
      account.workdays = mask;
    } else {
      account.workdays = 0b0111110; // Monday..Friday
    }
    account.shiftStart = kind === 'ft' ? rng.pick(FT_STARTS) : rng.int(16, 24) * 30;
    account.shiftMinutes = 510; // 8.5 h including a 30-minute lunch
    account.lunchLogout = rng.chance(0.7);
    account.breakLogout = rng.chance(0.3);
  }
  account.absence = kind === 'pt' ? 0.08 : kind === 'ft' ? 0.06 : 0.05;
  return account;
}

function popcount(mask) {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n += 1;
  return n;
}

function employedOn(account, day) {
  if (account.seasons.length > 0) return account.seasons.some(([from, to]) => day >= from && day <= to);
  return day >= account.hired && (account.left === null || day < account.left);
}

/** Tax season (Feb–Apr) and open enrollment (Nov–Dec): overtime and Saturday shifts for their teams. */
function peakFor(team, month) {
  if (team === 'Tax Line') return month >= 2 && month <= 4;
  if (team === 'Benefits') return month >= 11;
  return false;
}

/**
 * The sessions of one account on one local day, pushed as [loginMs, logoutMs] pairs (rows). The
 * account's random stream advances the same way whatever the other accounts do.
 */
function sessionsOfDay(account, day, weekday, month, closed, out) {
  const rng = account.rng;
  // A fixed number of draws per day keeps the stream aligned regardless of the branch taken.
  const absent = rng.next() < account.absence;
  const overtimeDraw = rng.next();
  if (closed || !employedOn(account, day)) return;
  const scheduled = (account.workdays & (1 << weekday)) !== 0;
  const peak = peakFor(account.team, month);
  let minutes = account.shiftMinutes;
  if (!scheduled) {
    // Peak-season Saturdays for full-timers of the busy team.
    if (!(peak && weekday === 6 && account.kind === 'ft' && overtimeDraw < 0.35)) return;
    minutes = 300;
  } else if (absent) {
    return;
  } else if (peak && overtimeDraw < 0.3) {
    minutes += rng.int(2, 4) * 30;
  }
  const startSecond = (account.shiftStart + rng.jitter(9) - 3) * 60 + rng.int(0, 59);
  const endSecond = startSecond + (minutes + rng.jitter(8) + 4) * 60 + rng.int(0, 59);
  // Logged out over lunch (30 min, about 4 h in) and, for some, over the two 15-minute breaks.
  const pieces = [];
  let from = startSecond;
  if (account.lunchLogout && minutes >= 480) {
    const breaks = account.breakLogout
      ? [[120, 15], [240, 30], [390, 15]]
      : [[240, 30]];
    for (const [after, length] of breaks) {
      const away = startSecond + (after + rng.jitter(20)) * 60 + rng.int(0, 59);
      pieces.push([from, away]);
      from = away + (length + rng.int(-2, 8)) * 60 + rng.int(0, 59);
    }
  }
  pieces.push([from, endSecond]);
  for (const [from, to] of pieces) {
    // A dropped connection: logged out for 1–4 minutes, then back.
    if (rng.chance(0.07) && to - from > 3600) {
      const cut = from + rng.int(600, to - from - 600);
      const back = cut + rng.int(60, 240);
      pushSession(day, from, cut, out);
      if (back < to) pushSession(day, back, to, out);
    } else {
      pushSession(day, from, to, out);
    }
  }
  // A second device logged in for a while during the shift: overlaps the agent's own session.
  if (rng.chance(0.004)) {
    const from = startSecond + rng.int(5, 60) * 60 + rng.int(0, 59);
    pushSession(day, from, from + rng.int(20, 200) * 60, out);
  }
}

/**
 * Pushes the session between two wall times of local `day` as instants. A login stamped in the
 * spring-forward gap moves forward by an hour, which can put it after a logout planned just after
 * the gap: such a session lasts its planned wall-clock length instead, so logout > login always.
 */
function pushSession(day, fromSecond, toSecond, out) {
  const login = wallToEpochMs(day, fromSecond);
  let logout = wallToEpochMs(day, toSecond);
  if (logout <= login) logout = login + (toSecond - fromSecond) * 1000;
  out.push(login, logout);
}

// -------------------------------------------------------------------------------------------------
// Datasets

/**
 * Parameters of a dataset: everything that determines its bytes. `rows` (standard) and `sessions`
 * (scale) size it through the number of agents logging in; `agents`, `from` and `to` set them
 * directly (tests use a short span around the DST changes).
 */
export function datasetParams(kind, options = {}) {
  const from = options.from ?? SPAN_FIRST;
  const to = options.to ?? SPAN_LAST;
  for (const date of [from, to]) if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(dayOf(date))) throw new Error(`"${date}" is not a date as YYYY-MM-DD`);
  if (dayOf(to) < dayOf(from)) throw new Error(`the span ${from}..${to} is empty`);
  const common = { from, to, zone: ZONE, seed: SEED, generator: GENERATOR_HASH };
  if (kind === 'standard') {
    const agents = options.agents ?? (options.rows === undefined ? STANDARD_AGENTS : Math.max(1, Math.round(options.rows / ROWS_PER_AGENT)));
    return { kind, agents, accounts: agents, ...common };
  }
  if (kind === 'scale') {
    const agents = options.agents ?? Math.max(1, Math.round((options.sessions ?? SCALE_SESSIONS) / ROWS_PER_AGENT));
    const accounts = Math.max(options.accounts ?? SCALE_ACCOUNTS, agents);
    return { kind, agents, accounts, ...common };
  }
  throw new Error(`unknown dataset "${kind}" (standard or scale)`);
}

export function datasetName(params) {
  const span = params.from === SPAN_FIRST && params.to === SPAN_LAST ? '' : `-${params.from}_${params.to}`;
  if (params.kind === 'standard') return params.agents === STANDARD_AGENTS && !span ? 'standard' : `standard-${params.agents}agents${span}`;
  return `scale-${params.accounts}accounts-${params.agents}agents${span}`;
}

export function estimatedBytes(params) {
  const years = (dayOf(params.to) - dayOf(params.from) + 1) / (dayOf(SPAN_LAST) - dayOf(SPAN_FIRST) + 1);
  return Math.ceil(params.agents * ROWS_PER_AGENT * BYTES_PER_ROW * years);
}

export function defaultOutDir() {
  return path.join(process.env.TMPDIR || tmpdir(), 'seatcast-bench');
}

export function freeBytes(dir) {
  let probe = dir;
  while (!existsSync(probe)) probe = path.dirname(probe);
  const stats = statfsSync(probe);
  return stats.bavail * stats.bsize;
}

/**
 * Writes the dataset's CSV (and, for accounts that never log in, roster.csv) to `dir`.
 * Returns { rows, bytes, sha256, duplicates, overlaps }.
 */
export async function writeDataset(params, dir) {
  mkdirSync(dir, { recursive: true });
  const spanFirst = dayOf(params.from);
  const spanLast = dayOf(params.to);
  const idDigits = Math.max(5, String(params.accounts).length);
  const accounts = [];
  for (let i = 0; i < params.accounts; i += 1) accounts.push(makeAccount(i, idDigits, spanFirst, spanLast, i < params.agents));
  const loggers = accounts.filter((a) => a.logsIn);
  const closed = closedDays(yearOf(spanFirst), yearOf(spanLast));
  const spanEndMs = wallToEpochMs(spanLast + 1, 0);

  const csvPath = path.join(dir, 'logins.csv');
  const partial = `${csvPath}.partial`;
  const out = createWriteStream(partial);
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  let duplicates = 0;
  const write = async (text) => {
    hash.update(text);
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  };
  await write(`${CSV_HEADER}\n`);

  const prefix = loggers.map((a) => `${a.id},${a.name},${a.team},${a.site},`);
  const pairs = [];
  const owner = [];
  for (let day = spanFirst; day <= spanLast; day += 1) {
    const weekday = weekdayOf(day);
    const month = monthOf(day);
    const isClosed = closed.has(day);
    pairs.length = 0;
    owner.length = 0;
    for (let k = 0; k < loggers.length; k += 1) {
      const before = pairs.length;
      sessionsOfDay(loggers[k], day, weekday, month, isClosed, pairs);
      for (let n = before; n < pairs.length; n += 2) owner.push(k);
    }
    // Rows of the day in login order (ties by account), as an export sorted by login time.
    const order = Array.from({ length: owner.length }, (_, n) => n);
    order.sort((a, b) => pairs[2 * a] - pairs[2 * b] || owner[a] - owner[b] || pairs[2 * a + 1] - pairs[2 * b + 1]);
    let chunk = '';
    for (const n of order) {
      // The export is cut at the end of the span: later pieces of a night shift are not in it.
      if (pairs[2 * n] >= spanEndMs) continue;
      const account = loggers[owner[n]];
      const line = `${prefix[owner[n]]}${formatInstant(pairs[2 * n])},${formatInstant(pairs[2 * n + 1])}\n`;
      chunk += line;
      rows += 1;
      // Overlapping export windows repeat a few rows verbatim.
      if (account.rng.chance(0.003)) {
        chunk += line;
        rows += 1;
        duplicates += 1;
      }
    }
    await write(chunk);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  renameSync(partial, csvPath);

  let rosterPath = null;
  if (params.accounts > params.agents) {
    rosterPath = path.join(dir, 'roster.csv');
    const lines = [ROSTER_HEADER];
    for (const a of accounts) {
      const created = isoDateOf(a.hired);
      const deactivated = a.left === null || a.left > spanLast ? '' : isoDateOf(a.left);
      lines.push(`${a.id},${a.name},${a.team},${a.site},agent,${created},${deactivated}`);
    }
    writeFileSync(rosterPath, `${lines.join('\n')}\n`);
  }
  return { csv: csvPath, roster: rosterPath, rows, bytes, sha256: hash.digest('hex'), duplicates };
}

/**
 * The dataset for `params` under `outDir`, generated unless a matching one is already there.
 * Returns { dir, csv, roster, manifest, reused, generateMs }.
 */
export async function ensureDataset(params, outDir, { log = () => {}, minFreeBytes = 0 } = {}) {
  const dir = path.join(outDir, datasetName(params));
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const csv = path.join(dir, 'logins.csv');
      if (JSON.stringify(manifest.params) === JSON.stringify(params) && existsSync(csv) && statSync(csv).size === manifest.bytes) {
        const roster = manifest.roster ? path.join(dir, 'roster.csv') : null;
        return { dir, csv, roster, manifest, reused: true, generateMs: 0 };
      }
    } catch {
      // An unreadable manifest means the dataset is regenerated.
    }
  }
  const needed = estimatedBytes(params) + minFreeBytes;
  const free = freeBytes(outDir);
  if (free < needed) {
    throw new Error(
      `not enough free disk space in ${outDir} for dataset ${datasetName(params)}: ` +
        `${(free / 1e9).toFixed(1)} GB free, about ${(needed / 1e9).toFixed(1)} GB needed`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${datasetName(params)} (${params.agents.toLocaleString('en-US')} agents logging in, ~${(estimatedBytes(params) / 1e6).toFixed(0)} MB) in ${dir} …`);
  const started = performance.now();
  const written = await writeDataset(params, dir);
  const generateMs = performance.now() - started;
  const manifest = {
    params,
    rows: written.rows,
    duplicateRows: written.duplicates,
    bytes: written.bytes,
    sha256: written.sha256,
    roster: written.roster ? path.basename(written.roster) : null,
    generateSeconds: Math.round(generateMs / 100) / 10,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, csv: written.csv, roster: written.roster, manifest, reused: false, generateMs };
}

// -------------------------------------------------------------------------------------------------
// Command line

function parseCli(argv) {
  const [kind, ...rest] = argv;
  const options = {};
  let out = defaultOutDir();
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    const value = rest[i + 1];
    const number = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number`);
      i += 1;
      return n;
    };
    if (flag === '--out') {
      if (!value) throw new Error('--out needs a folder');
      out = path.resolve(value);
      i += 1;
    } else if (flag === '--rows') options.rows = number();
    else if (flag === '--sessions') options.sessions = number();
    else if (flag === '--accounts') options.accounts = number();
    else if (flag === '--agents') options.agents = number();
    else if (flag === '--from' || flag === '--to') {
      options[flag.slice(2)] = value;
      i += 1;
    }
    else throw new Error(`unknown option ${flag}`);
  }
  if (kind !== 'standard' && kind !== 'scale') throw new Error('usage: generate.mjs standard|scale [--rows N | --sessions N | --agents N] [--accounts N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out DIR]');
  return { params: datasetParams(kind, options), out };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { params, out } = parseCli(process.argv.slice(2));
    const result = await ensureDataset(params, out, { log: (line) => console.error(line) });
    console.log(JSON.stringify({ csv: result.csv, roster: result.roster, reused: result.reused, ...result.manifest }, null, 2));
  } catch (error) {
    console.error(`generate: ${error.message}`);
    process.exitCode = 2;
  }
}

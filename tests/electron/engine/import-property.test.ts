/**
 * Property: any set of sessions written as a generic CSV — in any supported encoding, delimiter,
 * line ending, date format and zone — imports back as exactly those sessions; and importing the
 * same sessions twice (differently written), or as two overlapping slices, leaves the database
 * exactly as one import does.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { ZoneClock } from '../../../shared/calendar';
import { agentKeyOf } from '../../../shared/import/generic-csv';
import { repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';
import { importFile, sessionsOf, type SessionRow } from '../../fixtures/import/harness';

const dir = tempDir();
let engines = 0;

async function withEngine<T>(use: (engine: Engine) => Promise<T>): Promise<T> {
  engines += 1;
  const engine = await createEngine({
    databasePath: join(dir, `property-${engines}.db`),
    resourcesDir: join(repoRoot, 'resources'),
    runtime: 'in-process',
    version: 'test',
    loadDemo: false,
  });
  try {
    return await use(engine);
  } finally {
    engine.close();
  }
}

/** Ids distinct after case-folding; names safe in Windows-1252 (and not accidentally valid UTF-8). */
const AGENTS = [
  { id: 'A100', name: 'Zoë Brontë' },
  { id: 'b-200', name: 'José Müller' },
  { id: 'Ana.Diaz@Example.com', name: 'Ana Díaz' },
  { id: 'agent 7', name: 'Smith, John' },
  { id: 'ops|9', name: 'O"Brien; Ops' },
  { id: 'plain', name: 'Plain Name' },
];
const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const FROM = Date.parse('2024-03-01T00:00:00Z') / 1000;
const TO = Date.parse('2024-11-15T00:00:00Z') / 1000;

type Session = { agent: number; start: number; end: number };
type Rendering = {
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';
  delimiter: ',' | ';' | '\t' | '|';
  eol: '\n' | '\r\n';
  dates: 'iso-z' | 'iso-naive' | 'mdy-ampm';
  zone: string;
  header: { agent: string; name: string; login: string; logout: string };
};

const sessionArb = fc.record({
  agent: fc.integer({ min: 0, max: AGENTS.length - 1 }),
  start: fc.integer({ min: FROM, max: TO }).map((s) => s * 1000),
  seconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * 3600 })),
});

const sessionsArb = fc
  .uniqueArray(sessionArb, { minLength: 1, maxLength: 25, selector: (s) => `${s.agent}|${s.start}` })
  .map((list) => list.map((s) => ({ agent: s.agent, start: s.start, end: s.start + s.seconds * 1000 })));

const renderingArb: fc.Arbitrary<Rendering> = fc.record({
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'),
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  eol: fc.constantFrom('\n', '\r\n'),
  dates: fc.constantFrom('iso-z', 'iso-naive', 'mdy-ampm'),
  zone: fc.constantFrom(...ZONES),
  header: fc.record({
    agent: fc.constantFrom('agent_id', 'Agent ID', 'user', 'Login ID'),
    name: fc.constantFrom('agent_name', 'Name', ' Full Name'),
    login: fc.constantFrom('login', 'Login Time', 'start_time'),
    logout: fc.constantFrom('logout', 'Logout Time', 'end_time'),
  }),
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function wallOf(clock: ZoneClock, ms: number) {
  const local = new Date(ms + clock.offsetAt(ms));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** A session whose wall times fall in a repeated (fall-back) hour cannot round-trip as naive text. */
function unambiguous(sessions: Session[], rendering: Rendering): Session[] {
  if (rendering.dates === 'iso-z') return sessions;
  const clock = new ZoneClock(rendering.zone);
  return sessions.filter((s) => [s.start, s.end].every((ms) => clock.resolveWallTime(wallOf(clock, ms)).kind === 'exact'));
}

function formatTime(ms: number, rendering: Rendering): string {
  if (rendering.dates === 'iso-z') return new Date(ms).toISOString().replace('.000Z', 'Z');
  const w = wallOf(new ZoneClock(rendering.zone), ms);
  if (rendering.dates === 'iso-naive') return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${w.month}/${w.day}/${w.year} ${hour12}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || value.includes('"') || value.startsWith(' ') ? `"${value.replace(/"/g, '""')}"` : value;
}

function render(sessions: Session[], rendering: Rendering): Buffer {
  const { delimiter, eol, header } = rendering;
  const rows = [
    [header.agent, header.name, header.login, header.logout],
    ...sessions.map((s) => [AGENTS[s.agent]!.id, AGENTS[s.agent]!.name, formatTime(s.start, rendering), formatTime(s.end, rendering)]),
  ];
  const text = rows.map((r) => r.map((v) => field(v, delimiter)).join(delimiter)).join(eol) + eol;
  switch (rendering.encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'windows-1252':
      // Every name is in Latin-1's printable range, where Windows-1252 and Latin-1 agree.
      return Buffer.from(text, 'latin1');
  }
}

function expected(sessions: Session[]): SessionRow[] {
  return sessions
    .map((s) => ({
      agent: agentKeyOf(AGENTS[s.agent]!.id),
      start: new Date(s.start).toISOString().replace('.000Z', 'Z'),
      end: new Date(s.end).toISOString().replace('.000Z', 'Z'),
      flags: s.start === s.end ? 2 : 0,
      startMs: s.start,
    }))
    .sort((a, b) => a.startMs - b.startMs || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0))
    .map(({ startMs: _startMs, ...row }) => row);
}

/** Everything an import writes that must not depend on how the sessions arrived. */
function snapshot(engine: Engine) {
  const all = (sql: string) => engine.db.prepare(sql).all();
  return {
    sessions: sessionsOf(engine),
    agents: all('SELECT external_key, display_name, team, site, program, role FROM agent ORDER BY external_key'),
    dayUsage: all('SELECT day, agents, started, hex(data) AS data, hex(extra) AS extra FROM day_usage ORDER BY day'),
    concurrency: all('SELECT utc_day, hex(levels) AS levels FROM concurrency_day ORDER BY utc_day'),
  };
}

let files = 0;
async function importRendering(engine: Engine, sessions: Session[], rendering: Rendering) {
  files += 1;
  const path = writeFile(dir, `property-${files}.csv`, render(sessions, rendering));
  const job = await importFile(engine, path, { timeZone: rendering.zone });
  expect(job.state, job.error?.message).toBe('done');
  return job;
}

describe('generic CSV round trip (property)', () => {
  it('any encoding, delimiter, line ending, date format and zone gives back the same sessions', async () => {
    await fc.assert(
      fc.asyncProperty(sessionsArb, renderingArb, async (generated, rendering) => {
        const sessions = unambiguous(generated, rendering);
        fc.pre(sessions.length > 0);
        await withEngine(async (engine) => {
          const job = await importRendering(engine, sessions, rendering);
          expect(job.result).toMatchObject({ format: 'generic-csv', rejected: 0, sessionsAdded: sessions.length });
          expect(sessionsOf(engine)).toEqual(expected(sessions));
          const names = engine.db.prepare('SELECT external_key, display_name FROM agent').all() as Array<{ external_key: string; display_name: string }>;
          for (const { external_key, display_name } of names) {
            expect(display_name).toBe(AGENTS.find((a) => agentKeyOf(a.id) === external_key)!.name);
          }
        });
      }),
      { numRuns: 40 },
    );
  });

  it('importing twice, or two overlapping slices, leaves the same database as importing once', async () => {
    await fc.assert(
      fc.asyncProperty(
        sessionsArb,
        renderingArb,
        renderingArb,
        renderingArb,
        fc.nat(),
        fc.nat(),
        async (generated, r1, r2, r3, cutA, cutB) => {
          // Only sessions every rendering can express exactly.
          const sessions = unambiguous(unambiguous(unambiguous(generated, r1), r2), r3);
          fc.pre(sessions.length > 0);
          const n = sessions.length;
          const overlapStart = cutA % n;
          const overlapEnd = overlapStart + 1 + (cutB % (n - overlapStart));
          const once = await withEngine(async (engine) => {
            await importRendering(engine, sessions, r1);
            return snapshot(engine);
          });
          const twice = await withEngine(async (engine) => {
            await importRendering(engine, sessions, r1);
            const second = await importRendering(engine, sessions, r2);
            expect(second.result).toMatchObject({ sessionsAdded: 0, duplicates: n });
            return snapshot(engine);
          });
          const slices = await withEngine(async (engine) => {
            await importRendering(engine, sessions.slice(0, overlapEnd), r2);
            await importRendering(engine, sessions.slice(overlapStart), r3);
            return snapshot(engine);
          });
          expect(twice).toEqual(once);
          expect(slices).toEqual(once);
        },
      ),
      { numRuns: 15 },
    );
  });
});

// The demo dataset is committed output of scripts/generate-demo.mjs. These tests regenerate it into a
// temporary folder and check that it still matches and still tells the story the demo relies on.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMMITTED_DIR = path.join(REPO_ROOT, 'resources', 'demo');
const FILES = ['demo-sessions.csv.gz', 'demo-roster.csv', 'README.md'];
const SESSIONS_HEADER = 'agent_id,agent_name,team,site,role,login,logout';
const ROSTER_HEADER = 'agent_id,agent_name,team,site,role,created,deactivated';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface Session {
  agentId: string;
  login: string;
  logout: string;
  loginMs: number;
  logoutMs: number;
}

/** Splits one CSV line, honouring double-quoted fields the way the generator writes them. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Header line and rows of a CSV file that ends with a newline. */
function readCsv(text: string): { header: string; rows: string[][] } {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const [header = '', ...body] = lines;
  return { header, rows: body.map(splitCsvLine) };
}

function parseSessions(rows: string[][]): Session[] {
  // A plain check rather than expect() per row: 150k expect calls would dominate the test's run time.
  const malformed = rows.findIndex((fields) => fields.length !== 7);
  expect(malformed, `session row ${malformed + 1} does not have 7 fields`).toBe(-1);
  return rows.map(([agentId = '', , , , , login = '', logout = '']) =>
    ({ agentId, login, logout, loginMs: Date.parse(login), logoutMs: Date.parse(logout) }));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const monthFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit' });

/** Distinct agents with a session starting in each local month (YYYY-MM). */
function monthlyActiveAgents(sessions: Session[]): Map<string, number> {
  const agentsByMonth = new Map<string, Set<string>>();
  for (const session of sessions) {
    const month = monthFormatter.format(new Date(session.loginMs));
    const agents = agentsByMonth.get(month) ?? new Set<string>();
    agents.add(session.agentId);
    agentsByMonth.set(month, agents);
  }
  return new Map([...agentsByMonth].map(([month, agents]) => [month, agents.size]));
}

/** Mean of the monthly counts for the given calendar months (e.g. ['02', '03']) across all years. */
function averageFor(active: Map<string, number>, calendarMonths: string[]): number {
  const counts = [...active].filter(([month]) => calendarMonths.includes(month.slice(5))).map(([, count]) => count);
  expect(counts.length).toBeGreaterThan(0);
  return counts.reduce((sum, count) => sum + count, 0) / counts.length;
}

describe('scripts/generate-demo.mjs', () => {
  let outDir = '';
  let sessions: Session[] = [];
  let rosterIds: string[] = [];
  let active = new Map<string, number>();

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'seatcast-demo-'));
    execFileSync(process.execPath, ['scripts/generate-demo.mjs', '--out', outDir], { cwd: REPO_ROOT, stdio: 'pipe' });

    const sessionsCsv = readCsv(gunzipSync(readFileSync(path.join(outDir, 'demo-sessions.csv.gz'))).toString('utf8'));
    expect(sessionsCsv.header).toBe(SESSIONS_HEADER);
    sessions = parseSessions(sessionsCsv.rows);

    const rosterCsv = readCsv(readFileSync(path.join(outDir, 'demo-roster.csv'), 'utf8'));
    expect(rosterCsv.header).toBe(ROSTER_HEADER);
    rosterIds = rosterCsv.rows.map(([agentId = '']) => agentId);
    active = monthlyActiveAgents(sessions);
  }, 30_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it.each(FILES)('regenerates %s byte for byte as committed', (file) => {
    const generated = readFileSync(path.join(outDir, file));
    const committed = readFileSync(path.join(COMMITTED_DIR, file));
    if (file.endsWith('.gz')) {
      // Compare the content first so that drift in the data reads differently from a gzip encoder change.
      expect(sha256(gunzipSync(generated)), 'session content differs: rerun npm run demo:generate').toBe(sha256(gunzipSync(committed)));
    }
    expect(sha256(generated), `${file} differs: rerun npm run demo:generate`).toBe(sha256(committed));
  });

  it('provisions at least 550 accounts, of which at least 500 log in', () => {
    expect(new Set(rosterIds).size).toBe(rosterIds.length);
    expect(rosterIds.length).toBeGreaterThanOrEqual(550);
    expect(new Set(sessions.map((session) => session.agentId)).size).toBeGreaterThanOrEqual(500);
  });

  it('covers at least 24 local months', () => {
    expect(active.size).toBeGreaterThanOrEqual(24);
  });

  it('peaks in tax season and open enrollment compared with summer', () => {
    const summer = averageFor(active, ['06', '07', '08']);
    expect(averageFor(active, ['02', '03', '04'])).toBeGreaterThanOrEqual(summer * 1.25);
    expect(averageFor(active, ['11', '12'])).toBeGreaterThan(summer);
  });

  it('has roster accounts that never log in, and no session without a roster account', () => {
    const activeIds = new Set(sessions.map((session) => session.agentId));
    const roster = new Set(rosterIds);
    expect(rosterIds.filter((id) => !activeIds.has(id)).length).toBeGreaterThan(0);
    expect([...activeIds].filter((id) => !roster.has(id))).toEqual([]);
  });

  it('has sessions starting on every DST change day of the span', () => {
    const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
    const loginDays = new Set(sessions.map((session) => dayFormatter.format(new Date(session.loginMs))));
    for (const changeDay of ['2024-03-10', '2024-11-03', '2025-03-09', '2025-11-02']) expect(loginDays).toContain(changeDay);
  });

  it('writes parseable UTC instants with every logout after its login, sorted by login then agent', () => {
    const bad = sessions.filter((session) => !INSTANT.test(session.login) || !INSTANT.test(session.logout)
      || Number.isNaN(session.loginMs) || Number.isNaN(session.logoutMs)
      // Date.parse accepts 2024-02-30; the round trip does not.
      || new Date(session.loginMs).toISOString() !== session.login.replace('Z', '.000Z')
      || session.logoutMs <= session.loginMs);
    expect(bad.slice(0, 5)).toEqual([]);

    const unsorted = sessions.findIndex((session, i) => {
      const previous = sessions[i - 1];
      return previous !== undefined && (previous.loginMs > session.loginMs
        || (previous.loginMs === session.loginMs && previous.agentId >= session.agentId));
    });
    expect(unsorted).toBe(-1);
  });
});

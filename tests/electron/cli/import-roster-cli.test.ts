import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { parseCsv } from '../../../shared/report/cells';
import { csv, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';
import { zipOf } from '../../support/zip-builder';
import { fixture } from '../../fixtures/import/harness';

const dir = tempDir();

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { json: false, out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

/** The keys issue #3 fixes for `seatcast import --json`; more are allowed. */
const CONTRACT_KEYS = ['file', 'format', 'rowsRead', 'sessionsAdded', 'duplicates', 'rejected', 'errors'];

function expectContract(entry: Record<string, unknown>) {
  expect(Object.keys(entry)).toEqual(expect.arrayContaining(CONTRACT_KEYS));
  for (const key of ['rowsRead', 'sessionsAdded', 'duplicates', 'rejected']) expect(Number.isInteger(entry[key])).toBe(true);
  expect(typeof entry.file).toBe('string');
  expect(typeof entry.format).toBe('string');
  for (const error of entry.errors as Array<Record<string, unknown>>) {
    expect(Number.isInteger(error.line)).toBe(true);
    expect(typeof error.message).toBe('string');
  }
}

describe('seatcast import: the JSON contract over every container', () => {
  it('imports a workbook, a zip and a CSV in one call (exit 0), each entry in the contract shape', async () => {
    const db = join(dir, 'containers.db');
    const { code, text } = await cli([
      'import',
      fixture('genesys-cloud-agent-login-logout.xlsx'),
      fixture('five9-agent-login-logout.zip'),
      fixture('cisco-uccx-agent-login-logout.csv'),
      '--db',
      db,
      '--tz',
      'America/Chicago',
      '--json',
    ]);
    expect(code).toBe(0);
    const { imports } = JSON.parse(text) as { imports: Array<Record<string, unknown>> };
    expect(imports).toHaveLength(3);
    imports.forEach(expectContract);
    expect(imports.map((i) => [i.file, i.format, i.rowsRead, i.sessionsAdded, i.duplicates, i.rejected])).toEqual([
      ['genesys-cloud-agent-login-logout.xlsx', 'genesys-cloud-login-logout-details', 7, 5, 0, 1],
      ['five9-agent-login-logout.zip', 'five9-login-logout', 5, 5, 0, 0],
      ['cisco-uccx-agent-login-logout.csv', 'cisco-uccx-login-logout', 4, 4, 0, 0],
    ]);
    expect(imports[0]!.errors).toEqual([{ line: 12, field: 'logout', message: expect.stringMatching(/is before login/) }]);
  });

  it('exit 2 when any file is refused (a zip bomb, a multi-file archive); the others still import', async () => {
    const db = join(dir, 'refused.db');
    const bomb = writeFile(dir, 'bomb.zip', zipOf([{ name: 'logins.csv', data: Buffer.alloc(8 * 1024 * 1024, 0x20) }]));
    const two = writeFile(dir, 'two.zip', zipOf([{ name: 'a.csv', data: Buffer.from('x') }, { name: 'b.csv', data: Buffer.from('y') }]));
    const { code, text } = await cli(['import', bomb, fixture('five9-agent-login-logout.csv'), two, '--db', db, '--tz', 'America/Los_Angeles', '--json']);
    expect(code).toBe(2);
    const { imports } = JSON.parse(text) as { imports: Array<Record<string, unknown>> };
    imports.forEach(expectContract);
    expect(imports.map((i) => i.status)).toEqual(['refused', 'imported', 'refused']);
    expect(imports[0]!.errors).toEqual([{ line: 0, message: expect.stringMatching(/bomb\.zip was refused: logins\.csv would inflate/) }]);
    expect(imports[2]!.errors).toEqual([{ line: 0, message: expect.stringMatching(/two\.zip holds 2 files/) }]);
    // Without --json: a readable table and the reasons.
    const table = await cli(['import', bomb, '--db', db]);
    expect(table.code).toBe(2);
    expect(table.text).toMatch(/bomb\.zip\s+\|?\s*refused/);
    expect(table.text).toMatch(/zip bomb/);
  });

  it('--rejects FILE writes the rejected rows as CSV; it takes one input file', async () => {
    const db = join(dir, 'rejects.db');
    const out = join(dir, 'rejected.csv');
    const file = writeFile(dir, 'some-bad.csv', csv('agent_id,login,logout', ['a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z', 'b,2025-03-04T14:00:00Z,oops']));
    const { code, text } = await cli(['import', file, '--db', db, '--rejects', out, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(text).imports[0]).toMatchObject({ rejected: 1, rejectsFile: out });
    expect(parseCsv(readFileSync(out, 'utf8'))).toEqual([
      ['Line', 'Field', 'Reason', 'agent_id', 'login', 'logout'],
      ['3', 'logout', 'logout: "oops" is not a date and time', 'b', '2025-03-04T14:00:00Z', 'oops'],
    ]);
    await expect(runCli(['import', file, file, '--db', db, '--rejects', out])).rejects.toThrow(/--rejects takes one import file at a time/);
  });
});

describe('seatcast roster', () => {
  it('imports a roster file and checks it against the sessions', async () => {
    const db = join(dir, 'roster.db');
    expect((await cli(['import', fixture('five9-agent-login-logout.csv'), '--db', db, '--tz', 'America/Los_Angeles'])).code).toBe(0);
    const file = writeFile(dir, 'accounts.csv', csv('agent_id,agent_name,role,created,deactivated', ['maria.lopez@acme.example,Maria Lopez,agent,2024-01-02,', 'idle@acme.example,Idle Account,agent,2024-01-02,', ',No Id,agent,,']));
    const imported = await cli(['roster', file, '--db', db, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.text)).toMatchObject({ format: 'generic-csv', rowsRead: 3, added: 2, rejected: 1, errors: [{ line: 4, field: 'id' }] });
    const check = JSON.parse((await cli(['roster', '--check', '--db', db, '--json'])).text);
    expect(check).toMatchObject({
      accounts: 2,
      neverLoggedIn: [{ agent: 'idle@acme.example', name: 'Idle Account' }],
      missingFromRosterCount: 2,
      missingFromRoster: [{ agent: 'sam.ito@acme.example' }, { agent: 'tom.nguyen@acme.example' }],
    });
    const human = await cli(['roster', '--check', '--db', db]);
    expect(human.text).toMatch(/Roster: 2 accounts \(2 active, 0 deactivated\)\.[\s\S]*Never logged in: 1[\s\S]*idle@acme\.example[\s\S]*missing from the roster: 2/);
    await expect(runCli(['roster', '--db', db])).rejects.toThrow(/needs a roster file, or --check/);
  });
});

describe('seatcast import exit codes in a real process', () => {
  it('exit 0 for a workbook, 2 for a refused archive', () => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-node.mjs')], { cwd: repoRoot });
    const db = join(dir, 'process.db');
    const bin = join(repoRoot, 'bin', 'seatcast.cjs');
    const ok = spawnSync(process.execPath, [bin, 'import', fixture('generic-logins.xlsx'), '--db', db, '--tz', 'UTC', '--json'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).imports[0]).toMatchObject({ format: 'generic-csv', sessionsAdded: 3 });
    const bomb = writeFile(dir, 'bomb2.zip', zipOf([{ name: 'logins.csv', data: Buffer.alloc(8 * 1024 * 1024, 0x20) }]));
    const refused = spawnSync(process.execPath, [bin, 'import', bomb, '--db', db, '--json'], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout).imports[0].status).toBe('refused');
  });
});

describe('seatcast import on two threads in a real process', () => {
  const partScript = join(repoRoot, 'dist', 'cli', 'import-part-worker.cjs');
  it.skipIf(!existsSync(partScript))('reads two files in parts, their cubes derived on the helper thread the entry starts, as one thread reads them (needs `npm run build`)', () => {
    const files = [1, 2].map((n) => {
      const rows = Array.from({ length: 3000 }, (_, i) => {
        const start = Date.UTC(2025, n, 1) + i * 7 * 60_000;
        return [`ag${(i * 7 + n) % 40}`, `Agent ${(i * 7 + n) % 40}`, new Date(start).toISOString(), new Date(start + (25 + (i % 50)) * 60_000).toISOString()].join(',');
      });
      return writeFile(dir, `two-threads-${n}.csv`, csv('agent_id,agent_name,login,logout', rows));
    });
    const bin = join(repoRoot, 'bin', 'seatcast.cjs');
    const importAll = (db: string, env: Record<string, string>) => {
      const run = spawnSync(process.execPath, [bin, 'import', ...files, '--db', db, '--tz', 'UTC', '--json'], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { imports: unknown[] };
    };
    const split = join(dir, 'two-threads.db');
    const single = join(dir, 'one-thread.db');
    const splitOut = importAll(split, { SEATCAST_IMPORT_PARTS_MIN_BYTES: '1', SEATCAST_IMPORT_CUBE_WORKER: '1' });
    const singleOut = importAll(single, { SEATCAST_IMPORT_PARTS_MIN_BYTES: '1e15', SEATCAST_IMPORT_CUBE_WORKER: '0' });
    expect(splitOut).toEqual(singleOut);
    expect(splitOut.imports).toHaveLength(2);
    const contents = (path: string) => {
      const db = new Database(path, { readonly: true });
      const all = (sql: string) => db.prepare(sql).raw().all();
      const result = {
        agents: all('SELECT id, external_key, display_name FROM agent ORDER BY id'),
        sessions: all('SELECT start_ms, agent_id, end_ms, flags, import_id, source_line FROM session ORDER BY start_ms, agent_id'),
        days: all('SELECT day, agents, started, hex(data), hex(extra) FROM day_usage ORDER BY day'),
        levels: all('SELECT utc_day, hex(levels) FROM concurrency_day ORDER BY utc_day'),
      };
      db.close();
      return result;
    };
    const cut = contents(split);
    expect(cut.sessions).toHaveLength(6000);
    expect(cut).toEqual(contents(single));
  }, 60_000);
});

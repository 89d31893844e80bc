import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, runCli } from '../../../electron/cli/index';
import { csv, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { json: false, out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

describe('seatcast report / verify / keys / audit / purge', () => {
  it('exports each format, verifies it (exit 0), and fails an edited copy (exit 1) naming the figure', async () => {
    const db = join(dir, 'r.db');
    const file = writeFile(dir, 'logins.csv', csv('agent_id,name,login,logout', ['a1,Ann,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z', 'a2,Bo,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z']));
    expect((await cli(['import', file, '--db', db, '--tz', 'UTC'])).code).toBe(0);
    const plan = join(repoRoot, 'resources/plans/dust-style-monthly-active.json');
    for (const format of ['csv', 'xlsx', 'pdf', 'json']) {
      const out = join(dir, `march.${format}`);
      const made = await cli(['report', '--period', '2025-03', '--format', format, '--plan', plan, '--out', out, '--db', db, '--json']);
      expect(made.code, made.text).toBe(0);
      expect(JSON.parse(made.text)).toMatchObject({ format, from: '2025-03-01', to: '2025-04-01', agents: 2, pseudonymised: true, signed: false });
      const verified = await cli(['verify', out, '--db', db]);
      expect(verified.code, verified.text).toBe(0);
      expect(verified.text).toContain('Confirmed');
    }
    const edited = readFileSync(join(dir, 'march.csv'), 'utf8').replace(/^(2025-03-01,2025-04-01,)2,/m, '$13,');
    expect(edited).not.toBe(readFileSync(join(dir, 'march.csv'), 'utf8'));
    writeFileSync(join(dir, 'edited.csv'), edited);
    const failed = await cli(['verify', join(dir, 'edited.csv'), '--db', db, '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.text).differences).toEqual([{ where: 'Figures, row 1 (2025-03-01), “Active agents”', found: '"3"', expected: '"2"' }]);
  });

  it('signs with --sign; the exported public key verifies it, another key does not', async () => {
    const db = join(dir, 's.db');
    const file = writeFile(dir, 's.csv', csv('agent_id,login,logout', ['x,2025-05-03T14:00:00Z,2025-05-03T22:00:00Z']));
    await cli(['import', file, '--db', db]);
    const out = join(dir, 'signed.json');
    expect((await cli(['report', '--from', '2025-05-01', '--to', '2025-06-01', '--format', 'json', '--sign', '--names', '--out', out, '--db', db])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).agents[0].agent).toBe('x');
    const pem = join(dir, 'key.pem');
    const keys = await cli(['keys', '--export-public', pem, '--db', db]);
    expect(keys.code).toBe(0);
    expect(readFileSync(pem, 'utf8')).toContain('BEGIN PUBLIC KEY');
    const good = await cli(['verify', out, '--db', db, '--public-key', pem]);
    expect(good.code, good.text).toBe(0);
    expect(good.text).toContain('Signature: valid');
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    const bad = await cli(['verify', out, '--db', db, '--public-key', other]);
    expect(bad.code).toBe(1);
    expect(bad.text).toContain('Signature: invalid');

    const audit = await cli(['audit', '--verify', '--db', db]);
    expect(audit).toEqual({ code: 0, text: expect.stringMatching(/^Audit chain intact: 3 entries\.$/) });
    const log = JSON.parse((await cli(['audit', '--json', '--db', db])).text);
    expect(log.entries.map((e: { action: string }) => e.action)).toEqual(['import', 'export', 'key-export']);
  });

  it('purge is a dry run without --yes', async () => {
    const db = join(dir, 'p.db');
    await cli(['import', writeFile(dir, 'p.csv', csv('agent_id,login,logout', ['old,2020-01-03T14:00:00Z,2020-01-03T22:00:00Z', 'new,2099-01-03T14:00:00Z,2099-01-03T22:00:00Z'])), '--db', db]);
    const dry = await cli(['purge', '--months', '12', '--db', db, '--json']);
    expect(JSON.parse(dry.text)).toMatchObject({ dryRun: true, sessions: 1 });
    const done = await cli(['purge', '--months', '12', '--yes', '--db', db, '--json']);
    expect(JSON.parse(done.text)).toMatchObject({ sessionsRemoved: 1, agentsRemoved: 1 });
  });

  it('refuses bad usage with exit 2', async () => {
    expect(await main(['report', '--period', '2025-13', '--format', 'pdf', '--out', join(dir, 'x.pdf'), '--db', join(dir, 'u.db')])).toBe(2);
    expect(await main(['report', '--period', '2025-03', '--format', 'docx', '--out', join(dir, 'x.pdf'), '--db', join(dir, 'u.db')])).toBe(2);
    expect(await main(['verify', join(dir, 'missing.pdf'), '--db', join(dir, 'u.db')])).toBe(2);
  });
});

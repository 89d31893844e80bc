/**
 * `seatcast import --format NAME` accepts every preset id the app knows (shared/import/presets/ids.ts),
 * `seatcast import --help` lists them all, and `seatcast imports --json` lists each import with the
 * same facts the Imports screen shows (imports:list: file, preset, zone, counts, span, flags, notes).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { createEngine } from '../../../electron/engine/engine';
import { PRESET_IDS, type PresetId } from '../../../shared/import/presets/ids';
import { csv, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';
import { fixture } from '../../fixtures/import/harness';

const dir = tempDir();

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { json: false, out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

/** One committed fixture per preset, read with the preset forced instead of detected. */
const FIXTURE_OF: Record<PresetId, string> = {
  'generic-csv': 'generic-logins-semicolon.csv',
  'amazon-connect-login-logout': 'amazon-connect-login-logout.csv',
  'amazon-connect-agent-events': 'amazon-connect-agent-events.json',
  'five9-login-logout': 'five9-agent-login-logout.csv',
  'genesys-cloud-user-details': 'genesys-cloud-user-details.json',
  'genesys-cloud-login-logout-details': 'genesys-cloud-agent-login-logout.xlsx',
  'nice-cxone-agent-state-log': 'nice-cxone-agent-state-log.csv',
  'okta-system-log': 'okta-system-log.csv',
  'okta-system-log-json': 'okta-system-log.json',
  'entra-sign-ins': 'entra-sign-ins.csv',
  'google-workspace-login': 'google-workspace-login.json',
  'twilio-taskrouter-events': 'twilio-taskrouter-events.json',
  'talkdesk-user-status': 'talkdesk-user-status.json',
  'zoom-cc-status-history': 'zoom-cc-status-history.json',
  'dynamics365-agent-status': 'dynamics365-agent-status.json',
  'cisco-uccx-login-logout': 'cisco-uccx-agent-login-logout.csv',
  'avaya-cms-login-logout': 'avaya-cms-agent-login-logout.txt',
};

describe('seatcast import --format and seatcast imports', () => {
  it('has a fixture for every preset id (a new preset must be added here)', () => {
    expect(Object.keys(FIXTURE_OF).sort()).toEqual([...PRESET_IDS].sort());
  });

  it.each(PRESET_IDS.map((id) => [id]))('--format %s is accepted and reads its own export', async (id) => {
    const { code, text } = await cli(['import', fixture(FIXTURE_OF[id]), '--format', id, '--tz', 'America/Chicago', '--db', join(dir, `${id}.db`), '--json']);
    const [result] = JSON.parse(text).imports;
    expect(code, JSON.stringify(result.errors)).toBe(0);
    expect(result).toMatchObject({ format: id, status: 'imported' });
    expect(result.sessionsAdded).toBeGreaterThan(0);
  });

  it('--format auto is accepted too, and --help lists auto and every preset id', async () => {
    const auto = await cli(['import', fixture('five9-agent-login-logout.csv'), '--format', 'auto', '--db', join(dir, 'auto.db'), '--json']);
    expect(auto.code).toBe(0);
    expect(JSON.parse(auto.text).imports[0].format).toBe('five9-login-logout');
    const { code, text } = await cli(['import', '--help']);
    expect(code).toBe(0);
    expect(text).toMatch(/--format NAME\|auto/);
    const listed = /Formats: (.*)/.exec(text)![1]!.split(/,\s*/);
    expect(listed).toEqual([...PRESET_IDS]);
  });

  it('seatcast imports --json gives the same records as the Imports screen (imports:list), flags and notes included', async () => {
    const db = join(dir, 'listed.db');
    await cli(['import', fixture('cisco-uccx-agent-login-logout.csv'), fixture('five9-agent-login-logout.csv'), '--tz', 'America/Chicago', '--db', db]);
    const { code, text } = await cli(['imports', '--db', db, '--json']);
    expect(code).toBe(0);
    const { imports } = JSON.parse(text);
    const engine = await createEngine({ databasePath: db, resourcesDir: join(repoRoot, 'resources'), runtime: 'in-process', version: 'test', loadDemo: false });
    try {
      expect(imports).toEqual(await engine.handlers['imports:list']({}));
    } finally {
      engine.close();
    }
    expect(imports).toHaveLength(2);
    for (const record of imports) {
      for (const key of ['importId', 'file', 'format', 'timeZone', 'rowsRead', 'sessionsAdded', 'duplicates', 'rejected', 'spanStart', 'spanEnd', 'importedAt', 'flagged']) {
        expect(record, key).toHaveProperty(key);
      }
    }
    const cisco = imports.find((i: { format: string }) => i.format === 'cisco-uccx-login-logout');
    expect(cisco.warnings[0]).toMatch(/by name only/);
    const table = await cli(['imports', '--db', db]);
    expect(table.text).toMatch(/Span/);
    expect(table.text).toContain(cisco.spanStart);
  });

  it('seatcast import --json says which sessions were flagged, only when some were', async () => {
    const file = writeFile(dir, 'open.csv', csv('agent_id,login,logout', ['a,2025-03-03 09:00,2025-03-03 17:00', 'b,2025-03-03 10:00,']));
    const { text } = await cli(['import', file, '--db', join(dir, 'flagged.db'), '--json']);
    expect(JSON.parse(text).imports[0].flagged).toEqual({ openCapped: 1, zeroLength: 0, dstResolved: 0 });
    const cleanFile = writeFile(dir, 'clean.csv', csv('agent_id,login,logout', ['a,2025-03-03 09:00,2025-03-03 17:00']));
    const clean = await cli(['import', cleanFile, '--db', join(dir, 'clean.db'), '--json']);
    expect(JSON.parse(clean.text).imports[0]).not.toHaveProperty('flagged');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import { tempDir } from '../../support/engine-fixtures';
import { fixture } from '../../fixtures/import/harness';

const dir = tempDir();

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, { json: false, out: (t) => lines.push(t) });
  return { code, text: lines.join('\n') };
}

describe('seatcast import --format', () => {
  it('auto-detects presets and reports the preset id; warnings appear in JSON and in the table', async () => {
    const db = join(dir, 'auto.db');
    const { code, text } = await cli(['import', fixture('genesys-cloud-user-details.json'), fixture('cisco-uccx-agent-login-logout.csv'), '--db', db, '--json', '--tz', 'America/Chicago']);
    expect(code).toBe(0);
    const { imports } = JSON.parse(text);
    expect(imports.map((i: { format: string }) => i.format)).toEqual(['genesys-cloud-user-details', 'cisco-uccx-login-logout']);
    expect(imports[1].warnings[0]).toMatch(/by name only/);
    const table = await cli(['import', fixture('cisco-uccx-agent-login-logout.csv'), '--db', join(dir, 'table.db')]);
    expect(table.text).toMatch(/cisco-uccx-agent-login-logout\.csv: This report identifies agents by name only/);
  });

  it('accepts a preset id, refuses a file that is not that preset (exit 2), and rejects unknown names', async () => {
    const db = join(dir, 'forced.db');
    const forced = await cli(['import', fixture('five9-agent-login-logout.csv'), '--format', 'five9-login-logout', '--tz', 'America/Los_Angeles', '--db', db, '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.text).imports[0]).toMatchObject({ format: 'five9-login-logout', sessionsAdded: 5 });
    const wrong = await cli(['import', fixture('okta-system-log.csv'), '--format', 'five9-login-logout', '--db', db, '--json']);
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.text).imports[0].errors[0].message).toMatch(/is not Five9/);
    await expect(cli(['import', fixture('okta-system-log.csv'), '--format', 'excel', '--db', db])).rejects.toThrow(/"excel" is not a known format.*okta-system-log/);
  });

  it('lists the formats in the help', async () => {
    const { text } = await cli(['import', '--help']);
    expect(text).toMatch(/Formats: generic-csv, amazon-connect-login-logout,.*avaya-cms-login-logout/s);
  });
});

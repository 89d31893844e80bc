import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSample } from '../../../electron/engine/import/sample';
import { openTextSource, sniffEncoding } from '../../../electron/engine/import/text-source';
import { PRESET_IDS } from '../../../shared/import/presets/ids';
import { choosePreset, PRESETS, rankPresets, registryMatchesIds } from '../../../shared/import/presets/registry';
import { dispatch } from '../../../shared/dispatch';
import { csv, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { fixture, fixturesDir, importFile, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();

const expectedPreset: Record<string, string> = {
  'amazon-connect-login-logout.csv': 'amazon-connect-login-logout',
  'amazon-connect-agent-events.json': 'amazon-connect-agent-events',
  'amazon-connect-agent-events.ndjson': 'amazon-connect-agent-events',
  'amazon-connect-agent-events-firehose': 'amazon-connect-agent-events',
  'amazon-connect-agent-events-firehose.gz': 'amazon-connect-agent-events',
  'five9-agent-login-logout.csv': 'five9-login-logout',
  'five9-agent-login-logout-excel.txt': 'five9-login-logout',
  'genesys-cloud-user-details.json': 'genesys-cloud-user-details',
  'nice-cxone-agent-state-log.csv': 'nice-cxone-agent-state-log',
  'nice-cxone-agent-state-log_20240716.csv': 'nice-cxone-agent-state-log',
  'okta-system-log.csv': 'okta-system-log',
  'okta-system-log.json': 'okta-system-log-json',
  'entra-sign-ins.csv': 'entra-sign-ins',
  'google-workspace-login.json': 'google-workspace-login',
  'twilio-taskrouter-events.json': 'twilio-taskrouter-events',
  'talkdesk-user-status.json': 'talkdesk-user-status',
  'zoom-cc-status-history.json': 'zoom-cc-status-history',
  'dynamics365-agent-status.json': 'dynamics365-agent-status',
  'cisco-uccx-agent-login-logout.csv': 'cisco-uccx-login-logout',
  'cisco-ucce-agent-logout-historical.csv': 'cisco-uccx-login-logout',
  'avaya-cms-agent-login-logout.txt': 'avaya-cms-login-logout',
  'avaya-cms-haglog.txt': 'avaya-cms-login-logout',
  'genesys-cloud-agent-login-logout.xlsx': 'genesys-cloud-login-logout-details',
  'generic-logins.xlsx': 'generic-csv',
  'generic-logins-semicolon.csv': 'generic-csv',
  'five9-agent-login-logout.zip': 'five9-login-logout',
};

/** Workbooks and archives go through the import's own text source (checked, unwrapped, as CSV). */
async function decodeContainer(name: string): Promise<string> {
  const source = openTextSource(fixture(name), name, { onBytes: () => undefined });
  let text = '';
  for await (const chunk of source.text) text += chunk as string;
  return text;
}

function decode(name: string): string {
  let bytes = readFileSync(fixture(name));
  if (name.endsWith('.gz')) bytes = gunzipSync(bytes);
  const sniffed = sniffEncoding(bytes);
  return new TextDecoder(sniffed.encoding).decode(bytes.subarray(sniffed.bomLength));
}

describe('preset registry and detection', () => {
  it('lists exactly the preset ids the contract accepts, each once', () => {
    expect(registryMatchesIds()).toBe(true);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESET_IDS.length);
  });

  it('every committed fixture is what its generator writes', () => {
    expect(execFileSync(process.execPath, [fixture('make-fixtures.mjs'), '--check'], { encoding: 'utf8' })).toMatch(/fixtures up to date/);
  });

  it('every fixture has an expected preset', () => {
    const files = readdirSync(fixturesDir).filter((f) => !f.endsWith('.mjs') && !f.endsWith('.ts'));
    expect(files.sort()).toEqual(Object.keys(expectedPreset).sort());
  });

  it.each(Object.entries(expectedPreset))('%s is recognised as %s, ahead of every other preset', async (name, id) => {
    const text = /\.(xlsx|zip)$/.test(name) ? await decodeContainer(name) : decode(name);
    const ranking = rankPresets(buildSample(text, true, name));
    expect(ranking[0]?.preset.id).toBe(id);
    if (ranking[1]) expect(ranking[0]!.detection.score).toBeGreaterThan(ranking[1].detection.score);
  });

  it('a forced preset of the wrong container, and an unknown JSON file, are refused with what was expected', () => {
    const csvSample = buildSample(decode('five9-agent-login-logout.csv'), true, 'x.csv');
    expect(choosePreset(csvSample, 'genesys-cloud-user-details')).toEqual({ ok: false, message: expect.stringMatching(/delimited text file.*Genesys Cloud.*read from JSON/) });
    const jsonSample = buildSample('[{"invoice": 1, "amount": 10}]', true, 'x.json');
    expect(choosePreset(jsonSample, 'auto')).toEqual({
      ok: false,
      message: expect.stringMatching(/not a known agent-state or sign-in export \(its records have the fields "invoice", "amount"\).*Amazon Connect — agent event stream.*Genesys Cloud/),
    });
  });

  it('refuses, through the engine, JSON documentation samples with comments and JSON that matches nothing', async () => {
    const engine = await freshEngine(dir);
    const sample = await importFile(engine, writeFile(dir, 'sample.json', '{\n  "AgentARN": "arn", // the agent\n  "EventType": "LOGIN"\n}\n'));
    expect(sample.error?.message).toMatch(/sample\.json: line 2: the JSON contains \/\/ comments/);
    const other = await importFile(engine, writeFile(dir, 'other.ndjson', '{"a":1}\n{"a":2}\n'));
    expect(other.error?.message).toMatch(/other\.ndjson: This JSON file is not a known agent-state or sign-in export/);
    const csv = await importFile(engine, writeFile(dir, 'other.csv', 'Invoice,Amount\n1,2\n'));
    expect(csv.error?.message).toMatch(/Columns found: "Invoice", "Amount"\. Exports recognised without a mapping: Amazon Connect — Login\/Logout report/);
  });
});

describe('imports:start request options', () => {
  it('validates format, loggedInStates and dateOrder through the contract', async () => {
    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(fixture('five9-agent-login-logout.csv'));
    const bad = await dispatch(engine.handlers, 'imports:start', { fileId, format: 'five9' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await dispatch(engine.handlers, 'imports:start', { fileId, loggedInStates: [] })).ok).toBe(false);
    expect((await dispatch(engine.handlers, 'imports:start', { fileId, dateOrder: 'DDMMYY' })).ok).toBe(false);
    const good = await dispatch(engine.handlers, 'imports:start', { fileId, format: 'five9-login-logout', loggedInStates: ['Available'], dateOrder: 'MDY' });
    expect(good.ok).toBe(true);
  });

  it('dateOrder DMY reads day-first dates in a generic file', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(dir, 'dmy.csv', csv('agent_id,login,logout', ['x,03/04/2025 09:00,03/04/2025 17:00']));
    const job = await importFile(engine, path, { dateOrder: 'DMY', timeZone: 'UTC' });
    expect(job.state, job.error?.message).toBe('done');
    expect(sessionsOf(engine)).toEqual(sessions(['x', '2025-04-03T09:00:00Z', '2025-04-03T17:00:00Z']));
  });

  it('the generic preset finds its header below banner lines', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(dir, 'banner.csv', csv('Agent sessions export', ['Generated 2025-03-01', '', 'agent_id,login,logout', 'y,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z']));
    const job = await importFile(engine, path);
    expect(job.result).toMatchObject({ format: 'generic-csv', sessionsAdded: 1, rowsRead: 1 });
  });
});

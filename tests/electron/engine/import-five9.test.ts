import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();

const expected = (mariaFirstEnd: string) =>
  sessions(
    ['maria.lopez@acme.example', '2024-03-08T16:00:00Z', mariaFirstEnd],
    // 22:00 PST to 06:00 PDT across the DST change: 7 hours.
    ['tom.nguyen@acme.example', '2024-03-10T06:00:00Z', '2024-03-10T13:00:00Z'],
    ['tom.nguyen@acme.example', '2024-03-11T16:00:00Z', '2024-03-12T00:00:00Z'],
    ['maria.lopez@acme.example', '2024-04-01T04:00:00Z', '2024-04-01T12:00:00Z'],
    // Blank logout: capped at the export's last timestamp.
    ['sam.ito@acme.example', '2024-04-01T11:00:00Z', '2024-04-01T12:00:00Z', 1],
  );

describe('Five9 Agent Login-Logout', () => {
  it('reads the CSV: uppercase headers, RFC 1123 timestamps in the report zone, the total row skipped', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    expect(job.result).toMatchObject({ format: 'five9-login-logout', rowsRead: 5, sessionsAdded: 5, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(expected('2024-03-09T00:30:12Z'));
    expect(agentNames(engine)['tom.nguyen@acme.example']).toBe('Tom Nguyen');
    expect(await monthlyActive(engine, 'America/Los_Angeles')).toEqual({ '2024-03': 2, '2024-04': 1 });
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-03': 2, '2024-04': 2 });
  });

  it('reads the same report re-saved by Excel as Unicode Text (UTF-16LE, tabs, Excel date formats)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('five9-agent-login-logout-excel.txt'), { timeZone: 'America/Los_Angeles' });
    expect(job.result).toMatchObject({ format: 'five9-login-logout', rowsRead: 5, sessionsAdded: 5, rejected: 0 });
    // Excel's display format dropped the seconds of 16:30:12.
    expect(sessionsOf(engine)).toEqual(expected('2024-03-09T00:30:00Z'));
    expect(await monthlyActive(engine, 'America/Los_Angeles')).toEqual({ '2024-03': 2, '2024-04': 1 });
  });

  it('is chosen over the generic reading, and can be forced or refused by name', async () => {
    const engine = await freshEngine(dir);
    const forced = await importFile(engine, fixture('five9-agent-login-logout.csv'), { format: 'five9-login-logout', timeZone: 'America/Los_Angeles' });
    expect(forced.result?.format).toBe('five9-login-logout');
    const wrong = await importFile(engine, fixture('amazon-connect-login-logout.csv'), { format: 'five9-login-logout' });
    expect(wrong.state).toBe('failed');
    expect(wrong.error?.message).toMatch(/not Five9 — Agent Login-Logout report.*expected a header row with AGENT, LOGIN TIMESTAMP/);
  });
});

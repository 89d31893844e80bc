import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();

describe('Cisco UCCX Agent Login Logout Activity (name-only)', () => {
  it('skips banners and footers, keys agents on their name and warns about it', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('cisco-uccx-agent-login-logout.csv'), { timeZone: 'America/Chicago' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'cisco-uccx-login-logout', rowsRead: 4, rejected: 0, sessionsAdded: 4 });
    expect(job.result?.warnings).toEqual([
      expect.stringMatching(/identifies agents by name only/),
      expect.stringMatching(/One name appears on several extensions \(ana diaz\)/),
    ]);
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['ana diaz', '2024-03-04T14:00:00Z', '2024-03-04T22:30:00Z'],
        ['ben ode', '2024-03-04T15:00:00Z', '2024-03-04T19:00:00Z'],
        ['ana diaz', '2024-03-05T14:00:00Z', '2024-03-05T18:00:00Z'],
        ['carla ruiz', '2024-03-05T16:00:00Z', '2024-03-05T18:00:00Z', 1],
      ),
    );
    expect(agentNames(engine)['ana diaz']).toBe('Ana Diaz');
    expect(await monthlyActive(engine, 'America/Chicago')).toEqual({ '2024-03': 3 });
  });
});

describe('Cisco UCCE agent logout historical (name-only)', () => {
  it('one session per login across media routing domains; the asterisked duration closes an incomplete session', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('cisco-ucce-agent-logout-historical.csv'), { timeZone: 'America/New_York' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'cisco-uccx-login-logout', rowsRead: 5, rejected: 0, sessionsAdded: 4, duplicates: 1 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['smith, jo', '2024-03-11T12:00:00Z', '2024-03-11T20:00:00Z'],
        ['wu, lee', '2024-03-12T02:00:00Z', '2024-03-12T10:30:00Z'],
        // 21:00 EDT plus the 03:00:00* that runs to the end of the window; flagged open.
        ['wu, lee', '2024-03-13T01:00:00Z', '2024-03-13T04:00:00Z', 1],
        ['diaz, ana', '2024-04-01T13:00:00Z', '2024-04-01T21:00:00Z'],
      ),
    );
    expect(agentNames(engine)['smith, jo']).toBe('Smith, Jo');
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-03': 2, '2024-04': 1 });
  });
});

describe('Avaya CMS Agent Login/Logout', () => {
  const expected = sessions(
    // "<": already logged in when the link came up — flagged start-clipped.
    ['1002', '2024-03-04T11:00:00Z', '2024-03-04T19:00:00Z', 16],
    ['1001', '2024-03-04T13:00:00Z', '2024-03-04T21:00:00Z'],
    // ">": logged out while the link was down — flagged end-inferred.
    ['1003', '2024-03-04T14:00:00Z', '2024-03-04T22:00:00Z', 8],
    ['1001', '2024-03-05T18:00:00Z', '2024-03-06T11:00:00Z', 1],
    ['1002', '2024-03-06T03:00:00Z', '2024-03-06T11:00:00Z'],
  );

  it.each(['avaya-cms-agent-login-logout.txt', 'avaya-cms-haglog.txt'])('%s: one session per login across splits, markers as flags', async (name) => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture(name), { timeZone: 'America/New_York' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'avaya-cms-login-logout', rowsRead: 6, rejected: 0, sessionsAdded: 5, duplicates: 1 });
    expect(sessionsOf(engine)).toEqual(expected);
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-03': 3 });
  });

  it('the Supervisor export keeps the names', async () => {
    const engine = await freshEngine(dir);
    await importFile(engine, fixture('avaya-cms-agent-login-logout.txt'), { timeZone: 'America/New_York' });
    expect(agentNames(engine)).toEqual({ '1001': 'Smith, Ann', '1002': 'Lee, Bo', '1003': 'Kim, Cy' });
  });
});

import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const arn = (n: number) => `arn:aws:connect:us-east-1:123456789012:instance/6f0c1b52-0a55-4c1e-9d53-2b1e0d5f7a10/agent/1b0d5a8e-${String(n).repeat(4)}-4a6e-9c3c-00000000000${n}`;

describe('Amazon Connect Login/Logout report', () => {
  it('reads locale dates in the report zone, keeps admins, folds username case, caps the open session', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('amazon-connect-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    expect(job.result).toMatchObject({ format: 'amazon-connect-login-logout', timeZone: 'America/Los_Angeles', rowsRead: 6, sessionsAdded: 6, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['rpatel', '2024-01-28T07:30:00Z', '2024-01-28T15:45:00Z'],
        ['jdoe', '2024-01-29T16:58:03Z', '2024-01-30T01:02:10Z'],
        ['admin.kim', '2024-01-29T17:15:00Z', '2024-01-29T17:20:30Z'],
        ['jdoe', '2024-01-30T16:55:00Z', '2024-01-31T00:58:00Z'],
        ['rpatel', '2024-02-01T06:00:00Z', '2024-02-01T14:00:00Z'],
        ['mchen', '2024-02-01T13:30:00Z', '2024-02-01T14:00:00Z', 1],
      ),
    );
    expect(agentNames(engine)).toMatchObject({ jdoe: 'Jane Doe', 'admin.kim': 'Kim Lee' });
    // Raj's Jan 31 22:00 PT login is January in Los Angeles but February in New York.
    expect(await monthlyActive(engine, 'America/Los_Angeles')).toEqual({ '2024-01': 3, '2024-02': 1 });
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-01': 3, '2024-02': 2 });
  });
});

describe('Amazon Connect agent event stream', () => {
  const expected = sessions(
    [arn(3), '2024-03-04T09:00:00Z', '2024-03-04T12:00:00Z'],
    // Only a LOGOUT: the session starts at the export's first timestamp, flagged start-clipped.
    [arn(4), '2024-03-04T09:00:00Z', '2024-03-04T10:00:00Z', 16],
    [arn(1), '2024-03-04T13:00:00Z', '2024-03-04T21:00:00Z'],
    // A second LOGIN without a LOGOUT: closed at the last non-heartbeat activity, flagged.
    [arn(2), '2024-03-04T14:00:00Z', '2024-03-04T18:30:00Z', 8],
    [arn(2), '2024-03-05T13:30:00Z', '2024-03-05T22:00:05Z', 1],
    [arn(1), '2024-03-05T16:00:00Z', '2024-03-05T22:00:00Z'],
  );

  it.each(['amazon-connect-agent-events.json', 'amazon-connect-agent-events.ndjson', 'amazon-connect-agent-events-firehose', 'amazon-connect-agent-events-firehose.gz'])(
    'rebuilds sessions from %s: heartbeats, configuration-only changes and duplicate EventIds dropped',
    async (name) => {
      const engine = await freshEngine(dir);
      const job = await importFile(engine, fixture(name));
      expect(job.state, job.error?.message).toBe('done');
      expect(job.result).toMatchObject({ format: 'amazon-connect-agent-events', rowsRead: 26, rejected: 0, sessionsAdded: 6, ignored: 8 });
      expect(job.result?.warnings?.join(' ')).toMatch(/5 heartbeats.*1 STATE_CHANGE events without a status change.*2 duplicate events/);
      expect(sessionsOf(engine)).toEqual(expected);
      expect(agentNames(engine)[arn(1)]).toBe('Ana Silva');
      expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-03': 4 });
    },
  );

  it('the three containers hold the same sessions: importing all of them adds nothing after the first', async () => {
    const engine = await freshEngine(dir);
    await importFile(engine, fixture('amazon-connect-agent-events.json'));
    const second = await importFile(engine, fixture('amazon-connect-agent-events.ndjson'));
    const third = await importFile(engine, fixture('amazon-connect-agent-events-firehose'));
    expect(second.result).toMatchObject({ sessionsAdded: 0, duplicates: 6 });
    expect(third.result).toMatchObject({ sessionsAdded: 0, duplicates: 6 });
    expect(sessionsOf(engine)).toEqual(expected);
  });

  it('an explicit logged-in states list replaces the default (Lunch then ends a session)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('amazon-connect-agent-events.ndjson'), { loggedInStates: ['Available', 'Break'] });
    expect(job.state, job.error?.message).toBe('done');
    const ana = sessionsOf(engine).filter((s) => s.agent === arn(1));
    expect(ana).toEqual(
      sessions(
        [arn(1), '2024-03-04T13:00:00Z', '2024-03-04T15:00:00Z'],
        [arn(1), '2024-03-04T15:30:00Z', '2024-03-04T21:00:00Z'],
        [arn(1), '2024-03-05T16:00:00Z', '2024-03-05T22:00:00Z'],
      ),
    );
  });
});

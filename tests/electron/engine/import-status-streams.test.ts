import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();

describe('Twilio TaskRouter worker events', () => {
  it('sessions are periods outside Offline; the previous activity’s duration recovers an earlier login', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('twilio-taskrouter-events.json'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'twilio-taskrouter-events', rowsRead: 9, rejected: 0, sessionsAdded: 3, ignored: 2 });
    const wk = (n: number) => `wk0000000000000000000000000000000${n}`;
    expect(sessionsOf(engine)).toEqual(
      sessions(
        [wk(2), '2024-08-05T08:00:00Z', '2024-08-05T12:00:00Z'],
        [wk(1), '2024-08-05T13:00:00Z', '2024-08-05T21:00:00Z'],
        [wk(3), '2024-08-05T20:00:00Z', '2024-08-05T21:00:00Z', 1],
      ),
    );
    expect(agentNames(engine)[wk(1)]).toBe('lena.ortiz@acme.example');
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-08': 3 });
  });
});

describe('Talkdesk user_status', () => {
  it('merges records split at the month change and at a team change; an open status is capped', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('talkdesk-user-status.json'), { timeZone: 'America/Chicago' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'talkdesk-user-status', timeZone: 'America/Chicago', rowsRead: 11, rejected: 0, sessionsAdded: 3 });
    const id = (n: number) => `5f1a0000000000000000a00${n}`;
    expect(sessionsOf(engine)).toEqual(
      sessions(
        [id(2), '2024-02-01T04:00:00Z', '2024-02-01T12:00:00Z'],
        [id(1), '2024-02-01T14:00:00Z', '2024-02-01T23:00:00Z'],
        [id(3), '2024-02-02T15:00:00Z', '2024-02-02T16:00:00Z', 1],
      ),
    );
    expect(agentNames(engine)[id(1)]).toBe('Ana Ruiz');
    expect(await monthlyActive(engine, 'America/Chicago')).toEqual({ '2024-01': 1, '2024-02': 2 });
  });
});

describe('Zoom Contact Center status history', () => {
  it('reads naive times in the zone the response states; Not Ready and Occupied stay logged in', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('zoom-cc-status-history.json'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'zoom-cc-status-history', timeZone: 'America/Chicago', rowsRead: 8, rejected: 0, sessionsAdded: 2 });
    expect(sessionsOf(engine)).toEqual(
      sessions(['zu1', '2024-09-03T13:00:00Z', '2024-09-03T22:00:00Z'], ['zu2', '2024-09-04T03:00:00Z', '2024-09-04T13:00:00Z', 1]),
    );
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-09': 2 });
  });
});

describe('Dynamics 365 agent status history', () => {
  it('capacity-only rows do not split sessions; duplicates dropped; open presences capped', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('dynamics365-agent-status.json'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'dynamics365-agent-status', rowsRead: 12, rejected: 0, sessionsAdded: 3, ignored: 1 });
    const id = (n: number) => `0b7e0000-0000-4000-8000-00000000d00${n}`;
    expect(sessionsOf(engine)).toEqual(
      sessions(
        [id(1), '2024-10-01T13:00:00Z', '2024-10-01T21:00:00Z'],
        [id(2), '2024-10-01T20:00:00Z', '2024-10-02T03:00:00Z'],
        [id(3), '2024-10-02T04:00:00Z', '2024-10-02T06:00:00Z', 1],
      ),
    );
    expect(agentNames(engine)[id(2)]).toBe('Kai Brandt');
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-10': 3 });
  });
});

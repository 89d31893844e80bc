import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const user = (n: number) => `a1b2c3d4-0000-4000-8000-00000000000${n}`;

describe('Genesys Cloud analytics user details', () => {
  it('unions non-OFFLINE presences per user: Meal/Away continue, day copies dedupe, day splits merge, open records cap', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('genesys-cloud-user-details.json'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'genesys-cloud-user-details', rowsRead: 6, rejected: 0, sessionsAdded: 5, ignored: 2 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        [user(1), '2024-05-06T13:00:00Z', '2024-05-06T21:00:00.500Z'],
        [user(3), '2024-05-06T14:00:00Z', '2024-05-06T14:30:00Z'],
        [user(5), '2024-05-06T20:00:00Z', '2024-05-07T02:00:00Z'],
        [user(2), '2024-05-06T22:00:00Z', '2024-05-07T07:00:00Z'],
        // No endTime: capped at the export's last timestamp.
        [user(3), '2024-05-07T12:00:00Z', '2024-05-07T13:00:00Z', 1],
      ),
    );
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-05': 4 });
  });

  it('an explicit state list can make Away end a session', async () => {
    const engine = await freshEngine(dir);
    await importFile(engine, fixture('genesys-cloud-user-details.json'), { loggedInStates: ['AVAILABLE', 'ON_QUEUE', 'MEAL', 'BREAK'] });
    expect(sessionsOf(engine).filter((s) => s.agent === user(3))).toEqual(sessions([user(3), '2024-05-07T12:00:00Z', '2024-05-07T13:00:00Z', 1]));
  });
});

describe('Genesys Cloud: a first record larger than the sampled head', () => {
  it('reads on until whole records are in hand before detecting the format', async () => {
    const { writeFile } = await import('../../support/engine-fixtures');
    const presences = Array.from({ length: 3000 }, (_, i) => ({
      startTime: new Date(Date.UTC(2024, 4, 1) + i * 600_000).toISOString(),
      endTime: new Date(Date.UTC(2024, 4, 1) + (i + 1) * 600_000).toISOString(),
      systemPresence: i % 2 === 0 ? 'AVAILABLE' : 'BREAK',
      organizationPresenceId: 'org-presence-with-a-long-identifier-0000000000',
    }));
    const body = JSON.stringify({ userDetails: [{ userId: user(9), primaryPresence: presences }] });
    expect(body.length).toBeGreaterThan(200 * 1024);
    const engine = await freshEngine(dir);
    const job = await importFile(engine, writeFile(dir, 'big-user.json', body));
    expect(job.state, job.error?.message).toBe('done');
    expect(sessionsOf(engine)).toEqual(sessions([user(9), '2024-05-01T00:00:00Z', '2024-05-21T20:00:00Z']));
  });
});

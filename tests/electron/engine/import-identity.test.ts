import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const ZERO = 2;

describe('identity-provider sign-ins: zero-length sessions, failures never count', () => {
  it.each([
    ['okta-system-log.csv', 'okta-system-log'],
    ['okta-system-log.json', 'okta-system-log-json'],
  ])('Okta System Log %s', async (name, format) => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture(name));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format, rowsRead: 8, sessionsAdded: 4, rejected: 1, ignored: 3 });
    expect(job.result?.errors).toEqual([{ line: expect.any(Number), field: 'published', message: 'published: day 31 does not exist in 2024-09' }]);
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['lena.ortiz@acme.example', '2024-06-03T12:58:01.123Z', '2024-06-03T12:58:01.123Z', ZERO],
        ['kai.brandt@acme.example', '2024-06-03T13:00:40.500Z', '2024-06-03T13:00:40.500Z', ZERO],
        ['yui.nakamura@acme.example', '2024-06-30T23:30:00Z', '2024-06-30T23:30:00Z', ZERO],
        ['kai.brandt@acme.example', '2024-07-01T03:30:00Z', '2024-07-01T03:30:00Z', ZERO],
      ),
    );
    expect(agentNames(engine)['kai.brandt@acme.example']).toBe('Kai Brandt');
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-06': 3 });
    expect(await monthlyActive(engine, 'UTC')).toEqual({ '2024-06': 3, '2024-07': 1 });
    // Sign-ins make people active, never concurrent.
    const metrics = await engine.handlers['metrics:monthly']({ timeZone: 'UTC' });
    expect(metrics.periods.map((p) => p.peakConcurrent)).toEqual([0, 0]);
  });

  it('Microsoft Entra sign-in CSV: BOM, duplicated and trailing-space headers, Status ≠ Success ignored, keyed on User ID', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('entra-sign-ins.csv'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'entra-sign-ins', timeZone: 'UTC', rowsRead: 6, sessionsAdded: 3, duplicates: 1, rejected: 0, ignored: 2 });
    const id = (n: number) => `6a1f0c2e-0000-4000-9000-00000000a00${n}`;
    expect(sessionsOf(engine)).toEqual(
      sessions(
        [id(1), '2024-06-03T12:58:01Z', '2024-06-03T12:58:01Z', ZERO],
        [id(2), '2024-06-03T13:06:10Z', '2024-06-03T13:06:10Z', ZERO],
        [id(3), '2024-07-01T03:30:00Z', '2024-07-01T03:30:00Z', ZERO],
      ),
    );
    expect(agentNames(engine)[id(2)]).toBe('Kai Brandt');
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-06': 3 });
  });

  it('Google Workspace login audit: login_success only, one sign-in per activity', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('google-workspace-login.json'));
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'google-workspace-login', rowsRead: 6, sessionsAdded: 3, rejected: 0, ignored: 3 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['lena.ortiz@acme.example', '2024-06-03T12:58:01Z', '2024-06-03T12:58:01Z', ZERO],
        ['kai.brandt@acme.example', '2024-06-03T13:06:10Z', '2024-06-03T13:06:10Z', ZERO],
        ['yui.nakamura@acme.example', '2024-07-01T03:30:00Z', '2024-07-01T03:30:00Z', ZERO],
      ),
    );
    expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-06': 3 });
  });
});

describe('a sign-in log with no successful sign-in', () => {
  it('is refused with what was ignored, and nothing is written', async () => {
    const { writeFile } = await import('../../support/engine-fixtures');
    const engine = await freshEngine(dir);
    const failures = JSON.stringify([
      { uuid: 'u1', published: '2024-06-03T13:00:00.000Z', eventType: 'user.session.start', actor: { alternateId: 'kai@acme.example' }, outcome: { result: 'FAILURE' } },
    ]);
    const job = await importFile(engine, writeFile(dir, 'failures.json', failures));
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/none of its 1 rows could be read as a session\. Ignored: 1 failed sign-ins\. Nothing was imported\./);
  });
});

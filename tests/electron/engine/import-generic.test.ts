import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const DST_RESOLVED = 4;

describe('generic preset on a European hand-made CSV', () => {
  it('Windows-1252, semicolons, day-first dates, durations instead of logouts, a DST-gap login', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('generic-logins-semicolon.csv'), { timeZone: 'Europe/Berlin', dateOrder: 'DMY' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'generic-csv', rowsRead: 4, sessionsAdded: 4, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['a-17', '2024-03-29T07:00:00Z', '2024-03-29T15:00:00Z'],
        // 22:00 CET plus 4 hours of real time.
        ['a-17', '2024-03-30T21:00:00Z', '2024-03-31T01:00:00Z'],
        // 02:30 does not exist that night: read as 03:30 CEST and flagged.
        ['b-2', '2024-03-31T01:30:00Z', '2024-03-31T02:30:00Z', DST_RESOLVED],
        ['c-3', '2024-04-01T07:00:00Z', '2024-04-01T08:30:00Z'],
      ),
    );
    expect(agentNames(engine)).toEqual({ 'a-17': 'Zoë Müller', 'b-2': 'Jean "JJ"; Dupont', 'c-3': 'Ana' });
    expect(await monthlyActive(engine, 'Europe/Berlin')).toEqual({ '2024-03': 2, '2024-04': 1 });
  });
});

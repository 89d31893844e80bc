import { describe, expect, it } from 'vitest';
import { freshEngine, tempDir } from '../../support/engine-fixtures';
import { fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();

const expected = sessions(
  // Started before the range (first row Log_State 1), closed by its Log_State 2 row.
  ['1003', '2024-07-15T05:00:00Z', '2024-07-15T05:35:00Z'],
  // 8:00 AM in July read at EST (−05:00): NICE data downloads ignore DST.
  ['1001', '2024-07-15T13:00:00Z', '2024-07-15T21:15:00Z'],
  ['1003', '2024-07-15T18:00:00Z', '2024-07-15T19:10:00Z'],
  ['1002', '2024-07-16T04:00:00Z', '2024-07-16T08:10:00Z'],
  // No Log_State 2 row: open, capped at the export's last timestamp.
  ['1001', '2024-07-16T14:00:00Z', '2024-07-16T15:20:00Z', 1],
);

describe('NICE CXone Agent State Log', () => {
  it.each(['nice-cxone-agent-state-log.csv', 'nice-cxone-agent-state-log_20240716.csv'])(
    'rebuilds login sessions from Log_State 0…2 at the zone’s standard offset (%s)',
    async (name) => {
      const engine = await freshEngine(dir);
      const job = await importFile(engine, fixture(name), { timeZone: 'America/New_York' });
      expect(job.state, job.error?.message).toBe('done');
      expect(job.result).toMatchObject({ format: 'nice-cxone-agent-state-log', timeZone: '-05:00', rowsRead: 13, rejected: 0, sessionsAdded: 5, ignored: 1 });
      expect(sessionsOf(engine)).toEqual(expected);
      expect(await monthlyActive(engine, 'America/New_York')).toEqual({ '2024-07': 3 });
    },
  );

  it('uses the standard offset of the import zone (Europe/Berlin: +01:00 in July)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('nice-cxone-agent-state-log.csv'), { timeZone: 'Europe/Berlin' });
    expect(job.result?.timeZone).toBe('+01:00');
    expect(sessionsOf(engine)[1]).toMatchObject({ agent: '1001', start: '2024-07-15T07:00:00Z' });
  });
});

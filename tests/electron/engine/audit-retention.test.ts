import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../../electron/engine/report/audit';
import { previewPurge, purgeSessions } from '../../../electron/engine/retention';
import { call, csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const NOW = Date.parse('2025-07-15T12:00:00Z');

function sessionsAcrossMonths(): string[] {
  const rows: string[] = [];
  // Ten agents, one session each on the 5th and the 20th of every month Jan–Jun 2025, plus one
  // straddling the cut-off and one that is exactly at it.
  for (let m = 1; m <= 6; m += 1) {
    for (let a = 0; a < 10; a += 1) {
      for (const day of [5, 20]) {
        const d = `2025-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        rows.push(`ag${a + (m % 3) * 3},${d}T${String(8 + a).padStart(2, '0')}:00:00Z,${d}T${String(12 + a).padStart(2, '0')}:30:00Z`);
      }
    }
  }
  rows.push('straddle,2025-04-14T22:00:00Z,2025-04-15T06:00:00Z');
  return rows;
}

describe('audit log', () => {
  it('chains imports, undos, definition changes and exports; a tampered row breaks the chain', async () => {
    const engine = await freshEngine(dir);
    const job = await importThroughJobs(engine, writeFile(dir, 'a.csv', csv('agent_id,login,logout', ['x1,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z'])));
    await call(engine, 'definitions:save', { name: 'Long sessions', minSessionMinutes: 30 });
    await call(engine, 'imports:undo', { importId: job.result!.importId! });
    const { entries, check } = await call(engine, 'audit:list', {});
    expect(check).toEqual({ ok: true, entries: 3, breaks: [] });
    expect(entries.map((e) => e.action)).toEqual(['import', 'definition-change', 'undo']);
    expect(entries[0]!.details).toMatchObject({ file: 'a.csv', sessionsAdded: 1, fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);

    // The table refuses edits outright…
    expect(() => engine.db.prepare("UPDATE audit_log SET details_json = '{}' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => engine.db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    // …and someone who drops the trigger to edit a row is caught by the chain.
    engine.db.exec('DROP TRIGGER audit_log_no_update');
    engine.db.prepare(`UPDATE audit_log SET details_json = '{"change":"save","definition":"Short","version":1}' WHERE id = 2`).run();
    expect(verifyAudit(engine.db)).toEqual({ ok: false, entries: 3, breaks: [{ id: 2, reason: 'its contents were changed after it was written' }] });
    appendAudit(engine.db, 'export', { format: 'csv' });
    expect(verifyAudit(engine.db).breaks.map((b) => b.id)).toEqual([2]);
  });

  it('notices a removed row', async () => {
    const engine = await freshEngine(dir);
    for (let i = 0; i < 4; i += 1) appendAudit(engine.db, 'export', { n: i });
    engine.db.exec('DROP TRIGGER audit_log_no_delete');
    engine.db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    const check = verifyAudit(engine.db);
    expect(check.ok).toBe(false);
    expect(check.breaks).toEqual([
      { id: 4, reason: 'entry 3 is missing' },
      { id: 4, reason: 'does not link to the entry before it' },
    ]);
  });
});

describe('retention purge', () => {
  it('removes exactly the sessions that ended before the cut-off; metrics afterwards equal metrics of the remaining sessions', async () => {
    const rows = sessionsAcrossMonths();
    const engine = await freshEngine(dir);
    await engine.handlers['prefs:set']({ timeZone: 'UTC' });
    expect((await importThroughJobs(engine, writeFile(dir, 'all.csv', csv('agent_id,login,logout', rows)))).state).toBe('done');

    expect(previewPurge(engine.db, 3, 'UTC', NOW)).toMatchObject({ cutoffDay: '2025-04-15', cutoffAt: '2025-04-15T00:00:00.000Z' });
    const cutoff = Date.parse('2025-04-15T00:00:00Z');
    const older = rows.filter((r) => Date.parse(r.split(',')[2]!) < cutoff);
    const kept = rows.filter((r) => Date.parse(r.split(',')[2]!) >= cutoff);
    const result = purgeSessions(engine.db, 3, 'UTC', NOW);
    expect(result.sessionsRemoved).toBe(older.length);
    expect(result.cutoffDay).toBe('2025-04-15');
    // A snapshot of the database as it was is kept in backups/ before anything is deleted.
    expect(result.backupPath).toMatch(/backups/);
    expect(existsSync(result.backupPath!)).toBe(true);
    const left = engine.db.prepare('SELECT COUNT(*) AS n, MIN(end_ms) AS first FROM session').get() as { n: number; first: number };
    expect(left.n).toBe(kept.length);
    expect(left.first).toBeGreaterThanOrEqual(cutoff);
    // The straddling session ended after the cut-off, so it stays.
    expect(engine.db.prepare("SELECT COUNT(*) AS n FROM session s JOIN agent a ON a.id = s.agent_id WHERE a.external_key = 'straddle'").get()).toEqual({ n: 1 });

    const fresh = await freshEngine(dir);
    await fresh.handlers['prefs:set']({ timeZone: 'UTC' });
    expect((await importThroughJobs(fresh, writeFile(dir, 'kept.csv', csv('agent_id,login,logout', kept)))).state).toBe('done');
    const range = { from: '2025-01-01', to: '2025-07-01' };
    const after = await call(engine, 'metrics:periods', range);
    const expected = await call(fresh, 'metrics:periods', range);
    expect(after.periods).toEqual(expected.periods);

    const audit = await call(engine, 'audit:list', {});
    expect(audit.entries.at(-1)).toMatchObject({ action: 'purge', details: { months: 3, sessionsRemoved: older.length } });
    expect(audit.check.ok).toBe(true);
  });

  it('requires confirmation through the contract', async () => {
    const engine = await freshEngine(dir);
    await expect(call(engine, 'retention:purge', { months: 3 } as never)).rejects.toThrow(/confirm/);
  });
});

describe('drill-down', () => {
  it('lists an agent’s sessions with their import and file line, and the agents at a concurrency peak', async () => {
    const engine = await freshEngine(dir);
    await engine.handlers['prefs:set']({ timeZone: 'UTC' });
    const job = await importThroughJobs(
      engine,
      writeFile(
        dir,
        'drill.csv',
        csv('agent_id,login,logout', [
          'p1,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
          'p2,2025-03-03T15:00:30Z,2025-03-03T16:00:00Z',
          'p3,2025-03-03T15:00:10Z,2025-03-03T15:00:20Z',
          'p1,2025-03-20T14:00:00Z,2025-03-20T14:05:00Z',
        ]),
      ),
    );
    const importId = job.result!.importId!;
    const sessions = await call(engine, 'drill:sessions', { agent: 'p1', from: '2025-03-01', to: '2025-04-01' });
    expect(sessions.sessions).toEqual([
      expect.objectContaining({ start: '2025-03-03T14:00:00.000Z', end: '2025-03-03T22:00:00.000Z', importId, importFile: 'drill.csv', line: 2, counts: true }),
      expect.objectContaining({ start: '2025-03-20T14:00:00.000Z', line: 5, minutes: 5, counts: true }),
    ]);
    const peak = await call(engine, 'drill:peak', { from: '2025-03-01', to: '2025-04-01' });
    // In 15:00 the level reaches 2 twice (p1+p3 at :10, p1+p2 at :30); the first instant is reported.
    expect(peak).toMatchObject({ level: 2, minute: '2025-03-03T15:00:00.000Z', instant: '2025-03-03T15:00:10.000Z' });
    expect(peak.agents.map((a) => a.agent)).toEqual(['p1', 'p3']);
    expect(peak.agents[1]).toMatchObject({ importId, line: 4 });
  });
});

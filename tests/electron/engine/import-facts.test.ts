/**
 * What the import result and the import history show about one import: session flags (open and
 * capped, zero length, DST-resolved), the reading notes, and the first rejected rows in place.
 */
import { describe, expect, it } from 'vitest';
import { call, csv, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { fixture, importFile } from '../../fixtures/import/harness';

const dir = tempDir();

describe('import facts', () => {
  it('counts flagged sessions in the result and in imports:list, and recounts them for imports made before they were kept', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(
      dir,
      'flags.csv',
      csv('agent_id,login,logout', [
        'open1,2024-11-04 09:00,',
        'zero,2024-11-04 10:00,2024-11-04 10:00',
        'gap,2024-03-10 02:30,2024-03-10 06:00',
        'rep,2024-11-03 01:50,2024-11-03 01:10',
        'plain,2024-11-04 08:00,2024-11-04 12:00',
      ]),
    );
    const job = await importFile(engine, path, { timeZone: 'America/New_York' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result!.flagged).toEqual({ openCapped: 1, zeroLength: 1, dstResolved: 2 });
    const [record] = await call(engine, 'imports:list', {});
    expect(record).toMatchObject({ importId: job.result!.importId, flagged: { openCapped: 1, zeroLength: 1, dstResolved: 2 }, warnings: [] });

    // An import made before the counts were kept (no flagged key in its options) is counted from its sessions.
    engine.db.prepare("UPDATE import SET options_json = json_remove(options_json, '$.flagged', '$.warnings')").run();
    const [legacy] = await call(engine, 'imports:list', {});
    expect(legacy!.flagged).toEqual({ openCapped: 1, zeroLength: 1, dstResolved: 2 });
    expect(legacy!.warnings).toBeUndefined();
  });

  it('keeps the reading notes with the import (a name-only export warns)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('cisco-uccx-agent-login-logout.csv'), { timeZone: 'America/Chicago' });
    expect(job.result!.warnings![0]).toMatch(/by name only/);
    const [record] = await call(engine, 'imports:list', {});
    expect(record!.warnings).toEqual(job.result!.warnings);
  });

  it('imports:rejects gives the first 100 rejected rows with line, field and reason next to the full CSV', async () => {
    const engine = await freshEngine(dir);
    const bad = Array.from({ length: 130 }, (_, i) => `b${i},2025-03-03T09:00:00Z,not a time`);
    const job = await importFile(engine, writeFile(dir, 'many-bad.csv', csv('agent_id,login,logout', ['ok,2025-03-03T09:00:00Z,2025-03-03T10:00:00Z', ...bad])));
    expect(job.result).toMatchObject({ sessionsAdded: 1, rejected: 130 });
    const result = await call(engine, 'imports:rejects', { importId: job.result!.importId! });
    expect(result.rows).toBe(130);
    expect(result.sample).toHaveLength(100);
    expect(result.sample![0]).toEqual({ line: 3, field: 'logout', message: 'logout: "not a time" is not a date and time' });
    expect(result.sample![99]!.line).toBe(102);
  });
});

/**
 * The generic preset read through a user's column mapping (the import wizard): chosen columns,
 * banner lines, files without a header, date order, 12/24-hour clocks and delimiter overrides,
 * imported end to end with exact sessions; and the mapping remembered for files of the same shape.
 */
import { describe, expect, it } from 'vitest';
import { importFile, sessions, sessionsOf } from '../../fixtures/import/harness';
import { call, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

describe('imports with a column mapping', () => {
  it('reads odd headers, a banner line, semicolons and DMY dates through the mapping', async () => {
    const engine = await freshEngine(dir);
    const text = [
      'Export généré le 03/02/2025 par le superviseur',
      'Matricule;Nom complet;Début;Fin;Équipe',
      'A-17;Ana Lima;03/02/2025 08:00;03/02/2025 16:30;Nord',
      'b-22;Bo Chen;04/02/2025 22:00;05/02/2025 06:00;Sud',
      '',
    ].join('\n');
    const job = await importFile(engine, writeFile(dir, 'odd.csv', text), {
      format: 'generic-csv',
      timeZone: 'Europe/Paris',
      dateOrder: 'DMY',
      mapping: { skipLines: 1, hasHeader: true, columns: { agent: 0, name: 1, login: 2, logout: 3, team: 4 } },
    });
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.result?.rowsRead).toBe(2);
    expect(job.result?.rejected).toBe(0);
    expect(sessionsOf(engine)).toEqual(
      sessions(['a-17', '2025-02-03T07:00:00Z', '2025-02-03T15:30:00Z'], ['b-22', '2025-02-04T21:00:00Z', '2025-02-05T05:00:00Z']),
    );
    const agents = engine.db.prepare('SELECT external_key, display_name, team FROM agent ORDER BY external_key').all();
    expect(agents).toEqual([
      { external_key: 'a-17', display_name: 'Ana Lima', team: 'Nord' },
      { external_key: 'b-22', display_name: 'Bo Chen', team: 'Sud' },
    ]);
  });

  it('reads a file without a header, with a duration column in HH:MM:SS and seconds', async () => {
    const engine = await freshEngine(dir);
    const text = ['x1|2025-06-02 09:00|08:30:00|Ops', 'x2|2025-06-02 10:15|3600|Ops', 'x3|2025-06-02 11:00||Ops'].join('\r\n');
    const job = await importFile(engine, writeFile(dir, 'nohead.txt', text), {
      timeZone: 'America/Chicago',
      mapping: { hasHeader: false, delimiter: '|', columns: { agent: 0, login: 1, duration: 2, program: 3 } },
    });
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.result?.rowsRead).toBe(3);
    // x3 has neither a logout nor a duration: open, capped at the export's last timestamp (x1's end).
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['x1', '2025-06-02T14:00:00Z', '2025-06-02T22:30:00Z'],
        ['x2', '2025-06-02T15:15:00Z', '2025-06-02T16:15:00Z'],
        ['x3', '2025-06-02T16:00:00Z', '2025-06-02T22:30:00Z', 1],
      ),
    );
  });

  it('reads DMY dates with 12-hour times, and rejects a 24-hour time the mapping says cannot be there', async () => {
    const engine = await freshEngine(dir);
    const text = [
      'who,in,out',
      'p1,13/03/2025 9:05 AM,13/03/2025 5:35 PM',
      'p2,14/03/2025 11:00 PM,15/03/2025 7:00 AM',
      'p3,14/03/2025 13:00,14/03/2025 15:00',
    ].join('\n');
    const job = await importFile(engine, writeFile(dir, 'dmy12.csv', text), {
      timeZone: 'UTC',
      dateOrder: 'DMY',
      mapping: { clock: '12h', columns: { agent: 0, login: 1, logout: 2 } },
    });
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.result?.rejected).toBe(1);
    expect(job.result?.errors).toEqual([{ line: 4, field: 'login', message: 'login: "14/03/2025 13:00" has no AM/PM, but the mapping says times are 12-hour' }]);
    expect(sessionsOf(engine)).toEqual(
      sessions(['p1', '2025-03-13T09:05:00Z', '2025-03-13T17:35:00Z'], ['p2', '2025-03-14T23:00:00Z', '2025-03-15T07:00:00Z']),
    );
  });

  it('refuses a mapping without the columns a session needs, naming them', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, writeFile(dir, 'partial.csv', 'a,b\nx,2025-01-01 09:00\n'), {
      mapping: { columns: { agent: 0, login: 1 } },
    });
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('Choose the column for the logout time or the duration');
    expect(sessionsOf(engine)).toEqual([]);
  });

  it('refuses a mapping for a platform preset', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, writeFile(dir, 'plat.csv', 'a,b,c\nx,2025-01-01 09:00,2025-01-01 10:00\n'), {
      format: 'five9-login-logout',
      mapping: { columns: { agent: 0, login: 1, logout: 2 } },
    });
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('applies to the generic CSV format');
  });
});

describe('imports:preview', () => {
  const odd = ['Agent sessions report — Q1', 'Operator;Began;Ended', 'op1;03/02/2025 08:00;03/02/2025 16:00', 'op2;31/02/2025 08:00;03/02/2025 16:00', 'op3;;soon', ''].join('\n');

  it('recognises nothing in an unknown file, and says what to choose', async () => {
    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(writeFile(dir, 'unknown.csv', odd));
    const preview = await call(engine, 'imports:preview', { fileId });
    expect(preview.detected).toBeNull();
    expect(preview.preset).toBeNull();
    expect(preview.delimiter).toBe(';');
    expect(preview.problem).toContain('does not look like an agent login export');
    expect(preview.mapping).toEqual({ columns: {}, hasHeader: true, skipLines: 0 });
    expect(preview.alternatives.map((a) => a.id)).toContain('generic-csv');
    // Without a mapping the banner line is the header, so the user sees it and can skip it.
    expect(preview.columns).toEqual(['Agent sessions report — Q1', 'Column 2', 'Column 3']);
    expect(preview.rows[0]).toMatchObject({ line: 2, cells: ['Operator', 'Began', 'Ended'], status: 'skipped' });
  });

  it('parses the first rows under a mapping, with each field problem placed on its column', async () => {
    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(writeFile(dir, 'unknown2.csv', odd));
    const preview = await call(engine, 'imports:preview', {
      fileId,
      format: 'generic-csv',
      timeZone: 'UTC',
      dateOrder: 'DMY',
      mapping: { skipLines: 1, columns: { agent: 0, login: 1, logout: 2 } },
    });
    expect(preview.problem).toBeNull();
    expect(preview.preset?.id).toBe('generic-csv');
    expect(preview.mappingSource).toBe('request');
    expect(preview.columns).toEqual(['Operator', 'Began', 'Ended']);
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows[0]).toMatchObject({
      line: 3,
      status: 'ok',
      errors: [],
      readings: [{ kind: 'session', agent: 'op1', start: '2025-02-03T08:00:00.000Z', end: '2025-02-03T16:00:00.000Z', startLocal: '2025-02-03 08:00' }],
    });
    expect(preview.rows[1]).toMatchObject({
      line: 4,
      status: 'error',
      readings: [],
      errors: [{ field: 'login', column: 1, message: 'login: day 31 does not exist in 2025-02' }],
    });

    // Every problem of a row is listed, each on its own cell.
    expect(preview.rows[2]!.errors).toEqual([
      { field: 'login', column: 1, message: 'the login time is empty' },
      { field: 'logout', column: 2, message: 'logout: "soon" is not a date and time' },
    ]);

    // The same file read month-first: the first row moves to March, the second is still wrong.
    const mdy = await call(engine, 'imports:preview', {
      fileId,
      format: 'generic-csv',
      timeZone: 'UTC',
      dateOrder: 'MDY',
      mapping: { skipLines: 1, columns: { agent: 0, login: 1, logout: 2 } },
    });
    expect(mdy.rows[0]!.readings[0]).toMatchObject({ start: '2025-03-02T08:00:00.000Z', end: '2025-03-02T16:00:00.000Z' });
    expect(mdy.rows[1]!.errors).toEqual([{ field: 'login', column: 1, message: 'login: month 31 does not exist' }]);
  });

  it('detects a platform preset and lists its logged-in states and the states seen', async () => {
    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(`${__dirname}/../../fixtures/import/amazon-connect-agent-events.ndjson`);
    const preview = await call(engine, 'imports:preview', { fileId });
    expect(preview.container).toBe('json');
    expect(preview.detected?.id).toBe('amazon-connect-agent-events');
    expect(preview.detected?.confidence).toBeGreaterThan(0.5);
    expect(preview.preset?.id).toBe('amazon-connect-agent-events');
    expect(preview.mapping).toBeNull();
    expect(preview.states).not.toBeNull();
    expect(preview.states!.seen.length).toBeGreaterThan(0);
    expect(preview.rows.length).toBeGreaterThan(0);
    expect(preview.rows.length).toBeLessThanOrEqual(50);
  });

  it('never writes the database', async () => {
    const engine = await freshEngine(dir);
    const before = engine.db.prepare("SELECT (SELECT COUNT(*) FROM import) + (SELECT COUNT(*) FROM session) + (SELECT COUNT(*) FROM agent) + (SELECT COUNT(*) FROM setting) AS n").get();
    const { fileId } = engine.stageFile(writeFile(dir, 'nowrite.csv', 'agent_id,login,logout\na,2025-01-01T09:00:00Z,2025-01-01T10:00:00Z\n'));
    const preview = await call(engine, 'imports:preview', { fileId });
    expect(preview.detected?.id).toBe('generic-csv');
    expect(preview.mappingSource).toBe('detected');
    expect(preview.mapping).toMatchObject({ columns: { agent: 0, login: 1, logout: 2 }, hasHeader: true, skipLines: 0 });
    const after = engine.db.prepare("SELECT (SELECT COUNT(*) FROM import) + (SELECT COUNT(*) FROM session) + (SELECT COUNT(*) FROM agent) + (SELECT COUNT(*) FROM setting) AS n").get();
    expect(after).toEqual(before);
  });

  it('offers a mapping that imported a file again for a file of the same shape, not for another', async () => {
    const engine = await freshEngine(dir);
    const mapping = { skipLines: 1, columns: { agent: 0, login: 1, logout: 2 } };
    const first = await importFile(engine, writeFile(dir, 'week1.csv', odd), { format: 'generic-csv', dateOrder: 'DMY', timeZone: 'Europe/Paris', mapping });
    expect(first.state).toBe('done');

    const week2 = ['Agent sessions report — Q2', 'Operator;Began;Ended', 'op9;10/04/2025 08:00;10/04/2025 12:00', ''].join('\n');
    const { fileId } = engine.stageFile(writeFile(dir, 'week2.csv', week2));
    const preview = await call(engine, 'imports:preview', { fileId });
    expect(preview.mappingSource).toBe('remembered');
    expect(preview.mapping).toMatchObject(mapping);
    expect(preview.remembered).toMatchObject({ dateOrder: 'DMY', timeZone: 'Europe/Paris' });
    expect(preview.dateOrder).toBe('DMY');
    expect(preview.timeZone).toBe('Europe/Paris');
    expect(preview.rows[0]!.readings[0]).toMatchObject({ agent: 'op9', start: '2025-04-10T06:00:00.000Z' });

    const other = engine.stageFile(writeFile(dir, 'other.csv', ['Agent sessions report', 'Operator;Began;Ended;Site', 'op9;10/04/2025 08:00;10/04/2025 12:00;X', ''].join('\n')));
    const otherPreview = await call(engine, 'imports:preview', { fileId: other.fileId });
    expect(otherPreview.mappingSource).toBeNull();
    expect(otherPreview.remembered).toBeNull();
  });
});

describe('encoding override', () => {
  it('reads the bytes in the encoding the mapping names, whatever sniffing would say', async () => {
    const engine = await freshEngine(dir);
    // Valid UTF-8 whose names were meant as Windows-1252: "Ã©" is how "é" in UTF-8 looks in 1252.
    const text = 'agent_id,name,login,logout\nr1,Ren\u00e9e,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z\n';
    const path = writeFile(dir, 'cp.csv', Buffer.from(text, 'utf-8'));
    const sniffed = engine.stageFile(path);
    const asUtf8 = await call(engine, 'imports:preview', { fileId: sniffed.fileId });
    expect(asUtf8.encoding).toBe('utf-8');
    expect(asUtf8.rows[0]!.readings[0]!.name).toBe('Ren\u00e9e');
    const forced = await call(engine, 'imports:preview', { fileId: sniffed.fileId, mapping: { encoding: 'windows-1252' } });
    expect(forced.encoding).toBe('windows-1252');
    expect(forced.rows[0]!.readings[0]!.name).toBe('Ren\u00c3\u00a9e');
    const job = await importFile(engine, path, { mapping: { encoding: 'windows-1252' } });
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(engine.db.prepare('SELECT display_name FROM agent').get()).toEqual({ display_name: 'Ren\u00c3\u00a9e' });
  });
});

import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cellText, classifyFormat, renderSerial } from '../../../electron/engine/import/xlsx-text';
import { freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { zipOf } from '../../support/zip-builder';
import { agentNames, fixture, importFile, monthlyActive, sessions, sessionsOf } from '../../fixtures/import/harness';

const dir = tempDir();
const START_CLIPPED = 16;
const OPEN_CAPPED = 1;

describe('XLSX workbooks', () => {
  it('Genesys Cloud Agent Login-Logout Details: banners, serial dates, day-fraction durations, N/A and #N/A, the pre-period first row', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('genesys-cloud-agent-login-logout.xlsx'), { timeZone: 'America/Chicago' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({
      format: 'genesys-cloud-login-logout-details',
      timeZone: 'America/Chicago',
      rowsRead: 7,
      sessionsAdded: 5,
      duplicates: 0,
      rejected: 1,
      ignored: 1,
    });
    // The rejected row is named by its row number in Excel.
    expect(job.result?.errors).toEqual([{ line: 12, field: 'logout', message: expect.stringMatching(/logout 2024-01-04 09:00.* is before login 2024-01-04 10:00/) }]);
    expect(job.result?.warnings).toEqual([
      expect.stringMatching(/identifies users by display name only/),
      'Ignored: 1 sessions that ended before the report period.',
    ]);
    expect(sessionsOf(engine)).toEqual(
      sessions(
        // N/A start: logged in when the period began (1/1 00:00 CST), clipped there.
        ['ben ode', '2024-01-01T06:00:00Z', '2024-01-01T08:00:00Z', START_CLIPPED],
        ['ana diaz', '2024-01-02T14:00:00Z', '2024-01-02T22:30:00Z'],
        ['ben ode', '2024-01-04T04:00:00Z', '2024-01-04T12:00:00Z'],
        // The start was a text cell in a column of dates; the duration cell said 26:15:00.
        ['carla ruiz', '2024-01-05T15:00:00Z', '2024-01-06T17:15:00Z'],
        // #N/A end: still logged in at the period end (1/8 00:00 CST).
        ['carla ruiz', '2024-01-08T02:00:00Z', '2024-01-08T06:00:00Z', OPEN_CAPPED],
      ),
    );
    expect(agentNames(engine)).toMatchObject({ 'ana diaz': 'Ana Diaz', 'ben ode': 'Ben Ode', 'carla ruiz': 'Carla Ruiz' });
    expect(await monthlyActive(engine, 'America/Chicago')).toEqual({ '2024-01': 3 });
  });

  it('the generic preset reads a hand-made workbook: title row, numeric ids, the 1904 date system', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('generic-logins.xlsx'), { timeZone: 'Europe/London' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'generic-csv', rowsRead: 3, sessionsAdded: 3, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['1001', '2024-02-05T09:00:00Z', '2024-02-05T17:00:00Z'],
        ['e-2002', '2024-02-05T22:00:00Z', '2024-02-06T06:30:00Z'],
        ['e-2002', '2024-02-29T12:00:00Z', '2024-03-01T00:30:00Z'],
      ),
    );
    expect(agentNames(engine)).toEqual({ '1001': 'Lena Ortiz', 'e-2002': 'Kai Brandt' });
    // Metrics cover the months from the first to the last session start: February only.
    expect(await monthlyActive(engine, 'Europe/London')).toEqual({ '2024-02': 2 });
  });

  it('a column mapping (the wizard’s) applies to a workbook’s rows as to a CSV’s', async () => {
    const engine = await freshEngine(dir);
    // Key agents on the name column instead of the id column; the title row is a banner line.
    const job = await importFile(engine, fixture('generic-logins.xlsx'), {
      timeZone: 'Europe/London',
      format: 'generic-csv',
      mapping: { columns: { agent: 1, login: 2, logout: 3, team: 4 }, skipLines: 1, hasHeader: true },
    });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'generic-csv', rowsRead: 3, sessionsAdded: 3, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['lena ortiz', '2024-02-05T09:00:00Z', '2024-02-05T17:00:00Z'],
        ['kai brandt', '2024-02-05T22:00:00Z', '2024-02-06T06:30:00Z'],
        ['kai brandt', '2024-02-29T12:00:00Z', '2024-03-01T00:30:00Z'],
      ),
    );
  });

  it('importing the same workbook twice is recognised by its bytes', async () => {
    const engine = await freshEngine(dir);
    await importFile(engine, fixture('generic-logins.xlsx'), { timeZone: 'Europe/London' });
    const again = await importFile(engine, fixture('generic-logins.xlsx'), { timeZone: 'Europe/London' });
    expect(again.result).toMatchObject({ alreadyImported: true, sessionsAdded: 0, duplicates: 3 });
  });

  it('renders cells as Excel shows them: serials by their format, durations past 24 h, rich text, errors, cached formula results', () => {
    expect(classifyFormat('[h]:mm:ss')).toEqual({ date: false, time: true, elapsed: true });
    expect(classifyFormat('m/d/yyyy h:mm')).toEqual({ date: true, time: true, elapsed: false });
    expect(classifyFormat('0.00')).toBeNull();
    expect(renderSerial(45293.333333333336, 'm/d/yyyy h:mm', false)).toBe('2024-01-02 08:00:00');
    expect(renderSerial(45293, 'yyyy-mm-dd', false)).toBe('2024-01-02');
    expect(renderSerial(1.09375, '[h]:mm:ss', false)).toBe('26:15:00');
    expect(renderSerial(0.5, 'h:mm:ss', false)).toBe('12:00:00');
    expect(renderSerial(0, 'yyyy-mm-dd', true)).toBe('1904-01-01');
    expect(cellText({ richText: [{ text: 'Ana ' }, { text: 'Diaz' }] }, undefined, false)).toBe('Ana Diaz');
    expect(cellText({ error: '#N/A' }, undefined, false)).toBe('N/A');
    expect(cellText({ error: '#REF!' }, undefined, false)).toBe('#REF!');
    expect(cellText({ formula: 'A1+1', result: 45293.5 }, 'm/d/yyyy h:mm', false)).toBe('2024-01-02 12:00:00');
    expect(cellText(1234.5, 'General', false)).toBe('1234.5');
    expect(cellText(true, undefined, false)).toBe('TRUE');
  });
});

describe('a large workbook', () => {
  it('streams with progress and can be cancelled, leaving nothing behind', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const path = `${dir}/large.xlsx`;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
    const sheet = workbook.addWorksheet('Logins');
    sheet.addRow(['agent_id', 'login', 'logout']).commit();
    for (let i = 0; i < 60_000; i += 1) {
      const row = sheet.addRow([`agent${i % 500}`, new Date(Date.UTC(2024, 0, 1) + i * 600_000), new Date(Date.UTC(2024, 0, 1) + i * 600_000 + 3_600_000)]);
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.commit();
    }
    sheet.commit();
    await workbook.commit();

    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(path);
    const { jobId } = await engine.handlers['imports:start']({ fileId, format: 'auto', timeZone: 'UTC' });
    let job = await engine.handlers['jobs:get']({ jobId });
    while (job.state === 'running' && job.rowsRead < 5000) {
      await new Promise((r) => setTimeout(r, 10));
      job = await engine.handlers['jobs:get']({ jobId });
    }
    expect(job.rowsRead).toBeGreaterThan(0);
    expect(job.bytesRead).toBeGreaterThan(0);
    await engine.handlers['jobs:cancel']({ jobId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      job = await engine.handlers['jobs:get']({ jobId });
    }
    expect(job.state).toBe('cancelled');
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM session').get() as { n: number }).n).toBe(0);
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM import').get() as { n: number }).n).toBe(0);

    // The whole file then imports with every row.
    const done = await importFile(engine, path, { timeZone: 'UTC' });
    expect(done.result).toMatchObject({ format: 'generic-csv', rowsRead: 60_000, sessionsAdded: 60_000, rejected: 0 });
  }, 120_000);
});

describe('.zip wrapping one export', () => {
  it('reads the export inside (folder entries and macOS resource forks are not files)', async () => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, fixture('five9-agent-login-logout.zip'), { timeZone: 'America/Los_Angeles' });
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result).toMatchObject({ format: 'five9-login-logout', rowsRead: 5, sessionsAdded: 5, rejected: 0 });
    expect(sessionsOf(engine)).toEqual(
      sessions(
        ['maria.lopez@acme.example', '2024-03-08T16:00:00Z', '2024-03-09T00:30:12Z'],
        ['tom.nguyen@acme.example', '2024-03-10T06:00:00Z', '2024-03-10T13:00:00Z'],
        ['tom.nguyen@acme.example', '2024-03-11T16:00:00Z', '2024-03-12T00:00:00Z'],
        ['maria.lopez@acme.example', '2024-04-01T04:00:00Z', '2024-04-01T12:00:00Z'],
        ['sam.ito@acme.example', '2024-04-01T11:00:00Z', '2024-04-01T12:00:00Z', OPEN_CAPPED],
      ),
    );
    expect(await monthlyActive(engine, 'America/Los_Angeles')).toEqual({ '2024-03': 2, '2024-04': 1 });
    // The same sessions as the bare CSV: importing it afterwards adds nothing.
    const bare = await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    expect(bare.result).toMatchObject({ sessionsAdded: 0, duplicates: 5 });
  });

  it('reads a gzip export inside a zip', async () => {
    const engine = await freshEngine(dir);
    const gz = readFileSync(fixture('amazon-connect-agent-events-firehose.gz'));
    const path = writeFile(dir, 'events.zip', zipOf([{ name: 'events.gz', data: gz }]));
    const job = await importFile(engine, path);
    expect(job.state, job.error?.message).toBe('done');
    expect(job.result?.format).toBe('amazon-connect-agent-events');
  });
});

describe('hostile and unsupported containers are refused before anything is written', () => {
  const refused = async (name: string, bytes: Buffer) => {
    const engine = await freshEngine(dir);
    const job = await importFile(engine, writeFile(dir, name, bytes));
    expect(job.state).toBe('failed');
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM import').get() as { n: number }).n).toBe(0);
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM session').get() as { n: number }).n).toBe(0);
    return job.error!;
  };

  it('a zip bomb: the declared ratio is refused from the directory, nothing inflated', async () => {
    // 64 MiB of spaces packs into ~64 KiB: a 1,000:1 ratio.
    const data = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const error = await refused('bomb.zip', zipOf([{ name: 'logins.csv', data }]));
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/bomb\.zip was refused: logins\.csv would inflate 1,0\d\d times its packed size .* more than the 100:1 any real export reaches.*nothing was inflated/);
  });

  it('a workbook whose headers understate its contents is stopped while inflating', async () => {
    const real = readFileSync(fixture('genesys-cloud-agent-login-logout.xlsx'));
    expect(real.length).toBeGreaterThan(0);
    // A sheet part that declares 100 bytes but inflates to 5 MiB of XML whitespace.
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(5 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const bytes = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', packed: deflateRawSync(sheet), declaredSize: 100, data: Buffer.alloc(0) },
    ]);
    const error = await refused('lying.xlsx', bytes);
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/lying\.xlsx was refused: xl\/worksheets\/sheet1\.xml inflates to more than the 100 bytes its header declares/);
  });

  it('an archive of several exports, an encrypted one, an empty one', async () => {
    const two = await refused('two.zip', zipOf([{ name: 'a.csv', data: Buffer.from('x') }, { name: 'b.csv', data: Buffer.from('y') }]));
    expect(two.message).toMatch(/two\.zip holds 2 files \(a\.csv, b\.csv\)\. Seatcast imports an archive that wraps a single export/);
    const locked = await refused('locked.zip', zipOf([{ name: 'a.csv', data: Buffer.from('x'), flags: 1 }]));
    expect(locked.message).toMatch(/locked\.zip is password-protected/);
    const empty = await refused('empty.zip', zipOf([{ name: 'folder/' }]));
    expect(empty.message).toMatch(/empty\.zip is an empty archive/);
  });

  it('too many entries, unsafe paths, a cut-off file', async () => {
    const many = await refused('many.zip', zipOf(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.csv`, data: Buffer.from('x') }))));
    expect(many.message).toMatch(/many\.zip holds 1,001 files/);
    const escape = await refused('escape.zip', zipOf([{ name: '../../etc/cron.d/x', data: Buffer.from('x') }]));
    expect(escape.message).toMatch(/unsafe path/);
    const whole = zipOf([{ name: 'a.csv', data: Buffer.from('agent,login,logout\n') }]);
    const cut = await refused('cut.zip', whole.subarray(0, whole.length - 30));
    expect(cut.message).toMatch(/cut\.zip looks like a ZIP file .* the file is cut off or damaged/);
  });

  it('a ZIP named .xlsx without a workbook inside', async () => {
    const error = await refused('not-a-workbook.xlsx', zipOf([{ name: 'readme.txt', data: Buffer.from('no workbook') }]));
    expect(error.message).toMatch(/not-a-workbook\.xlsx is named like an Excel workbook but holds no workbook/);
  });

  it('a zip in a gzip is named as such', async () => {
    const { gzipSync } = await import('node:zlib');
    const error = await refused('nested.csv.gz', gzipSync(zipOf([{ name: 'a.csv', data: Buffer.from('x') }])));
    expect(error.message).toMatch(/inside another compressed file/);
  });
});

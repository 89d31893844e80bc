import { describe, expect, it } from 'vitest';
import { call, csv, freshEngine, tempDir, writeFile } from '../../support/engine-fixtures';
import { fixture, importFile } from '../../fixtures/import/harness';

const dir = tempDir();

type RosterRow = { agent: string; name: string | null; role: string; created: string | null; deactivated: string | null; source: string };

function roster(engine: Awaited<ReturnType<typeof freshEngine>>): RosterRow[] {
  return engine.db
    .prepare(
      `SELECT a.external_key AS agent, a.display_name AS name, a.role AS role, r.created_day AS created, r.deactivated_day AS deactivated, r.source AS source
       FROM roster r JOIN agent a ON a.id = r.agent_id ORDER BY a.external_key`,
    )
    .all()
    .map((r) => {
      const row = r as { agent: string; name: string | null; role: string; created: number | null; deactivated: number | null; source: string };
      const day = (n: number | null) => (n === null ? null : new Date(n * 86_400_000).toISOString().slice(0, 10));
      return { ...row, created: day(row.created), deactivated: day(row.deactivated) };
    });
}

async function stageAndImport(engine: Awaited<ReturnType<typeof freshEngine>>, path: string) {
  const { fileId } = engine.stageFile(path);
  return call(engine, 'roster:import', { fileId });
}

describe('roster:import', () => {
  it('a generic roster CSV: ids folded like session ids, bad rows listed with line and field, the rest in one go', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(
      dir,
      'roster.csv',
      csv('agent_id,agent_name,role,team,created,deactivated', [
        'Maria.Lopez@acme.example,Maria Lopez,agent,Sales,2024-01-02,',
        'tom.nguyen@acme.example,Tom Nguyen,agent,Support,01/15/2024,2024-06-30',
        'sam.ito@acme.example,Sam Ito,supervisor,Support,2024-02-01,',
        'nobody@acme.example,Never Seen,agent,Support,2024-02-01,',
        'bad.date@acme.example,Bad Date,agent,Support,2024-02-31,',
        'reversed@acme.example,Reversed,agent,Support,2024-05-01,2024-04-01',
        ',No Id,agent,Support,2024-01-01,',
      ]),
    );
    const summary = await stageAndImport(engine, path);
    expect(summary).toEqual({
      file: 'roster.csv',
      format: 'generic-csv',
      rowsRead: 7,
      added: 4,
      updated: 0,
      rejected: 3,
      errors: [
        { line: 6, field: 'created', message: 'created: day 31 does not exist in 2024-02' },
        { line: 7, field: 'deactivated', message: 'the account is deactivated before it was created' },
        { line: 8, field: 'id', message: 'the account id is empty' },
      ],
      warnings: [],
    });
    expect(roster(engine)).toEqual([
      { agent: 'maria.lopez@acme.example', name: 'Maria Lopez', role: 'agent', created: '2024-01-02', deactivated: null, source: 'generic-csv:roster.csv' },
      { agent: 'nobody@acme.example', name: 'Never Seen', role: 'agent', created: '2024-02-01', deactivated: null, source: 'generic-csv:roster.csv' },
      { agent: 'sam.ito@acme.example', name: 'Sam Ito', role: 'supervisor', created: '2024-02-01', deactivated: null, source: 'generic-csv:roster.csv' },
      { agent: 'tom.nguyen@acme.example', name: 'Tom Nguyen', role: 'agent', created: '2024-01-15', deactivated: '2024-06-30', source: 'generic-csv:roster.csv' },
    ]);

    // Against the Five9 sessions: one account never logged in; one agent is not on the roster.
    await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    const check = await call(engine, 'roster:summary', {});
    expect(check).toEqual({
      accounts: 4,
      activeAccounts: 3,
      deactivatedAccounts: 1,
      neverLoggedInCount: 1,
      neverLoggedIn: [{ agent: 'nobody@acme.example', name: 'Never Seen', role: 'agent', created: '2024-02-01', deactivated: null }],
      missingFromRosterCount: 0,
      missingFromRoster: [],
      truncated: false,
    });

    // Importing a roster again updates the accounts it lists and adds none twice.
    const again = await stageAndImport(engine, writeFile(dir, 'roster2.csv', csv('agent_id,name,deactivated', ['sam.ito@acme.example,Sam Ito,2024-03-31', 'new.hire@acme.example,New Hire,'])));
    expect(again).toMatchObject({ added: 1, updated: 1, rejected: 0 });
    const after = await call(engine, 'roster:summary', { limit: 1 });
    expect(after).toMatchObject({ accounts: 5, deactivatedAccounts: 2, neverLoggedInCount: 2, neverLoggedIn: [{ agent: 'new.hire@acme.example' }], truncated: true });
  });

  it('agents seen in sessions but missing from the roster are listed with their sessions and last activity', async () => {
    const engine = await freshEngine(dir);
    await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    await stageAndImport(engine, writeFile(dir, 'partial.csv', csv('user,name', ['maria.lopez@acme.example,Maria Lopez'])));
    const check = await call(engine, 'roster:summary', {});
    expect(check.missingFromRoster).toEqual([
      { agent: 'sam.ito@acme.example', name: 'Sam Ito', sessions: 1, lastSeen: '2024-04-01T12:00:00.000Z' },
      { agent: 'tom.nguyen@acme.example', name: 'Tom Nguyen', sessions: 2, lastSeen: '2024-03-12T00:00:00.000Z' },
    ]);
    expect(check).toMatchObject({ accounts: 1, neverLoggedInCount: 0, missingFromRosterCount: 2 });
  });

  it('undoing the only import of a rostered agent puts them back among the never-logged-in; agents without a roster entry go', async () => {
    const engine = await freshEngine(dir);
    await stageAndImport(engine, writeFile(dir, 'undo-roster.csv', csv('user,name', ['maria.lopez@acme.example,Maria Lopez'])));
    expect(await call(engine, 'roster:summary', {})).toMatchObject({ neverLoggedInCount: 1, missingFromRosterCount: 0 });
    const imported = await importFile(engine, fixture('five9-agent-login-logout.csv'), { timeZone: 'America/Los_Angeles' });
    expect(await call(engine, 'roster:summary', {})).toMatchObject({ neverLoggedInCount: 0, missingFromRosterCount: 2 });
    expect((await call(engine, 'app:info', {})).agentCount).toBe(3);
    await call(engine, 'imports:undo', { importId: imported.result!.importId! });
    expect(await call(engine, 'roster:summary', {})).toMatchObject({ neverLoggedInCount: 1, neverLoggedIn: [{ agent: 'maria.lopez@acme.example' }], missingFromRosterCount: 0 });
    expect(engine.db.prepare('SELECT external_key FROM agent').pluck().all()).toEqual(['maria.lopez@acme.example']);
    expect((await call(engine, 'app:info', {})).agentCount).toBe(0);
  });

  it('a Microsoft Entra users export: keyed on the object id (as the sign-in log is), BOM, disabled accounts', async () => {
    const engine = await freshEngine(dir);
    const header = 'userPrincipalName,displayName,surname,mail,givenName,objectId,userType,jobTitle,department,accountEnabled,createdDateTime';
    const id = (n: number) => `6a1f0c2e-0000-4000-9000-00000000a00${n}`;
    const body = csv(header, [
      `lena.ortiz@acme.example,Lena Ortiz,Ortiz,lena.ortiz@acme.example,Lena,${id(1)},Member,Agent,Support,True,2024-01-05T14:03:00Z`,
      `Kai.Brandt@acme.example,Kai Brandt,Brandt,,Kai,${id(2)},Member,Agent,Support,True,2024-01-06T01:30:00Z`,
      `old.user@acme.example,Old User,User,,Old,${id(9)},Member,Agent,Support,False,2023-03-01T10:00:00Z`,
    ]);
    const path = writeFile(dir, 'entra-users.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    const summary = await stageAndImport(engine, path);
    expect(summary).toMatchObject({ format: 'entra-users', rowsRead: 3, added: 3, rejected: 0 });
    expect(summary.warnings).toEqual([
      expect.stringMatching(/^1 disabled account has no deactivation date: counted as provisioned until today \(\d{4}-\d{2}-\d{2}\)/),
      expect.stringMatching(/keyed on their Entra object id/),
    ]);
    // 2024-01-06T01:30Z is still January 5 in New York (the business zone).
    expect(roster(engine).map((r) => [r.agent, r.name, r.created, r.deactivated !== null])).toEqual([
      [id(1), 'Lena Ortiz', '2024-01-05', false],
      [id(2), 'Kai Brandt', '2024-01-05', false],
      [id(9), 'Old User', '2023-03-01', true],
    ]);
    // The Entra sign-ins land on the same agents.
    await importFile(engine, fixture('entra-sign-ins.csv'));
    const check = await call(engine, 'roster:summary', {});
    expect(check).toMatchObject({ neverLoggedInCount: 1, neverLoggedIn: [{ agent: id(9) }], missingFromRosterCount: 1, missingFromRoster: [{ agent: id(3) }] });
  });

  it('an Okta users export: keyed on the login, deprovisioned accounts deactivated', async () => {
    const engine = await freshEngine(dir);
    const path = writeFile(
      dir,
      'okta-users.csv',
      csv('Username,First name,Last name,Primary email,Status,Created,Deactivated', [
        'lena.ortiz@acme.example,Lena,Ortiz,lena.ortiz@acme.example,ACTIVE,2024-01-05,',
        'yui.nakamura@acme.example,Yui,Nakamura,yui.nakamura@acme.example,DEPROVISIONED,2024-01-05,2024-08-01',
      ]),
    );
    const summary = await stageAndImport(engine, path);
    expect(summary).toMatchObject({ format: 'okta-users', added: 2, rejected: 0 });
    expect(roster(engine).map((r) => [r.agent, r.name, r.deactivated])).toEqual([
      ['lena.ortiz@acme.example', 'Lena Ortiz', null],
      ['yui.nakamura@acme.example', 'Yui Nakamura', '2024-08-01'],
    ]);
  });

  it('a file that is not a roster is refused with what was expected; nothing is written', async () => {
    const engine = await freshEngine(dir);
    const { fileId } = engine.stageFile(writeFile(dir, 'invoices.csv', csv('Invoice,Amount', ['1,2'])));
    await expect(call(engine, 'roster:import', { fileId })).rejects.toThrow(/not-a-roster: invoices\.csv is not a roster of accounts: expected a header row with an account id column.*Columns found: "invoice", "amount"/);
    const { fileId: bad } = engine.stageFile(writeFile(dir, 'all-bad.csv', csv('agent_id,created', [',2024-01-01', 'x,yesterday'])));
    await expect(call(engine, 'roster:import', { fileId: bad })).rejects.toThrow(/none of its 2 rows could be read as an account \(first problem, line 2: the account id is empty\)\. Nothing was imported\./);
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM roster').get() as { n: number }).n).toBe(0);
  });

  it('an unclosed quote is refused with the file and its line, not read as one long account; mixed line endings are read', async () => {
    const engine = await freshEngine(dir);
    const rows = Array.from({ length: 20 }, (_, i) => `user${i}@acme.example,User ${i},2024-01-02`);
    const quoted = writeFile(dir, 'quoted.csv', csv('agent_id,agent_name,created', [...rows.slice(0, 5), '"broken@acme.example,Broken,2024-01-02', ...rows.slice(5)]));
    const { fileId } = engine.stageFile(quoted);
    await expect(call(engine, 'roster:import', { fileId })).rejects.toThrow(/unclosed-quote: quoted\.csv, line 7: a quoted value opens here and is never closed/);
    expect((engine.db.prepare('SELECT COUNT(*) AS n FROM roster').get() as { n: number }).n).toBe(0);

    // CRLF, LF and CR in one file: Papa takes the first ending it sees as the only one.
    const mixed = ['agent_id,agent_name,created', ...rows].map((row, i) => row + ['\r\n', '\n', '\r'][i % 3]).join('');
    const { fileId: cr } = engine.stageFile(writeFile(dir, 'mixed.csv', mixed));
    const summary = (await call(engine, 'roster:import', { fileId: cr })) as { added: number };
    expect(summary.added).toBe(20);
  });
});

/**
 * Roster import and the roster check. A roster file is read through the same text source as
 * session exports (so .gz, .zip and .xlsx rosters work), its accounts are written in one
 * transaction (agents upserted, roster rows added or updated), and rows that cannot be read are
 * listed with line, field and reason. The check compares the roster with the sessions: accounts
 * that never logged in, and agents seen in sessions but missing from the roster.
 */
import { formatDay, ZoneClock } from '../../shared/calendar';
import type { RosterImportSummary, RosterSummary, RowError } from '../../shared/contract';
import { detectRosterColumns, describeHeader, openRosterReader, ROSTER_EXPECTS, type RosterAccountRow } from '../../shared/import/roster';
import type { DateOrder } from '../../shared/import/timestamps';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';
import { buildSample, SAMPLE_CHARS } from './import/sample';
import { openTextSource } from './import/text-source';
import { parseDelimited } from './import/delimited';

const MAX_KEPT_ERRORS = 1000;

export type RosterImportOptions = {
  path: string;
  fileName: string;
  /** Business zone: instants in created/deactivated columns become local days in it. */
  timeZone: string;
  dateOrder?: DateOrder;
  /** "Today" for accounts disabled without a date (tests pass a fixed one). */
  nowMs?: number;
};

async function readRows(
  path: string,
  fileName: string,
): Promise<{ sampleRows: readonly (readonly string[])[]; delimiter: string; text: { chunks: AsyncIterable<string>; destroy: () => void } }> {
  const source = openTextSource(path, fileName, { onBytes: () => undefined });
  const chunks = source.text[Symbol.asyncIterator]() as AsyncIterator<string>;
  let head = '';
  let complete = false;
  while (head.length < SAMPLE_CHARS) {
    const next = await chunks.next();
    if (next.done) {
      complete = true;
      break;
    }
    head += next.value;
  }
  const sample = buildSample(head, complete, fileName);
  if (sample.container !== 'delimited') {
    source.destroy();
    throw new UserFacingError('not-a-roster', `${fileName} is JSON; a roster is read from CSV or XLSX: ${ROSTER_EXPECTS}.`);
  }
  async function* all(): AsyncGenerator<string> {
    yield head;
    if (complete) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { sampleRows: sample.rows, delimiter: sample.delimiter, text: { chunks: all(), destroy: source.destroy } };
}

export async function importRoster(db: Connection, options: RosterImportOptions): Promise<RosterImportSummary> {
  const { sampleRows, delimiter, text } = await readRows(options.path, options.fileName);
  const detected = detectRosterColumns(sampleRows);
  if (!detected) {
    text.destroy();
    const first = sampleRows.find((r) => r.some((c) => c.trim() !== '')) ?? [];
    throw new UserFacingError('not-a-roster', `${options.fileName} is not a roster of accounts: expected ${ROSTER_EXPECTS}. Columns found: ${describeHeader(first) || 'none'}.`);
  }
  const clock = new ZoneClock(options.timeZone);
  const read = openRosterReader(detected, options.dateOrder ?? 'MDY', (ms) => clock.localDay(ms));
  const accounts = new Map<string, { account: RosterAccountRow; line: number }>();
  const errors: RowError[] = [];
  let rejected = 0;
  let rowsRead = 0;
  let duplicatesInFile = 0;

  await parseDelimited(text.chunks, delimiter, { fileName: options.fileName, destroy: text.destroy }, (row, line) => {
    const reading = read(row, line);
    if (reading.kind === 'skip') return;
    rowsRead += 1;
    if (reading.kind === 'error') {
      rejected += 1;
      if (errors.length < MAX_KEPT_ERRORS) errors.push({ line, field: reading.field, message: reading.message });
      return;
    }
    // The same account twice in one file: the later row wins (exports list changes in order).
    if (accounts.has(reading.account.key)) duplicatesInFile += 1;
    accounts.set(reading.account.key, { account: reading.account, line });
  });

  if (accounts.size === 0) {
    throw new UserFacingError(
      'no-accounts',
      `${options.fileName}: none of its ${rowsRead} rows could be read as an account${errors[0] ? ` (first problem, line ${errors[0].line}: ${errors[0].message})` : ''}. Nothing was imported.`,
    );
  }

  const today = clock.localDay(options.nowMs ?? Date.now());
  let disabledWithoutDate = 0;
  const source = `${detected.format}:${options.fileName}`;
  const importedAt = options.nowMs ?? Date.now();
  const { added, updated } = db.transaction(() => {
    const upsertAgent = db.prepare(
      `INSERT INTO agent (external_key, display_name, team, site, role) VALUES (?, ?, ?, ?, COALESCE(?, 'agent'))
       ON CONFLICT(external_key) DO UPDATE SET
         display_name = COALESCE(excluded.display_name, agent.display_name),
         team = COALESCE(excluded.team, agent.team),
         site = COALESCE(excluded.site, agent.site),
         role = CASE WHEN ? IS NULL THEN agent.role ELSE excluded.role END
       RETURNING id`,
    );
    const existing = db.prepare('SELECT 1 FROM roster WHERE agent_id = ?');
    const upsertRoster = db.prepare(
      `INSERT INTO roster (agent_id, created_day, deactivated_day, source, imported_at_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(agent_id) DO UPDATE SET
         created_day = COALESCE(excluded.created_day, roster.created_day),
         deactivated_day = excluded.deactivated_day,
         source = excluded.source,
         imported_at_ms = excluded.imported_at_ms`,
    );
    let addedCount = 0;
    let updatedCount = 0;
    for (const { account } of accounts.values()) {
      const { id } = upsertAgent.get(account.key, account.name ?? account.label, account.team, account.site, account.role, account.role) as { id: number };
      if (existing.get(id)) updatedCount += 1;
      else addedCount += 1;
      let deactivated = account.deactivatedDay;
      if (account.disabledWithoutDate) {
        disabledWithoutDate += 1;
        deactivated = today;
      }
      upsertRoster.run(id, account.createdDay, deactivated, source, importedAt);
    }
    return { added: addedCount, updated: updatedCount };
  })();

  const warnings: string[] = [];
  if (duplicatesInFile > 0) warnings.push(`${duplicatesInFile} account${duplicatesInFile === 1 ? ' is' : 's are'} listed more than once; the last row of each was used.`);
  if (disabledWithoutDate > 0) {
    warnings.push(
      `${disabledWithoutDate} disabled account${disabledWithoutDate === 1 ? ' has' : 's have'} no deactivation date: counted as provisioned until today (${formatDay(today)}), when the roster was imported.`,
    );
  }
  if (detected.format !== 'generic-csv') {
    warnings.push(
      detected.format === 'entra-users'
        ? 'Accounts are keyed on their Entra object id, as the Entra sign-in log keys users ("User ID").'
        : 'Accounts are keyed on their Okta login, as the Okta System Log keys users (actor.alternateId).',
    );
  }
  return { file: options.fileName, format: detected.format, rowsRead, added, updated, rejected, errors, warnings };
}

export function rosterSummary(db: Connection, timeZone: string, limit: number, nowMs = Date.now()): RosterSummary {
  const today = new ZoneClock(timeZone).localDay(nowMs);
  const counts = db
    .prepare(
      `SELECT COUNT(*) AS accounts,
              SUM(CASE WHEN deactivated_day IS NULL OR deactivated_day > ? THEN 1 ELSE 0 END) AS active,
              SUM(CASE WHEN a.has_sessions = 0 THEN 1 ELSE 0 END) AS never
       FROM roster r JOIN agent a ON a.id = r.agent_id`,
    )
    .get(today) as { accounts: number; active: number | null; never: number | null };
  const never = db
    .prepare(
      `SELECT a.external_key AS agent, a.display_name AS name, a.role AS role, r.created_day AS created, r.deactivated_day AS deactivated
       FROM roster r JOIN agent a ON a.id = r.agent_id
       WHERE a.has_sessions = 0
       ORDER BY a.external_key LIMIT ?`,
    )
    .all(limit) as Array<{ agent: string; name: string | null; role: string; created: number | null; deactivated: number | null }>;
  const missingCount = (
    db.prepare('SELECT COUNT(*) AS n FROM agent WHERE has_sessions = 1 AND id NOT IN (SELECT agent_id FROM roster)').get() as { n: number }
  ).n;
  // Reads every session of those agents; skipped when there are none (the common case with a roster).
  const missing = missingCount === 0 ? [] : db
    .prepare(
      `SELECT a.external_key AS agent, a.display_name AS name, COUNT(*) AS sessions, MAX(s.end_ms) AS last
       FROM session s JOIN agent a ON a.id = s.agent_id
       WHERE s.agent_id NOT IN (SELECT agent_id FROM roster)
       GROUP BY s.agent_id ORDER BY a.external_key LIMIT ?`,
    )
    .all(limit) as Array<{ agent: string; name: string | null; sessions: number; last: number }>;
  const neverCount = counts.never ?? 0;
  return {
    accounts: counts.accounts,
    activeAccounts: counts.active ?? 0,
    deactivatedAccounts: counts.accounts - (counts.active ?? 0),
    neverLoggedInCount: neverCount,
    neverLoggedIn: never.map((r) => ({
      agent: r.agent,
      name: r.name,
      role: r.role,
      created: r.created === null ? null : formatDay(r.created),
      deactivated: r.deactivated === null ? null : formatDay(r.deactivated),
    })),
    missingFromRosterCount: missingCount,
    missingFromRoster: missing.map((r) => ({ agent: r.agent, name: r.name, sessions: r.sessions, lastSeen: new Date(r.last).toISOString() })),
    truncated: neverCount > never.length || missingCount > missing.length,
  };
}

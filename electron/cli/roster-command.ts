/**
 * `seatcast roster FILE` imports a roster of provisioned accounts; `seatcast roster --check`
 * compares the roster with the sessions (accounts that never logged in, agents missing from the
 * roster). `--rejects FILE` for `seatcast import` writes an import's rejected rows as CSV.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RosterImportSummary, RosterSummary } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { rejectsCsv } from '../engine/import/reject-log';
import { formatTable } from './table';

export const ROSTER_HELP = `Usage: seatcast roster <file> [--db PATH] [--json]
       seatcast roster --check [--db PATH] [--json]

Imports the provisioned accounts (the named-seat base) from a CSV with an id column and any of
name, role, team, site, created, deactivated — or from a Microsoft Entra or Okta users export
(also .gz, .zip or .xlsx). Accounts already in the roster are updated. Rows that cannot be read
are listed with line, field and reason; the rest is written in one transaction.

--check lists roster accounts that never logged in and agents seen in sessions but missing from
the roster. Exit 0 on success, 2 when the file is refused.`;

const MAX_LISTED = 200;

export async function rosterImportCommand(engine: Engine, file: string): Promise<RosterImportSummary> {
  const staged = engine.stageFile(resolve(file));
  return engine.handlers['roster:import']({ fileId: staged.fileId }) as Promise<RosterImportSummary>;
}

export function rosterImportTable(summary: RosterImportSummary): string {
  const lines = [
    formatTable(
      ['File', 'Format', 'Rows read', 'Added', 'Updated', 'Rejected'],
      [[summary.file, summary.format, String(summary.rowsRead), String(summary.added), String(summary.updated), String(summary.rejected)]],
    ),
  ];
  for (const warning of summary.warnings) lines.push(`  ${warning}`);
  for (const error of summary.errors.slice(0, 10)) lines.push(`  ${summary.file} line ${error.line}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
  if (summary.errors.length > 10) lines.push(`  … ${summary.errors.length - 10} more problems`);
  return lines.join('\n');
}

export async function rosterCheck(engine: Engine): Promise<RosterSummary> {
  return engine.handlers['roster:summary']({ limit: MAX_LISTED }) as Promise<RosterSummary>;
}

export function rosterCheckText(summary: RosterSummary): string {
  if (summary.accounts === 0 && summary.missingFromRosterCount === 0) return 'No roster yet. Import one with: seatcast roster accounts.csv';
  const lines = [
    `Roster: ${summary.accounts} accounts (${summary.activeAccounts} active, ${summary.deactivatedAccounts} deactivated).`,
    '',
    `Never logged in: ${summary.neverLoggedInCount}`,
  ];
  if (summary.neverLoggedIn.length > 0) {
    lines.push(
      formatTable(
        ['Account', 'Name', 'Role', 'Created', 'Deactivated'],
        summary.neverLoggedIn.map((a) => [a.agent, a.name ?? '', a.role, a.created ?? '', a.deactivated ?? '']),
      ),
    );
  }
  lines.push('', `Seen in sessions but missing from the roster: ${summary.missingFromRosterCount}`);
  if (summary.missingFromRoster.length > 0) {
    lines.push(formatTable(['Agent', 'Name', 'Sessions', 'Last seen'], summary.missingFromRoster.map((a) => [a.agent, a.name ?? '', String(a.sessions), a.lastSeen])));
  }
  if (summary.truncated) lines.push('', `Lists show the first ${MAX_LISTED} of each; --json has the same cut. The counts are complete.`);
  return lines.join('\n');
}

/** Writes an import's rejected rows as CSV to `path`; returns how many rows it holds. */
export function writeRejects(engine: Engine, importId: number, path: string): number {
  const { csv, rows } = rejectsCsv(engine.db, importId);
  writeFileSync(resolve(path), csv);
  return rows;
}

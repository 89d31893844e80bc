/**
 * Rosters of provisioned accounts (the named-seat base): a plain CSV (id, name, role, created,
 * deactivated), or a users export from an identity provider. Each account is keyed the way the
 * sessions of that source are keyed, so roster and sessions meet on one agent:
 *  - Microsoft Entra users CSV: the object id (sign-in logs key on "User ID");
 *  - Okta users CSV: the login (the System Log keys on actor.alternateId);
 *  - generic: the id column (agent id, user, login, e-mail …), case-folded like session ids.
 * Pure: no Node, no database.
 */
import { daysFromCivil } from '../calendar';
import { agentKeyOf, normaliseHeader } from './generic-csv';
import { findHeaderRow, headerIndex } from './presets/common';
import { parseTimestamp, type DateOrder } from './timestamps';

export type RosterFormat = 'generic-csv' | 'okta-users' | 'entra-users';

export type RosterAccountRow = {
  key: string;
  label: string;
  name: string | null;
  role: string | null;
  team: string | null;
  site: string | null;
  /** Local day numbers (days since 1970-01-01). */
  createdDay: number | null;
  deactivatedDay: number | null;
  /** Disabled in the export but with no date: deactivated "as of the export". */
  disabledWithoutDate: boolean;
};

export type RosterReading = { kind: 'skip' } | { kind: 'error'; field: string; message: string } | { kind: 'account'; account: RosterAccountRow };

type Columns = {
  id: number;
  name?: number | undefined;
  first?: number | undefined;
  last?: number | undefined;
  role?: number | undefined;
  team?: number | undefined;
  site?: number | undefined;
  created?: number | undefined;
  deactivated?: number | undefined;
  /** A status/enabled column standing in for a deactivation date. */
  status?: number | undefined;
};

const find = (index: ReadonlyMap<string, number>, ...names: string[]) => {
  for (const name of names) {
    const i = index.get(normaliseHeader(name));
    if (i !== undefined) return i;
  }
  return undefined;
};

const GENERIC_ID = ['agent_id', 'agent id', 'agentid', 'id', 'user id', 'userid', 'username', 'user name', 'user', 'login', 'login id', 'loginid', 'email', 'e-mail', 'agent', 'employee id', 'account'];

/** Recognises the header row and which export it is. */
export function detectRosterColumns(rows: readonly (readonly string[])[]): { format: RosterFormat; headerRow: number; columns: Columns } | null {
  const found = findHeaderRow(rows, (_row, index) => {
    if (find(index, 'userPrincipalName', 'User principal name') !== undefined && find(index, 'objectId', 'Object ID', 'id') !== undefined) {
      const columns: Columns = {
        id: find(index, 'objectId', 'Object ID', 'id')!,
        name: find(index, 'displayName', 'Display name'),
        team: find(index, 'department', 'Department'),
        site: find(index, 'officeLocation', 'Office location'),
        created: find(index, 'createdDateTime', 'Creation date', 'Created'),
        deactivated: find(index, 'deletedDateTime', 'Deleted date'),
        status: find(index, 'accountEnabled', 'Account enabled', 'Block sign in'),
      };
      return { format: 'entra-users' as const, columns };
    }
    if (find(index, 'Username', 'Login') !== undefined && find(index, 'Status') !== undefined && find(index, 'Primary email', 'First name') !== undefined) {
      const columns: Columns = {
        id: find(index, 'Username', 'Login')!,
        first: find(index, 'First name'),
        last: find(index, 'Last name'),
        team: find(index, 'Department'),
        created: find(index, 'Created'),
        deactivated: find(index, 'Deactivated', 'Status changed'),
        status: find(index, 'Status'),
      };
      return { format: 'okta-users' as const, columns };
    }
    const id = find(index, ...GENERIC_ID);
    if (id === undefined) return null;
    const created = find(index, 'created', 'created at', 'created date', 'provisioned', 'start date', 'hired', 'hire date', 'activated');
    const deactivated = find(index, 'deactivated', 'deactivated at', 'deactivated date', 'end date', 'terminated', 'termination date', 'deprovisioned', 'disabled');
    const name = find(index, 'name', 'agent name', 'agent_name', 'full name', 'display name', 'displayname');
    // An id alone is a list of anything: a roster also says who the account is or when it existed.
    if (name === undefined && created === undefined && deactivated === undefined) return null;
    return {
      format: 'generic-csv' as const,
      columns: { id, name, created, deactivated, role: find(index, 'role', 'user type', 'account type', 'profile'), team: find(index, 'team', 'group', 'department'), site: find(index, 'site', 'location') },
    };
  });
  return found ? { format: found.value.format, headerRow: found.row, columns: found.value.columns } : null;
}

export const ROSTER_EXPECTS =
  'a header row with an account id column (agent_id, user, login or email) and a name, created or deactivated column; or a Microsoft Entra or Okta users export';

/** The local day a created/deactivated cell names: dates as written, instants in the business zone. */
function dayOf(raw: string, dateOrder: DateOrder, dayOfInstant: (epochMs: number) => number): number | string | null {
  const text = raw.trim();
  if (text === '' || /^(n\/a|null|-|never)$/i.test(text)) return null;
  const parsed = parseTimestamp(text, dateOrder);
  if (parsed.kind === 'invalid') return parsed.reason;
  if (parsed.kind === 'instant') return dayOfInstant(parsed.epochMs);
  return daysFromCivil(parsed.wall.year, parsed.wall.month, parsed.wall.day);
}

const DISABLED = /^(false|no|0|deprovisioned|deactivated|suspended|disabled|blocked|locked_out|inactive)$/i;

export function openRosterReader(detected: NonNullable<ReturnType<typeof detectRosterColumns>>, dateOrder: DateOrder, dayOfInstant: (epochMs: number) => number) {
  const { columns: c, headerRow, format } = detected;
  const headerLine = headerRow + 1;
  const cell = (row: readonly string[], i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  const optional = (row: readonly string[], i: number | undefined) => {
    const v = cell(row, i);
    return v === '' ? null : v;
  };
  return (row: readonly string[], line: number): RosterReading => {
    if (line <= headerLine || row.every((v) => v.trim() === '')) return { kind: 'skip' };
    const label = cell(row, c.id);
    if (label === '') return { kind: 'error', field: 'id', message: 'the account id is empty' };
    const created = dayOf(cell(row, c.created), dateOrder, dayOfInstant);
    if (typeof created === 'string') return { kind: 'error', field: 'created', message: `created: ${created}` };
    const deactivated = dayOf(cell(row, c.deactivated), dateOrder, dayOfInstant);
    if (typeof deactivated === 'string') return { kind: 'error', field: 'deactivated', message: `deactivated: ${deactivated}` };
    if (created !== null && deactivated !== null && deactivated < created) {
      return { kind: 'error', field: 'deactivated', message: 'the account is deactivated before it was created' };
    }
    // Entra "accountEnabled" FALSE, Okta Status DEPROVISIONED/SUSPENDED: disabled, date unknown.
    const status = cell(row, c.status);
    const statusDisabled = status !== '' && (format === 'entra-users' ? /^(false|no|0)$/i.test(status) : DISABLED.test(status));
    const name = format === 'okta-users' ? [optional(row, c.first), optional(row, c.last)].filter(Boolean).join(' ') || null : optional(row, c.name);
    return {
      kind: 'account',
      account: {
        key: agentKeyOf(label),
        label,
        name,
        role: optional(row, c.role)?.toLowerCase() ?? null,
        team: optional(row, c.team),
        site: optional(row, c.site),
        createdDay: created,
        deactivatedDay: deactivated,
        disabledWithoutDate: statusDisabled && deactivated === null,
      },
    };
  };
}

/** Header names as the file spells them, for messages: "id", "name" … in a refused file. */
export function describeHeader(row: readonly string[]): string {
  return [...headerIndex(row).keys()].slice(0, 12).map((k) => `"${k}"`).join(', ');
}

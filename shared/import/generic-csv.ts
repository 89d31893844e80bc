/**
 * The generic preset: any delimited file with an agent column, a login column and a logout (or
 * duration) column. Header names drift between platforms and hand-made sheets, so columns are
 * recognised by normalised synonyms rather than exact spellings.
 */
import type { Reading } from './presets/types';
import { parseDuration, parseTimestamp, type DateOrder, type ParsedTimestamp } from './timestamps';

export type ColumnRole = 'agent' | 'name' | 'login' | 'logout' | 'duration' | 'team' | 'site' | 'program' | 'role';

export type ColumnMap = Partial<Record<ColumnRole, number>>;

const SYNONYMS: Record<ColumnRole, string[]> = {
  agent: ['agentid', 'agent', 'agentlogin', 'agentloginid', 'userid', 'user', 'username', 'loginid', 'login_name', 'loginname', 'employeeid', 'email', 'agentemail', 'useremail', 'agentkey'],
  name: ['agentname', 'name', 'fullname', 'displayname', 'agentdisplayname', 'employeename'],
  login: ['login', 'logintime', 'logintimestamp', 'loggedin', 'loginat', 'start', 'starttime', 'sessionstart', 'signin', 'signintime', 'logindatetime'],
  logout: ['logout', 'logouttime', 'logouttimestamp', 'loggedout', 'logoutat', 'end', 'endtime', 'sessionend', 'signout', 'signouttime', 'logoutdatetime'],
  duration: ['duration', 'sessionduration', 'loggedintime', 'loginduration', 'durationseconds', 'durationsec', 'timeloggedin'],
  team: ['team', 'teamname', 'group', 'skillgroup', 'queue'],
  site: ['site', 'location', 'center', 'centre', 'sitename'],
  program: ['program', 'programme', 'campaign', 'line', 'lineofbusiness', 'lob'],
  role: ['role', 'usertype', 'accounttype', 'profile'],
};

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const NORMALISED_SYNONYMS: Record<ColumnRole, Set<string>> = Object.fromEntries(
  Object.entries(SYNONYMS).map(([role, names]) => [role, new Set(names.map(normaliseHeader))]),
) as Record<ColumnRole, Set<string>>;

/** Finds the column of each role in a header row; the first matching column wins. */
export function detectColumns(headers: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    for (const role of Object.keys(NORMALISED_SYNONYMS) as ColumnRole[]) {
      if (map[role] === undefined && NORMALISED_SYNONYMS[role].has(key)) {
        map[role] = index;
        return;
      }
    }
  });
  return map;
}

/** Why a header row cannot be read as a login export, or null when it can. */
export function explainMissingColumns(headers: readonly string[], map: ColumnMap): string | null {
  const missing: string[] = [];
  if (map.agent === undefined) missing.push('an agent id (e.g. "agent_id", "user", "email")');
  if (map.login === undefined) missing.push('a login time (e.g. "login", "start_time")');
  if (map.logout === undefined && map.duration === undefined) missing.push('a logout time or a duration (e.g. "logout", "duration")');
  if (missing.length === 0) return null;
  const shown = headers
    .slice(0, 12)
    .map((h) => `"${h.replace(/^\uFEFF/, '').trim().slice(0, 30)}"`)
    .join(', ');
  return `This file does not look like an agent login export: it has no column for ${missing.join(', ')}. Columns found: ${shown || 'none'}${headers.length > 12 ? ', …' : ''}.`;
}

/** What one row of a generic export says: a session, nothing (blank), or a problem. */
export type RowReading = Extract<Reading, { kind: 'session' | 'skip' | 'error' }>;

/**
 * One identity per person: ids differing only in case or surrounding whitespace are one agent.
 */
export function agentKeyOf(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

function cell(row: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

function optional(row: readonly string[], index: number | undefined): string | null {
  const value = cell(row, index);
  return value === '' ? null : value;
}

export function readRow(row: readonly string[], map: ColumnMap, dateOrder: DateOrder): RowReading {
  if (row.every((value) => value.trim() === '')) return { kind: 'skip' };
  const agentRaw = cell(row, map.agent);
  if (agentRaw === '') return { kind: 'error', field: 'agent', message: 'the agent id is empty' };
  const loginRaw = cell(row, map.login);
  const login = parseTimestamp(loginRaw, dateOrder);
  if (login.kind === 'invalid') {
    return { kind: 'error', field: 'login', message: loginRaw === '' ? 'the login time is empty' : `login: ${login.reason}` };
  }
  const logoutRaw = cell(row, map.logout);
  let logout: ParsedTimestamp | null = null;
  if (logoutRaw !== '') {
    logout = parseTimestamp(logoutRaw, dateOrder);
    if (logout.kind === 'invalid') return { kind: 'error', field: 'logout', message: `logout: ${logout.reason}` };
  }
  let durationMs: number | null = null;
  const durationRaw = cell(row, map.duration);
  if (logout === null && durationRaw !== '') {
    durationMs = parseDuration(durationRaw);
    if (durationMs === null) return { kind: 'error', field: 'duration', message: `duration "${durationRaw.slice(0, 30)}" is not HH:MM:SS or seconds` };
  }
  return {
    kind: 'session',
    agent: {
      key: agentKeyOf(agentRaw),
      label: agentRaw,
      name: optional(row, map.name),
      team: optional(row, map.team),
      site: optional(row, map.site),
      program: optional(row, map.program),
      role: optional(row, map.role)?.toLowerCase() ?? null,
    },
    login,
    logout,
    durationMs,
  };
}

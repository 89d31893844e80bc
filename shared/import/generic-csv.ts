/**
 * The generic preset: any delimited file with an agent column, a login column and a logout (or
 * duration) column. Header names drift between platforms and hand-made sheets, so columns are
 * recognised by normalised synonyms rather than exact spellings.
 */
import type { Reading, SessionSink } from './presets/types';
import { fixedIsoUtc, fixedIsoUtcBytes, parseDuration, parseTimestamp, type DateOrder, type ParsedTimestamp } from './timestamps';

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
  // Most ids are already keys (printable ASCII, no capitals, no spaces): returned as they are,
  // which saves a regular expression and a new string on every row of an import.
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 65 && c <= 90)) return raw.trim().replace(/\s+/g, ' ').toLowerCase();
  }
  return raw;
}

/**
 * For an id that is its own key (agentKeyOf returns it as it is: printable ASCII, no capitals, no
 * spaces), a hash of it, non-negative; -1 for any other. The import finds a row's agent by it where
 * the id stands in its line (SessionSink.knownAgentAt): cutting the id out and hashing the new
 * string for a Map took 80 ns a row, a sixth of reading the row (docs/benchmarks.md, ninth round).
 */
export function plainKeyHash(text: string, start: number, end: number): number {
  let hash = KEY_HASH_START;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (!keyCharacter(c)) return -1;
    hash = keyHashStep(hash, c);
  }
  return hash >>> 1;
}

/** plainKeyHash over the id's characters as bytes (ASCII text: the import's ChunkBytes). */
export function plainKeyHashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = KEY_HASH_START;
  for (let i = start; i < end; i += 1) {
    const c = bytes[i]!;
    if (!keyCharacter(c)) return -1;
    hash = keyHashStep(hash, c);
  }
  return hash >>> 1;
}

// FNV-1a, 32 bits.
const KEY_HASH_START = 0x811c9dc5;
const keyHashStep = (hash: number, c: number) => Math.imul(hash ^ c, 0x01000193);
/** A character agentKeyOf keeps as it is: printable ASCII but space and capitals. */
const keyCharacter = (c: number) => c > 32 && c < 127 && !(c >= 65 && c <= 90);

function cell(row: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

function optional(row: readonly string[], index: number | undefined): string | null {
  const value = cell(row, index);
  return value === '' ? null : value;
}

/**
 * How a mapping says times of day are written. Undefined accepts both; a declared style turns a
 * mismatch into a row error, because "09:00" in a 12-hour file is ambiguous and "9:00 PM" in a
 * 24-hour file means the user mapped the wrong column.
 */
export type ClockStyle = '12h' | '24h';

/** Everything a user can say about a generic file the detector cannot guess. */
export type GenericMapping = {
  /** Column index per role; when absent, columns are recognised from the header row. */
  columns?: ColumnMap;
  /** Whether the first row after the banner lines names the columns (default true). */
  hasHeader?: boolean;
  /** Banner, title and filter lines above the header (or the data) to skip (default 0). */
  skipLines?: number;
  clock?: ClockStyle;
  /** Overrides the sniffed delimiter (`,` `;` TAB `|`). */
  delimiter?: string;
  /** Overrides the sniffed text encoding. */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
};

/** One thing wrong with one field of a row. */
export type FieldProblem = { field: ColumnRole; message: string };

const MERIDIEM = /\d\s*[AaPp]\.?[Mm]\.?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME_OF_DAY = /\d:\d{2}/;

function clockProblem(raw: string, field: 'login' | 'logout', clock: ClockStyle | undefined): string | null {
  if (clock === undefined || !TIME_OF_DAY.test(raw)) return null;
  const marked = MERIDIEM.test(raw);
  if (clock === '12h' && !marked) return `${field}: "${raw.slice(0, 30)}" has no AM/PM, but the mapping says times are 12-hour`;
  if (clock === '24h' && marked) return `${field}: "${raw.slice(0, 30)}" has AM/PM, but the mapping says times are 24-hour`;
  return null;
}

/**
 * Reads one row. With `problems` it checks every field and lists each problem (the mapping
 * preview highlights them in place); without, it stops at the first (the import's hot path).
 */
function readFields(
  row: readonly string[],
  map: ColumnMap,
  dateOrder: DateOrder,
  clock: ClockStyle | undefined,
  problems: FieldProblem[] | null,
): RowReading {
  if (blankRow(row)) return { kind: 'skip' };
  // Made only when a field is wrong: this runs once a row of every import.
  let found: FieldProblem[] | null = problems;
  // True when reading should stop here (the hot path wants only the first problem).
  const problem = (field: ColumnRole, message: string): boolean => {
    (found ??= []).push({ field, message });
    return problems === null;
  };
  const agentRaw = cell(row, map.agent);
  if (agentRaw === '' && problem('agent', 'the agent id is empty')) return errorOf(found![0]);
  const loginRaw = cell(row, map.login);
  let login = parseTimestamp(loginRaw, dateOrder);
  if (login.kind === 'invalid') {
    if (problem('login', loginRaw === '' ? 'the login time is empty' : `login: ${login.reason}`)) return errorOf(found![0]);
  } else {
    const clash = clockProblem(loginRaw, 'login', clock);
    if (clash !== null && problem('login', clash)) return errorOf(found![0]);
  }
  const logoutRaw = cell(row, map.logout);
  let logout: ParsedTimestamp | null = null;
  if (logoutRaw !== '') {
    logout = parseTimestamp(logoutRaw, dateOrder);
    if (logout.kind === 'invalid') {
      if (problem('logout', `logout: ${logout.reason}`)) return errorOf(found![0]);
    } else {
      const clash = clockProblem(logoutRaw, 'logout', clock);
      if (clash !== null && problem('logout', clash)) return errorOf(found![0]);
    }
  }
  let durationMs: number | null = null;
  const durationRaw = cell(row, map.duration);
  if ((logout === null || logout.kind === 'invalid') && durationRaw !== '') {
    durationMs = parseDuration(durationRaw);
    if (durationMs === null && problem('duration', `duration "${durationRaw.slice(0, 30)}" is not HH:MM:SS or seconds`)) return errorOf(found![0]);
  }
  if (found !== null && found.length > 0) return errorOf(found[0]);
  login = login as Exclude<ParsedTimestamp, { kind: 'invalid' }>;
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

function blankRow(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i += 1) if (row[i]!.trim() !== '') return false;
  return true;
}

function errorOf(problem: FieldProblem | undefined): RowReading {
  return { kind: 'error', field: problem?.field, message: problem?.message ?? 'the row could not be read' };
}

export function readRow(row: readonly string[], map: ColumnMap, dateOrder: DateOrder, clock?: ClockStyle): RowReading {
  return readFields(row, map, dateOrder, clock, null);
}

/** How a delimited line is read where it stands (lineReader). */
export type LineReader = {
  /**
   * What readRow gives for `text.slice(start, end).split(delimiter)`, without splitting the line,
   * or null when the row is not the usual kind: the caller then splits it and reads it with readRow.
   */
  reading(text: string, start: number, end: number, delimiter: string): RowReading | null;
  /**
   * The line's session put into `sink` directly when it is a known agent's plain session (the
   * usual row of a large export); false, with nothing added, when it needs a reading.
   */
  into(text: string, start: number, end: number, delimiter: string, line: number, sink: SessionSink, bytes?: Uint8Array): boolean;
};

/**
 * Reads a line of delimited text where it stands, for the usual row: what readRow gives for
 * `text.slice(start, end).split(delimiter)`, without splitting the line — only the agent's cells
 * are cut out, and the times are read in place. Not for a row that is not the usual kind (an empty
 * or space-padded agent id or time, a time in another form, no logout, a clock style to check):
 * the caller then splits the line and reads it with readRow, which decides and explains.
 *
 * Splitting every line into an array of strings was most of reading a large export (about a third
 * of the import's CPU time on the benchmark's 4M-row file: docs/benchmarks.md, eighth round). Of
 * what was left, building a reading a row (four objects and the agent's attributes cut out, to be
 * dropped again for every agent already seen) was a fifth: `into` hands a known agent's session
 * over as numbers (ninth round).
 */
export function lineReader(map: ColumnMap, clock: ClockStyle | undefined): LineReader {
  const { agent, login, logout } = map;
  if (clock !== undefined || agent === undefined || login === undefined || logout === undefined) return { reading: () => null, into: () => false };
  const last = Math.max(...Object.values(map).filter((index): index is number => index !== undefined));
  // Start and end of each cell up to the last mapped one; -1 for a cell the line does not have.
  const starts = new Int32Array(last + 1);
  const ends = new Int32Array(last + 1);
  // The next delimiter at or after the search point, kept between lines of the same text: a run
  // of lines with fewer cells than mapped would otherwise search to the end of the text each time.
  // `next` is the first delimiter at or after `nextFrom`, so valid for any point between the two
  // (reading the same line again, as `reading` does after `into` declined it, searches anew).
  let searched: string | null = null;
  let nextFrom = 0;
  let next = -1;
  // What locate read from the line.
  let loginMs = Number.NaN;
  let logoutMs = Number.NaN;
  let agentStart = 0;
  let agentEnd = 0;
  /**
   * Finds the line's cells and reads its agent and times; false when only readRow can. With
   * `bytes` (the text's characters as bytes), the times are read from those.
   */
  const locate = (text: string, start: number, end: number, delimiter: string, bytes?: Uint8Array): boolean => {
    if (searched !== text) {
      searched = text;
      next = -1;
    }
    let at = start;
    for (let cell = 0; cell <= last; cell += 1) {
      if (at > end) {
        starts[cell] = -1;
        ends[cell] = -1;
        continue;
      }
      if (next < at || at < nextFrom) {
        next = text.indexOf(delimiter, at);
        if (next === -1) next = text.length;
        nextFrom = at;
      }
      const cellEnd = next < end ? next : end;
      starts[cell] = at;
      ends[cell] = cellEnd;
      at = cellEnd + delimiter.length;
    }
    const a0 = starts[agent]!;
    const a1 = ends[agent]!;
    if (a0 < 0 || a1 === a0 || !plainEnds(text, a0, a1)) return false;
    if (starts[login]! < 0 || starts[logout]! < 0) return false;
    loginMs = bytes ? fixedIsoUtcBytes(bytes, starts[login]!, ends[login]!) : fixedIsoUtc(text, starts[login], ends[login]);
    logoutMs = bytes ? fixedIsoUtcBytes(bytes, starts[logout]!, ends[logout]!) : fixedIsoUtc(text, starts[logout], ends[logout]);
    if (Number.isNaN(loginMs) || Number.isNaN(logoutMs)) return false;
    agentStart = a0;
    agentEnd = a1;
    return true;
  };
  const optional = (index: number | undefined, text: string): string | null => {
    if (index === undefined || starts[index]! < 0) return null;
    const value = text.slice(starts[index], ends[index]).trim();
    return value === '' ? null : value;
  };
  /** A bit (as blankFields numbers them) for each attribute whose cell is not empty: it may fill a blank. */
  const filled = (index: number | undefined, bit: number): number => (index !== undefined && ends[index]! > starts[index]! ? bit : 0);
  return {
    reading(text, start, end, delimiter) {
      if (!locate(text, start, end, delimiter)) return null;
      const agentRaw = text.slice(agentStart, agentEnd);
      return {
        kind: 'session',
        agent: {
          key: agentKeyOf(agentRaw),
          label: agentRaw,
          name: optional(map.name, text),
          team: optional(map.team, text),
          site: optional(map.site, text),
          program: optional(map.program, text),
          role: optional(map.role, text)?.toLowerCase() ?? null,
        },
        login: { kind: 'instant', epochMs: loginMs },
        logout: { kind: 'instant', epochMs: logoutMs },
        durationMs: null,
      };
    },
    into(text, start, end, delimiter, line, sink, bytes) {
      if (!locate(text, start, end, delimiter, bytes)) return false;
      const present = filled(map.name, 1) | filled(map.team, 2) | filled(map.site, 4) | filled(map.program, 8) | filled(map.role, 16);
      // An id that is its own key is looked up where it stands; another is cut out and made a key.
      const hash = bytes ? plainKeyHashBytes(bytes, agentStart, agentEnd) : plainKeyHash(text, agentStart, agentEnd);
      const index = hash >= 0 ? sink.knownAgentAt(text, agentStart, agentEnd, hash, present) : sink.knownAgent(agentKeyOf(text.slice(agentStart, agentEnd)), present);
      return index >= 0 && sink.addPlainSession(index, loginMs, logoutMs, line);
    },
  };
}

/** Whether the cell's first and last characters are printable ASCII (so trimming it changes nothing). */
function plainEnds(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** A row as the mapping preview shows it: the reading plus every field problem, not just the first. */
export function inspectRow(
  row: readonly string[],
  map: ColumnMap,
  dateOrder: DateOrder,
  clock?: ClockStyle,
): { reading: RowReading; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const reading = readFields(row, map, dateOrder, clock, problems);
  return { reading, problems };
}

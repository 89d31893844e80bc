/**
 * What a format preset is. A preset recognises one platform's export (from a sample of its first
 * rows or records), says how its timestamps are zoned, and maps each row or record to readings:
 * whole sessions (login + logout or duration), point events (LOGIN, LOGOUT, "now Available") or
 * state intervals (a status from a start to an end). The engine resolves wall times, stages the
 * readings and, for events and intervals, rebuilds sessions per agent in time order
 * (./reconstruct.ts). Presets are pure: no Node, no database, no I/O.
 */
import type { DateOrder, ParsedTimestamp } from '../timestamps';
import type { PresetId } from './ids';
import type { StateRule } from './states';

/** Session flags as stored in `session.flags` (bits). */
export const SessionFlag = {
  /** No logout in the export: capped at the export's last timestamp. */
  OPEN_CAPPED: 1,
  ZERO_LENGTH: 2,
  /** A wall time fell in a DST gap or repeated hour and was resolved. */
  DST_RESOLVED: 4,
  /** The logout is not in the export: a new login (or a new session marker) came first, so the
   *  session was closed at the agent's last recorded activity before it. */
  END_INFERRED: 8,
  /** The login is not in the export (a logout or a "<" marker came first): the session starts at
   *  the export's first timestamp, or at the time the export says the agent was already in. */
  START_CLIPPED: 16,
} as const;

export type AgentFields = {
  /** Normalised identity: immutable id when the platform has one, else the login name, case-folded. */
  key: string;
  /** The id as written in the file. */
  label: string;
  name: string | null;
  team: string | null;
  site: string | null;
  program: string | null;
  role: string | null;
};

export type SessionReading = {
  kind: 'session';
  agent: AgentFields;
  login: ParsedTimestamp;
  logout: ParsedTimestamp | null;
  durationMs: number | null;
  /** Extra SessionFlag bits the format itself states (Avaya "<" / ">"). */
  flags?: number;
};

/** Something happened to an agent at an instant. */
export type EventReading = {
  kind: 'event';
  agent: AgentFields;
  at: ParsedTimestamp;
  /** login/logout: explicit session markers. state: the agent is now in `state`. */
  action: 'login' | 'logout' | 'state';
  state: string | null;
  /** For `state`: whether that state counts as logged in under the import's state rule. */
  loggedIn: boolean;
  /** Events with the same key are one event (Amazon Connect EventId, Twilio sid). */
  dedupeKey: string | null;
};

export const Boundary = {
  /** This interval is the first of a login session (NICE Log_State 0). */
  STARTS_SESSION: 1,
  /** This interval is the last of a login session (NICE Log_State 2). */
  ENDS_SESSION: 2,
} as const;

/** An agent was in a state from `start` to `end` (null: still in it when the export was made). */
export type IntervalReading = {
  kind: 'interval';
  agent: AgentFields;
  start: ParsedTimestamp;
  end: ParsedTimestamp | null;
  /** Used when there is no end. */
  durationMs: number | null;
  state: string;
  loggedIn: boolean;
  boundary: number;
  dedupeKey: string | null;
};

export type Reading =
  /** Not data at all (blank line, banner, header repeat, total row): not counted as a row. */
  | { kind: 'skip' }
  /** A real record that does not bear on sessions (heartbeat, failed sign-in): counted, not an error. */
  | { kind: 'ignore'; reason: string }
  | { kind: 'error'; field?: string; message: string }
  | SessionReading
  | EventReading
  | IntervalReading;

/**
 * How a preset's naive (offset-less) timestamps are placed in time.
 *  - instants: the format writes UTC instants (Z, offsets or epoch); a stray naive value is read
 *    in the import's zone.
 *  - import-zone: naive wall times in the zone chosen for the import (the business zone unless
 *    the user picks another), DST resolved explicitly.
 *  - standard-offset: naive wall times at the import zone's *standard* offset all year, no DST
 *    (NICE CXone data downloads).
 *  - utc: naive values are UTC (the file says so, e.g. Entra's "Date (UTC)").
 */
export type TimeZonePolicy = 'instants' | 'import-zone' | 'standard-offset' | 'utc';

/** How readings become sessions. */
export type Reconstruction =
  /** Each reading is a session. */
  | 'sessions'
  /** Point events per agent in time order: login/logged-in state opens, logout/logged-out state closes. */
  | 'points'
  /** Union of each agent's logged-in intervals; touching ones (within mergeGapMs) merge. */
  | 'intervals';

export type ReaderContext = {
  /** Which states count as logged in (the preset's default, or the user's list). */
  states: StateRule;
  /** How slashed dates are read where the format does not fix it. */
  dateOrder: DateOrder;
};

export type RecordReader<Input> = {
  read(input: Input, line: number): Reading | readonly Reading[];
  /**
   * Delimited text only, optional: the reading of the line `text.slice(start, end)` without
   * splitting it — exactly what `read(text.slice(start, end).split(delimiter), line)` gives — or
   * null when only that can say (the caller then splits the line and calls `read`).
   */
  readLine?(text: string, start: number, end: number, delimiter: string, line: number): Reading | readonly Reading[] | null;
  /**
   * Delimited text only, optional: puts the line's session into `sink` itself when it is the
   * usual kind — a known agent's, logged in and out at instants — exactly as adding readLine's
   * reading would; false, with nothing added, when it is not (the caller then asks readLine).
   * `bytes`, when given, are `text`'s characters as bytes at the same places (ASCII text), which
   * are quicker to read.
   */
  readLineInto?(text: string, start: number, end: number, delimiter: string, line: number, sink: SessionSink, bytes?: Uint8Array): boolean;
  /** Messages for the summary once the whole file was read (e.g. "names are not unique"). */
  warnings?(): string[];
};

/**
 * Where a reader puts the usual row's session without building a reading (the import's
 * SessionBuilder): numbers for an agent already seen, nothing allocated.
 */
export type SessionSink = {
  /**
   * The index of the agent with this key when it was seen before and this row can fill none of
   * its blank attributes — `present` has a bit (name 1, team 2, site 4, program 8, role 16) for
   * each attribute the row has a cell for; -1 otherwise (the row then goes the general way).
   */
  knownAgent(key: string, present: number): number;
  /** knownAgent for the key `text.slice(start, end)`, an id that is its own key, with its plainKeyHash: found without cutting it out. */
  knownAgentAt(text: string, start: number, end: number, hash: number, present: number): number;
  /** Adds a session of that agent from instants; false, with nothing added, when it is not a plain one (the general way explains). */
  addPlainSession(agent: number, startMs: number, endMs: number, line: number): boolean;
};

export type Detection<Input> = {
  /** 0–1: how sure the preset is that the sample is its format. Generic fallbacks score ≤ 0.5. */
  score: number;
  /** A zone the file itself states (Zoom's envelope `timezone`), overriding the policy. */
  fileTimeZone?: string;
  open(context: ReaderContext): RecordReader<Input>;
};

export type DelimitedSample = {
  container: 'delimited';
  delimiter: string;
  /** The first rows as parsed with that delimiter (blank lines included, as empty rows). */
  rows: readonly (readonly string[])[];
};

export type JsonLayout = 'array' | 'lines' | 'concatenated' | 'envelope' | 'single';

export type JsonSample = {
  container: 'json';
  layout: JsonLayout;
  /** The first records (objects); an envelope's records are the elements of its array. */
  records: readonly unknown[];
  /** An envelope's other fields (`timezone`, `total`, …), or null. */
  meta: Readonly<Record<string, unknown>> | null;
  envelopeKey: string | null;
};

export type Sample = DelimitedSample | JsonSample;

type PresetCommon = {
  id: PresetId;
  /** What the user sees: "Five9 — Agent Login-Logout report". */
  label: string;
  platform: string;
  timeZone: TimeZonePolicy;
  reconstruction: Reconstruction;
  /** Logged-in states for event/interval presets; null for session presets. */
  defaultStates: StateRule | null;
  /** Intervals closer than this merge into one session (split records, per-day copies). */
  mergeGapMs?: number;
  /** One sentence: what the preset expects, for refusals when the user forced this format. */
  expects: string;
};

export type DelimitedPreset = PresetCommon & {
  container: 'delimited';
  /**
   * Every data row reads on its own: the reader keeps no state between rows, gives whole sessions
   * and no warnings, and tells header from data by line number only. A large file of such a
   * format is read in two parts at once (electron/engine/import/file-part.ts).
   */
  rowIndependent?: boolean;
  detect(sample: DelimitedSample): Detection<readonly string[]> | null;
};

export type JsonPreset = PresetCommon & {
  container: 'json';
  detect(sample: JsonSample): Detection<unknown> | null;
};

export type Preset = DelimitedPreset | JsonPreset;

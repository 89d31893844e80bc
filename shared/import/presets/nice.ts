/**
 * NICE CXone (and legacy inContact / RingCentral Contact Center) — data download "Agent State
 * Log": one row per agent state with Start_Date and Duration, Log_State 0 on the first state of a
 * login session and 2 on the last. "Include field names" is optional, so the header row may be
 * missing: then the documented column order is assumed. Data downloads are in the user's time
 * zone **without DST**: read at that zone's standard offset all year.
 */
import { Boundary, type DelimitedPreset, type DelimitedSample, type Reading } from './types';
import { agent, cell, column, findHeaderRow, hasAll, isBlankRow, isSummaryText, optionalCell, optionalDuration, requiredTime } from './common';
import { compileStateRule } from './states';

/** The documented column order (help.incontact.com AgentStateLogReport), used when there is no header. */
const DOCUMENTED_ORDER = [
  'Agent_Session_ID',
  'Agent_No',
  'Agent_Name',
  'Team_No',
  'Bus_No',
  'StateIndex',
  'Start_Date',
  'Working',
  'Available',
  'Outstate_Code',
  'Outstate',
  'Log_State',
  'Skill_No',
  'Skill_Name',
  'Duration',
] as const;

type Columns = {
  session?: number | undefined;
  agent: number;
  name?: number | undefined;
  team?: number | undefined;
  stateIndex?: number | undefined;
  start: number;
  available?: number | undefined;
  outstate?: number | undefined;
  logState: number;
  duration: number;
};

const positional: Columns = {
  session: 0,
  agent: 1,
  name: 2,
  stateIndex: 5,
  start: 6,
  available: 8,
  outstate: 10,
  logState: 11,
  duration: 14,
};

const DATE_WITH_TIME = /^\d{1,2}\/\d{1,2}\/\d{4}[ T,]+\d{1,2}:\d{2}/;

/** Rows that look like Agent State Log data in the documented order (for header-less files). */
function looksPositional(sample: DelimitedSample): boolean {
  const rows = sample.rows.filter((r) => !isBlankRow(r)).slice(0, 50);
  if (rows.length === 0) return false;
  const matching = rows.filter(
    (r) =>
      r.length >= DOCUMENTED_ORDER.length &&
      /^\d+$/.test(cell(r, 0)) &&
      /^\d+$/.test(cell(r, 1)) &&
      /^\d+$/.test(cell(r, 5)) &&
      DATE_WITH_TIME.test(cell(r, 6)) &&
      /^[012]$/.test(cell(r, 11)) &&
      /^\d+(?:\.\d+)?$|^\d+:\d{2}:\d{2}$/.test(cell(r, 14)),
  );
  return matching.length / rows.length >= 0.8;
}

export const niceCxoneAgentStateLog: DelimitedPreset = {
  id: 'nice-cxone-agent-state-log',
  label: 'NICE CXone — Agent State Log data download (with or without field names)',
  platform: 'NICE CXone',
  container: 'delimited',
  timeZone: 'standard-offset',
  reconstruction: 'intervals',
  defaultStates: { loggedIn: ['Available', 'Unavailable'], loggedOut: ['LoggedOut', 'Logged Out', 'Logout', 'LogOff'], otherwise: 'logged-in' },
  mergeGapMs: 1000,
  expects: `Agent_No, Start_Date (with a time of day), Log_State and Duration columns — named in a header row, or in the documented order ${DOCUMENTED_ORDER.join(', ')}`,
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index): Columns | null => {
      if (!hasAll(index, 'Agent_No', 'Start_Date', 'Log_State', 'Duration')) return null;
      return {
        session: column(index, 'Agent_Session_ID'),
        agent: column(index, 'Agent_No')!,
        name: column(index, 'Agent_Name'),
        team: column(index, 'Team_Name'),
        stateIndex: column(index, 'StateIndex'),
        start: column(index, 'Start_Date')!,
        available: column(index, 'Available'),
        outstate: column(index, 'Outstate'),
        logState: column(index, 'Log_State')!,
        duration: column(index, 'Duration')!,
      };
    });
    let columns: Columns;
    let headerLine: number;
    let score: number;
    if (header) {
      columns = header.value;
      headerLine = header.row + 1;
      score = 0.95;
    } else if (looksPositional(sample)) {
      columns = positional;
      headerLine = 0;
      score = 0.85;
    } else {
      return null;
    }
    const c = columns;
    return {
      score,
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(row, line): Reading {
            if (line <= headerLine || isBlankRow(row) || isSummaryText(row[0] ?? '')) return { kind: 'skip' };
            const id = cell(row, c.agent);
            if (id === '') return { kind: 'error', field: 'Agent_No', message: 'Agent_No is empty' };
            const startRaw = cell(row, c.start);
            if (startRaw !== '' && !/\d:\d{2}/.test(startRaw)) {
              return { kind: 'error', field: 'Start_Date', message: `Start_Date "${startRaw}" has no time of day` };
            }
            // Slashed dates here are always MM/DD/YYYY.
            const start = requiredTime(startRaw, 'Start_Date', 'MDY');
            if (!start.ok) return start.error;
            const duration = optionalDuration(cell(row, c.duration), 'Duration');
            if (!duration.ok) return duration.error;
            const logState = cell(row, c.logState);
            const outstate = optionalCell(row, c.outstate);
            const state = outstate ?? (cell(row, c.available) === '1' ? 'Available' : cell(row, c.available) === '0' ? 'Unavailable' : 'Unknown');
            const sessionId = optionalCell(row, c.session);
            const stateIndex = optionalCell(row, c.stateIndex);
            return {
              kind: 'interval',
              agent: agent(id, { name: optionalCell(row, c.name), team: optionalCell(row, c.team) }),
              start: start.value,
              end: null,
              durationMs: duration.value ?? 0,
              state,
              loggedIn: loggedIn(state),
              boundary: logState === '0' ? Boundary.STARTS_SESSION : logState === '2' ? Boundary.ENDS_SESSION : 0,
              // Overlapping downloads repeat rows: one agent session's state index is one row.
              dedupeKey: sessionId !== null && stateIndex !== null ? `${sessionId}|${stateIndex}` : null,
            };
          },
        };
      },
    };
  },
};

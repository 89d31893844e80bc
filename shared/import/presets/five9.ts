/**
 * Five9 — Agent Reports › Agent Login-Logout, as downloaded (CSV) or re-saved by Excel as
 * "Unicode Text" (UTF-16LE, TAB, dates and durations reformatted by Excel's display formats).
 */
import type { ParsedTimestamp } from '../timestamps';
import { agent, cell, column, findHeaderRow, isBlankRow, isSummaryText, joinName, optionalCell, requiredTime, type Parsed } from './common';
import type { DelimitedPreset, Reading } from './types';

const TIME_OF_DAY = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$/;

/** A timestamp cell, or a bare time of day completed with the row's DATE. */
function timestampWithDate(raw: string, date: string, field: string, dateOrder: 'MDY' | 'DMY' | 'YMD'): Parsed<ParsedTimestamp> {
  if (TIME_OF_DAY.test(raw) && date !== '') return requiredTime(`${date} ${raw}`, field, dateOrder);
  return requiredTime(raw, field, dateOrder);
}

export const five9LoginLogout: DelimitedPreset = {
  id: 'five9-login-logout',
  rowIndependent: true,
  label: 'Five9 — Agent Login-Logout report (CSV, or Excel Unicode Text)',
  platform: 'Five9',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with AGENT, LOGIN TIMESTAMP and LOGOUT TIMESTAMP (or LOGIN TIME)',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      const agentCol = column(index, 'AGENT', 'AGENT USERNAME', 'AGENT LOGIN');
      const login = column(index, 'LOGIN TIMESTAMP');
      const logout = column(index, 'LOGOUT TIMESTAMP');
      const duration = column(index, 'LOGIN TIME');
      if (agentCol === undefined || login === undefined || (logout === undefined && duration === undefined)) return null;
      return {
        agent: agentCol,
        login,
        logout,
        duration,
        date: column(index, 'DATE'),
        first: column(index, 'AGENT FIRST NAME'),
        last: column(index, 'AGENT LAST NAME'),
        name: column(index, 'AGENT NAME'),
        group: column(index, 'AGENT GROUP'),
      };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.9,
      open: ({ dateOrder }) => ({
        read(row, line): Reading {
          if (line <= headerLine || isBlankRow(row)) return { kind: 'skip' };
          const id = cell(row, c.agent);
          const loginRaw = cell(row, c.login);
          // Summary/total rows: a "Total" label, or no agent and no login (only summed durations).
          if (isSummaryText(row[0] ?? '') || (id === '' && loginRaw === '')) return { kind: 'skip' };
          if (id === '') return { kind: 'error', field: 'AGENT', message: 'the agent is empty' };
          const date = cell(row, c.date);
          // DATE is YYYY/MM/DD in Five9's own CSV, the locale short date after an Excel re-save.
          const login = timestampWithDate(loginRaw, date, 'LOGIN TIMESTAMP', dateOrder);
          if (!login.ok) return login.error;
          const logoutRaw = cell(row, c.logout);
          let logout: ParsedTimestamp | null = null;
          if (logoutRaw !== '') {
            const parsed = timestampWithDate(logoutRaw, date, 'LOGOUT TIMESTAMP', dateOrder);
            if (!parsed.ok) return parsed.error;
            logout = parsed.value;
          }
          return {
            kind: 'session',
            agent: agent(id, {
              name: joinName(optionalCell(row, c.first), optionalCell(row, c.last)) ?? optionalCell(row, c.name),
              team: optionalCell(row, c.group),
            }),
            login: login.value,
            logout,
            // No logout: still logged in when the report ran (⚠️ inferred); capped at the export's end.
            durationMs: null,
          };
        },
      }),
    };
  },
};

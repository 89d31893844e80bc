/**
 * Avaya CMS — Agent Login/Logout: the `haglog` table as dumped through ODBC (LOGIN/LOGOUT as UNIX
 * epoch seconds, INFLAG/OUTFLAG columns), or a CMS Supervisor report exported as text (banner
 * lines, date group rows above times of day, flags glued to values). One row per split/skill:
 * the same login repeated per split is one session.
 */
import type { ParsedTimestamp } from '../timestamps';
import { agent, cell, column, countPresent, findHeaderRow, isBlankRow, isSummaryText, optionalCell, requiredTime, type Parsed } from './common';
import { SessionFlag, type DelimitedPreset, type Reading } from './types';

const TIME_OF_DAY = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$/;
const DATE_ONLY = /^(?:date:?\s*)?(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2})$/i;

type Marked = { value: string; before: boolean; after: boolean; deleted: boolean };

/** `<` before the range / already logged in at link-up, `>` after / out while the link was down, `*` deleted user. */
function unmark(raw: string): Marked {
  const text = raw.trim();
  return {
    value: text.replace(/[<>*]/g, '').trim(),
    before: text.includes('<'),
    after: text.includes('>'),
    deleted: text.includes('*'),
  };
}

function nextDay(ts: ParsedTimestamp): ParsedTimestamp {
  if (ts.kind !== 'wall') return ts;
  const d = new Date(Date.UTC(ts.wall.year, ts.wall.month - 1, ts.wall.day + 1));
  return { kind: 'wall', wall: { ...ts.wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } };
}

function wallKey(ts: ParsedTimestamp): number {
  return ts.kind === 'wall' ? ((((ts.wall.year * 13 + ts.wall.month) * 32 + ts.wall.day) * 25 + ts.wall.hour) * 60 + ts.wall.minute) * 60 + ts.wall.second : 0;
}

export const avayaCmsLoginLogout: DelimitedPreset = {
  id: 'avaya-cms-login-logout',
  label: 'Avaya CMS — Agent Login/Logout (haglog dump or Supervisor text export)',
  platform: 'Avaya CMS',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with LOGID (or Login ID), LOGIN (or Login Time) and LOGOUT (or Logout Time), with SPLIT, EXTN, ACD or INFLAG/OUTFLAG',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      const id = column(index, 'LOGID', 'Login ID', 'Agent Login ID');
      const login = column(index, 'LOGIN', 'Login Time');
      const logout = column(index, 'LOGOUT', 'Logout Time');
      if (id === undefined || login === undefined || logout === undefined) return null;
      if (countPresent(index, 'SPLIT', 'Split/Skill', 'EXTN', 'ACD', 'INFLAG', 'OUTFLAG', 'LOGOUT_REASON', 'ROW_DATE') === 0) return null;
      return {
        id,
        login,
        logout,
        name: column(index, 'Agent Name', 'Name'),
        date: column(index, 'ROW_DATE'),
        inflag: column(index, 'INFLAG'),
        outflag: column(index, 'OUTFLAG'),
      };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.85,
      open: ({ dateOrder }) => {
        // The date of the latest date group row ("03/04/24"), for times of day below it.
        let groupDate: string | null = null;
        const time = (raw: string, date: string | null, field: string): Parsed<ParsedTimestamp> => {
          if (TIME_OF_DAY.test(raw) && date === null) {
            return { ok: false, error: { kind: 'error', field, message: `${field} "${raw}" is a time of day with no date row above it` } };
          }
          return requiredTime(TIME_OF_DAY.test(raw) ? `${date} ${raw}` : raw, field, dateOrder);
        };
        return {
          read(row, line): Reading {
            if (line <= headerLine || isBlankRow(row) || isSummaryText(row[0] ?? '')) return { kind: 'skip' };
            const filled = row.map((v) => v.trim()).filter((v) => v !== '');
            const group = filled.length === 1 ? DATE_ONLY.exec(filled[0]!) : null;
            if (group) {
              groupDate = group[1]!;
              return { kind: 'skip' };
            }
            const id = unmark(cell(row, c.id));
            if (id.value === '') return filled.length < 2 ? { kind: 'skip' } : { kind: 'error', field: 'LOGID', message: 'the login id is empty' };
            const date = optionalCell(row, c.date) ?? groupDate;
            const loginCell = unmark(cell(row, c.login));
            const login = time(loginCell.value, date, 'login');
            if (!login.ok) return login.error;
            const loginTs = login.value;
            const logoutCell = unmark(cell(row, c.logout));
            let logoutTs: ParsedTimestamp | null = null;
            // A null, empty or 0 logout: still logged in (⚠️ inferred for the haglog dump).
            if (logoutCell.value !== '' && logoutCell.value !== '0') {
              const logout = time(logoutCell.value, date, 'logout');
              if (!logout.ok) return logout.error;
              logoutTs = logout.value;
              // Times of day only: a logout earlier than the login is on the next day.
              if (TIME_OF_DAY.test(logoutCell.value) && wallKey(logoutTs) < wallKey(loginTs)) logoutTs = nextDay(logoutTs);
            }
            let flags = 0;
            if (loginCell.before || cell(row, c.inflag) === '<') flags |= SessionFlag.START_CLIPPED;
            if (logoutCell.after || cell(row, c.outflag) === '>') flags |= SessionFlag.END_INFERRED;
            return {
              kind: 'session',
              agent: agent(id.value, { name: optionalCell(row, c.name) }),
              login: loginTs,
              logout: logoutTs,
              durationMs: null,
              flags,
            };
          },
        };
      },
    };
  },
};

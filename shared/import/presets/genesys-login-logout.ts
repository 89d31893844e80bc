/**
 * Genesys Cloud — the legacy "Agent Login-Logout Details" report (XLSX/XLS, or its CSV): one row
 * per session with User, Start Time, End Time, Duration, read in the report's zone. Logins and
 * logouts are derived from the Offline status, and `N/A` stands for a start or end outside the
 * report period (help.mypurecloud.com). So:
 *  - an N/A start means the user was already logged in when the period began: the session starts
 *    at the period start (stated in a banner row above the header) and is flagged start-clipped;
 *  - an N/A end means still logged in when the period ended: capped at the period end;
 *  - the first row may end before the period (its Offline began earlier): nothing of that
 *    session is inside the report, so it is ignored, not invented.
 * Users are display names: keyed on the name, with the same warning as Cisco's name-only report.
 */
import { parseTimestamp, type ParsedTimestamp } from '../timestamps';
import { wallToNaiveMs } from '../../calendar';
import { agent, cell, column, findHeaderRow, HEADER_SEARCH_ROWS, isBlankRow, isSummaryText, requiredTime } from './common';
import { SessionFlag, type DelimitedPreset, type Reading } from './types';

const NOT_AVAILABLE = /^(n\/a|#n\/a|na|-|)$/i;

export type ReportPeriod = { start: ParsedTimestamp; end: ParsedTimestamp };

/**
 * "Interval: 1/1/2024 12:00:00 AM - 1/8/2024 12:00:00 AM", "Date Range: … to …": the first banner
 * line (above the header) holding two timestamps joined by a dash or "to".
 */
export function findReportPeriod(rows: readonly (readonly string[])[], beforeRow: number, dateOrder: Parameters<typeof parseTimestamp>[1]): ReportPeriod | null {
  for (const row of rows.slice(0, Math.min(beforeRow, HEADER_SEARCH_ROWS))) {
    const text = row.map((c) => c.trim()).filter((c) => c !== '').join(' ');
    const body = text.replace(/^[^:]{0,40}:\s*/, '');
    const parts = body.split(/\s+(?:-|–|—|to|through)\s+/i);
    if (parts.length !== 2) continue;
    const start = parseTimestamp(parts[0]!, dateOrder);
    const end = parseTimestamp(parts[1]!, dateOrder);
    if (start.kind !== 'invalid' && end.kind !== 'invalid') return { start, end };
  }
  return null;
}

/** Ordering of two timestamps read in the same zone (naive wall times compare as written). */
function before(a: ParsedTimestamp, b: ParsedTimestamp): boolean | null {
  if (a.kind === 'wall' && b.kind === 'wall') return wallToNaiveMs(a.wall) < wallToNaiveMs(b.wall);
  if (a.kind === 'instant' && b.kind === 'instant') return a.epochMs < b.epochMs;
  return null;
}

export const genesysCloudLoginLogoutDetails: DelimitedPreset = {
  id: 'genesys-cloud-login-logout-details',
  label: 'Genesys Cloud — Agent Login-Logout Details report (XLSX/CSV; users by name)',
  platform: 'Genesys Cloud',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with exactly the columns User, Start Time, End Time and Duration (banner rows above it are fine)',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (row, index) => {
      const user = column(index, 'User', 'User Name', 'Agent');
      const start = column(index, 'Start Time', 'Start');
      const end = column(index, 'End Time', 'End');
      const duration = column(index, 'Duration');
      if (user === undefined || start === undefined || end === undefined || duration === undefined) return null;
      // The report has these four columns; a wider sheet is someone else's export (or the generic one's).
      if (row.filter((c) => c.trim() !== '').length > 5) return null;
      return { user, start, end };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.9,
      open: ({ dateOrder }) => {
        const period = findReportPeriod(sample.rows, header.row, dateOrder);
        return {
          read(row, line): Reading {
            if (line <= headerLine || isBlankRow(row) || isSummaryText(row[0] ?? '')) return { kind: 'skip' };
            const name = cell(row, c.user);
            if (name === '') return { kind: 'error', field: 'User', message: 'the user is empty' };
            const who = agent(name, { name });
            const startRaw = cell(row, c.start);
            const endRaw = cell(row, c.end);
            let flags = 0;
            let login: ParsedTimestamp;
            if (NOT_AVAILABLE.test(startRaw)) {
              if (!period) {
                return { kind: 'error', field: 'Start Time', message: 'Start Time is N/A (before the report period) and no period is stated above the header, so the login is unknown' };
              }
              login = period.start;
              flags |= SessionFlag.START_CLIPPED;
            } else {
              const parsed = requiredTime(startRaw, 'Start Time', dateOrder);
              if (!parsed.ok) return parsed.error;
              login = parsed.value;
            }
            let logout: ParsedTimestamp | null = null;
            if (NOT_AVAILABLE.test(endRaw)) {
              // Still logged in when the period ended: the period end, or (unknown) the export's last timestamp.
              if (period) {
                logout = period.end;
                flags |= SessionFlag.OPEN_CAPPED;
              }
            } else {
              const parsed = requiredTime(endRaw, 'End Time', dateOrder);
              if (!parsed.ok) return parsed.error;
              logout = parsed.value;
            }
            if (flags & SessionFlag.START_CLIPPED && logout !== null && before(logout, login) === true) {
              return { kind: 'ignore', reason: 'sessions that ended before the report period' };
            }
            return { kind: 'session', agent: who, login, logout, durationMs: null, flags };
          },
          warnings() {
            return [
              'This report identifies users by display name only: two people with the same name are counted as one agent. The analytics user-details export (JSON) keys users on their id.',
            ];
          },
        };
      },
    };
  },
};

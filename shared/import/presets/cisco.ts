/**
 * Cisco UCCX/UCCE — CUIC "Agent Login Logout Activity" (UCCX) and agent logout historical (UCCE)
 * reports (CSV). The reports name agents but have
 * no agent id: agents are keyed on their name, and the import says so (two people with the same
 * name would count as one). Banner lines above the header and footer lines are skipped.
 */
import { agent, cell, column, countPresent, findHeaderRow, isBlankRow, isSummaryText, optionalCell, optionalDuration, optionalTime, requiredTime } from './common';
import { SessionFlag, type DelimitedPreset, type Reading } from './types';

/** UCCE marks incomplete sessions with an asterisk on the duration; `<`/`>` may flag range edges. */
function stripMarkers(value: string): string {
  return value.replace(/^[<>*]+|[<>*]+$/g, '').trim();
}

export const ciscoUccxLoginLogout: DelimitedPreset = {
  id: 'cisco-uccx-login-logout',
  label: 'Cisco UCCX/UCCE — agent login/logout reports (CUIC CSV; agents by name)',
  platform: 'Cisco UCCX / UCCE',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with Agent Name, Login Time and Logout Time (and Extension, Logout Reason Code or Logged-in Duration)',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      const name = column(index, 'Agent Name');
      const login = column(index, 'Login Time', 'Login Date Time', 'Login Timestamp');
      const logout = column(index, 'Logout Time', 'Logout Date Time', 'Logout Timestamp');
      if (name === undefined || login === undefined || logout === undefined) return null;
      if (countPresent(index, 'Extension', 'Logout Reason Code', 'Reason Code', 'Logged-in Duration', 'Logged In Duration', 'Logon Duration') === 0) return null;
      // An export that does have agent ids belongs to another preset (or the generic one).
      if (countPresent(index, 'Agent ID', 'Agent Login ID', 'Login ID', 'User ID') > 0) return null;
      return { name, login, logout, extension: column(index, 'Extension'), duration: column(index, 'Logged-in Duration', 'Logged In Duration', 'Logon Duration', 'Login Duration') };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.85,
      open: ({ dateOrder }) => {
        const extensionsByName = new Map<string, Set<string>>();
        return {
          read(row, line): Reading {
            if (line <= headerLine || isBlankRow(row) || isSummaryText(row[0] ?? '')) return { kind: 'skip' };
            // Footer lines and page banners repeat below the data: a row with a single filled cell is not a session.
            if (row.filter((v) => v.trim() !== '').length < 2) return { kind: 'skip' };
            const name = cell(row, c.name);
            if (name === '') return { kind: 'error', field: 'Agent Name', message: 'the agent name is empty' };
            const login = requiredTime(stripMarkers(cell(row, c.login)), 'login', dateOrder);
            if (!login.ok) return login.error;
            const logout = optionalTime(stripMarkers(cell(row, c.logout)), 'logout', dateOrder);
            if (!logout.ok) return logout.error;
            // UCCE computes an incomplete session's duration to the last event in the window and
            // marks it with "*": with no logout, that duration gives the end (flagged open).
            let durationMs: number | null = null;
            let flags = 0;
            if (logout.value === null) {
              const durationRaw = cell(row, c.duration);
              const duration = optionalDuration(stripMarkers(durationRaw), 'duration');
              if (!duration.ok) return duration.error;
              durationMs = duration.value;
              if (durationMs !== null && durationRaw.includes('*')) flags |= SessionFlag.OPEN_CAPPED;
            }
            const who = agent(name, { name });
            const extension = optionalCell(row, c.extension);
            if (extension !== null) {
              let set = extensionsByName.get(who.key);
              if (!set) extensionsByName.set(who.key, (set = new Set()));
              if (set.size < 10) set.add(extension);
            }
            return { kind: 'session', agent: who, login: login.value, logout: logout.value, durationMs, flags };
          },
          warnings() {
            const notes = [
              'This report identifies agents by name only: two people with the same name are counted as one agent. Export a report with agent ids where possible.',
            ];
            const shared = [...extensionsByName].filter(([, set]) => set.size > 1).map(([key]) => key);
            if (shared.length > 0) {
              notes.push(
                `${shared.length === 1 ? 'One name appears' : `${shared.length} names appear`} on several extensions (${shared.slice(0, 5).join(', ')}${shared.length > 5 ? ', …' : ''}): hot-desking, or different people with the same name.`,
              );
            }
            return notes;
          },
        };
      },
    };
  },
};

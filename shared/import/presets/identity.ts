/**
 * Identity providers: Okta System Log, Microsoft Entra sign-in logs, Google Workspace login
 * audit. They record sign-ins, not sessions: Entra has no sign-out at all, Okta's
 * user.session.end and Google's logout are missing whenever a session simply expires. So a
 * successful sign-in becomes a zero-length session at its instant: it makes the user active on
 * that day and in that month, and never counts toward concurrency or logged-in hours. Failed,
 * interrupted and challenge-only sign-ins never count.
 */
import type { ParsedTimestamp } from '../timestamps';
import {
  agent,
  cell,
  column,
  findHeaderRow,
  hasAll,
  isBlankRow,
  isRecord,
  optionalCell,
  requiredTime,
  share,
  text,
} from './common';
import type { AgentFields, DelimitedPreset, JsonPreset, Reading } from './types';

function signIn(who: AgentFields, at: ParsedTimestamp): Reading {
  return { kind: 'session', agent: who, login: at, logout: at, durationMs: null };
}

// ------------------------------------------------------------------------------------------------
// Okta
// ------------------------------------------------------------------------------------------------

const OKTA_SIGN_IN = new Set(['user.session.start', 'core.user_auth.login_success']);

type OktaEvent = {
  eventType: string | null;
  published: string | null;
  result: string | null;
  alternateId: string | null;
  displayName: string | null;
};

/** Strict date check matters here: Okta's own documented example publishes "2017-09-31". */
function readOkta(event: OktaEvent): Reading {
  if (event.eventType === null) return { kind: 'error', field: 'eventType', message: 'the event has no eventType' };
  if (!OKTA_SIGN_IN.has(event.eventType)) return { kind: 'ignore', reason: 'events that are not sign-ins' };
  // A failed login is also user.session.start, with outcome.result FAILURE.
  const result = (event.result ?? '').toUpperCase();
  if (result !== 'SUCCESS' && result !== 'ALLOW' && !(result === '' && event.eventType === 'core.user_auth.login_success')) {
    return { kind: 'ignore', reason: 'failed sign-ins' };
  }
  if (event.alternateId === null) return { kind: 'error', field: 'actor.alternateId', message: 'the sign-in has no actor.alternateId' };
  const at = requiredTime(event.published, 'published');
  if (!at.ok) return at.error;
  return signIn(agent(event.alternateId, { name: event.displayName }), at.value);
}

export const oktaSystemLog: DelimitedPreset = {
  id: 'okta-system-log',
  label: 'Okta — System Log (CSV download)',
  platform: 'Okta',
  container: 'delimited',
  timeZone: 'instants',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with published, eventType, actor.alternateId and outcome.result',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      if (!hasAll(index, 'published', 'eventType', 'actor.alternateId')) return null;
      return {
        published: column(index, 'published')!,
        eventType: column(index, 'eventType')!,
        alternateId: column(index, 'actor.alternateId')!,
        displayName: column(index, 'actor.displayName'),
        result: column(index, 'outcome.result'),
      };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.95,
      open: () => ({
        read: (row, line) =>
          line <= headerLine || isBlankRow(row)
            ? { kind: 'skip' }
            : readOkta({
                eventType: optionalCell(row, c.eventType),
                published: cell(row, c.published),
                result: optionalCell(row, c.result),
                alternateId: optionalCell(row, c.alternateId),
                displayName: optionalCell(row, c.displayName),
              }),
      }),
    };
  },
};

export const oktaSystemLogJson: JsonPreset = {
  id: 'okta-system-log-json',
  label: 'Okta — System Log (API JSON)',
  platform: 'Okta',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'LogEvent records with uuid, published, eventType, actor{alternateId} and outcome{result}',
  detect(sample) {
    const score = share(sample.records, (r) => typeof r.eventType === 'string' && typeof r.published === 'string' && isRecord(r.actor));
    if (score < 0.8) return null;
    return {
      score: 0.9,
      open: () => ({
        read: (record) =>
          isRecord(record)
            ? readOkta({
                eventType: text(record, 'eventType'),
                published: text(record, 'published'),
                result: text(record, 'outcome', 'result'),
                alternateId: text(record, 'actor', 'alternateId'),
                displayName: text(record, 'actor', 'displayName'),
              })
            : { kind: 'error', message: 'the record is not a JSON object' },
      }),
    };
  },
};

// ------------------------------------------------------------------------------------------------
// Microsoft Entra ID sign-in logs (CSV download)
// ------------------------------------------------------------------------------------------------

export const entraSignIns: DelimitedPreset = {
  id: 'entra-sign-ins',
  label: 'Microsoft Entra ID — sign-in logs (CSV download)',
  platform: 'Microsoft Entra ID',
  container: 'delimited',
  // "Date (UTC)": the header says so.
  timeZone: 'utc',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with "Date (UTC)", "User ID", "Username" and "Status"',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      if (!hasAll(index, 'Date (UTC)', 'Username', 'Status') || !(hasAll(index, 'Request ID') || hasAll(index, 'Correlation ID'))) return null;
      // Headers carry trailing spaces ("Application ID ") and one name twice ("Incoming token
      // type"): lookup is by normalised name, first occurrence.
      return {
        date: column(index, 'Date (UTC)')!,
        userId: column(index, 'User ID'),
        username: column(index, 'Username')!,
        user: column(index, 'User'),
        status: column(index, 'Status')!,
      };
    });
    if (!header) return null;
    const headerLine = header.row + 1;
    const c = header.value;
    return {
      score: 0.95,
      open: () => ({
        read(row, line): Reading {
          if (line <= headerLine || isBlankRow(row)) return { kind: 'skip' };
          const status = cell(row, c.status).toLowerCase();
          if (status !== 'success') return { kind: 'ignore', reason: 'failed or interrupted sign-ins' };
          const username = optionalCell(row, c.username);
          const id = optionalCell(row, c.userId) ?? username;
          if (id === null) return { kind: 'error', field: 'User ID', message: 'the sign-in has no User ID or Username' };
          const at = requiredTime(cell(row, c.date), 'Date (UTC)');
          if (!at.ok) return at.error;
          // Keyed on the immutable User ID; the UPN and name are labels.
          return signIn(agent(id, { name: optionalCell(row, c.user) }, username ?? id), at.value);
        },
      }),
    };
  },
};

// ------------------------------------------------------------------------------------------------
// Google Workspace — Reports API, applicationName "login"
// ------------------------------------------------------------------------------------------------

export const googleWorkspaceLogin: JsonPreset = {
  id: 'google-workspace-login',
  label: 'Google Workspace — login audit (Reports API JSON)',
  platform: 'Google Workspace',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'activities with id.time, id.applicationName "login", actor.email and events[].name',
  detect(sample) {
    const score = share(
      sample.records,
      (r) => isRecord(r.id) && typeof r.id.time === 'string' && Array.isArray(r.events) && (r.id.applicationName === 'login' || r.kind === 'admin#reports#activity'),
    );
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: () => ({
        read(record): Reading {
          if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
          const events = Array.isArray(record.events) ? record.events : [];
          const names = events.map((e) => text(e, 'name'));
          // An activity may hold several events (login_challenge then login_success): one sign-in.
          if (!names.includes('login_success')) {
            if (names.includes('login_failure')) return { kind: 'ignore', reason: 'failed sign-ins' };
            if (names.includes('logout')) return { kind: 'ignore', reason: 'sign-outs' };
            return { kind: 'ignore', reason: 'other login-audit events (challenges, suspicious logins)' };
          }
          const email = text(record, 'actor', 'email');
          if (email === null) return { kind: 'error', field: 'actor.email', message: 'the activity has no actor.email' };
          const at = requiredTime(text(record, 'id', 'time'), 'id.time');
          if (!at.ok) return at.error;
          return signIn(agent(email), at.value);
        },
      }),
    };
  },
};

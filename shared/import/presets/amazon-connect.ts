/**
 * Amazon Connect: the Login/Logout report (CSV download) and the agent event stream (Kinesis
 * records as a JSON array, JSON Lines, or objects concatenated with no separator as Firehose
 * writes them to S3). See docs/import-formats.md for what is verified and what is inferred.
 */
import {
  agent,
  cell,
  column,
  countPresent,
  field,
  findHeaderRow,
  isBlankRow,
  isRecord,
  isSummaryText,
  joinName,
  optionalCell,
  optionalDuration,
  optionalTime,
  requiredTime,
  share,
  text,
} from './common';
import { compileStateRule } from './states';
import type { DelimitedPreset, JsonPreset, Reading } from './types';

/** Login/Logout report. Column names are not documented (⚠️): matched by likely spellings. */
export const amazonConnectLoginLogout: DelimitedPreset = {
  id: 'amazon-connect-login-logout',
  rowIndependent: true,
  label: 'Amazon Connect — Login/Logout report (CSV)',
  platform: 'Amazon Connect',
  container: 'delimited',
  timeZone: 'import-zone',
  reconstruction: 'sessions',
  defaultStates: null,
  expects: 'a header row with Agent, Login and Logout columns and Agent first name / Agent last name / Routing profile',
  detect(sample) {
    const header = findHeaderRow(sample.rows, (_row, index) => {
      const agentCol = column(index, 'Agent', 'Agent login', 'Username', 'User login');
      const login = column(index, 'Login', 'Login time');
      const logout = column(index, 'Logout', 'Logout time');
      if (agentCol === undefined || login === undefined || logout === undefined) return null;
      if (countPresent(index, 'Agent first name', 'Agent last name', 'Routing profile', 'First name', 'Last name') === 0) return null;
      return {
        agent: agentCol,
        login,
        logout,
        duration: column(index, 'Duration', 'Session duration'),
        first: column(index, 'Agent first name', 'First name'),
        last: column(index, 'Agent last name', 'Last name'),
        routingProfile: column(index, 'Routing profile'),
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
          if (isSummaryText(row[0] ?? '')) return { kind: 'skip' };
          if (id === '') return { kind: 'error', field: 'agent', message: 'the agent is empty' };
          const login = requiredTime(cell(row, c.login), 'login', dateOrder);
          if (!login.ok) return login.error;
          // Only an explicit Logout click is recorded: a blank logout is a session still open.
          const logout = optionalTime(cell(row, c.logout), 'logout', dateOrder);
          if (!logout.ok) return logout.error;
          const duration = logout.value === null ? optionalDuration(cell(row, c.duration), 'duration') : { ok: true as const, value: null };
          if (!duration.ok) return duration.error;
          return {
            kind: 'session',
            agent: agent(id, { name: joinName(optionalCell(row, c.first), optionalCell(row, c.last)), team: optionalCell(row, c.routingProfile) }),
            login: login.value,
            logout: logout.value,
            // With no logout, a duration would be "time so far"; the session stays open instead.
            durationMs: null,
          };
        },
      }),
    };
  },
};

const EVENT_TYPES = new Set(['LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT']);

/** Agent event stream (Kinesis). Verified field names; Version 2017-10-01. */
export const amazonConnectAgentEvents: JsonPreset = {
  id: 'amazon-connect-agent-events',
  label: 'Amazon Connect — agent event stream (Kinesis JSON, JSON Lines or Firehose)',
  platform: 'Amazon Connect',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'points',
  defaultStates: { loggedIn: ['Available', 'ROUTABLE', 'CUSTOM'], loggedOut: ['Offline', 'OFFLINE'], otherwise: 'logged-in' },
  expects: 'records with AgentARN, EventType (LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT) and EventTimestamp',
  detect(sample) {
    const score = share(sample.records, (r) => typeof r.AgentARN === 'string' && typeof r.EventType === 'string' && EVENT_TYPES.has(r.EventType));
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading | Reading[] {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            const arn = text(record, 'AgentARN');
            if (arn === null) return { kind: 'error', field: 'AgentARN', message: 'the record has no AgentARN' };
            const type = text(record, 'EventType');
            if (type === 'HEART_BEAT') return { kind: 'ignore', reason: 'heartbeats' };
            if (type !== 'LOGIN' && type !== 'LOGOUT' && type !== 'STATE_CHANGE') return { kind: 'ignore', reason: 'other event types' };
            const at = requiredTime(text(record, 'EventTimestamp'), 'EventTimestamp');
            if (!at.ok) return at.error;
            const configuration = field(record, 'CurrentAgentSnapshot', 'Configuration') ?? field(record, 'PreviousAgentSnapshot', 'Configuration');
            // Keyed on the ARN: the username can be edited, the ARN cannot.
            const who = agent(arn, {
              name: joinName(text(configuration, 'FirstName'), text(configuration, 'LastName')),
              team: text(configuration, 'RoutingProfile', 'Name'),
            }, text(configuration, 'Username') ?? arn);
            const dedupeKey = text(record, 'EventId');
            if (type !== 'STATE_CHANGE') {
              return { kind: 'event', agent: who, at: at.value, action: type === 'LOGIN' ? 'login' : 'logout', state: null, loggedIn: type === 'LOGIN', dedupeKey };
            }
            const current = field(record, 'CurrentAgentSnapshot', 'AgentStatus');
            const previous = field(record, 'PreviousAgentSnapshot', 'AgentStatus');
            const name = text(current, 'Name');
            if (name === null) return { kind: 'error', field: 'AgentStatus', message: 'the STATE_CHANGE has no CurrentAgentSnapshot.AgentStatus.Name' };
            // STATE_CHANGE also fires for routing-profile, queue, hierarchy … changes: same status, same start.
            if (
              isRecord(previous) &&
              text(previous, 'Name') === name &&
              text(previous, 'ARN') === text(current, 'ARN') &&
              text(previous, 'StartTimestamp') === text(current, 'StartTimestamp')
            ) {
              return { kind: 'ignore', reason: 'STATE_CHANGE events without a status change (configuration or contact changes)' };
            }
            const readings: Reading[] = [
              { kind: 'event', agent: who, at: at.value, action: 'state', state: name, loggedIn: loggedIn(name, text(current, 'Type')), dedupeKey },
            ];
            // The previous status says since when the agent was in it: if that was a logged-in
            // status, the session began no later than then (recovers logins before the export).
            const previousName = text(previous, 'Name');
            const previousStart = requiredTime(text(previous, 'StartTimestamp'), 'PreviousAgentSnapshot.AgentStatus.StartTimestamp');
            if (previousName !== null && previousStart.ok && loggedIn(previousName, text(previous, 'Type'))) {
              readings.push({ kind: 'event', agent: who, at: previousStart.value, action: 'state', state: previousName, loggedIn: true, dedupeKey: null });
            }
            return readings;
          },
        };
      },
    };
  },
};

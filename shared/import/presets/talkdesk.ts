/**
 * Talkdesk — Explore API `user_status` report (envelope `entries`). A month change, a team
 * change or a dialer campaign change starts a new record without a status change: adjacent
 * records of logged-in statuses merge back into one session.
 */
import { agent, isRecord, optionalTime, requiredTime, share, text } from './common';
import { compileStateRule } from './states';
import type { JsonPreset, Reading } from './types';

export const talkdeskUserStatus: JsonPreset = {
  id: 'talkdesk-user-status',
  label: 'Talkdesk — Explore user_status report (JSON)',
  platform: 'Talkdesk',
  container: 'json',
  // "2016-01-29 10:30:14", no offset (⚠️ presumably the account/request zone).
  timeZone: 'import-zone',
  reconstruction: 'intervals',
  defaultStates: { loggedIn: ['Available', 'Away', 'Busy', 'After Call Work', 'On a Call'], loggedOut: ['Offline'], otherwise: 'logged-in' },
  // Split records end at 23:59:59 and resume at 00:00:00.
  mergeGapMs: 1000,
  expects: 'entries with user_id (or user_email), status_label, status_start_at and status_end_at',
  detect(sample) {
    const score = share(sample.records, (r) => 'status_label' in r && 'status_start_at' in r && ('user_id' in r || 'user_email' in r));
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: ({ states, dateOrder }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            const id = text(record, 'user_id') ?? text(record, 'user_email');
            if (id === null) return { kind: 'error', field: 'user_id', message: 'the entry has no user_id or user_email' };
            const startRaw = text(record, 'status_start_at');
            const start = requiredTime(startRaw, 'status_start_at', dateOrder);
            if (!start.ok) return start.error;
            // ⚠️ An open status is assumed to have a null end.
            const endRaw = text(record, 'status_end_at');
            const end = optionalTime(endRaw, 'status_end_at', dateOrder);
            if (!end.ok) return end.error;
            const state = text(record, 'status_label') ?? 'Unknown';
            return {
              kind: 'interval',
              agent: agent(id, { name: text(record, 'user_name'), team: text(record, 'team_name') }, text(record, 'user_email') ?? id),
              start: start.value,
              end: end.value,
              durationMs: null,
              state,
              loggedIn: loggedIn(state),
              boundary: 0,
              dedupeKey: `${id}|${startRaw}|${endRaw ?? ''}|${state}`,
            };
          },
        };
      },
    };
  },
};

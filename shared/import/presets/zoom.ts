/**
 * Zoom Contact Center — `GET /v2/contact_center/analytics/agents/status_history` (envelope
 * `statuses`). Times are in the request's `timezone` (default UTC), which the response echoes.
 */
import { isValidTimeZone } from '../../calendar';
import { agent, isRecord, optionalTime, requiredTime, share, text } from './common';
import { compileStateRule } from './states';
import type { JsonPreset, Reading } from './types';

export const zoomStatusHistory: JsonPreset = {
  id: 'zoom-cc-status-history',
  label: 'Zoom Contact Center — agent status history (JSON)',
  platform: 'Zoom Contact Center',
  container: 'json',
  timeZone: 'utc',
  reconstruction: 'intervals',
  defaultStates: { loggedIn: ['Ready', 'Not Ready', 'Occupied'], loggedOut: ['Offline'], otherwise: 'logged-in' },
  mergeGapMs: 1000,
  expects: 'statuses with user_id, status_name, start_time and end_time',
  detect(sample) {
    const score = share(sample.records, (r) => typeof r.user_id === 'string' && 'status_name' in r && 'start_time' in r);
    if (score < 0.8) return null;
    const zone = typeof sample.meta?.timezone === 'string' ? sample.meta.timezone : undefined;
    return {
      score: 0.95,
      // The response states its zone; naive times are read in it (UTC when absent).
      ...(zone && isValidTimeZone(zone) ? { fileTimeZone: zone } : {}),
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            const id = text(record, 'user_id');
            if (id === null) return { kind: 'error', field: 'user_id', message: 'the status has no user_id' };
            const startRaw = text(record, 'start_time');
            const start = requiredTime(startRaw, 'start_time');
            if (!start.ok) return start.error;
            // ⚠️ An open status is assumed to have an empty or missing end_time.
            const endRaw = text(record, 'end_time');
            const end = optionalTime(endRaw, 'end_time');
            if (!end.ok) return end.error;
            const state = text(record, 'status_name') ?? 'Unknown';
            return {
              kind: 'interval',
              agent: agent(id, { name: text(record, 'display_name') }),
              start: start.value,
              end: end.value,
              durationMs: null,
              state,
              loggedIn: loggedIn(state, text(record, 'sub_status_name')),
              boundary: 0,
              dedupeKey: `${id}|${startRaw}|${endRaw ?? ''}|${state}`,
            };
          },
        };
      },
    };
  },
};

/**
 * Twilio Flex / TaskRouter — Events API (`GET /v1/Workspaces/{sid}/Events`, envelope `events`),
 * or the same event resources as JSON Lines. A session is a period in an activity other than
 * Offline; `worker.activity.update` events carry the new and the previous activity.
 */
import type { ParsedTimestamp } from '../timestamps';
import { agent, epochMsField, field, isRecord, requiredTime, share, text } from './common';
import { compileStateRule } from './states';
import type { JsonPreset, Reading } from './types';

export const twilioTaskRouterEvents: JsonPreset = {
  id: 'twilio-taskrouter-events',
  label: 'Twilio TaskRouter — worker events (Events API JSON)',
  platform: 'Twilio Flex',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'points',
  defaultStates: { loggedIn: ['Available', 'Unavailable', 'Break'], loggedOut: ['Offline'], otherwise: 'logged-in' },
  expects: 'event resources with sid, event_type, event_date (or event_date_ms) and event_data.worker_activity_name',
  detect(sample) {
    const score = share(sample.records, (r) => typeof r.event_type === 'string' && (typeof r.event_date === 'string' || r.event_date_ms !== undefined) && 'resource_sid' in r);
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading | Reading[] {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            if (text(record, 'event_type') !== 'worker.activity.update') return { kind: 'ignore', reason: 'task, reservation and other non-activity events' };
            const data = field(record, 'event_data');
            const workerSid = text(data, 'worker_sid') ?? text(record, 'resource_sid');
            if (workerSid === null) return { kind: 'error', field: 'worker_sid', message: 'the event has no worker_sid' };
            const activity = text(data, 'worker_activity_name');
            if (activity === null) return { kind: 'error', field: 'worker_activity_name', message: 'the event has no worker_activity_name' };
            // event_date_ms is exact (and may be a string); event_date has whole seconds.
            let at: ParsedTimestamp | null = epochMsField(record.event_date_ms);
            if (at === null) {
              const parsed = requiredTime(text(record, 'event_date'), 'event_date');
              if (!parsed.ok) return parsed.error;
              at = parsed.value;
            }
            const workerName = text(data, 'worker_name');
            const who = agent(workerSid, { name: workerName }, workerName ?? workerSid);
            const readings: Reading[] = [
              { kind: 'event', agent: who, at, action: 'state', state: activity, loggedIn: loggedIn(activity), dedupeKey: text(record, 'sid') },
            ];
            // How long the worker was in the previous activity recovers a session that began
            // before the export. The field switched to seconds on 2021-05-21; `_ms` is exact.
            const previous = text(data, 'worker_previous_activity_name');
            const inPreviousMs =
              numberText(text(data, 'worker_time_in_previous_activity_ms')) ?? scaled(numberText(text(data, 'worker_time_in_previous_activity')), 1000);
            if (previous !== null && inPreviousMs !== null && at.kind === 'instant' && loggedIn(previous)) {
              readings.push({
                kind: 'event',
                agent: who,
                at: { kind: 'instant', epochMs: at.epochMs - inPreviousMs },
                action: 'state',
                state: previous,
                loggedIn: true,
                dedupeKey: null,
              });
            }
            return readings;
          },
        };
      },
    };
  },
};

function numberText(value: string | null): number | null {
  if (value === null || !/^\d+(?:\.\d+)?$/.test(value)) return null;
  return Number(value);
}

function scaled(value: number | null, factor: number): number | null {
  return value === null ? null : Math.round(value * factor);
}

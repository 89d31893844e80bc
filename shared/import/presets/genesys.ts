/**
 * Genesys Cloud — analytics user details (POST /api/v2/analytics/users/details/query, sync or
 * async job results): `userDetails[]{userId, primaryPresence[], routingStatus[]}`. Sessions are
 * the user's presences other than OFFLINE; routing statuses only say whether the user was on
 * queue, so they are not needed for logged-in time.
 */
import { agent, isRecord, optionalTime, requiredTime, share, text } from './common';
import { compileStateRule } from './states';
import type { JsonPreset, Reading } from './types';

export const genesysCloudUserDetails: JsonPreset = {
  id: 'genesys-cloud-user-details',
  label: 'Genesys Cloud — analytics user details (JSON)',
  platform: 'Genesys Cloud',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'intervals',
  defaultStates: {
    loggedIn: ['AVAILABLE', 'AWAY', 'BUSY', 'IDLE', 'ON_QUEUE', 'MEAL', 'TRAINING', 'MEETING', 'BREAK'],
    loggedOut: ['OFFLINE'],
    otherwise: 'logged-in',
  },
  // Presence records are contiguous; a status spanning days comes back once per day.
  mergeGapMs: 1000,
  expects: 'userDetails records with userId and primaryPresence[] (startTime, endTime, systemPresence)',
  detect(sample) {
    const score = share(sample.records, (r) => typeof r.userId === 'string' && (Array.isArray(r.primaryPresence) || Array.isArray(r.routingStatus)));
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading | Reading[] {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            const userId = text(record, 'userId');
            if (userId === null) return { kind: 'error', field: 'userId', message: 'the user detail has no userId' };
            const presences = Array.isArray(record.primaryPresence) ? record.primaryPresence : [];
            if (presences.length === 0) return { kind: 'ignore', reason: 'users with routing statuses only' };
            const who = agent(userId);
            return presences.map((presence: unknown): Reading => {
              const startRaw = text(presence, 'startTime');
              const start = requiredTime(startRaw, 'startTime');
              if (!start.ok) return start.error;
              // A status still open at query time has no endTime (⚠️ the field is optional).
              const endRaw = text(presence, 'endTime');
              const end = optionalTime(endRaw, 'endTime');
              if (!end.ok) return end.error;
              const state = text(presence, 'systemPresence') ?? 'UNKNOWN';
              return {
                kind: 'interval',
                agent: who,
                start: start.value,
                end: end.value,
                durationMs: null,
                state,
                loggedIn: loggedIn(state, text(presence, 'organizationPresenceId')),
                boundary: 0,
                // The same record returned twice (cross-day copies, overlapping pages) is one record.
                dedupeKey: `${userId}|${startRaw}|${endRaw ?? ''}|${state}`,
              };
            });
          },
        };
      },
    };
  },
};

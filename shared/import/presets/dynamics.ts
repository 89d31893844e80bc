/**
 * Microsoft Dynamics 365 Contact Center / Customer Service — `msdyn_agentstatushistory` rows from
 * the Dataverse Web API (envelope `value`). A row records a change of presence *or of available
 * capacity*: capacity-only rows have the same presence and merge back into one session.
 */
import { agent, isRecord, optionalTime, requiredTime, share, text } from './common';
import { compileStateRule } from './states';
import type { JsonPreset, Reading } from './types';

const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

export const dynamics365AgentStatus: JsonPreset = {
  id: 'dynamics365-agent-status',
  label: 'Dynamics 365 Customer Service — agent status history (Dataverse Web API JSON)',
  platform: 'Microsoft Dynamics 365',
  container: 'json',
  timeZone: 'instants',
  reconstruction: 'intervals',
  defaultStates: { loggedIn: ['Available', 'Busy', 'Busy - DND', 'Do not disturb', 'Away'], loggedOut: ['Offline', 'Inactive'], otherwise: 'logged-in' },
  mergeGapMs: 1000,
  expects: 'msdyn_agentstatushistory rows with _msdyn_agentid_value, msdyn_starttime, msdyn_endtime and a presence',
  detect(sample) {
    const score = share(sample.records, (r) => 'msdyn_starttime' in r && ('_msdyn_agentid_value' in r || 'msdyn_agentid' in r));
    if (score < 0.8) return null;
    return {
      score: 0.95,
      open: ({ states }) => {
        const loggedIn = compileStateRule(states);
        return {
          read(record): Reading {
            if (!isRecord(record)) return { kind: 'error', message: 'the record is not a JSON object' };
            const id = text(record, '_msdyn_agentid_value') ?? text(record, 'msdyn_agentid');
            if (id === null) return { kind: 'error', field: '_msdyn_agentid_value', message: 'the row has no agent' };
            const startRaw = text(record, 'msdyn_starttime');
            const start = requiredTime(startRaw, 'msdyn_starttime');
            if (!start.ok) return start.error;
            // ⚠️ A presence still current is assumed to have a null end time.
            const end = optionalTime(text(record, 'msdyn_endtime'), 'msdyn_endtime');
            if (!end.ok) return end.error;
            const presence = text(record, `_msdyn_presenceid_value${FORMATTED}`) ?? text(record, 'msdyn_presencename') ?? 'Unknown';
            // msdyn_isagentloggedin false reads as "Offline" too, so the default rule honours it.
            const signedOut = record.msdyn_isagentloggedin === false ? 'Offline' : null;
            return {
              kind: 'interval',
              agent: agent(id, { name: text(record, `_msdyn_agentid_value${FORMATTED}`) }),
              start: start.value,
              end: end.value,
              durationMs: null,
              state: presence,
              loggedIn: loggedIn(presence, signedOut),
              boundary: 0,
              dedupeKey: text(record, 'msdyn_agentstatushistoryid'),
            };
          },
        };
      },
    };
  },
};

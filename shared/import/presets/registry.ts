/**
 * All presets, and choosing one for a file. `auto` takes the best-scoring preset whose container
 * matches the file (the generic preset scores 0.5, so any platform preset that recognises the
 * file outranks it); a forced preset is used as long as it can read the file at all.
 */
import { amazonConnectAgentEvents, amazonConnectLoginLogout } from './amazon-connect';
import { avayaCmsLoginLogout } from './avaya';
import { ciscoUccxLoginLogout } from './cisco';
import { dynamics365AgentStatus } from './dynamics';
import { five9LoginLogout } from './five9';
import { explainGenericRefusal, genericCsv } from './generic';
import { genesysCloudUserDetails } from './genesys';
import { genesysCloudLoginLogoutDetails } from './genesys-login-logout';
import { entraSignIns, googleWorkspaceLogin, oktaSystemLog, oktaSystemLogJson } from './identity';
import { niceCxoneAgentStateLog } from './nice';
import { talkdeskUserStatus } from './talkdesk';
import { twilioTaskRouterEvents } from './twilio';
import { zoomStatusHistory } from './zoom';
import { PRESET_IDS, type PresetId } from './ids';
import type { DelimitedPreset, Detection, JsonPreset, Preset, Sample } from './types';

/** In registry order: on equal scores the earlier preset wins. */
export const PRESETS: readonly Preset[] = [
  genericCsv,
  amazonConnectLoginLogout,
  amazonConnectAgentEvents,
  five9LoginLogout,
  genesysCloudUserDetails,
  genesysCloudLoginLogoutDetails,
  niceCxoneAgentStateLog,
  oktaSystemLog,
  oktaSystemLogJson,
  entraSignIns,
  googleWorkspaceLogin,
  twilioTaskRouterEvents,
  talkdeskUserStatus,
  zoomStatusHistory,
  dynamics365AgentStatus,
  ciscoUccxLoginLogout,
  avayaCmsLoginLogout,
];

const byId = new Map<string, Preset>(PRESETS.map((p) => [p.id, p]));

export function presetById(id: string): Preset | undefined {
  return byId.get(id);
}

export type PresetChoice =
  | { ok: true; preset: Preset; detection: Detection<readonly string[]> | Detection<unknown> }
  | { ok: false; message: string };

function detectWith(preset: Preset, sample: Sample): Detection<readonly string[]> | Detection<unknown> | null {
  if (preset.container === 'delimited' && sample.container === 'delimited') return (preset as DelimitedPreset).detect(sample);
  if (preset.container === 'json' && sample.container === 'json') return (preset as JsonPreset).detect(sample);
  return null;
}

/** Every preset that recognises the sample, best first (ties keep registry order). */
export function rankPresets(sample: Sample): Array<{ preset: Preset; detection: Detection<readonly string[]> | Detection<unknown> }> {
  const found: Array<{ preset: Preset; detection: Detection<readonly string[]> | Detection<unknown>; order: number }> = [];
  PRESETS.forEach((preset, order) => {
    const detection = detectWith(preset, sample);
    if (detection && detection.score > 0) found.push({ preset, detection, order });
  });
  return found.sort((a, b) => b.detection.score - a.detection.score || a.order - b.order);
}

function knownExports(container: Sample['container']): string {
  return PRESETS.filter((p) => p.container === container && p.id !== 'generic-csv')
    .map((p) => p.label)
    .join('; ');
}

export function choosePreset(sample: Sample, format: 'auto' | PresetId): PresetChoice {
  if (format !== 'auto') {
    const preset = presetById(format);
    if (!preset) return { ok: false, message: `"${format}" is not a known format.` };
    if (preset.container !== sample.container) {
      const what = sample.container === 'json' ? 'a JSON file' : 'a delimited text file (CSV/TSV)';
      return { ok: false, message: `This is ${what}, but ${preset.label} is read from ${preset.container === 'json' ? 'JSON' : 'CSV/TSV text'}.` };
    }
    const detection = detectWith(preset, sample);
    if (!detection) return { ok: false, message: `This file is not ${preset.label}: expected ${preset.expects}.` };
    return { ok: true, preset, detection };
  }
  const best = rankPresets(sample)[0];
  if (best) return { ok: true, ...best };
  if (sample.container === 'delimited') {
    return { ok: false, message: `${explainGenericRefusal(sample)} Exports recognised without a mapping: ${knownExports('delimited')}.` };
  }
  const keys = sample.records
    .slice(0, 1)
    .flatMap((r) => (typeof r === 'object' && r !== null ? Object.keys(r).slice(0, 12) : []))
    .map((k) => `"${k}"`)
    .join(', ');
  return {
    ok: false,
    message: `This JSON file is not a known agent-state or sign-in export${keys ? ` (its records have the fields ${keys})` : ''}. Expected one of: ${knownExports('json')}.`,
  };
}

/** The registry must list exactly the ids of ./ids.ts (checked by a test). */
export function registryMatchesIds(): boolean {
  return PRESETS.length === PRESET_IDS.length && PRESET_IDS.every((id) => byId.has(id));
}

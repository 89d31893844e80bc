/**
 * Every preset id, in one literal tuple so the API contract can validate a `format` field without
 * loading the presets themselves. The registry (./registry.ts) checks it lists exactly these.
 */
export const PRESET_IDS = [
  'generic-csv',
  'amazon-connect-login-logout',
  'amazon-connect-agent-events',
  'five9-login-logout',
  'genesys-cloud-user-details',
  'genesys-cloud-login-logout-details',
  'nice-cxone-agent-state-log',
  'okta-system-log',
  'okta-system-log-json',
  'entra-sign-ins',
  'google-workspace-login',
  'twilio-taskrouter-events',
  'talkdesk-user-status',
  'zoom-cc-status-history',
  'dynamics365-agent-status',
  'cisco-uccx-login-logout',
  'avaya-cms-login-logout',
] as const;

export type PresetId = (typeof PRESET_IDS)[number];

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}

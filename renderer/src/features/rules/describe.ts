/**
 * Short texts for the counting-rules toolbar: the one-line help under each control and the name
 * of an activity definition with its version. The full sentences come from the engine
 * (`definitions` in the metrics answer); these only label the choices.
 */
import type { SavedDefinition } from '../../store/definitions-store';
import { isBuiltIn } from '../../store/definitions-store';
import type { CountingRules } from '../../store/rules-store';

export const CYCLE_OPTIONS: Array<{ value: CountingRules['cycle']; label: string }> = [
  { value: 'month', label: 'Calendar month' },
  { value: 'anchored', label: 'Anchored on day N' },
  { value: 'rolling', label: 'Rolling N days' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];

export const CONCURRENCY_OPTIONS: Array<{ value: CountingRules['concurrency']; label: string }> = [
  { value: 'raw', label: 'Raw peak' },
  { value: 'cumulative', label: 'Genesys cumulative' },
  { value: 'sustained', label: 'Cisco sustained' },
  { value: 'p95', label: '95th percentile' },
];

export const ROUNDING_OPTIONS: Array<{ value: CountingRules['hoursRounding']; label: string }> = [
  { value: 'none', label: 'Not rounded' },
  { value: 'ceil-total', label: 'Period total up to a whole hour' },
  { value: 'increment', label: 'Each session up to N minutes' },
];

export const PROVISIONED_OPTIONS: Array<{ value: CountingRules['provisionedAt']; label: string }> = [
  { value: 'end', label: 'On the last day of the period' },
  { value: 'start', label: 'On the first day of the period' },
  { value: 'max', label: 'Most on any day of the period' },
  { value: 'daily-average', label: 'Daily average over the period' },
];

export function cycleHelp(rules: CountingRules): string {
  switch (rules.cycle) {
    case 'month':
      return 'Periods are calendar months.';
    case 'anchored':
      return `Cycles start on day ${rules.anchorDay} of each month.`;
    case 'rolling':
      return `${rules.rollingDays}-day windows from the first day of data.`;
    case 'quarter':
      return 'Calendar quarters, for true-ups.';
    case 'year':
      return 'Calendar years, for annual true-ups.';
  }
}

export function concurrencyHelp(rules: CountingRules): string {
  switch (rules.concurrency) {
    case 'raw':
      return 'Most agents logged in at any one moment.';
    case 'cumulative':
      return `Highest level held ${rules.cumulativeMinutes} min in total (Genesys).`;
    case 'sustained':
      return `Highest level held ${rules.sustainedMinutes} min in a row (Cisco).`;
    case 'p95':
      return '95 % of minutes were at or below this level.';
  }
}

/** "Without supervisors · v2"; the built-in one by its name (the help line says it is built in). */
export function definitionOptionLabel(definition: SavedDefinition): string {
  return isBuiltIn(definition) ? definition.name : `${definition.name} · v${definition.version}`;
}

/** "version 2", or "built in" for the engine's own definition. */
export function versionText(definition: Pick<SavedDefinition, 'name' | 'version'>): string {
  return isBuiltIn(definition) || definition.version === 0 ? 'built in' : `version ${definition.version}`;
}

/** One line: what the definition counts and what it leaves out (the version is in the select). */
export function definitionSummary(definition: SavedDefinition | undefined): string {
  if (!definition) return '';
  if (isBuiltIn(definition)) return 'Built in · a session starts in the period';
  const parts: string[] = [definition.basis === 'session-start' ? 'Session starts in period' : 'Any session overlaps period'];
  if (definition.minSessionMinutes > 0) parts.push(`sessions ≥ ${definition.minSessionMinutes} min`);
  if (definition.minActiveDays > 1) parts.push(`≥ ${definition.minActiveDays} active days`);
  const excluded = [
    ...definition.excludeRoles.map((role) => `role ${role}`),
    ...definition.excludeTeams.map((team) => `team ${team}`),
    ...definition.excludeIdPatterns.map((pattern) => `ids ${pattern}`),
  ];
  if (excluded.length) parts.push(`excludes ${excluded.join(', ')}`);
  return parts.join(' · ');
}

/** "Logged-in hours: each agent’s…" → "Each agent’s…", for where the term is already the heading. */
export function withoutLead(sentence: string): string {
  const rest = sentence.replace(/^[^:]{1,40}: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

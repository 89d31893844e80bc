/**
 * The engine validates activity definitions (shared/metrics/activity.ts) and answers a bad one
 * with `invalid-request` and "Invalid request for <method>: <field>: <message>; …". This turns
 * that into a message per form field, phrased for people rather than for schemas.
 */
import type { AppError } from '../../../../shared/result';

export const DEFINITION_FIELDS = [
  'name',
  'basis',
  'minSessionMinutes',
  'minActiveDays',
  'excludeRoles',
  'excludeTeams',
  'excludeIdPatterns',
] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

export type DefinitionIssues = { fields: Partial<Record<DefinitionField, string>>; general: string | null };

export const NO_ISSUES: DefinitionIssues = { fields: {}, general: null };

/** Schema wording → plain wording; anything unknown is passed through as the engine wrote it. */
export function friendlyIssue(message: string): string {
  const min = /Too small: expected number to be >=?(-?\d+)/.exec(message);
  if (min) return `Enter ${min[1]} or more.`;
  const max = /Too big: expected number to be <=?(-?\d+)/.exec(message);
  if (max) return `Enter ${max[1]} or less.`;
  const long = /Too big: expected string to have <=?(\d+) characters/.exec(message);
  if (long) return `Use ${long[1]} characters or fewer.`;
  if (/expected int/i.test(message)) return 'Enter a whole number.';
  if (/expected number, received/i.test(message)) return 'Enter a number.';
  if (/Too small: expected string to have >=?1 characters?/.test(message)) return 'Leave no empty values.';
  const text = message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

/**
 * @param pathPrefix where the definition sits in the request (`activity.` for metrics calls, ''
 *   for definitions:save)
 */
export function definitionIssues(error: AppError, pathPrefix = ''): DefinitionIssues {
  if (error.code === 'read-only') return { fields: { name: error.message }, general: null };
  if (error.code !== 'invalid-request') return { fields: {}, general: error.message };
  const body = /^Invalid request for [\w-]+:[\w-]+: ([\s\S]*)$/.exec(error.message)?.[1];
  if (!body) return { fields: {}, general: error.message };
  const fields: DefinitionIssues['fields'] = {};
  const general: string[] = [];
  for (const issue of body.split('; ')) {
    const match = /^([\w.]+): ([\s\S]*)$/.exec(issue);
    const path = match?.[1]?.startsWith(pathPrefix) ? match[1].slice(pathPrefix.length) : undefined;
    const field = path?.split('.')[0] as DefinitionField | undefined;
    if (match && field && (DEFINITION_FIELDS as readonly string[]).includes(field)) {
      fields[field] ??= friendlyIssue(match[2]!);
    } else {
      general.push(friendlyIssue(match ? match[2]! : issue));
    }
  }
  return { fields, general: general.length ? general.join(' ') : null };
}

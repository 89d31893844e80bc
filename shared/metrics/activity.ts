/**
 * Activity definitions: when does an agent count as active in a period? Saved by name and
 * versioned, because every number on screen must say which definition produced it.
 */
import { z } from 'zod';

export const ActivityDefinition = z
  .object({
    name: z.string().trim().min(1, 'a definition needs a name').max(80),
    /** session-start: a session starts in the period (vendors' "logged in during the cycle");
     *  session-overlap: any session overlaps the period. */
    basis: z.enum(['session-start', 'session-overlap']).default('session-start'),
    /** Sessions shorter than this do not make anyone active (0 = every session counts). */
    minSessionMinutes: z.number().int().min(0).max(1440).default(0),
    /** Active only with at least this many active days in the period. */
    minActiveDays: z.number().int().min(1).max(366).default(1),
    /** Accounts never counted: by role, by team, or by id pattern (* and ? wildcards). */
    excludeRoles: z.array(z.string().trim().min(1)).default([]),
    excludeTeams: z.array(z.string().trim().min(1)).default([]),
    excludeIdPatterns: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();
export type ActivityDefinition = z.output<typeof ActivityDefinition>;
export type ActivityDefinitionInput = z.input<typeof ActivityDefinition>;

export const DEFAULT_ACTIVITY_NAME = 'Logged in during the period';

export const defaultActivityDefinition: ActivityDefinition = ActivityDefinition.parse({ name: DEFAULT_ACTIVITY_NAME });

export function describeActivity(definition: ActivityDefinition): string {
  const parts = [
    definition.basis === 'session-start'
      ? 'An agent is active in a period when one of their sessions starts in it (local time)'
      : 'An agent is active in a period when one of their sessions overlaps it (local time)',
  ];
  if (definition.minSessionMinutes > 0) parts.push(`counting only sessions of at least ${definition.minSessionMinutes} min`);
  if (definition.minActiveDays > 1) parts.push(`on at least ${definition.minActiveDays} different days`);
  const excluded = [
    ...definition.excludeRoles.map((r) => `role ${r}`),
    ...definition.excludeTeams.map((t) => `team ${t}`),
    ...definition.excludeIdPatterns.map((p) => `ids like ${p}`),
  ];
  if (excluded.length > 0) parts.push(`excluding ${excluded.join(', ')}`);
  return `${parts.join(', ')}.`;
}

/** An id pattern with * (any run) and ? (one character), matched case-insensitively. */
export function idPatternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .trim()
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * The JSON Schema of plan files, generated from the zod schema so the two cannot drift.
 * `node scripts/write-plan-schema.mjs` writes it to docs/plan.schema.json; a test checks that the
 * committed file equals this output.
 *
 * The JSON Schema checks the structure. Seatcast checks a little more when it reads a plan
 * (`parsePlan`): ids are unique and referenced ids exist, tiers rise and end open-ended,
 * proration and true-ups are combined only with prices they can apply to.
 */
import { z } from 'zod';
import { Plan } from './plan';

export const PLAN_SCHEMA_ID = 'urn:seatcast:plan-format:1';

export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Plan, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: PLAN_SCHEMA_ID, ...schema };
}

/** The text of docs/plan.schema.json. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

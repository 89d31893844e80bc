/**
 * The bundled plan templates (resources/plans/*.json) and the committed JSON Schema: every
 * template validates against both the zod schema and docs/plan.schema.json, cites its source,
 * is marked illustrative, and prices a demo-shaped series without error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// ajv 8 is already installed (through electron-builder); it is used here only to check that the
// generated JSON Schema accepts what Seatcast accepts.
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { priceAll, priceSeries } from '../../../shared/pricing/engine';
import { parsePlanText, type Plan } from '../../../shared/pricing/plan';
import { planJsonSchema, planJsonSchemaText } from '../../../shared/pricing/schema';
import { syntheticDemoPeriods } from '../../../shared/pricing/synthetic';
import { checkInvariants } from './helpers';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const plansDir = join(root, 'resources', 'plans');
const files = readdirSync(plansDir).filter((f) => f.endsWith('.json')).sort();
const read = (file: string) => readFileSync(join(plansDir, file), 'utf8');
const load = (file: string): Plan => {
  const result = parsePlanText(read(file));
  if (!result.ok) throw new Error(`${file}: ${result.message}`);
  return result.plan;
};

describe('docs/plan.schema.json', () => {
  it('equals the schema generated from the zod plan schema (node scripts/write-plan-schema.mjs)', () => {
    expect(readFileSync(join(root, 'docs', 'plan.schema.json'), 'utf8')).toBe(planJsonSchemaText());
  });
});

describe('bundled plan templates', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(planJsonSchema());

  it('include every template the issue lists', () => {
    const names = files.map((f) => load(f).name).join('\n');
    for (const wanted of [
      /Generic named seat/,
      /Generic concurrent seat/,
      /Platform28-style active user/,
      /Genesys Cloud .*named/,
      /Genesys Cloud .*concurrent.*30-minute/,
      /Genesys Cloud .*hourly/,
      /Twilio Flex .*named/,
      /Twilio Flex .*active user hours/,
      /Dust-style monthly active with caps and credit ladder/,
      /Committed seats with annual true-up/,
    ]) {
      expect(names).toMatch(wanted);
    }
  });

  it.each(files)('%s validates against the JSON Schema and the zod schema', (file) => {
    const json = JSON.parse(read(file)) as unknown;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const result = parsePlanText(read(file));
    expect(result.ok, result.ok ? '' : result.message).toBe(true);
  });

  it.each(files)('%s cites its source and marks its prices illustrative', (file) => {
    const plan = load(file);
    expect(plan.illustrative).toBe(true);
    expect(plan.source.citation).toMatch(/licensing reference/);
    expect(plan.source.urls.length).toBeGreaterThan(0);
    expect(plan.description).toMatch(/illustrative/i);
    expect(`${plan.id}.json`).toBe(file);
  });

  it.each(files)('%s prices 24 demo-shaped months without error, totals = sum of lines', (file) => {
    const plan = load(file);
    const projection = priceSeries(plan, syntheticDemoPeriods(24));
    checkInvariants(projection);
    expect(projection.periods).toHaveLength(24);
    expect(projection.totalCents).toBeGreaterThan(0);
    for (const period of projection.periods) {
      expect(period.lines.length).toBeGreaterThan(0);
      for (const line of period.lines) expect(line.explanation).not.toMatch(/NaN|undefined|Infinity/);
    }
    // The synthetic series carries the counts every template asks for.
    expect(projection.notes.filter((n) => /taken as 0|computed with/.test(n))).toEqual([]);
  });

  it('the JSON Schema refuses what the zod schema refuses structurally', () => {
    const plan = JSON.parse(read('generic-named-seat.json')) as Record<string, unknown>;
    expect(validate({ ...plan, formatVersion: 2 })).toBe(false);
    expect(validate({ ...plan, currency: 'usd' })).toBe(false);
    expect(validate({ ...plan, charges: [] })).toBe(false);
    expect(validate({ ...plan, surprise: true })).toBe(false);
  });

  it('all templates price 36 months together (the bench case) with sensible magnitudes', () => {
    const plans = files.map(load);
    const projections = priceAll(plans, syntheticDemoPeriods(36));
    for (const p of projections) {
      checkInvariants(p);
      const monthly = p.totalCents / 36 / 100;
      // A 280–470 agent center: every model lands between $1k and $150k a month.
      expect(monthly, p.name).toBeGreaterThan(1_000);
      expect(monthly, p.name).toBeLessThan(150_000);
    }
  });
});

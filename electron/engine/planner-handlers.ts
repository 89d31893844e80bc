/**
 * Contract handlers of the seasons view and the hiring planner: seasons:*, scenarios:*,
 * forecast:run and budget:run. Kept beside engine.ts so the shared engine file only spreads them in.
 */
import { isValidTimeZone, parseDay } from '../../shared/calendar';
import type { ParsedRequest, SavedScenario } from '../../shared/contract';
import type { Handlers } from '../../shared/dispatch';
import { BASELINE_SCENARIO, Scenario } from '../../shared/forecast/scenario';
import type { ActivityDefinition } from '../../shared/metrics/activity';
import { DEFAULT_COHORT_RULES } from '../../shared/metrics/cohorts';
import { parsePlan, type Consumption } from '../../shared/pricing';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';
import { budgetWorkbook } from './budget-xlsx';
import { runBudget, runForecast } from './forecast';
import { cohortReport } from './metrics/cohorts';
import { ensureCube } from './metrics/cube';
import { concurrencyHeatmap } from './metrics/heatmap';
import { seasonsOverview } from './metrics/seasons';

type PlannerMethods =
  | 'seasons:overview'
  | 'seasons:cohorts'
  | 'seasons:heatmap'
  | 'scenarios:list'
  | 'scenarios:save'
  | 'scenarios:delete'
  | 'forecast:run'
  | 'budget:run'
  | 'budget:xlsx';

export type PlannerDeps = {
  defaultTimeZone: () => string;
  resolveActivity: (activity: string | ActivityDefinition | undefined) => ActivityDefinition & { version: number };
};

type ScenarioRow = { id: number; name: string; json: string; created_at_ms: number; updated_at_ms: number };

function toSaved(row: ScenarioRow): SavedScenario {
  return {
    id: row.id,
    name: row.name,
    scenario: Scenario.parse(JSON.parse(row.json)),
    created: new Date(row.created_at_ms).toISOString(),
    updated: new Date(row.updated_at_ms).toISOString(),
  };
}

export function plannerHandlers(db: Connection, deps: PlannerDeps): Pick<Handlers, PlannerMethods> {
  const zoneOf = (timeZone: string | undefined) => {
    const zone = timeZone ?? deps.defaultTimeZone();
    if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
    ensureCube(db, zone);
    return zone;
  };
  const dayOf = (text: string | undefined, flag: string) => {
    if (text === undefined) return undefined;
    const day = parseDay(text);
    if (day === null) throw new UserFacingError('invalid-date', `${flag}: "${text}" is not a real date as YYYY-MM-DD.`);
    return day;
  };
  const savedScenario = (id: number): SavedScenario => {
    const row = db.prepare('SELECT * FROM scenario WHERE id = ?').get(id) as ScenarioRow | undefined;
    if (!row) throw new UserFacingError('not-found', `There is no saved scenario #${id}. It may have been deleted.`);
    return toSaved(row);
  };
  const scenarioOf = (scenario: Scenario | number | undefined): Scenario =>
    scenario === undefined ? BASELINE_SCENARIO : typeof scenario === 'number' ? savedScenario(scenario).scenario : scenario;

  const handlers: Pick<Handlers, PlannerMethods> = {
    'seasons:overview': ({ timeZone, activity }) => seasonsOverview(db, zoneOf(timeZone), deps.resolveActivity(activity)),
    'seasons:cohorts': ({ timeZone, rules, activity }) => {
      zoneOf(timeZone);
      return cohortReport(db, rules ?? DEFAULT_COHORT_RULES, deps.resolveActivity(activity));
    },
    'seasons:heatmap': ({ from, to, timeZone }) => {
      const fromDay = dayOf(from, 'from')!;
      const toDay = dayOf(to, 'to')!;
      if (toDay <= fromDay) throw new UserFacingError('invalid-range', `The end date ${to} must be after the start date ${from}.`);
      if (toDay - fromDay > 400) throw new UserFacingError('invalid-range', 'Choose a period of at most 400 days for the heatmap.');
      return concurrencyHeatmap(db, zoneOf(timeZone), fromDay, toDay, from, to);
    },
    'scenarios:list': () => (db.prepare('SELECT * FROM scenario ORDER BY name COLLATE NOCASE').all() as ScenarioRow[]).map(toSaved),
    'scenarios:save': ({ id, scenario }) => {
      const now = Date.now();
      const clash = db.prepare('SELECT id FROM scenario WHERE name = ?').get(scenario.name) as { id: number } | undefined;
      if (clash && clash.id !== id) throw new UserFacingError('name-taken', `A scenario named "${scenario.name}" already exists. Choose another name.`);
      if (id !== undefined) {
        const changed = db.prepare('UPDATE scenario SET name = ?, json = ?, updated_at_ms = ? WHERE id = ?').run(scenario.name, JSON.stringify(scenario), now, id).changes;
        if (changed === 0) throw new UserFacingError('not-found', `There is no saved scenario #${id}. It may have been deleted.`);
        return savedScenario(id);
      }
      const info = db.prepare('INSERT INTO scenario (name, json, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?)').run(scenario.name, JSON.stringify(scenario), now, now);
      return savedScenario(Number(info.lastInsertRowid));
    },
    'scenarios:delete': ({ id }) => {
      const saved = savedScenario(id);
      db.prepare('DELETE FROM scenario WHERE id = ?').run(id);
      return { id, name: saved.name };
    },
    'forecast:run': ({ timeZone, from, months, scenario, activity }) => {
      const fromDay = dayOf(from, 'from');
      return runForecast(db, {
        timeZone: zoneOf(timeZone),
        activity: deps.resolveActivity(activity),
        months,
        scenario: scenarioOf(scenario),
        ...(fromDay !== undefined ? { fromDay } : {}),
      });
    },
    'budget:run': (request) => budget(request),
    'budget:xlsx': async ({ title, ...request }) => {
      const run = budget(request);
      const name = title ?? run.forecast.scenario.name;
      const stem = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'scenario';
      return { fileName: `budget-${stem}.xlsx`, base64: (await budgetWorkbook(run, name)).toString('base64') };
    },
  };
  return handlers;

  function budget({ timeZone, from, months, scenario, activity, plans, currentPlan, consumption }: ParsedRequest<'budget:run'>) {
    const parsed = plans.map((value, index) => {
      const read = parsePlan(value);
      if (!read.ok) throw new UserFacingError('plan-invalid', `Plan ${index + 1}: ${read.message}`);
      return read.plan;
    });
    const fromDay = dayOf(from, 'from');
    return runBudget(db, {
      timeZone: zoneOf(timeZone),
      activity: deps.resolveActivity(activity),
      months,
      scenario: scenarioOf(scenario),
      plans: parsed,
      ...(fromDay !== undefined ? { fromDay } : {}),
      ...(currentPlan !== undefined ? { currentPlan } : {}),
      ...(consumption ? { consumption: consumption as Consumption } : {}),
    });
  }
}

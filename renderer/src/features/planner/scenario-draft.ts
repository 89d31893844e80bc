/**
 * The scenario being edited in the Planner, kept as the documented JSON (docs/scenario-format.md)
 * and validated with the same schema the engine uses, so a problem is shown beside its field
 * before anything is run or saved.
 */
import { Scenario, type ScenarioInput } from '../../../../shared/forecast/scenario';

export type HireDraft = NonNullable<ScenarioInput['hires']>[number];
export type AttritionDraft = NonNullable<ScenarioInput['attrition']>[number];
export type ProgramDraft = NonNullable<ScenarioInput['programs']>[number];

export type DraftCheck = { scenario: Scenario; issues: [] } | { scenario: null; issues: Array<{ path: string; message: string }> };

export function checkScenario(draft: ScenarioInput): DraftCheck {
  const read = Scenario.safeParse(draft);
  if (read.success) {
    const issues: Array<{ path: string; message: string }> = [];
    const order = (from: string, to: string | undefined) => to !== undefined && from.length === 7 && to.length === 7 && to < from;
    read.data.hires.forEach((h, i) => {
      if (order(h.from, h.to)) issues.push({ path: `hires.${i}.to`, message: 'the last month is before the first' });
    });
    read.data.programs.forEach((p, i) => {
      if (order(p.from, p.to)) issues.push({ path: `programs.${i}.to`, message: 'the last month is before the first' });
    });
    read.data.attrition.forEach((a, i) => {
      if (order(a.from, a.to)) issues.push({ path: `attrition.${i}.to`, message: 'the last month is before the first' });
    });
    return issues.length > 0 ? { scenario: null, issues } : { scenario: read.data, issues: [] };
  }
  return { scenario: null, issues: read.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** The month after `start` (YYYY-MM-DD) shifted by n, as YYYY-MM. */
export function monthOffset(start: string, n: number): string {
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first February–April on or after the forecast's first month: the tax season to plan for. */
export function nextSeason(firstMonth: string, fromMonth = 2, toMonth = 4): { from: string; to: string } {
  const year = Number(firstMonth.slice(0, 4));
  const month = Number(firstMonth.slice(5, 7));
  const y = month <= fromMonth ? year : year + 1;
  return { from: `${y}-${String(fromMonth).padStart(2, '0')}`, to: `${y}-${String(toMonth).padStart(2, '0')}` };
}

export const blankScenario = (name = 'New scenario'): ScenarioInput => ({ formatVersion: 1, name, model: 'auto', hires: [], attrition: [], programs: [], provisioning: { createDaysEarly: 0, deprovisionAfterDays: 0 } });

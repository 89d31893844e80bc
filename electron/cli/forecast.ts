/**
 * `seatcast forecast`: the planner's forecast from a terminal. The JSON shape is a contract
 * (issue #6): { model, backtestMape, periods: [{ start, activeAgents, activeAgentsLow,
 * activeAgentsHigh, peakConcurrent, loggedInHours, provisioned }] }, extra keys allowed.
 */
import { readFileSync } from 'node:fs';
import { formatDay, parseDay, firstDayOfMonth } from '../../shared/calendar';
import type { ForecastRun } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { Scenario } from '../../shared/forecast/scenario';
import { jsonPath } from '../../shared/pricing';
import { UserFacingError } from '../../shared/result';
import type { Engine } from '../engine/engine';
import { formatTable } from './table';

export const FORECAST_HELP = `Usage: seatcast forecast [--db PATH] [--tz ZONE] [--from YYYY-MM-DD] [--months N]
                        [--scenario FILE.json] [--json]

Forecasts active agents, peak concurrent agents, logged-in hours and provisioned accounts for N
calendar months (default 12, at most 24) starting with the month of --from (default: the month
after the last data). The model is chosen by backtest (the last 12 months forecast from what came
before); with under two years of history the forecast falls back to the trend and says so.
Intervals are 80% prediction intervals. --scenario applies a what-if file (docs/scenario-format.md):
seasonal hires, attrition, new programs and the provisioning policy.`;

export type ForecastFlags = { from?: string; months?: string; scenario?: string; tz?: string };

export function readScenarioFile(file: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserFacingError('scenario-invalid', `--scenario ${file}: cannot read it as JSON (${(error as Error).message}).`);
  }
  const read = Scenario.safeParse(value);
  if (!read.success) {
    const issues = read.error.issues.slice(0, 5).map((i) => `${jsonPath(i.path)}: ${i.message}`);
    throw new UserFacingError('scenario-invalid', `--scenario ${file}: ${issues.join('; ')}`);
  }
  return read.data;
}

export function parseForecastFlags(flags: ForecastFlags): { from?: string; months: number; scenario?: Scenario; timeZone?: string } {
  let from: string | undefined;
  if (flags.from !== undefined) {
    const day = parseDay(flags.from);
    if (day === null) throw new UserFacingError('invalid-date', `--from: "${flags.from}" is not a date as YYYY-MM-DD.`);
    from = formatDay(firstDayOfMonth(day));
  }
  const months = flags.months === undefined ? 12 : Number(flags.months);
  if (!/^\d+$/.test(flags.months ?? '12') || months < 1 || months > 24) {
    throw new UserFacingError('invalid-months', `--months: "${flags.months}" must be a whole number of months from 1 to 24.`);
  }
  return {
    months,
    ...(from !== undefined ? { from } : {}),
    ...(flags.scenario !== undefined ? { scenario: readScenarioFile(flags.scenario) } : {}),
    ...(flags.tz !== undefined ? { timeZone: flags.tz } : {}),
  };
}

export function forecastJson(run: ForecastRun) {
  return {
    model: run.model,
    backtestMape: run.backtestMape,
    backtestMonths: run.backtestMonths,
    intervalLevel: run.intervalLevel,
    timeZone: run.timeZone,
    scenario: run.scenario.name,
    messages: run.messages,
    periods: run.periods.map((p) => ({
      start: p.start,
      activeAgents: p.activeAgents,
      activeAgentsLow: p.activeAgentsLow,
      activeAgentsHigh: p.activeAgentsHigh,
      peakConcurrent: p.peakConcurrent,
      loggedInHours: p.loggedInHours,
      provisioned: p.provisioned,
      agentDays: p.agentDays,
      added: p.added,
    })),
  };
}

export function forecastTable(run: ForecastRun): string {
  const rows = run.periods.map((p) => [
    p.start.slice(0, 7),
    String(p.activeAgents),
    `${p.activeAgentsLow}–${p.activeAgentsHigh}`,
    String(p.peakConcurrent),
    p.loggedInHours.toFixed(1),
    String(p.provisioned),
    p.added.activeAgents > 0 ? `+${p.added.activeAgents}` : '',
  ]);
  const mape = run.backtestMape === null ? 'no backtest' : `backtest MAPE ${run.backtestMape.toFixed(1)}% over ${run.backtestMonths} months`;
  return [
    formatTable(['Month', 'Active agents', `${Math.round(run.intervalLevel * 100)}% interval`, 'Peak concurrent', 'Logged-in h', 'Provisioned', 'Scenario'], rows),
    '',
    `Model: ${run.modelLabel} (${mape}). Scenario: ${run.scenario.name}. Time zone: ${run.timeZone}.`,
    ...run.messages,
  ].join('\n');
}

export async function runForecastCommand(engine: Engine, flags: ForecastFlags): Promise<ForecastRun> {
  const request = parseForecastFlags(flags);
  const result = await dispatch(engine.handlers, 'forecast:run', request);
  if (!result.ok) throw new UserFacingError(result.error.code, result.error.message);
  return result.value as ForecastRun;
}

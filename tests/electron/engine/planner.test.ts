/**
 * Seasons, cohorts, heatmap, turnover, scenarios, forecast and budget through the contract, on a
 * hand-built history (UTC, 2024-01 … 2025-12) whose every count can be worked out by hand:
 *   ft-1, ft-2   09:00–17:00 every weekday, both years (full-time, on the roster)
 *   pt-1         09:00–13:00 Mondays and Wednesdays (part-time, on the roster)
 *   season-1     09:00–17:00 weekdays in February–April of both years (seasonal, not on the roster)
 *   new-1        09:00–17:00 weekdays from 2025-12-01 (new, on the roster)
 *   gone-1       09:00–17:00 weekdays until 2024-06-30 (leaver, not on the roster)
 *   qa-test-01   10:00–11:00 on the first of each month (training/test by id)
 *   idle-1       on the roster, never logged in (dormant)
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDay } from '../../../shared/calendar';
import { loadDemoRoster } from '../../../electron/engine/demo';
import { call, csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const FIRST = daysFromCivil(2024, 1, 1);
const LAST = daysFromCivil(2025, 12, 31);

function sessions(): string[] {
  const rows: string[] = [];
  const add = (agent: string, day: number, from: number, to: number) =>
    rows.push(`${agent},${formatDay(day)}T${String(from).padStart(2, '0')}:00:00Z,${formatDay(day)}T${String(to).padStart(2, '0')}:00:00Z`);
  for (let day = FIRST; day <= LAST; day += 1) {
    const date = formatDay(day);
    const weekday = (new Date(day * 86_400_000).getUTCDay() + 6) % 7; // 0 = Monday
    const month = Number(date.slice(5, 7));
    if (date.endsWith('-01')) add('qa-test-01', day, 10, 11);
    if (weekday >= 5) continue;
    add('ft-1', day, 9, 17);
    add('ft-2', day, 9, 17);
    if (weekday === 0 || weekday === 2) add('pt-1', day, 9, 13);
    if (month >= 2 && month <= 4) add('season-1', day, 9, 17);
    if (date >= '2025-12-01') add('new-1', day, 9, 17);
    if (date <= '2024-06-30') add('gone-1', day, 9, 17);
  }
  return rows;
}

async function engineWithHistory() {
  const engine = await freshEngine(dir);
  const job = await importThroughJobs(engine, writeFile(dir, 'history.csv', csv('agent_id,login,logout', sessions())), 'UTC');
  expect(job.state).toBe('done');
  await call(engine, 'prefs:set', { timeZone: 'UTC' });
  const roster = writeFile(
    dir,
    'roster.csv',
    csv('agent_id,agent_name,team,site,role,created,deactivated', [
      'ft-1,Full One,Line,HQ,agent,2020-01-01,',
      'ft-2,Full Two,Line,HQ,agent,2020-01-01,',
      'pt-1,Part One,Line,HQ,agent,2020-01-01,',
      'new-1,New One,Line,HQ,agent,2025-11-20,',
      'idle-1,Idle One,Line,HQ,agent,2023-01-01,',
    ]),
  );
  loadDemoRoster(engine.db, roster);
  return engine;
}

describe('seasons, cohorts and heatmap', async () => {
  const engine = await engineWithHistory();

  it('lays months out by year with year-over-year change and turnover', async () => {
    const overview = await call(engine, 'seasons:overview', {});
    expect(overview.months).toHaveLength(24);
    const march24 = overview.months.find((m) => m.start === '2024-03-01')!;
    const march25 = overview.months.find((m) => m.start === '2025-03-01')!;
    // March 2024: ft ×2, pt, season, gone, qa = 6; March 2025: gone has left = 5.
    expect(march24.activeAgents).toBe(6);
    expect(march25.activeAgents).toBe(5);
    expect(march25.yoy.activeAgents).toBeCloseTo(((5 - 6) / 6) * 100, 1);
    expect(march24.yoy.activeAgents).toBeNull();
    expect(overview.months[0]!.joiners).toBeNull();
    expect(overview.months.find((m) => m.start === '2024-02-01')!.joiners).toBe(1); // season-1
    expect(overview.months.find((m) => m.start === '2024-06-01')!.leavers).toBe(1); // gone-1
    expect(overview.months.find((m) => m.start === '2025-04-01')!.leavers).toBe(1); // season-1, last seen
    expect(overview.months.find((m) => m.start === '2025-12-01')!.joiners).toBe(1); // new-1
    expect(overview.months.at(-1)!.leavers).toBeNull();
  });

  it('classifies every agent once, by the rules shown', async () => {
    const report = await call(engine, 'seasons:cohorts', {});
    const cohortOf = Object.fromEntries(report.agents.map((a) => [a.agent, a.cohort]));
    expect(cohortOf).toEqual({
      'ft-1': 'full-time',
      'ft-2': 'full-time',
      'pt-1': 'part-time',
      'season-1': 'seasonal',
      'new-1': 'new',
      'gone-1': 'leaver',
      'qa-test-01': 'training',
      'idle-1': 'dormant',
    });
    expect(report.ruleText.map((r) => r.cohort)).toEqual(['training', 'seasonal', 'dormant', 'leaver', 'new', 'full-time', 'part-time']);
    const march25 = report.months.find((m) => m.start === '2025-03-01')!.counts;
    expect(march25).toEqual({ 'full-time': 2, 'part-time': 1, seasonal: 1, new: 0, leaver: 0, dormant: 0, training: 1 });
    // Editing a rule changes the answer: at 7 h/week the part-timer (8 h) counts as full-time.
    const edited = await call(engine, 'seasons:cohorts', { rules: { ...report.rules, fullTimeHoursPerWeek: 7 } });
    expect(edited.agents.find((a) => a.agent === 'pt-1')!.cohort).toBe('full-time');
  });

  it('maps concurrency by weekday and local hour', async () => {
    const heatmap = await call(engine, 'seasons:heatmap', { from: '2025-03-01', to: '2025-04-01' });
    // Monday 09:00: ft-1, ft-2, pt-1 and season-1.
    expect(heatmap.peak[0]![9]).toBe(4);
    expect(heatmap.peak[1]![9]).toBe(3); // Tuesday: no part-timer
    expect(heatmap.peak[0]![13]).toBe(3); // pt-1 leaves at 13:00
    expect(heatmap.peak[5]!.every((v) => v <= 1)).toBe(true); // Saturday: at most qa-test-01 on the 1st
    expect(heatmap.peak[0]![17]).toBe(0);
    expect(heatmap.max).toBe(4);
    expect(heatmap.busiest).toEqual({ weekday: 0, hour: 9, peak: 4 });
    // New York in March: the same sessions land five (then four, after DST) hours earlier.
    const ny = await call(engine, 'seasons:heatmap', { from: '2025-03-17', to: '2025-03-24', timeZone: 'America/New_York' });
    expect(ny.peak[0]![5]).toBe(4);
  });
});

describe('scenarios, forecast and budget', async () => {
  const engine = await engineWithHistory();

  it('saves, lists, renames and deletes scenarios', async () => {
    const saved = await call(engine, 'scenarios:save', { scenario: { name: 'Tax season', hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] } });
    expect(saved.scenario.hires[0]!.daysPerWeek).toBe(5);
    await expect(call(engine, 'scenarios:save', { scenario: { name: 'Tax season' } })).rejects.toThrow(/already exists/);
    await call(engine, 'scenarios:save', { id: saved.id, scenario: { ...saved.scenario, name: 'Tax season 2026' } });
    expect((await call(engine, 'scenarios:list', {})).map((s) => s.name)).toEqual(['Tax season 2026']);
    await call(engine, 'scenarios:delete', { id: saved.id });
    expect(await call(engine, 'scenarios:list', {})).toEqual([]);
  });

  it('forecasts the next 12 months and applies a saved scenario exactly', async () => {
    const saved = await call(engine, 'scenarios:save', { scenario: { name: 'Hires', hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] } });
    const plain = await call(engine, 'forecast:run', {});
    const withHires = await call(engine, 'forecast:run', { scenario: saved.id });
    expect(plain.periods.map((p) => p.start)[0]).toBe('2026-01-01');
    expect(plain.periods).toHaveLength(12);
    expect(plain.history).toHaveLength(24);
    // Two years of history: seasonal naive, and the history repeats: next March = last March.
    expect(plain.model).toBe('seasonal-naive');
    expect(plain.periods[2]!.activeAgents).toBe(5);
    const delta = withHires.periods.map((p, i) => p.activeAgents - plain.periods[i]!.activeAgents);
    expect(delta).toEqual([0, 60, 60, 60, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(withHires.baseline).toEqual(plain.periods);
  });

  it('prices the scenario under each plan: cheapest per month and year, difference vs current', async () => {
    const { value: templates } = { value: await call(engine, 'plans:templates', {}) };
    const plan = (file: string) => templates.find((t) => t.file === file)!.plan;
    const plans = [plan('platform28-active-user.json'), plan('generic-concurrent-seat.json')];
    const scenario = { name: 'Hires', hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] };
    const before = await call(engine, 'budget:run', { plans, currentPlan: 0 });
    const after = await call(engine, 'budget:run', { plans, currentPlan: 0, scenario });
    expect(after.months).toHaveLength(12);
    const diff = after.plans[0]!.monthly.map((c, i) => c - before.plans[0]!.monthly[i]!);
    expect(diff).toEqual([0, 390_000, 390_000, 390_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(after.plans[0]!.cumulative.at(-1)).toBe(after.plans[0]!.totalCents);
    expect(after.plans[0]!.differenceVsCurrent).toBe(0);
    expect(after.plans[1]!.differenceVsCurrent).toBe(after.plans[1]!.totalCents - after.plans[0]!.totalCents);
    const cheapest = after.plans.reduce((a, b) => (b.totalCents < a.totalCents ? b : a));
    expect(after.cheapestYear).toEqual({ plan: cheapest.name, totalCents: cheapest.totalCents });
    after.cheapestPerMonth.forEach((m, i) => expect(m.totalCents).toBe(Math.min(...after.plans.map((p) => p.monthly[i]!))));
  });

  it('exports the budget as a workbook with the same cents', async () => {
    const templates = await call(engine, 'plans:templates', {});
    const plans = [templates.find((t) => t.file === 'platform28-active-user.json')!.plan];
    const scenario = { name: 'Hires', hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] };
    const budget = await call(engine, 'budget:run', { plans, scenario });
    const file = await call(engine, 'budget:xlsx', { plans, scenario, title: 'Tax season' });
    expect(file.fileName).toBe('budget-tax-season.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Budget', 'Cumulative', 'Forecast', 'About']);
    const sheet = workbook.getWorksheet('Budget')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month', budget.plans[0]!.name, 'Cheapest']);
    budget.months.forEach((month, i) => {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(month.slice(0, 7));
      expect(Math.round((sheet.getRow(i + 2).getCell(2).value as number) * 100)).toBe(budget.plans[0]!.monthly[i]);
    });
    expect(sheet.getRow(14).getCell(1).value).toBe('Total');
    expect(Math.round((sheet.getRow(14).getCell(2).value as number) * 100)).toBe(budget.plans[0]!.totalCents);
  });

  it('leaves a trailing month the data covers only partly out of the history, and says so', async () => {
    const engine2 = await freshEngine(dir);
    const rows = sessions().filter((r) => r.split(',')[1]! < '2025-12-08');
    await importThroughJobs(engine2, writeFile(dir, 'partial.csv', csv('agent_id,login,logout', rows)), 'UTC');
    const run = await call(engine2, 'forecast:run', { timeZone: 'UTC' });
    expect(run.history.at(-1)!.start).toBe('2025-11-01');
    // The default start stays the month after the last data (the contract); December is forecast on the way.
    expect(run.periods[0]!.start).toBe('2026-01-01');
    expect(run.messages[0]).toMatch(/2025-12 is left out of the history: the data covers only part of it/);
  });

  it('refuses bad requests with a reason', async () => {
    await expect(call(engine, 'forecast:run', { months: 25 })).rejects.toThrow(/at most 24/);
    await expect(call(engine, 'forecast:run', { scenario: 999 })).rejects.toThrow(/no saved scenario #999/);
    await expect(call(engine, 'forecast:run', { from: '2030-01-01' })).rejects.toThrow(/more than 24 months after the last month of data \(2025-12\)/);
    await expect(call(engine, 'forecast:run', { from: '2020-01-01' })).rejects.toThrow(/no usage history before 2020-01-01/);
    // A later start forecasts the months in between on the way.
    expect((await call(engine, 'forecast:run', { from: '2026-06-15', months: 2 })).periods.map((p) => p.start)).toEqual(['2026-06-01', '2026-07-01']);
    await expect(call(engine, 'budget:run', { plans: [{ name: 'x' }] })).rejects.toThrow(/Plan 1/);
    await expect(call(engine, 'scenarios:save', { scenario: { name: 'x', hires: [{ agents: 5, from: '2026-13', to: '2026-04' }] } })).rejects.toThrow(/hires\.0\.from/);
  });
});

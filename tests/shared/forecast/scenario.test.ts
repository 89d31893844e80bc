import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyScenario, monthStarts, pricingPeriods, Scenario, type ForecastMonth } from '../../../shared/forecast/scenario';
import { parsePlan, priceAll, type Plan } from '../../../shared/pricing';

const plan = (file: string): Plan => {
  const read = parsePlan(JSON.parse(readFileSync(new URL(`../../../resources/plans/${file}`, import.meta.url), 'utf8')));
  if (!read.ok) throw new Error(read.message);
  return read.plan;
};

/** Twelve forecast months of 2027 with round numbers, so every delta is readable. */
const base: ForecastMonth[] = monthStarts('2027-01-01', 12).map((start, i) => ({
  start,
  activeAgents: 300 + i,
  activeAgentsLow: 280 + i,
  activeAgentsHigh: 320 + i,
  peakConcurrent: 200,
  loggedInHours: 40_000,
  provisioned: 350,
  agentDays: 5_000,
  dailyActiveMax: 250,
}));

describe('applyScenario', () => {
  it('adds exactly 60 active agents in February–April and nothing elsewhere', () => {
    const scenario = Scenario.parse({ name: 'Tax season', hires: [{ agents: 60, from: '2027-02', to: '2027-04' }] });
    const months = applyScenario(base, scenario);
    const delta = months.map((m, i) => m.activeAgents - base[i]!.activeAgents);
    expect(delta).toEqual([0, 60, 60, 60, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(months.map((m, i) => m.activeAgentsLow - base[i]!.activeAgentsLow)).toEqual(delta);
    expect(months.map((m, i) => m.activeAgentsHigh - base[i]!.activeAgentsHigh)).toEqual(delta);
    // Accounts exist from 1 February to 30 April (no early creation, removed the day after).
    expect(months.map((m, i) => m.provisioned - base[i]!.provisioned)).toEqual(delta);
    // Working days: 5 of every 7 calendar days, whole days — February 2027 has 28 days → 20.
    expect(months[1]!.added.agentDays).toBe(60 * 20);
    expect(months[1]!.added.loggedInHours).toBe(60 * 20 * 8);
    expect(months[2]!.added.agentDays).toBe(60 * Math.round((31 * 5) / 7));
    expect(months[1]!.peakConcurrent).toBe(260);
  });

  it('changes each plan’s bill by that plan’s arithmetic', () => {
    const scenario = Scenario.parse({ name: 'Tax season', hires: [{ agents: 60, from: '2027-02', to: '2027-04', hoursPerDay: 6 }] });
    const plans = [plan('platform28-active-user.json'), plan('twilio-flex-active-user-hours.json'), plan('generic-concurrent-seat.json')];
    const before = priceAll(plans, pricingPeriods(applyScenario(base, Scenario.parse({ name: 'none' }))));
    const after = priceAll(plans, pricingPeriods(applyScenario(base, scenario)));
    const diff = (p: number) => after[p]!.periods.map((period, i) => period.totalCents - before[p]!.periods[i]!.totalCents);
    // $65 per active agent: 60 × 6,500 cents in each of the three months.
    expect(diff(0)).toEqual([0, 390_000, 390_000, 390_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    // $1 per logged-in hour: 60 agents × working days × 6 h × 100 cents.
    expect(diff(1).slice(1, 4)).toEqual([60 * 20 * 6 * 100, 60 * 22 * 6 * 100, 60 * 21 * 6 * 100]);
    // $130 per concurrent seat, every hire on the same shift: 60 × 13,000 cents.
    expect(diff(2)).toEqual([0, 780_000, 780_000, 780_000, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(after[0]!.totalCents - before[0]!.totalCents).toBe(3 * 390_000);
  });

  it('ramps up with training weeks and follows the provisioning policy', () => {
    const scenario = Scenario.parse({
      name: 'Early start',
      hires: [{ agents: 10, from: '2027-02', to: '2027-03', rampUpWeeks: 2 }],
      provisioning: { createDaysEarly: 7, deprovisionAfterDays: 45 },
    });
    const months = applyScenario(base, scenario);
    // Training from 18 January makes them active in January too.
    expect(months[0]!.added.activeAgents).toBe(10);
    expect(months[0]!.added.agentDays).toBe(10 * Math.round((14 * 5) / 7));
    // Accounts from 11 January to 15 May: provisioned at month end in Jan–Apr, not in May.
    expect(months.map((m) => m.added.provisioned)).toEqual([10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('repeats MM ranges in every year and keeps a program open-ended', () => {
    const months24 = monthStarts('2027-01-01', 24).map((start) => ({ ...base[0]!, start }));
    const scenario = Scenario.parse({
      name: 'Every winter',
      hires: [{ agents: 5, from: '11', to: '01' }],
      programs: [{ agents: 20, from: '2027-06' }],
    });
    const added = applyScenario(months24, scenario).map((m) => m.added.activeAgents);
    expect(added).toEqual([5, 0, 0, 0, 0, 20, 20, 20, 20, 20, 25, 25, 25, 20, 20, 20, 20, 20, 20, 20, 20, 20, 25, 25]);
  });

  it('applies attrition to the forecast workforce only, compounding monthly', () => {
    const scenario = Scenario.parse({
      name: 'Attrition',
      attrition: [{ percentPerMonth: 10, from: '2027-03', to: '2027-04' }],
      hires: [{ agents: 60, from: '2027-02', to: '2027-04' }],
    });
    const months = applyScenario(base, scenario);
    expect(months.map((m) => m.retained).slice(0, 6)).toEqual([1, 1, 0.9, 0.81, 0.81, 0.81]);
    expect(months[2]!.activeAgents).toBe(Math.round(302 * 0.9) + 60);
    expect(months[5]!.activeAgents).toBe(Math.round(305 * 0.81));
  });

  it('refuses malformed scenarios with the field at fault', () => {
    const read = Scenario.safeParse({ name: 'x', hires: [{ agents: 0, from: '2027-13', to: '2027-04' }] });
    expect(read.success).toBe(false);
    const paths = read.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('hires.0.agents');
    expect(paths).toContain('hires.0.from');
  });
});

import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../shared/calendar';
import { classifyAgent, DEFAULT_COHORT_RULES, type AgentHistory } from '../../shared/metrics/cohorts';

const first = daysFromCivil(2024, 1, 1);
const last = daysFromCivil(2025, 12, 31);
const monthOf = (day: number) => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const m = (year: number, month: number) => year * 12 + month - 1;
const agent = (patch: Partial<AgentHistory>): AgentHistory => ({
  key: 'a-1',
  role: 'agent',
  team: null,
  firstDay: first,
  lastDay: last,
  activeDays: 480,
  seconds: 480 * 8 * 3600,
  activeMonths: Array.from({ length: 24 }, (_, i) => m(2024, 1) + i),
  provisioned: true,
  ...patch,
});
const cohort = (a: AgentHistory, rules = DEFAULT_COHORT_RULES) => classifyAgent(a, rules, first, last, monthOf).cohort;

describe('cohort rules', () => {
  it('puts each kind of history in its cohort', () => {
    expect(cohort(agent({}))).toBe('full-time');
    expect(cohort(agent({ seconds: 480 * 4 * 3600 }))).toBe('part-time');
    expect(cohort(agent({ key: 'qa-test-7' }))).toBe('training');
    expect(cohort(agent({ firstDay: null, lastDay: null, activeDays: 0, seconds: 0, activeMonths: [] }))).toBe('dormant');
    expect(cohort(agent({ firstDay: daysFromCivil(2025, 12, 1), activeMonths: [m(2025, 12)] }))).toBe('new');
    expect(cohort(agent({ lastDay: daysFromCivil(2024, 9, 30), provisioned: false, activeMonths: Array.from({ length: 9 }, (_, i) => m(2024, 1) + i) }))).toBe('leaver');
  });

  it('keeps a seasonal agent seasonal between seasons, even with the account still provisioned', () => {
    const seasonal = agent({ lastDay: daysFromCivil(2025, 4, 30), activeMonths: [m(2024, 2), m(2024, 3), m(2024, 4), m(2025, 2), m(2025, 3), m(2025, 4)] });
    expect(cohort(seasonal)).toBe('seasonal');
    // Too many months a year to be seasonal: then the account idle since April is dormant.
    expect(cohort(seasonal, { ...DEFAULT_COHORT_RULES, seasonalMaxMonthsPerYear: 2 })).toBe('dormant');
  });

  it('treats a one-off window inside the data as seasonal, but not one cut by the data’s edges', () => {
    const window = [m(2024, 10), m(2024, 11), m(2024, 12)];
    expect(cohort(agent({ lastDay: daysFromCivil(2024, 12, 20), provisioned: false, activeMonths: window }))).toBe('seasonal');
    const atStart = [m(2024, 1), m(2024, 2)];
    expect(cohort(agent({ lastDay: daysFromCivil(2024, 2, 20), provisioned: false, activeMonths: atStart }))).toBe('leaver');
  });
});

import { describe, expect, it } from 'vitest';
import { blankScenario, checkScenario, monthOffset, nextSeason } from '../../renderer/src/features/planner/scenario-draft';

describe('planner scenario draft', () => {
  it('accepts the blank scenario and a tax-season hire', () => {
    expect(checkScenario(blankScenario()).issues).toEqual([]);
    const draft = { ...blankScenario('Tax'), hires: [{ agents: 60, from: '2026-02', to: '2026-04' }] };
    const check = checkScenario(draft);
    expect(check.scenario?.hires[0]).toMatchObject({ agents: 60, daysPerWeek: 5, hoursPerDay: 8, rampUpWeeks: 0 });
  });

  it('names the field of every problem, including months out of order', () => {
    const check = checkScenario({ ...blankScenario(''), hires: [{ agents: 60, from: '2026-04', to: '2026-02' }] });
    expect(check.issues.map((i) => i.path)).toEqual(['name']);
    const reversed = checkScenario({ ...blankScenario('x'), hires: [{ agents: 60, from: '2026-04', to: '2026-02' }] });
    expect(reversed.issues).toEqual([{ path: 'hires.0.to', message: 'the last month is before the first' }]);
    const empty = checkScenario({ ...blankScenario('x'), hires: [{ agents: Number.NaN, from: '', to: '2026-02' }] });
    expect(empty.issues.map((i) => i.path)).toEqual(['hires.0.agents', 'hires.0.from']);
  });

  it('offers the next February–April and month offsets across years', () => {
    expect(nextSeason('2026-01-01')).toEqual({ from: '2026-02', to: '2026-04' });
    expect(nextSeason('2026-02-01')).toEqual({ from: '2026-02', to: '2026-04' });
    expect(nextSeason('2026-03-01')).toEqual({ from: '2027-02', to: '2027-04' });
    expect(monthOffset('2025-11-01', 3)).toBe('2026-02');
  });
});

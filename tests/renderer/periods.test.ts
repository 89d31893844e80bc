import { describe, expect, it } from 'vitest';
import type { MonthlyPeriod } from '../../shared/contract';
import { createFormatters } from '../../renderer/src/lib/format';
import { cycleNoun, lastDay, monthsCovered, periodLabel, periodRange, periodsForRange, periodShortLabel, periodTick } from '../../renderer/src/lib/periods';
import { definitionIssues, friendlyIssue } from '../../renderer/src/features/rules/issues';
import { concurrencyParam, cycleParam, DEFAULT_RULES, hoursRoundingParam, isValidNumber, rulesRequest } from '../../renderer/src/store/rules-store';

const created = createFormatters('en-US', 'America/New_York', 'USD');
/** Intl puts thin spaces around the dash of a range; compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const format = { ...created, dayRange: (a: string, b: string) => plain(created.dayRange(a, b)) };

function period(start: string, end: string, activeAgents = 10): MonthlyPeriod {
  return {
    start,
    end,
    activeAgents,
    dailyActiveAvg: 0,
    dailyActiveMax: 0,
    agentDays: 0,
    peakConcurrent: 0,
    loggedInHours: 0,
    provisioned: 0,
    utilisation: null,
  };
}

const quarters = [
  period('2024-01-01', '2024-04-01'),
  period('2024-04-01', '2024-07-01'),
  period('2024-07-01', '2024-10-01'),
  period('2024-10-01', '2025-01-01'),
  period('2025-01-01', '2025-04-01'),
  period('2025-04-01', '2025-07-01'),
  period('2025-07-01', '2025-10-01'),
  period('2025-10-01', '2026-01-01'),
];

describe('period labels', () => {
  it('names a period after its cycle', () => {
    expect(periodLabel(period('2025-03-01', '2025-04-01'), 'month', format)).toBe('March 2025');
    expect(periodLabel(quarters[7]!, 'quarter', format)).toBe('Q4 2025');
    expect(periodLabel(period('2025-01-01', '2026-01-01'), 'year', format)).toBe('2025');
    expect(periodLabel(period('2025-11-15', '2025-12-15'), 'anchored', format)).toBe('Nov 15 – Dec 14, 2025');
    expect(periodLabel(period('2025-12-20', '2026-01-19'), 'rolling', format)).toBe('Dec 20, 2025 – Jan 18, 2026');
  });

  it('gives the exact days for tooltips and short names for comparisons', () => {
    expect(periodRange(quarters[0]!, format)).toBe('Jan 1 – Mar 31, 2024');
    expect(lastDay(period('2024-02-01', '2024-03-01'))).toBe('2024-02-29');
    expect(periodShortLabel(period('2025-11-01', '2025-12-01'), 'month', format)).toBe('Nov 2025');
    expect(periodShortLabel(period('2025-11-15', '2025-12-15'), 'anchored', format)).toBe('Nov 15, 2025');
  });

  it('labels axis ticks by the period start, with the year where it changes', () => {
    expect(periodTick('2025-01-01', '2024-10-01', 'quarter', format)).toEqual({ main: 'Q1', sub: '2025' });
    expect(periodTick('2025-04-01', '2025-01-01', 'quarter', format)).toEqual({ main: 'Q2', sub: null });
    expect(periodTick('2025-03-15', '2025-02-15', 'anchored', format)).toEqual({ main: 'Mar 15', sub: null });
    expect(periodTick('2025-03-15', null, 'anchored', format)).toEqual({ main: 'Mar 15', sub: '2025' });
    expect(periodTick('2025-06-01', '2025-05-01', 'month', format)).toEqual({ main: 'Jun', sub: null });
  });

  it('has a noun per cycle', () => {
    expect(cycleNoun('quarter', 4)).toBe('quarters');
    expect(cycleNoun('anchored')).toBe('cycle');
    expect(cycleNoun('rolling', 2)).toBe('windows');
  });
});

describe('date range over periods', () => {
  it('offers the months of the data, not of a cycle running past it', () => {
    const cycles = [period('2025-10-15', '2025-11-15'), period('2025-11-15', '2025-12-15'), period('2025-12-15', '2026-01-15')];
    // The last logout is early on Jan 1 (a night shift): nothing starts in January.
    expect(monthsCovered(cycles, '2026-01-01', 'anchored')).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(monthsCovered(quarters, '2026-01-01', 'quarter')).toHaveLength(24);
    expect(monthsCovered([period('2025-01-01', '2025-02-01'), period('2025-02-01', '2025-03-01')], null, 'month')).toEqual(['2025-01', '2025-02']);
  });

  it('selects the periods that start in the range, or those it overlaps when none does', () => {
    expect(periodsForRange(quarters, { from: '2025-01', to: '2025-12' }).map((p) => p.start)).toEqual([
      '2025-01-01',
      '2025-04-01',
      '2025-07-01',
      '2025-10-01',
    ]);
    expect(periodsForRange(quarters, { from: '2025-02', to: '2025-03' }).map((p) => p.start)).toEqual(['2025-01-01']);
    expect(periodsForRange(quarters, null)).toEqual([]);
  });
});

describe('counting rules as a request', () => {
  it('leaves defaults out', () => {
    expect(rulesRequest(DEFAULT_RULES)).toEqual({ cycle: 'month', concurrency: 'raw' });
  });

  it('spells every rule the way the contract expects', () => {
    const rules = {
      ...DEFAULT_RULES,
      cycle: 'anchored' as const,
      anchorDay: 15,
      concurrency: 'cumulative' as const,
      activity: 'Without supervisors',
      hoursRounding: 'increment' as const,
      provisionedAt: 'max' as const,
    };
    expect(rulesRequest(rules)).toEqual({
      cycle: 'anchored:15',
      concurrency: 'cumulative:30',
      activity: 'Without supervisors',
      hoursRounding: 'increment:15',
      provisionedAt: 'max',
    });
    expect(cycleParam({ ...DEFAULT_RULES, cycle: 'rolling', rollingDays: 28 })).toBe('rolling:28');
    expect(concurrencyParam({ ...DEFAULT_RULES, concurrency: 'sustained' })).toBe('sustained:15');
    expect(hoursRoundingParam({ ...DEFAULT_RULES, hoursRounding: 'ceil-total' })).toBe('ceil-total');
    expect(isValidNumber('anchorDay', 32)).toBe(false);
    expect(isValidNumber('cumulativeMinutes', 30)).toBe(true);
    expect(isValidNumber('rollingDays', 1.5)).toBe(false);
  });
});

describe('engine validation messages', () => {
  it('maps each issue to its field, in plain words', () => {
    const issues = definitionIssues({
      code: 'invalid-request',
      message:
        'Invalid request for definitions:save: name: a definition needs a name; minSessionMinutes: Too small: expected number to be >=0; excludeRoles.1: Too small: expected string to have >=1 characters',
    });
    expect(issues.fields).toEqual({ name: 'A definition needs a name.', minSessionMinutes: 'Enter 0 or more.', excludeRoles: 'Leave no empty values.' });
    expect(issues.general).toBeNull();
  });

  it('reads issues of a definition sent inline with a metrics request', () => {
    const issues = definitionIssues(
      { code: 'invalid-request', message: 'Invalid request for metrics:periods: activity.minActiveDays: Too small: expected number to be >=1' },
      'activity.',
    );
    expect(issues.fields).toEqual({ minActiveDays: 'Enter 1 or more.' });
  });

  it('puts the read-only refusal on the name and anything else above the form', () => {
    expect(definitionIssues({ code: 'read-only', message: 'It is built in.' }).fields.name).toBe('It is built in.');
    expect(definitionIssues({ code: 'internal', message: 'Disk full.' }).general).toBe('Disk full.');
    expect(friendlyIssue('Invalid input: expected int, received number')).toBe('Enter a whole number.');
    expect(friendlyIssue('Invalid input: expected number, received null')).toBe('Enter a number.');
  });
});

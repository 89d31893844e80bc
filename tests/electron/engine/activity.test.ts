import { describe, expect, it } from 'vitest';
import { call, csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

type Row = [agent: string, login: string, logout: string, role?: string, team?: string];

async function engineWith(rows: Row[]) {
  const engine = await freshEngine(dir);
  await engine.handlers['prefs:set']({ timeZone: 'UTC' });
  const text = csv('agent_id,login,logout,role,team', rows.map((r) => [r[0], r[1], r[2], r[3] ?? '', r[4] ?? ''].join(',')));
  const job = await importThroughJobs(engine, writeFile(dir, `a-${Math.random().toString(36).slice(2)}.csv`, text));
  expect(job.state, job.error?.message).toBe('done');
  return engine;
}

/** Sessions for `hours` logged-in hours spread over 8-hour days from a given day of May 2025. */
function hoursOf(agent: string, totalSeconds: number, firstDay: number): Row[] {
  const rows: Row[] = [];
  let left = totalSeconds;
  for (let d = firstDay; left > 0; d += 1) {
    const seconds = Math.min(left, 8 * 3600);
    const start = Date.parse(`2025-05-${String(d).padStart(2, '0')}T08:00:00Z`);
    rows.push([agent, new Date(start).toISOString(), new Date(start + seconds * 1000).toISOString()]);
    left -= seconds;
  }
  return rows;
}

describe('hours rounding', () => {
  it('licensing.md TC4: 112.23 h + 110.11 h = 222.34 h, billed as 223 with ceil-total', async () => {
    const engine = await engineWith([...hoursOf('user1', 112.23 * 3600, 1), ...hoursOf('user2', 110.11 * 3600, 1)]);
    const month = async (hoursRounding: string) =>
      (await engine.handlers['metrics:periods']({ hoursRounding })).periods.find((p) => p.start === '2025-05-01')!.loggedInHours;
    expect(await month('none')).toBe(222.34);
    expect(await month('ceil-total')).toBe(223);
  });

  it('per-session increments round each session up', async () => {
    const engine = await engineWith([
      ['a', '2025-06-02T08:00:00Z', '2025-06-02T08:01:00Z'],
      ['a', '2025-06-03T08:00:00Z', '2025-06-03T08:16:00Z'],
    ]);
    const [june] = (await engine.handlers['metrics:periods']({ hoursRounding: 'increment:15' })).periods;
    // 1 min → 15 min, 16 min → 30 min: 45 min.
    expect(june!.loggedInHours).toBe(0.75);
  });
});

describe('activity definitions', () => {
  const rows: Row[] = [
    ['ana', '2025-03-03T09:00:00Z', '2025-03-03T17:00:00Z', 'agent', 'Tax'],
    ['ana', '2025-03-04T09:00:00Z', '2025-03-04T17:00:00Z', 'agent', 'Tax'],
    ['ben', '2025-03-05T09:00:00Z', '2025-03-05T09:03:00Z', 'agent', 'Benefits'],
    ['sue', '2025-03-06T09:00:00Z', '2025-03-06T17:00:00Z', 'supervisor', 'Tax'],
    ['test.bot1', '2025-03-07T09:00:00Z', '2025-03-07T17:00:00Z', 'agent', 'QA'],
    // Starts in February, overlaps March.
    ['night', '2025-02-28T22:00:00Z', '2025-03-01T06:00:00Z', 'agent', 'Benefits'],
  ];

  it('applies basis, minimum session length, minimum active days and exclusions', async () => {
    const engine = await engineWith(rows);
    const march = async (activity?: { name: string; [k: string]: unknown } | string) =>
      (await call(engine, 'metrics:periods', { from: '2025-03-01', to: '2025-04-01', ...(activity ? { activity: activity as never } : {}) })).periods[0]!;
    expect((await march()).activeAgents).toBe(4);
    expect((await march({ name: 'overlap', basis: 'session-overlap' })).activeAgents).toBe(5);
    expect((await march({ name: '5 min', minSessionMinutes: 5 })).activeAgents).toBe(3);
    expect((await march({ name: '2 days', minActiveDays: 2 })).activeAgents).toBe(1);
    const excluding = await march({ name: 'agents only', excludeRoles: ['Supervisor'], excludeIdPatterns: ['test.*'] });
    expect(excluding.activeAgents).toBe(2);
    expect(excluding.dailyActiveMax).toBe(1);
    // Hours leave out the excluded accounts too: ana 16 h + ben 0.05 h + night's 6 h in March.
    expect(excluding.loggedInHours).toBe(22.05);
    expect((await march({ name: 'no QA', excludeTeams: ['qa'] })).activeAgents).toBe(3);
  });

  it('saves definitions by name with versions, and says which one produced the numbers', async () => {
    const engine = await engineWith(rows);
    const first = await call(engine, 'definitions:save', { name: 'Billable', excludeRoles: ['supervisor'] });
    expect(first.version).toBe(1);
    expect((await call(engine, 'definitions:save', { name: 'Billable', excludeRoles: ['supervisor'] })).version).toBe(1);
    const second = await call(engine, 'definitions:save', { name: 'Billable', excludeRoles: ['supervisor'], minSessionMinutes: 5 });
    expect(second.version).toBe(2);
    const metrics = await engine.handlers['metrics:periods']({ activity: 'Billable', from: '2025-03-01', to: '2025-04-01' });
    expect(metrics.activityDefinition).toMatchObject({ name: 'Billable', version: 2, minSessionMinutes: 5 });
    expect(metrics.definitions.activity).toContain('at least 5 min');
    expect(metrics.periods[0]!.activeAgents).toBe(2);
    expect((await engine.handlers['definitions:list']({})).map((d) => d.name)).toEqual(['Logged in during the period', 'Billable']);
    await expect(call(engine, 'metrics:periods', { activity: 'Nope' })).rejects.toThrow(/no activity definition named "Nope"/);
    await expect(call(engine, 'definitions:delete', { name: 'Logged in during the period' })).rejects.toThrow(/built in/);
    expect(await engine.handlers['definitions:delete']({ name: 'Billable' })).toEqual({ name: 'Billable' });
  });

  it('breaks counts down by team and lists the active agents for audit', async () => {
    const engine = await engineWith(rows);
    const march = (await engine.handlers['metrics:periods']({ from: '2025-03-01', to: '2025-04-01', groupBy: 'team' })).periods[0]!;
    expect(march.groups).toEqual([
      { group: 'Benefits', activeAgents: 1, dailyActiveMax: 1, agentDays: 1, loggedInHours: 6.05 },
      { group: 'QA', activeAgents: 1, dailyActiveMax: 1, agentDays: 1, loggedInHours: 8 },
      { group: 'Tax', activeAgents: 2, dailyActiveMax: 1, agentDays: 3, loggedInHours: 24 },
    ]);
    const audit = await engine.handlers['metrics:agents']({ from: '2025-03-01', to: '2025-04-01' });
    expect(audit.agents.map((a) => [a.agent, a.firstActivity, a.lastActivity, a.activeDays, a.sessions])).toEqual([
      ['ana', '2025-03-03', '2025-03-04', 2, 2],
      ['ben', '2025-03-05', '2025-03-05', 1, 1],
      ['sue', '2025-03-06', '2025-03-06', 1, 1],
      ['test.bot1', '2025-03-07', '2025-03-07', 1, 1],
    ]);
  });
});

describe('provisioned accounts from the roster', () => {
  it('counts at start, end, max and daily average, and utilisation = active ÷ provisioned', async () => {
    const engine = await engineWith([['a', '2025-04-02T09:00:00Z', '2025-04-02T10:00:00Z']]);
    const db = engine.db;
    const agentId = (key: string) => (db.prepare("INSERT INTO agent (external_key) VALUES (?) ON CONFLICT DO UPDATE SET external_key = excluded.external_key RETURNING id").get(key) as { id: number }).id;
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const roster = db.prepare("INSERT INTO roster (agent_id, created_day, deactivated_day, source) VALUES (?, ?, ?, 'test')");
    roster.run(agentId('a'), day('2025-01-01'), null);
    roster.run(agentId('b'), day('2025-04-11'), null); // joins on the 11th
    roster.run(agentId('c'), day('2025-01-01'), day('2025-04-21')); // gone from the 21st
    const april = async (provisionedAt: 'start' | 'end' | 'max' | 'daily-average') =>
      (await engine.handlers['metrics:periods']({ provisionedAt, from: '2025-04-01', to: '2025-05-01' })).periods[0]!;
    expect((await april('start')).provisioned).toBe(2);
    expect((await april('end')).provisioned).toBe(2);
    expect((await april('max')).provisioned).toBe(3);
    // 10 days × 2, 10 days × 3, 10 days × 2 = 70 / 30.
    expect((await april('daily-average')).provisioned).toBe(2.33);
    expect((await april('end')).utilisation).toBe(0.5);
  });
});

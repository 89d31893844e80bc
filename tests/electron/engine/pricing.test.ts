import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_ROSTER_NOTE } from '../../../shared/pricing';
import { call, csv, freshEngine, importThroughJobs, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const templatesDir = join(repoRoot, 'resources', 'plans');
const templates = readdirSync(templatesDir).filter((f) => f.endsWith('.json'));

describe('every bundled plan template prices the demo data', () => {
  it('through the engine, month by month, with totals equal to the sum of their lines', async () => {
    const engine = await freshEngine(dir, { loadDemo: true });
    const plans = templates.map((file) => JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as unknown);
    const report = await call(engine, 'pricing:project', { plans, from: '2024-01-01', to: '2026-01-01' });
    expect(report.plans).toHaveLength(templates.length);
    for (const plan of report.plans) {
      expect(plan.periods, plan.name).toHaveLength(24);
      expect(plan.totalCents, plan.name).toBe(plan.periods.reduce((sum, p) => sum + p.totalCents, 0));
      for (const period of plan.periods) {
        expect(period.totalCents, `${plan.name} ${period.start}`).toBe(period.lines.reduce((sum, l) => sum + l.amountCents, 0));
        expect(Number.isInteger(period.totalCents)).toBe(true);
      }
      expect(plan.totalCents, plan.name).toBeGreaterThan(0);
    }
    const listed = await call(engine, 'plans:templates', {});
    expect(listed.map((t) => t.file)).toEqual([...templates].sort());
  }, 60_000);

  it('says so when a seat plan is priced without a roster, and not once a roster exists', async () => {
    const plan = JSON.parse(readFileSync(join(templatesDir, 'generic-named-seat.json'), 'utf8')) as unknown;
    const bare = await freshEngine(dir);
    const job = await importThroughJobs(bare, writeFile(dir, 'no-roster.csv', csv('agent_id,login,logout', ['a,2025-01-06T14:00:00Z,2025-01-06T22:00:00Z'])));
    expect(job.state).toBe('done');
    const withoutRoster = await call(bare, 'pricing:project', { plans: [plan] });
    expect(withoutRoster.plans[0]!.notes).toContain(NO_ROSTER_NOTE);
    const demo = await freshEngine(dir, { loadDemo: true });
    // The demo roster has accounts that never logged in: the app's agent count is the agents with sessions.
    const withSessions = (demo.db.prepare('SELECT COUNT(DISTINCT agent_id) AS n FROM session').get() as { n: number }).n;
    expect((await call(demo, 'app:info', {})).agentCount).toBe(withSessions);
    expect((demo.db.prepare('SELECT COUNT(*) AS n FROM agent').get() as { n: number }).n).toBeGreaterThan(withSessions);
    const withRoster = await call(demo, 'pricing:project', { plans: [plan], from: '2025-01-01', to: '2025-02-01' });
    expect(withRoster.plans[0]!.notes).not.toContain(NO_ROSTER_NOTE);
    expect(withRoster.plans[0]!.totalCents).toBeGreaterThan(0);
  });

  it('refuses an invalid plan with its position and JSON path', async () => {
    const engine = await freshEngine(dir);
    await expect(call(engine, 'pricing:project', { plans: [{ formatVersion: 1, name: 'x' }] })).rejects.toThrow(/plan-invalid: Plan 1: .*\$\./);
  });
});

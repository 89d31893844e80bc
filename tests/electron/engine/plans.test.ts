import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/connection';
import { planStore } from '../../../electron/engine/plans';
import { parsePlan, priceAll, projectionReport, type PricingPeriod } from '../../../shared/pricing';
import { call, csv, freshEngine, importThroughJobs, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();
const template = (file: string) => JSON.parse(readFileSync(join(repoRoot, 'resources', 'plans', file), 'utf8')) as Record<string, unknown>;
const namedSeat = template('generic-named-seat.json');

describe('saved plans (plans:* methods, table plan)', () => {
  it('starts empty: nothing is seeded on a fresh database', async () => {
    const engine = await freshEngine(dir);
    expect(await call(engine, 'plans:list', {})).toEqual([]);
  });

  it('saves, lists, updates with optimistic concurrency and refuses a stale version', async () => {
    const engine = await freshEngine(dir);
    const created = await call(engine, 'plans:save', { plan: namedSeat });
    expect(created).toMatchObject({ name: 'Generic named seat', isCurrent: false, version: 1 });
    expect(created.plan.charges[0]!.price).toEqual({ model: 'per-unit', unitPrice: '100.00' });

    const edited = structuredClone(created.plan);
    edited.name = 'Named seat (our quote)';
    edited.charges[0]!.price = { model: 'per-unit', unitPrice: '87.50' };
    const saved = await call(engine, 'plans:save', { id: created.id, version: 1, plan: edited });
    expect(saved).toMatchObject({ id: created.id, name: 'Named seat (our quote)', version: 2 });
    expect(saved.plan.charges[0]!.price).toEqual({ model: 'per-unit', unitPrice: '87.50' });

    // Saving the same content again does not bump the version.
    expect((await call(engine, 'plans:save', { id: created.id, version: 2, plan: edited })).version).toBe(2);

    // A second editor still holding version 1 is refused, and nothing changes.
    await expect(call(engine, 'plans:save', { id: created.id, version: 1, plan: namedSeat })).rejects.toThrow(
      /^conflict: "Named seat \(our quote\)" was changed elsewhere .*now version 2, you edited version 1/,
    );
    await expect(call(engine, 'plans:save', { id: created.id, plan: namedSeat })).rejects.toThrow(/invalid-request: .*version: give the version you loaded/);
    const listed = await call(engine, 'plans:list', {});
    expect(listed.map((p) => [p.id, p.name, p.version])).toEqual([[created.id, 'Named seat (our quote)', 2]]);
  });

  it('refuses an invalid plan with the JSON path and the reason, writing nothing', async () => {
    const engine = await freshEngine(dir);
    const bad = structuredClone(namedSeat) as { charges: Array<{ price: unknown }> };
    bad.charges[0]!.price = { model: 'per-unit', unitPrice: '-5' };
    await expect(call(engine, 'plans:save', { plan: bad })).rejects.toThrow(
      /^plan-invalid: The plan was not saved: Invalid plan: \$\.charges\[0\]\.price\.unitPrice: expected a non-negative amount/,
    );
    await expect(call(engine, 'plans:import', { text: '{"formatVersion": 1,', fileName: 'broken.json' })).rejects.toThrow(
      /^plan-invalid: broken\.json was not imported\. Invalid plan: \$: not valid JSON/,
    );
    await expect(call(engine, 'plans:import', { text: JSON.stringify({ ...namedSeat, formatVersion: 2 }) })).rejects.toThrow(
      /\$\.formatVersion: this plan uses format version 2; this Seatcast reads version 1/,
    );
    expect(await call(engine, 'plans:list', {})).toEqual([]);
  });

  it('imports a plan file and exports the same plan as the documented JSON text', async () => {
    const engine = await freshEngine(dir);
    const text = readFileSync(join(repoRoot, 'resources', 'plans', 'platform28-active-user.json'), 'utf8');
    const imported = await call(engine, 'plans:import', { text, fileName: 'platform28-active-user.json' });
    expect(imported.name).toBe(JSON.parse(text).name);
    const exported = await call(engine, 'plans:export', { id: imported.id });
    expect(exported.fileName).toMatch(/^[a-z0-9-]+\.json$/);
    expect(exported.text.endsWith('}\n')).toBe(true);
    // Round trip: importing the export gives an identical plan.
    const again = await call(engine, 'plans:import', { text: exported.text });
    expect(again.plan).toEqual(imported.plan);
    expect(again.id).not.toBe(imported.id);
  });

  it('marks exactly one plan current, and none on request', async () => {
    const engine = await freshEngine(dir);
    const a = await call(engine, 'plans:save', { plan: namedSeat });
    const b = await call(engine, 'plans:save', { plan: template('platform28-active-user.json') });
    let listed = await call(engine, 'plans:set-current', { id: a.id });
    expect(listed.filter((p) => p.isCurrent).map((p) => p.id)).toEqual([a.id]);
    listed = await call(engine, 'plans:set-current', { id: b.id });
    expect(listed.filter((p) => p.isCurrent).map((p) => p.id)).toEqual([b.id]);
    listed = await call(engine, 'plans:set-current', { id: null });
    expect(listed.filter((p) => p.isCurrent)).toEqual([]);
    await expect(call(engine, 'plans:set-current', { id: 999 })).rejects.toThrow(/^not-found: There is no saved plan #999/);
  });

  it('deletes with undo: restore brings back the id and the current mark unless another plan took it', async () => {
    const engine = await freshEngine(dir);
    const a = await call(engine, 'plans:save', { plan: namedSeat });
    const b = await call(engine, 'plans:save', { plan: template('generic-concurrent-seat.json') });
    await call(engine, 'plans:set-current', { id: a.id });

    expect(await call(engine, 'plans:delete', { id: a.id })).toEqual({ id: a.id, name: 'Generic named seat' });
    expect((await call(engine, 'plans:list', {})).map((p) => p.id)).toEqual([b.id]);
    await expect(call(engine, 'plans:export', { id: a.id })).rejects.toThrow(/not-found/);
    const restored = await call(engine, 'plans:restore', { id: a.id });
    expect(restored).toMatchObject({ id: a.id, isCurrent: true, version: 1 });

    await call(engine, 'plans:delete', { id: a.id });
    await call(engine, 'plans:set-current', { id: b.id });
    expect((await call(engine, 'plans:restore', { id: a.id })).isCurrent).toBe(false);
    expect((await call(engine, 'plans:list', {})).filter((p) => p.isCurrent).map((p) => p.id)).toEqual([b.id]);
    await expect(call(engine, 'plans:restore', { id: a.id })).rejects.toThrow(/^not-found: Plan #\d+ cannot be restored/);
  });

  it('purges deleted plans after the undo window', () => {
    const db = openDatabase(join(dir, 'purge.db'));
    let clock = 1_700_000_000_000;
    const store = planStore(db, () => clock);
    const a = store.save({ plan: namedSeat });
    const b = store.save({ plan: namedSeat });
    store.remove(a.id);
    clock += 25 * 60 * 60 * 1000;
    store.remove(b.id);
    const rows = db.prepare('SELECT id FROM plan ORDER BY id').all() as Array<{ id: number }>;
    expect(rows.map((r) => r.id)).toEqual([b.id]);
    expect(() => store.restore(a.id)).toThrow(/cannot be restored/);
    expect(store.restore(b.id).id).toBe(b.id);
    expect(store.list()[0]!.createdAt).toBe(new Date(1_700_000_000_000).toISOString());
    db.close();
  });
});

describe('pricing:inputs', () => {
  it('gives the counts pricing:project prices, so the window can re-price locally to the same cent', async () => {
    const engine = await freshEngine(dir);
    const file = writeFile(dir, 'inputs.csv', csv('agent_id,login,logout', [
      'a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
      'b,2025-03-03T15:00:00Z,2025-03-03T23:00:00Z',
      'c,2025-03-04T14:00:00Z,2025-03-04T16:30:00Z',
      'a,2025-04-03T14:00:00Z,2025-04-03T22:00:00Z',
    ]));
    expect((await importThroughJobs(engine, file, 'UTC')).state).toBe('done');
    const plans = ['genesys-cloud-cx1-concurrent.json', 'platform28-active-user.json', 'genesys-cloud-hourly.json'].map(template);
    const request = { plans, from: '2025-03-01', to: '2025-05-01', timeZone: 'UTC' };
    const inputs = await call(engine, 'pricing:inputs', request);
    expect(inputs.periods.map((p) => p.start)).toEqual(['2025-03-01', '2025-04-01']);
    expect(inputs.periods[0]).toMatchObject({ activeAgents: 3, peakConcurrent: 2 });
    const local = projectionReport(priceAll(plans.map((p) => { const r = parsePlan(p); if (!r.ok) throw new Error(r.message); return r.plan; }), inputs.periods as PricingPeriod[]));
    const remote = await call(engine, 'pricing:project', request);
    expect(local.plans.map((p) => p.totalCents)).toEqual(remote.plans.map((p) => p.totalCents));
    expect(JSON.parse(JSON.stringify(local))).toEqual(JSON.parse(JSON.stringify(remote)));
    await expect(call(engine, 'pricing:inputs', { plans: [{}] })).rejects.toThrow(/^plan-invalid: Plan 1: Invalid plan: \$\.formatVersion/);
  });
});

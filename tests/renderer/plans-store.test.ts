/**
 * The Plans store against a real engine: the API client is replaced by in-process calls through
 * the same dispatch every transport uses, so these are the store's real round trips.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { dispatch } from '../../shared/dispatch';
import { csv, freshEngine, importThroughJobs, tempDir, writeFile } from '../support/engine-fixtures';

let engine: Engine;

vi.mock('../../renderer/src/api/client', () => ({
  api: new Proxy(
    {},
    { get: (_, method: string) => (request: unknown) => dispatch(engine.handlers, method, request) },
  ),
}));

const { usePlans } = await import('../../renderer/src/store/plans-store');
const { useUi } = await import('../../renderer/src/store/ui-store');
const { priceSeries } = await import('../../shared/pricing/engine');

const dir = tempDir();

beforeAll(async () => {
  engine = await freshEngine(dir);
  const file = writeFile(dir, 'logins.csv', csv('agent_id,login,logout', [
    'a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
    'b,2025-03-03T15:00:00Z,2025-03-03T23:00:00Z',
    'c,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z',
    'a,2025-04-07T14:00:00Z,2025-04-07T22:00:00Z',
  ]));
  expect((await importThroughJobs(engine, file, 'UTC')).state).toBe('done');
});

describe('plans store', () => {
  it('loads no plans and every valid template, creates, edits with versions, marks current, deletes with undo', async () => {
    const store = usePlans.getState();
    await store.load();
    expect(usePlans.getState().status).toBe('ready');
    expect(usePlans.getState().saved).toEqual([]);
    expect(usePlans.getState().templates).toHaveLength(11);

    usePlans.getState().newFromTemplate('platform28-active-user.json');
    const draft = usePlans.getState().draft!;
    expect(draft).toMatchObject({ id: null, version: null, dirty: true });
    const created = await usePlans.getState().saveDraft();
    expect(created).toMatchObject({ name: 'Platform28-style active user', version: 1 });
    expect(usePlans.getState().draft).toMatchObject({ id: created!.id, version: 1, dirty: false });

    // Change the price and save: version 2, the new price stored.
    const value = structuredClone(usePlans.getState().draft!.value) as { charges: Array<{ price: { unitPrice: string } }> };
    value.charges[0]!.price.unitPrice = '60.00';
    usePlans.getState().setDraft(value);
    expect(usePlans.getState().draft!.dirty).toBe(true);
    const second = await usePlans.getState().saveDraft();
    expect(second).toMatchObject({ id: created!.id, version: 2 });
    expect(usePlans.getState().saved.map((p) => [p.name, p.version, p.plan.charges[0]!.price])).toEqual([
      ['Platform28-style active user', 2, { model: 'per-unit', unitPrice: '60.00' }],
    ]);

    await usePlans.getState().setCurrent(created!.id);
    expect(usePlans.getState().saved[0]!.isCurrent).toBe(true);

    // The counts for these plans, priced in the window: 3 active in March, 1 in April at $60.
    await usePlans.getState().ensureInputs(usePlans.getState().saved.map((p) => p.plan), 'v1');
    const inputs = usePlans.getState().inputs!;
    expect(inputs.periods.map((p) => [p.start, p.activeAgents])).toEqual([['2025-03-01', 3], ['2025-04-01', 1]]);
    const bill = priceSeries(usePlans.getState().saved[0]!.plan, inputs.periods);
    expect(bill.periods.map((p) => p.totalCents)).toEqual([18_000, 6_000]);
    expect(bill.totalCents).toBe(24_000);

    usePlans.getState().closeDraft();
    await usePlans.getState().remove(usePlans.getState().saved[0]!);
    expect(usePlans.getState().saved).toEqual([]);
    const toast = useUi.getState().toasts.at(-1)!;
    expect(toast.title).toBe('Deleted “Platform28-style active user”');
    toast.action!.run();
    await vi.waitFor(() => expect(usePlans.getState().saved.map((p) => [p.id, p.isCurrent])).toEqual([[created!.id, true]]));
  });

  it('refuses a stale save and an invalid import with the engine’s message', async () => {
    const [plan] = usePlans.getState().saved;
    usePlans.getState().edit(plan!.id);
    // Someone else saves meanwhile (another window).
    const other = structuredClone(plan!.plan);
    other.name = 'Renamed elsewhere';
    await dispatch(engine.handlers, 'plans:save', { id: plan!.id, version: plan!.version, plan: other });
    usePlans.getState().setDraft({ ...(usePlans.getState().draft!.value as object), name: 'Mine' });
    expect(await usePlans.getState().saveDraft()).toBeNull();
    expect(useUi.getState().toasts.at(-1)).toMatchObject({ kind: 'error', title: 'The plan was not saved', message: expect.stringMatching(/was changed elsewhere/) });

    expect(await usePlans.getState().importText('{"formatVersion":1,"name":""}', 'bad.json')).toBeNull();
    expect(useUi.getState().toasts.at(-1)!.message).toMatch(/^bad\.json was not imported\. Invalid plan: \$\.name: /);
  });
});

import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EngineStartError,
  startEngineClient,
  type EngineWorkerData,
  type WorkerPort,
} from '../../../electron/main/engine-client';
import { fail, ok } from '../../../shared/result';
import { FakeWorker, flushMicrotasks } from '../../fakes/worker';

const workerData: EngineWorkerData = { databasePath: '/tmp/seatcast.db', resourcesDir: '/app/resources', runtime: 'desktop' };

function start(onUnexpectedExit?: (error: { code: string; message: string }) => void) {
  FakeWorker.reset();
  const client = startEngineClient(FakeWorker, { workerPath: '/app/dist/electron/engine-worker.cjs', workerData, onUnexpectedExit });
  const worker = FakeWorker.instances[0]!;
  return { client, worker };
}

describe('startEngineClient', () => {
  it('starts one worker with the given path and workerData, its young generation held small (it imports files)', () => {
    const { worker } = start();
    expect(FakeWorker.instances).toHaveLength(1);
    expect(worker.filename).toBe('/app/dist/electron/engine-worker.cjs');
    expect(worker.options).toEqual({ workerData, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
  });

  it('resolves ready on {type: "ready"}', async () => {
    const { client, worker } = start();
    worker.sendReady();
    await expect(client.ready).resolves.toBeUndefined();
  });

  it('holds calls until the worker is ready, then posts {id, method, request}', async () => {
    const { client, worker } = start();
    const pending = client.call('app:info', {});
    await flushMicrotasks();
    expect(worker.posted).toEqual([]);
    worker.sendReady();
    await flushMicrotasks();
    expect(worker.posted).toEqual([{ id: 1, method: 'app:info', request: {} }]);
    worker.reply(1, ok({ version: '1' }));
    await expect(pending).resolves.toEqual(ok({ version: '1' }));
  });

  it('matches answers to calls by id, in whatever order they come back', async () => {
    const { client, worker } = start();
    worker.sendReady();
    const first = client.call('jobs:get', { jobId: 'a' });
    const second = client.call('jobs:get', { jobId: 'b' });
    await flushMicrotasks();
    const [a, b] = worker.posted;
    expect(a!.id).not.toBe(b!.id);
    worker.reply(b!.id, ok('second'));
    worker.reply(a!.id, ok('first'));
    await expect(first).resolves.toEqual(ok('first'));
    await expect(second).resolves.toEqual(ok('second'));
  });

  it('passes engine errors through unchanged', async () => {
    const { client, worker } = start();
    worker.sendReady();
    worker.autoRespond = () => fail('not-found', 'No such import.');
    await expect(client.call('imports:undo', { importId: 9 })).resolves.toEqual(fail('not-found', 'No such import.'));
  });

  it('ignores malformed messages and answers for unknown ids', async () => {
    const { client, worker } = start();
    worker.sendReady();
    const pending = client.call('app:info', {});
    await flushMicrotasks();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    worker.emit('message', 'hello');
    worker.emit('message', { id: 1, result: { ok: 'yes' } });
    worker.emit('message', { id: 1 });
    worker.reply(999, ok('stray'));
    warn.mockRestore();
    worker.reply(1, ok('real'));
    await expect(pending).resolves.toEqual(ok('real'));
  });

  it('surfaces a fatal start error: ready rejects with the AppError and calls answer with it', async () => {
    const { client, worker } = start();
    const early = client.call('app:info', {});
    worker.sendFatal('database-too-new', 'This database was written by a newer Seatcast (schema 9).');
    await expect(client.ready).rejects.toBeInstanceOf(EngineStartError);
    await expect(client.ready).rejects.toMatchObject({
      appError: { code: 'database-too-new', message: 'This database was written by a newer Seatcast (schema 9).' },
    });
    await expect(early).resolves.toEqual(fail('database-too-new', 'This database was written by a newer Seatcast (schema 9).'));
    await expect(client.call('prefs:get', {})).resolves.toMatchObject({ ok: false, error: { code: 'database-too-new' } });
    expect(worker.posted).toEqual([]);
  });

  it('fails ready if the worker exits before it is ready', async () => {
    const { client, worker } = start();
    worker.crash(1);
    await expect(client.ready).rejects.toMatchObject({ appError: { code: 'engine-stopped' } });
  });

  it('answers pending calls with an error when the worker dies, and reports it once', async () => {
    const onUnexpectedExit = vi.fn();
    const { client, worker } = start(onUnexpectedExit);
    worker.sendReady();
    const pending = client.call('metrics:monthly', {});
    await flushMicrotasks();
    worker.emit('error', new Error('out of memory'));
    worker.crash(1);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'engine-crashed' } });
    await expect(client.call('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'engine-crashed' } });
    expect(onUnexpectedExit).toHaveBeenCalledTimes(1);
    expect(onUnexpectedExit.mock.calls[0]![0].message).toContain('out of memory');
  });

  it('terminate stops the worker and answers pending calls, without reporting a crash', async () => {
    const onUnexpectedExit = vi.fn();
    const { client, worker } = start(onUnexpectedExit);
    worker.sendReady();
    const pending = client.call('imports:list', {});
    await flushMicrotasks();
    await client.terminate();
    await flushMicrotasks();
    expect(worker.terminated).toBe(true);
    await expect(pending).resolves.toEqual(fail('engine-stopped', 'Seatcast is closing.'));
    await expect(client.call('imports:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'engine-stopped' } });
    expect(onUnexpectedExit).not.toHaveBeenCalled();
  });

  it('answers invalid-request when the request cannot be sent to the worker', async () => {
    const { client, worker } = start();
    worker.sendReady();
    worker.postMessage = () => {
      throw new Error('function could not be cloned');
    };
    await expect(client.call('prefs:set', { theme: () => 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});

describe('startEngineClient with a real worker thread', () => {
  const running: WorkerPort[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((worker) => worker.terminate()));
  });

  // A stand-in engine, evaluated from source, speaking the documented protocol.
  const ECHO_ENGINE = `
    const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage({ type: 'ready' });
    parentPort.on('message', ({ id, method, request }) => {
      if (method === 'crash') process.exit(3);
      parentPort.postMessage({ id, result: { ok: true, value: { method, request, databasePath: workerData.databasePath } } });
    });
  `;

  class SourceWorker extends Worker {
    constructor(source: string, options: { workerData: EngineWorkerData; resourceLimits?: { maxYoungGenerationSizeMb?: number } }) {
      super(source, { ...options, eval: true });
      running.push(this);
    }
  }

  it('round-trips calls through worker_threads and notices the thread exiting', async () => {
    const onUnexpectedExit = vi.fn();
    const client = startEngineClient(SourceWorker, { workerPath: ECHO_ENGINE, workerData, onUnexpectedExit });
    await client.ready;
    await expect(client.call('app:info', {})).resolves.toEqual(
      ok({ method: 'app:info', request: {}, databasePath: '/tmp/seatcast.db' }),
    );
    await expect(client.call('crash', {})).resolves.toMatchObject({ ok: false, error: { code: 'engine-stopped' } });
    expect(onUnexpectedExit).toHaveBeenCalledTimes(1);
    expect(onUnexpectedExit.mock.calls[0]![0].message).toContain('exit code 3');
  });
});

/**
 * A fake `worker_threads.Worker` for the engine client and the app start-up tests. It records what
 * the main process posted and lets a test answer as the engine worker would.
 */
import { EventEmitter } from 'node:events';
import type { EngineWorkerData } from '../../electron/main/engine-client';
import type { Result } from '../../shared/result';

export interface PostedCall {
  id: number;
  method: string;
  request: unknown;
}

export class FakeWorker extends EventEmitter {
  static readonly instances: FakeWorker[] = [];
  readonly posted: PostedCall[] = [];
  terminated = false;
  /** When set, answers every call automatically (after a microtask, like a real thread would). */
  autoRespond: ((call: PostedCall) => Result<unknown>) | undefined;

  constructor(
    readonly filename: string,
    readonly options: { workerData: EngineWorkerData },
  ) {
    super();
    FakeWorker.instances.push(this);
  }

  postMessage(message: unknown): void {
    const call = message as PostedCall;
    this.posted.push(call);
    if (this.autoRespond) {
      const result = this.autoRespond(call);
      queueMicrotask(() => this.reply(call.id, result));
    }
  }

  terminate(): Promise<number> {
    this.terminated = true;
    queueMicrotask(() => this.emit('exit', 1));
    return Promise.resolve(1);
  }

  // ---- the engine's side ----
  sendReady(): void {
    this.emit('message', { type: 'ready' });
  }
  sendFatal(code: string, message: string): void {
    this.emit('message', { type: 'fatal', error: { code, message } });
  }
  reply(id: number, result: Result<unknown>): void {
    this.emit('message', { id, result });
  }
  crash(exitCode = 1): void {
    this.emit('exit', exitCode);
  }

  static reset(): void {
    FakeWorker.instances.length = 0;
  }
}

/** Lets the promise queue drain so chained `then`s and posted messages have run. */
export async function flushMicrotasks(times = 10): Promise<void> {
  for (let index = 0; index < times; index += 1) await Promise.resolve();
}

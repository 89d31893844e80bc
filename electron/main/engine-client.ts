/**
 * The main process's handle on the engine worker (SQLite, imports, metrics).
 *
 * The engine runs in a worker thread so a long import or query never freezes the window. This
 * client turns the worker's message protocol into `call(method, request) → Promise<Result>` and
 * makes sure no caller waits forever: if the worker fails to open the database or dies, every
 * pending and future call answers with an error the UI can show.
 */
import type { AppError, Result } from '../../shared/result';
import { fail } from '../../shared/result';
import { FILE_THREAD_LIMITS } from '../engine/file-thread-limits';

/** What the worker receives as `workerData`. */
export interface EngineWorkerData {
  databasePath: string;
  resourcesDir: string;
  runtime: 'desktop';
}

/** The slice of `worker_threads.Worker` the client uses. */
export interface WorkerPort {
  postMessage(message: unknown): void;
  on(event: 'message' | 'error' | 'exit', listener: (...args: any[]) => void): unknown;
  terminate(): Promise<number>;
}

export type WorkerConstructor = new (filename: string, options: { workerData: EngineWorkerData; resourceLimits?: { maxYoungGenerationSizeMb?: number } }) => WorkerPort;

export interface EngineClientOptions {
  workerPath: string;
  workerData: EngineWorkerData;
  /** Called once if the worker stops after it was ready, without `terminate()` being asked for. */
  onUnexpectedExit?: (error: AppError) => void;
}

export interface EngineClient {
  /** Resolves when the worker opened the database; rejects with `EngineStartError` otherwise. */
  readonly ready: Promise<void>;
  call(method: string, request: unknown): Promise<Result<unknown>>;
  /** Stops the worker; pending calls answer `engine-stopped`. */
  terminate(): Promise<void>;
}

/** Carries the worker's own AppError, so the dialog shows its message unchanged. */
export class EngineStartError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'EngineStartError';
  }
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; error: AppError }
  | { id: number; result: Result<unknown> };

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).code === 'string' &&
    typeof (value as AppError).message === 'string'
  );
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && isAppError(candidate.error);
}

function parseWorkerMessage(message: unknown): WorkerMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const candidate = message as Record<string, unknown>;
  if (candidate.type === 'ready') return { type: 'ready' };
  if (candidate.type === 'fatal') {
    const error = isAppError(candidate.error)
      ? candidate.error
      : { code: 'engine-failed', message: 'The Seatcast engine could not start.' };
    return { type: 'fatal', error };
  }
  if (typeof candidate.id === 'number' && isResult(candidate.result)) {
    return { id: candidate.id, result: candidate.result };
  }
  return null;
}

export function startEngineClient(Worker: WorkerConstructor, options: EngineClientOptions): EngineClient {
  // The engine imports files: its young generation held small (see FILE_THREAD_LIMITS).
  const worker = new Worker(options.workerPath, { workerData: options.workerData, resourceLimits: FILE_THREAD_LIMITS });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  /** Set once the worker can no longer answer: every call gets this error from then on. */
  let stoppedWith: AppError | undefined;
  let terminating = false;
  let isReady = false;
  let reportedUnexpectedStop = false;

  let markReady!: () => void;
  let markFailed!: (error: EngineStartError) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  // Callers observe `ready` through `call`; this keeps an unobserved rejection from being reported
  // as unhandled when the app shuts down before anyone awaited it.
  ready.catch(() => undefined);

  const stop = (error: AppError) => {
    stoppedWith ??= error;
    for (const resolve of pending.values()) resolve(fail(stoppedWith.code, stoppedWith.message));
    pending.clear();
  };

  /** A worker that was serving and then died: tell the shell once, whatever the cause. */
  const reportUnexpectedStop = (error: AppError) => {
    if (!isReady || terminating || reportedUnexpectedStop) return;
    reportedUnexpectedStop = true;
    options.onUnexpectedExit?.(error);
  };

  worker.on('message', (raw: unknown) => {
    const message = parseWorkerMessage(raw);
    if (!message) {
      console.warn('Seatcast engine sent a message the shell does not understand; ignoring it.');
      return;
    }
    if ('type' in message) {
      if (message.type === 'ready') {
        isReady = true;
        markReady();
      } else {
        stop(message.error);
        markFailed(new EngineStartError(message.error));
      }
      return;
    }
    const resolve = pending.get(message.id);
    if (!resolve) return;
    pending.delete(message.id);
    resolve(message.result);
  });

  worker.on('error', (error: unknown) => {
    // An uncaught exception inside the worker; `exit` follows, but the message is more useful.
    const detail = error instanceof Error ? error.message : String(error);
    const appError = {
      code: 'engine-crashed',
      message: `The Seatcast engine stopped because of an internal error: ${detail}. Restart Seatcast; your data is safe.`,
    };
    if (!isReady) markFailed(new EngineStartError(appError));
    stop(appError);
    reportUnexpectedStop(appError);
  });

  worker.on('exit', (exitCode: number) => {
    const appError = terminating
      ? { code: 'engine-stopped', message: 'Seatcast is closing.' }
      : {
          code: 'engine-stopped',
          message: `The Seatcast engine stopped unexpectedly (exit code ${exitCode}). Restart Seatcast; your data is safe.`,
        };
    if (!isReady) markFailed(new EngineStartError(stoppedWith ?? appError));
    stop(appError);
    reportUnexpectedStop(stoppedWith ?? appError);
  });

  const call = async (method: string, request: unknown): Promise<Result<unknown>> => {
    // Waiting for `ready` means a call never races the database being opened, and a worker that
    // failed to open it answers with its own explanation rather than a generic error.
    try {
      await ready;
    } catch (error) {
      const appError = error instanceof EngineStartError ? error.appError : stoppedWith;
      return fail(appError?.code ?? 'engine-stopped', appError?.message ?? 'The Seatcast engine is not running.');
    }
    if (stoppedWith) return fail(stoppedWith.code, stoppedWith.message);
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      try {
        worker.postMessage({ id, method, request });
      } catch (error) {
        // postMessage throws when the request holds something that cannot be cloned.
        pending.delete(id);
        const detail = error instanceof Error ? error.message : String(error);
        resolve(fail('invalid-request', `Could not send ${method} to the engine: ${detail}`));
      }
    });
  };

  const terminate = async () => {
    if (terminating) return;
    terminating = true;
    stop({ code: 'engine-stopped', message: 'Seatcast is closing.' });
    markFailed(new EngineStartError({ code: 'engine-stopped', message: 'Seatcast is closing.' }));
    await worker.terminate();
  };

  return { ready, call, terminate };
}

import type { MessagePort } from 'node:worker_threads';

/**
 * What the command line's thread gets as `workerData` when ./bin.ts runs it on a worker: for
 * `import`, the port of the helper thread started beside it (electron/engine/import/helper-thread.ts).
 */
export type RunnerData = { helperTasks?: MessagePort } | null;

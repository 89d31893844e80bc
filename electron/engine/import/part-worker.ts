/**
 * The worker thread that reads the second part of a large file while the import reads the first
 * (./file-part.ts). Protocol with workerPartReader:
 *   worker → import  { type: 'progress', progress }  now and then
 *   worker → import  { type: 'done', outcome } or { type: 'failed', message }, once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readPart, type PartJob } from './file-part';

const port = parentPort;
if (!port) throw new Error('the part worker must run in a worker thread');
readPart(workerData as PartJob, (progress) => port.postMessage({ type: 'progress', progress })).then(
  (outcome) => port.postMessage({ type: 'done', outcome }),
  (error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);

/**
 * The engine's home in the desktop app: a worker thread, so a long import or query never
 * freezes the window. Protocol with electron/main/engine-client.ts:
 *   main → worker  { id, method, request }
 *   worker → main  { id, result }            (a Result, validated by dispatch)
 *   worker → main  { type: 'ready' } once the database is open, or { type: 'fatal', error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../../shared/dispatch';
import { UserFacingError } from '../../shared/result';
import { createEngine } from './engine';
import { seatcastVersion } from './version';

type WorkerData = { databasePath: string; resourcesDir: string; runtime: 'desktop' };
type CallMessage = { id: number; method: string; request: unknown };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('engine worker must run in a worker thread');
  const data = workerData as WorkerData;
  let engine;
  try {
    engine = await createEngine({ ...data, version: seatcastVersion, loadDemo: true });
  } catch (error) {
    const appError =
      error instanceof UserFacingError
        ? { code: error.code, message: error.message }
        : { code: 'engine-start-failed', message: `Seatcast could not open its database: ${(error as Error).message}` };
    port.postMessage({ type: 'fatal', error: appError });
    return;
  }
  const { handlers } = engine;
  port.on('message', (message: CallMessage) => {
    void dispatch(handlers, message.method, message.request).then((result) => port.postMessage({ id: message.id, result }));
  });
  port.postMessage({ type: 'ready' });
}

void main();

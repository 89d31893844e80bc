/**
 * The worker thread that does a part of a large import beside the import's own thread:
 *  - task 'part' (./file-part.ts): reads the second part of the file while the import reads the
 *    first. Protocol with workerPartReader:
 *      worker → import  { type: 'progress', progress }  now and then (as a message of the worker)
 *      worker → import  { type: 'piece', outcome } for each piece once read, or { type: 'failed',
 *                       message }, on the answer port; the answer counter is bumped after each
 *                       and after every progress.
 *  - task 'cube' (./cube-worker.ts): derives the cube from the staged sessions while the import
 *    inserts them, writing its rows into a shared ring (./cube-ring.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CubeRing } from './cube-ring';
import { runCubeJob, type CubeJob } from './cube-worker';
import { readPart, type PartAnswer, type PartAnswerChannel, type PartJob } from './file-part';

const task = workerData as ({ task?: 'part'; answer: PartAnswerChannel } & PartJob) | { task: 'cube'; job: CubeJob; ring: CubeRing };
if (task.task === 'cube') {
  runCubeJob(task.job, task.ring);
} else {
  const port = parentPort;
  if (!port) throw new Error('the part worker must run in a worker thread');
  const { answer, ...job } = task;
  const bump = () => {
    Atomics.add(answer.signal, 0, 1);
    Atomics.notify(answer.signal, 0);
  };
  const reply = (message: PartAnswer) => {
    answer.port.postMessage(message);
    bump();
  };
  readPart(
    job,
    (progress) => {
      port.postMessage({ type: 'progress', progress });
      bump();
    },
    () => false,
    (outcome) => reply({ type: 'piece', outcome }),
  ).then(
    () => answer.port.close(),
    (error: unknown) => {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      answer.port.close();
    },
  );
}

/**
 * The helper thread of a large import (./helper-thread.ts). Its tasks come as messages on the
 * port in its workerData, and run one after another:
 *  - 'part' (./file-part.ts): reads the second part of the file while the import reads the
 *    first. Everything goes back on the task's answer port: { type: 'progress', progress } now and
 *    then, { type: 'piece', outcome } for each piece once read, or { type: 'failed', message };
 *    the answer counter (signal[0]) is bumped after each, and the import asks it to stop by
 *    setting signal[1].
 *  - 'cube' (./cube-worker.ts): derives the cube from the staged sessions while the import
 *    inserts them, writing its rows into a shared ring (./cube-ring.ts).
 * The thread ends when the port closes (or it is terminated).
 */
import { workerData } from 'node:worker_threads';
import type { CubeRing } from './cube-ring';
import { runCubeJob, type CubeJob } from './cube-worker';
import { readPart, type PartAnswer, type PartAnswerChannel, type PartJob } from './file-part';
import type { HelperThreadData } from './helper-thread';

export type HelperTask = { task: 'part'; job: PartJob; answer: PartAnswerChannel } | { task: 'cube'; job: CubeJob; ring: CubeRing };

async function run(task: HelperTask): Promise<void> {
  if (task.task === 'cube') return runCubeJob(task.job, task.ring);
  const { job, answer } = task;
  const reply = (message: PartAnswer) => {
    answer.port.postMessage(message);
    Atomics.add(answer.signal, 0, 1);
    Atomics.notify(answer.signal, 0);
  };
  try {
    await readPart(
      job,
      (progress) => reply({ type: 'progress', progress }),
      () => Atomics.load(answer.signal, 1) !== 0,
      (outcome) => reply({ type: 'piece', outcome }),
    );
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    answer.port.close();
  }
}

const { tasks } = workerData as HelperThreadData;
let queue = Promise.resolve();
tasks.on('message', (task: HelperTask) => {
  // run() answers for its own failures; nothing it throws may stop the tasks after it.
  queue = queue.then(() => run(task)).catch(() => undefined);
});

/** The body of a worker thread of the exact-loss GD study: receives tasks, runs the member, posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { runSpin3ExactMember, type Spin3ExactStudySpec, type Spin3ExactTask } from './exactGdStudy.ts';

const { spec } = workerData as { spec: Spin3ExactStudySpec };
const port = parentPort!;

port.on('message', (task: Spin3ExactTask) => {
  try {
    port.postMessage({ ok: true, result: runSpin3ExactMember(spec, task) });
  } catch (err) {
    port.postMessage({ ok: false, message: `member n = ${task.n}, realization ${task.realization}: ${(err as Error).message}` });
  }
});

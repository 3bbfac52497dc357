/** The body of a worker thread of the 3-spin study: receives tasks, runs the member, posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { runSpin3Member, type Spin3StudySpec, type Spin3Task } from './spin3Study.ts';

const { spec } = workerData as { spec: Spin3StudySpec };
const port = parentPort!;

port.on('message', (task: Spin3Task) => {
  try {
    port.postMessage({ ok: true, result: runSpin3Member(spec, task) });
  } catch (err) {
    port.postMessage({ ok: false, message: `member n = ${task.n}, realization ${task.realization}, run ${task.r}: ${(err as Error).message}` });
  }
});

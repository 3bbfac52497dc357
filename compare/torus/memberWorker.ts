/**
 * The body of a worker thread of the ensemble pool: receives `(n, r)` tasks, runs the member and
 * posts its result back (typed arrays are transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runMember, type ReferenceMarginals } from './member.ts';
import type { StudySpec } from './studySpec.ts';

const { spec, marginals } = workerData as { spec: StudySpec; marginals: ReferenceMarginals | null };
const port = parentPort!;

port.on('message', (task: { n: number; r: number }) => {
  try {
    const result = runMember(spec, task.n, task.r, marginals);
    port.postMessage({ ok: true, result }, result.fhat.flatMap((s) => [s.re.buffer as ArrayBuffer, s.im.buffer as ArrayBuffer]));
  } catch (err) {
    port.postMessage({ ok: false, message: `member n = ${task.n}, r = ${task.r}: ${(err as Error).message}` });
  }
});

/**
 * The body of the worker thread that computes a study's reference solution (`f₀` with its check,
 * the prediction) beside the members, which never read it: the two share the cores instead of the
 * members waiting for the reference.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeReferenceSolution } from './reference.ts';
import type { StudySpec } from './studySpec.ts';

const { spec } = workerData as { spec: StudySpec };
const port = parentPort!;

port.on('message', () => {
  try {
    // its stages and their progress go to the main thread, which prints them beside the members' bar
    port.postMessage({ ok: true, result: computeReferenceSolution(spec, (note) => port.postMessage({ note: `[reference thread] ${note}` })) });
  } catch (err) {
    port.postMessage({ ok: false, message: `reference: ${(err as Error).message}` });
  }
});

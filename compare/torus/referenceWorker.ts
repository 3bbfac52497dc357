/**
 * The body of the worker threads that compute a study's reference solution beside the members,
 * which never read it: one part per task, `f₀` with its check (`fhat`) or the prediction
 * (`prediction`, with the transported responses), so that the two run at once and share the cores
 * with the members instead of the members waiting for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computePrediction, computeReferenceFhat, type ReferencePart } from './reference.ts';
import type { StudySpec } from './studySpec.ts';

const { spec } = workerData as { spec: StudySpec };
const port = parentPort!;

port.on('message', (part: ReferencePart['part']) => {
  try {
    // its stages and their progress go to the main thread, which prints them beside the members' bar
    const note = (what: string): void => port.postMessage({ note: `[reference thread] ${what}` });
    const result: ReferencePart = part === 'fhat' ? { part, value: computeReferenceFhat(spec, note) } : { part, value: computePrediction(spec, note) };
    port.postMessage({ ok: true, result });
  } catch (err) {
    port.postMessage({ ok: false, message: `reference: ${(err as Error).message}` });
  }
});

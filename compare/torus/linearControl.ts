/**
 * Each member's control variate: the linear part `δ_lin(t)` of its fluctuation `f_n(t) − f₀(t)`,
 * evaluated at its own initial particles from the linearised flow's influence
 * (`solver/influenceInterpolant.ts`). Members are deterministic in `(spec, n, r)`, so the initial
 * particles are drawn again here from the member's stream (`runParticles` draws them first) rather
 * than carried in result files; a member costs one pass over its `n` particles.
 *
 * What the estimators get, per time, rung and seed: `‖δ_lin‖²` (Parseval) and its terms per mode,
 * and their exact expectations `Σ_m expected_m / n` and `expected_m / n` — exact at every `n` for
 * i.i.d. initial particles, whatever the quality of the prediction.
 */
import { createTorusProblem, parsevalWeight, Rng, sampleInitialLaw } from '../../model/index.ts';
import { InfluenceInterpolant, type InfluenceTable } from '../../solver/index.ts';
import type { MemberResult } from './member.ts';
import type { CltPredictionRecord } from './prediction.ts';
import { memberStream, type StudySpec } from './studySpec.ts';

export interface LinearControls {
  /** `[time][rung]`: per-seed `‖δ_lin(t)‖²`. */
  readonly total: Float64Array[][];
  /** `[time][rung][mode]`: per-seed `w_m |δ_lin,m(t)|²`. */
  readonly perMode: Float64Array[][][];
  /** `[time]`: `n·E‖δ_lin(t)‖²` (the same at every `n`), and per mode. */
  readonly expected: readonly number[];
  readonly expectedPerMode: readonly (readonly number[])[];
  /** `[time]`: the prediction minus `expected`: what the interpolant's truncation left out of the prediction's variance. */
  readonly expectedShortfall: readonly number[];
  /** `[time][seed]`: the largest rung's `δ_lin` itself, `[re_0, im_0, re_1, …]` (the Gaussianity row's residual). */
  readonly top: Float64Array[][];
  /** `[time]`: the interpolant's tables (`influenceShape` reads one term's law from them). */
  readonly tables: readonly InfluenceTable[];
}

/** The controls of every member, or null when the study has no influence to build them from (no prediction, `σ_c = 0`, other times). */
export function linearControls(spec: StudySpec, prediction: CltPredictionRecord | null, byN: readonly (readonly MemberResult[])[]): LinearControls | null {
  const record = prediction?.influence;
  if (!record || prediction.times.length !== spec.times.length || prediction.times.some((t, k) => t !== spec.times[k])) return null;
  const M = createTorusProblem(spec.problem).M;
  if (record.M !== M || record.cMean !== spec.law.cMean || record.sigmaC !== spec.law.sigmaC) return null;
  const interpolant = new InfluenceInterpolant(record);
  const T = spec.times.length;
  const out = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
  const total: Float64Array[][] = spec.times.map(() => []);
  const perMode: Float64Array[][][] = spec.times.map(() => []);
  const nMax = spec.ns[spec.ns.length - 1]!;
  const top: Float64Array[][] = spec.times.map(() => []);
  const y = new Float64Array(nMax);
  const c = new Float64Array(nMax);
  byN.forEach((list, ni) => {
    const n = spec.ns[ni]!;
    for (let k = 0; k < T; k++) {
      total[k]!.push(new Float64Array(list.length));
      perMode[k]!.push(Array.from({ length: M + 1 }, () => new Float64Array(list.length)));
    }
    list.forEach((mem, r) => {
      sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
      interpolant.linearResponses(y, c, n, out);
      if (ni === byN.length - 1) for (let k = 0; k < T; k++) top[k]!.push(Float64Array.from(out[k]!));
      for (let k = 0; k < T; k++) {
        const d = out[k]!;
        let sum = 0;
        for (let m = 0; m <= M; m++) {
          const v = parsevalWeight(m) * (d[2 * m]! ** 2 + d[2 * m + 1]! ** 2);
          perMode[k]![ni]![m]![r] = v;
          sum += v;
        }
        total[k]![ni]![r] = sum;
      }
    });
  });
  const expectedPerMode = record.tables.map((t) => t.expected);
  return {
    total, perMode, expectedPerMode, top,
    tables: record.tables,
    expected: expectedPerMode.map((e) => e.reduce((a, b) => a + b, 0)),
    expectedShortfall: record.tables.map((t) => t.expectedShortfall),
  };
}

/**
 * Each member's control variate: the linear part `δ_lin(t)` of its fluctuation `f_n(t) − f₀(t)`,
 * evaluated at its own initial particles from the linearised flow's influence
 * (`solver/influenceInterpolant.ts`). Members are deterministic in `(spec, n, r)`, so the initial
 * particles are drawn again here from the member's stream (`runParticles` draws them first) rather
 * than carried in result files; a member costs one pass over its `n` particles.
 *
 * What the estimators get, per time, rung and seed: `‖δ_lin‖²` (Parseval) and its terms per mode,
 * and their expectations `Σ_m expected_m / n` and `expected_m / n` — for the interpolant exact at
 * every `n` for i.i.d. initial particles, whatever the quality of the prediction. Where the
 * prediction transported every member's response (`prediction.control = 'transport'`), those are
 * used instead (exact at the particles; their expectation is the prediction's quadrature, whose
 * error its check bounds: `solver/linearResponseTransport.ts`).
 */
import { createTorusProblem, parsevalWeight, Rng, sampleInitialLaw } from '../../model/index.ts';
import { InfluenceInterpolant, type InfluenceTable } from '../../solver/index.ts';
import type { MemberResult } from './member.ts';
import type { CltPredictionRecord } from './prediction.ts';
import { memberStream, type ControlMethod, type StudySpec } from './studySpec.ts';

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
  /** Where `total` and `perMode` come from: the interpolant, or the prediction's transported responses (`top` is always the interpolant's). */
  readonly method: ControlMethod;
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
  // the transported responses, exact at the particles, where the prediction computed them for these members
  const linear = prediction.linear;
  const transported = linear && linear.ns.length === spec.ns.length && linear.ns.every((n, i) => n === spec.ns[i]) &&
    byN.every((list) => list.every((mem) => mem.r < linear.seeds)) ? linear : null;
  byN.forEach((list, ni) => {
    const n = spec.ns[ni]!;
    for (let k = 0; k < T; k++) {
      total[k]!.push(new Float64Array(list.length));
      perMode[k]!.push(Array.from({ length: M + 1 }, () => new Float64Array(list.length)));
    }
    list.forEach((mem, r) => {
      sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
      interpolant.linearResponses(y, c, n, out);
      // the Gaussianity row's control keeps the interpolant's response: its one-term shape is known exactly (`influenceShape`)
      if (ni === byN.length - 1) for (let k = 0; k < T; k++) top[k]!.push(Float64Array.from(out[k]!));
      for (let k = 0; k < T; k++) {
        const d = transported ? transported.values[k]![ni]![mem.r]! : out[k]!;
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
  // transported: E‖δ_lin‖² = Var g of the exact influence, known through the quadrature (the prediction itself)
  const expectedPerMode = transported ? prediction.perMode : record.tables.map((t) => t.expected);
  return {
    total, perMode, expectedPerMode, top,
    tables: record.tables,
    expected: expectedPerMode.map((e) => e.reduce((a, b) => a + b, 0)),
    expectedShortfall: transported ? spec.times.map(() => 0) : record.tables.map((t) => t.expectedShortfall),
    method: transported ? 'transport' : 'interpolant',
  };
}

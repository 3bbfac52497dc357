/**
 * The mean-field potential seen by weighted characteristics (eqs. 12–13): with points `(y_k, c_k)`
 * carrying weights `W_k`, `2πĜ_m = Σ_k W_k c_k e^{−imy_k}` and `Û_m = −F̂_m + k̂_m 2πĜ_m`, then `U`
 * and `∂_yU` at the points. The Lagrangian quadrature (weights = quadrature weights) and the
 * remeshed solver (weights = node masses) share it.
 */
import { evaluateSeriesOfPhasors, fourierMomentsOfPhasors, unitPhasors, type Spectrum, type TorusProblem } from '../model/index.ts';

/** Buffers the evaluation writes into (nothing is allocated): `wc`, `cosY`, `sinY` of the points' length. */
export interface WeightedPotentialBuffers {
  readonly wc: Float64Array;
  /** The points' phasors, taken once for the moments and the series. */
  readonly cosY: Float64Array;
  readonly sinY: Float64Array;
  /** `2πĜ_m`. */
  readonly moments: Spectrum;
  /** `Û_m`. */
  readonly potential: Spectrum;
  readonly U: Float64Array;
  readonly dU: Float64Array;
}

export function weightedPotential(problem: TorusProblem, y: Float64Array, c: Float64Array, weights: Float64Array, count: number,
  out: WeightedPotentialBuffers): void {
  const { wc, moments, potential, cosY, sinY } = out;
  const { Fhat, khat, M } = problem;
  for (let k = 0; k < count; k++) wc[k] = weights[k]! * c[k]!;
  unitPhasors(y, count, cosY, sinY);
  fourierMomentsOfPhasors(cosY, sinY, wc, count, 1, moments.re, moments.im);
  for (let m = 0; m <= M; m++) {
    potential.re[m] = -Fhat.re[m]! + khat[m]! * moments.re[m]!;
    potential.im[m] = -Fhat.im[m]! + khat[m]! * moments.im[m]!;
  }
  evaluateSeriesOfPhasors(potential.re, potential.im, cosY, sinY, count, out.U, out.dU);
}

/** Buffers for `count` points and modes `0..M`. */
export function createWeightedPotentialBuffers(count: number, M: number): WeightedPotentialBuffers {
  return {
    wc: new Float64Array(count), cosY: new Float64Array(count), sinY: new Float64Array(count), moments: { re: new Float64Array(M + 1), im: new Float64Array(M + 1) },
    potential: { re: new Float64Array(M + 1), im: new Float64Array(M + 1) }, U: new Float64Array(count), dU: new Float64Array(count),
  };
}

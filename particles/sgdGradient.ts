/**
 * The batch estimate of the potential for online SGD (eqs. 21–22). With a fresh batch
 * `x₁…x_P ~ μ` and residuals `r_p = f_n(x_p) − f(x_p)`, the gradient of
 * `E_P = (n/2P) Σ_p |f_n(x_p) − f(x_p)|²` is `∂E_P/∂cᵢ = U_P(yᵢ)`, `∂E_P/∂yᵢ = cᵢ ∂_y U_P(yᵢ)` with
 *
 *     U_P(y) = (1/P) Σ_p r_p ψ(x_p − y) = Σ_m conj(ψ̂_m) R_m e^{imy},   R_m = (1/P) Σ_p r_p e^{−imx_p},
 *
 * so a step costs O((n + P)·M), not O(n·P). `E[R_m] = f̂_n,m − f̂_m`, hence `E[U_P] = U_n`: the
 * estimator is unbiased. The unit is the represented `ψ_M` and the target its retained series, so
 * SGD and GD train the same model.
 */
import {
  createSpectrum, evaluateSeriesOfPhasors, fourierMomentsOfPhasors, multiplySpectraInto, unitPhasors, type Rng, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import type { Interaction } from './interaction.ts';

export class SgdBatchPotential implements Interaction {
  readonly n: number;
  private readonly problem: TorusProblem;
  private readonly rng: Rng;
  /** The batch size used by the next call; set by the driver from the schedule. */
  batch: number;
  private readonly x: Float64Array;
  private readonly r: Float64Array;
  private readonly scratch: Float64Array;
  private readonly targetRe: Float64Array;
  private readonly targetIm: Float64Array;
  readonly moments: Spectrum;
  readonly fnhat: Spectrum;
  readonly residual: Spectrum;
  readonly potential: Spectrum;
  /** The phasors of the particles and of the batch, each taken once per step for all the sums at those points. */
  private readonly cosY: Float64Array;
  private readonly sinY: Float64Array;
  private readonly cosX: Float64Array;
  private readonly sinX: Float64Array;

  constructor(problem: TorusProblem, n: number, maxBatch: number, rng: Rng) {
    this.problem = problem;
    this.n = n;
    this.rng = rng;
    this.batch = maxBatch;
    this.x = new Float64Array(maxBatch);
    this.r = new Float64Array(maxBatch);
    this.scratch = new Float64Array(maxBatch);
    this.targetRe = problem.target.fhat.re;
    this.targetIm = problem.target.fhat.im;
    this.moments = createSpectrum(problem.M);
    this.fnhat = createSpectrum(problem.M);
    this.residual = createSpectrum(problem.M);
    this.potential = createSpectrum(problem.M);
    this.cosY = new Float64Array(n);
    this.sinY = new Float64Array(n);
    this.cosX = new Float64Array(maxBatch);
    this.sinX = new Float64Array(maxBatch);
  }

  potentialAt(y: Float64Array, c: Float64Array, outU: Float64Array, outDU: Float64Array): void {
    const { psihat, M } = this.problem;
    const P = this.batch;
    const { x, r, scratch, moments: S, fnhat, residual: R, potential: U, cosY, sinY, cosX, sinX } = this;
    unitPhasors(y, this.n, cosY, sinY);
    fourierMomentsOfPhasors(cosY, sinY, c, this.n, 1 / this.n, S.re, S.im);
    multiplySpectraInto(psihat, S, fnhat);
    for (let p = 0; p < P; p++) x[p] = 2 * Math.PI * this.rng.uniform();
    unitPhasors(x, P, cosX, sinX);
    evaluateSeriesOfPhasors(fnhat.re, fnhat.im, cosX, sinX, P, r, null);
    evaluateSeriesOfPhasors(this.targetRe, this.targetIm, cosX, sinX, P, scratch, null);
    for (let p = 0; p < P; p++) r[p] = r[p]! - scratch[p]!;
    fourierMomentsOfPhasors(cosX, sinX, r, P, 1 / P, R.re, R.im);
    for (let m = 0; m <= M; m++) {
      U.re[m] = psihat.re[m]! * R.re[m]! + psihat.im[m]! * R.im[m]!;
      U.im[m] = psihat.re[m]! * R.im[m]! - psihat.im[m]! * R.re[m]!;
    }
    evaluateSeriesOfPhasors(U.re, U.im, cosY, sinY, this.n, outU, outDU);
  }
}

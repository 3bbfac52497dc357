/**
 * `U_n` by Fourier moments in O(n·M): `Û_m = −F̂_m + k̂_m S_m` with `S_m = (1/n) Σⱼ cⱼ e^{−imyⱼ}`,
 * then `U_n` and `∂_y U_n` summed back at the particles (docs/theory.md). This replaces the O(n²) double
 * sum of eq. (9) exactly, up to the retained modes.
 */
import { evaluateSeriesOfPhasors, fourierMomentsOfPhasors, unitPhasors, type TorusProblem, type Spectrum, createSpectrum } from '../model/index.ts';
import type { Interaction } from './interaction.ts';

export class SpectralInteraction implements Interaction {
  readonly n: number;
  private readonly problem: TorusProblem;
  /** `S_m`, then reused for nothing else. */
  readonly moments: Spectrum;
  /** `Û_m` of the last call. */
  readonly potential: Spectrum;
  /** `cos yⱼ`, `sin yⱼ`: taken once per evaluation, for the moments and the series alike. */
  private readonly cosY: Float64Array;
  private readonly sinY: Float64Array;

  constructor(problem: TorusProblem, n: number) {
    this.problem = problem;
    this.n = n;
    this.moments = createSpectrum(problem.M);
    this.potential = createSpectrum(problem.M);
    this.cosY = new Float64Array(n);
    this.sinY = new Float64Array(n);
  }

  potentialAt(y: Float64Array, c: Float64Array, outU: Float64Array, outDU: Float64Array): void {
    const { Fhat, khat, M } = this.problem;
    const S = this.moments;
    const U = this.potential;
    const { cosY, sinY } = this;
    unitPhasors(y, this.n, cosY, sinY);
    fourierMomentsOfPhasors(cosY, sinY, c, this.n, 1 / this.n, S.re, S.im);
    for (let m = 0; m <= M; m++) {
      U.re[m] = -Fhat.re[m]! + khat[m]! * S.re[m]!;
      U.im[m] = -Fhat.im[m]! + khat[m]! * S.im[m]!;
    }
    evaluateSeriesOfPhasors(U.re, U.im, cosY, sinY, this.n, outU, outDU);
  }
}

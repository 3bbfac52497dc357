/**
 * `U_n` by Fourier moments in O(n·M): `Û_m = −F̂_m + k̂_m S_m` with `S_m = (1/n) Σⱼ cⱼ e^{−imyⱼ}`,
 * then `U_n` and `∂_y U_n` summed back at the particles (docs/theory.md). This replaces the O(n²) double
 * sum of eq. (9) exactly, up to the retained modes.
 */
import { fourierMoments, evaluateSeriesAt, type TorusProblem, type Spectrum, createSpectrum } from '../model/index.ts';
import type { Interaction } from './interaction.ts';

export class SpectralInteraction implements Interaction {
  readonly n: number;
  private readonly problem: TorusProblem;
  /** `S_m`, then reused for nothing else. */
  readonly moments: Spectrum;
  /** `Û_m` of the last call. */
  readonly potential: Spectrum;

  constructor(problem: TorusProblem, n: number) {
    this.problem = problem;
    this.n = n;
    this.moments = createSpectrum(problem.M);
    this.potential = createSpectrum(problem.M);
  }

  potentialAt(y: Float64Array, c: Float64Array, outU: Float64Array, outDU: Float64Array): void {
    const { Fhat, khat, M } = this.problem;
    const S = this.moments;
    const U = this.potential;
    fourierMoments(y, c, this.n, 1 / this.n, S.re, S.im);
    for (let m = 0; m <= M; m++) {
      U.re[m] = -Fhat.re[m]! + khat[m]! * S.re[m]!;
      U.im[m] = -Fhat.im[m]! + khat[m]! * S.im[m]!;
    }
    evaluateSeriesAt(U.re, U.im, y, this.n, outU, outDU);
  }
}

/**
 * `U_n` by the O(n²) double sum of eq. (9), pair by pair: the check on {@link SpectralInteraction}.
 * The pair kernel is the unit's closed form `k(u)` where it has one (`vonmises`: an independent
 * formula through `I_0`, `I_1`), else the truncated series `k(u) = Σ k̂_m e^{imu}` summed per pair.
 */
import { evaluateSeriesAt, type TorusProblem } from '../model/index.ts';
import type { Interaction } from './interaction.ts';

export class DirectInteraction implements Interaction {
  readonly n: number;
  private readonly problem: TorusProblem;
  private readonly F: Float64Array;
  private readonly dF: Float64Array;
  private readonly k: (u: number) => number;
  private readonly dk: (u: number) => number;

  constructor(problem: TorusProblem, n: number) {
    this.problem = problem;
    this.n = n;
    this.F = new Float64Array(n);
    this.dF = new Float64Array(n);
    const closed = problem.unit.kernel;
    if (closed) {
      this.k = closed.k;
      this.dk = closed.dk;
    } else {
      const { khat, M } = problem;
      this.k = (u) => {
        let s = khat[0]!;
        for (let m = 1; m <= M; m++) s += 2 * khat[m]! * Math.cos(m * u);
        return s;
      };
      this.dk = (u) => {
        let s = 0;
        for (let m = 1; m <= M; m++) s -= 2 * m * khat[m]! * Math.sin(m * u);
        return s;
      };
    }
  }

  potentialAt(y: Float64Array, c: Float64Array, outU: Float64Array, outDU: Float64Array): void {
    const n = this.n;
    const { Fhat } = this.problem;
    evaluateSeriesAt(Fhat.re, Fhat.im, y, n, this.F, this.dF);
    const k = this.k;
    const dk = this.dk;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      let u = 0;
      let du = 0;
      for (let j = 0; j < n; j++) {
        const d = yi - y[j]!;
        u += c[j]! * k(d);
        du += c[j]! * dk(d);
      }
      outU[i] = -this.F[i]! + u / n;
      outDU[i] = -this.dF[i]! + du / n;
    }
  }
}

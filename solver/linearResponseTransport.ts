/**
 * A member's linear response `δ_lin(t)` with the influence evaluated exactly at its own particles,
 * not interpolated off the prediction's nodes (`influenceInterpolant.ts`):
 *
 *     δ_lin,m(t) = ψ̂_m · [ (1/n) Σᵢ ∂S_m(t)/∂W(zᵢ) − Σ_k W_k ∂S_m(t)/∂W_k ],
 *
 * the derivative of the Lagrangian solver's output in the direction `μ_n − ρ_in` (the member's
 * empirical law minus the quadrature's), i.e. the first-order part of Prop. 3.2's expansion for the
 * same discrete flow the prediction differentiates.
 *
 * Why. Phase mixing makes `g_t(y, c)` oscillate in `c` ever faster as `t` grows (a characteristic's
 * angle advances at a `c`-dependent rate), so a degree-`(nc − 1)` interpolant through the Gauss–
 * Hermite nodes loses the fine structure: measured on vonmises:2 at n = 4096 (64×64 nodes), the
 * interpolated control removes a factor 10 of the variance at t = 50 and this one about 100
 * (`experiments/exactLinearResponse.ts`; the tests check it against a central difference of the
 * weighted solve).
 *
 * How, at a cost proportional to `n`. Adding weight at a point `z` that the flow carries as a
 * zero-weight characteristic changes `S(T)` directly (`z`'s own moment at `T`) and through the
 * field at every RK stage (`z`'s moment at the stage, paired with the field adjoint `ν` of that
 * stage; `cltPrediction.ts`). Both are linear in the point, so the sum over a member's particles
 * needs only their summed moments `Σᵢ cᵢ e^{−imyᵢ}` at each stage: the particles are carried through
 * the recorded stage potentials (the same RK8 steps as the nodes), and the tape's `ν` contracts
 * their moments once per stage and recorded time. Work per member ≈ one RK8 run of `n` particles.
 *
 * What it gives up: `E‖δ_lin‖²` is `Var_{ρ_in} g_t` of the exact `g_t`, known only through the
 * quadrature (the prediction itself), where the interpolant's is exact by Parseval. The controlled
 * estimate `X̄ − β(Ȳ − P_pred)` then carries `β(Var g − P_pred)`, the prediction's own quadrature
 * error, which the prediction's check bounds; with `β ≈ 1` the prefactor rows' `X̄ − Ȳ` tests the
 * linear response itself (`E[X − Y] → 0`).
 */
import { fourierMomentsOfPhasors, unitPhasors, type TorusProblem } from '../model/index.ts';
import { RK8_A, RK8_B } from './rungeKutta8.ts';

/** What `WeightAdjoint.recordTape` keeps of its forward and backward sweeps. */
export interface TransportTape {
  readonly M: number;
  /** Adjoint vectors `R = 2M + 1` (`Re S_0..M`, `Im S_1..M`). */
  readonly R: number;
  readonly stages: number;
  /** The forward solve's step lengths, and the step count up to each recorded time. */
  readonly steps: number[];
  readonly stepAt: number[];
  /** `Û_m` at stage `i` of step `s`: `[(s·stages + i)·(M + 1) + m]`. */
  potRe: Float64Array;
  potIm: Float64Array;
  /** Per recorded time, `ν_{r,m}` at stage `i` of step `s`: `[((s·stages + i)·R + r)·(M + 1) + m]` (zero where the stage had no adjoint). */
  readonly nuRe: Float64Array[];
  readonly nuIm: Float64Array[];
  /** Per recorded time, `Σ_k W_k ∂S_r/∂W_k` (the quadrature's `E g`). */
  readonly mean: Float64Array[];
}

/** `1/k!` for the Taylor forms of the stage phasors' increment. */
const C2 = 1 / 2, C4 = 1 / 24, C6 = 1 / 720, C8 = 1 / 40320, C10 = 1 / 3628800, C12 = 1 / 479001600, C14 = 1 / 87178291200;
const S3 = 1 / 6, S5 = 1 / 120, S7 = 1 / 5040, S9 = 1 / 362880, S11 = 1 / 39916800, S13 = 1 / 6227020800, S15 = 1 / 1307674368000;

export class LinearResponseTransport {
  readonly M: number;
  private readonly problem: TorusProblem;
  private readonly tape: TransportTape;
  private capacity = 0;
  private X = new Float64Array(0);
  private K: Float64Array[] = [];
  private cosY = new Float64Array(0);
  private sinY = new Float64Array(0);
  private readonly uRe: Float64Array;
  private readonly uIm: Float64Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  /** The stage's `A_ij·h` for `j < i`, formed once per stage instead of once per point. */
  private readonly coef = new Float64Array(RK8_B.length);
  /** Per recorded time, `Σᵢ ∂S_r/∂W(zᵢ)`. */
  private readonly acc: Float64Array[];

  constructor(problem: TorusProblem, tape: TransportTape) {
    if (tape.M !== problem.M || tape.stages !== RK8_B.length) throw new RangeError(`LinearResponseTransport: a tape for M = ${tape.M} and ${tape.stages} stages, the problem has M = ${problem.M}`);
    this.problem = problem;
    this.tape = tape;
    this.M = problem.M;
    this.uRe = new Float64Array(this.M + 1);
    this.uIm = new Float64Array(this.M + 1);
    this.aRe = new Float64Array(this.M + 1);
    this.aIm = new Float64Array(this.M + 1);
    this.acc = tape.stepAt.map(() => new Float64Array(tape.R));
  }

  private reserve(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.X = new Float64Array(2 * n);
    this.K = RK8_B.map(() => new Float64Array(2 * n));
    this.cosY = new Float64Array(n);
    this.sinY = new Float64Array(n);
  }

  /** The summed moments `Σᵢ cᵢ e^{−imyᵢ}` of `state` (phasors left in `cosY`, `sinY`). */
  private moments(state: Float64Array, n: number): void {
    unitPhasors(state, n, this.cosY, this.sinY);
    fourierMomentsOfPhasors(this.cosY, this.sinY, state.subarray(n, 2 * n), n, 1, this.aRe, this.aIm);
  }

  /**
   * `δ_lin,m(t_k)` of the `n` particles `(y, c)` into `out[k]` (`[re_0, im_0, re_1, …]`, `2(M + 1)`
   * values) for every recorded time `k`, as `InfluenceInterpolant.linearResponses`.
   */
  linearResponses(y: Float64Array, c: Float64Array, n: number, out: readonly Float64Array[]): void {
    const { tape, M } = this;
    const { R, stages, steps, stepAt } = tape;
    const W = M + 1;
    this.reserve(n);
    const { X, K, uRe, uIm, aRe, aIm, acc } = this;
    const eCos = this.cosY;
    const eSin = this.sinY;
    for (let i = 0; i < n; i++) {
      X[i] = y[i]!;
      X[n + i] = c[i]!;
    }
    for (const a of acc) a.fill(0);
    const last = stepAt.length === 0 ? 0 : stepAt[stepAt.length - 1]!;
    let next = 0;
    // the direct term at every recorded time the state has reached: ν = identity there
    const seed = (s: number): void => {
      while (next < stepAt.length && stepAt[next] === s) {
        this.moments(X, n);
        const a = acc[next]!;
        for (let m = 0; m <= M; m++) a[m]! += aRe[m]!;
        for (let m = 1; m <= M; m++) a[M + m]! += aIm[m]!;
        next++;
      }
    };
    seed(0);
    for (let s = 0; s < last; s++) {
      const h = steps[s]!;
      for (let q = 0; q < n; q++) {
        eCos[q] = Math.cos(X[q]!);
        eSin[q] = Math.sin(X[q]!);
      }
      for (let i = 0; i < stages; i++) {
        const row = RK8_A[i]!;
        const { coef } = this;
        for (let j = 0; j < row.length; j++) coef[j] = row[j]! * h;
        const o = (s * stages + i) * W;
        for (let m = 0; m <= M; m++) {
          uRe[m] = tape.potRe[o + m]!;
          uIm[m] = tape.potIm[o + m]!;
          aRe[m] = 0;
          aIm[m] = 0;
        }
        const u0 = uRe[0]!;
        const ki = K[i]!;
        let a0 = 0;
        // one pass per point: its stage state, its phasors, the series U, ∂_yU there and its share of the moments
        for (let q = 0; q < n; q++) {
          let dy = 0;
          let cq = X[n + q]!;
          for (let j = 0; j < row.length; j++) {
            const a = coef[j]!;
            if (a === 0) continue;
            dy += a * K[j]![q]!;
            cq += a * K[j]![n + q]!;
          }
          // e^{i(X + dy)} = e^{iX} e^{i dy}: the step's phasor turned by the stage's small increment
          // (Taylor to dy¹⁵, error below 1e-18 for |dy| ≤ 1/2), a third of the cost of Math.cos and Math.sin
          let cs: number;
          let sn: number;
          if (dy === 0) {
            cs = eCos[q]!;
            sn = eSin[q]!;
          } else if (dy <= 0.5 && dy >= -0.5) {
            const d2 = dy * dy;
            const cd = 1 - d2 * (C2 - d2 * (C4 - d2 * (C6 - d2 * (C8 - d2 * (C10 - d2 * (C12 - d2 * C14))))));
            const sd = dy * (1 - d2 * (S3 - d2 * (S5 - d2 * (S7 - d2 * (S9 - d2 * (S11 - d2 * (S13 - d2 * S15)))))));
            cs = eCos[q]! * cd - eSin[q]! * sd;
            sn = eSin[q]! * cd + eCos[q]! * sd;
          } else {
            cs = Math.cos(X[q]! + dy);
            sn = Math.sin(X[q]! + dy);
          }
          let pr = cs;
          let pi = sn;
          let su = 0;
          let sdu = 0;
          a0 += cq;
          for (let m = 1; m <= M; m++) {
            const ar = uRe[m]!;
            const ai = uIm[m]!;
            su += ar * pr - ai * pi;
            sdu += m * (ar * pi + ai * pr);
            aRe[m]! += cq * pr;
            aIm[m]! -= cq * pi;
            const t = pr * cs - pi * sn;
            pi = pr * sn + pi * cs;
            pr = t;
          }
          // the characteristic's velocity (−c ∂_yU, −U), as the Lagrangian solver's
          ki[q] = -cq * (-2 * sdu);
          ki[n + q] = -(u0 + 2 * su);
        }
        aRe[0] = a0;
        // Σᵢ cᵢ g_r(yᵢ) with g_r(y) = Σ_m Re(ν_{r,m} e^{imy}): the pull-back of `cltPrediction.ts` summed over the points
        for (let k = next; k < stepAt.length; k++) {
          const nr = tape.nuRe[k]!;
          const ni = tape.nuIm[k]!;
          const a = acc[k]!;
          const base = (s * stages + i) * R * W;
          for (let r = 0; r < R; r++) {
            const v = base + r * W;
            let g = 0;
            for (let m = 0; m <= M; m++) g += nr[v + m]! * aRe[m]! + ni[v + m]! * aIm[m]!;
            a[r]! += g;
          }
        }
      }
      for (let i = 0; i < stages; i++) {
        const b = RK8_B[i]! * h;
        if (b === 0) continue;
        const ki = K[i]!;
        for (let q = 0; q < 2 * n; q++) X[q]! += b * ki[q]!;
      }
      seed(s + 1);
    }
    const { psihat } = this.problem;
    for (let k = 0; k < stepAt.length; k++) {
      const a = acc[k]!;
      const mean = tape.mean[k]!;
      const d = out[k]!;
      for (let m = 0; m <= M; m++) {
        const dr = a[m]! / n - mean[m]!;
        const di = m === 0 ? 0 : a[M + m]! / n - mean[M + m]!;
        d[2 * m] = psihat.re[m]! * dr - psihat.im[m]! * di;
        d[2 * m + 1] = psihat.re[m]! * di + psihat.im[m]! * dr;
      }
    }
  }
}

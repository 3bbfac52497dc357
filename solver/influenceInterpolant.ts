/**
 * The linearised flow's influence `ĝ_{t,m}(z)` (`cltPrediction.ts`) away from the quadrature nodes,
 * so that it can be evaluated at a finite-`n` run's own initial particles: the linear part of its
 * fluctuation,
 *
 *     δ_lin,m(t) = (1/n) Σᵢ ĝ_{t,m}(zᵢ) − E_{z~ρ_in} ĝ_{t,m}(z)        (the first term of Prop. 3.2's expansion),
 *
 * whose squared norm is an almost perfect control variate for `‖f_n(t) − f₀(t)‖²`.
 *
 * Why an interpolant and not a tangent solve with the particles as extra characteristics: the
 * adjoint has already produced `ĝ` on every node, so a member's `δ_lin` costs one evaluation per
 * particle and time, in the main thread, after the fact (members and checkpoints stay as they are);
 * a tangent solve would cost a Lagrangian run of `N + n` characteristics per member.
 *
 * The interpolant `g̃`: for each Gauss–Hermite node `c_l`, the trigonometric interpolant in `y` of
 * the node values (exact for the unit's modes, spectrally accurate for a smooth `g`); across the
 * `c_l`, the Lagrange polynomial of degree `nc − 1`, written in the orthonormal Hermite basis
 * `h_p(u)`, `u = (c − c̄)/σ_c`. Its coefficients `C_{p,j}` on `h_p(u) e^{ijy}` are orthonormal
 * under `ρ_in`, so the smallest ones can be dropped — while they hold less than
 * `TRUNCATION_ENERGY` of the total — and every moment the control variate needs is still exact,
 * not approximated:
 * - `E g̃ = C_{0,0}`, which is the quadrature's mean of `g` on the nodes (Gauss–Hermite with `nc`
 *   nodes projects the degree-`(nc − 1)` interpolant exactly);
 * - `Var g̃ = Σ_{(p,j) ≠ (0,0)} |C_{p,j}|²` over the kept terms (Parseval in both variables).
 * So `n·E‖δ_lin‖² = Σ_m w_m Var_{ρ_in} g̃_m` holds exactly at every `n`, whatever `g̃`'s error as an
 * approximation of `g`: the estimator built on it is unbiased, and `g̃`'s error only weakens the
 * correlation. `Var g̃` differs from the prediction (the quadrature's `Σ_k W_k |g(z_k) − ḡ|²`) by
 * the dropped terms' energy (and the `y`-Nyquist term) alone; `expectedShortfall` states it.
 */
import { parsevalWeight, type TorusProblem } from '../model/index.ts';
import { normalQuadrature } from './gaussHermite.ts';

/**
 * Per real function, its smallest terms are dropped while together they hold less than this share
 * of its variance (it keeps the tables in result files small; the correlation loses about this
 * share, which caps the variance reduction near `1/(2·share)`, far above any measured, ≤ 10⁴).
 */
export const TRUNCATION_ENERGY = 1e-13;

/** One recorded time's interpolant, as plain data (it goes into result files). */
export interface InfluenceTable {
  readonly t: number;
  /**
   * The kept terms of every real function `q = 2m + {0: Re ĝ_m, 1: Im ĝ_m}`, the constant left out:
   * `g̃_q − E g̃_q = Σ_{k ∈ [start_q, start_{q+1})} h_{p_k}(u) (a_k cos j_k y − b_k sin j_k y)`
   * (`a + ib` is `C_{p,j}` for `j = 0` and `2C_{p,j}` for `j ≥ 1`).
   */
  readonly start: readonly number[];
  readonly p: readonly number[];
  readonly j: readonly number[];
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** `E g̃_m = C_{0,0}` per mode, real and imaginary parts: the quadrature's mean of the influence. */
  readonly meanRe: readonly number[];
  readonly meanIm: readonly number[];
  /** `w_m Var_{ρ_in} g̃_m` per mode `m = 0..M` (Parseval weight included): `n·w_m E|δ_lin,m|²` exactly. */
  readonly expected: readonly number[];
  /** The quadrature's prediction minus `Σ expected`: the energy the truncation dropped (≥ 0 but for rounding). */
  readonly expectedShortfall: number;
}

export interface InfluenceInterpolantRecord {
  readonly M: number;
  /** `c̄` and `σ_c` of the law the nodes were built for, and the largest Hermite degree (`nc − 1`). */
  readonly cMean: number;
  readonly sigmaC: number;
  readonly degree: number;
  readonly tables: readonly InfluenceTable[];
}

/** `h_0..h_P` at `u`, orthonormal under N(0, 1): `h_{p+1} = (u h_p − √p h_{p−1})/√(p + 1)`. */
export function orthonormalHermite(u: number, P: number, out: Float64Array): void {
  out[0] = 1;
  if (P >= 1) out[1] = u;
  for (let p = 1; p < P; p++) out[p + 1] = (u * out[p]! - Math.sqrt(p) * out[p - 1]!) / Math.sqrt(p + 1);
}

/**
 * The interpolant of `ĝ_t` from the adjoint's Jacobian on the nodes (`WeightAdjoint`'s layout: node
 * `k = l·ny + i` at `(2πi/ny, c_l)`, `J[k·R + r]`, `r ≤ M` the real and `M + m` the imaginary part
 * of `∂S_m/∂W_k`), and the prediction's total for the shortfall.
 */
export function influenceTable(problem: TorusProblem, ny: number, nc: number, t: number,
  jac: Float64Array, predicted: number): InfluenceTable {
  const M = problem.M;
  const R = 2 * M + 1;
  const Q = 2 * (M + 1);
  const { psihat } = problem;
  const rule = normalQuadrature(0, 1, nc);
  // the y-Nyquist term is left out: it has no real trigonometric partner
  const half = Math.floor((ny - 1) / 2);
  const hermite = new Float64Array(nc * nc);
  const h = new Float64Array(nc);
  for (let l = 0; l < nc; l++) {
    orthonormalHermite(rule.nodes[l]!, nc - 1, h);
    for (let p = 0; p < nc; p++) hermite[l * nc + p] = rule.weights[l]! * h[p]!;
  }
  const cosT = new Float64Array(ny * (half + 1));
  const sinT = new Float64Array(ny * (half + 1));
  for (let j = 0; j <= half; j++) {
    for (let i = 0; i < ny; i++) {
      cosT[j * ny + i] = Math.cos((2 * Math.PI * j * i) / ny);
      sinT[j * ny + i] = Math.sin((2 * Math.PI * j * i) / ny);
    }
  }
  // C_{q,p,j} = Σ_l W_l h_p(u_l) (1/ny) Σ_i g_q(y_i, c_l) e^{−ijy_i} (a direct DFT: the table is small and ny need not be a power of two)
  const C = new Float64Array(Q * nc * (half + 1) * 2);
  const samples = new Float64Array(ny);
  for (let q = 0; q < Q; q++) {
    const m = q >> 1;
    const imagPart = (q & 1) === 1;
    const pr = psihat.re[m]!;
    const pi = psihat.im[m]!;
    for (let l = 0; l < nc; l++) {
      for (let i = 0; i < ny; i++) {
        const k = l * ny + i;
        const dr = jac[k * R + m]!;
        const di = m === 0 ? 0 : jac[k * R + M + m]!;
        // ĝ_m = ψ̂_m (dr + i di)
        samples[i] = imagPart ? pr * di + pi * dr : pr * dr - pi * di;
      }
      for (let j = 0; j <= half; j++) {
        let sr = 0;
        let si = 0;
        for (let i = 0; i < ny; i++) {
          sr += samples[i]! * cosT[j * ny + i]!;
          si -= samples[i]! * sinT[j * ny + i]!;
        }
        sr /= ny;
        si /= ny;
        for (let p = 0; p < nc; p++) {
          const w = hermite[l * nc + p]!;
          const o = ((q * nc + p) * (half + 1) + j) * 2;
          C[o]! += w * sr;
          C[o + 1]! += w * si;
        }
      }
    }
  }
  // per real function q, every term but the constant, smallest energy first; drop while the share allows
  // (per q, so that a mode of small energy keeps its own terms and its per-mode control)
  const start: number[] = [];
  const pOut: number[] = [];
  const jOut: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const variance = new Float64Array(Q);
  for (let q = 0; q < Q; q++) {
    start.push(pOut.length);
    const terms: { p: number; j: number; e: number }[] = [];
    let total = 0;
    for (let p = 0; p < nc; p++) {
      for (let j = 0; j <= half; j++) {
        if (p === 0 && j === 0) continue;
        const o = ((q * nc + p) * (half + 1) + j) * 2;
        const e = j === 0 ? C[o]! ** 2 : 2 * (C[o]! ** 2 + C[o + 1]! ** 2);
        total += e;
        terms.push({ p, j, e });
      }
    }
    terms.sort((x, y) => x.e - y.e);
    let dropped = 0;
    let cut = 0;
    while (cut < terms.length && dropped + terms[cut]!.e <= TRUNCATION_ENERGY * total) dropped += terms[cut++]!.e;
    const kept = terms.slice(cut).sort((x, y) => x.p - y.p || x.j - y.j);
    for (const { p, j, e } of kept) {
      const o = ((q * nc + p) * (half + 1) + j) * 2;
      const f = j === 0 ? 1 : 2;
      pOut.push(p);
      jOut.push(j);
      a.push(f * C[o]!);
      b.push(j === 0 ? 0 : f * C[o + 1]!);
      variance[q]! += e;
    }
  }
  start.push(pOut.length);
  const expected = Array.from({ length: M + 1 }, (_, m) => parsevalWeight(m) * (variance[2 * m]! + variance[2 * m + 1]!));
  const constant = (q: number): number => C[(q * nc * (half + 1)) * 2]!;
  const meanRe = Array.from({ length: M + 1 }, (_, m) => constant(2 * m));
  const meanIm = Array.from({ length: M + 1 }, (_, m) => constant(2 * m + 1));
  return { t, start, p: pOut, j: jOut, a, b, meanRe, meanIm, expected, expectedShortfall: predicted - expected.reduce((x, y) => x + y, 0) };
}

/**
 * Evaluates `δ_lin(t)` of a set of particles at every recorded time from an
 * `InfluenceInterpolantRecord`. The particles enter only through their moments
 * `T_{p,j} = Σᵢ h_p(uᵢ) e^{ij yᵢ}` (the initial particles are the same at every time), so a member
 * costs one pass over its particles and then, per time, a sum over the kept terms that does not
 * depend on `n`. Buffers are allocated once per interpolant; `linearResponses` allocates nothing.
 */
export class InfluenceInterpolant {
  readonly M: number;
  private readonly h: Float64Array;
  private readonly cosJ: Float64Array;
  private readonly sinJ: Float64Array;
  private readonly maxJ: number;
  /** `T_{p,j}` at `[(p·(maxJ + 1) + j)·2 + {0: re, 1: im}]`. */
  private readonly moments: Float64Array;
  /** The tables' terms as typed arrays (the hot loop reads them). */
  private readonly packed: readonly { start: Int32Array; p: Int32Array; j: Int32Array; a: Float64Array; b: Float64Array }[];

  constructor(readonly record: InfluenceInterpolantRecord) {
    if (!(record.sigmaC > 0)) throw new RangeError(`InfluenceInterpolant: sigmaC = ${record.sigmaC}; the c-interpolant needs σ_c > 0`);
    this.M = record.M;
    // a loop, not Math.max(...j): a fine quadrature keeps ~10⁵ terms, past the engine's argument limit
    let maxJ = 0;
    for (const t of record.tables) for (const j of t.j) maxJ = Math.max(maxJ, j);
    this.maxJ = maxJ;
    this.h = new Float64Array(record.degree + 1);
    this.cosJ = new Float64Array(this.maxJ + 1);
    this.sinJ = new Float64Array(this.maxJ + 1);
    this.moments = new Float64Array((record.degree + 1) * (this.maxJ + 1) * 2);
    this.packed = record.tables.map((t) => ({
      start: Int32Array.from(t.start), p: Int32Array.from(t.p), j: Int32Array.from(t.j), a: Float64Array.from(t.a), b: Float64Array.from(t.b),
    }));
  }

  /**
   * `δ_lin,m(t_k)` of `n` particles into `out[k]` (`[re_0, im_0, re_1, …]`, `2(M + 1)` values) for
   * every recorded time `k`: `(1/n) Σᵢ (g̃_m(yᵢ, cᵢ) − E g̃_m)`.
   */
  linearResponses(y: Float64Array, c: Float64Array, n: number, out: readonly Float64Array[]): void {
    const { h, cosJ, sinJ, maxJ, moments } = this;
    const { cMean, sigmaC, degree } = this.record;
    const width = maxJ + 1;
    moments.fill(0);
    for (let i = 0; i < n; i++) {
      orthonormalHermite((c[i]! - cMean) / sigmaC, degree, h);
      const cy = Math.cos(y[i]!);
      const sy = Math.sin(y[i]!);
      let pr = 1;
      let pi = 0;
      for (let j = 0; j <= maxJ; j++) {
        cosJ[j] = pr;
        sinJ[j] = pi;
        const t = pr * cy - pi * sy;
        pi = pr * sy + pi * cy;
        pr = t;
      }
      for (let p = 0; p <= degree; p++) {
        const hp = h[p]!;
        const o = p * width * 2;
        for (let j = 0; j <= maxJ; j++) {
          moments[o + 2 * j]! += hp * cosJ[j]!;
          moments[o + 2 * j + 1]! += hp * sinJ[j]!;
        }
      }
    }
    const Q = 2 * (this.M + 1);
    this.packed.forEach(({ start, p, j, a, b }, k) => {
      const dest = out[k]!;
      for (let q = 0; q < Q; q++) {
        // Σᵢ h_p (a cos jy − b sin jy) = a Re T − b Im T
        let v = 0;
        for (let e = start[q]!; e < start[q + 1]!; e++) {
          const o = (p[e]! * width + j[e]!) * 2;
          v += a[e]! * moments[o]! - b[e]! * moments[o + 1]!;
        }
        dest[q] = v / n;
      }
    });
  }
}

/**
 * How far the linear part of a finite-`n` fluctuation is from Gaussian. The linear part of mode
 * `m`'s fluctuation, `δ_lin,m = (1/n) Σᵢ g̃_m(zᵢ) − E g̃_m` (`influenceInterpolant.ts`), is a mean
 * of `n` i.i.d. terms, so its standardised cumulants are one term's scaled by the classical rule:
 * skewness `κ₃/(σ³ √n)`, excess kurtosis `κ₄/(σ⁴ n)`.
 *
 * One term's cumulants are taken under `ρ_in` with the term set to 0 where `|u| > U`
 * (`u = (c − c̄)/σ_c`, `U = SHAPE_CUTOFF`), not under `ρ_in` itself. `g̃` is a polynomial of degree
 * up to `nc − 1` in `u`; past the outer Gauss–Hermite nodes (`u ≈ 6.6` for 16 nodes, 10 for 32) it
 * grows like `u^{nc−1}`, and its fourth moment under the full Gaussian is ruled by where no particle
 * ever is: measured, a one-term excess kurtosis of 1.5 for `|u| ≤ 6` becomes 10⁶–10⁷ for
 * `|u| ≤ 8`. A member's `δ_lin` equals the sum of the zeroed terms unless one of its `n` particles
 * has `|u| > U`, which has probability `≤ n·P(|u| > U)` (`P(|u| > 6) = 2·10⁻⁹`),
 * so the zeroed term's cumulants are the shape of the law the study samples, up to that event. In
 * `y` the trapezoid rule on `4J + 1` nodes is exact for `(g̃ − E g̃)⁴` (degree `4J`); in `u`, the
 * composite trapezoid rule of step `SHAPE_STEP` on `[−U, U]` (the integrand is a polynomial times
 * the Gaussian density: the step's error is far below the shapes' use).
 */
import { orthonormalHermite, type InfluenceTable } from './influenceInterpolant.ts';

/** The terms count where `|u| ≤ 6`, inside the outer nodes of every interpolant with ≥ 16 of them. */
export const SHAPE_CUTOFF = 6;
/** Trapezoid step in `u` (601 nodes on `[−6, 6]`). */
export const SHAPE_STEP = 0.02;

export interface InfluenceShape {
  /** The variance of one term with the terms of `|u| > cutoff` set to 0. */
  readonly variance: number;
  /** `κ₃/σ³` of one term. */
  readonly skewness: number;
  /** `κ₄/σ⁴` (`E(g̃ − μ)⁴/σ⁴ − 3`) of one term. */
  readonly excessKurtosis: number;
}

/**
 * The one-term shape of the real function `q` (`2m` for `Re g̃_m`, `2m + 1` for `Im g̃_m`) of one
 * recorded time's table under `ρ_in`, the term set to 0 where `|u| > cutoff`. A function the table
 * holds no term of (zero variance) has shape 0.
 */
export function influenceShape(table: InfluenceTable, q: number, cutoff = SHAPE_CUTOFF, step = SHAPE_STEP): InfluenceShape {
  const from = table.start[q];
  const to = table.start[q + 1];
  if (from === undefined || to === undefined) throw new RangeError(`influenceShape: q = ${q} is not a function of this table (${table.start.length - 1} of them)`);
  if (!(cutoff > 0 && step > 0 && step < cutoff)) throw new RangeError(`influenceShape: cutoff = ${cutoff}, step = ${step} must satisfy 0 < step < cutoff`);
  if (to === from) return { variance: 0, skewness: 0, excessKurtosis: 0 };
  let J = 0;
  let P = 0;
  for (let k = from; k < to; k++) {
    J = Math.max(J, table.j[k]!);
    P = Math.max(P, table.p[k]!);
  }
  const ny = 4 * J + 1;
  const cosT = new Float64Array(ny * (J + 1));
  const sinT = new Float64Array(ny * (J + 1));
  for (let i = 0; i < ny; i++) {
    for (let j = 0; j <= J; j++) {
      cosT[i * (J + 1) + j] = Math.cos((2 * Math.PI * i * j) / ny);
      sinT[i * (J + 1) + j] = Math.sin((2 * Math.PI * i * j) / ny);
    }
  }
  const nu = 2 * Math.round(cutoff / step) + 1;
  const h = new Float64Array(P + 1);
  const A = new Float64Array(J + 1);
  const B = new Float64Array(J + 1);
  // raw moments of g̃ − E g̃ under the restricted law (the restriction shifts the mean slightly: central moments below)
  let mass = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let l = 0; l < nu; l++) {
    const u = -cutoff + (2 * cutoff * l) / (nu - 1);
    const wu = ((l === 0 || l === nu - 1) ? 0.5 : 1) * Math.exp(-0.5 * u * u);
    orthonormalHermite(u, P, h);
    A.fill(0);
    B.fill(0);
    for (let k = from; k < to; k++) {
      const hp = h[table.p[k]!]!;
      A[table.j[k]!]! += hp * table.a[k]!;
      B[table.j[k]!]! += hp * table.b[k]!;
    }
    for (let i = 0; i < ny; i++) {
      let g = 0;
      const o = i * (J + 1);
      for (let j = 0; j <= J; j++) g += A[j]! * cosT[o + j]! - B[j]! * sinT[o + j]!;
      const g2 = g * g;
      mass += wu;
      s1 += wu * g;
      s2 += wu * g2;
      s3 += wu * g2 * g;
      s4 += wu * g2 * g2;
    }
  }
  // the Gaussian's mass outside [−U, U] is a point mass of the zeroed term at 0: divide by the whole mass, not the inside's
  const du = (2 * cutoff) / (nu - 1);
  const inside = (mass / ny) * du / Math.sqrt(2 * Math.PI);
  mass /= inside;
  const mu = s1 / mass;
  const e2 = s2 / mass;
  const e3 = s3 / mass;
  const e4 = s4 / mass;
  const m2 = e2 - mu * mu;
  const m3 = e3 - 3 * mu * e2 + 2 * mu ** 3;
  const m4 = e4 - 4 * mu * e3 + 6 * mu * mu * e2 - 3 * mu ** 4;
  if (!(m2 > 0)) return { variance: 0, skewness: 0, excessKurtosis: 0 };
  return { variance: m2, skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

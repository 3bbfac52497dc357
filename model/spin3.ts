/**
 * The paper's high-dimensional target (Sec. 5, eq. 32; docs/theory.md): the spherical 3-spin function
 *
 *     f(x) = (1/d) Σ_{p,q,r=1}^{d} a_pqr x_p x_q x_r,   a_pqr ~ N(0, 1) i.i.d.,
 *
 * on the sphere of radius `√d` in `ℝᵈ`, where the data `x` are drawn uniformly. The couplings are
 * drawn from their own random stream, so a realization is named by `(seed, stream)`. The radius is
 * the paper's `√d` unless another is asked for (a reading of Fig. 1: docs/studies.md); the same
 * formula is then evaluated on that sphere.
 */
import { Rng } from './rng.ts';

export interface Spin3Target {
  readonly d: number;
  /** `a[(p·d + q)·d + r]`. */
  readonly a: Float64Array;
  /**
   * The symmetrised couplings on `p ≤ q ≤ r`, packed row after row (for each `p`, each `q ≥ p`, the
   * run `r = q … d−1`): `S_pqr` is the sum of `a` over the distinct permutations of `(p, q, r)`.
   * `f` only sees the symmetric part of `a`, so `f(x) = (1/d) Σ_{p≤q≤r} S_pqr x_p x_q x_r`:
   * `d(d+1)(d+2)/6` terms instead of `d³` (5.7× fewer at d = 50).
   */
  readonly packed: Float64Array;
  readonly seed: number;
  readonly stream: number;
  /** The radius of the sphere the data are drawn from (`√d` in the paper). */
  readonly radius: number;
}

export function createSpin3Target(d: number, seed: number, stream = 0, radius = Math.sqrt(d)): Spin3Target {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d = ${d} is invalid: an integer >= 1`);
  if (!(radius > 0) || !Number.isFinite(radius)) throw new RangeError(`radius = ${radius} is invalid: a finite number > 0`);
  const rng = new Rng(seed, stream);
  const a = new Float64Array(d * d * d);
  for (let k = 0; k < a.length; k++) a[k] = rng.normal();
  return { d, a, packed: packSymmetric(a, d), seed, stream, radius };
}

/** `S_pqr` for `p ≤ q ≤ r` in the order `evaluateSpin3` reads them. */
function packSymmetric(a: Float64Array, d: number): Float64Array {
  const at = (p: number, q: number, r: number): number => a[(p * d + q) * d + r]!;
  const out = new Float64Array((d * (d + 1) * (d + 2)) / 6);
  let k = 0;
  for (let p = 0; p < d; p++) {
    for (let q = p; q < d; q++) {
      for (let r = q; r < d; r++) {
        // the distinct orderings of (p, q, r): 1, 3 or 6 of them
        let v: number;
        if (p === q && q === r) v = at(p, p, p);
        else if (p === q) v = at(p, p, r) + at(p, r, p) + at(r, p, p);
        else if (q === r) v = at(p, q, q) + at(q, p, q) + at(q, q, p);
        else v = at(p, q, r) + at(p, r, q) + at(q, p, r) + at(q, r, p) + at(r, p, q) + at(r, q, p);
        out[k++] = v;
      }
    }
  }
  return out;
}

/** `f(x)` for the point `x[offset … offset + d)`: `O(d³/6)` on the packed couplings, no allocation. */
export function evaluateSpin3(target: Spin3Target, x: Float64Array, offset = 0): number {
  const { d, packed } = target;
  let acc = 0;
  let k = 0;
  for (let p = 0; p < d; p++) {
    const xp = x[offset + p]!;
    let inner = 0;
    for (let q = p; q < d; q++) {
      let s = 0;
      for (let r = q; r < d; r++) s += packed[k++]! * x[offset + r]!;
      inner += x[offset + q]! * s;
    }
    acc += xp * inner;
  }
  return acc / d;
}

/** `out[k] = f(x_k)` for the `count` points of `x` (row-major). */
export function evaluateSpin3Batch(target: Spin3Target, x: Float64Array, count: number, out: Float64Array): void {
  for (let k = 0; k < count; k++) out[k] = evaluateSpin3(target, x, k * target.d);
}

/** Writes `count` points uniform on the sphere of radius `radius` (default `√d`) into `out` (row-major, `count × d`). */
export function sampleSphere(rng: Rng, d: number, count: number, out: Float64Array, radius = Math.sqrt(d)): void {
  for (let k = 0; k < count; k++) {
    const o = k * d;
    rng.fillNormal(out, o, d);
    let norm2 = 0;
    for (let p = 0; p < d; p++) norm2 += out[o + p]! ** 2;
    const scale = radius / Math.sqrt(norm2);
    for (let p = 0; p < d; p++) out[o + p]! *= scale;
  }
}

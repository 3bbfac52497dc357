/**
 * The paper's high-dimensional target (Sec. 5, eq. 32; SPEC §3): the spherical 3-spin function
 *
 *     f(x) = (1/d) Σ_{p,q,r=1}^{d} a_pqr x_p x_q x_r,   a_pqr ~ N(0, 1) i.i.d.,
 *
 * on the sphere of radius `√d` in `ℝᵈ`, where the data `x` are drawn uniformly. The couplings are
 * drawn from their own random stream, so a realization is named by `(seed, stream)`.
 */
import { Rng } from './rng.ts';

export interface Spin3Target {
  readonly d: number;
  /** `a[(p·d + q)·d + r]`. */
  readonly a: Float64Array;
  readonly seed: number;
  readonly stream: number;
}

export function createSpin3Target(d: number, seed: number, stream = 0): Spin3Target {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d = ${d} is invalid: an integer >= 1`);
  const rng = new Rng(seed, stream);
  const a = new Float64Array(d * d * d);
  for (let k = 0; k < a.length; k++) a[k] = rng.normal();
  return { d, a, seed, stream };
}

/** `f(x)` for the point `x[offset … offset + d)`: `O(d³)`, no allocation. */
export function evaluateSpin3(target: Spin3Target, x: Float64Array, offset = 0): number {
  const { d, a } = target;
  let acc = 0;
  for (let p = 0; p < d; p++) {
    const xp = x[offset + p]!;
    for (let q = 0; q < d; q++) {
      const base = (p * d + q) * d;
      let s = 0;
      for (let r = 0; r < d; r++) s += a[base + r]! * x[offset + r]!;
      acc += xp * x[offset + q]! * s;
    }
  }
  return acc / d;
}

/** `out[k] = f(x_k)` for the `count` points of `x` (row-major): no boxed double per point. */
export function evaluateSpin3Batch(target: Spin3Target, x: Float64Array, count: number, out: Float64Array): void {
  const { d, a } = target;
  for (let k = 0; k < count; k++) {
    const o = k * d;
    let acc = 0;
    for (let p = 0; p < d; p++) {
      const xp = x[o + p]!;
      for (let q = 0; q < d; q++) {
        const base = (p * d + q) * d;
        let s = 0;
        for (let r = 0; r < d; r++) s += a[base + r]! * x[o + r]!;
        acc += xp * x[o + q]! * s;
      }
    }
    out[k] = acc / d;
  }
}

/** Writes `count` points uniform on the sphere of radius `√d` into `out` (row-major, `count × d`). */
export function sampleSphere(rng: Rng, d: number, count: number, out: Float64Array): void {
  const radius = Math.sqrt(d);
  for (let k = 0; k < count; k++) {
    const o = k * d;
    rng.fillNormal(out, o, d);
    let norm2 = 0;
    for (let p = 0; p < d; p++) norm2 += out[o + p]! ** 2;
    const scale = radius / Math.sqrt(norm2);
    for (let p = 0; p < d; p++) out[o + p]! *= scale;
  }
}

/**
 * The 3-spin SGD velocity written plainly (the engine before register blocking): the reference the
 * blocked engine is tested against. For every point, every unit's pre-activation by a dot product;
 * then `ċᵢ = ⟨r h(zᵢ)⟩`, `ẇᵢ = cᵢ ⟨r h′(zᵢ) x⟩`, `ḃᵢ = cᵢ ⟨r h′(zᵢ)⟩` with `r = f − f_n`, and
 * `f` by its defining `d³` sum.
 */
import type { Spin3Target } from '../../model/index.ts';

export function spin3ReferenceVelocity(target: Spin3Target, relu: boolean, c: Float64Array, w: Float64Array, b: Float64Array,
  points: Float64Array, batch: number): { c: Float64Array; w: Float64Array; b: Float64Array } {
  const n = c.length;
  const d = target.d;
  const h = (s: number): number => (relu ? Math.max(0, s) : 1 / (1 + Math.exp(-s)));
  const dh = (s: number): number => (relu ? (s > 0 ? 1 : 0) : h(s) * (1 - h(s)));
  const vc = new Float64Array(n);
  const vw = new Float64Array(n * d);
  const vb = new Float64Array(n);
  const z = new Float64Array(n);
  for (let k = 0; k < batch; k++) {
    const x = points.subarray(k * d, (k + 1) * d);
    let f = 0;
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) for (let r = 0; r < d; r++) f += target.a[(p * d + q) * d + r]! * x[p]! * x[q]! * x[r]!;
    f /= d;
    let fn = 0;
    for (let i = 0; i < n; i++) {
      let s = b[i]!;
      for (let p = 0; p < d; p++) s += w[i * d + p]! * x[p]!;
      z[i] = s;
      fn += c[i]! * h(s);
    }
    const r = f - fn / n;
    for (let i = 0; i < n; i++) {
      vc[i]! += (r * h(z[i]!)) / batch;
      const g = (c[i]! * r * dh(z[i]!)) / batch;
      vb[i]! += g;
      for (let p = 0; p < d; p++) vw[i * d + p]! += g * x[p]!;
    }
  }
  return { c: vc, w: vw, b: vb };
}

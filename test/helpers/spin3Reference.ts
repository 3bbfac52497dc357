/**
 * The 3-spin SGD velocity written plainly (the engine before register blocking): the reference the
 * blocked engine is tested against. For every point, every unit's pre-activation by a dot product;
 * then `ċᵢ = ⟨r h(zᵢ)⟩`, `ẇᵢ = cᵢ ⟨r h′(zᵢ) x⟩`, `ḃᵢ = cᵢ ⟨r h′(zᵢ)⟩` with `r = f − f_n`, and
 * `f` by its defining `d³` sum.
 */
import { sampleSphere, type Spin3Target } from '../../model/index.ts';
import type { Spin3Network } from '../../particles/index.ts';

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

/** `steps` plain SGD steps from a fresh network's parameters and data stream: the reference training. */
export function spin3ReferenceTraining(net: Spin3Network, steps: number, dt: number, batch: number): void {
  const { target, d } = net;
  const points = new Float64Array(batch * d);
  for (let step = 0; step < steps; step++) {
    sampleSphere(net.rng, d, batch, points); // the engine's stream, so the same points
    const v = spin3ReferenceVelocity(target, net.activation === 'relu', net.c, net.w, net.b, points, batch);
    for (let i = 0; i < net.n; i++) {
      net.c[i]! += dt * v.c[i]!;
      net.b[i]! += dt * v.b[i]!;
    }
    for (let q = 0; q < net.w.length; q++) net.w[q]! += dt * v.w[q]!;
  }
}

/** The largest difference between two networks' parameters, relative to `1 + |reference|`. */
export function spin3ParameterDistance(a: { c: Float64Array; w: Float64Array; b: Float64Array }, ref: { c: Float64Array; w: Float64Array; b: Float64Array }): number {
  let worst = 0;
  for (const [x, y] of [[a.c, ref.c], [a.w, ref.w], [a.b, ref.b]] as const) {
    for (let q = 0; q < x.length; q++) worst = Math.max(worst, Math.abs(x[q]! - y[q]!) / (1 + Math.abs(y[q]!)));
  }
  return worst;
}

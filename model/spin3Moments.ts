/**
 * Exact data averages of the 3-spin problem (Sec. 5) for bias-free ReLU units `h(w · x) = max(0, w · x)`,
 * with `x` uniform on the sphere of radius `√d`: what the large-batch limit (GD on the loss itself,
 * eq. 9) needs instead of Monte-Carlo batches.
 *
 * The tools: on that sphere `E[x xᵀ] = I`; a function positively homogeneous of degree `k` in `x`
 * has the Gaussian (`x ~ N(0, I)`) average times `dᵏᐟ² / E_G|x|ᵏ` (`|x|` and `x/|x|` are independent
 * under the Gaussian), i.e. times 1, `d/(d + 2)`, `d²/((d + 2)(d + 4))` for `k = 2, 4, 6`; and
 * Gaussian averages by Wick's theorem and by `x = u ŵ + z` with `u = ŵ · x ~ N(0, 1)` independent of
 * `z ⊥ ŵ`. With `S` the symmetric part of the couplings (`f = (1/d)⟨S, x⊗x⊗x⟩`) and its trace
 * `v_p = Σ_q S_pqq`:
 *
 * - `E f² = (6‖S‖² + 9|v|²) / ((d + 2)(d + 4))` (Wick: 6 pairings across, 9 with a pair inside each factor);
 * - `E[f x] = 3v/(d + 2)` =: `g`, the target's degree-1 part `f₁(x) = g · x`;
 * - `F(w) = E[f(x) h(w · x)] = ½ g · w`: with `h(t) = t/2 + |t|/2`, the odd `f` sees only `t/2`
 *   (`E[u⁴; u > 0] = 3/2`, `E[u²; u > 0] = 1/2` leave exactly the trace term). Linear in `w`;
 * - `K(w, w′) = E[h(w · x) h(w′ · x)] = |w||w′| (sin θ + (π − θ) cos θ) / (2π)`, the arc-cosine
 *   kernel of degree 1 (Cho & Saul, NIPS 2009), `θ` the angle between `w` and `w′`, with gradient
 *   `∇_w K = ((π − θ) w′ + |w′| sin θ ŵ) / (2π)`.
 *
 * What follows, and what it means for Fig. 1's ReLU panel: a bias-free ReLU feature `h(w · x)` has
 * a degree-1 part and even-degree parts only (`|t|` is even), while `f` is odd with parts of degrees
 * 1 and 3. So no width and no training gets the loss below `½(E f² − |g|²)`, the degree-3 energy
 * (`BiasFreeFloor`): about `½ E f² (1 − 3/d)`, a quarter of `d` at `d = 50`. The paper's ReLU runs
 * reach far below that, so its ReLU units must carry biases (as `compare spin3` gives them, `σ_b = 1`).
 */
import type { Spin3Target } from './spin3.ts';

/** The symmetric couplings' squared norm `‖S‖²` and trace `v`. */
export function spin3SymmetricParts(target: Spin3Target): { normSquared: number; trace: Float64Array } {
  const { d, a } = target;
  const at = (p: number, q: number, r: number): number => a[(p * d + q) * d + r]!;
  let normSquared = 0;
  const trace = new Float64Array(d);
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      for (let r = 0; r < d; r++) {
        const s = (at(p, q, r) + at(p, r, q) + at(q, p, r) + at(q, r, p) + at(r, p, q) + at(r, q, p)) / 6;
        normSquared += s * s;
        if (q === r) trace[p]! += s;
      }
    }
  }
  return { normSquared, trace };
}

export interface Spin3Moments {
  readonly d: number;
  /** `E f²` over the sphere of radius `√d`. */
  readonly meanSquare: number;
  /** `g = E[f x]`: the degree-1 part `f₁(x) = g · x`. */
  readonly linear: Float64Array;
  /** `½(E f² − |g|²)`: the least loss any bias-free ReLU network reaches (the degree-3 energy, halved). */
  readonly biasFreeFloor: number;
}

export function spin3Moments(target: Spin3Target): Spin3Moments {
  const { d } = target;
  if (target.radius !== Math.sqrt(d)) throw new RangeError(`radius = ${target.radius} is invalid here: the exact averages are for the sphere of radius √d = ${Math.sqrt(d)}`);
  const { normSquared, trace } = spin3SymmetricParts(target);
  let v2 = 0;
  for (const t of trace) v2 += t * t;
  const meanSquare = (6 * normSquared + 9 * v2) / ((d + 2) * (d + 4));
  const linear = trace.map((t) => (3 * t) / (d + 2));
  let g2 = 0;
  for (const x of linear) g2 += x * x;
  return { d, meanSquare, linear, biasFreeFloor: 0.5 * (meanSquare - g2) };
}

/** `F(w) = E[f(x) max(0, w · x)] = ½ g · w` for the weights `w[o … o + d)`. */
export function reluTargetMoment(moments: Spin3Moments, w: Float64Array, o = 0): number {
  let s = 0;
  for (let p = 0; p < moments.d; p++) s += moments.linear[p]! * w[o + p]!;
  return 0.5 * s;
}

/** `K(w, w′) = E[max(0, w · x) max(0, w′ · x)]` for `w[oa …]`, `w′[ob …]` of length `d`; `grad`, if given, gets `∇_w K`. */
export function arcCosineKernel(w: Float64Array, oa: number, u: Float64Array, ob: number, d: number, grad: Float64Array | null = null): number {
  let ww = 0;
  let uu = 0;
  let wu = 0;
  for (let p = 0; p < d; p++) {
    const a = w[oa + p]!;
    const b = u[ob + p]!;
    ww += a * a;
    uu += b * b;
    wu += a * b;
  }
  const nw = Math.sqrt(ww);
  const nu = Math.sqrt(uu);
  // K vanishes with either weight; at w = 0 it is not differentiable (its slope depends on the direction): 0 is taken
  if (nw === 0 || nu === 0) {
    if (grad) grad.fill(0, 0, d);
    return 0;
  }
  const cos = Math.max(-1, Math.min(1, wu / (nw * nu)));
  const theta = Math.acos(cos);
  const sin = Math.sqrt(Math.max(0, 1 - cos * cos));
  if (grad) for (let p = 0; p < d; p++) grad[p] = ((Math.PI - theta) * u[ob + p]! + nu * sin * (w[oa + p]! / nw)) / (2 * Math.PI);
  return (nw * nu * (sin + (Math.PI - theta) * cos)) / (2 * Math.PI);
}

/**
 * `ℓ = ½ E(f − f_n)²` of `f_n(x) = (1/n) Σ cᵢ max(0, wᵢ · x)` (`w[i·d + p]`), exactly:
 * `½(E f² − (2/n) Σ cᵢ F(wᵢ) + (1/n²) Σ cᵢ cⱼ K(wᵢ, wⱼ))`. `O(n² d)`.
 */
export function exactReluLoss(moments: Spin3Moments, c: Float64Array, w: Float64Array, n: number): number {
  const { d } = moments;
  let cross = 0;
  let gram = 0;
  for (let i = 0; i < n; i++) {
    cross += c[i]! * reluTargetMoment(moments, w, i * d);
    gram += c[i]! * c[i]! * arcCosineKernel(w, i * d, w, i * d, d);
    for (let j = i + 1; j < n; j++) gram += 2 * c[i]! * c[j]! * arcCosineKernel(w, i * d, w, j * d, d);
  }
  return 0.5 * (moments.meanSquare - (2 / n) * cross + gram / (n * n));
}

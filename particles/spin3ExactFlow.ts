/**
 * Gradient descent on the exact loss of the 3-spin problem (Sec. 5) for bias-free ReLU units
 * `h(w · x) = max(0, w · x)`: the large-batch limit of eqs. (21–22), i.e. eq. (9) in the
 * mean-field time scaling, with no batch noise, no quench and no Monte-Carlo loss. With
 * `F(w) = ½ g · w` and the arc-cosine kernel `K` (model/spin3Moments.ts),
 *
 *     ℓ = ½(E f² − (2/n) Σᵢ cᵢ F(wᵢ) + (1/n²) Σᵢⱼ cᵢ cⱼ K(wᵢ, wⱼ)),
 *     ċᵢ = −n ∂ℓ/∂cᵢ = F(wᵢ) − (1/n) Σⱼ cⱼ K(wᵢ, wⱼ),
 *     ẇᵢ = −n ∇_{wᵢ} ℓ = cᵢ (½ g − (1/n) Σⱼ cⱼ ∇_w K(wᵢ, wⱼ)),
 *
 * the same time scale as the SGD particles (`Spin3Network`: `ċᵢ = ⟨r h(zᵢ)⟩_B`, whose batch mean is
 * exactly the `ċᵢ` above). `∇_w K(w, w′) = ((π − θ) w′ + |w′| sin θ ŵ) / (2π)`; its `j = i` term is
 * `w/2`, which the pair loop gets from `θ = 0`.
 *
 * Cost: one velocity is one pass over the `n(n − 1)/2` unordered pairs, each a dot product, an
 * `acos` and two `d`-vector updates (about `6d` flops), so `O(n² d)` with nothing stored per pair
 * (no `n × n` matrix: `n = 10⁴` would need 800 MB). RK4 takes four per step (particles/integrators.ts).
 * A step allocates nothing.
 */
import type { Spin3Moments } from '../model/spin3Moments.ts';
import type { VectorField } from './gradientFlow.ts';
import { createIntegrator, type Integrator, type IntegratorKind } from './integrators.ts';

/** The flow's vector field on the state `(w, c)` (`w` in the `y` slot of `VectorField`), with the exact loss of each evaluation. */
class ReluExactField implements VectorField {
  readonly n: number;
  readonly ySize: number;
  readonly d: number;
  readonly moments: Spin3Moments;
  private readonly norms: Float64Array;
  /** `Σⱼ cⱼ K(wᵢ, wⱼ)`, `Σⱼ cⱼ (π − θᵢⱼ) wⱼ` and `Σⱼ cⱼ |wⱼ| sin θᵢⱼ` of the last pass. */
  private readonly kc: Float64Array;
  private readonly aw: Float64Array;
  private readonly sn: Float64Array;

  /** The exact loss at the state of the last `velocity`. */
  lastLoss = NaN;

  constructor(moments: Spin3Moments, n: number) {
    const d = moments.d;
    this.n = n;
    this.d = d;
    this.ySize = n * d;
    this.moments = moments;
    this.norms = new Float64Array(n);
    this.kc = new Float64Array(n);
    this.aw = new Float64Array(n * d);
    this.sn = new Float64Array(n);
  }

  /**
   * The velocity `(ẇ, ċ)` at the state `(w, c)` into `dw`, `dc`, and the exact loss there into
   * `lastLoss` (the pair sums give both).
   */
  velocity(w: Float64Array, c: Float64Array, dw: Float64Array, dc: Float64Array): void {
    const { n, d, norms, kc, aw, sn } = this;
    const g = this.moments.linear;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += w[i * d + p]! * w[i * d + p]!;
      norms[i] = Math.sqrt(s);
    }
    kc.fill(0);
    aw.fill(0);
    sn.fill(0);
    const twoPi = 2 * Math.PI;
    for (let i = 0; i < n; i++) {
      const ni = norms[i]!;
      const ci = c[i]!;
      const oi = i * d;
      // j = i: θ = 0, K = |w|²/2, and (π − θ) cᵢ wᵢ; sin θ = 0
      kc[i]! += (ci * ni * ni) / 2;
      for (let p = 0; p < d; p++) aw[oi + p]! += Math.PI * ci * w[oi + p]!;
      if (ni === 0) continue;
      for (let j = i + 1; j < n; j++) {
        const nj = norms[j]!;
        if (nj === 0) continue;
        const oj = j * d;
        let dot = 0;
        for (let p = 0; p < d; p++) dot += w[oi + p]! * w[oj + p]!;
        let cos = dot / (ni * nj);
        if (cos > 1) cos = 1;
        else if (cos < -1) cos = -1;
        const theta = Math.acos(cos);
        const sin = Math.sqrt(1 - cos * cos);
        const pt = Math.PI - theta;
        const k = (ni * nj * (sin + pt * cos)) / twoPi;
        const cj = c[j]!;
        kc[i]! += cj * k;
        kc[j]! += ci * k;
        sn[i]! += cj * nj * sin;
        sn[j]! += ci * ni * sin;
        const a = cj * pt;
        const b = ci * pt;
        for (let p = 0; p < d; p++) {
          aw[oi + p]! += a * w[oj + p]!;
          aw[oj + p]! += b * w[oi + p]!;
        }
      }
    }
    let cross = 0;
    let gram = 0;
    for (let i = 0; i < n; i++) {
      const oi = i * d;
      let F = 0;
      for (let p = 0; p < d; p++) F += g[p]! * w[oi + p]!;
      F *= 0.5;
      const ci = c[i]!;
      cross += ci * F;
      gram += ci * kc[i]!;
      dc[i] = F - kc[i]! / n;
      const ni = norms[i]!;
      const radial = ni > 0 ? sn[i]! / ni : 0;
      for (let p = 0; p < d; p++) dw[oi + p] = ci * (0.5 * g[p]! - (aw[oi + p]! + radial * w[oi + p]!) / (twoPi * n));
    }
    this.lastLoss = 0.5 * (this.moments.meanSquare - (2 / n) * cross + gram / (n * n));
  }
}

/** Exact-loss GD on bias-free ReLU units from the given `c` (n) and `w[i·d + p]` (n·d), copied in. */
export class ReluExactFlow {
  readonly n: number;
  readonly d: number;
  /** The state, moved in place by `step`. */
  readonly c: Float64Array;
  readonly w: Float64Array;
  readonly integrator: IntegratorKind;
  private readonly field: ReluExactField;
  private readonly stepper: Integrator;
  private readonly vc: Float64Array;
  private readonly vw: Float64Array;

  constructor(moments: Spin3Moments, c: Float64Array, w: Float64Array, integrator: IntegratorKind = 'rk4') {
    const d = moments.d;
    const n = c.length;
    if (n < 1) throw new RangeError('c has length 0: a network needs at least one unit');
    if (w.length !== n * d) throw new RangeError(`w has length ${w.length}: expected n·d = ${n}·${d} = ${n * d}`);
    this.n = n;
    this.d = d;
    this.c = Float64Array.from(c);
    this.w = Float64Array.from(w);
    this.integrator = integrator;
    this.field = new ReluExactField(moments, n);
    this.stepper = createIntegrator(integrator, this.field);
    this.vc = new Float64Array(n);
    this.vw = new Float64Array(n * d);
  }

  /** The exact loss `ℓ` of the current state (one pass over the pairs). */
  loss(): number {
    this.field.velocity(this.w, this.c, this.vw, this.vc);
    return this.field.lastLoss;
  }

  /** The velocity `(ċ, ẇ)` of the current state into `dc`, `dw`; returns the exact loss. */
  velocity(dc: Float64Array, dw: Float64Array): number {
    this.field.velocity(this.w, this.c, dw, dc);
    return this.field.lastLoss;
  }

  /** One step of length `dt`. */
  step(dt: number): void {
    if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt = ${dt} is invalid: a finite number > 0`);
    this.stepper.step(this.w, this.c, dt);
  }
}

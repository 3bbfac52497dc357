/**
 * The CLT prefactor from the linearised mean-field flow (the paper's Prop. 3.2 and supplementary
 * eq. S46): a deterministic prediction of `lim_{n→∞} n·E‖f_n(t) − f₀(t)‖²` and of its spectrum.
 *
 * Why it is a first variation. GD on `n` particles is the mean-field flow started from the
 * empirical law `ρ_n(0) = (1/n) Σ δ_{zᵢ}`, `zᵢ ~ ρ_in` i.i.d. (the particles of eq. (9) are the
 * characteristics of eq. (12) with `ρ = ρ_n`). Write `f(t) = 𝓕_t(ρ(0))` for the map from the
 * initial law to the represented function. Then
 *
 *     √n (f_n(t) − f₀(t)) = D𝓕_t[ρ_in] · √n (ρ_n(0) − ρ_in) + O(n^{−1/2}),
 *
 * and `√n (ρ_n(0) − ρ_in)` tends to the Gaussian field with covariance `Cov_{z~ρ_in}` of point
 * evaluations. With the influence `g_t(z) = δ𝓕_t/δρ(z)` (the derivative of `f₀(t)` with respect
 * to adding mass at `z`) the limit `f_{1/2}(t)` is Gaussian with covariance `Cov_{z~ρ_in}[g_t(z)]`,
 * so per Fourier mode and in total (Parseval weights 1 for `m = 0`, 2 otherwise)
 *
 *     n·E|f̂_n,m − f̂₀,m|² → Var_{z~ρ_in}[ĝ_{t,m}(z)],   n·E‖f_n − f₀‖² → Σ_m w_m Var_z[ĝ_{t,m}(z)].
 *
 * (The bias is O(1/n), so it leaves the limit.) At `t = 0`, `g_0(z) = c ψ(· − y)` and the prefactor
 * is `E[c²]∫ψ² − ‖E c ψ(·−y)‖² = σ_c² ∫ψ² dμ` for `c̄ = 0`: exact. In the linear regime it reduces
 * to `Σ_m σ_c² |ψ̂_m|² e^{−2λ_m t}` (`linearFluctuation.ts`).
 *
 * How it is computed. The Lagrangian reference discretises `ρ_in ≈ Σ_k W_k δ_{z_k}`, and its
 * output `f̂₀(T) = ψ̂ · S(X_T, W)`, `S_m = Σ_k W_k c_k e^{−imy_k}`, is a smooth function of the
 * weights. Adding mass at node `z_k` is increasing `W_k`, so `g_T(z_k) = ψ̂ · ∂S(T)/∂W_k`: the
 * Jacobian of the discrete solver with respect to its weights, `2M + 1` real outputs by `N`
 * inputs. Reverse mode (the discrete adjoint of the same Cooper–Verner RK8 steps) gets all of it
 * with `2M + 1` adjoint vectors per output time, and the covariance is then the quadrature
 * `Σ_k W_k |g(z_k) − ḡ|²` on the same nodes. Being the exact derivative of the discrete map, it is
 * checked against finite differences of `LagrangianSolver` to rounding.
 *
 * The velocity of a characteristic depends on the rest only through `S` (2M + 1 reals), so the
 * Jacobian of the RK stage field is block-diagonal (2×2 per characteristic) plus rank `2M + 1`:
 * with `a = (a_y, a_c)` an adjoint vector on the stage, `ν = Σ_k (∂v_k/∂S)ᵀ a_k` is a weighted
 * Fourier moment, `ν_m = −w_m k̂_m Σ_k (a_c − i m c a_y) e^{−imy_k}`, and pulling `ν` back through
 * `S` costs one series evaluation per node. Work per stage `O(N (2M + 1) M)`.
 */
import { parsevalWeight, stepsTo, type InitialLaw, type Spectrum, type TorusProblem } from '../model/index.ts';
import { lagrangianWork, LagrangianSolver } from './lagrangianSolver.ts';
import { influenceTable, type InfluenceTable } from './influenceInterpolant.ts';
import { SolverConfigError } from './meanFieldSolver.ts';
import { RK8_A, RK8_B } from './rungeKutta8.ts';
import { LinearResponseTransport, type TransportTape } from './linearResponseTransport.ts';

export interface CltPredictionOptions {
  /** Trapezoid nodes in y of the Lagrangian discretisation. */
  readonly ny: number;
  /** Gauss–Hermite nodes in c. */
  readonly nc: number;
  /** Increasing times ≥ 0. */
  readonly times: readonly number[];
  /** RK8 step (default that of the Lagrangian solver, 0.05). */
  readonly dt?: number;
}

/**
 * The prediction's work: the forward sweep, then per output time an adjoint sweep back to 0 with
 * `2M + 1` vectors (calibrated: 64×16 nodes, `M = 10`, 880 adjoint steps to t = 50 estimate 36 s; measured 35 s).
 */
export function predictionWork(nodes: number, M: number, times: readonly number[], dt: number): number {
  const forward = lagrangianWork(nodes, M, stepsTo(times, dt));
  let adjoint = 0;
  for (const t of times) adjoint += Math.ceil(t / dt - 1e-9);
  return forward + adjoint * (2 * M + 1) * lagrangianWork(nodes, M, 1);
}

export interface CltPredictionHooks {
  /** Adjoint steps done of the total, for a progress bar. */
  onProgress?(done: number, total: number): void;
}

export interface CltPrediction {
  readonly t: number;
  /** The predicted `lim n·E‖f_n(t) − f₀(t)‖²`. */
  readonly total: number;
  /** Per mode `m = 0..M`, with the Parseval weight (the terms of `total`). */
  readonly perMode: Float64Array;
  /** `f̂₀(t)` of the same discretisation (the forward solve). */
  readonly fhat: Spectrum;
  /** The influence `ĝ_t` as an interpolant off the nodes (`influenceInterpolant.ts`); null when `σ_c = 0`. */
  readonly influence: InfluenceTable | null;
}

/**
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const [a, b] = predictCltPrefactor(p, { cMean: 0, sigmaC: 1 }, { ny: 64, nc: 24, times: [0, 10] });
 * a.total; // 0.2070… = σ_c² ∫ψ² dμ
 */
export function predictCltPrefactor(problem: TorusProblem, law: InitialLaw, opts: CltPredictionOptions,
  hooks: CltPredictionHooks = {}): CltPrediction[] {
  const adj = new WeightAdjoint(problem, law, opts);
  return predictionsOf(adj, adj.weightJacobians(hooks), law, opts);
}

function predictionsOf(adj: WeightAdjoint, jac: readonly Float64Array[], law: InitialLaw, opts: CltPredictionOptions): CltPrediction[] {
  return opts.times.map((t, k) => {
    const { perMode, total } = adj.influenceVariance(jac[k]!);
    const influence = law.sigmaC > 0 ? influenceTable(adj.problem, opts.ny, opts.nc, t, jac[k]!, total) : null;
    return { t, total, perMode, fhat: adj.fhatAt[k]!, influence };
  });
}

/**
 * The prediction and, beside it, each member's exact linear response (`linearResponseTransport.ts`)
 * from the same adjoint sweeps, which then keep their field adjoints: memory
 * `2·Σ_T (T/dt)·11·(2M + 1)(M + 1)` doubles (vonmises:2 to t = 50, seven times: 18 MB at dt 0.2, 9 MB at 0.4; counted in the study's memory estimate).
 */
export function predictCltPrefactorWithTransport(problem: TorusProblem, law: InitialLaw, opts: CltPredictionOptions,
  hooks: CltPredictionHooks = {}): { predictions: CltPrediction[]; transport: LinearResponseTransport } {
  const adj = new WeightAdjoint(problem, law, opts);
  const tape = adj.recordTape();
  const predictions = predictionsOf(adj, adj.weightJacobians(hooks), law, opts);
  return { predictions, transport: new LinearResponseTransport(problem, tape) };
}

/**
 * `∂S_r(T)/∂W_k` of the Lagrangian solver for every recorded `T`, by the discrete adjoint of its
 * RK8 steps. Components `r = 0..M` are `Re S_r`, `r = M + m` (`m = 1..M`) are `Im S_m`.
 */
export class WeightAdjoint {
  readonly problem: TorusProblem;
  /** Characteristics `N`. */
  readonly count: number;
  /** Real output components `R = 2M + 1`. */
  readonly components: number;
  readonly weights: Float64Array;
  /** `f̂₀` at the recorded times (filled by `weightJacobians`). */
  readonly fhatAt: Spectrum[] = [];
  private readonly solver: LagrangianSolver;
  private readonly times: readonly number[];
  /** Stage-wise linearisation of one step: states, derivatives, `cos/sin(m y_k)`, `U′`, `U″`. */
  private readonly Y: Float64Array[];
  private readonly K: Float64Array[];
  private readonly cosT: Float64Array[];
  private readonly sinT: Float64Array[];
  private readonly dU: Float64Array[];
  private readonly d2U: Float64Array[];
  /** Adjoint state `λ` and stage adjoints `u_i`, node-major: `[(k·R + r)·2 + {0: y, 1: c}]`. */
  private readonly lam: Float64Array;
  private readonly u: Float64Array[];
  private readonly a: Float64Array;
  /** Field adjoint `ν_r,m`, `[r·(M+1) + m]`. */
  private readonly nuRe: Float64Array;
  private readonly nuIm: Float64Array;
  /** The sweeps' record for `LinearResponseTransport` (null unless `recordTape` was called). */
  private tape: TransportTape | null = null;
  /** The recorded time and step the backward sweep is in (the tape's cursor). */
  private tapeTime = 0;
  private tapeStep = 0;

  constructor(problem: TorusProblem, law: InitialLaw, opts: CltPredictionOptions) {
    for (let k = 0; k < opts.times.length; k++) {
      const t = opts.times[k]!;
      if (!(t >= 0) || !Number.isFinite(t) || (k > 0 && !(t > opts.times[k - 1]!))) {
        throw new SolverConfigError('CLT prediction', [{ field: 'times', value: opts.times.join(', '), allowed: 'finite, >= 0 and increasing' }]);
      }
    }
    this.problem = problem;
    this.times = opts.times;
    this.solver = new LagrangianSolver(problem, law, { ny: opts.ny, nc: opts.nc, ...(opts.dt === undefined ? {} : { dt: opts.dt }) });
    const N = this.solver.count;
    const M = problem.M;
    const R = 2 * M + 1;
    this.count = N;
    this.components = R;
    this.weights = this.solver.weights;
    const stages = RK8_B.length;
    const make = (len: number): Float64Array[] => Array.from({ length: stages }, () => new Float64Array(len));
    this.Y = make(2 * N);
    this.K = make(2 * N);
    this.cosT = make(N * (M + 1));
    this.sinT = make(N * (M + 1));
    this.dU = make(N);
    this.d2U = make(N);
    this.lam = new Float64Array(2 * N * R);
    this.u = make(2 * N * R);
    this.a = new Float64Array(2 * N * R);
    this.nuRe = new Float64Array(R * (M + 1));
    this.nuIm = new Float64Array(R * (M + 1));
  }

  /**
   * One `R × N` Jacobian per recorded time, `J[k·R + r] = ∂S_r(T)/∂W_k`. Runs the forward solve
   * once, keeping the state at every step, then one backward sweep per recorded time.
   */
  /**
   * Makes the next `weightJacobians` also record what a zero-weight characteristic needs to get its
   * own influence exactly (`linearResponseTransport.ts`): the step lengths, the potential `Û` at
   * every stage, and per recorded time the field adjoint `ν` at every stage of its sweep.
   */
  recordTape(): TransportTape {
    const M = this.problem.M;
    const empty = new Float64Array(0);
    this.tape = { M, R: this.components, stages: RK8_B.length, steps: [], stepAt: [], potRe: empty, potIm: empty, nuRe: [], nuIm: [], mean: [] };
    return this.tape;
  }

  weightJacobians(hooks: CltPredictionHooks = {}): Float64Array[] {
    const { solver, times } = this;
    // the forward solve advances the one solver this object owns: a second call would start at the end
    if (solver.steps > 0 || this.fhatAt.length > 0) throw new Error('weightJacobians runs once per WeightAdjoint; make a new one');
    const N = this.count;
    const states: Float64Array[] = [];
    const steps: number[] = [];
    const stepAt: number[] = [];
    for (const T of times) {
      while (solver.t < T) {
        states.push(solver.state.slice());
        steps.push(solver.stepToward(T));
      }
      stepAt.push(steps.length);
      this.fhatAt.push(solver.fhat());
    }
    states.push(solver.state.slice());
    const total = stepAt.reduce((a, b) => a + b, 0);
    let done = 0;
    const tape = this.tape;
    if (tape) {
      // loops, not spread: a long run has more steps than an argument list takes
      for (const h of steps) tape.steps.push(h);
      for (const S of stepAt) tape.stepAt.push(S);
      const size = steps.length * tape.stages * (this.problem.M + 1);
      tape.potRe = new Float64Array(size);
      tape.potIm = new Float64Array(size);
    }
    return stepAt.map((S, k) => {
      const jac = new Float64Array(N * this.components);
      if (tape) {
        const size = S * tape.stages * tape.R * (tape.M + 1);
        tape.nuRe.push(new Float64Array(size));
        tape.nuIm.push(new Float64Array(size));
        this.tapeTime = k;
      }
      this.seedOutput(states[S]!, jac);
      for (let s = S - 1; s >= 0; s--) {
        this.tapeStep = s;
        this.backwardStep(states[s]!, steps[s]!, jac);
        hooks.onProgress?.(++done, total);
      }
      if (tape) {
        const mean = new Float64Array(this.components);
        for (let q = 0; q < N; q++) for (let r = 0; r < this.components; r++) mean[r]! += this.weights[q]! * jac[q * this.components + r]!;
        tape.mean.push(mean);
      }
      return jac;
    });
  }

  /** Per mode `w_m Σ_k W_k |ĝ_m(z_k) − ḡ_m|²` with `ĝ_m = ψ̂_m ∂S_m/∂W_k`, and their sum. */
  influenceVariance(jac: Float64Array): { perMode: Float64Array; total: number } {
    const { weights, components: R } = this;
    const { M, psihat } = this.problem;
    const N = this.count;
    const perMode = new Float64Array(M + 1);
    let total = 0;
    for (let m = 0; m <= M; m++) {
      let mr = 0;
      let mi = 0;
      for (let k = 0; k < N; k++) {
        mr += weights[k]! * jac[k * R + m]!;
        mi += weights[k]! * (m === 0 ? 0 : jac[k * R + M + m]!);
      }
      let v = 0;
      for (let k = 0; k < N; k++) {
        const dr = jac[k * R + m]! - mr;
        const di = (m === 0 ? 0 : jac[k * R + M + m]!) - mi;
        v += weights[k]! * (dr * dr + di * di);
      }
      // |ψ̂_m (dr + i di)|² = |ψ̂_m|² |dr + i di|²
      perMode[m] = parsevalWeight(m) * (psihat.re[m]! ** 2 + psihat.im[m]! ** 2) * v;
      total += perMode[m]!;
    }
    return { perMode, total };
  }

  /** `λ(T) = (∂S/∂X_T)ᵀ e_r` and the direct term `∂S/∂W = c e^{−imy}` for every component `r`. */
  private seedOutput(state: Float64Array, jac: Float64Array): void {
    const M = this.problem.M;
    this.trigTable(state, 0);
    this.nuRe.fill(0);
    this.nuIm.fill(0);
    for (let m = 0; m <= M; m++) this.nuRe[m * (M + 1) + m] = 1;
    for (let m = 1; m <= M; m++) this.nuIm[(M + m) * (M + 1) + m] = 1;
    this.lam.fill(0);
    jac.fill(0);
    this.pullBack(state, 0, this.lam, jac);
  }

  /** From `λ_{s+1}` to `λ_s` through one RK8 step of length `h` from `X_s`, accumulating `∂/∂W`. */
  private backwardStep(Xs: Float64Array, h: number, jac: Float64Array): void {
    const { Y, K, u, a, lam } = this;
    const stages = RK8_B.length;
    const len = lam.length;
    const N = this.count;
    // the stages of this step, as the forward solve formed them
    for (let i = 0; i < stages; i++) {
      const row = RK8_A[i]!;
      const Yi = Y[i]!;
      Yi.set(Xs);
      for (let j = 0; j < row.length; j++) {
        const c = row[j]! * h;
        if (c === 0) continue;
        const Kj = K[j]!;
        for (let q = 0; q < 2 * N; q++) Yi[q]! += c * Kj[q]!;
      }
      this.solver.velocity(Yi, K[i]!);
      if (this.tape) {
        const o = (this.tapeStep * stages + i) * (this.problem.M + 1);
        this.tape.potRe.set(this.solver.potential.re, o);
        this.tape.potIm.set(this.solver.potential.im, o);
      }
      this.linearise(Yi, i);
    }
    // ∂J/∂K_i = h b_i λ + h Σ_{l>i} A_li ∂J/∂Y_l;  ∂J/∂Y_i = (∂v/∂X)(Y_i)ᵀ ∂J/∂K_i
    for (let i = stages - 1; i >= 0; i--) {
      const b = RK8_B[i]! * h;
      let any = b !== 0;
      for (let q = 0; q < len; q++) a[q] = b * lam[q]!;
      for (let l = i + 1; l < stages; l++) {
        const c = RK8_A[l]![i]! * h;
        if (c === 0) continue;
        any = true;
        const ul = u[l]!;
        for (let q = 0; q < len; q++) a[q]! += c * ul[q]!;
      }
      const ui = u[i]!;
      if (!any) {
        ui.fill(0);
        continue;
      }
      this.stageAdjoint(i, a, ui, jac);
    }
    for (let i = 0; i < stages; i++) {
      const ui = u[i]!;
      for (let q = 0; q < len; q++) lam[q]! += ui[q]!;
    }
  }

  /** `cos(m y_k)`, `sin(m y_k)` of a state into stage slot `i`. */
  private trigTable(state: Float64Array, i: number): void {
    const N = this.count;
    const M = this.problem.M;
    const cosT = this.cosT[i]!;
    const sinT = this.sinT[i]!;
    for (let k = 0; k < N; k++) {
      const c = Math.cos(state[k]!);
      const s = Math.sin(state[k]!);
      let pr = 1;
      let pi = 0;
      const o = k * (M + 1);
      for (let m = 0; m <= M; m++) {
        cosT[o + m] = pr;
        sinT[o + m] = pi;
        const t = pr * c - pi * s;
        pi = pr * s + pi * c;
        pr = t;
      }
    }
  }

  /** Stage `i`'s trig table and `U′(y_k)`, `U″(y_k)` from the potential the last `velocity` call left. */
  private linearise(state: Float64Array, i: number): void {
    this.trigTable(state, i);
    const N = this.count;
    const M = this.problem.M;
    const { re, im } = this.solver.potential;
    const cosT = this.cosT[i]!;
    const sinT = this.sinT[i]!;
    const dU = this.dU[i]!;
    const d2U = this.d2U[i]!;
    for (let k = 0; k < N; k++) {
      const o = k * (M + 1);
      let d1 = 0;
      let d2 = 0;
      for (let m = 1; m <= M; m++) {
        const cs = cosT[o + m]!;
        const sn = sinT[o + m]!;
        d1 += m * (re[m]! * sn + im[m]! * cs);
        d2 += m * m * (re[m]! * cs - im[m]! * sn);
      }
      dU[k] = -2 * d1;
      d2U[k] = -2 * d2;
    }
  }

  /**
   * `out = (∂v/∂X)(Y_i)ᵀ a` for all `R` adjoint vectors, and `jac += (∂v/∂W)ᵀ a`. The own-node
   * block of `v = (−c U′(y), −U(y))` is `[[−c U″, −U′], [−U′, 0]]`; the rest goes through `ν`.
   */
  private stageAdjoint(i: number, a: Float64Array, out: Float64Array, jac: Float64Array): void {
    const N = this.count;
    const M = this.problem.M;
    const R = this.components;
    const Yi = this.Y[i]!;
    const cosT = this.cosT[i]!;
    const sinT = this.sinT[i]!;
    const dU = this.dU[i]!;
    const d2U = this.d2U[i]!;
    const { nuRe, nuIm } = this;
    const { khat } = this.problem;
    nuRe.fill(0);
    nuIm.fill(0);
    // ν_r,m = −w_m k̂_m Σ_k (β − i m α) e^{−imy_k}, β = a_c, α = c a_y
    for (let k = 0; k < N; k++) {
      const ck = Yi[N + k]!;
      const o = k * (M + 1);
      for (let r = 0; r < R; r++) {
        const q = (k * R + r) * 2;
        const alpha = ck * a[q]!;
        const beta = a[q + 1]!;
        const v = r * (M + 1);
        for (let m = 0; m <= M; m++) {
          const cs = cosT[o + m]!;
          const sn = sinT[o + m]!;
          nuRe[v + m]! += beta * cs - m * alpha * sn;
          nuIm[v + m]! -= beta * sn + m * alpha * cs;
        }
      }
    }
    for (let r = 0; r < R; r++) {
      for (let m = 0; m <= M; m++) {
        const s = -parsevalWeight(m) * khat[m]!;
        nuRe[r * (M + 1) + m]! *= s;
        nuIm[r * (M + 1) + m]! *= s;
      }
    }
    if (this.tape) {
      const o = (this.tapeStep * RK8_B.length + i) * R * (M + 1);
      this.tape.nuRe[this.tapeTime]!.set(nuRe, o);
      this.tape.nuIm[this.tapeTime]!.set(nuIm, o);
    }
    for (let k = 0; k < N; k++) {
      const ck = Yi[N + k]!;
      for (let r = 0; r < R; r++) {
        const q = (k * R + r) * 2;
        out[q] = -ck * d2U[k]! * a[q]! - dU[k]! * a[q + 1]!;
        out[q + 1] = -dU[k]! * a[q]!;
      }
    }
    this.pullBack(Yi, i, out, jac);
  }

  /**
   * Adds `(∂S/∂X)ᵀ ν` to `out` and `(∂S/∂W)ᵀ ν` to `jac` for every vector `r`: with
   * `g(y) = Σ_m Re(ν_m e^{imy})`, node `k` gets `(W_k c_k g′(y_k), W_k g(y_k))` and `c_k g(y_k)`.
   */
  private pullBack(state: Float64Array, i: number, out: Float64Array, jac: Float64Array): void {
    const N = this.count;
    const M = this.problem.M;
    const R = this.components;
    const { nuRe, nuIm, weights } = this;
    const cosT = this.cosT[i]!;
    const sinT = this.sinT[i]!;
    for (let k = 0; k < N; k++) {
      const ck = state[N + k]!;
      const wk = weights[k]!;
      const o = k * (M + 1);
      for (let r = 0; r < R; r++) {
        const v = r * (M + 1);
        let g = 0;
        let gp = 0;
        for (let m = 0; m <= M; m++) {
          const cs = cosT[o + m]!;
          const sn = sinT[o + m]!;
          const nr = nuRe[v + m]!;
          const ni = nuIm[v + m]!;
          g += nr * cs - ni * sn;
          gp -= m * (nr * sn + ni * cs);
        }
        const q = (k * R + r) * 2;
        out[q]! += wk * ck * gp;
        out[q + 1]! += wk * g;
        jac[k * R + r]! += ck * g;
      }
    }
  }
}

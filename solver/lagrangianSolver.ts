/**
 * The Lagrangian reference for `ρ₀` (eqs. 12–13): weighted characteristics. The mean-field flow
 * transports `ρ₀` along the characteristics of its own velocity field,
 *
 *     ẏ = −c ∂_yU(y),   ċ = −U(y),   U = −F + k ⋆ G,   2πĜ_m = ∫∫ c e^{−imy} ρ₀(t, dy, dc),
 *
 * so `ρ₀(t) = Φ_t # ρ_in` and every integral against `ρ₀(t)` is an integral against `ρ_in` of the
 * transported point. Discretising `ρ_in` by a tensor quadrature — the trapezoid rule in `y`
 * (spectrally accurate for periodic integrands) times the Gauss–Hermite rule for `N(c̄, σ_c²)` —
 * gives points `z_k` with weights `W_k` that move exactly like particles of eq. (9) with `1/n`
 * replaced by `W_k`: `2πĜ_m = Σ_k W_k c_k e^{−imy_k}`. Since `Φ_t` is smooth, `f₀(t)` converges
 * spectrally in the quadrature size, though phase mixing (SPEC §5) makes the integrand oscillate
 * more in `c` as `t` grows and the needed size grows with `t`. Time: the eighth-order method of
 * Cooper & Verner with a fixed step. Unlike the grid solver this one has no `c`-domain and no
 * outflow; it shares nothing with it but `model/`, so their agreement is a real check.
 */
import {
  createSpectrum, lossOfSpectrum, multiplySpectraInto,
  type InitialLaw, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import { GAUSS_HERMITE_MAX_NODES, normalQuadrature } from './gaussHermite.ts';
import { RungeKutta8 } from './rungeKutta8.ts';
import { createWeightedPotentialBuffers, weightedPotential, type WeightedPotentialBuffers } from './weightedPotential.ts';
import type { SolverSnapshot } from './solverSnapshot.ts';

export interface LagrangianOptions {
  /** Trapezoid nodes in y (equispaced on the torus). */
  readonly ny: number;
  /** Gauss–Hermite nodes in c. */
  readonly nc: number;
  /** Increasing times ≥ 0 at which to record. */
  readonly times: readonly number[];
  /** Time step of the RK8 integrator (the last step before a recorded time is shortened); default 0.05. */
  readonly dt?: number;
  /** Only `c` moves: the frozen-y ("random features") variant. */
  readonly frozenY?: boolean;
}

export interface LagrangianHooks {
  onProgress?(t: number, tEnd: number): void;
}

/** Raised for quadrature sizes or steps the solver cannot use. */
export class LagrangianConfigError extends Error {
  override readonly name = 'LagrangianConfigError';
}

export const LAGRANGIAN_DEFAULT_DT = 0.05;

/**
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const [s] = solveLagrangian(p, { cMean: 0, sigmaC: 1 }, { ny: 192, nc: 48, times: [2] });
 * s.fhat.re[1]; // f̂₀,₁(2), converged to ~1e-12
 */
export function solveLagrangian(problem: TorusProblem, law: InitialLaw, opts: LagrangianOptions,
  hooks: LagrangianHooks = {}): SolverSnapshot[] {
  const solver = new LagrangianSolver(problem, law, opts);
  const tEnd = opts.times[opts.times.length - 1] ?? 0;
  return opts.times.map((T) => {
    solver.advanceTo(T, hooks, tEnd);
    return solver.snapshot();
  });
}

export class LagrangianSolver {
  readonly problem: TorusProblem;
  /** Number of characteristics `N = ny · nc`. */
  readonly count: number;
  readonly dt: number;
  readonly frozenY: boolean;
  private readonly ncNodes: number;
  /** `[y_0 … y_{N−1}, c_0 … c_{N−1}]`, advanced in place. */
  readonly state: Float64Array;
  /** Quadrature weights `W_k` (a probability vector). */
  readonly weights: Float64Array;
  t = 0;
  steps = 0;
  private readonly integrator: RungeKutta8;
  /** `U`, `∂_yU` at the nodes and the moments of the last evaluation. */
  private readonly field: WeightedPotentialBuffers;
  /** `2πĜ_m` of the last evaluation. */
  private readonly moments: Spectrum;
  /** `Û_m` of the last evaluation of `velocity` (read by the tangent-linear/adjoint code). */
  readonly potential: Spectrum;

  constructor(problem: TorusProblem, law: InitialLaw, opts: LagrangianOptions) {
    const { ny, nc } = opts;
    if (!Number.isInteger(ny) || ny <= 2 * problem.M) {
      throw new LagrangianConfigError(`ny = ${ny} is invalid: an integer > 2M = ${2 * problem.M}, so the trapezoid rule integrates the unit's modes exactly at t = 0`);
    }
    if (!Number.isInteger(nc) || nc < 1 || nc > GAUSS_HERMITE_MAX_NODES) {
      throw new LagrangianConfigError(`nc = ${nc} is invalid: an integer in [1, ${GAUSS_HERMITE_MAX_NODES}]`);
    }
    const dt = opts.dt ?? LAGRANGIAN_DEFAULT_DT;
    if (!(dt > 0) || !Number.isFinite(dt)) throw new LagrangianConfigError(`dt = ${dt} is invalid: a finite number > 0`);
    if (!(law.sigmaC >= 0) || !Number.isFinite(law.cMean)) throw new LagrangianConfigError(`the initial law (c̄ = ${law.cMean}, σ_c = ${law.sigmaC}) is invalid`);
    this.problem = problem;
    this.dt = dt;
    this.frozenY = opts.frozenY ?? false;
    const count = ny * nc;
    this.count = count;
    this.ncNodes = nc;
    this.state = new Float64Array(2 * count);
    this.weights = new Float64Array(count);
    const rule = normalQuadrature(law.cMean, law.sigmaC, nc);
    for (let l = 0; l < nc; l++) {
      for (let i = 0; i < ny; i++) {
        const k = l * ny + i;
        this.state[k] = (2 * Math.PI * i) / ny;
        this.state[count + k] = rule.nodes[l]!;
        this.weights[k] = rule.weights[l]! / ny;
      }
    }
    this.field = createWeightedPotentialBuffers(count, problem.M);
    this.moments = this.field.moments;
    this.potential = this.field.potential;
    this.integrator = new RungeKutta8((s, out) => this.velocity(s, out), 2 * count);
  }

  /** The characteristics' velocity `(−c ∂_yU, −U)` at `state` into `out`; leaves `Û` in `potential`. */
  velocity(state: Float64Array, out: Float64Array): void {
    const n = this.count;
    const y = state.subarray(0, n);
    const c = state.subarray(n);
    this.computePotential(y, c);
    const { U, dU } = this.field;
    for (let k = 0; k < n; k++) {
      out[k] = this.frozenY ? 0 : -c[k]! * dU[k]!;
      out[n + k] = -U[k]!;
    }
  }

  private computePotential(y: Float64Array, c: Float64Array): void {
    weightedPotential(this.problem, y, c, this.weights, this.count, this.field);
  }

  /** Advances to `T` with steps `dt`, the last one shortened to land on `T`. */
  advanceTo(T: number, hooks: LagrangianHooks = {}, tEnd = T): void {
    if (!(T >= this.t)) throw new LagrangianConfigError(`cannot advance to t = ${T} from t = ${this.t}`);
    while (this.t < T) {
      this.stepToward(T);
      if (this.steps % 20 === 0) hooks.onProgress?.(this.t, tEnd);
    }
  }

  /** One step of `dt` toward `T > t` (shortened to land on `T`); returns its length. */
  stepToward(T: number): number {
    let h = Math.min(this.dt, T - this.t);
    if (T - this.t - h < 1e-9 * h) h = T - this.t;
    this.integrator.step(this.state, h);
    this.t = h === T - this.t ? T : this.t + h;
    this.steps++;
    this.checkFinite();
    return h;
  }

  /** Every step (O(N), against the step's O(11·N·M)): a blow-up is reported where and when it appears. */
  private checkFinite(): void {
    const { state, count } = this;
    let acc = 0;
    for (let k = 0; k < 2 * count; k++) acc += state[k]! * 0;
    if (acc === 0) return;
    const k = state.findIndex((v) => !Number.isFinite(v));
    const i = k % count;
    throw new Error(`Lagrangian solver: characteristic ${i} (y-node ${i % (count / this.ncNodes)}, c-node ${Math.floor(i / (count / this.ncNodes))}) ` +
      `is not finite at t = ${this.t} (step ${this.steps}): ${k < count ? 'y' : 'c'} = ${state[k]}; reduce dt`);
  }

  /** The moments `S_m = 2πĜ_m = Σ_k W_k c_k e^{−imy_k}` of the current state (a copy). */
  currentMoments(): Spectrum {
    const n = this.count;
    this.computePotential(this.state.subarray(0, n), this.state.subarray(n));
    return { re: this.moments.re.slice(), im: this.moments.im.slice() };
  }

  /** `f̂₀,m = ψ̂_m · 2πĜ_m` of the current state. */
  fhat(): Spectrum {
    const n = this.count;
    this.computePotential(this.state.subarray(0, n), this.state.subarray(n));
    return multiplySpectraInto(this.problem.psihat, this.moments, createSpectrum(this.problem.M));
  }

  snapshot(): SolverSnapshot {
    this.checkFinite();
    const fhat = this.fhat();
    let mass = 0;
    for (let k = 0; k < this.count; k++) mass += this.weights[k]!;
    return { t: this.t, loss: lossOfSpectrum(this.problem, fhat), fhat, mass, outflow: 0, steps: this.steps };
  }
}

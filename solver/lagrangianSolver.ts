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
 * spectrally in the quadrature size, though phase mixing (docs/solvers.md) makes the integrand oscillate
 * more in `c` as `t` grows and the needed size grows with `t`. Time: the eighth-order method of
 * Cooper & Verner with a fixed step. Unlike the grid solver this one has no `c`-domain and no
 * outflow; it shares nothing with it but `model/`, so their agreement is a real check.
 */
import {
  createSpectrum, lossOfSpectrum, multiplySpectraInto, stepsTo,
  type InitialLaw, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import { GAUSS_HERMITE_MAX_NODES, normalQuadrature } from './gaussHermite.ts';
import { RK8_STAGES, RungeKutta8 } from './rungeKutta8.ts';
import { createWeightedPotentialBuffers, weightedPotential, type WeightedPotentialBuffers } from './weightedPotential.ts';
import {
  modeCountNote, checkAdvance, landingStep, recordAt, refuseIssues, timeAfter,
  type MeanFieldSolver, type SnapshotOptions, type SolverHooks, type SolverIssue, type SolverMethod, type StepInfo,
} from './meanFieldSolver.ts';
import type { SolverSnapshot } from './solverSnapshot.ts';

export interface LagrangianSettings {
  /** Trapezoid nodes in y (equispaced on the torus), an integer > 2M. */
  readonly ny: number;
  /** Gauss–Hermite nodes in c. */
  readonly nc: number;
  /** Time step of the RK8 integrator (the last step before a recorded time is shortened); default 0.05. */
  readonly dt?: number;
  /** Only `c` moves: the frozen-y ("random features") variant. */
  readonly frozenY?: boolean;
}

export interface LagrangianOptions extends LagrangianSettings {
  /** Increasing times ≥ 0 at which to record. */
  readonly times: readonly number[];
}

export type LagrangianHooks = SolverHooks<StepInfo>;

/** Converged to ~1e-12 in f₀ to t = 10 on vonmises:2 (docs/solvers.md); phase mixing asks for more nodes later. */
export const LAGRANGIAN_DEFAULTS = { ny: 192, nc: 48, dt: 0.05 } as const;

/** What is wrong with Lagrangian settings for this problem and law (empty when they can run). */
export function validateLagrangian(problem: TorusProblem, law: InitialLaw, o: LagrangianSettings): SolverIssue[] {
  const issues: SolverIssue[] = [];
  const bad = (field: string, value: unknown, allowed: string): void => { issues.push({ field, value, allowed }); };
  if (!Number.isInteger(o.ny) || o.ny <= 2 * problem.M) bad('ny', o.ny, `an integer > 2M = ${2 * problem.M}, so the trapezoid rule integrates the unit's modes exactly at t = 0: ${modeCountNote(problem)}`);
  if (!Number.isInteger(o.nc) || o.nc < 1 || o.nc > GAUSS_HERMITE_MAX_NODES) bad('nc', o.nc, `an integer in [1, ${GAUSS_HERMITE_MAX_NODES}]`);
  const dt = o.dt ?? LAGRANGIAN_DEFAULTS.dt;
  if (!(dt > 0) || !Number.isFinite(dt)) bad('dt', dt, 'a finite number > 0');
  if (!(law.sigmaC >= 0) || !Number.isFinite(law.cMean)) bad('law', `c̄ = ${law.cMean}, σ_c = ${law.sigmaC}`, 'σ_c >= 0 and c̄ finite');
  return issues;
}

/** The Lagrangian solver's work: `nodes` characteristics, `M + 1` moments per RK8 stage. */
export function lagrangianWork(nodes: number, M: number, steps: number): number {
  return nodes * (M + 1) * RK8_STAGES * steps;
}

export const LAGRANGIAN_METHOD: SolverMethod<LagrangianSettings> = {
  name: 'lagrangian',
  defaults: LAGRANGIAN_DEFAULTS,
  validate: validateLagrangian,
  create: (problem, law, settings) => new LagrangianSolver(problem, law, settings),
  cost: (problem, _law, o, times) => ({
    work: lagrangianWork(o.ny * o.nc, problem.M, stepsTo(times, o.dt ?? LAGRANGIAN_DEFAULTS.dt)),
    // the characteristics, 11 RK8 stages and the field buffers
    memoryBytes: 8 * o.ny * o.nc * 30,
  }),
  // finer nodes at the same RK8 step: the quadrature, not the step, is what limits it
  checkSettings: (o, finer) => ({ ...o, ...finer }),
  describe: (o) => ({
    ny: o.ny, nc: o.nc, dt: o.dt ?? LAGRANGIAN_DEFAULTS.dt, frozenY: o.frozenY ?? false,
    scheme: 'weighted characteristics: trapezoid × Gauss–Hermite quadrature of ρ_in, Cooper–Verner RK8',
  }),
};

/**
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const [s] = solveLagrangian(p, { cMean: 0, sigmaC: 1 }, { ny: 192, nc: 48, times: [2] });
 * s.fhat.re[1]; // f̂₀,₁(2), converged to ~1e-12
 */
export function solveLagrangian(problem: TorusProblem, law: InitialLaw, opts: LagrangianOptions,
  hooks: LagrangianHooks = {}): SolverSnapshot[] {
  return recordAt(new LagrangianSolver(problem, law, opts), opts.times, hooks);
}

export class LagrangianSolver implements MeanFieldSolver<SolverSnapshot, StepInfo> {
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
  /** `Σ W_k` (one to rounding); the characteristics carry it unchanged. */
  private readonly totalMass: number;
  private readonly integrator: RungeKutta8;
  /** `U`, `∂_yU` at the nodes and the moments of the last evaluation. */
  private readonly field: WeightedPotentialBuffers;
  /** `2πĜ_m` of the last evaluation. */
  private readonly moments: Spectrum;
  /** `Û_m` of the last evaluation of `velocity` (read by the tangent-linear/adjoint code). */
  readonly potential: Spectrum;

  constructor(problem: TorusProblem, law: InitialLaw, opts: LagrangianSettings) {
    refuseIssues('Lagrangian', validateLagrangian(problem, law, opts));
    const { ny, nc } = opts;
    const dt = opts.dt ?? LAGRANGIAN_DEFAULTS.dt;
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
    let mass = 0;
    for (let k = 0; k < count; k++) mass += this.weights[k]!;
    this.totalMass = mass;
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
    checkAdvance('Lagrangian', this.t, T);
    while (this.t < T) {
      const dt = this.stepToward(T);
      hooks.onStep?.({ t: this.t, dt, mass: this.totalMass, outflow: 0 });
      if (this.steps % 20 === 0) hooks.onProgress?.(this.t, tEnd);
    }
  }

  /** One step of `dt` toward `T > t` (shortened to land on `T`); returns its length. */
  stepToward(T: number): number {
    const h = landingStep(this.t, T, this.dt);
    this.integrator.step(this.state, h);
    this.t = timeAfter(this.t, T, h);
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

  /** The quadrature carries no density: `options` are accepted for the common interface and ignored. */
  snapshot(_options?: SnapshotOptions): SolverSnapshot {
    this.checkFinite();
    const fhat = this.fhat();
    return { t: this.t, loss: lossOfSpectrum(this.problem, fhat), fhat, mass: this.totalMass, outflow: 0, steps: this.steps };
  }
}

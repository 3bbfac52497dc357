/**
 * The high-order Eulerian solver of the nonlinear Liouville equation (eqs. 12–13): remeshed
 * particles on `𝕋 × [−L, L]`.
 *
 * `ρ₀` lives on a grid of nodes `(y_i, c_j)`, the centres of `ny × nc` cells. One remesh interval
 * of length `τ`:
 *  1. every node with mass becomes a particle of mass `ρ_ij Δy Δc`;
 *  2. the particles follow the characteristics of the mean-field flow,
 *     `ẏ = −c ∂_yU(y)`, `ċ = −U(y)`, `U = −F + k ⋆ G`, `2πĜ_m = Σ_p m_p c_p e^{−imy_p}`,
 *     with the field computed from the particles themselves (the self-consistent coupling, exactly
 *     as in the Lagrangian reference) by the eighth-order Cooper–Verner method;
 *  3. their mass goes back to the grid through the cardinal spline kernel of degree `order − 1`
 *     (`splineKernel.ts`): smooth, interpolating, reproducing polynomials of degree `order − 1`,
 *     so one remesh of a smoothly deformed lattice errs by `O(h^order)`.
 *
 * Why this scheme. The flow map over one interval is close to the identity, so the particle
 * quadrature of step 2 is spectrally accurate (trapezoid in `y`, and in `c` for a density that
 * vanishes at `±L`) and never meets the phase mixing that makes the Lagrangian reference's fixed
 * quadrature stall: the filaments are carried by the grid, not by a flow map that folds more every
 * unit of time. Steps are not bound by a Courant number (characteristics are integrated, not
 * differenced); the interval only has to keep the one-interval map smooth on the grid scale. The
 * field couples the two directions (`U` depends on `G`, which motion in `y` and in `c` both
 * change), which a directional splitting would have to predict in every substep; the particles
 * carry the coupling exactly. Kernel weights sum to one and the prefilter keeps sums, so mass is
 * conserved to rounding; what lands beyond `|c| = L` is the outflow, counted exactly. The kernel has
 * negative lobes, and `ρ₀` concentrates where units gather (its maximum grows along
 * characteristics like `exp ∫ c ∂²_yU dt`), so where the grid no longer resolves it `ρ` dips below
 * zero: the negative mass is reported in every snapshot. Moments of `ρ` against smooth functions,
 * hence `f₀`, stay accurate there.
 *
 * References: G.-H. Cottet & P. Koumoutsakos, *Vortex Methods* (CUP 2000), ch. 7 (remeshing);
 * M. Bergdorf & P. Koumoutsakos, Multiscale Model. Simul. 5 (2006) 980 (remeshed particles for
 * transport); G.-H. Cottet, J.-M. Etancelin, F. Perignon & C. Picard, ESAIM: M2AN 48 (2014) 1029
 * (high-order remeshed particle methods and kernel regularity); J. Cooper & J. Verner (1972).
 */
import {
  createSpectrum, initialDensity, lossOfSpectrum, multiplySpectraInto, stepsTo,
  type InitialLaw, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import { RungeKutta8 } from './rungeKutta8.ts';
import { createWeightedPotentialBuffers, weightedPotential, type WeightedPotentialBuffers } from './weightedPotential.ts';
import { bsplineWeights, prefilterPeriodic, splineKernel, type SplineKernel } from './splineKernel.ts';
import {
  modeCountNote, checkAdvance, landingStep, recordAt, refuseIssues, SolverOutflowError, timeAfter,
  type MeanFieldSolver, type SnapshotOptions, type SolverHooks, type SolverIssue, type SolverMethod, type StepInfo,
} from './meanFieldSolver.ts';
import { lagrangianWork } from './lagrangianSolver.ts';
import type { DensityField, SolverSnapshot } from './solverSnapshot.ts';

export interface RemeshedSettings {
  /** Nodes (cells) in y, an integer > 2M. */
  readonly ny: number;
  /** Nodes (cells) in c. */
  readonly nc: number;
  /** Half-width of the c domain. */
  readonly L: number;
  /** Remesh interval `τ` (the last one before a recorded time is shortened); default 0.3. */
  readonly tau?: number;
  /** RK8 steps per remesh interval; default 3. */
  readonly substeps?: number;
  /** Order of the remeshing kernel, an even number in [2, 12] (cardinal spline of degree `order − 1`, `order` nodes per direction); default 8. */
  readonly order?: number;
  /** Only `c` moves: the frozen-y ("random features") variant. */
  readonly frozenY?: boolean;
  /** Largest mass allowed to leave through `|c| = L` (default: no limit); beyond it the run stops. */
  readonly maxOutflow?: number;
}

export interface RemeshedOptions extends RemeshedSettings {
  /** Increasing times ≥ 0 at which to record. */
  readonly times: readonly number[];
  /** Copy the density into every snapshot. */
  readonly recordDensity?: boolean;
}

export interface RemeshedStepInfo extends StepInfo {
  /** `Σ min(ρ, 0) Δy Δc` after the remesh (≤ 0). */
  readonly negativeMass: number;
}

export type RemeshedHooks = SolverHooks<RemeshedStepInfo>;

/** What the remeshed solver adds to a snapshot: the negative mass the kernel left on the grid. */
export interface RemeshedSnapshot extends SolverSnapshot {
  readonly negativeMass: number;
}

/**
 * Defaults chosen by measurement (docs/solvers.md). Where `ρ₀` outruns the grid every remesh adds
 * error to `f₀`, which asks for few remeshes; a long interval distorts the particle lattice, whose
 * remesh then leaves a grid-scale ripple that does not shrink with `h` (it grows like a high power
 * of `τ |∇v|`). τ = 0.3 balances the two on the problems measured; three RK8 steps of 0.1 per
 * interval. The grid 256² with L = 10 holds `f₀` within ~1e-6 of the converged one to t = 50 on vonmises:2.
 */
export const REMESHED_DEFAULTS = { ny: 256, nc: 256, L: 10, tau: 0.3, substeps: 3, order: 8 } as const;

/** What is wrong with remeshed settings for this problem and law (empty when they can run). */
export function validateRemeshed(problem: TorusProblem, law: InitialLaw, o: RemeshedSettings): SolverIssue[] {
  const issues: SolverIssue[] = [];
  const bad = (field: string, value: unknown, allowed: string): void => { issues.push({ field, value, allowed }); };
  const order = o.order ?? REMESHED_DEFAULTS.order;
  if (!Number.isInteger(o.ny) || o.ny <= 2 * problem.M) bad('ny', o.ny, `an integer > 2M = ${2 * problem.M}: ${modeCountNote(problem)}`);
  if (!Number.isInteger(order) || order < 2 || order > 12 || order % 2 !== 0) bad('order', order, 'an even integer in [2, 12] (the kernel is the cardinal spline of degree order − 1)');
  else {
    if (!Number.isInteger(o.nc) || o.nc < order) bad('nc', o.nc, `an integer >= order = ${order} (the kernel's nodes per direction)`);
    if (Number.isInteger(o.ny) && o.ny > 2 * problem.M && o.ny < order) bad('ny', o.ny, `at least order = ${order}`);
  }
  if (!(o.L > 0) || !Number.isFinite(o.L)) bad('L', o.L, 'a finite number > 0');
  const tau = o.tau ?? REMESHED_DEFAULTS.tau;
  if (!(tau > 0) || !Number.isFinite(tau)) bad('tau', tau, 'a finite number > 0 (the remesh interval)');
  const substeps = o.substeps ?? REMESHED_DEFAULTS.substeps;
  if (!Number.isInteger(substeps) || substeps < 1) bad('substeps', substeps, 'an integer >= 1');
  if (o.maxOutflow !== undefined && !(o.maxOutflow >= 0)) bad('maxOutflow', o.maxOutflow, 'a number >= 0');
  if (!(law.sigmaC > 0) || !Number.isFinite(law.cMean)) bad('law', `c̄ = ${law.cMean}, σ_c = ${law.sigmaC}`, 'the grid needs a density, σ_c > 0 and c̄ finite');
  return issues;
}

/**
 * The remeshed solver's work: per interval `substeps` RK8 steps on up to `nodes` particles, plus
 * the remesh (64 deposits and two prefilter passes per node, ≈ 12 moment-units at M = 11).
 */
export function remeshedWork(nodes: number, M: number, intervals: number, substeps: number): number {
  return intervals * (lagrangianWork(nodes, M, substeps) + 12 * nodes);
}

export const REMESHED_METHOD: SolverMethod<RemeshedSettings, RemeshedSnapshot> = {
  name: 'remeshed',
  defaults: REMESHED_DEFAULTS,
  validate: validateRemeshed,
  create: (problem, law, settings) => new RemeshedSolver(problem, law, settings),
  cost(problem, _law, o, times, density) {
    const nodes = o.ny * o.nc;
    return {
      work: remeshedWork(nodes, problem.M, stepsTo(times, o.tau ?? REMESHED_DEFAULTS.tau), o.substeps ?? REMESHED_DEFAULTS.substeps),
      // particles, 11 RK8 stages and the deposit buffer, and ρ at every time with the density
      memoryBytes: 8 * nodes * (30 + (density ? times.length : 0)),
    };
  },
  // half the remesh interval with an RK8 step no longer than the run's (⌈substeps/2⌉ steps per half interval)
  checkSettings: (o, finer) => ({
    ...o, ...finer, tau: (o.tau ?? REMESHED_DEFAULTS.tau) / 2, substeps: Math.ceil((o.substeps ?? REMESHED_DEFAULTS.substeps) / 2),
  }),
  describe(o) {
    const order = o.order ?? REMESHED_DEFAULTS.order;
    return {
      ny: o.ny, nc: o.nc, L: o.L, tau: o.tau ?? REMESHED_DEFAULTS.tau, substeps: o.substeps ?? REMESHED_DEFAULTS.substeps, order,
      maxOutflow: o.maxOutflow ?? null, frozenY: o.frozenY ?? false,
      scheme: `remeshed particles: Cooper–Verner RK8 characteristics from the nodes, cardinal-spline remesh of order ${order}`,
    };
  },
};

/**
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const [s] = solveRemeshed(p, { cMean: 0, sigmaC: 1 }, { ny: 128, nc: 128, L: 8, times: [10] });
 * s.loss; // the mean-field loss at t = 10
 */
export function solveRemeshed(problem: TorusProblem, law: InitialLaw, opts: RemeshedOptions, hooks: RemeshedHooks = {}): RemeshedSnapshot[] {
  return recordAt(new RemeshedSolver(problem, law, opts), opts.times, hooks, opts.recordDensity ?? false);
}

export class RemeshedSolver implements MeanFieldSolver<RemeshedSnapshot, RemeshedStepInfo> {
  readonly problem: TorusProblem;
  readonly ny: number;
  readonly nc: number;
  readonly L: number;
  readonly hy: number;
  readonly hc: number;
  /** The remesh interval `τ`. */
  readonly tau: number;
  readonly substeps: number;
  readonly order: number;
  readonly frozenY: boolean;
  readonly maxOutflow: number;
  /** Node values `rho[j * ny + i]` at `y_i = (i + ½)Δy`, `c_j = −L + (j + ½)Δc`. */
  readonly rho: Float64Array;
  t = 0;
  steps = 0;
  outflow = 0;
  /** Particles of the current interval: `[y_0 … y_{K−1}, c_0 … c_{K−1}]` in the first `2K` entries. */
  private readonly state: Float64Array;
  private readonly mass: Float64Array;
  private active = 0;
  private readonly integrator: RungeKutta8;
  /** `U`, `∂_yU` at the particles and the moments of the last evaluation. */
  private readonly field: WeightedPotentialBuffers;
  private readonly kernel: SplineKernel;
  private readonly weightsY: Float64Array;
  private readonly weightsC: Float64Array;
  /** Ghost rows on each side of the c-grid, and the deposit buffer over the extended grid. */
  private readonly ghost: number;
  private readonly extended: Float64Array;

  constructor(problem: TorusProblem, law: InitialLaw, opts: RemeshedSettings) {
    refuseIssues('remeshed', validateRemeshed(problem, law, opts));
    const { ny, nc, L } = opts;
    const order = opts.order ?? REMESHED_DEFAULTS.order;
    this.problem = problem;
    this.ny = ny;
    this.nc = nc;
    this.L = L;
    this.hy = (2 * Math.PI) / ny;
    this.hc = (2 * L) / nc;
    this.tau = opts.tau ?? REMESHED_DEFAULTS.tau;
    this.substeps = opts.substeps ?? REMESHED_DEFAULTS.substeps;
    this.order = order;
    this.frozenY = opts.frozenY ?? false;
    this.maxOutflow = opts.maxOutflow ?? Infinity;
    const n = ny * nc;
    this.rho = new Float64Array(n);
    for (let j = 0; j < nc; j++) this.rho.fill(initialDensity(law, -L + (j + 0.5) * this.hc), j * ny, (j + 1) * ny);
    this.state = new Float64Array(2 * n);
    this.mass = new Float64Array(n);
    this.field = createWeightedPotentialBuffers(n, problem.M);
    this.integrator = new RungeKutta8((s, out) => this.velocity(s, out), 2 * n);
    this.kernel = splineKernel(order - 1);
    this.weightsY = new Float64Array(order);
    this.weightsC = new Float64Array(order);
    this.ghost = order + 4;
    this.extended = new Float64Array(ny * (nc + 2 * this.ghost));
  }

  /** `Σ ρ Δy Δc`. */
  massInDomain(): number {
    let s = 0;
    for (let k = 0; k < this.rho.length; k++) s += this.rho[k]!;
    return s * this.hy * this.hc;
  }

  /** `Σ min(ρ, 0) Δy Δc`. */
  negativeMass(): number {
    let s = 0;
    for (let k = 0; k < this.rho.length; k++) if (this.rho[k]! < 0) s += this.rho[k]!;
    return s * this.hy * this.hc;
  }

  /** `f̂₀,m = ψ̂_m · Σ_ij ρ_ij c_j e^{−imy_i} Δy Δc` of the grid. */
  fhat(): Spectrum {
    this.loadParticles();
    const K = this.active;
    this.computePotential(this.state.subarray(0, K), this.state.subarray(K, 2 * K), K);
    return multiplySpectraInto(this.problem.psihat, this.field.moments, createSpectrum(this.problem.M));
  }

  snapshot(options: SnapshotOptions = {}): RemeshedSnapshot {
    const fhat = this.fhat();
    const density: DensityField | undefined = options.density ? { ny: this.ny, nc: this.nc, L: this.L, rho: this.rho.slice() } : undefined;
    return {
      t: this.t, loss: lossOfSpectrum(this.problem, fhat), fhat, mass: this.massInDomain(), outflow: this.outflow,
      negativeMass: this.negativeMass(), steps: this.steps, ...(density ? { density } : {}),
    };
  }

  /** Advances to `T` by remesh intervals of `τ`, the last one shortened to land on `T`. */
  advanceTo(T: number, hooks: RemeshedHooks = {}, tEnd = T): void {
    checkAdvance('remeshed', this.t, T);
    while (this.t < T) {
      const h = landingStep(this.t, T, this.tau);
      this.interval(h);
      this.t = timeAfter(this.t, T, h);
      this.steps++;
      if (this.outflow > this.maxOutflow) {
        throw new SolverOutflowError(`mass ${this.outflow.toExponential(2)} has left through |c| = ${this.L} by t = ${this.t.toPrecision(4)} ` +
          `(allowed ${this.maxOutflow.toExponential(1)}): the c-domain is too narrow for this run — widen it (--L ${Math.ceil(1.5 * this.L)})`);
      }
      if (hooks.onStep) hooks.onStep({ t: this.t, dt: h, mass: this.massInDomain(), outflow: this.outflow, negativeMass: this.negativeMass() });
      if (this.steps % 10 === 0) hooks.onProgress?.(this.t, tEnd);
    }
  }

  /** Nodes with mass become the particles `[y…, c…]` of `state` with masses `mass`. */
  private loadParticles(): void {
    const { ny, nc, hy, hc, L, rho, state, mass } = this;
    const area = hy * hc;
    let K = 0;
    for (let j = 0; j < nc; j++) {
      for (let i = 0; i < ny; i++) {
        const r = rho[j * ny + i]!;
        if (r === 0) continue;
        mass[K] = r * area;
        K++;
      }
    }
    this.active = K;
    let k = 0;
    for (let j = 0; j < nc; j++) {
      const c = -L + (j + 0.5) * hc;
      for (let i = 0; i < ny; i++) {
        if (rho[j * ny + i] === 0) continue;
        state[k] = (i + 0.5) * hy;
        state[K + k] = c;
        k++;
      }
    }
  }

  /** One remesh interval of length `h`: load, transport, remesh. */
  private interval(h: number): void {
    this.loadParticles();
    const K = this.active;
    const sub = h / this.substeps;
    for (let s = 0; s < this.substeps; s++) this.integrator.step(this.state, sub, 2 * K);
    this.remesh();
  }

  /** The characteristics' velocity `(−c ∂_yU, −U)` of the `K` active particles. */
  private velocity(state: Float64Array, out: Float64Array): void {
    const K = this.active;
    const y = state.subarray(0, K);
    const c = state.subarray(K, 2 * K);
    this.computePotential(y, c, K);
    const { U, dU } = this.field;
    const { frozenY } = this;
    for (let k = 0; k < K; k++) {
      out[k] = frozenY ? 0 : -c[k]! * dU[k]!;
      out[K + k] = -U[k]!;
    }
  }

  private computePotential(y: Float64Array, c: Float64Array, K: number): void {
    weightedPotential(this.problem, y, c, this.mass, K, this.field);
  }

  /**
   * Gives every particle's mass back to the grid through the cardinal spline kernel: B-spline
   * deposit on an extended grid (ghost rows beyond `|c| = L`), the prefilter along y (periodic) and
   * along c (periodic over the extended rows, which keeps the total exact), then the ghost rows'
   * mass is the outflow. Mass landing beyond the ghost rows is outflow at once.
   */
  private remesh(): void {
    const { ny, nc, hy, hc, L, rho, state, mass, weightsY, weightsC, kernel, ghost, extended } = this;
    const K = this.active;
    const q = kernel.degree;
    const back = (q - 1) / 2;
    const ncExt = nc + 2 * ghost;
    const invArea = 1 / (hy * hc);
    const twoPi = 2 * Math.PI;
    extended.fill(0);
    let out = 0;
    for (let p = 0; p < K; p++) {
      let y = state[p]! % twoPi;
      if (y < 0) y += twoPi;
      const u = y / hy - 0.5;
      const i0 = Math.floor(u);
      bsplineWeights(u - i0, q, weightsY);
      const v = (state[K + p]! + L) / hc - 0.5 + ghost;
      const j0 = Math.floor(v);
      bsplineWeights(v - j0, q, weightsC);
      const m = mass[p]!;
      for (let b = 0; b <= q; b++) {
        const j = j0 - back + b;
        const mb = m * weightsC[b]!;
        if (j < 0 || j >= ncExt) {
          out += mb; // the weights in y sum to one: the whole line of nodes is beyond the ghost rows
          continue;
        }
        const row = j * ny;
        const scaled = mb * invArea;
        for (let a = 0; a <= q; a++) {
          let i = i0 - back + a;
          if (i < 0) i += ny;
          else if (i >= ny) i -= ny;
          extended[row + i]! += scaled * weightsY[a]!;
        }
      }
    }
    for (let j = 0; j < ncExt; j++) prefilterPeriodic(kernel, extended, j * ny, 1, ny);
    for (let i = 0; i < ny; i++) prefilterPeriodic(kernel, extended, i, ny, ncExt);
    let ghostMass = 0;
    for (let j = 0; j < ncExt; j++) {
      if (j >= ghost && j < ghost + nc) continue;
      for (let i = 0; i < ny; i++) ghostMass += extended[j * ny + i]!;
    }
    rho.set(extended.subarray(ghost * ny, (ghost + nc) * ny));
    this.outflow += out + ghostMass * hy * hc;
  }
}

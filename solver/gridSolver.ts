/**
 * The Eulerian grid solver of the nonlinear Liouville equation (eqs. 12–13) on `𝕋 × [−L, L]`:
 *
 *     ∂ₜρ + ∂_y(v_y ρ) + ∂_c(v_c ρ) = 0,   v_y = −c ∂_yU(y),   v_c = −U(y),   U = −F + k ⋆ G,
 *
 * with `G(y) = ∫ c ρ dc`.
 *
 * Scheme (why this one): finite volumes in flux form, a piecewise-linear reconstruction with Fromm's
 * central slope scaled back only where positivity needs it (see `slope` below), upwind fluxes, and
 * the three-stage SSP Runge–Kutta method of Shu & Osher (J. Comput. Phys. 77, 1988; Gottlieb, Shu &
 * Tadmor, SIAM Rev. 43, 2001). Flux form makes mass conservation exact to rounding, and outflow
 * through `|c| = L` is exactly the sum of the boundary fluxes, so `mass + outflow` is constant.
 * Both face values of a cell lie in `[0, 2ρ_i]`, so a forward-Euler step keeps `ρ ≥ 0` when
 * `Δt (2 max|v_y|/Δy + max|v_c|/Δc) ≤ ½` (two outgoing y-faces where `v_y` diverges, one outgoing
 * c-face since `v_c` does not depend on `c`); SSP-RK3 is a convex combination of such steps, so it
 * inherits positivity. Unlike a TVD limiter the scaling does not clip smooth extrema, so the scheme
 * stays second order there. A conservative semi-Lagrangian splitting was the alternative; it would
 * allow larger steps, but `U` depends on `G`, which both split sub-flows change, so a second-order
 * splitting needs a predictor for `U`, while the method of lines needs nothing special.
 *
 * The potential: `G` on the grid → its Fourier coefficients by a real FFT (fft.js) of size `N_y`,
 * corrected for cell averaging (÷ sinc(mΔy/2)), then `Û_m = −F̂_m + k̂_m (2π Ĝ_m)`, the same
 * formula as the particles' with `2πĜ_m` in place of `S_m` (`f̂₀,m = ψ̂_m 2πĜ_m`). `U` then has only
 * the `M ≪ N_y` modes of the unit, so it is summed back at faces and centres directly (O(N_y M)).
 */
import {
  coefficientsOfSamples, createSpectrum, evaluateSeriesAt, lossOfSpectrum, multiplySpectraInto, parsevalWeight,
  type InitialLaw, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import { initialCellAverages } from './initialGrid.ts';
import {
  modeCountNote, checkAdvance, landingStep, recordAt, refuseIssues, SolverOutflowError, timeAfter,
  type MeanFieldSolver, type SnapshotOptions, type SolverHooks, type SolverIssue, type SolverMethod, type StepInfo,
} from './meanFieldSolver.ts';
import type { DensityField, SolverSnapshot } from './solverSnapshot.ts';

export interface GridSettings {
  /** Cells in y, a power of two > 2M (the FFT size). */
  readonly ny: number;
  /** Cells in c. */
  readonly nc: number;
  /** Half-width of the c domain. */
  readonly L: number;
  /** Courant number of the positivity bound above, in (0, 0.5]; default 0.4. */
  readonly cfl?: number;
  /** Only `c` moves (`v_y = 0`): the frozen-y ("random features") variant. */
  readonly frozenY?: boolean;
  /**
   * Largest mass allowed to leave through `|c| = L` (default: no limit). Beyond it the domain no
   * longer holds the solution, so the run stops with `SolverOutflowError` instead of returning a
   * silently truncated `ρ₀`.
   */
  readonly maxOutflow?: number;
}

export interface GridOptions extends GridSettings {
  /** Increasing times ≥ 0 at which to record. */
  readonly times: readonly number[];
  /** Copy the density into every snapshot. */
  readonly recordDensity?: boolean;
}

export interface GridStepInfo extends StepInfo {
  readonly minRho: number;
  /** Loss of `f₀` at the start of the step (it comes free with the potential). */
  readonly loss: number;
}

export type GridHooks = SolverHooks<GridStepInfo>;

/** The grid and Courant number used when none is given (docs/solvers.md). */
export const GRID_DEFAULTS = { ny: 128, nc: 128, L: 8, cfl: 0.4 } as const;

/** What is wrong with grid settings for this problem and law (empty when they can run). */
export function validateGrid(problem: TorusProblem, law: InitialLaw, o: GridSettings): SolverIssue[] {
  const issues: SolverIssue[] = [];
  const bad = (field: string, value: unknown, allowed: string): void => { issues.push({ field, value, allowed }); };
  if (!Number.isInteger(o.ny) || o.ny < 4 || (o.ny & (o.ny - 1)) !== 0) bad('ny', o.ny, 'a power of two >= 4 (the FFT size)');
  else if (o.ny <= 2 * problem.M) bad('ny', o.ny, `too small: ny must exceed 2M = ${2 * problem.M}: ${modeCountNote(problem)}`);
  if (!Number.isInteger(o.nc) || o.nc < 4) bad('nc', o.nc, 'an integer >= 4');
  if (!(o.L > 0) || !Number.isFinite(o.L)) bad('L', o.L, 'a finite number > 0');
  const cfl = o.cfl ?? GRID_DEFAULTS.cfl;
  if (!(cfl > 0 && cfl <= 0.5)) bad('cfl', cfl, 'in (0, 0.5] (the positivity bound)');
  if (o.maxOutflow !== undefined && !(o.maxOutflow >= 0)) bad('maxOutflow', o.maxOutflow, 'a number >= 0');
  if (!(law.sigmaC > 0)) bad('sigmaC', law.sigmaC, 'the grid solver needs a density, σ_c > 0');
  return issues;
}

/** `max|U|` and `max|∂_y U|` at t = 0, bounded by the Fourier data: the speeds behind the grid's step (an estimate). */
export function gridSpeedBounds(problem: TorusProblem, law: InitialLaw): { maxU: number; maxDU: number } {
  let maxU = 0;
  let maxDU = 0;
  for (let m = 0; m <= problem.M; m++) {
    const psi = Math.hypot(problem.psihat.re[m]!, problem.psihat.im[m]!);
    const f = Math.hypot(problem.fhat.re[m]!, problem.fhat.im[m]!);
    const term = parsevalWeight(m) * psi * (f + (Math.abs(law.cMean) + law.sigmaC) * psi);
    maxU += term;
    maxDU += m * term;
  }
  return { maxU, maxDU };
}

/**
 * The grid solver's work: SSP-RK3 on `ny·nc` cells, one unit per cell and stage (calibrated: 128²
 * cells to t = 10 on vonmises:2 estimate 3.0 s, measured 2.9 s), at the Courant-limited step
 * `cfl / (2 max|v_y|/h_y + max|v_c|/h_c)` with the speeds bounded by the problem's Fourier data at
 * t = 0 (`max|U|`, `L·max|∂U|`): an estimate, the solver adapts the step as it goes.
 */
export function gridWork(o: { readonly ny: number; readonly nc: number; readonly L: number; readonly cfl: number; readonly tEnd: number; readonly maxU: number; readonly maxDU: number }): number {
  const hy = (2 * Math.PI) / o.ny;
  const hc = (2 * o.L) / o.nc;
  const rate = (2 * o.L * o.maxDU) / hy + o.maxU / hc;
  const steps = Math.max(1, Math.ceil((o.tEnd * rate) / o.cfl));
  return o.ny * o.nc * 3 * steps;
}

/** The grid method of the registry; its cost needs the law for the speeds, so the registry entry is made per law. */
export const GRID_METHOD: SolverMethod<GridSettings> = {
  name: 'grid',
  defaults: GRID_DEFAULTS,
  validate: validateGrid,
  create: (problem, law, settings) => new GridSolver(problem, law, settings),
  cost(problem, law, o, times, density) {
    return {
      work: gridWork({ ny: o.ny, nc: o.nc, L: o.L, cfl: o.cfl ?? GRID_DEFAULTS.cfl, tEnd: times[times.length - 1] ?? 0, ...gridSpeedBounds(problem, law) }),
      // about eight cell arrays (ρ, RK stages, fluxes), and ρ at every time with the density
      memoryBytes: 8 * o.ny * o.nc * (8 + (density ? times.length : 0)),
    };
  },
  checkSettings: (o, finer) => ({ ...o, ...finer }),
  describe: (o) => ({
    ny: o.ny, nc: o.nc, L: o.L, cfl: o.cfl ?? GRID_DEFAULTS.cfl, maxOutflow: o.maxOutflow ?? null, frozenY: o.frozenY ?? false,
    scheme: 'finite volumes, positivity-scaled Fromm slopes, upwind fluxes, SSP-RK3',
  }),
};

/**
 * Solves eqs. (12)–(13) from `ρ_in` and records `f̂₀`, the loss, the mass and the outflow.
 *
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const [s] = solveGrid(p, { cMean: 0, sigmaC: 1 }, { ny: 128, nc: 128, L: 8, times: [10] });
 * s.loss; // ≈ the mean-field loss at t = 10
 */
export function solveGrid(problem: TorusProblem, law: InitialLaw, opts: GridOptions, hooks: GridHooks = {}): SolverSnapshot[] {
  return recordAt(new GridSolver(problem, law, opts), opts.times, hooks, opts.recordDensity ?? false);
}

export class GridSolver implements MeanFieldSolver<SolverSnapshot, GridStepInfo> {
  readonly problem: TorusProblem;
  readonly ny: number;
  readonly nc: number;
  readonly L: number;
  readonly hy: number;
  readonly hc: number;
  readonly cfl: number;
  readonly frozenY: boolean;
  readonly maxOutflow: number;
  /** Cell averages `rho[j * ny + i]`. */
  readonly rho: Float64Array;
  t = 0;
  steps = 0;
  outflow = 0;
  private readonly u1: Float64Array;
  private readonly u2: Float64Array;
  private readonly rhs: Float64Array;
  private readonly cCenter: Float64Array;
  private readonly G: Float64Array;
  private readonly yCenter: Float64Array;
  private readonly yFace: Float64Array;
  private readonly Uavg: Float64Array;
  private readonly dUface: Float64Array;
  private readonly fluxRow: Float64Array;
  private readonly sincHalf: Float64Array;
  /** `Û_m` of the last evaluation, and the same times sinc for cell averages. */
  readonly potential: Spectrum;
  private readonly potentialAvg: Spectrum;
  /** `2π Ĝ_m` of the last evaluation: `f̂₀,m = ψ̂_m · moments_m`. */
  readonly moments: Spectrum;
  /** Outflow rate `Σ boundary flux · Δy` and max speeds of the last evaluation. */
  private outRate = 0;
  private maxVy = 0;
  private maxVc = 0;

  constructor(problem: TorusProblem, law: InitialLaw, opts: GridSettings) {
    refuseIssues('grid', validateGrid(problem, law, opts));
    const { ny, nc, L } = opts;
    this.problem = problem;
    this.ny = ny;
    this.nc = nc;
    this.L = L;
    this.cfl = opts.cfl ?? GRID_DEFAULTS.cfl;
    this.frozenY = opts.frozenY ?? false;
    this.maxOutflow = opts.maxOutflow ?? Infinity;
    this.hy = (2 * Math.PI) / ny;
    this.hc = (2 * L) / nc;
    this.rho = initialCellAverages(law, ny, nc, L);
    this.u1 = new Float64Array(ny * nc);
    this.u2 = new Float64Array(ny * nc);
    this.rhs = new Float64Array(ny * nc);
    this.cCenter = Float64Array.from({ length: nc }, (_, j) => -L + (j + 0.5) * this.hc);
    this.G = new Float64Array(ny);
    this.yCenter = Float64Array.from({ length: ny }, (_, i) => (i + 0.5) * this.hy);
    this.yFace = Float64Array.from({ length: ny }, (_, i) => (i + 1) * this.hy);
    this.Uavg = new Float64Array(ny);
    this.dUface = new Float64Array(ny);
    this.fluxRow = new Float64Array(ny);
    this.sincHalf = Float64Array.from({ length: problem.M + 1 }, (_, m) => (m === 0 ? 1 : Math.sin((m * this.hy) / 2) / ((m * this.hy) / 2)));
    this.potential = createSpectrum(problem.M);
    this.potentialAvg = createSpectrum(problem.M);
    this.moments = createSpectrum(problem.M);
  }

  /** Mass in the domain, `Σ ρ Δy Δc`. */
  mass(rho: Float64Array = this.rho): number {
    let s = 0;
    for (let k = 0; k < rho.length; k++) s += rho[k]!;
    return s * this.hy * this.hc;
  }

  /** `f̂₀,m` of the current state. */
  fhat(): Spectrum {
    this.computePotential(this.rho);
    return this.fhatOfMoments();
  }

  snapshot(options: SnapshotOptions = {}): SolverSnapshot {
    const fhat = this.fhat();
    const density: DensityField | undefined = options.density ? { ny: this.ny, nc: this.nc, L: this.L, rho: this.rho.slice() } : undefined;
    return { t: this.t, loss: lossOfSpectrum(this.problem, fhat), fhat, mass: this.mass(), outflow: this.outflow, steps: this.steps, ...(density ? { density } : {}) };
  }

  /** Advances to time `T` with CFL-limited SSP-RK3 steps, the last one shortened to land on `T`. */
  advanceTo(T: number, hooks: GridHooks = {}, tEnd = T): void {
    checkAdvance('grid', this.t, T);
    while (this.t < T) {
      this.evaluate(this.rho, this.rhs);
      const rate0 = this.outRate;
      const limit = this.cfl / (2 * this.maxVy / this.hy + this.maxVc / this.hc + 1e-300);
      if (!(limit >= 1e-9)) {
        // a step this small would never reach T: report instead of hanging
        throw new Error(`grid solver: the CFL step ${limit.toExponential(2)} at t = ${this.t} is below 1e-9 ` +
          `(max|v_y| = ${this.maxVy.toExponential(2)}, max|v_c| = ${this.maxVc.toExponential(2)}): the velocities are too large for this grid; check the target's scale`);
      }
      let dt = landingStep(this.t, T, limit);
      const loss = lossOfSpectrum(this.problem, this.fhatOfMoments());
      // retry with half the step in the (never yet seen) case a stage broke positivity
      for (;;) {
        const ok = this.sspRk3(dt, rate0);
        if (ok) break;
        dt /= 2;
        if (dt < 1e-14) throw new Error(`grid solver: ρ < 0 at t = ${this.t} even with Δt = ${dt}; the state is not a density`);
        this.evaluate(this.rho, this.rhs);
      }
      this.t = timeAfter(this.t, T, dt);
      this.steps++;
      let minRho = Infinity;
      for (let k = 0; k < this.rho.length; k++) if (this.rho[k]! < minRho) minRho = this.rho[k]!;
      if (!Number.isFinite(minRho)) {
        const k = this.rho.findIndex((v) => !Number.isFinite(v));
        throw new Error(`grid solver: non-finite density ${this.rho[k]} in cell (y-cell ${k % this.ny}, c-cell ${Math.floor(k / this.ny)}) ` +
          `at t = ${this.t} (step ${this.steps})`);
      }
      if (this.outflow > this.maxOutflow) {
        throw new SolverOutflowError(`mass ${this.outflow.toExponential(2)} has left through |c| = ${this.L} by t = ${this.t.toPrecision(4)} ` +
          `(step ${this.steps}; allowed ${this.maxOutflow.toExponential(1)}): the c-domain is too narrow for this run — widen it ` +
          `(L = ${Math.ceil(1.5 * this.L)}, or --L ${Math.ceil(1.5 * this.L)} on the command line)`);
      }
      hooks.onStep?.({ t: this.t, dt, minRho, mass: this.mass(), outflow: this.outflow, loss });
      if (this.steps % 50 === 0) hooks.onProgress?.(this.t, tEnd);
    }
  }

  /** `f̂₀,m = ψ̂_m · 2πĜ_m` from the moments of the last potential evaluation. */
  private fhatOfMoments(): Spectrum {
    return multiplySpectraInto(this.problem.psihat, this.moments, createSpectrum(this.problem.M));
  }

  /**
   * One SSP-RK3 step from `rho` whose right-hand side is already in `rhs`; returns false (and
   * leaves `rho` untouched) if a stage went negative.
   */
  private sspRk3(dt: number, rate0: number): boolean {
    const { rho, u1, u2, rhs } = this;
    const n = rho.length;
    for (let k = 0; k < n; k++) u1[k] = rho[k]! + dt * rhs[k]!;
    if (!nonNegative(u1)) return false;
    this.evaluate(u1, rhs);
    const rate1 = this.outRate;
    for (let k = 0; k < n; k++) u2[k] = 0.75 * rho[k]! + 0.25 * (u1[k]! + dt * rhs[k]!);
    if (!nonNegative(u2)) return false;
    this.evaluate(u2, rhs);
    const rate2 = this.outRate;
    for (let k = 0; k < n; k++) u1[k] = rho[k]! / 3 + (2 / 3) * (u2[k]! + dt * rhs[k]!);
    if (!nonNegative(u1)) return false;
    rho.set(u1);
    // the outflow with the same Butcher weights (1/6, 1/6, 2/3), so mass + outflow is conserved
    this.outflow += dt * (rate0 / 6 + rate1 / 6 + (2 * rate2) / 3);
    return true;
  }

  /** `G`, its spectrum, `Û`, and `U` (cell averages) and `∂_yU` (at faces) on the grid. */
  private computePotential(rho: Float64Array): void {
    const { ny, nc, hc, G, problem } = this;
    G.fill(0);
    for (let j = 0; j < nc; j++) {
      const w = this.cCenter[j]! * hc;
      const row = j * ny;
      for (let i = 0; i < ny; i++) G[i]! += w * rho[row + i]!;
    }
    // FFT of cell averages at y_i = (i + ½)Δy: shift the phase to the centres, undo the averaging
    const g = coefficientsOfSamples(G);
    const { Fhat, khat, M } = problem;
    for (let m = 0; m <= M; m++) {
      const ph = -(m * this.hy) / 2;
      const cr = Math.cos(ph);
      const ci = Math.sin(ph);
      const scale = (2 * Math.PI) / this.sincHalf[m]!;
      const re = (g.re[m]! * cr - g.im[m]! * ci) * scale;
      const im = (g.re[m]! * ci + g.im[m]! * cr) * scale;
      this.moments.re[m] = re;
      this.moments.im[m] = im;
      this.potential.re[m] = -Fhat.re[m]! + khat[m]! * re;
      this.potential.im[m] = -Fhat.im[m]! + khat[m]! * im;
      this.potentialAvg.re[m] = this.potential.re[m]! * this.sincHalf[m]!;
      this.potentialAvg.im[m] = this.potential.im[m]! * this.sincHalf[m]!;
    }
    evaluateSeriesAt(this.potentialAvg.re, this.potentialAvg.im, this.yCenter, ny, this.Uavg, null);
    evaluateSeriesAt(this.potential.re, this.potential.im, this.yFace, ny, this.fluxRow, this.dUface);
  }

  /** The semi-discrete right-hand side `−div(v ρ)` into `out`; sets the outflow rate and max speeds. */
  private evaluate(rho: Float64Array, out: Float64Array): void {
    this.computePotential(rho);
    const { ny, nc, hy, hc, Uavg, dUface, cCenter, fluxRow } = this;
    out.fill(0);
    let maxDU = 0;
    for (let i = 0; i < ny; i++) maxDU = Math.max(maxDU, Math.abs(dUface[i]!));
    let maxU = 0;
    for (let i = 0; i < ny; i++) maxU = Math.max(maxU, Math.abs(Uavg[i]!));
    this.maxVy = this.frozenY ? 0 : maxDU * this.L;
    this.maxVc = maxU;

    // y-direction, row by row (periodic): face i+½ lies between cells i and i+1.
    const invHy = 1 / hy;
    for (let j = 0; j < (this.frozenY ? 0 : nc); j++) {
      const row = j * ny;
      const cj = cCenter[j]!;
      for (let i = 0; i < ny; i++) {
        const a = -cj * dUface[i]!;
        const im1 = i === 0 ? ny - 1 : i - 1;
        const ip1 = i === ny - 1 ? 0 : i + 1;
        const ip2 = ip1 === ny - 1 ? 0 : ip1 + 1;
        let face: number;
        if (a >= 0) {
          const r0 = rho[row + i]!;
          face = r0 + 0.5 * slope(r0 - rho[row + im1]!, rho[row + ip1]! - r0, r0);
        } else {
          const r1 = rho[row + ip1]!;
          face = r1 - 0.5 * slope(r1 - rho[row + i]!, rho[row + ip2]! - r1, r1);
        }
        fluxRow[i] = a * face;
      }
      for (let i = 0; i < ny; i++) {
        const im1 = i === 0 ? ny - 1 : i - 1;
        out[row + i]! -= (fluxRow[i]! - fluxRow[im1]!) * invHy;
      }
    }

    // c-direction: v_c = −Ū_i is constant along column i; faces j+½ for j = −1..nc−1, ghost cells
    // beyond ±L hold no mass (nothing flows in), and what flows out is counted.
    const invHc = 1 / hc;
    let outRate = 0;
    for (let j = -1; j < nc; j++) {
      for (let i = 0; i < ny; i++) {
        const b = -Uavg[i]!;
        let face: number;
        if (b >= 0) {
          if (j < 0) continue; // inflow from below carries nothing
          const r0 = cell(rho, ny, nc, j, i);
          face = r0 + 0.5 * slope(r0 - cell(rho, ny, nc, j - 1, i), cell(rho, ny, nc, j + 1, i) - r0, r0);
        } else {
          if (j >= nc - 1) continue; // inflow from above carries nothing
          const r1 = cell(rho, ny, nc, j + 1, i);
          face = r1 - 0.5 * slope(r1 - cell(rho, ny, nc, j, i), cell(rho, ny, nc, j + 2, i) - r1, r1);
        }
        const F = b * face;
        if (j >= 0) out[j * ny + i]! -= F * invHc;
        else outRate -= F * hy; // F < 0 leaves through c = −L
        if (j + 1 < nc) out[(j + 1) * ny + i]! += F * invHc;
        else outRate += F * hy; // F > 0 leaves through c = L
      }
    }
    this.outRate = outRate;
  }
}

/** `ρ` of cell (i, j), zero in the ghost cells beyond `|c| = L`. */
function cell(rho: Float64Array, ny: number, nc: number, j: number, i: number): number {
  return j < 0 || j >= nc ? 0 : rho[j * ny + i]!;
}

/**
 * The reconstruction's slope × cell width in a cell of value `r` with one-sided differences `a`,
 * `b`: Fromm's central slope `(a + b)/2`, cut back only as far as positivity needs (both face
 * values `r ± s/2` in `[0, 2r]`; the scaling limiter idea of Zhang & Shu, J. Comput. Phys. 229,
 * 2010). Unlike a TVD limiter it does not clip smooth extrema, so the scheme stays second order
 * there; it is limited only next to vacuum.
 */
function slope(a: number, b: number, r: number): number {
  const s = 0.5 * (a + b);
  const cap = 2 * r;
  return s > cap ? cap : s < -cap ? -cap : s;
}

function nonNegative(u: Float64Array): boolean {
  for (let k = 0; k < u.length; k++) if (!(u[k]! >= 0)) return false;
  return true;
}

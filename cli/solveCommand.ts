/**
 * `liouville solve`: the deterministic mean-field solution `ρ₀` (eqs. 12–13) on a torus problem,
 * by the remeshed-particle solver (default), the finite-volume grid solver or the Lagrangian
 * quadrature, recorded at given times; `--check` adds a self-convergence error estimate.
 */
import { parsevalDistanceSquared, spectrumEnergy, spectrumToPairs, type InitialLaw, type TorusProblem } from '../model/index.ts';
import {
  densityMarginals, LAGRANGIAN_DEFAULT_DT, REMESHED_DEFAULTS, remeshedCheckSettings, solveGrid, solveLagrangian, solveRemeshed, type RemeshedSnapshot, type SolverSnapshot,
} from '../solver/index.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig, SOLVE_FIELDS, SolveConfigSchema } from './configSchema.ts';
import { describeWork, gridWork, guardWork, lagrangianWork, remeshedWork, stepsTo } from './workGuard.ts';
import { PROBLEM_FLAGS, problemFromConfig, problemRecord } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

/** The remeshed solver's default grid and c half-width: f₀ within ~1e-6 of the converged one to t = 50 on vonmises:2 (docs/solvers.md). */
export const REMESHED_GRID = { ny: 256, nc: 256 } as const;
const REMESHED_L = 10;
const FV_L = 8;
const FV_GRID = { ny: 128, nc: 128 } as const;

export const SOLVE_FLAGS: readonly FlagSpec[] = [
  ...PROBLEM_FLAGS,
  { name: 't', value: 't0,t1,…', required: true, help: 'strictly increasing times >= 0 at which to record' },
  { name: 'method', value: 'remeshed|grid|lagrangian', default: 'remeshed', help: 'remeshed particles (high order), finite-volume grid (second order, positive), or weighted characteristics on a fixed quadrature' },
  { name: 'grid', value: 'NYxNC', help: `cells in y (> 2M; a power of two for grid) and in c (methods remeshed and grid; default ${REMESHED_GRID.ny}x${REMESHED_GRID.nc} remeshed, 128x128 grid)` },
  { name: 'L', value: 'L', help: `the c domain is [−L, L]; mass leaving it is counted as outflow (methods remeshed and grid; default ${REMESHED_L} remeshed, ${FV_L} grid)` },
  { name: 'max-outflow', value: 'mass', default: '1e-6', help: 'stop with a message when more mass than this has left through |c| = L (methods remeshed and grid)' },
  { name: 'cfl', value: 'C', default: '0.4', help: 'Courant number of the positivity bound, in (0, 0.5] (method grid)' },
  { name: 'quadrature', value: 'NYxNC', default: '192x48', help: 'trapezoid nodes in y × Gauss–Hermite nodes in c (method lagrangian)' },
  { name: 'dt', value: 'Δt', help: `remesh interval (method remeshed, default ${REMESHED_DEFAULTS.dt}) or RK8 step (method lagrangian, default ${LAGRANGIAN_DEFAULT_DT})` },
  { name: 'substeps', value: 'k', help: `RK8 steps per remesh interval (method remeshed, default ${REMESHED_DEFAULTS.substeps})` },
  { name: 'order', value: 'p', help: `order of the remeshing kernel, even in [2, 12] (method remeshed, default ${REMESHED_DEFAULTS.order})` },
  { name: 'check', help: 'also solve with finer cells (--check-grid) and half the interval (RK8 step no longer than the run’s), and record the difference as the error estimate (method remeshed)' },
  { name: 'check-grid', value: 'NYxNC', help: 'cells of the --check run, at least --grid in each direction and finer in one (default: twice --grid in each direction)' },
  { name: 'frozen-y', help: 'move only c (the random-features variant)' },
  { name: 'density', help: 'also write ρ₀ on the grid and its y and c marginals at every time (methods remeshed and grid)' },
  { name: 'out', value: 'file.json', required: true, help: 'result file (written atomically at the end)' },
  { name: 'quiet', help: 'no progress bar' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const SOLVE_USAGE = `liouville solve [flags]

The mean-field limit ρ₀ of GD (eqs. 12–13) on the torus problem of SPEC §2, recorded at the
requested times as { t, loss, fhat, mass, outflow } (fhat: f̂₀,m for m = 0..M as [re, im]);
the remeshed solver adds negativeMass, and --check an errorEstimate per time.

Example:
  liouville solve --unit vonmises:2 --target "cos(x)" --sigma-c 1 --t 0,1,10,100 --check --out solve.json

Flags:
`;

export function solveCommand(argv: readonly string[]): number {
  const { config: cfg, quiet, force } = resolveConfig('solve', argv, SOLVE_FLAGS, SOLVE_FIELDS, SolveConfigSchema);
  const { problem, law } = problemFromConfig(cfg);
  const { times, method, out, frozenY, density: wantDensity, check } = cfg;
  const grid = cfg.grid ?? (method === 'grid' ? FV_GRID : REMESHED_GRID);
  const checkGrid = cfg.checkGrid ?? { ny: 2 * grid.ny, nc: 2 * grid.nc };
  if (cfg.checkGrid !== undefined && !check) throw new UsageError('--check-grid (config "checkGrid"): goes with --check');
  if (!(checkGrid.ny >= grid.ny && checkGrid.nc >= grid.nc && (checkGrid.ny > grid.ny || checkGrid.nc > grid.nc))) {
    throw new UsageError(`--check-grid (config "checkGrid"): got ${checkGrid.ny}x${checkGrid.nc}, must be finer than --grid ${grid.ny}x${grid.nc}`);
  }
  // Checks that need the problem's number of modes M.
  if (method !== 'lagrangian' && grid.ny <= 2 * problem.M) {
    throw new UsageError(`--grid (config "grid.ny"): got ${grid.ny} cells in y, which cannot hold the unit's ${problem.M} modes; use more than ${2 * problem.M}`);
  }
  if (method === 'lagrangian' && cfg.quadrature.ny <= 2 * problem.M) {
    throw new UsageError(`--quadrature (config "quadrature.ny"): ny = ${cfg.quadrature.ny} is invalid: the y-rule needs more than 2M = ${2 * problem.M} nodes for the unit's modes`);
  }
  const order = cfg.order ?? REMESHED_DEFAULTS.order;
  if (method === 'remeshed' && Math.min(grid.ny, grid.nc) < order) {
    throw new UsageError(`--grid (config "grid"): got ${grid.ny}x${grid.nc}, but the order-${order} kernel needs at least ${order} cells in each direction`);
  }
  const tEnd = times[times.length - 1]!;
  const remeshDt = cfg.dt ?? REMESHED_DEFAULTS.dt;
  const substeps = cfg.substeps ?? REMESHED_DEFAULTS.substeps;
  const checkRun = remeshedCheckSettings(remeshDt, substeps);
  const estimate = method === 'grid'
    ? {
      work: gridWork({ ...grid, L: cfg.L ?? FV_L, cfl: cfg.cfl, tEnd, ...speedBounds(problem, law) }),
      // about eight cell arrays (ρ, RK stages, fluxes), and ρ at every time with --density
      memoryBytes: 8 * grid.ny * grid.nc * (8 + (wantDensity ? times.length : 0)),
      flags: '--grid or --t',
    }
    : method === 'remeshed'
      ? {
        // --check adds a run on the check grid with half the interval (remeshedCheckSettings)
        work: remeshedWork(grid.ny * grid.nc, problem.M, stepsTo(times, remeshDt), substeps) +
          (check ? remeshedWork(checkGrid.ny * checkGrid.nc, problem.M, stepsTo(times, checkRun.dt), checkRun.substeps) : 0),
        // particles, 11 RK8 stages and the deposit buffer (and the check grid's with --check)
        memoryBytes: 8 * (grid.ny * grid.nc * (30 + (wantDensity ? times.length : 0)) + (check ? 30 * checkGrid.ny * checkGrid.nc : 0)),
        flags: '--grid, --t or --dt',
      }
      : {
        work: lagrangianWork(cfg.quadrature.ny * cfg.quadrature.nc, problem.M, stepsTo(times, cfg.dt ?? LAGRANGIAN_DEFAULT_DT)),
        memoryBytes: 8 * cfg.quadrature.ny * cfg.quadrature.nc * 30,
        flags: '--quadrature, --t or --dt',
      };
  guardWork(estimate, force);
  if (!quiet) process.stderr.write(`solve (${method}): ${describeWork(estimate)}\n`);
  const { out: _out, ...input } = cfg;
  const progress = createProgress(`solve (${method})`, quiet);
  const onProgress = (t: number, tEnd: number): void => progress.update(t, tEnd, `t=${t.toPrecision(4)}`);
  const started = Date.now();
  let snapshots: SolverSnapshot[];
  let methodConfig: Record<string, unknown>;
  let errorEstimates: { absolute: number; relative: number | null }[] | null = null;
  if (method === 'grid') {
    const { ny, nc } = grid;
    const { cfl, maxOutflow } = cfg;
    const L = cfg.L ?? FV_L;
    methodConfig = { method, ny, nc, L, cfl, maxOutflow, frozenY, scheme: 'finite volumes, positivity-scaled Fromm slopes, upwind fluxes, SSP-RK3' };
    snapshots = solveGrid(problem, law, { ny, nc, L, cfl, times, frozenY, recordDensity: wantDensity, maxOutflow }, { onProgress });
  } else if (method === 'remeshed') {
    const { ny, nc } = grid;
    const { maxOutflow } = cfg;
    const L = cfg.L ?? REMESHED_L;
    const opts = { ny, nc, L, times, dt: remeshDt, substeps, order, frozenY, maxOutflow };
    methodConfig = {
      method, ny, nc, L, dt: remeshDt, substeps, order, maxOutflow, frozenY,
      scheme: `remeshed particles: Cooper–Verner RK8 characteristics from the nodes, cardinal-spline remesh of order ${order}`,
      ...(check ? { check: { ...checkGrid, ...checkRun } } : {}),
    };
    snapshots = solveRemeshed(problem, law, { ...opts, recordDensity: wantDensity }, { onProgress });
    if (check) {
      if (!quiet) process.stderr.write(`solve (remeshed): check run at ${checkGrid.ny}x${checkGrid.nc}, dt = ${checkRun.dt}, ${checkRun.substeps} RK8 steps per interval\n`);
      const fine = solveRemeshed(problem, law, { ...opts, ...checkGrid, ...checkRun }, { onProgress });
      errorEstimates = snapshots.map((s, k) => {
        const d = Math.sqrt(parsevalDistanceSquared(s.fhat, fine[k]!.fhat));
        const norm = Math.sqrt(spectrumEnergy(fine[k]!.fhat));
        // f₀ = 0 (t = 0 with c̄ = 0) has no relative error
        return { absolute: d, relative: norm > 1e-12 * Math.sqrt(spectrumEnergy(problem.fhat)) ? d / norm : null };
      });
    }
  } else {
    const { ny, nc } = cfg.quadrature;
    const dt = cfg.dt;
    methodConfig = { method, quadrature: { ny, nc }, dt: dt ?? LAGRANGIAN_DEFAULT_DT, frozenY, scheme: 'weighted characteristics, trapezoid × Gauss–Hermite, Cooper–Verner RK8' };
    snapshots = solveLagrangian(problem, law, { ny, nc, times, frozenY, ...(dt === undefined ? {} : { dt }) }, { onProgress });
  }
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  const record = {
    ...resultHeader('solve', ['solve', ...argv]),
    config: { ...methodConfig, times, input },
    problem: problemRecord(problem, law),
    snapshots: snapshots.map((s, k) => ({
      t: s.t, steps: s.steps, loss: s.loss, fhat: spectrumToPairs(s.fhat), mass: s.mass, outflow: s.outflow,
      ...('negativeMass' in s ? { negativeMass: (s as RemeshedSnapshot).negativeMass } : {}),
      ...(errorEstimates ? { errorEstimate: errorEstimates[k]! } : {}),
      ...(s.density ? { density: { ...s.density, ...densityMarginals(s.density) } } : {}),
    })),
    timing: { seconds },
  };
  writeFileAtomic(out, toJson(record));
  console.log(`solve (${method}): unit ${problem.unit.spec} (M = ${problem.M}), target ${problem.target.expression}, σ_c = ${law.sigmaC}`);
  console.log(`         t          loss      |f̂₀,1|          mass       outflow${method === 'remeshed' ? '   neg. mass' : ''}${errorEstimates ? '   ‖Δf̂₀‖/‖f̂₀‖ (check)' : ''}`);
  snapshots.forEach((s, k) => {
    const a1 = problem.M >= 1 ? Math.hypot(s.fhat.re[1]!, s.fhat.im[1]!) : 0;
    const neg = 'negativeMass' in s ? `  ${(s as RemeshedSnapshot).negativeMass.toExponential(2).padStart(10)}` : '';
    const rel = errorEstimates?.[k]!.relative;
    const err = errorEstimates ? `  ${(rel === null || rel === undefined ? '—' : rel.toExponential(2)).padStart(21)}` : '';
    console.log(`${s.t.toPrecision(6).padStart(10)}  ${s.loss.toExponential(5).padStart(12)}  ${a1.toExponential(5).padStart(12)}  ` +
      `${s.mass.toPrecision(12).padStart(14)}  ${s.outflow.toExponential(2).padStart(9)}${neg}${err}`);
  });
  console.log(`${seconds.toFixed(2)} s; wrote ${out}`);
  return 0;
}

/** `max|U|` and `max|∂_y U|` at t = 0, bounded by the Fourier data: the speeds behind the grid's step (an estimate). */
function speedBounds(problem: TorusProblem, law: InitialLaw): { maxU: number; maxDU: number } {
  let maxU = 0;
  let maxDU = 0;
  for (let m = 0; m <= problem.M; m++) {
    const psi = Math.hypot(problem.psihat.re[m]!, problem.psihat.im[m]!);
    const f = Math.hypot(problem.fhat.re[m]!, problem.fhat.im[m]!);
    const term = (m === 0 ? 1 : 2) * psi * (f + (Math.abs(law.cMean) + law.sigmaC) * psi);
    maxU += term;
    maxDU += m * term;
  }
  return { maxU, maxDU };
}

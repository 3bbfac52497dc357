/**
 * `liouville solve`: the deterministic mean-field solution `ρ₀` (eqs. 12–13) on a torus problem,
 * by the Eulerian grid solver or the Lagrangian quadrature reference, recorded at given times.
 */
import { spectrumToPairs, type InitialLaw, type TorusProblem } from '../model/index.ts';
import { densityMarginals, LAGRANGIAN_DEFAULT_DT, solveGrid, solveLagrangian, type SolverSnapshot } from '../solver/index.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig, SOLVE_FIELDS, SolveConfigSchema } from './configSchema.ts';
import { describeWork, gridWork, guardWork, lagrangianWork, stepsTo } from './workGuard.ts';
import { PROBLEM_FLAGS, problemFromConfig, problemRecord } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { provenance, RESULT_FORMAT, toJson, writeFileAtomic } from './resultFile.ts';

export const SOLVE_FLAGS: readonly FlagSpec[] = [
  ...PROBLEM_FLAGS,
  { name: 't', value: 't0,t1,…', required: true, help: 'strictly increasing times >= 0 at which to record' },
  { name: 'method', value: 'grid|lagrangian', default: 'grid', help: 'Eulerian finite-volume grid, or weighted characteristics on a quadrature' },
  { name: 'grid', value: 'NYxNC', default: '128x128', help: 'grid cells in y (a power of two > 2M) and in c (method grid)' },
  { name: 'L', value: 'L', default: '8', help: 'the c domain is [−L, L]; mass leaving it is counted as outflow (method grid)' },
  { name: 'max-outflow', value: 'mass', default: '1e-6', help: 'stop with a message when more mass than this has left through |c| = L (method grid)' },
  { name: 'cfl', value: 'C', default: '0.4', help: 'Courant number of the positivity bound, in (0, 0.5] (method grid)' },
  { name: 'quadrature', value: 'NYxNC', default: '192x48', help: 'trapezoid nodes in y × Gauss–Hermite nodes in c (method lagrangian)' },
  { name: 'dt', value: 'Δt', help: 'time step of the characteristics (method lagrangian; default: the solver\'s)' },
  { name: 'frozen-y', help: 'move only c (the random-features variant)' },
  { name: 'density', help: 'also write ρ₀ on the grid and its y and c marginals at every time (method grid)' },
  { name: 'out', value: 'file.json', required: true, help: 'result file (written atomically at the end)' },
  { name: 'quiet', help: 'no progress bar' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const SOLVE_USAGE = `liouville solve [flags]

The mean-field limit ρ₀ of GD (eqs. 12–13) on the torus problem of SPEC §2, recorded at the
requested times as { t, loss, fhat, mass, outflow } (fhat: f̂₀,m for m = 0..M as [re, im]).

Example:
  liouville solve --unit vonmises:2 --target "cos(x)" --sigma-c 1 --t 0,1,10,100 --grid 256x256 --out solve.json

Flags:
`;

export function solveCommand(argv: readonly string[]): number {
  const { config: cfg, quiet, force } = resolveConfig('solve', argv, SOLVE_FLAGS, SOLVE_FIELDS, SolveConfigSchema);
  const { problem, law } = problemFromConfig(cfg);
  const { times, method, out, frozenY, density: wantDensity } = cfg;
  // Checks that need the problem's number of modes M.
  if (method === 'grid' && cfg.grid.ny <= 2 * problem.M) {
    throw new UsageError(`--grid (config "grid.ny"): got ${cfg.grid.ny} cells in y, which cannot hold the unit's ${problem.M} modes; use more than ${2 * problem.M}`);
  }
  if (method === 'lagrangian' && cfg.quadrature.ny <= 2 * problem.M) {
    throw new UsageError(`--quadrature (config "quadrature.ny"): ny = ${cfg.quadrature.ny} is invalid: the y-rule needs more than 2M = ${2 * problem.M} nodes for the unit's modes`);
  }
  const tEnd = times[times.length - 1]!;
  const estimate = method === 'grid'
    ? {
      work: gridWork({ ...cfg.grid, L: cfg.L, cfl: cfg.cfl, tEnd, ...speedBounds(problem, law) }),
      // about eight cell arrays (ρ, RK stages, fluxes), and ρ at every time with --density
      memoryBytes: 8 * cfg.grid.ny * cfg.grid.nc * (8 + (wantDensity ? times.length : 0)),
      flags: '--grid or --t',
    }
    : {
      work: lagrangianWork(cfg.quadrature.ny * cfg.quadrature.nc, problem.M, stepsTo(times, cfg.dt ?? LAGRANGIAN_DEFAULT_DT)),
      memoryBytes: 8 * cfg.quadrature.ny * cfg.quadrature.nc * 30,
      flags: '--quadrature, --t or --dt',
    };
  guardWork(estimate, force);
  if (!quiet) process.stderr.write(`solve (${method}): ${describeWork(estimate)}\n`);
  const { out: _out, ...input } = cfg;
  const progress = createProgress(`solve (${method})`, !quiet && process.stderr.isTTY === true);
  const onProgress = (t: number, tEnd: number): void => progress.update(t, tEnd, `t=${t.toPrecision(4)}`);
  const started = Date.now();
  let snapshots: SolverSnapshot[];
  let methodConfig: Record<string, unknown>;
  if (method === 'grid') {
    const { ny, nc } = cfg.grid;
    const { L, cfl, maxOutflow } = cfg;
    methodConfig = { method, ny, nc, L, cfl, maxOutflow, frozenY, scheme: 'finite volumes, positivity-scaled Fromm slopes, upwind fluxes, SSP-RK3' };
    snapshots = solveGrid(problem, law, { ny, nc, L, cfl, times, frozenY, recordDensity: wantDensity, maxOutflow }, { onProgress });
  } else {
    const { ny, nc } = cfg.quadrature;
    const dt = cfg.dt;
    methodConfig = { method, quadrature: { ny, nc }, dt: dt ?? LAGRANGIAN_DEFAULT_DT, frozenY, scheme: 'weighted characteristics, trapezoid × Gauss–Hermite, Cooper–Verner RK8' };
    snapshots = solveLagrangian(problem, law, { ny, nc, times, frozenY, ...(dt === undefined ? {} : { dt }) }, { onProgress });
  }
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  const record = {
    format: RESULT_FORMAT,
    command: 'solve',
    argv: ['solve', ...argv],
    package: provenance(),
    createdAt: new Date().toISOString(),
    config: { ...methodConfig, times, input },
    problem: problemRecord(problem, law),
    snapshots: snapshots.map((s) => ({
      t: s.t, steps: s.steps, loss: s.loss, fhat: spectrumToPairs(s.fhat), mass: s.mass, outflow: s.outflow,
      ...(s.density ? { density: { ...s.density, ...densityMarginals(s.density) } } : {}),
    })),
    timing: { seconds },
  };
  writeFileAtomic(out, toJson(record));
  console.log(`solve (${method}): unit ${problem.unit.spec} (M = ${problem.M}), target ${problem.target.expression}, σ_c = ${law.sigmaC}`);
  console.log('         t          loss      |f̂₀,1|          mass       outflow');
  for (const s of snapshots) {
    const a1 = problem.M >= 1 ? Math.hypot(s.fhat.re[1]!, s.fhat.im[1]!) : 0;
    console.log(`${s.t.toPrecision(6).padStart(10)}  ${s.loss.toExponential(5).padStart(12)}  ${a1.toExponential(5).padStart(12)}  ` +
      `${s.mass.toPrecision(12).padStart(14)}  ${s.outflow.toExponential(2).padStart(9)}`);
  }
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

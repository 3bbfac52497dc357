/**
 * `liouville solve`: the deterministic mean-field solution `ρ₀` (eqs. 12–13) on a torus problem,
 * by the remeshed-particle solver (default), the finite-volume grid solver or the Lagrangian
 * quadrature, recorded at given times; `--check` adds a self-convergence error estimate.
 */
import { spectrumToPairs, problemRecord } from '../model/index.ts';
import {
  checkSettingsOf, densityMarginals, describeSettings, errorEstimates, GRID_DEFAULTS, issueText, LAGRANGIAN_DEFAULTS, REMESHED_DEFAULTS, solve, solveCost, solveWithCheck,
  validateSettings, type ErrorEstimate, type Resolution, type RemeshedSnapshot, type SolverIssue, type SolverSnapshot, type SolveSettings,
} from '../solver/index.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig, SOLVE_FIELDS, SOLVE_PARAMETERS, SolveConfigSchema, type SolveConfig } from './configSchema.ts';
import { flagsOf } from './parameters.ts';
import { describeWork, guardWork } from './workGuard.ts';
import { problemFromConfig } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

export const SOLVE_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(SOLVE_PARAMETERS),
  { name: 'quiet', help: 'no progress bar' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const SOLVE_USAGE = `liouville solve [flags]

The mean-field limit ρ₀ of GD (eqs. 12–13) on the torus problem of docs/theory.md, recorded at the
requested times as { t, loss, fhat, mass, outflow } (fhat: f̂₀,m for m = 0..M as [re, im]);
the remeshed solver adds negativeMass, and --check an errorEstimate per time.

Example:
  liouville solve --unit vonmises:2 --target "cos(x)" --sigma-c 1 --t 0,1,10,100 --check --out solve.json

Flags:
`;

/** The flag that sets each solver setting, per method, for messages about the settings. */
function settingFlag(method: SolveSettings['method'], field: string, check: boolean): string {
  if (field === 'ny' || field === 'nc') return check ? '--check-grid' : method === 'lagrangian' ? '--quadrature' : '--grid';
  const flags: Record<string, string> = { L: '--L', tau: '--tau', dt: '--dt', substeps: '--substeps', order: '--order', cfl: '--cfl', maxOutflow: '--max-outflow', law: '--sigma-c/--c-mean' };
  return flags[field] ?? field;
}

function refuse(method: SolveSettings['method'], issues: readonly SolverIssue[], check: boolean): void {
  if (issues.length === 0) return;
  throw new UsageError(issues.map((i) => `${settingFlag(method, i.field, check)}${check ? ' (the check run)' : ''}: ${issueText(i)}`).join('; '));
}

/** The settings the flags ask for, each method's defaults filled where a flag is absent. */
function settingsFrom(cfg: SolveConfig): SolveSettings {
  const { method, frozenY, maxOutflow } = cfg;
  // the schema has refused settings of another method (--dt with remeshed, --tau with lagrangian)
  if (method === 'lagrangian') {
    return { method, ...cfg.quadrature, dt: cfg.dt ?? LAGRANGIAN_DEFAULTS.dt, frozenY };
  }
  if (method === 'grid') {
    const grid = cfg.grid ?? GRID_DEFAULTS;
    return { method, ny: grid.ny, nc: grid.nc, L: cfg.L ?? GRID_DEFAULTS.L, cfl: cfg.cfl, frozenY, maxOutflow };
  }
  const grid = cfg.grid ?? REMESHED_DEFAULTS;
  return {
    method, ny: grid.ny, nc: grid.nc, L: cfg.L ?? REMESHED_DEFAULTS.L, tau: cfg.tau ?? REMESHED_DEFAULTS.tau,
    substeps: cfg.substeps ?? REMESHED_DEFAULTS.substeps, order: cfg.order ?? REMESHED_DEFAULTS.order, frozenY, maxOutflow,
  };
}

export function solveCommand(argv: readonly string[]): number {
  const { config: cfg, quiet, force } = resolveConfig('solve', argv, SOLVE_FLAGS, SOLVE_FIELDS, SolveConfigSchema);
  const { problem, law } = problemFromConfig(cfg);
  const { times, method, out, density: wantDensity, check } = cfg;
  const settings = settingsFrom(cfg);
  if (cfg.checkGrid !== undefined && !check) throw new UsageError('--check-grid (config "checkGrid"): goes with --check');
  const finer: Resolution = cfg.checkGrid ?? { ny: 2 * settings.ny, nc: 2 * settings.nc };
  if (!(finer.ny >= settings.ny && finer.nc >= settings.nc && (finer.ny > settings.ny || finer.nc > settings.nc))) {
    throw new UsageError(`--check-grid (config "checkGrid"): got ${finer.ny}x${finer.nc}, must be finer than the run's ${settings.ny}x${settings.nc}`);
  }
  // the rules that need the problem (its number of modes M, the law) are the solver's own
  refuse(method, validateSettings(problem, law, settings), false);
  const checkSettings = check ? checkSettingsOf(settings, finer) : null;
  if (checkSettings) refuse(method, validateSettings(problem, law, checkSettings), true);
  const cost = solveCost(problem, law, settings, times, wantDensity, check ? finer : undefined);
  const estimate = { ...cost, flags: method === 'lagrangian' ? '--quadrature, --t or --dt' : method === 'grid' ? '--grid or --t' : '--grid, --t or --tau' };
  guardWork(estimate, force);
  if (!quiet) process.stderr.write(`solve (${method}): ${describeWork(estimate)}\n`);
  const { out: _out, ...input } = cfg;
  const progress = createProgress(`solve (${method})`, quiet);
  const hooks = { onProgress: (t: number, tEnd: number): void => progress.update(t, tEnd, `t=${t.toPrecision(4)}`) };
  const started = Date.now();
  let snapshots: SolverSnapshot[];
  let estimates: ErrorEstimate[] | null = null;
  if (checkSettings) {
    const checked = solveWithCheck(problem, law, settings, finer, times, {
      hooks, density: wantDensity,
      onRun: (which, s) => {
        if (which === 'check' && !quiet) {
          process.stderr.write(`solve (${method}): check run at ${s.ny}x${s.nc}${s.method === 'remeshed' ? `, τ = ${s.tau}, ${s.substeps} RK8 steps per interval` : ''}\n`);
        }
      },
    });
    snapshots = checked.main;
    estimates = errorEstimates(problem, checked);
  } else {
    snapshots = solve(problem, law, settings, times, { hooks, density: wantDensity });
  }
  const methodConfig: Record<string, unknown> = { ...describeSettings(settings), ...(checkSettings ? { check: describeSettings(checkSettings) } : {}) };
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  const record = {
    ...resultHeader('solve', ['solve', ...argv]),
    config: { ...methodConfig, times, input },
    problem: problemRecord(problem, law),
    snapshots: snapshots.map((s, k) => ({
      t: s.t, steps: s.steps, loss: s.loss, fhat: spectrumToPairs(s.fhat), mass: s.mass, outflow: s.outflow,
      ...('negativeMass' in s ? { negativeMass: (s as RemeshedSnapshot).negativeMass } : {}),
      ...(estimates ? { errorEstimate: estimates[k]! } : {}),
      ...(s.density ? { density: { ...s.density, ...densityMarginals(s.density) } } : {}),
    })),
    timing: { seconds },
  };
  writeFileAtomic(out, toJson(record));
  console.log(`solve (${method}): unit ${problem.unit.spec} (M = ${problem.M}), target ${problem.target.expression}, σ_c = ${law.sigmaC}`);
  console.log(`         t          loss      |f̂₀,1|          mass       outflow${method === 'remeshed' ? '   neg. mass' : ''}${estimates ? '   ‖Δf̂₀‖/‖f̂₀‖ (check)' : ''}`);
  snapshots.forEach((s, k) => {
    const a1 = problem.M >= 1 ? Math.hypot(s.fhat.re[1]!, s.fhat.im[1]!) : 0;
    const neg = 'negativeMass' in s ? `  ${(s as RemeshedSnapshot).negativeMass.toExponential(2).padStart(10)}` : '';
    const rel = estimates?.[k]!.relative;
    const err = estimates ? `  ${(rel === null || rel === undefined ? '—' : rel.toExponential(2)).padStart(21)}` : '';
    console.log(`${s.t.toPrecision(6).padStart(10)}  ${s.loss.toExponential(5).padStart(12)}  ${a1.toExponential(5).padStart(12)}  ` +
      `${s.mass.toPrecision(12).padStart(14)}  ${s.outflow.toExponential(2).padStart(9)}${neg}${err}`);
  });
  console.log(`${seconds.toFixed(2)} s; wrote ${out}`);
  return 0;
}

/**
 * `liouville compare units`: ranks candidate units for one target by the predicted CLT prefactor
 * and confirms the ranking with GD ensembles (compare/units/unitStudy.ts).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PREDICTION_DEFAULT_DT, runUnitStudy, type UnitStudySpec } from '../compare/index.ts';
import { createTarget, createUnit, stepsTo } from '../model/index.ts';
import { GAUSS_HERMITE_MAX_NODES, lagrangianWork, predictionWork } from '../solver/index.ts';
import { describeWork, guardWork, particleRunWork } from './workGuard.ts';
import { CONFIG_FLAG, ENGINE_PARAMETER, FORCE_FLAG, resolveConfig } from './configSchema.ts';
import { engineOf } from './engineFlag.ts';
import { fieldsOf, flagsOf, shapeOf, withChanges, type ParameterTable } from './parameters.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { DENSITY_PROBLEM_PARAMETERS } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

const DEFAULT_UNITS = 'vonmises:0.5;vonmises:1;vonmises:2;vonmises:4;vonmises:8;sigmoid:2;sigmoid:4;relu';

const pair = z.strictObject({ ny: z.int().min(1), nc: z.int().min(1).max(GAUSS_HERMITE_MAX_NODES) });
const { unit: _unit, ...PROBLEM_WITHOUT_UNIT } = DENSITY_PROBLEM_PARAMETERS;

const UNITS_PARAMETERS = {
  units: { flag: 'units', kind: 'string', value: 'u1;u2;…', default: DEFAULT_UNITS, schema: z.string().trim().min(1), help: 'candidate units separated by ";"', allowed: 'units separated by ";" such as "vonmises:1;relu"' },
  ...withChanges(PROBLEM_WITHOUT_UNIT, {
    target: { default: 'cos(x) + 0.6*sin(2*x)' },
    maxModes: { default: '24', help: 'modes kept per unit at most (relu has 512 above 1e-14; the adjoint costs ∝ M²)' },
  }),
  times: { flag: 't', kind: 'times', value: 't0,t1,…', default: '0,2,10', schema: z.array(z.number().min(0)).min(1), help: 'recorded times', allowed: 'a non-empty list of strictly increasing finite times >= 0' },
  rankTime: { flag: 'rank-t', kind: 'number', value: 't', schema: z.number().min(0).optional(), help: 'the time at which the units are ranked (default: the last of --t)', allowed: 'one of the recorded times' },
  n: { flag: 'n', kind: 'number', value: 'n', default: '512', schema: z.int().min(2).max(2 ** 24 - 1), help: 'particles per ensemble member', allowed: 'an integer in [2, 2^24)' },
  seeds: { flag: 'seeds', kind: 'number', value: 'R', default: '128', schema: z.int().min(2), help: 'ensemble members per unit', allowed: 'an integer >= 2' },
  seed: { flag: 'seed', kind: 'number', value: 'int', default: '1', schema: z.int().min(0), help: 'base seed; member r uses stream r·2^24 + n of it for every unit (common random numbers)', allowed: 'an integer >= 0' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', default: '0.05', schema: z.number().gt(0), help: 'RK4 time step of the particle GD', allowed: 'a finite number > 0' },
  reference: { flag: 'reference', kind: 'pair', value: 'NYxNC', default: '192x48', schema: pair, help: 'Lagrangian quadrature of the reference f₀(t)', allowed: 'NYxNC such as 192x48' },
  predict: { flag: 'predict', kind: 'pair', value: 'NYxNC', default: '64x16', schema: pair, help: 'quadrature of the predicted prefactor', allowed: 'NYxNC such as 64x16' },
  engine: ENGINE_PARAMETER,
  workers: { flag: 'workers', kind: 'number', value: 'k', schema: z.int().min(0).optional(), help: 'worker threads (default: all cores); 0 runs in the main thread', allowed: 'an integer >= 0' },
  out: { flag: 'out', kind: 'string', value: 'dir', default: 'results', schema: z.string().min(1), help: 'output directory (writes compare-units.json)', allowed: 'a directory name' },
} as const satisfies ParameterTable;

export const UNITS_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(UNITS_PARAMETERS),
  { name: 'quiet', help: 'no progress output' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const UNITS_USAGE = `liouville compare units [flags]

For one target, every candidate unit gets the CLT prefactor n·E‖f_n − f₀‖² predicted from the
linearised mean-field flow and measured on an ensemble of GD runs at one n. The units are ranked
by the prediction at --rank-t; the ranking is confirmed when no pair is measured significantly
(95%) the other way round. Every unit runs the same seeds from the same initial particles, so two
units are compared seed by seed (the paired difference and its standard error). Prints the table
and writes <out>/compare-units.json.

Example:
  liouville compare units --units "vonmises:1;vonmises:4;sigmoid:4" --t 0,10 --seeds 64

Flags:
`;

const UnitsConfigSchema = z
  .strictObject(shapeOf(UNITS_PARAMETERS))
  .superRefine((c, ctx) => {
    c.times.forEach((t, k) => {
      if (k > 0 && !(t > c.times[k - 1]!)) ctx.addIssue({ code: 'custom', path: ['times'], message: `must increase strictly, but ${t} follows ${c.times[k - 1]}` });
    });
    if (c.rankTime !== undefined && !c.times.includes(c.rankTime)) {
      ctx.addIssue({ code: 'custom', path: ['rankTime'], message: `must be one of the recorded times ${c.times.join(', ')}` });
    }
    if (c.units.split(';').filter((u) => u.trim() !== '').length < 2) ctx.addIssue({ code: 'custom', path: ['units'], message: 'needs at least two units to rank' });
  });

const UNITS_FIELDS = fieldsOf(UNITS_PARAMETERS);

export async function unitsCommand(argv: readonly string[]): Promise<number> {
  const { config: c, quiet, force } = resolveConfig('compare', argv, UNITS_FLAGS, UNITS_FIELDS, UnitsConfigSchema);
  try {
    createTarget(c.target, { modeTolerance: c.modeTolerance, maxModes: c.maxModes });
  } catch (err) {
    throw new UsageError(`--target (config "target"): got ${JSON.stringify(c.target)}, ${(err as Error).message}`);
  }
  const units = c.units.split(';').map((u) => u.trim()).filter((u) => u !== '');
  let work = 0;
  const steps = stepsTo(c.times, c.dt);
  for (const unit of units) {
    let M: number;
    try {
      M = createUnit(unit, { modeTolerance: c.modeTolerance, maxModes: c.maxModes }).modes;
    } catch (err) {
      throw new UsageError(`--units (config "units"): the unit "${unit}" is invalid: ${(err as Error).message}`);
    }
    if (c.predict.ny <= 2 * M) throw new UsageError(`--predict (config "predict.ny"): got ${c.predict.ny}, must exceed 2M = ${2 * M} for ${unit}`);
    if (c.reference.ny <= 2 * M) throw new UsageError(`--reference (config "reference.ny"): got ${c.reference.ny}, must exceed 2M = ${2 * M} for ${unit}`);
    work += predictionWork(c.predict.ny * c.predict.nc, M, c.times, PREDICTION_DEFAULT_DT)
      + lagrangianWork(c.reference.ny * c.reference.nc, M, stepsTo(c.times, PREDICTION_DEFAULT_DT))
      + c.seeds * particleRunWork({ n: c.n, M, steps, dynamics: 'gd', integrator: 'rk4', interaction: 'spectral', largestBatch: 0 });
  }
  const workersForEstimate = c.workers ?? availableParallelism();
  const estimate = { work, memoryBytes: 8 * (c.seeds * units.length * c.times.length * 64 + 16 * c.n * Math.max(1, workersForEstimate)), flags: '--units, --n, --seeds, --t or --dt' };
  guardWork(estimate, force, workersForEstimate);
  if (!quiet) process.stderr.write(`compare units: ${units.length} units; ${describeWork(estimate, workersForEstimate)}\n`);
  const spec: UnitStudySpec = {
    units, target: c.target, law: { cMean: c.cMean, sigmaC: c.sigmaC }, modeTolerance: c.modeTolerance, maxModes: c.maxModes,
    n: c.n, seeds: c.seeds, seed: c.seed, times: c.times, rankTime: c.rankTime ?? c.times[c.times.length - 1]!, dt: c.dt,
    ...((engine) => (engine !== 'js' ? { engine } : {}))(engineOf(c.engine, 'spectral')),
    reference: c.reference, prediction: { ...c.predict, dt: PREDICTION_DEFAULT_DT },
  };
  const workers = c.workers ?? availableParallelism();
  const started = Date.now();
  const bar = createProgress('members', quiet);
  const result = await runUnitStudy(spec, workers, {
    onStage: (s) => { if (!quiet) process.stderr.write(`${s}\n`); },
    onMemberDone: (d, t) => bar.update(d, t, `${d}/${t}`),
  });
  bar.finish();
  const seconds = (Date.now() - started) / 1000;
  const file = join(c.out, 'compare-units.json');
  const { out: _out, ...input } = c;
  writeFileAtomic(file, toJson({
    ...resultHeader('compare', ['compare', 'units', ...argv], { claim: 'units' }),
    config: { input }, spec, units: result.units, ranking: result.ranking, timing: { seconds, workers },
  }));
  const k = spec.times.indexOf(spec.rankTime);
  console.log(`\nunits for f = ${spec.target}, σ_c = ${spec.law.sigmaC}; n = ${spec.n}, ${spec.seeds} seeds; ranked at t = ${spec.rankTime}`);
  console.log(`\n${'unit'.padEnd(14)}  M   ∫ψ²      ${'predicted n·E‖f_n−f₀‖²'.padEnd(24)}  ${'measured ± s.e.'.padEnd(22)}  mean-field loss`);
  const order = result.ranking.predictedOrder.map((u) => result.units.find((x) => x.unit === u)!);
  for (const u of order) {
    console.log(`${u.unit.padEnd(14)} ${String(u.M).padStart(2)}  ${u.psiEnergy.toFixed(4)}   ${u.prediction.total[k]!.toExponential(3).padEnd(24)}  ` +
      `${`${u.measured[k]!.toExponential(3)} ± ${u.standardError[k]!.toExponential(1)}`.padEnd(22)}  ${u.meanFieldLoss[k]!.toExponential(3)}`);
  }
  const r = result.ranking;
  console.log(`\nmeasured order: ${r.measuredOrder.join(' < ')}`);
  // the inversions are tested paired (same seeds for every unit): the difference is predictedBetter − measuredBetter per seed
  console.log(`Kendall τ (predicted vs measured order) = ${r.kendallTau.toFixed(3)}; significant inversions (paired over the common seeds): ${r.inversions.length === 0 ? 'none'
    : r.inversions.map((i) => `${i.measuredBetter} < ${i.predictedBetter} (paired difference ${i.meanDifference.toExponential(2)} ± ${i.standardError.toExponential(1)}, ` +
      `z = ${i.z.toFixed(1)})`).join(', ')}; predicted best (${r.predictedOrder[0]}) confirmed: ${r.bestConfirmed ? 'yes' : 'NO'}`);
  console.log(`${seconds.toFixed(1)} s; wrote ${file}`);
  return 0;
}

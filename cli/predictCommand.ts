/**
 * `liouville predict clt`: the CLT prefactor `lim n·E‖f_n(t) − f₀(t)‖²` of GD and its spectrum,
 * from the linearised mean-field flow (solver/cltPrediction.ts), with its quadrature error
 * estimated by a finer quadrature and the linear-regime closed form beside it.
 */
import { z } from 'zod';
import { computeCltPrediction, PREDICTION_DEFAULT_DT } from '../compare/index.ts';
import { GAUSS_HERMITE_MAX_NODES, predictionWork } from '../solver/index.ts';
import { describeWork, guardWork } from './workGuard.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig } from './configSchema.ts';
import { fieldsOf, flagsOf, shapeOf, type ParameterTable } from './parameters.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { DENSITY_PROBLEM_PARAMETERS, problemFromConfig } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';
import { stepsTo, problemRecord } from '../model/index.ts';

const pair = z.strictObject({ ny: z.int().min(1), nc: z.int().min(1).max(GAUSS_HERMITE_MAX_NODES) });

const PREDICT_PARAMETERS = {
  ...DENSITY_PROBLEM_PARAMETERS,
  times: { flag: 't', kind: 'times', value: 't0,t1,…', required: true, schema: z.array(z.number().min(0)).min(1), help: 'strictly increasing times >= 0', allowed: 'a non-empty list of strictly increasing finite times >= 0' },
  quadrature: { flag: 'quadrature', kind: 'pair', value: 'NYxNC', default: '64x16', schema: pair, help: 'trapezoid nodes in y × Gauss–Hermite nodes in c of the linearised flow', allowed: `NYxNC such as 64x16 (NC at most ${GAUSS_HERMITE_MAX_NODES})` },
  check: { flag: 'check', kind: 'pair', value: 'NYxNC|none', default: '96x24', schema: z.union([z.literal('none'), pair]), help: 'a finer quadrature whose prediction estimates the error of the first, or none', allowed: 'NYxNC finer than --quadrature, or none' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', default: String(PREDICTION_DEFAULT_DT), schema: z.number().gt(0), help: 'RK8 step of the forward and adjoint sweeps', allowed: 'a finite number > 0' },
  out: { flag: 'out', kind: 'string', value: 'file.json', required: true, schema: z.string().min(1), help: 'result file (written atomically at the end)', allowed: 'a file name' },
} as const satisfies ParameterTable;

export const PREDICT_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(PREDICT_PARAMETERS),
  { name: 'quiet', help: 'no progress bar' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const PREDICT_USAGE = `liouville predict clt [flags]

The CLT prefactor of GD on a torus problem: lim_{n→∞} n·E‖f_n(t) − f₀(t)‖² and its terms per
Fourier mode, as the variance over z ~ ρ_in of the influence of one initial particle at z on
f₀(t) (the first variation of the mean-field flow, computed by the discrete adjoint of the
Lagrangian solver). Equals σ_c² ∫ψ² dμ at t = 0.

Example:
  liouville predict clt --unit vonmises:2 --target "cos(x)" --t 0,1,10,50 --out predict.json

Flags:
`;

const PredictConfigSchema = z
  .strictObject(shapeOf(PREDICT_PARAMETERS))
  .superRefine((c, ctx) => {
    c.times.forEach((t, k) => {
      if (k > 0 && !(t > c.times[k - 1]!)) ctx.addIssue({ code: 'custom', path: ['times'], message: `must increase strictly, but ${t} follows ${c.times[k - 1]}` });
    });
    if (c.check !== 'none' && !(c.check.ny >= c.quadrature.ny && c.check.nc >= c.quadrature.nc && (c.check.ny > c.quadrature.ny || c.check.nc > c.quadrature.nc))) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: `must be a quadrature finer than --quadrature ${c.quadrature.ny}x${c.quadrature.nc}, or none` });
    }
  });

const PREDICT_FIELDS = fieldsOf(PREDICT_PARAMETERS);

export function predictCommand(argv: readonly string[]): number {
  const [what, ...rest] = argv;
  if (what !== 'clt') throw new UsageError(`the first argument must be clt (the quantity to predict), got "${what ?? ''}"`);
  const { config: cfg, quiet, force } = resolveConfig('predict', rest, PREDICT_FLAGS, PREDICT_FIELDS, PredictConfigSchema);
  const { problem, law } = problemFromConfig(cfg);
  for (const [key, q] of [['quadrature', cfg.quadrature], ['check', cfg.check]] as const) {
    if (q !== 'none' && q.ny <= 2 * problem.M) {
      throw new UsageError(`--${key} (config "${key}.ny"): got ${q.ny}, must exceed 2M = ${2 * problem.M} for the unit's modes`);
    }
  }
  const quadratures = [cfg.quadrature, ...(cfg.check === 'none' ? [] : [cfg.check])];
  const estimate = {
    work: quadratures.reduce((a, q) => a + predictionWork(q.ny * q.nc, problem.M, cfg.times, cfg.dt), 0),
    // the adjoint keeps the forward state at every step (2N), its RK8 stage buffers, and one N × (2M + 1) Jacobian per time
    memoryBytes: Math.max(...quadratures.map((q) => {
      const N = q.ny * q.nc;
      const R = 2 * problem.M + 1;
      return 8 * (2 * N * stepsTo(cfg.times, cfg.dt) + 11 * N * (6 + 2 * (problem.M + 1) + 2 * R) + 4 * N * R + N * R * cfg.times.length);
    })),
    flags: '--quadrature, --check, --t or --dt',
  };
  guardWork(estimate, force);
  if (!quiet) process.stderr.write(`predict clt: ${describeWork(estimate)}\n`);
  const started = Date.now();
  const progress = createProgress('predict clt', quiet);
  let lastStage = '';
  const record = computeCltPrediction(problem, law, cfg.times, {
    ny: cfg.quadrature.ny, nc: cfg.quadrature.nc, dt: cfg.dt, check: cfg.check === 'none' ? null : cfg.check,
  }, (done, total, stage) => {
    if (stage !== lastStage && !quiet && process.stderr.isTTY !== true) process.stderr.write(`${stage}\n`);
    lastStage = stage;
    progress.update(done, total, stage);
  });
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  const { out, ...input } = cfg;
  writeFileAtomic(out, toJson({
    ...resultHeader('predict', ['predict', ...argv], { quantity: 'clt' }),
    config: { input, method: 'first variation of the mean-field flow: discrete adjoint of the Lagrangian solver (Cooper–Verner RK8) with respect to its quadrature weights' },
    problem: problemRecord(problem, law),
    prediction: record,
    timing: { seconds },
  }));
  console.log(`predict clt: unit ${problem.unit.spec} (M = ${problem.M}), target ${problem.target.expression}, c̄ = ${law.cMean}, σ_c = ${law.sigmaC}`);
  const q = cfg.quadrature;
  console.log(`\n         t   n·E‖f_n−f₀‖² → (${q.ny}×${q.nc})   finer quadrature   rel. diff.   linear regime   largest modes`);
  record.times.forEach((t, k) => {
    const total = record.total[k]!;
    const check = record.checkTotal?.[k];
    const modes = record.perMode[k]!.map((v, m) => [m, v] as const).sort((a, b) => b[1] - a[1]).slice(0, 3)
      .map(([m, v]) => `${m}: ${(v / total).toFixed(2)}`).join(', ');
    console.log(`${t.toPrecision(4).padStart(10)}  ${total.toExponential(5).padStart(22)}  ${check === undefined ? '—'.padStart(17) : check.toExponential(5).padStart(17)}  ` +
      `${check === undefined ? '—'.padStart(11) : Math.abs(check / total - 1).toExponential(1).padStart(11)}  ` +
      `${record.linearRegime ? record.linearRegime[k]!.toExponential(4).padStart(14) : '—'.padStart(14)}   ${modes}`);
  });
  console.log(`${seconds.toFixed(1)} s; wrote ${out}`);
  return 0;
}

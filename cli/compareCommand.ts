/**
 * `liouville compare lln|clt|healing|all|sgd|asymptotic`: the study of a configuration (flags or
 * `--config`), run by the library's pipeline (`runStudy`, or `runStudyShard` for `--shard i/N`)
 * with a checkpoint, written as one versioned result file, and its table printed. `compare units`
 * and `compare spin3` are the other studies; `merge` and `reanalyse` have their own files.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointError, sgdBatchSchedule, predictionCheckOf, computeCltPrediction, prefactorDecayRate, scheduleText, scheduleTime, scheduleTimes, openCheckpoint,
  pendingTasks, referenceCost, runStudy, runStudyShard, studyTasks, StudySpecError, validateStudySpec, writeShardResult, writeStudyResult,
  type GrowingSchedule, type ScheduleSetting, type StudySpec,
} from '../compare/index.ts';
import { createTorusProblem, stepsTo } from '../model/index.ts';
import { UsageError } from './flags.ts';
import { engineOf } from './engineFlag.ts';
import { problemFromConfig } from './problemFlags.ts';
import { describeWork, guardWork, particleRunWork, type WorkEstimate } from './workGuard.ts';
import { CLAIM_DEFAULTS, CLAIMS, claimsOf, COMPARE_FLAGS, parseShard, REFERENCE_DEFAULTS, resolveCompareConfig, type ClaimWord, type CompareConfig } from './compareConfig.ts';
import { unitsCommand } from './unitsCommand.ts';
import { spin3Command } from './spin3Command.ts';
import { spin3ExactCommand } from './spin3ExactCommand.ts';
import { memberProgress, printStudy } from './studyOutput.ts';
import { fmt } from '../compare/verdicts/verdict.ts';

/** The decay rate of the predicted prefactor is read on these times (`compare/torus/healingTime.ts`: the last three resolved). */
const LAMBDA_PROBE_TIMES = [0, 1, 2, 5, 10, 20, 50];

function pairOf(text: string): { ny: number; nc: number } {
  const [ny, nc] = text.split('x').map(Number);
  return { ny: ny!, nc: nc! };
}

export { COMPARE_FLAGS };

export const COMPARE_USAGE = `liouville compare lln|clt|healing|all|sgd|asymptotic [flags]      (compare units --help, compare spin3 --help, compare spin3-exact --help: the other studies)

Ensembles of GD particle runs over an n-ladder and R seeds, against the mean-field reference
(Lagrangian f₀, grid ρ₀): E‖f_n − f₀‖² and its bias/variance split, per Fourier mode, the loss,
W1 distances of the marginals, log-log slopes in n with bootstrap intervals, Gaussianity of
√n(f_n − f₀), and n·E‖f_n − f₀‖² against its prediction from the linearised flow. Writes
<out>/compare-<claim>.json and prints the verdicts: each names the proposition it tests, its
rule and its outcome (agrees / disagrees / not resolved), primary ones Holm-corrected.
\`compare asymptotic\` tests Prop. 3.3: times a_n that grow with n (κ·log n/(2λ) for each --kappa,
(log n)^p/(2λ), and a fixed-t control), the error against the target f and against f₀.

Example:
  liouville compare clt --n 32..2048 --seeds 40 --out results

Flags:
`;

/** The study of a validated configuration; the rules that need the built problem (its M) are the library's (`validateStudySpec`). */
function specFromConfig(claimWord: ClaimWord, c: CompareConfig, schedules: ScheduleSetting | null = null): StudySpec {
  const { problem } = problemFromConfig(c); // unit and target errors become usage errors naming the flag
  const method = c.referenceMethod;
  const reference = c.reference ?? pairOf(REFERENCE_DEFAULTS[method].main);
  const referenceCheck = c.referenceCheck ?? pairOf(REFERENCE_DEFAULTS[method].check);
  if (!(referenceCheck.ny >= reference.ny && referenceCheck.nc >= reference.nc && (referenceCheck.ny > reference.ny || referenceCheck.nc > reference.nc))) {
    throw new UsageError(`--reference-check (config "referenceCheck"): got ${referenceCheck.ny}x${referenceCheck.nc}, must be finer than --reference ${reference.ny}x${reference.nc}`);
  }
  if (claimWord !== 'asymptotic') {
    for (const [key, flag] of [['lambda', 'lambda'], ['kappa', 'kappa'], ['power', 'power']] as const) {
      if (c[key] !== undefined) throw new UsageError(`--${flag} (config "${key}"): got ${c[key]}, applies to compare asymptotic only`);
    }
  }
  if (claimWord !== 'sgd') {
    if (c.alpha !== undefined) throw new UsageError(`--alpha (config "alpha"): got ${c.alpha}, applies to compare sgd only`);
    if (c.quench !== undefined) throw new UsageError(`--quench (config "quench"): got "${c.quench}", applies to compare sgd only`);
  }
  const alpha = c.alpha ?? 0.25;
  const quench = c.quench === undefined || c.quench === 'none' ? null : (([at, aq]) => ({ at: at!, alpha: aq! }))(c.quench.split(':').map(Number));
  if (claimWord === 'sgd' && quench) {
    if (!(quench.alpha > alpha && quench.alpha <= 1)) throw new UsageError(`--quench (config "quench"): got "${c.quench}", the quench α must lie in (α = ${alpha}, 1]`);
    if (!(quench.at > 0 && quench.at < c.times[c.times.length - 1]!)) throw new UsageError(`--quench (config "quench"): got "${c.quench}", the quench time must lie in (0, ${c.times[c.times.length - 1]}), the last recorded time`);
  }
  const noPrediction = c.predict === 'none' ? '--predict none' : claimWord === 'sgd' || claimWord === 'asymptotic' ? `compare ${claimWord} has no prediction` : null;
  if (c.control === 'transport' && noPrediction) {
    throw new UsageError(`--control (config "control"): got "transport", but the members' responses are transported with the prediction, and ${noPrediction}`);
  }
  const engine = engineOf(c.engine, 'spectral');
  const spec: StudySpec = {
    claims: claimsOf(claimWord),
    problem: { unit: problem.unit.spec, target: problem.target.expression, modeTolerance: c.modeTolerance, maxModes: c.maxModes },
    law: { cMean: c.cMean, sigmaC: c.sigmaC },
    ns: c.n, seeds: c.seeds, seed: c.seed, times: schedules ? scheduleTimes(schedules, c.n, c.times) : c.times, dt: c.dt,
    // absent is js (what studies ran on before the kernels), so the spec of a js study is the same as then
    ...(engine !== 'js' ? { engine } : {}),
    reference: method === 'remeshed' ? { method, ...reference, L: c.L, check: referenceCheck } : { method, ...reference, check: referenceCheck },
    density: c.density === 'none' ? null : { ...c.density, L: c.L },
    bootstrap: { replicates: c.bootstrap, level: 0.95 },
    // the prediction is GD's prefactor: an SGD study has no prediction to compare with
    // the asymptotic study's many times would make the prediction costly; its λ came from one (schedules.lambdaSource)
    prediction: c.predict === 'none' || noPrediction ? null
      : {
        ...c.predict, dt: c.predictDt, check: predictionCheckOf({ ...c.predict, dt: c.predictDt }, problem.M),
        ...(c.control === 'transport' ? { control: 'transport' as const } : {}),
      },
    ...(claimWord === 'sgd' ? { sgd: { alpha, quench } } : {}),
    ...(schedules ? { schedules } : {}),
  };
  try {
    validateStudySpec(spec);
  } catch (err) {
    if (err instanceof StudySpecError) throw new UsageError(`${specFlag(err.field)}: ${err.message}`);
    throw err;
  }
  return spec;
}

/** The flag that sets a field of the study spec, for the library's messages (which name the spec's fields). */
function specFlag(field: string): string {
  const head = field.replace(/\[\d+\]/g, '');
  const flags: [string, string][] = [
    ['reference.check.', '--reference-check'], ['reference.L', '--L'], ['reference.', '--reference'], ['density.L', '--L'], ['density.', '--density'],
    ['prediction.control', '--control'], ['prediction.dt', '--predict-dt'], ['prediction.check.dt', '--predict-dt'], ['prediction.', '--predict'], ['ns', '--n'], ['seeds', '--seeds'], ['seed', '--seed'], ['times', '--t'], ['dt', '--dt'], ['sigmaC', '--sigma-c'],
    ['cMean', '--c-mean'], ['bootstrap.', '--bootstrap'], ['sgd.alpha', '--alpha'], ['sgd.quench', '--quench'], ['schedules.lambda', '--lambda'],
    ['schedules.kappa', '--kappa'], ['schedules.power', '--power'], ['schedules', '--kappa/--power'], ['problem', '--unit/--target'],
  ];
  return flags.find(([prefix]) => head === prefix || head.startsWith(prefix))?.[1] ?? field;
}

/**
 * Prop. 3.3's schedules: `λ` (given, or the late decay rate of the predicted prefactor), then
 * `a_n = κ log n/(2λ)` for each `--kappa`, `a_n = (log n)^p/(2λ)`, and the fixed-`t` control at the
 * latter's time on the smallest rung.
 */
function asymptoticSchedules(c: CompareConfig, quiet: boolean): ScheduleSetting {
  let lambda = c.lambda;
  let lambdaSource = 'given (--lambda)';
  if (lambda === undefined) {
    const { problem, law } = problemFromConfig(c);
    const quadrature = c.predict === 'none' ? { ny: 64, nc: 16 } : c.predict;
    if (!quiet) process.stderr.write(`λ: the predicted prefactor at t = ${LAMBDA_PROBE_TIMES.join(',')} (${quadrature.ny}×${quadrature.nc})\n`);
    const p = computeCltPrediction(problem, law, LAMBDA_PROBE_TIMES, { ...quadrature, dt: c.predictDt, check: null });
    const rate = prefactorDecayRate(LAMBDA_PROBE_TIMES, p.total);
    if (rate === null) throw new UsageError(`--lambda: the predicted prefactor (${p.total.map((v) => v.toPrecision(3)).join(', ')} at t = ${LAMBDA_PROBE_TIMES.join(',')}) shows no decay to read λ from; give --lambda`);
    lambda = rate;
    lambdaSource = `late decay of the predicted prefactor P(t) at t = ${LAMBDA_PROBE_TIMES.join(',')} (${quadrature.ny}×${quadrature.nc}): P = ${p.total.map((v) => v.toPrecision(3)).join(', ')}`;
  }
  const scale = 1 / (2 * lambda);
  const kappas = (c.kappa ?? '0.5,2').split(',').map(Number);
  const powerLog: GrowingSchedule = { kind: 'powerLog', kappa: scale, power: c.power ?? 1.5 };
  const schedules: GrowingSchedule[] = [
    ...kappas.map((k): GrowingSchedule => ({ kind: 'log', kappa: k * scale })),
    powerLog,
    { kind: 'fixed', t: scheduleTime(powerLog, c.n[0]!) },
  ];
  if (!quiet) process.stderr.write(`λ = ${fmt(lambda)} (${lambdaSource}); 1/(2λ) = ${fmt(scale)}; schedules: ${schedules.map(scheduleText).join('; ')}\n`);
  return { lambda, lambdaSource, schedules };
}

/**
 * The work of the members `memberNs` (GD, or SGD with its GD twin and no-quench control) and of the
 * reference (f₀ with its check, the grid density, the prediction: `referenceCost`; a slice but the
 * first computes the density only), and what the study holds in memory.
 */
function studyWork(spec: StudySpec, memberNs: readonly number[], marginalsOnly: boolean): WorkEstimate {
  const M = createTorusProblem(spec.problem).M;
  const steps = stepsTo(spec.times, spec.dt);
  let work = 0;
  for (const n of memberNs) {
    const gd = particleRunWork({ n, M, steps, dynamics: 'gd', integrator: spec.sgd ? 'euler' : 'rk4', interaction: 'spectral', largestBatch: 0 });
    if (!spec.sgd) {
      work += gd;
      continue;
    }
    const largest = Math.max(...sgdBatchSchedule(spec.sgd, n).map((p) => p.batch));
    const sgd = particleRunWork({ n, M, steps, dynamics: 'sgd', integrator: 'euler', interaction: 'spectral', largestBatch: largest });
    const unquenched = spec.sgd.quench ? particleRunWork({ n, M, steps, dynamics: 'sgd', integrator: 'euler', interaction: 'spectral', largestBatch: Math.ceil(n ** (2 * spec.sgd.alpha)) }) : 0;
    work += sgd + gd + unquenched;
  }
  const nTop = spec.ns[spec.ns.length - 1]!;
  const members = spec.ns.length * spec.seeds * spec.times.length * 16 * (M + 4);
  const density = spec.density ? 8 * spec.density.ny * spec.density.nc * (spec.times.length + 8) : 0;
  const reference = referenceCost(spec, marginalsOnly);
  return {
    work: work + reference.work, memoryBytes: Math.max(members + density + 8 * 16 * nTop * 2, reference.memoryBytes),
    // the flags of the larger part: the members', or the reference's
    flags: work >= reference.work ? '--n, --seeds, --t or --dt' + (spec.sgd ? ', --alpha or --quench' : '') : '--reference, --reference-check, --density, --predict or --t',
    serial: { work: reference.work, what: marginalsOnly ? 'the density' : 'the reference' },
  };
}

export async function compareCommand(argv: readonly string[]): Promise<number> {
  const [word, ...rest] = argv;
  if (word === 'units') return unitsCommand(rest);
  if (word === 'spin3') return spin3Command(rest);
  if (word === 'spin3-exact') return spin3ExactCommand(rest);
  if (word === undefined || !(CLAIMS as readonly string[]).includes(word)) {
    throw new UsageError(`the first argument must be one of ${CLAIMS.join(', ')}, units, spin3, spin3-exact, got "${word ?? ''}"`);
  }
  const claimWord = word as ClaimWord;
  const d = CLAIM_DEFAULTS[claimWord];
  const claimDefaults: Record<string, string> = { n: d.n, seeds: d.seeds, t: d.t };
  const specs = COMPARE_FLAGS.map((f) => (claimDefaults[f.name] === undefined ? f : { ...f, default: claimDefaults[f.name]! }));
  const { config, quiet, force } = resolveCompareConfig(claimWord, rest, specs);
  const spec = specFromConfig(claimWord, config, claimWord === 'asymptotic' ? asymptoticSchedules(config, quiet) : null);
  const shard = parseShard(config.shard);
  const workers = config.workers ?? availableParallelism();
  // a shard is guarded by its own slice of the members: sharding is how a large study is meant to run
  // the first slice computes the reference for the merge; the others the density alone
  const estimate = studyWork(spec, studyTasks(spec, shard).map((t) => t.n), shard !== undefined && shard.index > 0);
  guardWork(estimate, force, workers);
  const size = `${shard ? `slice ${shard.index + 1}/${shard.count}` : 'study'}: ${studyTasks(spec, shard).length} members; ${describeWork(estimate, workers)}`;
  if (config.dryRun) {
    // what a submission checks before it queues anything (scripts/slurm-compare.sh)
    console.log(`${size}; dry run: nothing run, nothing written`);
    return 0;
  }
  const outDir = config.out;
  const progress = memberProgress(quiet);
  const started = Date.now();
  const argvRecord = ['compare', ...argv];
  const base = shard ? `compare-${claimWord}.shard-${shard.index + 1}-of-${shard.count}` : `compare-${claimWord}`;
  let checkpoint: ReturnType<typeof openCheckpoint>;
  try {
    checkpoint = openCheckpoint(join(outDir, `${base}.members.jsonl`), spec, config.resume);
  } catch (err) {
    if (err instanceof CheckpointError) throw new UsageError(err.message);
    throw err;
  }
  progress.stage(size);
  // a slice states its size even with --quiet: it is the first line of a cluster task's log
  if (quiet && shard) process.stderr.write(`${size}\n`);
  // printed even with --quiet: a cluster log must show that a task resumed
  if (checkpoint.done.length > 0) process.stderr.write(`resuming: ${checkpoint.done.length} members done, ${pendingTasks(spec, shard, checkpoint).length} to run\n`);
  // a test hook: die by SIGKILL once this many members are in the checkpoint, as a killed cluster job would
  const killAfter = Number(process.env['LIOUVILLE_TEST_KILL_AFTER_MEMBERS'] ?? Infinity);
  const options = {
    workers, checkpoint, onStage: progress.stage, onMembersStart: progress.start,
    onMemberDone: (m: { n: number }, k: number) => {
      progress.member(m.n);
      if (checkpoint.done.length + k >= killAfter) process.kill(process.pid, 'SIGKILL');
    },
  };
  const file = join(outDir, `${base}.json`);
  if (shard) {
    const slice = await runStudyShard(spec, shard, options);
    const { members } = slice;
    progress.finish();
    writeShardResult(file, spec, shard, slice, { argv: argvRecord, claim: claimWord, timing: { seconds: (Date.now() - started) / 1000 }, submission: config.submission ?? null });
    checkpoint.remove();
    console.log(`shard ${shard.index + 1}/${shard.count}: ${members.length} members; wrote ${file}`);
    return 0;
  }
  const outcome = await runStudy(spec, options);
  writeStudyResult(file, outcome, { argv: argvRecord, claim: claimWord, timing: { seconds: (Date.now() - started) / 1000, workers, resumedMembers: checkpoint.done.length } });
  checkpoint.remove();
  printStudy(outcome);
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${file}`);
  return 0;
}

/**
 * `liouville compare lln|clt|healing|all`: ensembles of particle runs against the mean-field
 * reference, the statistics behind the paper's claims, one versioned result file and a table.
 * `liouville merge`: joins the slices written by `--shard i/N` into the same result.
 */
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  analyseStudy, CheckpointError, declarePrimaryVerdicts, sgdBatchSchedule, PREDICTION_DEFAULT_DT, computeCltPrediction, prefactorDecayRate, scheduleText, scheduleTime, scheduleTimes, computeMarginals, computeReference, openCheckpoint, runMembers, sampleParticles, sortMembers, studyTasks, StudySpecError, validateStudySpec,
  type Claim, type GrowingSchedule, type MemberRecord, type MemberResult, memberFromRecord, memberToRecord, type ScheduleSetting, type StudyAnalysis, type StudyReference, type StudySpec,
} from '../compare/index.ts';
import { createSpectrum, createTorusProblem, spectrumToPairs, stepsTo } from '../model/index.ts';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import { problemFromConfig, problemRecord } from './problemFlags.ts';
import { describeWork, guardWork, particleRunWork } from './workGuard.ts';
import { CLAIM_DEFAULTS, CLAIMS, COMPARE_FLAGS, REFERENCE_DEFAULTS, resolveCompareConfig, type ClaimWord, type CompareConfig } from './compareConfig.ts';
import { createProgress } from './progress.ts';
import { unitsCommand } from './unitsCommand.ts';
import { reanalyseSpin3, spin3Command } from './spin3Command.ts';
import { provenance, RESULT_FORMAT, resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';
import { readJsonFile, resultFormatOf } from '../io/readResult.ts';
import { upgradeResult } from '../io/upgradeResult.ts';
import { verdictTableLines } from './verdictTable.ts';
import { fmt } from '../compare/verdicts/verdict.ts';

/** The decay rate of the predicted prefactor is read on these times (`compare/torus/healingTime.ts`: the last three resolved). */
const LAMBDA_PROBE_TIMES = [0, 1, 2, 5, 10, 20, 50];

function pairOf(text: string): { ny: number; nc: number } {
  const [ny, nc] = text.split('x').map(Number);
  return { ny: ny!, nc: nc! };
}

export { COMPARE_FLAGS };

export const COMPARE_USAGE = `liouville compare lln|clt|healing|all|sgd|asymptotic [flags]      (compare units --help, compare spin3 --help: the other studies)

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

export const MERGE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'dir', default: 'results', help: 'output directory of the merged result' },
  { name: 'quiet', help: 'no progress output' },
];

export const MERGE_USAGE = `liouville merge <shard.json>… [flags]

Joins the slices written by \`liouville compare … --shard i/N\` (same configuration, every slice
present) and writes the same result file an unsharded run would.

Flags:
`;

const SHARD_FORMAT = 'liouville-shard/1';

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
  const spec: StudySpec = {
    claims: claimWord === 'all' ? ['lln', 'clt', 'healing'] : claimWord === 'sgd' ? ['sgd', 'lln'] : claimWord === 'asymptotic' ? ['healing'] : [claimWord as Claim],
    problem: { unit: problem.unit.spec, target: problem.target.expression, modeTolerance: c.modeTolerance, maxModes: c.maxModes },
    law: { cMean: c.cMean, sigmaC: c.sigmaC },
    ns: c.n, seeds: c.seeds, seed: c.seed, times: schedules ? scheduleTimes(schedules, c.n, c.times) : c.times, dt: c.dt,
    reference: method === 'remeshed' ? { method, ...reference, L: c.L, check: referenceCheck } : { method, ...reference, check: referenceCheck },
    density: c.density === 'none' ? null : { ...c.density, L: c.L },
    bootstrap: { replicates: c.bootstrap, level: 0.95 },
    // the prediction is GD's prefactor: an SGD study has no prediction to compare with
    // the asymptotic study's many times would make the prediction costly; its λ came from one (schedules.lambdaSource)
    prediction: c.predict === 'none' || claimWord === 'sgd' || claimWord === 'asymptotic' ? null : { ...c.predict, dt: PREDICTION_DEFAULT_DT },
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
    ['prediction.', '--predict'], ['ns', '--n'], ['seeds', '--seeds'], ['seed', '--seed'], ['times', '--t'], ['dt', '--dt'], ['sigmaC', '--sigma-c'],
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
    const p = computeCltPrediction(problem, law, LAMBDA_PROBE_TIMES, { ...quadrature, dt: PREDICTION_DEFAULT_DT, check: null });
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

/** The work of the members `memberNs` (GD, or SGD with its GD twin and no-quench control) and what the study holds in memory. */
function studyWork(spec: StudySpec, memberNs: readonly number[]): { work: number; memoryBytes: number; flags: string } {
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
  return { work, memoryBytes: members + density + 8 * 16 * nTop * 2, flags: '--n, --seeds, --t or --dt' + (spec.sgd ? ', --alpha or --quench' : '') };
}

function memberProgress(quiet: boolean): { stage(what: string): void; member(done: number, total: number): void; finish(): void } {
  const bar = createProgress('members', quiet);
  return {
    stage(what) {
      if (!quiet) process.stderr.write(`${what}\n`);
    },
    member(done, total) {
      bar.update(done, total, `${done}/${total}`);
    },
    finish() {
      bar.finish();
    },
  };
}

export async function compareCommand(argv: readonly string[]): Promise<number> {
  const [word, ...rest] = argv;
  if (word === 'units') return unitsCommand(rest);
  if (word === 'spin3') return spin3Command(rest);
  if (word === undefined || !(CLAIMS as readonly string[]).includes(word)) {
    throw new UsageError(`the first argument must be one of ${CLAIMS.join(', ')}, units, spin3, got "${word ?? ''}"`);
  }
  const claimWord = word as ClaimWord;
  const d = CLAIM_DEFAULTS[claimWord];
  const claimDefaults: Record<string, string> = { n: d.n, seeds: d.seeds, t: d.t };
  const specs = COMPARE_FLAGS.map((f) => (claimDefaults[f.name] === undefined ? f : { ...f, default: claimDefaults[f.name]! }));
  const { config, quiet, force } = resolveCompareConfig(rest, specs);
  const spec = specFromConfig(claimWord, config, claimWord === 'asymptotic' ? asymptoticSchedules(config, quiet) : null);
  const shard = config.shard === undefined ? undefined : (([i, N]) => ({ index: i! - 1, count: N! }))(config.shard.split('/').map(Number));
  const workers = config.workers ?? availableParallelism();
  // a shard is guarded by its own slice of the members: sharding is how a large study is meant to run
  const estimate = studyWork(spec, studyTasks(spec, shard).map((t) => t.n));
  guardWork(estimate, force, workers);
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
  const done = new Set(checkpoint.done.map((m) => `${m.n}/${m.r}`));
  const tasks = studyTasks(spec, shard).filter((t) => !done.has(`${t.n}/${t.r}`));
  progress.stage(`${shard ? `slice ${shard.index + 1}/${shard.count}` : 'study'}: ${studyTasks(spec, shard).length} members; ${describeWork(estimate, workers)}`);
  // printed even with --quiet: a cluster log must show that a task resumed
  if (checkpoint.done.length > 0) process.stderr.write(`resuming: ${checkpoint.done.length} members done, ${tasks.length} to run\n`);
  const onMemberDone = (m: MemberResult, d: number, t: number): void => {
    checkpoint.append(m);
    progress.member(d, t);
  };
  if (shard) {
    progress.stage(`shard ${shard.index + 1}/${shard.count}`);
    const density = computeMarginals(spec, (s) => progress.stage(s));
    const fresh = await runMembers(spec, tasks, density?.marginals ?? null, { workers, onMemberDone });
    const members = sortMembers([...checkpoint.done, ...fresh]);
    progress.finish();
    const file = join(outDir, `${base}.json`);
    writeFileAtomic(file, toJson({
      ...resultHeader('compare', argvRecord, { claim: claimWord }), format: SHARD_FORMAT,
      shard: { index: shard.index + 1, count: shard.count }, spec, members: members.map(memberToRecord), timing: { seconds: (Date.now() - started) / 1000 },
    }));
    checkpoint.remove();
    console.log(`shard ${shard.index + 1}/${shard.count}: ${members.length} members; wrote ${file}`);
    return 0;
  }
  progress.stage(`primary verdicts (declared before the run, one Holm family):\n${declarePrimaryVerdicts(spec).map((d) => `  - ${d}`).join('\n')}`);
  const reference = computeReference(spec, (s) => progress.stage(s));
  progress.stage(`members: ${spec.ns.length} values of n × ${spec.seeds} seeds on ${workers || 1} thread(s)`);
  const fresh = await runMembers(spec, tasks, reference.marginals, { workers, onMemberDone });
  const members = sortMembers([...checkpoint.done, ...fresh]);
  progress.finish();
  progress.stage('analysis');
  const analysis = analyseStudy(spec, reference, members);
  const file = join(outDir, `${base}.json`);
  writeStudy(file, claimWord, argvRecord, spec, reference, members, analysis, { seconds: (Date.now() - started) / 1000, workers, resumedMembers: checkpoint.done.length });
  checkpoint.remove();
  printStudy(spec, reference, analysis);
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${file}`);
  return 0;
}

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const { values, files } = parseFlagsAndFiles(argv, MERGE_FLAGS);
  if (files.length === 0) throw new UsageError('give the shard files to merge');
  const started = Date.now();
  const shards = files.map((f) => {
    let data: { format?: string; claim: ClaimWord; spec: StudySpec; shard: { index: number; count: number }; members: MemberRecord[] };
    try {
      data = JSON.parse(readFileSync(f, 'utf8'));
    } catch (err) {
      throw new UsageError(`${f}: not a readable JSON file (${(err as Error).message})`);
    }
    if (data.format !== SHARD_FORMAT) throw new UsageError(`${f}: format is "${data.format}", expected "${SHARD_FORMAT}"`);
    return { file: f, ...data };
  });
  const first = shards[0]!;
  for (const s of shards) {
    if (JSON.stringify(s.spec) !== JSON.stringify(first.spec)) throw new UsageError(`${basename(s.file)} was run with another configuration than ${basename(first.file)}`);
    if (s.shard.count !== first.shard.count) throw new UsageError(`${basename(s.file)} is a slice of ${s.shard.count}, ${basename(first.file)} of ${first.shard.count}`);
  }
  const have = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !have.has(k));
  if (missing.length > 0) throw new UsageError(`slices missing: ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')}`);
  if (have.size !== shards.length) throw new UsageError('a slice is given twice');
  const spec = first.spec;
  const quiet = flagSwitch(values, 'quiet');
  const progress = memberProgress(quiet);
  const members = shards.flatMap((s) => s.members).map(memberFromRecord)
    .sort((a, b) => a.n - b.n || a.r - b.r);
  const reference = computeReference(spec, (s) => progress.stage(s));
  const analysis = analyseStudy(spec, reference, members);
  const file = join(flagString(values, 'out')!, `compare-${first.claim}.json`);
  writeStudy(file, first.claim, ['merge', ...argv], spec, reference, members, analysis, { seconds: (Date.now() - started) / 1000, merged: files.length });
  printStudy(spec, reference, analysis);
  console.log(`merged ${files.length} slices; wrote ${file}`);
  return 0;
}

export const REANALYSE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'file', help: 'where to write the result (default: replace the input file)' },
  { name: 'quiet', help: 'no table' },
];

export const REANALYSE_USAGE = `liouville reanalyse <result.json> [flags]

Decides a compare result again from its stored members and reference, with this version's
statistics and verdict model; no member or reference is recomputed. Writes the same configuration,
reference and members with a new analysis, declaredPrimary and package record, in the current
result format, and prints the verdicts. For result files written by an earlier version (the
report and export refuse those). A \`compare spin3\` result is decided again from its stored
members the same way. Any other result file (solve, particles, predict, compare units) is rewritten
in the current format, its renamed fields renamed, nothing recomputed.

Flags:
`;

/** A compare result's stored reference, as the analysis reads it. */
function storedReference(r: { times: number[]; fhat: [number, number][][]; loss: number[]; squaredErrorBound: number[]; gridOutflow?: number; seconds?: number;
  prediction?: StudyReference['prediction']; marginals?: { L: number; y: number[][]; c: number[][]; bins: { by: number; bc: number; mass: number[][] } };
  density?: { ny: number; nc: number; L: number; rho: number[][] } }): StudyReference {
  const m = r.marginals;
  const d = r.density;
  return {
    fhat: r.fhat.map((pairs) => {
      const s = createSpectrum(pairs.length - 1);
      pairs.forEach(([re, im], k) => {
        s.re[k] = re;
        s.im[k] = im;
      });
      return s;
    }),
    loss: r.loss, squaredErrorBound: r.squaredErrorBound, gridOutflow: r.gridOutflow ?? 0, seconds: r.seconds ?? 0,
    prediction: r.prediction ?? null,
    marginals: m ? { L: m.L, y: m.y.map((a) => Float64Array.from(a)), c: m.c.map((a) => Float64Array.from(a)), bins: { by: m.bins.by, bc: m.bins.bc, mass: m.bins.mass.map((a) => Float64Array.from(a)) } } : null,
    density: d ? { ny: d.ny, nc: d.nc, L: d.L, rho: d.rho.map((a) => Float64Array.from(a)) } : null,
  };
}

export function reanalyseCommand(argv: readonly string[]): number {
  const { values, files } = parseFlagsAndFiles(argv, REANALYSE_FLAGS);
  if (files.length !== 1) throw new UsageError(`give exactly one result file, got ${files.length}`);
  const file = files[0]!;
  const started = Date.now();
  const raw = readJsonFile(file);
  resultFormatOf(file, raw); // this version's format or an earlier one; anything else is refused here
  const data = raw as { command?: string; claim?: string; spec: StudySpec; reference: Parameters<typeof storedReference>[0]; members: MemberRecord[]; sample?: unknown };
  const out = flagString(values, 'out') ?? file;
  if (data.command === 'compare' && data.claim === 'spin3') {
    return reanalyseSpin3(file, data as unknown as Record<string, unknown>, argv, out, flagSwitch(values, 'quiet'));
  }
  if (data.command !== 'compare' || !(CLAIMS as readonly string[]).includes(data.claim ?? '')) {
    // no analysis to redo: the same record in the current format
    const upgraded = upgradeResult(raw as Record<string, unknown>);
    writeFileAtomic(out, toJson({ ...upgraded, reanalysed: { argv: ['reanalyse', ...argv], package: provenance(), createdAt: new Date().toISOString() } }));
    console.log(`rewrote the ${String(data.command)}${data.claim ? ` ${data.claim}` : ''} result in ${RESULT_FORMAT}; wrote ${out}`);
    return 0;
  }
  try {
    validateStudySpec(data.spec);
  } catch (err) {
    if (err instanceof StudySpecError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
  const spec = data.spec;
  const reference = storedReference(data.reference);
  const members = sortMembers(data.members.map(memberFromRecord));
  const analysis = analyseStudy(spec, reference, members);
  const run = raw as { argv: string[]; package: unknown; createdAt: string };
  writeStudy(out, data.claim as ClaimWord, ['reanalyse', ...argv], spec, reference, members, analysis, { seconds: (Date.now() - started) / 1000 }, data.sample,
    { argv: run.argv, package: run.package, createdAt: run.createdAt });
  if (!flagSwitch(values, 'quiet')) printStudy(spec, reference, analysis);
  console.log(`reanalysed ${members.length} members; wrote ${out}`);
  return 0;
}

/**
 * A study's result file. `run`: the provenance of the run whose members these are, kept by
 * `reanalyse` (which records itself under `reanalysed`); absent, the file is this command's own.
 */
function writeStudy(file: string, claim: ClaimWord, argv: string[], spec: StudySpec, reference: StudyReference,
  members: readonly MemberResult[], analysis: StudyAnalysis, timing: Record<string, number>, sample?: unknown,
  run?: { argv: readonly string[]; package: unknown; createdAt: string }): void {
  const problem = createTorusProblem(spec.problem);
  const now = resultHeader('compare', argv, { claim });
  writeFileAtomic(file, toJson({
    ...(run
      ? { ...now, argv: run.argv, package: run.package, createdAt: run.createdAt, reanalysed: { argv: now.argv, package: now.package, createdAt: now.createdAt } }
      : now),
    spec, declaredPrimary: declarePrimaryVerdicts(spec), problem: problemRecord(problem, spec.law),
    reference: {
      method: spec.reference.method ?? 'lagrangian', quadrature: spec.reference, times: spec.times, fhat: reference.fhat.map(spectrumToPairs), loss: reference.loss,
      squaredErrorBound: reference.squaredErrorBound, gridOutflow: reference.gridOutflow, seconds: reference.seconds,
      ...(reference.prediction ? { prediction: reference.prediction } : {}),
      ...(reference.marginals ? { marginals: reference.marginals } : {}),
      ...(reference.density ? { density: reference.density } : {}),
    },
    // one member's particles at every time (the largest n, seed 0), for the reports' scatter over ρ₀
    sample: sample ?? sampleParticles(spec, spec.ns[spec.ns.length - 1]!, 0),
    analysis,
    members: members.map(memberToRecord),
    timing,
  }));
}

function printStudy(spec: StudySpec, reference: StudyReference, analysis: StudyAnalysis): void {
  console.log(`\nstudy: ${spec.problem.unit}, f = ${spec.problem.target}, σ_c = ${spec.law.sigmaC}; n = ${spec.ns.join(',')}; ${spec.seeds} seeds each; t = ${spec.times.join(',')}`);
  if (!spec.schedules) {
    console.log('\n     t        n   n·E‖f_n−f₀‖²   n·Var    bias²/E‖·‖²      loss');
    for (const c of analysis.cells) {
      console.log(`${c.t.toString().padStart(6)} ${c.n.toString().padStart(8)}  ${c.nMse.toExponential(3).padStart(12)}  ${c.nVariance.toExponential(3).padStart(10)}  `
        + `${(c.bias2 / c.mse).toFixed(3).padStart(12)}  ${c.lossMean.toExponential(3).padStart(10)}`);
    }
  }
  console.log('\nreference error (squared, estimated by a finer quadrature) against the smallest measured E‖f_n − f₀‖²:');
  console.log(analysis.referenceCheck.map((r) => `t=${r.t}: ${r.referenceSquaredError.toExponential(1)} vs ${r.smallestMse.toExponential(1)}`).join('; '));
  const iv = (b: { estimate: number; lower: number; upper: number }): string => `${fmt(b.estimate)} [${fmt(b.lower)}, ${fmt(b.upper)}]`;
  if (analysis.twoTerm.length > 0 && spec.claims.includes('healing') && !spec.schedules) {
    console.log('\nE‖f_n − f₀‖² = P/n + Q/n² per time (weighted least squares, 95% bootstrap over seeds); n× = |Q|/P:');
    for (const f of analysis.twoTerm) {
      console.log(`  t = ${String(f.t).padStart(5)}: P = ${iv(f.P).padEnd(30)} Q = ${iv(f.Q).padEnd(30)} n× = ${f.resolvable ? iv(f.crossover) : '(at the resolution floor)'}`);
    }
  }
  const h = analysis.healingTime;
  if (h && !spec.schedules) {
    const crossed = h.perN.filter((p) => p.t !== null);
    console.log(`\nhealing time t_h(n) (P(t)/n falls below Q(t)/n²): ${crossed.length === 0 ? 'no rung crosses within the recorded times' : crossed.map((p) => `n=${p.n}: ${fmt(p.t!)}`).join(', ')}`
      + `${h.slope === null ? '' : `; slope in log n ${fmt(h.slope)}`}${h.predictedSlope === null ? '' : ` (1/(2λ) = ${fmt(h.predictedSlope)}, λ = ${fmt(h.lambda!)} from the ${h.lambdaSource}`}`
      + `${h.slopeWithQDecay === null ? '' : `; Q decays too, at μ = ${fmt(h.qDecayRate!)}: 1/(2λ − μ) = ${fmt(h.slopeWithQDecay)}`}${h.predictedSlope === null ? '' : ')'}`);
  }
  const a = analysis.asymptotic;
  if (a) {
    console.log(`\nProp. 3.3: λ = ${fmt(a.lambda)}, 1/(2λ) = ${fmt(a.healingScale)} (${a.lambdaSource})`);
    for (const s of a.schedules) {
      console.log(`  ${s.text}: a_n = ${s.times.map(fmt).join(', ')}`);
      console.log(`    E‖f_n(a_n) − f‖²    ${s.meanVsTarget.map((v) => v.toExponential(2)).join('  ')}   slope ${s.vsTarget ? iv(s.vsTarget) : '—'}`);
      console.log(`    E‖f_n(a_n) − f₀‖²   ${s.meanVsF0.map((v) => v.toExponential(2)).join('  ')}   slope ${s.vsF0 ? iv(s.vsF0) : '—'}`);
      console.log(`    ‖f₀(a_n) − f‖²      ${s.meanFieldBias.map((v) => v.toExponential(2)).join('  ')}   slope ${s.meanFieldBiasSlope === null ? '— (at the floor)' : fmt(s.meanFieldBiasSlope)}`);
      console.log(`    per mode, slope of E|f̂_n,m − f̂₀,m|²: ${s.perModeVsF0.map((p) => `m=${p.mode}: ${p.slope ? fmt(p.slope.estimate) : '—'}`).join(', ')}`);
    }
  }
  for (const line of verdictTableLines(analysis.verdicts)) console.log(line);
  void reference;
}

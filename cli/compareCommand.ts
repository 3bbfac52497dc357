/**
 * `liouville compare lln|clt|healing|all`: ensembles of particle runs against the mean-field
 * reference, the statistics behind the paper's claims, one versioned result file and a table.
 * `liouville merge`: joins the slices written by `--shard i/N` into the same result.
 */
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  analyseStudy, CheckpointError, PREDICTION_DEFAULT_DT, computeMarginals, computeReference, openCheckpoint, runMembers, sampleParticles, sortMembers, studyTasks, StudySpecError, validateStudySpec,
  type Claim, type MemberResult, type StudyAnalysis, type StudyReference, type StudySpec,
} from '../compare/index.ts';
import { createTorusProblem, spectrumToPairs } from '../model/index.ts';
import { flagString, flagSwitch, parseFlags, UsageError, type FlagSpec } from './flags.ts';
import { PROBLEM_FLAGS, problemFromConfig, problemRecord } from './problemFlags.ts';
import { CONFIG_FLAG } from './configSchema.ts';
import { resolveCompareConfig, type CompareConfig } from './compareConfig.ts';
import { createProgress } from './progress.ts';
import { unitsCommand } from './unitsCommand.ts';
import { spin3Command } from './spin3Command.ts';
import { provenance, RESULT_FORMAT, toJson, writeFileAtomic } from './resultFile.ts';

const CLAIMS = ['lln', 'clt', 'healing', 'all', 'sgd'] as const;
type ClaimWord = (typeof CLAIMS)[number];

/** Defaults per claim: `all` is the main job (`npm run compare`), sized for < 10 min on 2 cores. */
const DEFAULTS: Record<ClaimWord, { n: string; seeds: string; t: string }> = {
  clt: { n: '32..8192', seeds: '64', t: '0,1,10' },
  lln: { n: '32..8192', seeds: '32', t: '0,1,2,5,10' },
  healing: { n: '32..1024', seeds: '48', t: '0,1,10,30,100' },
  all: { n: '32..4096', seeds: '48', t: '0,1,2,5,10,20,50' },
  sgd: { n: '32..2048', seeds: '32', t: '0,1,5,10,20' },
};

export const COMPARE_FLAGS: readonly FlagSpec[] = [
  ...PROBLEM_FLAGS,
  { name: 'n', value: 'n1,n2,…|a..b', help: 'the n-ladder: a list, or a..b for the powers of two from a to b (default per claim: clt/lln 32..8192, healing 32..1024, all 32..4096)' },
  { name: 'seeds', value: 'R', help: 'ensemble members per n (default: clt 64, lln 32, healing 48, all 48)' },
  { name: 'seed', value: 'int', default: '1', help: 'base seed; member (n, r) uses stream r·2^24 + n of it' },
  { name: 't', value: 't0,t1,…', help: 'recorded times (default: clt 0,1,10; lln 0,1,2,5,10; healing 0,1,10,30,100; all 0,1,2,5,10,20,50)' },
  { name: 'dt', value: 'Δt', default: '0.05', help: 'RK4 time step of the particle GD' },
  { name: 'reference', value: 'NYxNC', default: '192x48', help: 'Lagrangian reference quadrature for f₀(t)' },
  { name: 'reference-check', value: 'NYxNC', default: '384x64', help: 'finer quadrature whose distance bounds the reference error' },
  { name: 'density', value: 'NYxNC|none', default: '128x128', help: 'grid solver for ρ₀\'s density (W1 of the marginals, binned L1 of the joint law), or none' },
  { name: 'L', value: 'L', default: '8', help: 'c-domain half-width of the density grid' },
  { name: 'alpha', value: 'α', help: 'compare sgd: online SGD with batch P = ⌈n^(2α)⌉, i.e. noise θ = Δt·n^(−2α) (default 0.25)' },
  { name: 'quench', value: 'T:αq|none', help: 'compare sgd: from time T the batch is ⌈n^(2αq)⌉ (the paper\'s late quench; αq = 1 is P = n²); default none' },
  { name: 'predict', value: 'NYxNC|none', default: '64x16', help: 'quadrature of the predicted CLT prefactor n·E‖f_n − f₀‖² (adjoint of the Lagrangian solver), compared with the measured one; none to skip' },
  { name: 'bootstrap', value: 'B', default: '2000', help: 'bootstrap replicates for the slope intervals (95%)' },
  { name: 'workers', value: 'k', help: 'worker threads (default: all cores); 0 runs in the main thread. Results do not depend on it' },
  { name: 'shard', value: 'i/N', help: 'run only slice i of N (1-based) of the members and write them for `liouville merge`' },
  { name: 'out', value: 'dir', default: 'results', help: 'output directory' },
  { name: 'resume', help: 'continue an interrupted run from its checkpoint (<out>/…members.jsonl): only the missing members run' },
  { name: 'quiet', help: 'no progress output' },
  CONFIG_FLAG,
];

export const COMPARE_USAGE = `liouville compare lln|clt|healing|all|sgd [flags]      (compare units --help, compare spin3 --help: the other studies)

Ensembles of GD particle runs over an n-ladder and R seeds, against the mean-field reference
(Lagrangian f₀, grid ρ₀): E‖f_n − f₀‖² and its bias/variance split, per Fourier mode, the loss,
W1 distances of the marginals, log-log slopes in n with bootstrap intervals, Gaussianity of
√n(f_n − f₀), and n·E‖f_n − f₀‖² against its prediction from the linearised flow. Writes
<out>/compare-<claim>.json and prints claim, measured, theory, agreement.

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

/** The study of a validated configuration; the checks that need the built problem (its M) come here. */
function specFromConfig(claimWord: ClaimWord, c: CompareConfig): StudySpec {
  const { problem } = problemFromConfig(c); // unit and target errors become usage errors naming the flag
  const M = problem.M;
  if (c.reference.ny <= 2 * M) throw new UsageError(`--reference (config "reference.ny"): got ${c.reference.ny}, must exceed 2M = ${2 * M} for the unit's modes`);
  if (c.predict !== 'none' && c.predict.ny <= 2 * M) throw new UsageError(`--predict (config "predict.ny"): got ${c.predict.ny}, must exceed 2M = ${2 * M} for the unit's modes`);
  if (c.density !== 'none' && c.density.ny <= 2 * M) throw new UsageError(`--density (config "density.ny"): got ${c.density.ny}, must be a power of two > 2M = ${2 * M}`);
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
    claims: claimWord === 'all' ? ['lln', 'clt', 'healing'] : claimWord === 'sgd' ? ['sgd', 'lln'] : [claimWord as Claim],
    problem: { unit: problem.unit.spec, target: problem.target.expression, modeTolerance: c.modeTolerance, maxModes: c.maxModes },
    law: { cMean: c.cMean, sigmaC: c.sigmaC },
    ns: c.n, seeds: c.seeds, seed: c.seed, times: c.times, dt: c.dt,
    reference: { ...c.reference, check: c.referenceCheck },
    density: c.density === 'none' ? null : { ...c.density, L: c.L },
    bootstrap: { replicates: c.bootstrap, level: 0.95 },
    // the prediction is GD's prefactor: an SGD study has no prediction to compare with
    prediction: c.predict === 'none' || claimWord === 'sgd' ? null : { ...c.predict, dt: PREDICTION_DEFAULT_DT },
    ...(claimWord === 'sgd' ? { sgd: { alpha, quench } } : {}),
  };
  try {
    validateStudySpec(spec);
  } catch (err) {
    if (err instanceof StudySpecError) throw new UsageError(err.message);
    throw err;
  }
  return spec;
}

function memberProgress(quiet: boolean): { stage(what: string): void; member(done: number, total: number): void; finish(): void } {
  const bar = createProgress('members', !quiet && process.stderr.isTTY === true);
  let lastDecile = -1;
  return {
    stage(what) {
      if (!quiet) process.stderr.write(`${what}\n`);
    },
    member(done, total) {
      bar.update(done, total, `${done}/${total}`);
      const decile = Math.floor((10 * done) / total);
      if (!quiet && process.stderr.isTTY !== true && decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`members: ${done}/${total}\n`);
      }
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
  const d = DEFAULTS[claimWord];
  const claimDefaults: Record<string, string> = { n: d.n, seeds: d.seeds, t: d.t };
  const specs = COMPARE_FLAGS.map((f) => (claimDefaults[f.name] === undefined ? f : { ...f, default: claimDefaults[f.name]! }));
  const { config, quiet } = resolveCompareConfig(rest, specs);
  const spec = specFromConfig(claimWord, config);
  const shard = config.shard === undefined ? undefined : (([i, N]) => ({ index: i! - 1, count: N! }))(config.shard.split('/').map(Number));
  const workers = config.workers ?? availableParallelism();
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
  if (checkpoint.done.length > 0) progress.stage(`resuming: ${checkpoint.done.length} members done, ${tasks.length} to run`);
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
      format: SHARD_FORMAT, command: 'compare', claim: claimWord, argv: argvRecord, package: provenance(), createdAt: new Date().toISOString(),
      shard: { index: shard.index + 1, count: shard.count }, spec, members, timing: { seconds: (Date.now() - started) / 1000 },
    }));
    checkpoint.remove();
    console.log(`shard ${shard.index + 1}/${shard.count}: ${members.length} members; wrote ${file}`);
    return 0;
  }
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
  const files = argv.filter((a) => !a.startsWith('--') && !isFlagValue(argv, a));
  const values = parseFlags(argv.filter((a) => !files.includes(a)), MERGE_FLAGS);
  if (files.length === 0) throw new UsageError('give the shard files to merge');
  const started = Date.now();
  const shards = files.map((f) => {
    let data: { format?: string; claim: ClaimWord; spec: StudySpec; shard: { index: number; count: number }; members: MemberResult[] };
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
  const members = shards.flatMap((s) => s.members).map((m) => ({ ...m, fhat: m.fhat.map((a) => Float64Array.from(a)) }))
    .sort((a, b) => a.n - b.n || a.r - b.r);
  const reference = computeReference(spec, (s) => progress.stage(s));
  const analysis = analyseStudy(spec, reference, members);
  const file = join(flagString(values, 'out')!, `compare-${first.claim}.json`);
  writeStudy(file, first.claim, ['merge', ...argv], spec, reference, members, analysis, { seconds: (Date.now() - started) / 1000, merged: files.length });
  printStudy(spec, reference, analysis);
  console.log(`merged ${files.length} slices; wrote ${file}`);
  return 0;
}

function isFlagValue(argv: readonly string[], a: string): boolean {
  const k = argv.indexOf(a);
  return k > 0 && argv[k - 1] === '--out';
}

function writeStudy(file: string, claim: ClaimWord, argv: string[], spec: StudySpec, reference: StudyReference,
  members: readonly MemberResult[], analysis: StudyAnalysis, timing: Record<string, number>): void {
  const problem = createTorusProblem(spec.problem);
  writeFileAtomic(file, toJson({
    format: RESULT_FORMAT, command: 'compare', claim, argv, package: provenance(), createdAt: new Date().toISOString(),
    spec, problem: problemRecord(problem, spec.law),
    reference: {
      method: 'lagrangian', quadrature: spec.reference, times: spec.times, fhat: reference.fhat.map(spectrumToPairs), loss: reference.loss,
      squaredErrorBound: reference.squaredErrorBound, gridOutflow: reference.gridOutflow, seconds: reference.seconds,
      ...(reference.prediction ? { prediction: reference.prediction } : {}),
      ...(reference.marginals ? { marginals: reference.marginals } : {}),
      ...(reference.density ? { density: reference.density } : {}),
    },
    // one member's particles at every time (the largest n, seed 0), for the reports' scatter over ρ₀
    sample: sampleParticles(spec, spec.ns[spec.ns.length - 1]!, 0),
    analysis,
    members,
    timing,
  }));
}

function printStudy(spec: StudySpec, reference: StudyReference, analysis: StudyAnalysis): void {
  console.log(`\nstudy: ${spec.problem.unit}, f = ${spec.problem.target}, σ_c = ${spec.law.sigmaC}; n = ${spec.ns.join(',')}; ${spec.seeds} seeds each; t = ${spec.times.join(',')}`);
  console.log('\n     t        n   n·E‖f_n−f₀‖²   n·Var    bias²/E‖·‖²      loss');
  for (const c of analysis.cells) {
    console.log(`${c.t.toString().padStart(6)} ${c.n.toString().padStart(8)}  ${c.nMse.toExponential(3).padStart(12)}  ${c.nVariance.toExponential(3).padStart(10)}  ` +
      `${(c.bias2 / c.mse).toFixed(3).padStart(12)}  ${c.lossMean.toExponential(3).padStart(10)}`);
  }
  console.log('\nreference error (squared, estimated by a finer quadrature) against the smallest measured E‖f_n − f₀‖²:');
  console.log(analysis.referenceCheck.map((r) => `t=${r.t}: ${r.referenceSquaredError.toExponential(1)} vs ${r.smallestMse.toExponential(1)}`).join('; '));
  const width = Math.max(...analysis.verdicts.map((v) => v.claim.length));
  console.log(`\n${'claim'.padEnd(width)}  ${'t'.padStart(5)}  ${'measured [95% CI]'.padEnd(26)}  ${'theory'.padEnd(22)}  agrees`);
  for (const v of analysis.verdicts) {
    console.log(`${v.claim.padEnd(width)}  ${(v.t === null ? '' : String(v.t)).padStart(5)}  ${v.measured.padEnd(26)}  ${v.theory.padEnd(22)}  ${v.agrees ? 'yes' : 'NO'}`);
  }
  void reference;
}

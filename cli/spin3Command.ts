/**
 * `liouville compare spin3`: the paper's 3-spin experiment (Sec. 5, Fig. 1) at a reduced scale
 * stated in the output (compare/spin3/spin3Study.ts), on all cores, with the slope of the loss in n.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { SPIN3_ENGINE_KINDS, relaxedSimdAvailable, type Spin3EngineKind } from '../particles/index.ts';
import {
  analyseSpin3, CheckpointError, describeReadings, describeSchedule, openCheckpointOf, runSpin3Members, scheduleAt, scheduleWork, SHARD_FORMAT, sortSpin3Members, SPIN3_PROTOCOL_NAMES,
  spin3MemberKey, spin3Tasks, studyFingerprint, trainingTime, SPIN3_PROTOCOLS, spin3Reductions, Spin3StudyError, validateSpin3Study,
  type CheckpointCodec, type Spin3Analysis, type Spin3MemberResult, type Spin3ProtocolName, type Spin3ProtocolSettings, type Spin3Readings, type Spin3StudySpec, type Spin3Task,
} from '../compare/index.ts';
import { ladder, parseShard, SLICE_PARAMETERS, sliceIssues } from './compareConfig.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig, type ConfigPreset } from './configSchema.ts';
import { fieldsOf, flagsOf, shapeOf, type ParameterTable } from './parameters.ts';
import { verdictTableLines } from './verdictTable.ts';
import { describeWork, guardWork, spin3Work } from './workGuard.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { createProgress } from './progress.ts';
import { provenance, RESULT_FORMAT, resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

const PROTOCOL_VALUES = SPIN3_PROTOCOL_NAMES.join('|');

/** `--engine` resolved: `auto` is the fused kernel where relaxed SIMD validates; the fused one asked for where it does not is refused. */
function spin3EngineOf(requested: Spin3EngineKind | 'auto'): Spin3EngineKind {
  if (requested === 'auto') return relaxedSimdAvailable() ? 'wasm-simd-fma' : 'wasm-simd';
  if (requested === 'wasm-simd-fma' && !relaxedSimdAvailable()) {
    throw new UsageError(`--engine (config "engine"): got "wasm-simd-fma", but WebAssembly relaxed SIMD does not validate on Node ${process.version}; use wasm-simd or auto`);
  }
  return requested;
}

/** The study spec's fields as the flags that set them (for error messages). */
const STUDY_FIELD_FLAGS: Readonly<Record<string, string>> = {
  'quench.batch': '--quench-batch', 'quench.steps': '--quench-steps', batch: '--batch', dt: '--dt', steps: '--steps', ns: '--n',
  'stepCheck.realizations': '--check-realizations', stepCheck: '--check-realizations',
};

/** A number or an expression in n (checked at every width by the study's validation). */
const perN = z.union([z.number(), z.string().min(1)]);

/** A preset's readings as the flags' texts (only those it sets). */
function readingFlags(r: Spin3Readings): Record<string, string> {
  return {
    ...(r.inputRadius === undefined ? {} : { 'input-radius': String(r.inputRadius) }), ...(r.weightScale === undefined ? {} : { 'weight-scale': String(r.weightScale) }),
    ...(r.bias === undefined ? {} : { bias: r.bias ? 'on' : 'off' }), ...(r.cLaw === undefined ? {} : { 'c-law': r.cLaw }), ...(r.loss === undefined ? {} : { loss: r.loss }),
  };
}

/** `--protocol`: the preset's settings as the flags' defaults. */
const PROTOCOL_PRESET: ConfigPreset = {
  flag: 'protocol', key: 'protocol', names: SPIN3_PROTOCOL_NAMES,
  defaults(name) {
    const p = (SPIN3_PROTOCOLS as Record<string, { preset: Spin3ProtocolSettings } | undefined>)[name]?.preset;
    if (!p) return undefined;
    return {
      d: String(p.d), activation: p.activation, n: p.ns.join(','), batch: String(p.batch), dt: String(p.dt), steps: String(p.steps),
      'quench-batch': String(p.quench.batch), 'quench-steps': String(p.quench.steps), realizations: String(p.realizations), 'test-points': String(p.testPoints),
      ...readingFlags(p.readings ?? {}),
    };
  },
};

const SPIN3_PARAMETERS = {
  protocol: { flag: 'protocol', kind: 'string', value: PROTOCOL_VALUES, schema: z.enum(SPIN3_PROTOCOL_NAMES as [Spin3ProtocolName, ...Spin3ProtocolName[]]).optional(), help: 'start from one of the paper\'s Sec. 5 protocols (docs/studies.md); other flags override its settings, and the run prints and records what it reduced', allowed: `one of ${PROTOCOL_VALUES}` },
  d: { flag: 'd', kind: 'number', value: 'd', default: '10', schema: z.int().min(1).max(200), help: 'input dimension (the paper: 10, 25, 50)', allowed: 'an integer in [1, 200]' },
  activation: { flag: 'activation', kind: 'string', value: 'relu|sigmoid', default: 'relu', schema: z.enum(['relu', 'sigmoid']), help: 'the unit h', allowed: 'one of relu, sigmoid' },
  n: { flag: 'n', kind: 'string', value: 'n1,n2,…|a..b', default: '64..1024', schema: ladder, help: 'the n-ladder (a..b: powers of two)', allowed: 'an n-ladder: 64..1024 or 64,128,256 (file: [64, 128])' },
  realizations: { flag: 'realizations', kind: 'number', value: 'K', default: '4', schema: z.int().min(1), help: 'realizations of the couplings a_pqr', allowed: 'an integer >= 1' },
  seeds: { flag: 'seeds', kind: 'number', value: 'R', default: '1', schema: z.int().min(1), help: 'training runs per realization and n', allowed: 'an integer >= 1' },
  seed: { flag: 'seed', kind: 'number', value: 'int', default: '1', schema: z.int().min(0).max(2 ** 40), help: 'base seed (couplings: seed; networks and data: seed + 1; test points: seed + 2)', allowed: 'an integer in [0, 2^40]' },
  batch: { flag: 'batch', kind: 'number', value: 'P|expr', default: '50', schema: perN, help: 'SGD batch, or an expression in n, floored (the paper: 50 for ReLU, "floor(n/5)" for sigmoid)', allowed: 'an integer >= 1 or an expression in n' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt|expr', default: '0.01', schema: perN, help: 'SGD step in the mean-field time, or an expression in n (the paper: 1e-3; at d = 10 0.02 oscillates, 0.01 does not)', allowed: 'a finite number > 0 or an expression in n' },
  steps: { flag: 'steps', kind: 'number', value: 'S|expr', default: '20000', schema: perN, help: 'SGD steps before the quench, or an expression in n, floored (the paper: 2e6)', allowed: 'an integer >= 1 or an expression in n' },
  quenchBatch: { flag: 'quench-batch', kind: 'number', value: 'P2|expr|none', default: '500', schema: z.union([z.literal('none'), perN]), help: 'batch of the late quench, or an expression in n, or none (the paper: 2500; "floor(n/5)^2" for sigmoid)', allowed: 'an integer larger than --batch, an expression in n, or none' },
  quenchSteps: { flag: 'quench-steps', kind: 'number', value: 'S2|expr', default: '2000', schema: perN, help: 'steps of the quench, or an expression in n (the paper: 2e5)', allowed: 'an integer >= 1 or an expression in n' },
  checkRealizations: { flag: 'check-realizations', kind: 'number', value: 'k', default: '0', schema: z.int().min(0), help: 'the study checks its step: the runs of the first k realizations, at every n, trained again at Δt/2 and Δt/4 (same networks and streams, 2× and 4× the steps); s extrapolated to Δt → 0, and the verdict not resolved where halving Δt moves s beyond its interval. 0: no check', allowed: 'an integer >= 0 (2 or more for a check)' },
  testPoints: { flag: 'test-points', kind: 'number', value: 'Q', default: '20000', schema: z.int().min(2), help: 'fresh points for the loss and the discrepancies (the paper: 1e6)', allowed: 'an integer >= 2' },
  sigmaC: { flag: 'sigma-c', kind: 'number', value: 'σ', default: '1', schema: z.number().gt(0), help: 'initial c ~ N(0, σ²)', allowed: 'a finite number > 0' },
  sigmaB: { flag: 'sigma-b', kind: 'number', value: 'σ', default: '1', schema: z.number().min(0), help: 'initial b ~ N(0, σ²) (w ~ N(0, I/d))', allowed: 'a finite number >= 0' },
  inputRadius: { flag: 'input-radius', kind: 'number', value: 'r|sqrt(d)', default: 'sqrt(d)', schema: z.union([z.literal('sqrt(d)'), z.number().gt(0)]), help: 'a reading: the radius of the data sphere (the text: √d)', allowed: 'sqrt(d) or a finite number > 0' },
  weightScale: { flag: 'weight-scale', kind: 'number', value: 's', default: '1', schema: z.number().gt(0), help: 'a reading: initial w ~ N(0, s² I/d)', allowed: 'a finite number > 0' },
  bias: { flag: 'bias', kind: 'string', value: 'on|off', default: 'on', schema: z.enum(['on', 'off']), help: 'a reading: units with a bias b ~ N(0, σ_b²), trained (on), or b ≡ 0 (off)', allowed: 'one of on, off' },
  cLaw: { flag: 'c-law', kind: 'string', value: 'normal|zero', default: 'normal', schema: z.enum(['normal', 'zero']), help: 'a reading: initial c ~ N(0, σ_c²) (normal) or c = 0 (zero)', allowed: 'one of normal, zero' },
  loss: { flag: 'loss', kind: 'string', value: 'half|full', default: 'half', schema: z.enum(['half', 'full']), help: 'a reading: the loss trained and reported, ½E(f − f_n)² (half) or E(f − f_n)² (full: twice the gradient and the loss)', allowed: 'one of half, full' },
  bootstrap: { flag: 'bootstrap', kind: 'number', value: 'B', default: '2000', schema: z.int().min(100), help: 'bootstrap replicates for the slope intervals (95%)', allowed: 'an integer >= 100' },
  engine: {
    flag: 'engine', kind: 'string', value: 'auto|wasm-simd-fma|wasm-simd', default: 'auto', schema: z.enum(['auto', ...SPIN3_ENGINE_KINDS]),
    help: 'the kernel the members train on: with fused multiply-adds (relaxed SIMD) or without; auto: the fused one where the platform runs it. Recorded as the spec\'s engine',
    allowed: `one of auto, ${SPIN3_ENGINE_KINDS.join(', ')}`,
  },
  workers: { flag: 'workers', kind: 'number', value: 'k', schema: z.int().min(0).optional(), help: 'worker threads (default: all cores); 0 runs in the main thread. Results do not depend on it', allowed: 'an integer >= 0' },
  out: { flag: 'out', kind: 'string', value: 'dir', default: 'results', schema: z.string().min(1), help: 'output directory (writes compare-spin3.json)', allowed: 'a directory name' },
  ...SLICE_PARAMETERS,
} as const satisfies ParameterTable;

export const SPIN3_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(SPIN3_PARAMETERS),
  { name: 'quiet', help: 'no progress output' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const SPIN3_USAGE = `liouville compare spin3 [flags]

The paper's 3-spin experiment at a reduced scale: f(x) = (1/d) Σ a_pqr x_p x_q x_r on the sphere
of radius √d, networks (1/n) Σ c_i h(w_i·x + b_i) trained by SGD with batch P and then quenched
with a larger batch, for several realizations of a; the loss and the signed discrepancies on fresh
points against n, and the slope of the loss with a bootstrap interval beside the paper's −1.
The paper used d = 50, n up to 6·10⁴, 2·10⁶ steps; the scale run is printed and recorded.

Examples:
  liouville compare spin3 --d 10 --n 64..512 --steps 10000
  liouville compare spin3 --protocol sigmoid-d10 --steps 20000 --dt 0.01 --realizations 4

Flags:
`;

const Spin3ConfigSchema = z.strictObject(shapeOf(SPIN3_PARAMETERS)).superRefine(sliceIssues);

/** A 3-spin member is plain numbers: its checkpoint line is the member itself. */
const SPIN3_MEMBERS: CheckpointCodec<Spin3MemberResult> = {
  toRecord: (m) => m,
  fromRecord: (r) => r as Spin3MemberResult,
  key: spin3MemberKey,
};

/** What identifies the study in a result: its settings as given, without where and how this run of it ran. */
function studyInput(c: Record<string, unknown>): Record<string, unknown> {
  const { out: _out, shard: _shard, submission: _submission, dryRun: _dryRun, resume: _resume, workers: _workers, ...input } = c;
  return input;
}

const SPIN3_FIELDS = fieldsOf(SPIN3_PARAMETERS);

export async function spin3Command(argv: readonly string[]): Promise<number> {
  const { config: c, quiet, force } = resolveConfig('compare', argv, SPIN3_FLAGS, SPIN3_FIELDS, Spin3ConfigSchema, { preset: PROTOCOL_PRESET });
  const spec: Spin3StudySpec = {
    d: c.d, activation: c.activation, ns: c.n, realizations: c.realizations, seedsPerRealization: c.seeds, seed: c.seed,
    batch: c.batch, dt: c.dt, steps: c.steps, quench: c.quenchBatch === 'none' ? null : { batch: c.quenchBatch, steps: c.quenchSteps },
    testPoints: c.testPoints, sigmaC: c.sigmaC, sigmaB: c.sigmaB, bootstrap: { replicates: c.bootstrap, level: 0.95 },
    // absent without a check, so that a study without one keeps its fingerprint
    ...(c.checkRealizations > 0 ? { stepCheck: { realizations: c.checkRealizations } } : {}),
    // absent for the plain kernel, the only one before the fused kernel: such a study keeps its fingerprint
    ...((engine) => (engine === 'wasm-simd' ? {} : { engine }))(spin3EngineOf(c.engine)),
    // only the readings that differ from the default, so that a default study keeps its fingerprint
    ...((r: Spin3Readings) => (Object.keys(r).length ? { readings: r } : {}))({
      ...(c.inputRadius === 'sqrt(d)' ? {} : { inputRadius: c.inputRadius }), ...(c.weightScale === 1 ? {} : { weightScale: c.weightScale }),
      ...(c.bias === 'on' ? {} : { bias: false }), ...(c.cLaw === 'normal' ? {} : { cLaw: c.cLaw }), ...(c.loss === 'half' ? {} : { loss: c.loss }),
    }),
  };
  try {
    validateSpin3Study(spec);
  } catch (err) {
    if (err instanceof Spin3StudyError) {
      const flag = STUDY_FIELD_FLAGS[err.field.replace(/\[\d+\]$/, '')] ?? 'the configuration';
      throw new UsageError(`${flag}: ${err.message}`);
    }
    throw err;
  }
  const workers = c.workers ?? availableParallelism();
  const shard = parseShard(c.shard);
  const tasks = spin3Tasks(spec, shard);
  const plans = spec.ns.map((n) => scheduleAt(spec, n));
  // per run at each n: the training (k times it for a step check's rerun at Δt/k), and the test points measured up to three times
  const trainingOf = new Map(spec.ns.map((n, k) => [n, scheduleWork(plans[k]!, n)]));
  const trainingOfTask = (t: Spin3Task): number => trainingOf.get(t.n)! * (t.refine ?? 1);
  const runWork = (t: Spin3Task): number => trainingOfTask(t) + 3 * t.n * spec.testPoints;
  const nMax = Math.max(...spec.ns);
  // the batch is streamed through in chunks of 64 points: its size does not set the memory; a slice is guarded by its own members
  const estimate = {
    work: spin3Work(tasks.reduce((a, t) => a + runWork(t), 0), spec.d, spec.activation),
    // per thread: the network (n × (d + 2)) with its gradient, the chunk's activations, the test points
    memoryBytes: Math.max(1, workers) * 8 * (nMax * (spec.d + 2) * 3 + 64 * (spec.d + nMax) + spec.testPoints * (spec.d + 2)),
    flags: '--n, --d, --steps, --batch, --quench-steps, --quench-batch, --realizations, --seeds or --test-points',
  };
  guardWork(estimate, force, workers);
  const protocol = SPIN3_PROTOCOLS[c.protocol ?? 'relu-d50'];
  const reductions = spin3Reductions({
    d: spec.d, activation: spec.activation, ns: spec.ns, batch: spec.batch, dt: spec.dt, steps: spec.steps, quench: spec.quench,
    realizations: spec.realizations, testPoints: spec.testPoints,
  }, protocol.paper);
  const times = [...new Set(plans.map(trainingTime))];
  const scale = `${c.protocol ? `protocol ${c.protocol}` : `no protocol (compared with the paper's ${protocol.name})`}: ${describeSchedule(spec)}; ` +
    `training time ${times.map((t) => t.toPrecision(4)).join(', ')} (paper ${[...new Set(protocol.paper.ns.map((n) => trainingTime(scheduleAt(protocol.paper, n))))].join(', ')}); ` +
    `${spec.realizations} realizations of a × ${spec.seedsPerRealization} runs per n; ${spec.testPoints} test points` +
    `\n  readings: ${describeReadings(spec).join('; ')}` +
    `\n  differs from the paper: ${reductions.length ? reductions.join('; ') : 'nothing'}` +
    (c.protocol ? `${protocol.deviations.length ? `\n  the preset's own deviations: ${protocol.deviations.join('; ')}` : ''}\n  readings of the text: ${protocol.readings.join('; ')}` : '');
  const size = `${shard ? `slice ${shard.index + 1}/${shard.count}: ` : ''}${tasks.length} members on ${workers || 1} thread(s); ${describeWork(estimate, workers)}`;
  if (c.dryRun) {
    // what a submission checks before it queues anything (scripts/slurm-compare.sh)
    console.log(`${size}; dry run: nothing run, nothing written`);
    return 0;
  }
  if (!quiet) process.stderr.write(`${scale}\n${size}\n`);
  // a slice states its size even with --quiet: it is the first line of a cluster task's log
  else if (shard) process.stderr.write(`${size}\n`);
  const base = shard ? `compare-spin3.shard-${shard.index + 1}-of-${shard.count}` : 'compare-spin3';
  let checkpoint: ReturnType<typeof openCheckpointOf<Spin3MemberResult>>;
  try {
    checkpoint = openCheckpointOf(join(c.out, `${base}.members.jsonl`), spec, c.resume, SPIN3_MEMBERS);
  } catch (err) {
    if (err instanceof CheckpointError) throw new UsageError(err.message);
    throw err;
  }
  const doneKeys = new Set(checkpoint.done.map(SPIN3_MEMBERS.key));
  const pending = tasks.filter((t) => !doneKeys.has(spin3MemberKey(t)));
  // printed even with --quiet: a cluster log must show that a task resumed
  if (checkpoint.done.length > 0) process.stderr.write(`resuming: ${checkpoint.done.length} members done, ${pending.length} to run\n`);
  const started = Date.now();
  const bar = createProgress('members', quiet);
  // progress by work, not by members: the largest n run first and take most of the time
  const trainingWork = pending.reduce((a, t) => a + trainingOfTask(t), 0);
  // a test hook: die by SIGKILL once this many members are in the checkpoint, as a killed cluster job would
  const killAfter = Number(process.env['LIOUVILLE_TEST_KILL_AFTER_MEMBERS'] ?? Infinity);
  let workDone = 0;
  const fresh = await runSpin3Members(spec, workers, (d, t, member) => {
    checkpoint.append(member);
    workDone += member.unitPointSteps;
    bar.update(workDone, trainingWork, `${d}/${t}`);
    if (checkpoint.done.length + d >= killAfter) process.kill(process.pid, 'SIGKILL');
  }, pending);
  bar.finish();
  const members = sortSpin3Members([...checkpoint.done, ...fresh]);
  const seconds = (Date.now() - started) / 1000;
  const protocolRecord = {
    name: c.protocol ?? null, comparedWith: protocol.name, paper: protocol.paper, deviations: c.protocol ? protocol.deviations : [], readings: protocol.readings,
    readingOptions: describeReadings(spec), reductions,
  };
  const input = studyInput(c);
  if (shard) {
    const file = join(c.out, `${base}.json`);
    writeFileAtomic(file, toJson({
      ...resultHeader('compare', ['compare', 'spin3', ...argv], { claim: 'spin3' }), format: SHARD_FORMAT,
      shard: { index: shard.index + 1, count: shard.count }, study: { fingerprint: studyFingerprint(spec), submission: c.submission ?? null },
      config: { input }, spec, scale, protocol: protocolRecord, members, timing: { seconds, workers, resumedMembers: checkpoint.done.length },
    }));
    checkpoint.remove();
    console.log(`shard ${shard.index + 1}/${shard.count}: ${members.length} members; wrote ${file}`);
    return 0;
  }
  const file = join(c.out, 'compare-spin3.json');
  const analysis = writeSpin3Result(file, { argv: ['compare', 'spin3', ...argv], input, spec, scale, protocol: protocolRecord, members, timing: { seconds, workers, resumedMembers: checkpoint.done.length } });
  checkpoint.remove();
  printSpin3(spec, scale, analysis);
  console.log(`throughput ${analysis.throughput.toExponential(3)} unit·point-steps/s per thread; ${seconds.toFixed(1)} s; wrote ${file}`);
  return 0;
}

/** What a 3-spin result file holds besides its analysis; a merge of slices hands the same. */
export interface Spin3ResultParts {
  readonly argv: readonly string[];
  readonly input: Record<string, unknown>;
  readonly spec: Spin3StudySpec;
  readonly scale: string;
  readonly protocol: Record<string, unknown>;
  readonly members: readonly Spin3MemberResult[];
  readonly timing: Record<string, unknown>;
}

/**
 * Analyses the members and writes the result file `compare spin3` writes (the merge of its slices
 * too). If the analysis fails, hours of training must not be lost: the members are kept beside it.
 */
export function writeSpin3Result(file: string, parts: Spin3ResultParts): Spin3Analysis {
  const { spec, members } = parts;
  let analysis: Spin3Analysis;
  try {
    analysis = analyseSpin3(spec, members);
  } catch (err) {
    const saved = file.replace(/\.json$/, '.members.json');
    writeFileAtomic(saved, toJson({ format: RESULT_FORMAT, command: 'compare', claim: 'spin3-members', spec, members }));
    throw new Error(`the analysis failed (${(err as Error).message}); the ${members.length} members are saved in ${saved}`);
  }
  writeFileAtomic(file, toJson({
    ...resultHeader('compare', parts.argv, { claim: 'spin3' }),
    config: { input: parts.input }, spec, scale: parts.scale, protocol: parts.protocol, members, analysis, timing: parts.timing,
  }));
  return analysis;
}

/** The study's tables, fits and verdict on standard output (after a run, and after `reanalyse`). */
export function printSpin3(spec: Spin3StudySpec, scale: string, analysis: Spin3Analysis): void {
  console.log(`\n3-spin, ${spec.activation}: ${scale}\n`);
  console.log('       n   runs        loss ± s.e.    (test set)     ⟨(f−f_n)Θ(f)⟩   ⟨(f_n−f)Θ(−f)⟩   loss before quench');
  for (const cell of analysis.cells) {
    console.log(`${String(cell.n).padStart(8)} ${String(cell.runs).padStart(6)}   ${`${cell.loss.toExponential(3)} ± ${cell.lossStandardError.toExponential(1)}`.padEnd(20)}` +
      `(${cell.lossMonteCarloError.toExponential(1)})`.padStart(10) +
      `${cell.positive.toExponential(3).padStart(14)}   ${cell.negative.toExponential(3).padStart(14)}   ${cell.lossBeforeQuench === null ? '—' : cell.lossBeforeQuench.toExponential(3)}`);
  }
  const noisy = analysis.cells.filter((c) => c.lossMonteCarloError > c.lossStandardError / 3).map((c) => c.n);
  console.log(`(test set): the part of the s.e. that the ${spec.testPoints} test points alone contribute` +
    (noisy.length ? `; at n = ${noisy.join(', ')} it is over a third of the s.e.: more --test-points would sharpen those cells` : ''));
  console.log('\nslopes in n (95% bootstrap):');
  for (const s of analysis.slopes) {
    console.log(`  ${s.quantity.padEnd(26)} ${s.slope ? `${s.slope.estimate.toFixed(3)} [${s.slope.lower.toFixed(3)}, ${s.slope.upper.toFixed(3)}]` : 'a run\'s value is not positive: no log-log fit'}`);
  }
  const f = analysis.floorFit;
  const iv = (b: { estimate: number; lower: number; upper: number }): string => `${b.estimate.toPrecision(3)} [${b.lower.toPrecision(3)}, ${b.upper.toPrecision(3)}]`;
  console.log(f ? `\nloss(n) = A + B·n^s over the realizations: A = ${iv(f.A)}, B = ${iv(f.B)}, s = ${iv(f.s)}; χ² = ${f.chi2.toFixed(2)} on ${f.dof} degree(s) of freedom`
    : '\nloss(n) = A + B·n^s: not fitted (needs at least 4 values of n and 2 realizations)');
  if (analysis.floorDecomposition.length) {
    console.log('the floor A, measured on the same realizations (paired change from the stage before):');
    for (const st of analysis.floorDecomposition) {
      console.log(`  ${st.stage.padEnd(18)} A = ${st.fit ? iv(st.fit.A) : '—'}${st.fit ? `, s = ${iv(st.fit.s)}` : ''}${st.change ? `; change ${iv(st.change)}` : ''}`);
    }
  }
  for (const d of analysis.discrepancyFits) {
    console.log(`${d.quantity} = A + B·n^s: ${d.fit ? `A = ${iv(d.fit.A)}, s = ${iv(d.fit.s)}` : `not fitted (${d.reason})`}`);
  }
  const check = analysis.stepCheck;
  if (spec.stepCheck) {
    if (!check) console.log('\nstep check: not analysed (the floor fit or a rerun is missing)');
    else {
      const x = check.exponent;
      console.log(`\nstep check on ${check.realizations} realizations (the same networks and streams): s of A + B·n^s at Δt = ${check.dt.join(', ')}: ` +
        `${x.atSteps.map(iv).join(', ')}; halving Δt moves s by ${iv(x.halving)}; order ${x.observed === null ? 'not observed' : x.observed.toFixed(2)}` +
        `${x.orderObserved ? '' : ` (noise: forward Euler's ${x.order} used)`}; s extrapolated to Δt → 0: ${iv(x.extrapolated)}` +
        `${check.moved ? ' — Δt is not converged: the verdict is not resolved' : ''}`);
    }
  }
  for (const line of verdictTableLines([analysis.verdict, ...(check?.verdict ? [check.verdict] : [])])) console.log(line);
}

/**
 * `liouville reanalyse` on a spin3 result: the stored members decided again by this version's
 * analysis (no training), written with the rest of the file as it was.
 */
export function reanalyseSpin3(file: string, data: Record<string, unknown>, argv: readonly string[], out: string, quiet: boolean): number {
  const spec = data.spec as Spin3StudySpec;
  const members = data.members as Spin3MemberResult[];
  if (!spec || !Array.isArray(members) || members.length === 0) throw new UsageError(`${file}: a spin3 result needs its spec and members`);
  try {
    validateSpin3Study(spec);
  } catch (err) {
    if (err instanceof Spin3StudyError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
  const analysis = analyseSpin3(spec, members);
  writeFileAtomic(out, toJson({ ...data, format: RESULT_FORMAT, analysis, reanalysed: { argv: ['reanalyse', ...argv], package: provenance(), createdAt: new Date().toISOString() } }));
  if (!quiet) printSpin3(spec, String(data.scale ?? ''), analysis);
  console.log(`reanalysed ${members.length} members; wrote ${out}`);
  return 0;
}

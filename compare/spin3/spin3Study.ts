/**
 * The paper's 3-spin experiment (Sec. 5, Fig. 1; docs/theory.md) at a stated, reduced scale: for several
 * realizations of the couplings `a` and each `n` of a ladder, train `f_n = (1/n) Σ cᵢ h(wᵢ·x + bᵢ)`
 * by SGD with batch `P`, then quench with a larger batch; measure on fresh points the loss and the
 * signed discrepancies `⟨(f − f_n) Θ(f)⟩`, `⟨(f_n − f) Θ(−f)⟩`; fit the slope of the loss in `n`
 * with a bootstrap interval, beside the paper's −1.
 *
 * Random streams: the couplings of realization `j` are `Rng(seed, j)`; member `(n, j, r)` draws its
 * network and its data from `seed + 1` and its test points from `seed + 2`, both on stream
 * `memberStream(n, j·R + r)`, so no two members share random numbers and none shares the couplings'.
 */
import { createSpin3Target, Rng } from '../../model/index.ts';
import { SPIN3_ENGINE_KINDS, Spin3Network, spin3Errors, type Activation, type Spin3EngineKind } from '../../particles/index.ts';
import { bootstrapLogLogSlope, type SlopeInterval } from '../statistics/bootstrap.ts';
import { average, standardError } from '../statistics/sampleStatistics.ts';
import { memberStream } from '../torus/studySpec.ts';
import { runOnWorkers, workerEntry } from '../workerPool.ts';
import { bootstrapFloorFit, bootstrapFloorFitsPaired, fitFloorPowerLaw, groupMean, rungWeights, type FloorFitInterval } from '../statistics/floorFit.ts';
import type { BootstrapInterval } from '../statistics/bootstrap.ts';
import { spin3ExtrapolatedDraft, spin3VerdictDraft } from '../verdicts/spin3Fig1.ts';
import { finaliseVerdicts, type Verdict, type VerdictDraft } from '../verdicts/verdict.ts';
import { describePerN, refineSchedule, scheduleAt, scheduleWork, Spin3ScheduleError, type PerN } from './spin3Schedule.ts';
import { bootstrapStepExtrapolation, type StepExtrapolation } from '../statistics/stepExtrapolation.ts';

export interface Spin3StudySpec {
  readonly d: number;
  readonly activation: Activation;
  readonly ns: readonly number[];
  /** Realizations of the couplings `a`, and training runs per realization and `n`. */
  readonly realizations: number;
  readonly seedsPerRealization: number;
  readonly seed: number;
  /** SGD batch, step and number of steps before the quench: numbers, or expressions in n (`spin3Schedule.ts`). */
  readonly batch: PerN;
  readonly dt: PerN;
  readonly steps: PerN;
  /** The late quench: a larger batch for some more steps (null: none). */
  readonly quench: { readonly batch: PerN; readonly steps: PerN } | null;
  /** Fresh points on which the loss and discrepancies are measured. */
  readonly testPoints: number;
  /** Initial law: `c ~ N(0, σ_c²)`, `w ~ N(0, I/d)`, `b ~ N(0, σ_b²)`. */
  readonly sigmaC: number;
  readonly sigmaB: number;
  readonly bootstrap: { readonly replicates: number; readonly level: number };
  /**
   * The study checks its own step: the runs of the first `realizations` realizations of `a`, at
   * every `n`, trained again at `Δt/2` and `Δt/4` (twice and four times the steps, the same
   * networks, batches and data streams), and the exponent extrapolated to `Δt → 0`
   * (`statistics/stepExtrapolation.ts`). Absent or null: no check.
   */
  readonly stepCheck?: { readonly realizations: number } | null;
  /** The kernel variant the members train on (`Spin3Network`); absent: `wasm-simd`, the only one before the fused kernel. */
  readonly engine?: Spin3EngineKind;
  /** How the paper's silences are read (`Spin3Readings`); absent, or a field absent: the default reading. */
  readonly readings?: Spin3Readings;
}

/**
 * Readings of what Sec. 5 leaves unsaid, as options (docs/studies.md). Each absent field is the
 * reading every run made before they were options, so an older spec keeps its fingerprint.
 */
export interface Spin3Readings {
  /** The radius of the data sphere; absent: `√d`, the text's. */
  readonly inputRadius?: number;
  /** `w ~ N(0, s² I/d)`; absent: 1, so `w · x ~ N(0, 1)` on the sphere of radius `√d`. */
  readonly weightScale?: number;
  /** Units with a bias `b ~ N(0, σ_b²)`, trained; `false`: `b ≡ 0`. Absent: true. */
  readonly bias?: boolean;
  /** `c ~ N(0, σ_c²)` ('normal') or `c = 0` ('zero'); absent: 'normal'. */
  readonly cLaw?: 'normal' | 'zero';
  /**
   * The loss trained and reported: `½ E(f − f_n)²` ('half') or `E(f − f_n)²` ('full', whose
   * gradient is twice: the same as training the half loss at `2Δt`, with the loss reported doubled).
   * Absent: 'half'.
   */
  readonly loss?: 'half' | 'full';
}

/** The readings in words, one per option, for the run's protocol lines and its record. */
export function describeReadings(s: Pick<Spin3StudySpec, 'readings' | 'sigmaB' | 'sigmaC'>): string[] {
  const r = s.readings ?? {};
  return [
    `data on the sphere of radius ${r.inputRadius === undefined ? '√d' : r.inputRadius}`,
    `w ~ N(0, ${r.weightScale === undefined || r.weightScale === 1 ? '' : `${r.weightScale}² `}I/d)`,
    r.bias === false ? 'no bias (b ≡ 0)' : `bias b ~ N(0, ${s.sigmaB}²), trained`,
    r.cLaw === 'zero' ? 'c = 0' : `c ~ N(0, ${s.sigmaC}²)`,
    r.loss === 'full' ? 'loss E(f − f_n)² (no ½)' : 'loss ½E(f − f_n)²',
  ];
}

/** The factor of the trained and reported loss over `½E(f − f_n)²`. */
function lossFactor(s: Spin3StudySpec): number {
  return s.readings?.loss === 'full' ? 2 : 1;
}

/** The step refinements of a step check (`Δt/k`), most expensive first. */
export const STEP_CHECK_REFINEMENTS = [4, 2] as const;

export interface Spin3Task {
  readonly n: number;
  readonly realization: number;
  readonly r: number;
  /** Trained at `Δt/refine` with `refine` times the steps (a step check's rerun); absent: 1, the study's own run. */
  readonly refine?: number;
}

export interface Spin3MemberResult extends Spin3Task {
  readonly loss: number;
  readonly lossStandardError: number;
  /** `⟨(f − f_n) Θ(f)⟩` and `⟨(f_n − f) Θ(−f)⟩` over the test points. */
  readonly positive: number;
  readonly negative: number;
  /** The loss before the quench (on the same test points), or null without one. */
  readonly lossBeforeQuench: number | null;
  /** The loss after half the training steps (same test points), or null with fewer than 2 steps; absent in files before it was measured. */
  readonly lossHalfTraining?: number | null;
  readonly seconds: number;
  /** `n · Σ batch` over the run: the work, for throughput. */
  readonly unitPointSteps: number;
}

/** Raised for a study that cannot run; the message names the field and the value. */
export class Spin3StudyError extends Error {
  override readonly name = 'Spin3StudyError';
  /** The spec field at fault (`ns[1]`, `quench.batch`, …), for callers that map it to their own names. */
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function validateSpin3Study(s: Spin3StudySpec): void {
  const bad = (field: string, value: unknown, allowed: string): never => {
    throw new Spin3StudyError(field, `${field} = ${Array.isArray(value) ? `[${value.join(',')}]` : String(value)} is invalid: ${allowed}`);
  };
  if (!Number.isInteger(s.d) || s.d < 1) bad('d', s.d, 'an integer >= 1');
  if (s.ns.length < 2) bad('ns', s.ns, 'at least two values of n for a slope');
  s.ns.forEach((n, k) => {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 24) bad(`ns[${k}]`, n, 'an integer in [1, 2^24)');
    if (k > 0 && !(n > s.ns[k - 1]!)) bad(`ns[${k}]`, n, 'strictly increasing');
  });
  if (!Number.isInteger(s.realizations) || s.realizations < 1) bad('realizations', s.realizations, 'an integer >= 1');
  if (!Number.isInteger(s.seedsPerRealization) || s.seedsPerRealization < 1) bad('seedsPerRealization', s.seedsPerRealization, 'an integer >= 1');
  if (s.realizations * s.seedsPerRealization < 2) bad('realizations × seedsPerRealization', s.realizations * s.seedsPerRealization, 'at least 2 runs per n (an interval needs them)');
  // the schedule must make sense at every width
  try {
    for (const n of s.ns) scheduleAt(s, n);
  } catch (err) {
    if (err instanceof Spin3ScheduleError) throw new Spin3StudyError(err.field, err.message);
    throw err;
  }
  if (!Number.isInteger(s.testPoints) || s.testPoints < 2) bad('testPoints', s.testPoints, 'an integer >= 2');
  if (s.engine !== undefined && !SPIN3_ENGINE_KINDS.includes(s.engine)) bad('engine', s.engine, `one of ${SPIN3_ENGINE_KINDS.join(', ')}`);
  if (!(s.sigmaC > 0) || !(s.sigmaB >= 0)) bad('sigmaC, sigmaB', `${s.sigmaC}, ${s.sigmaB}`, 'σ_c > 0 and σ_b >= 0');
  const r = s.readings ?? {};
  if (r.inputRadius !== undefined && !(r.inputRadius > 0 && Number.isFinite(r.inputRadius))) bad('readings.inputRadius', r.inputRadius, 'a finite number > 0');
  if (r.weightScale !== undefined && !(r.weightScale > 0 && Number.isFinite(r.weightScale))) bad('readings.weightScale', r.weightScale, 'a finite number > 0');
  if (r.bias !== undefined && typeof r.bias !== 'boolean') bad('readings.bias', r.bias, 'true or false');
  if (r.cLaw !== undefined && r.cLaw !== 'normal' && r.cLaw !== 'zero') bad('readings.cLaw', r.cLaw, 'one of normal, zero');
  if (r.loss !== undefined && r.loss !== 'half' && r.loss !== 'full') bad('readings.loss', r.loss, 'one of half, full');
  if (s.stepCheck) {
    const k = s.stepCheck.realizations;
    if (!Number.isInteger(k) || k < 2 || k > s.realizations) bad('stepCheck.realizations', k, `an integer in [2, realizations = ${s.realizations}] (the check's interval is over realizations)`);
    if (s.ns.length < 4) bad('stepCheck', `${s.ns.length} values of n`, 'at least 4 values of n (the check compares the floor fit\'s exponent)');
  }
}

/** The schedule in words: `S steps of Δt with P, then S₂ with P₂`, rules with their values at the ladder's ends. */
export function describeSchedule(s: Spin3StudySpec): string {
  const { ns } = s;
  const main = `${describePerN(s.steps, ns, 'steps', 'integer')} steps of Δt = ${describePerN(s.dt, ns, 'dt', 'positive')} with P = ${describePerN(s.batch, ns, 'batch', 'integer')}`;
  return s.quench ? `${main}, then ${describePerN(s.quench.steps, ns, 'quench.steps', 'integer')} with P = ${describePerN(s.quench.batch, ns, 'quench.batch', 'integer')}` : main;
}

/**
 * Every `(n, realization, r)`, largest `n` first (the long runs should not finish last); with a
 * shard `i/N` (0-based `index`), every N-th from the i-th, so that each slice gets its share of every `n`.
 */
export function spin3Tasks(s: Spin3StudySpec, shard: { readonly index: number; readonly count: number } = { index: 0, count: 1 }): Spin3Task[] {
  const out: Spin3Task[] = [];
  // a step check's reruns first: they are the longest
  for (const refine of s.stepCheck ? STEP_CHECK_REFINEMENTS : []) {
    for (const n of [...s.ns].reverse()) {
      for (let realization = 0; realization < s.stepCheck!.realizations; realization++) {
        for (let r = 0; r < s.seedsPerRealization; r++) out.push({ n, realization, r, refine });
      }
    }
  }
  for (const n of [...s.ns].reverse()) {
    for (let realization = 0; realization < s.realizations; realization++) {
      for (let r = 0; r < s.seedsPerRealization; r++) out.push({ n, realization, r });
    }
  }
  return out.filter((_, k) => k % shard.count === shard.index);
}

/** The order of a study's members in its result: the study's own runs, then a step check's by refinement; each by `n`, realization, run. */
export function sortSpin3Members(members: Spin3MemberResult[]): Spin3MemberResult[] {
  return members.sort((a, b) => (a.refine ?? 1) - (b.refine ?? 1) || a.n - b.n || a.realization - b.realization || a.r - b.r);
}

/** A member's identity, for checkpoints and merges: `n/realization/r`, with `/k` for a step check's rerun at `Δt/k`. */
export function spin3MemberKey(m: Spin3Task): string {
  return `${m.n}/${m.realization}/${m.r}${(m.refine ?? 1) === 1 ? '' : `/${m.refine}`}`;
}

/** The network a member starts from: the same for its reruns at a finer step (it depends on the seed and the stream only). */
export function spin3MemberNetwork(s: Spin3StudySpec, task: Spin3Task): Spin3Network {
  const r = s.readings ?? {};
  const target = createSpin3Target(s.d, s.seed, task.realization, r.inputRadius);
  const stream = memberStream(task.n, task.realization * s.seedsPerRealization + task.r);
  return new Spin3Network(target, {
    n: task.n, activation: s.activation, sigmaC: s.sigmaC, sigmaB: s.sigmaB, seed: s.seed + 1, stream, engine: s.engine ?? 'wasm-simd',
    ...(r.weightScale === undefined ? {} : { weightScale: r.weightScale }), ...(r.cLaw === undefined ? {} : { cLaw: r.cLaw }), ...(r.bias === undefined ? {} : { bias: r.bias }),
  });
}

export function runSpin3Member(s: Spin3StudySpec, task: Spin3Task): Spin3MemberResult {
  const started = performance.now();
  const { n, realization, r } = task;
  const refine = task.refine ?? 1;
  const stream = memberStream(n, realization * s.seedsPerRealization + r);
  const net = spin3MemberNetwork(s, task);
  const plan = scheduleAt(refine === 1 ? s : refineSchedule(s, refine), n);
  // the full loss E(f − f_n)² has twice the gradient of the half one: its step is the half loss's at 2Δt
  const factor = lossFactor(s);
  const dt = factor * plan.dt;
  const measure = (): ReturnType<typeof spin3Errors> => {
    const e = spin3Errors(net, new Rng(s.seed + 2, stream), s.testPoints);
    return factor === 1 ? e : { ...e, loss: factor * e.loss, lossStandardError: factor * e.lossStandardError };
  };
  // the loss at half the training: the floor falls between T/2 and T if it is the mean-field loss at T
  const half = plan.steps >= 2 ? Math.floor(plan.steps / 2) : 0;
  let lossHalfTraining: number | null = null;
  for (let k = 0; k < plan.steps; k++) {
    if (k === half && half > 0) lossHalfTraining = measure().loss;
    net.step(dt, plan.batch);
  }
  const before = plan.quench ? measure().loss : null;
  if (plan.quench) for (let k = 0; k < plan.quench.steps; k++) net.step(dt, plan.quench.batch);
  const e = measure();
  if (!Number.isFinite(e.loss)) throw new Error(`n = ${n}, realization ${realization}, run ${r}: the loss is ${e.loss}; reduce dt`);
  return {
    n, realization, r, ...(refine === 1 ? {} : { refine }), loss: e.loss, lossStandardError: e.lossStandardError, positive: e.positive, negative: e.negative, lossBeforeQuench: before, lossHalfTraining,
    seconds: (performance.now() - started) / 1000, unitPointSteps: scheduleWork(plan, n),
  };
}

export interface Spin3Cell {
  readonly n: number;
  readonly runs: number;
  readonly loss: number;
  readonly lossStandardError: number;
  /**
   * The Monte-Carlo error of the cell's mean loss from the finite test set alone,
   * `√(Σ seᵢ²)/R` over its `R` runs — beside `lossStandardError`, which also holds the runs'
   * fluctuation. When it is not well below that, more test points would sharpen the cell.
   */
  readonly lossMonteCarloError: number;
  readonly positive: number;
  readonly negative: number;
  /** Standard deviation of the discrepancies between the realizations' means (their spread, shown where no fit is possible). */
  readonly positiveSpread: number;
  readonly negativeSpread: number;
  readonly lossBeforeQuench: number | null;
}

/** The floor `A` of `A + B·n^s` at one stage of the training, fitted over the realizations. */
export interface Spin3FloorStage {
  readonly stage: 'half the training' | 'the training' | 'after the quench';
  readonly fit: FloorFitInterval | null;
  /** `A` here minus `A` at the previous stage, paired over the same realizations (null for the first). */
  readonly change: BootstrapInterval | null;
}

/** `A + B·n^s` fitted to a signed discrepancy, or why not. */
export interface Spin3DiscrepancyFit {
  readonly quantity: string;
  readonly fit: FloorFitInterval | null;
  readonly reason: string | null;
}

export interface Spin3Analysis {
  readonly cells: Spin3Cell[];
  /** Log-log slopes in `n` (bootstrap over runs within each `n`); null where some run's value is not positive. */
  readonly slopes: { readonly quantity: string; readonly slope: SlopeInterval | null }[];
  /** `loss(n) = A + B·n^s` over the realizations (`statistics/floorFit.ts`); null with fewer than 4 values of n or 2 realizations. */
  readonly floorFit: FloorFitInterval | null;
  /**
   * The floor measured, not asserted: `A` of the same realizations at half the training, at its
   * end and after the quench, with paired changes. `A` falls with the training if it is the
   * mean-field loss at the final time; it falls with the quench if it is SGD noise. Empty when
   * the floor fit is not possible.
   */
  readonly floorDecomposition: Spin3FloorStage[];
  /** The signed discrepancies fitted as the loss is, where every realization's mean is positive. */
  readonly discrepancyFits: Spin3DiscrepancyFit[];
  /** The step check (`Spin3StudySpec.stepCheck`), or null without one. */
  readonly stepCheck?: Spin3StepCheck | null;
  /** The exponent `s` against the paper's −1, decided in `compare/verdicts/spin3Fig1.ts`. */
  readonly verdict: Verdict;
  /** Unit·point-steps per second of one thread, over all members. */
  readonly throughput: number;
}

/** What the step check measured: the exponent `s` of the floor fit on the rerun realizations at `Δt`, `Δt/2`, `Δt/4`, extrapolated to `Δt → 0`. */
export interface Spin3StepCheck {
  readonly realizations: number;
  readonly dt: readonly [string, string, string];
  /** `s` at the three steps, the paired change on halving, the observed order and `s₀`. */
  readonly exponent: StepExtrapolation;
  /** True where halving Δt moves `s` by more than the run's own interval's half-width, with an interval that excludes no change. */
  readonly moved: boolean;
  /** `s₀` against −1, in one family with the study's own row (`spin3ExtrapolatedDraft`); absent in files analysed before it was decided. */
  readonly verdict?: Verdict;
}

export function analyseSpin3(s: Spin3StudySpec, everyMember: readonly Spin3MemberResult[]): Spin3Analysis {
  // the study's own runs; a step check's reruns are read only by the check
  const members = everyMember.filter((m) => (m.refine ?? 1) === 1);
  const byN = s.ns.map((n) => members.filter((m) => m.n === n));
  const cells = byN.map((list, k) => ({
    n: s.ns[k]!, runs: list.length, loss: average(list.map((m) => m.loss)), lossStandardError: standardError(list.map((m) => m.loss)),
    lossMonteCarloError: Math.sqrt(list.reduce((a, m) => a + m.lossStandardError ** 2, 0)) / list.length,
    positive: average(list.map((m) => m.positive)), negative: average(list.map((m) => m.negative)),
    positiveSpread: spreadOfRealizationMeans(list, (m) => m.positive, s.realizations),
    negativeSpread: spreadOfRealizationMeans(list, (m) => m.negative, s.realizations),
    lossBeforeQuench: s.quench ? average(list.map((m) => m.lossBeforeQuench ?? NaN)) : null,
  }));
  const fit = (quantity: string, pick: (m: Spin3MemberResult) => number, stream: number): { quantity: string; slope: SlopeInterval | null } => {
    const values = byN.map((list) => Float64Array.from(list, pick));
    // a log-log fit needs every run's value positive: the signed discrepancies can change sign
    if (values.some((v) => v.some((x) => !(x > 0)))) return { quantity, slope: null };
    return { quantity, slope: bootstrapLogLogSlope(s.ns, values, { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream }) };
  };
  const slopes = [
    fit('loss', (m) => m.loss, 1),
    fit('⟨(f − f_n) Θ(f)⟩', (m) => m.positive, 2),
    fit('⟨(f_n − f) Θ(−f)⟩', (m) => m.negative, 3),
    ...(s.quench ? [fit('loss before the quench', (m) => m.lossBeforeQuench ?? NaN, 4)] : []),
  ];
  // the floor-aware fit over the realizations of a (the unit of independence: each is trained at every n)
  const perRealization = (pick: (m: Spin3MemberResult) => number): Float64Array[] =>
    Array.from({ length: s.realizations }, (_, g) => Float64Array.from(byN, (list) => average(list.filter((m) => m.realization === g).map(pick))));
  const fittable = s.ns.length >= 4 && s.realizations >= 2;
  const floorFit = fittable
    ? bootstrapFloorFit(s.ns, perRealization((m) => m.loss), { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream: 5 })
    : null;
  const floorDecomposition = fittable ? decomposeFloor(s, members, perRealization) : [];
  const discrepancyFits = [
    { quantity: '⟨(f − f_n) Θ(f)⟩', pick: (m: Spin3MemberResult) => m.positive, stream: 7 },
    { quantity: '⟨(f_n − f) Θ(−f)⟩', pick: (m: Spin3MemberResult) => m.negative, stream: 8 },
  ].map(({ quantity, pick, stream }): Spin3DiscrepancyFit => {
    if (!fittable) return { quantity, fit: null, reason: 'A + B·n^s needs at least 4 values of n and 2 realizations of a' };
    const values = perRealization(pick);
    const nonPositive = values.reduce((a, v) => a + v.filter((x) => !(x > 0)).length, 0);
    if (nonPositive > 0) return { quantity, fit: null, reason: `${nonPositive} of ${values.length * s.ns.length} realization means are not positive: a power law in n has no meaning for it; the spread between realizations is in the cells` };
    return { quantity, fit: bootstrapFloorFit(s.ns, values, { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream }), reason: null };
  });
  const checked = s.stepCheck && floorFit ? checkStep(s, everyMember, floorFit) : null;
  const stepNote = checked?.moved
    ? `halving Δt moves s by ${checked.exponent.halving.estimate.toFixed(3)} [${checked.exponent.halving.lower.toFixed(3)}, ${checked.exponent.halving.upper.toFixed(3)}] on the ${checked.realizations} realizations rerun, ` +
      `more than the half-width ${((floorFit!.s.upper - floorFit!.s.lower) / 2).toFixed(3)} of s's own interval: Δt is not converged (s extrapolated to Δt → 0: ${checked.exponent.extrapolated.estimate.toFixed(3)} ` +
      `[${checked.exponent.extrapolated.lower.toFixed(3)}, ${checked.exponent.extrapolated.upper.toFixed(3)}], order ${checked.exponent.order.toFixed(2)}${checked.exponent.orderObserved ? ' observed' : ' assumed'})`
    : null;
  const own = spin3VerdictDraft({ d: s.d, activation: s.activation, ns: s.ns, realizations: s.realizations, schedule: describeSchedule(s), level: s.bootstrap.level }, floorFit, stepNote);
  const [verdict, extrapolatedVerdict] = finaliseVerdicts(checked ? [own, checked.draft] : [own]);
  const stepCheck: Spin3StepCheck | null = checked
    ? { realizations: checked.realizations, dt: checked.dt, exponent: checked.exponent, moved: checked.moved, verdict: extrapolatedVerdict! }
    : null;
  const work = members.reduce((a, m) => a + m.unitPointSteps, 0);
  const seconds = members.reduce((a, m) => a + m.seconds, 0);
  return { cells, slopes, floorFit, floorDecomposition, discrepancyFits, ...(s.stepCheck ? { stepCheck } : {}), verdict: verdict!, throughput: work / seconds };
}

/**
 * The floor fit's exponent on the rerun realizations at `Δt`, `Δt/2`, `Δt/4` (each realization's
 * mean loss per `n`, the weights of each series fixed from its data), Richardson-extrapolated with
 * the observed order (forward Euler's order 1 where it is noise), bootstrap over the realizations.
 */
function checkStep(s: Spin3StudySpec, members: readonly Spin3MemberResult[], own: FloorFitInterval): (Omit<Spin3StepCheck, 'verdict'> & { draft: VerdictDraft }) | null {
  const G = s.stepCheck!.realizations;
  const refinements = [1, ...[...STEP_CHECK_REFINEMENTS].reverse()];
  const series = refinements.map((refine) => Array.from({ length: G }, (_, g) => Float64Array.from(s.ns, (n) =>
    average(members.filter((m) => (m.refine ?? 1) === refine && m.n === n && m.realization === g).map((m) => m.loss)))));
  // a slice, or a check not yet run: nothing to compare
  if (series.some((v) => v.some((row) => row.some((x) => !Number.isFinite(x))))) return null;
  const weights = series.map((v) => rungWeights(s.ns, v));
  const y = new Float64Array(s.ns.length);
  const exponent = bootstrapStepExtrapolation(G, (j, pick) => fitFloorPowerLaw(s.ns, groupMean(series[j]!, pick, y), weights[j]!).s,
    { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream: 9 }, 1);
  const { halving } = exponent;
  const moved = (halving.lower > 0 || halving.upper < 0) && Math.abs(halving.estimate) > (own.s.upper - own.s.lower) / 2;
  const dt = refinements.map((k) => describePerN(k === 1 ? s.dt : refineSchedule(s, k).dt, s.ns, 'dt', 'positive')) as [string, string, string];
  const draft = spin3ExtrapolatedDraft({
    d: s.d, activation: s.activation, ns: s.ns, realizations: s.realizations, schedule: describeSchedule(s), level: s.bootstrap.level,
    checked: G, dt, order: exponent.order, orderObserved: exponent.orderObserved,
  }, exponent.extrapolated);
  return { realizations: G, dt, exponent, moved, draft };
}

/** The standard deviation of the realizations' means of a quantity at one n (0 with one realization). */
function spreadOfRealizationMeans(list: readonly Spin3MemberResult[], pick: (m: Spin3MemberResult) => number, realizations: number): number {
  const means = Array.from({ length: realizations }, (_, g) => average(list.filter((m) => m.realization === g).map(pick))).filter(Number.isFinite);
  if (means.length < 2) return 0;
  const mu = average(means);
  return Math.sqrt(means.reduce((a, x) => a + (x - mu) ** 2, 0) / (means.length - 1));
}

/** The floor at each measured stage of the training, on the same bootstrap resamples (paired changes). */
function decomposeFloor(s: Spin3StudySpec, members: readonly Spin3MemberResult[],
  perRealization: (pick: (m: Spin3MemberResult) => number) => Float64Array[]): Spin3FloorStage[] {
  const stages: { stage: Spin3FloorStage['stage']; pick: (m: Spin3MemberResult) => number }[] = [];
  if (members.every((m) => typeof m.lossHalfTraining === 'number')) stages.push({ stage: 'half the training', pick: (m) => m.lossHalfTraining! });
  stages.push(s.quench ? { stage: 'the training', pick: (m) => m.lossBeforeQuench ?? NaN } : { stage: 'the training', pick: (m) => m.loss });
  if (s.quench) stages.push({ stage: 'after the quench', pick: (m) => m.loss });
  const { fits, floorChanges } = bootstrapFloorFitsPaired(s.ns, stages.map((x) => perRealization(x.pick)),
    { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream: 6 });
  return stages.map((x, j) => ({ stage: x.stage, fit: fits[j]!, change: j > 0 ? floorChanges[j - 1]! : null }));
}

/** The members of `tasks` (default: all) on `workers` threads (0: this thread); the result is sorted and does not depend on `workers`. */
export async function runSpin3Members(s: Spin3StudySpec, workers: number,
  onDone?: (done: number, total: number, member: Spin3MemberResult) => void, tasks: readonly Spin3Task[] = spin3Tasks(s)): Promise<Spin3MemberResult[]> {
  let results: Spin3MemberResult[];
  if (workers === 0) {
    results = tasks.map((t, k) => {
      const res = runSpin3Member(s, t);
      onDone?.(k + 1, tasks.length, res);
      return res;
    });
  } else {
    results = await runOnWorkers<Spin3Task, Spin3MemberResult>(workerEntry(import.meta.url, 'spin3Worker'), { spec: s }, tasks, workers,
      (res, d, t) => onDone?.(d, t, res));
  }
  return sortSpin3Members(results);
}

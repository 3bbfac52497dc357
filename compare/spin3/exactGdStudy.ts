/**
 * Fig. 1's claim with everything SGD adds taken away: bias-free ReLU networks trained by gradient
 * descent on the exact 3-spin loss (the large-batch limit, eq. 9; particles/spin3ExactFlow.ts), for
 * several realizations of the couplings `a` and each `n` of a ladder; the loss is exact, so the
 * only randomness is the initial draw and the couplings. What is fitted is the excess
 * `e = ℓ − ℓ_floor` over the realization's own bias-free floor `½(E f² − |g|²)`
 * (model/spin3Moments.ts: no such network gets below it), which removes the couplings' O(1)
 * spread from the loss exactly: `e(n) = A + B·n^s` at each recorded time, `A` the mean-field
 * excess at that time, `s` against the paper's −1 (Prop. 3.3: the `n^{-1}` of the loss at long times).
 *
 * Random streams are `compare spin3`'s: the couplings of realization `j` are `Rng(seed, j)`, the
 * network of `(n, j)` is the one `Spin3Network` draws from `seed + 1` on `memberStream(n, j)` with
 * `σ_b = 0` (so an SGD study of bias-free units starts from the same networks).
 */
import { createSpin3Target, spin3Moments } from '../../model/index.ts';
import { ReluExactFlow, Spin3Network, type IntegratorKind } from '../../particles/index.ts';
import { bootstrapFloorFitsPaired, type FloorFitInterval } from '../statistics/floorFit.ts';
import { average } from '../statistics/sampleStatistics.ts';
import { memberStream } from '../torus/studySpec.ts';
import { runOnWorkers, workerEntry } from '../workerPool.ts';
import { finaliseVerdicts, type Verdict } from '../verdicts/verdict.ts';
import { SPIN3_SLOPE_TOLERANCE } from '../verdicts/spin3Fig1.ts';

export interface Spin3ExactStudySpec {
  readonly d: number;
  readonly ns: readonly number[];
  readonly realizations: number;
  readonly seed: number;
  readonly dt: number;
  readonly integrator: IntegratorKind;
  /** The times at which the loss is recorded, increasing; the last is the training time. Each a multiple of `dt`. */
  readonly times: readonly number[];
  /** Initial law `c ~ N(0, σ_c²)`, `w ~ N(0, I/d)`, no bias. */
  readonly sigmaC: number;
  readonly bootstrap: { readonly replicates: number; readonly level: number };
  /** Realization 0 trained again at `dt/2` at every `n` (the same networks): the step's effect on the excess. */
  readonly stepCheck: boolean;
}

export interface Spin3ExactTask {
  readonly n: number;
  readonly realization: number;
  /** Trained at `dt/refine` (the step check); absent: 1. */
  readonly refine?: number;
}

export interface Spin3ExactMember extends Spin3ExactTask {
  /** The exact loss at each of `times`, and at `t = 0`. */
  readonly initialLoss: number;
  readonly losses: readonly number[];
  /** The realization's bias-free floor `½(E f² − |g|²)`. */
  readonly floor: number;
  readonly seconds: number;
}

export class Spin3ExactStudyError extends Error {
  override readonly name = 'Spin3ExactStudyError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function validateSpin3ExactStudy(s: Spin3ExactStudySpec): void {
  const bad = (field: string, value: unknown, allowed: string): never => {
    throw new Spin3ExactStudyError(field, `${field} = ${Array.isArray(value) ? `[${value.join(',')}]` : String(value)} is invalid: ${allowed}`);
  };
  if (!Number.isInteger(s.d) || s.d < 1) bad('d', s.d, 'an integer >= 1');
  if (s.ns.length < 4) bad('ns', s.ns, 'at least 4 values of n (the fit A + B·n^s has 3 parameters)');
  s.ns.forEach((n, k) => {
    if (!Number.isInteger(n) || n < 2) bad(`ns[${k}]`, n, 'an integer >= 2');
    if (k > 0 && !(n > s.ns[k - 1]!)) bad(`ns[${k}]`, n, 'strictly increasing');
  });
  if (!Number.isInteger(s.realizations) || s.realizations < 2) bad('realizations', s.realizations, 'an integer >= 2 (the interval is over realizations)');
  if (!(s.dt > 0) || !Number.isFinite(s.dt)) bad('dt', s.dt, 'a finite number > 0');
  if (s.integrator !== 'euler' && s.integrator !== 'rk4') bad('integrator', s.integrator, 'one of euler, rk4');
  if (s.times.length < 1) bad('times', s.times, 'at least one time');
  s.times.forEach((t, k) => {
    if (!(t > 0) || Math.abs(t / s.dt - Math.round(t / s.dt)) > 1e-9 * (t / s.dt)) bad(`times[${k}]`, t, `a positive multiple of dt = ${s.dt}`);
    if (k > 0 && !(t > s.times[k - 1]!)) bad(`times[${k}]`, t, 'increasing');
  });
  if (!(s.sigmaC > 0)) bad('sigmaC', s.sigmaC, 'a number > 0');
}

/** Every `(n, realization)`, largest `n` first; the step check's reruns first of all (they are the longest). */
export function spin3ExactTasks(s: Spin3ExactStudySpec): Spin3ExactTask[] {
  const desc = [...s.ns].reverse();
  return [
    ...(s.stepCheck ? desc.map((n) => ({ n, realization: 0, refine: 2 })) : []),
    ...desc.flatMap((n) => Array.from({ length: s.realizations }, (_, realization) => ({ n, realization }))),
  ];
}

/** The initial `(c, w)` of a member: `Spin3Network`'s draw for `compare spin3`'s member `(n, realization, 0)` with `σ_b = 0`. */
export function spin3ExactInitial(s: Spin3ExactStudySpec, task: Spin3ExactTask): { c: Float64Array; w: Float64Array } {
  const target = createSpin3Target(s.d, s.seed, task.realization);
  const net = new Spin3Network(target, { n: task.n, activation: 'relu', sigmaC: s.sigmaC, sigmaB: 0, seed: s.seed + 1, stream: memberStream(task.n, task.realization) });
  return { c: Float64Array.from(net.c), w: Float64Array.from(net.w) };
}

export function runSpin3ExactMember(s: Spin3ExactStudySpec, task: Spin3ExactTask): Spin3ExactMember {
  const started = performance.now();
  const refine = task.refine ?? 1;
  const moments = spin3Moments(createSpin3Target(s.d, s.seed, task.realization));
  const { c, w } = spin3ExactInitial(s, task);
  const flow = new ReluExactFlow(moments, c, w, s.integrator);
  const dt = s.dt / refine;
  const initialLoss = flow.loss();
  const losses: number[] = [];
  let step = 0;
  for (const t of s.times) {
    const until = Math.round((t / s.dt) * refine);
    for (; step < until; step++) flow.step(dt);
    const loss = flow.loss();
    if (!Number.isFinite(loss)) throw new Error(`n = ${task.n}, realization ${task.realization}: the loss is ${loss} at t = ${t}; reduce dt`);
    losses.push(loss);
  }
  return { n: task.n, realization: task.realization, ...(refine === 1 ? {} : { refine }), initialLoss, losses, floor: moments.biasFreeFloor, seconds: (performance.now() - started) / 1000 };
}

/** The fit at one recorded time. */
export interface Spin3ExactStage {
  readonly t: number;
  /** Mean excess over the realizations at each `n`. */
  readonly excess: readonly number[];
  readonly fit: FloorFitInterval;
}

export interface Spin3ExactAnalysis {
  readonly stages: readonly Spin3ExactStage[];
  /**
   * The step check: at each `n`, the relative change of realization 0's excess at the training time
   * on halving `dt` (`(e_{dt/2} − e_dt)/e_dt`); null without one.
   */
  readonly stepCheck: { readonly n: number; readonly relativeChange: number }[] | null;
  /** The exponent at the training time against −1. */
  readonly verdict: Verdict;
  /** Loss evaluations (unordered pairs × velocity passes) per second of one thread. */
  readonly pairsPerSecond: number;
}

export function analyseSpin3Exact(s: Spin3ExactStudySpec, every: readonly Spin3ExactMember[]): Spin3ExactAnalysis {
  const at = (n: number, g: number, refine = 1): Spin3ExactMember | undefined => every.find((m) => m.n === n && m.realization === g && (m.refine ?? 1) === refine);
  // series j = time index; values[g][k] = realization g's excess at n_k
  const series = s.times.map((_, j) => Array.from({ length: s.realizations }, (_, g) => Float64Array.from(s.ns, (n) => {
    const m = at(n, g);
    if (!m) throw new RangeError(`member n = ${n}, realization ${g} is missing`);
    return m.losses[j]! - m.floor;
  })));
  const { fits } = bootstrapFloorFitsPaired(s.ns, series, { replicates: s.bootstrap.replicates, level: s.bootstrap.level, seed: s.seed, stream: 11 });
  const stages = s.times.map((t, j) => ({ t, excess: s.ns.map((_, k) => average(series[j]!.map((v) => v[k]!))), fit: fits[j]! }));
  const last = s.times.length - 1;
  const stepCheck = s.stepCheck ? s.ns.map((n) => {
    const a = at(n, 0)!;
    const b = at(n, 0, 2);
    if (!b) throw new RangeError(`the step check's member n = ${n} is missing`);
    const ea = a.losses[last]! - a.floor;
    return { n, relativeChange: (b.losses[last]! - b.floor - ea) / ea };
  }) : null;
  const fit = stages[last]!.fit;
  const T = s.times[last]!;
  const [verdict] = finaliseVerdicts([{
    claim: `exact-loss GD (d = ${s.d}, bias-free ReLU): loss − floor ∝ n^s, s = −1`,
    proposition: 'Prop. 3.3 (the n^{-1} of the loss at long times), Sec. 5\'s network without SGD',
    statement: 'the loss of networks trained by GD on the exact loss falls like n^{-1} above the mean-field loss at the same time',
    quantity: `s of e(n) = A + B·n^s, e = loss − the bias-free floor, at t = ${T}, over n = ${s.ns.join(',')} (weighted by the spread between the ${s.realizations} realizations of a; bootstrap over realizations, Student t)`,
    hypothesis: `d = ${s.d}, GD on the exact loss (${s.integrator}, Δt = ${s.dt}) to t = ${T}; A is the mean-field excess at t`,
    t: T, role: 'primary',
    measurement: { estimate: fit.s.estimate, lower: fit.s.lower, upper: fit.s.upper, level: fit.s.level },
    rule: { kind: 'band', theta: -1, delta: SPIN3_SLOPE_TOLERANCE },
    justification: `the tolerance of the SGD study's row (compare/verdicts/spin3Fig1.ts); δ = ${SPIN3_SLOPE_TOLERANCE}`,
    theory: '−1 (Prop. 3.3; paper, Fig. 1)',
    inRegime: true, regimeNote: null,
  }]);
  const passes = s.integrator === 'rk4' ? 4 : 1;
  const pairs = every.reduce((a, m) => a + ((m.n * (m.n - 1)) / 2) * (passes * Math.round((T / s.dt) * (m.refine ?? 1)) + s.times.length + 1), 0);
  return { stages, stepCheck, verdict: verdict!, pairsPerSecond: pairs / every.reduce((a, m) => a + m.seconds, 0) };
}

/** The members of `tasks` on `workers` threads (0: this thread), sorted by refinement, `n`, realization. */
export async function runSpin3ExactMembers(s: Spin3ExactStudySpec, workers: number,
  onDone?: (done: number, total: number, member: Spin3ExactMember) => void, tasks: readonly Spin3ExactTask[] = spin3ExactTasks(s)): Promise<Spin3ExactMember[]> {
  let results: Spin3ExactMember[];
  if (workers === 0) {
    results = tasks.map((t, k) => {
      const res = runSpin3ExactMember(s, t);
      onDone?.(k + 1, tasks.length, res);
      return res;
    });
  } else {
    results = await runOnWorkers<Spin3ExactTask, Spin3ExactMember>(workerEntry(import.meta.url, 'exactGdWorker'), { spec: s }, tasks, workers,
      (res, d, t) => onDone?.(d, t, res));
  }
  return results.sort((a, b) => (a.refine ?? 1) - (b.refine ?? 1) || a.n - b.n || a.realization - b.realization);
}

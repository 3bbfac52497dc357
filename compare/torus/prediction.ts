/**
 * The predicted CLT prefactor (`solver/cltPrediction.ts`) as the comparison uses it: computed on
 * one quadrature, its own error estimated by a finer one, set beside the linear-regime closed
 * form, and compared with the measured `n·E‖f_n − f₀‖²` of an ensemble.
 */
import { Rng, sampleInitialLaw, stepsTo, type InitialLaw, type TorusProblem } from '../../model/index.ts';
import {
  linearRegimeCltPrefactor, predictCltPrefactor, predictCltPrefactorWithTransport, lagrangianWork, RK8_STAGES, type InfluenceInterpolantRecord, type LinearResponseTransport,
} from '../../solver/index.ts';
import type { BootstrapInterval } from '../statistics/bootstrap.ts';
import { memberStream, type ControlMethod } from './studySpec.ts';

/**
 * The adjoint's RK8 step. Measured on 64×32 and 64×16 quadratures to t = 50 (vonmises:2, vonmises:8
 * with σ_c = 2, sigmoid:4 with c̄ = 0.5, ReLU with 24 modes): the prediction at 0.2 equals that at
 * 0.05 to 4·10⁻¹¹ relative, at 0.4 to 1.1·10⁻⁸; the cost is proportional to the steps. Not larger:
 * the stiff gapped unit `1 + 2cos u + 2cos 2u` is off by 8·10⁻⁷ at 0.2, 1.7·10⁻³ at 0.4 and
 * diverges at 0.8 (its check's step), so a larger step is a per-study choice (`--predict-dt`).
 */
export const PREDICTION_DEFAULT_DT = 0.2;

/**
 * The check a study's prediction gets by default: three quarters of the nodes each way (at least
 * `2M + 1` in y) and twice the step. Coarser in both, so that it costs about a quarter of the
 * prediction again; the distance between the two is then the coarser one's error, quadrature and
 * step together, an over-estimate of the finer one's wherever both converge (spectrally in the nodes,
 * as Δt⁸ in the step). Null when no coarser quadrature exists.
 */
export function predictionCheckOf(p: { readonly ny: number; readonly nc: number; readonly dt: number }, M: number): { ny: number; nc: number; dt: number } | null {
  const check = { ny: Math.max(2 * M + 1, Math.round(0.75 * p.ny)), nc: Math.max(1, Math.round(0.75 * p.nc)), dt: 2 * p.dt };
  return check.ny === p.ny && check.nc === p.nc ? null : check;
}

export interface PredictionSettings {
  readonly ny: number;
  readonly nc: number;
  readonly dt: number;
  /** Absent: `interpolant` (files before the transport existed). */
  readonly control?: ControlMethod;
  /** A second quadrature and step (absent `dt`: the same step, as files before the step was checked) whose distance to this one bounds its error; null: skip. */
  readonly check: { readonly ny: number; readonly nc: number; readonly dt?: number } | null;
}

export interface CltPredictionRecord {
  readonly settings: PredictionSettings;
  readonly times: readonly number[];
  /** Predicted `lim n·E‖f_n(t) − f₀(t)‖²` per time. */
  readonly total: readonly number[];
  /** Its terms per mode `m = 0..M` (Parseval weights included). */
  readonly perMode: readonly (readonly number[])[];
  /** The same on the check's quadrature and step, or null. */
  readonly checkTotal: readonly number[] | null;
  /** `Σ_m σ_c²|ψ̂_m|² e^{−2λ_m t}` (the small-target limit), or null when `c̄ ≠ 0`. */
  readonly linearRegime: readonly number[] | null;
  /**
   * The influence `ĝ_t` off the nodes at every time (`solver/influenceInterpolant.ts`), from which
   * each member's linear response `δ_lin` — its control variate — is computed; null when `σ_c = 0`
   * (and in result files written before it existed).
   */
  readonly influence?: InfluenceInterpolantRecord | null;
  /**
   * With `settings.control = 'transport'`: every member's `δ_lin` at every time, exact at its
   * particles, `values[time][rung][seed]` = `[re_0, im_0, re_1, …]` (`2(M + 1)` numbers) for the
   * members `(ns[rung], seed)`; absent otherwise.
   */
  readonly linear?: MemberLinearResponses | null;
  readonly seconds: number;
}

export interface MemberLinearResponses {
  readonly ns: readonly number[];
  readonly seeds: number;
  readonly values: readonly (readonly (readonly (readonly number[])[])[])[];
  readonly seconds: number;
}

/** The members a transported control is computed for: those of the study (`Rng(seed, memberStream(n, r))`, `r < seeds`). */
export interface PredictionMembers {
  readonly seed: number;
  readonly ns: readonly number[];
  readonly seeds: number;
}

/** The transport's work: per member an RK8 run of `n` zero-weight characteristics through the taped potentials (the Lagrangian solver's cost per point and stage). */
export function transportWork(members: PredictionMembers, M: number, times: readonly number[], dt: number): number {
  const points = members.ns.reduce((a, n) => a + n, 0) * members.seeds;
  return lagrangianWork(points, M, stepsTo(times, dt));
}

/** The transport's tape (`solver/linearResponseTransport.ts`): per recorded time `T`, `ν` at every stage of its `⌈T/dt⌉` steps, `2(2M + 1)(M + 1)` doubles each. */
export function transportTapeBytes(M: number, times: readonly number[], dt: number): number {
  const stageSteps = times.reduce((a, t) => a + stepsTo([t], dt), 0) * RK8_STAGES;
  return 8 * 2 * stageSteps * (2 * M + 1) * (M + 1);
}

export function computeCltPrediction(problem: TorusProblem, law: InitialLaw, times: readonly number[], settings: PredictionSettings,
  onProgress?: (done: number, total: number, what: string) => void, members?: PredictionMembers): CltPredictionRecord {
  const started = performance.now();
  const hooksFor = (ny: number, nc: number): { onProgress: (d: number, t: number) => void } => ({ onProgress: (d, t) => onProgress?.(d, t, `prediction ${ny}×${nc}`) });
  const run = (ny: number, nc: number, dt: number): ReturnType<typeof predictCltPrefactor> => predictCltPrefactor(problem, law, { ny, nc, times, dt }, hooksFor(ny, nc));
  const transported = settings.control === 'transport' && law.sigmaC > 0 && members;
  let linear: MemberLinearResponses | null = null;
  let main: ReturnType<typeof predictCltPrefactor>;
  if (transported) {
    const { predictions, transport } = predictCltPrefactorWithTransport(problem, law, { ny: settings.ny, nc: settings.nc, times, dt: settings.dt }, hooksFor(settings.ny, settings.nc));
    main = predictions;
    linear = memberLinearResponses(transport, law, members, times.length, (d, t) => onProgress?.(d, t, 'linear responses (transport)'));
  } else {
    main = run(settings.ny, settings.nc, settings.dt);
  }
  const check = settings.check ? run(settings.check.ny, settings.check.nc, settings.check.dt ?? settings.dt) : null;
  return {
    settings,
    times,
    total: main.map((p) => p.total),
    perMode: main.map((p) => Array.from(p.perMode)),
    checkTotal: check ? check.map((p) => p.total) : null,
    linearRegime: law.cMean === 0 ? times.map((t) => linearRegimeCltPrefactor(problem, law, t).total) : null,
    influence: main.every((p) => p.influence !== null)
      ? { M: problem.M, cMean: law.cMean, sigmaC: law.sigmaC, degree: settings.nc - 1, tables: main.map((p) => p.influence!) }
      : null,
    ...(linear ? { linear } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Every member's `δ_lin` by the transport, its initial particles drawn again from its stream (`runParticles` draws them first). */
function memberLinearResponses(transport: LinearResponseTransport, law: InitialLaw, members: PredictionMembers, T: number,
  onProgress: (done: number, total: number) => void): MemberLinearResponses {
  const started = performance.now();
  const nMax = Math.max(...members.ns);
  const y = new Float64Array(nMax);
  const c = new Float64Array(nMax);
  const out = Array.from({ length: T }, () => new Float64Array(2 * (transport.M + 1)));
  const values: number[][][][] = Array.from({ length: T }, () => members.ns.map(() => []));
  const total = members.ns.length * members.seeds;
  let done = 0;
  members.ns.forEach((n, ni) => {
    for (let r = 0; r < members.seeds; r++) {
      sampleInitialLaw(law, n, new Rng(members.seed, memberStream(n, r)), y, c);
      transport.linearResponses(y, c, n, out);
      for (let k = 0; k < T; k++) values[k]![ni]!.push(Array.from(out[k]!));
      onProgress(++done, total);
    }
  });
  return { ns: members.ns, seeds: members.seeds, values, seconds: (performance.now() - started) / 1000 };
}

export interface PrefactorComparison {
  readonly t: number;
  readonly predicted: number;
  /** Mean of `n·E‖f_n − f₀‖²` over the pooled rungs, its standard error and 95% interval. */
  readonly measured: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** The rungs pooled: the upper half of the ladder, where the O(1/n) corrections are smallest. */
  readonly pooledNs: readonly number[];
  /** False where `predicted / n` is below the resolution floor (the reference's own error, double rounding): nothing to compare. */
  readonly resolvable: boolean;
  readonly agrees: boolean;
  /** True when the pooled means are the controlled ones (`CellMetrics.controlled`). */
  readonly controlled: boolean;
  /**
   * `P = lim n·E‖f_n − f₀‖²` extrapolated by the fit `P/n + Q/n²` on the rungs `n ≥ 10·n×` from
   * their controlled means (so that the `Q/n` a pooled mean carries is removed), with bootstrap
   * intervals; null without controls or with fewer than 3 such rungs.
   */
  readonly extrapolated?: PrefactorExtrapolation | null;
  /** `|prediction − its check on another quadrature|`, the prediction's own error as estimated; null without a check. */
  readonly predictionError?: number | null;
}

export interface PrefactorExtrapolation {
  readonly P: BootstrapInterval;
  readonly Q: BootstrapInterval;
  /** The rungs fitted, and the whole-ladder `n×` (upper end) that chose them. */
  readonly rungs: readonly number[];
  readonly crossover: number;
}

/** What `comparePrefactor` reads of a cell (`CellMetrics`). */
export interface PrefactorCell {
  readonly n: number;
  readonly t: number;
  readonly mse: number;
  readonly mseStandardError: number;
  readonly controlled?: { readonly mse: number; readonly standardError: number } | null;
}

/**
 * Per time: the pooled `n·E‖f_n − f₀‖²` over the upper half of the `n`-ladder (members of
 * different `n` are independent, so the standard errors add in quadrature) against the prediction.
 * `floor[k]` is the smallest squared error the study resolves at time `k`.
 */
export function comparePrefactor(ns: readonly number[], cells: readonly PrefactorCell[],
  prediction: CltPredictionRecord, floor: readonly number[], extrapolated: readonly (PrefactorExtrapolation | null)[] = []): PrefactorComparison[] {
  const pooledNs = ns.slice(Math.floor(ns.length / 2));
  const nTop = ns[ns.length - 1]!;
  return prediction.times.map((t, k) => {
    const rows = cells.filter((c) => c.t === t && pooledNs.includes(c.n));
    // the controlled means where the members have their linear responses (a variance hundreds of times smaller)
    const mean = (c: PrefactorCell): number => c.controlled?.mse ?? c.mse;
    const se = (c: PrefactorCell): number => c.controlled?.standardError ?? c.mseStandardError;
    const measured = rows.reduce((a, c) => a + c.n * mean(c), 0) / rows.length;
    const standardError = Math.sqrt(rows.reduce((a, c) => a + (c.n * se(c)) ** 2, 0)) / rows.length;
    const predicted = prediction.total[k]!;
    const lower = measured - 1.96 * standardError;
    const upper = measured + 1.96 * standardError;
    const resolvable = predicted / nTop > floor[k]!;
    return {
      // within the interval, or equal to its ends to rounding (at t = 0 the controlled interval has no width)
      t, predicted, measured, standardError, lower, upper, pooledNs, resolvable,
      agrees: predicted >= lower - 1e-12 * Math.abs(predicted) && predicted <= upper + 1e-12 * Math.abs(predicted),
      controlled: rows.every((c) => c.controlled !== null && c.controlled !== undefined),
      extrapolated: extrapolated[k] ?? null,
      predictionError: prediction.checkTotal ? Math.abs(predicted - prediction.checkTotal[k]!) : null,
    };
  });
}

/**
 * What a GD/SGD study measures, as data: the vocabulary between `measureStudy.ts` (which computes
 * it from the members and the reference) and `compare/verdicts/` (which decides the propositions from it
 * and computes nothing). Each type says what it holds and which equation it estimates; the two
 * protocol definitions shared by both sides (the CLT's times, which rungs are asymptotic) live here
 * so that neither side restates them.
 */
import type { BootstrapInterval, SlopeInterval } from '../statistics/bootstrap.ts';
import type { GaussianityResult } from '../statistics/gaussianity.ts';
import type { PrefactorComparison } from './prediction.ts';
import type { ControlMethod, GrowingSchedule, StudySpec } from './studySpec.ts';
import type { Measurement } from '../statistics/measurement.ts';

/** The CLT's slope and Gaussianity are primary verdicts at these times when they are recorded. */
export const CLT_TIMES: readonly number[] = [0, 1, 10];

/** Rungs count as asymptotic when `n ≥ CROSSOVER_MARGIN · n×` (upper end of its interval). */
export const CROSSOVER_MARGIN = 10;

export interface CellMetrics {
  readonly n: number;
  readonly t: number;
  /** `E‖f_n − f₀‖²` over the seeds and its standard error. */
  readonly mse: number;
  readonly mseStandardError: number;
  /** `‖f̄_n − f₀‖² − variance/R`: an unbiased estimate of the squared bias (can be slightly negative). */
  readonly bias2: number;
  /** `E‖f_n − E f_n‖²` (unbiased, R − 1): needs no reference. */
  readonly variance: number;
  readonly nMse: number;
  readonly nVariance: number;
  /** Per mode m = 0..M: `E|f̂_n,m − f̂₀,m|²` times its Parseval weight (1 for m = 0, 2 otherwise). */
  readonly modeMse: number[];
  readonly lossMean: number;
  readonly w1y: number | null;
  readonly w1c: number | null;
  /** `E Σ_bins |ρ_n − ρ₀|` on the reference's coarse bins. */
  readonly binnedL1: number | null;
  /**
   * `E‖f_n − f₀‖²` with the members' linear responses as control variate (`linearControl.ts`,
   * `statistics/controlVariate.ts`): the estimate, its standard error, `β̂` and the variance
   * reduction `Var x / Var(x − β̂y)`; null without a prediction's influence.
   */
  readonly controlled: { readonly mse: number; readonly standardError: number; readonly beta: number; readonly reduction: number } | null;
}

/** What the control variate did at one time. */
export interface ControlVariateRecord {
  readonly t: number;
  /**
   * `n·E‖δ_lin‖²`, exact for the interpolated influence, the prediction (quadrature) beside it, and
   * their difference; for the transported responses the prediction itself (the difference 0).
   */
  readonly expected: number;
  /** Where the responses came from (`studySpec.ts`, `ControlMethod`); absent in files before the transport: the interpolant. */
  readonly method?: ControlMethod;
  readonly predicted: number;
  readonly expectedShortfall: number;
  /** Per rung of the ladder: `β̂` and the variance reduction. */
  readonly beta: readonly number[];
  readonly reduction: readonly number[];
  /** At the largest rung, per seed: `x = n‖f_n − f₀‖²` and its control `y = n‖δ_lin‖²` (the report plots one against the other). */
  readonly top: { readonly n: number; readonly x: readonly number[]; readonly y: readonly number[] };
}

export interface SlopeRecord extends SlopeInterval {
  readonly t: number;
  readonly quantity: string;
  /** True when the slope is of controlled means (`CellMetrics.controlled`). */
  readonly controlled?: boolean;
}

/** `E‖f_n − f₀‖² = P/n + Q/n²` at one time, over the whole ladder (`statistics/twoTermFit.ts`). */
export interface TwoTermRecord {
  readonly t: number;
  readonly P: BootstrapInterval;
  readonly Q: BootstrapInterval;
  /** `n× = |Q|/P`, the `n` below which the `n^{-2}` term dominates. */
  readonly crossover: BootstrapInterval;
  /** False where the errors are at the resolution floor (the reference's error, rounding): the fit means nothing. */
  readonly resolvable: boolean;
}

/** One projection `√n (Re or Im f̂_n,m − f̂₀,m)` at the largest rung and its normality tests. */
export interface GaussianityRecord {
  readonly t: number;
  readonly n: number;
  readonly mode: number;
  readonly part: 're' | 'im';
  readonly result: GaussianityResult;
  /** The upper end of the mode's own `n× = |Q_m|/P_m` (0 at t = 0, where `Q = 0`; null where it cannot be fitted; absent in older files). */
  readonly modeCrossover?: number | null;
  /** What the linear response leaves of this projection (members with controls; null without, absent in older files). */
  readonly residual?: GaussianityResidual | null;
}

/**
 * A projection `x = √n (f_n − f₀)` against its linear part `√n δ_lin` (`linearControl.ts`), an exact
 * normalised sum of `n` i.i.d. terms: the residual `r = x − √n δ_lin` is what the CLT's limit
 * (the linear response of the initial fluctuation) says tends to 0.
 */
export interface GaussianityResidual {
  /** `ε = √(E r² / E x²)` over seeds, with its bootstrap interval: a bound on the relative W2 distance between the laws of `x` and `√n δ_lin`. */
  readonly ratio: BootstrapInterval;
  /** The skewness and excess kurtosis of `√n δ_lin`'s projection at this `n`: one term's (`influenceShape`) over `√n` and `n`. */
  readonly linearSkewness: number;
  readonly linearExcessKurtosis: number;
  /**
   * The skewness and excess kurtosis of `x` with `√n δ_lin` as control variate: the sample value of
   * `x` minus that of `√n δ_lin` on the same seeds, plus `√n δ_lin`'s own (above); bootstrap over seeds.
   */
  readonly skewness: BootstrapInterval;
  readonly excessKurtosis: BootstrapInterval;
  /** `U`: the linear part's shape is that of terms zeroed where `|c − c̄| > U·σ_c` (`influenceShape`). */
  readonly shapeCutoff: number;
  /** The chance that a particle of some seed lies there, where the shape does not hold: `R·n·P(|u| > U)`. */
  readonly outsideProbability: number;
}

export interface ReferenceCheck {
  readonly t: number;
  readonly referenceSquaredError: number;
  readonly smallestMse: number;
  readonly ratio: number;
}

export interface PrefactorDecay {
  /** The last time where the prefactor is resolvable, and `P(t)/P(0)` there with its interval (stratified bootstrap over seeds). */
  readonly t: number;
  readonly ratio: Measurement;
  readonly predictedRatio: number | null;
  /** Per mode `m ≤ min(M, 4)`: `P_m(t)/P_m(0)` measured and predicted, and the upper end of the mode's own `n×_m` at `t` (null: not fitted). */
  readonly perMode: readonly { readonly mode: number; readonly ratio: Measurement; readonly predictedRatio: number | null; readonly modeCrossover?: number | null }[];
  /** The rungs pooled (the upper half of the ladder). */
  readonly pooledNs: readonly number[];
}

/** When each rung heals (`healingTime.ts`). */
export interface HealingTime {
  /** Per rung: the first time `n×(t) ≥ n`, or null if none is resolved in the recorded times. */
  readonly perN: readonly { readonly n: number; readonly t: number | null }[];
  /** Least-squares slope of `t_h` against `log n` (null with fewer than 2 crossings). */
  readonly slope: number | null;
  /** The decay rate `λ` of `P(t) ∝ e^{−2λt}` fitted over its last three resolved times, and where it comes from. */
  readonly lambda: number | null;
  readonly lambdaSource: 'prediction' | 'measured' | null;
  /** `1/(2λ)`: the slope if `Q` did not decay at all. */
  readonly predictedSlope: number | null;
  /** The decay rate `μ` of the fitted `Q(t) ∝ e^{−μt}` (same late-time fit), and `1/(2λ − μ)`, the slope when `Q` decays too. */
  readonly qDecayRate: number | null;
  readonly slopeWithQDecay: number | null;
}

export interface ScheduleResult {
  readonly schedule: GrowingSchedule;
  readonly text: string;
  /** Per rung: `a_n` and `a_n / log n`. */
  readonly times: readonly number[];
  readonly ratioToLog: readonly number[];
  /** Per rung: `E‖f_n(a_n) − f‖²`, `E‖f_n(a_n) − f₀(a_n)‖²`, and the reference's `‖f₀(a_n) − f‖²`. */
  readonly meanVsTarget: readonly number[];
  readonly meanVsF0: readonly number[];
  readonly meanFieldBias: readonly number[];
  /** Slopes in `n` with intervals (null where a rung is at the resolution floor). */
  readonly vsTarget: SlopeInterval | null;
  readonly vsF0: SlopeInterval | null;
  /** Least-squares slope of the deterministic `‖f₀(a_n) − f‖²` (null where it is at the floor). */
  readonly meanFieldBiasSlope: number | null;
  /** Per mode `m ≤ min(M, 4)`: the slope of `E|f̂_n,m(a_n) − f̂₀,m(a_n)|²` (which modes have healed). */
  readonly perModeVsF0: readonly { readonly mode: number; readonly slope: SlopeInterval | null }[];
  /**
   * The slope along the schedule of the linearised fluctuation `P_lin(a_n)/n`, `P_lin(t) = Σ_m σ_c²|ψ̂_m|²
   * e^{−2λ_m t}` (the closed form of `solver/linearFluctuation.ts`; null when `c̄ ≠ 0`): what the theory
   * predicts for the `n^{-1}` term at these `n`, mode by mode, including the slow ones.
   */
  readonly linearSlope: number | null;
}

/** Prop. 3.3's growing-time schedules, measured (`asymptoticSchedules.ts`). */
export interface AsymptoticAnalysis {
  readonly lambda: number;
  readonly lambdaSource: string;
  /** `1/(2λ)`: the `κ` above which `a_n = κ log n` heals the fluctuation. */
  readonly healingScale: number;
  readonly schedules: readonly ScheduleResult[];
}

/** The CLT slope at one time on the rungs above the crossover (the whole ladder when it is all asymptotic or too short). */
export interface CltRegimeSlope {
  readonly slope: SlopeInterval;
  /** The rungs `n ≥ CROSSOVER_MARGIN · n×`, and whether there are enough of them to measure a slope on. */
  readonly rungs: readonly number[];
  readonly inRegime: boolean;
}

/** Per time (null at t = 0): the slopes of the batch noise and of the squared loss deviation. */
export type SgdSlopes = readonly ({ readonly noise: SlopeInterval; readonly lossDeviation: SlopeInterval } | null)[];

/** What the SGD rows read besides the slopes per time. */
export interface SgdMeasurements {
  readonly slopes: SgdSlopes;
  /** Pooled batch noise with the quench over the same runs without it, at the latest time; null without a quench. */
  readonly quenchRatio: Measurement | null;
  /** The slope of `E‖f_n(T) − f‖²` against the target at the latest time `T`, and the reference's `‖f₀(T) − f‖²`. */
  readonly vsTarget: SlopeInterval;
  readonly meanFieldDistance: number;
}

/** Everything a GD/SGD study measured; the verdicts read only this. */
export interface StudyMeasurements {
  readonly spec: StudySpec;
  readonly M: number;
  readonly cells: CellMetrics[];
  /** Per time: the smallest squared error the study resolves (10× the reference's error, double rounding of ‖f₀‖²). */
  readonly floor: readonly number[];
  /** Every per-time slope with its interval (each on the bootstrap stream its quantity and time name). */
  readonly slopes: SlopeRecord[];
  /** Per time: the slope of `E‖f_n − f₀‖²` over the whole ladder. */
  readonly mseSlopes: readonly SlopeRecord[];
  /** Per time: W1 of the marginals and binned L1 of the joint law (LLN studies with marginals), else null. */
  readonly distanceSlopes: readonly (readonly SlopeRecord[])[] | null;
  readonly twoTerm: TwoTermRecord[];
  readonly gaussianity: GaussianityRecord[];
  readonly referenceCheck: ReferenceCheck[];
  /** Measured `n·E‖f_n − f₀‖²` (pooled over the upper half of the ladder) against the prediction; null without one. */
  readonly prefactor: PrefactorComparison[] | null;
  /** `P(t)/P(0)`, total and per mode, measured and predicted (Prop. 3.2's `f½(t) → 0`); null without t = 0. */
  readonly prefactorDecay: PrefactorDecay | null;
  /** When each `n` heals: the time its `n^{-1}` term falls below the `n^{-2}` one; null where no crossing is resolved. */
  readonly healingTime: HealingTime | null;
  /** Prop. 3.3 on the study's growing-time schedules; null for a study without them. */
  readonly asymptotic: AsymptoticAnalysis | null;
  /** Per time: the CLT slope on the asymptotic rungs, null at a time with no CLT slope row (`cltSlopeTimes`). */
  readonly cltSlopes: readonly (CltRegimeSlope | null)[];
  readonly sgd: SgdMeasurements | null;
  /** Per time, the control variate's expectation and reduction; null when the members had none. */
  readonly controlVariate: ControlVariateRecord[] | null;
}

/**
 * Rungs at or above `CROSSOVER_MARGIN · n×` (upper end of its interval). All of them at t = 0: there
 * `f_n − f₀` is a mean of n i.i.d. terms and `E‖f_n − f₀‖² = P/n` exactly (`Q = 0`).
 */
export function asymptoticRungs(ns: readonly number[], fit: TwoTermRecord | undefined): number[] {
  if (!fit || fit.t === 0) return [...ns];
  return ns.filter((n) => n >= CROSSOVER_MARGIN * fit.crossover.upper);
}

/**
 * Whether time `k` has a CLT slope row: primary at `CLT_TIMES` in a CLT study, descriptive at every
 * time of a healing study without schedules (a schedule study records many times for its `a_n`;
 * their slopes stay in the analysis), and never where the two-term fit is at the resolution floor.
 */
export function hasCltSlope(spec: StudySpec, t: number, fit: TwoTermRecord | undefined): boolean {
  const primary = spec.claims.includes('clt') && CLT_TIMES.includes(t);
  if (!primary && (!spec.claims.includes('healing') || spec.schedules)) return false;
  return !(fit && !fit.resolvable);
}

/**
 * The mean of per-seed values `x` with a control variate: per-seed values `y` of the same members
 * whose expectation `μ` is known exactly. The estimator
 *
 *     x̄ − β̂ (ȳ − μ),    β̂ = Ĉov(x, y) / V̂ar(y)
 *
 * is consistent for `E x` whatever `y` is, and its variance is `Var(x)(1 − ρ²)/R` to first order in
 * `1/R`, with `ρ = corr(x, y)`: with the linearised flow's `‖δ_lin‖²` as `y` (`ρ ≈ 0.999`) it is the
 * plain mean's variance divided by hundreds. `β̂` from the same seeds adds an `O(1/R)` bias, which the
 * percentile bootstrap sees because `β̂` is re-estimated inside every resample (`controlledMean`
 * takes the resample's indices). Reference: Glasserman, *Monte Carlo Methods in Financial
 * Engineering* (2004), §4.1 (control variates, the estimated coefficient and its bias).
 *
 * With no control (`y` null), or with fewer than `MIN_CONTROLLED_SEEDS` seeds or a `y` without
 * spread in the sample, it is the plain mean.
 */
import { bootstrapStratified, type BootstrapInterval, type BootstrapOptions } from './bootstrap.ts';
import { logLogSlopeWeights } from './logLogFit.ts';

/** Below this many seeds `β̂` is left out (its own noise would dominate). */
export const MIN_CONTROLLED_SEEDS = 4;

/** Per-seed values and, optionally, their control with its exact mean. */
export interface ControlledSample {
  readonly x: Float64Array;
  readonly control: { readonly y: Float64Array; readonly mean: number } | null;
}

/**
 * The controlled mean over the seeds `pick` (all of them when absent) into `out[0]`, its `β̂` into
 * `out[1]`. Allocates nothing: bootstrap replicates call it for every level.
 */
export function controlledMeanInto(s: ControlledSample, pick: Int32Array | undefined, out: Float64Array): void {
  const R = pick ? pick.length : s.x.length;
  const x = s.x;
  let mx = 0;
  for (let r = 0; r < R; r++) mx += x[pick ? pick[r]! : r]!;
  mx /= R;
  const c = s.control;
  out[0] = mx;
  out[1] = 0;
  if (!c || R < MIN_CONTROLLED_SEEDS) return;
  const y = c.y;
  let my = 0;
  for (let r = 0; r < R; r++) my += y[pick ? pick[r]! : r]!;
  my /= R;
  let sxy = 0;
  let syy = 0;
  for (let r = 0; r < R; r++) {
    const k = pick ? pick[r]! : r;
    const dy = y[k]! - my;
    sxy += (x[k]! - mx) * dy;
    syy += dy * dy;
  }
  if (!(syy > 0)) return;
  const beta = sxy / syy;
  out[0] = mx - beta * (my - c.mean);
  out[1] = beta;
}

const PAIR = new Float64Array(2);

/** The controlled mean over the seeds `pick` (all when absent), allocation-free. */
export function controlledMean(s: ControlledSample, pick?: Int32Array): number {
  controlledMeanInto(s, pick, PAIR);
  return PAIR[0]!;
}

/** The controlled mean over the seeds `pick` (all of them when absent), and its `β̂`. */
export function controlledMeanOf(s: ControlledSample, pick?: Int32Array): { estimate: number; beta: number } {
  controlledMeanInto(s, pick, PAIR);
  return { estimate: PAIR[0]!, beta: PAIR[1]! };
}

export interface ControlledSummary {
  readonly estimate: number;
  /** Standard error from the residuals `x − β̂y` (divisor `R − 2`: two fitted constants). */
  readonly standardError: number;
  readonly beta: number;
  /** `V̂ar(x) / V̂ar(x − β̂y)`: how many times fewer seeds the controlled mean needs (1 without a control). */
  readonly reduction: number;
  /** The plain mean and its standard error, for comparison. */
  readonly plain: number;
  readonly plainStandardError: number;
}

export function controlledSummary(s: ControlledSample): ControlledSummary {
  const R = s.x.length;
  const { estimate, beta } = controlledMeanOf(s);
  let mx = 0;
  for (let r = 0; r < R; r++) mx += s.x[r]!;
  mx /= R;
  let sxx = 0;
  for (let r = 0; r < R; r++) sxx += (s.x[r]! - mx) ** 2;
  const plainVariance = R > 1 ? sxx / (R - 1) : 0;
  const plainStandardError = Math.sqrt(plainVariance / R);
  const c = s.control;
  if (!c || beta === 0) return { estimate, standardError: plainStandardError, beta, reduction: 1, plain: mx, plainStandardError };
  let my = 0;
  for (let r = 0; r < R; r++) my += c.y[r]!;
  my /= R;
  let sres = 0;
  for (let r = 0; r < R; r++) sres += (s.x[r]! - mx - beta * (c.y[r]! - my)) ** 2;
  const residualVariance = sres / (R - 2);
  return {
    estimate, standardError: Math.sqrt(residualVariance / R), beta,
    reduction: residualVariance > 0 ? plainVariance / residualVariance : Infinity,
    plain: mx, plainStandardError,
  };
}

/**
 * The stratified bootstrap of the log-log slope of the controlled means over the levels `x` (as
 * `bootstrapLogLogSlope` for plain means), `β̂` re-estimated in every level of every replicate.
 * Null when a controlled mean is not positive on the data or in a replicate (its log is undefined):
 * the caller then takes the plain slope.
 */
export function bootstrapControlledLogLogSlope(x: ArrayLike<number>, samples: readonly ControlledSample[], options: BootstrapOptions): BootstrapInterval | null {
  const weights = logLogSlopeWeights(x);
  let positive = true;
  const [iv] = bootstrapStratified(samples.map((s) => s.x.length), 1, (idx, out) => {
    let slope = 0;
    for (let k = 0; k < samples.length; k++) {
      const m = controlledMean(samples[k]!, idx[k]!);
      if (!(m > 0)) positive = false;
      slope += weights[k]! * Math.log(Math.max(m, Number.MIN_VALUE));
    }
    out[0] = slope;
  }, options);
  return positive ? iv! : null;
}

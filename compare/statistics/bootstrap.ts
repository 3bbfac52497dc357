/**
 * Seeded percentile-bootstrap confidence intervals over ensemble members (seeds): for a mean, and
 * for the exponent of a power law fitted across levels (e.g. `E‖f_n − f₀‖² ∝ n^a` over several `n`).
 *
 * Why the bootstrap: the exponent is a nonlinear function (log of a mean, then a regression) of
 * heavy-tailed per-seed values (squared errors are roughly chi-square), so a normal-theory interval
 * from the regression residuals would be unreliable with few levels; resampling seeds propagates the
 * seed-to-seed scatter honestly. Percentile interval: Efron & Tibshirani, *An Introduction to the
 * Bootstrap* (1993), ch. 13. The levels are independent ensembles, so seeds are resampled
 * independently within each level (stratified resampling of several samples: Davison & Hinkley,
 * *Bootstrap Methods and their Application* (1997), ch. 3).
 *
 * Reproducibility: every draw comes from `new Rng(seed, stream)` (`model/rng.ts`), replicate by
 * replicate, level by level, so a `(seed, stream)` gives the same interval on every machine.
 * Quantiles of the replicates are Hyndman & Fan's type 7 (linear interpolation between order
 * statistics; R's default). Buffers are allocated once per call, not per replicate.
 */
import { Rng } from '../../model/rng.ts';
import { logLogSlopeWeights } from './logLogFit.ts';

export interface BootstrapOptions {
  /** The seed of the resampling generator (required, so every interval is reproducible). */
  readonly seed: number;
  /** The stream of that seed (default 0). */
  readonly stream?: number;
  /** Number of bootstrap replicates `B` (default 2000). */
  readonly B?: number;
  /** The same as `B` (the name of the result's field); give one or the other. */
  readonly replicates?: number;
  /** Coverage of the two-sided interval, in (0, 1) (default 0.95). */
  readonly level?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original data (not the mean of the replicates). */
  readonly estimate: number;
  /** The `(1 − level)/2` and `(1 + level)/2` quantiles of the replicates. */
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  /** Number of replicates `B`. */
  readonly replicates: number;
  /** Standard deviation of the replicates (divisor `B − 1`). */
  readonly standardError: number;
}

/** The interval of a log-log slope (`bootstrapLogLogSlope`). */
export type SlopeInterval = BootstrapInterval;

const DEFAULT_B = 2000;
const DEFAULT_LEVEL = 0.95;

function resolveOptions(options: BootstrapOptions, caller: string): { B: number; level: number; rng: Rng } {
  if (options.B !== undefined && options.replicates !== undefined && options.B !== options.replicates) {
    throw new RangeError(`${caller}: B = ${options.B} and replicates = ${options.replicates} disagree`);
  }
  const B = options.B ?? options.replicates ?? DEFAULT_B;
  const level = options.level ?? DEFAULT_LEVEL;
  if (!Number.isSafeInteger(B) || B < 2) throw new RangeError(`${caller}: B = ${B} must be an integer ≥ 2`);
  if (!(level > 0 && level < 1)) throw new RangeError(`${caller}: level = ${level} must be in (0, 1)`);
  return { B, level, rng: new Rng(options.seed, options.stream ?? 0) };
}

/** Type-7 quantile `p ∈ [0, 1]` of sorted values. */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Sorts the replicates in place and summarises them as a percentile interval around `estimate`. */
function percentileInterval(estimate: number, replicates: Float64Array, level: number): BootstrapInterval {
  const B = replicates.length;
  let mean = 0;
  for (let b = 0; b < B; b++) mean += replicates[b]!;
  mean /= B;
  let ss = 0;
  for (let b = 0; b < B; b++) ss += (replicates[b]! - mean) ** 2;
  replicates.sort();
  return {
    estimate,
    lower: sortedQuantile(replicates, (1 - level) / 2),
    upper: sortedQuantile(replicates, (1 + level) / 2),
    level,
    replicates: B,
    standardError: Math.sqrt(ss / (B - 1)),
  };
}

function checkFinite(v: number, what: string, caller: string): void {
  if (!Number.isFinite(v)) throw new RangeError(`${caller}: ${what} = ${v} is not finite`);
}

/**
 * Percentile bootstrap interval for the mean of `values` (resampling the values with replacement).
 *
 * @throws RangeError for an empty or non-finite sample, or bad options.
 */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions): BootstrapInterval {
  const caller = 'bootstrapMeanInterval';
  const { B, level, rng } = resolveOptions(options, caller);
  const n = values.length;
  if (n === 0) throw new RangeError(`${caller}: no values`);
  const data = Float64Array.from(values);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    checkFinite(data[i]!, `values[${i}]`, caller);
    sum += data[i]!;
  }
  const replicates = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += data[Math.floor(rng.uniform() * n)]!;
    replicates[b] = s / n;
  }
  return percentileInterval(sum / n, replicates, level);
}

/**
 * Stratified percentile bootstrap for the exponent `a` of `mean_r v_{k,r} ∝ x_k^a`: the statistic is
 * the OLS slope (`fitLogLog`) of `log(mean_r v_{k,r})` against `log x_k`, and each replicate
 * resamples the `R_k` seeds of every level `k` with replacement, independently across levels.
 *
 * @param x the level abscissae (e.g. the `n` of each ensemble), finite, `> 0`, at least 2 distinct.
 * @param values `values[k]` holds the per-seed values `v_{k,r}` of level `k` (e.g. a squared error
 *   per seed): finite, `≥ 0`, with a positive mean in every level.
 * @throws RangeError naming the bad level or value; also if a replicate resamples a level to a zero
 *   mean (the log is then undefined: too many exact zeros for this statistic).
 */
export function bootstrapLogLogSlope(
  x: ArrayLike<number>,
  values: ReadonlyArray<ArrayLike<number>>,
  options: BootstrapOptions,
): BootstrapInterval {
  const caller = 'bootstrapLogLogSlope';
  const { B, level, rng } = resolveOptions(options, caller);
  const K = x.length;
  if (values.length !== K) throw new RangeError(`${caller}: ${K} levels in x but ${values.length} in values`);
  const weights = logLogSlopeWeights(x);
  // flatten the levels into one buffer
  const offsets = new Int32Array(K + 1);
  for (let k = 0; k < K; k++) {
    const R = values[k]!.length;
    if (R === 0) throw new RangeError(`${caller}: level ${k} (x = ${x[k]}) has no values`);
    offsets[k + 1] = offsets[k]! + R;
  }
  const flat = new Float64Array(offsets[K]!);
  let estimate = 0;
  for (let k = 0; k < K; k++) {
    const levelValues = values[k]!;
    let sum = 0;
    for (let r = 0; r < levelValues.length; r++) {
      const v = levelValues[r]!;
      if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${caller}: values[${k}][${r}] = ${v} must be finite and ≥ 0`);
      flat[offsets[k]! + r] = v;
      sum += v;
    }
    if (!(sum > 0)) throw new RangeError(`${caller}: level ${k} (x = ${x[k]}) has mean 0; its log is undefined`);
    estimate += weights[k]! * Math.log(sum / levelValues.length);
  }
  const replicates = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let slope = 0;
    for (let k = 0; k < K; k++) {
      const start = offsets[k]!;
      const R = offsets[k + 1]! - start;
      let s = 0;
      for (let r = 0; r < R; r++) s += flat[start + Math.floor(rng.uniform() * R)]!;
      if (!(s > 0)) throw new RangeError(`${caller}: replicate ${b} resampled level ${k} (x = ${x[k]}) to a zero mean`);
      slope += weights[k]! * Math.log(s / R);
    }
    replicates[b] = slope;
  }
  return percentileInterval(estimate, replicates, level);
}

/**
 * Stratified percentile bootstrap of a vector statistic: each replicate resamples, independently
 * per level `k`, `sizes[k]` indices with replacement and hands them to `statistic`, which writes
 * its `dimension` values into `out`. The estimate is the statistic on the identity indices. For
 * statistics of several quantities measured on the same members (a ratio of two times, a fit's
 * coefficients), which the members' correlation makes unsuitable for intervals combined by hand.
 *
 * @throws RangeError for an empty level, bad options, or a non-finite estimate.
 */
export function bootstrapStratified(
  sizes: readonly number[],
  dimension: number,
  statistic: (indices: readonly Int32Array[], out: Float64Array) => void,
  options: BootstrapOptions,
): BootstrapInterval[] {
  const caller = 'bootstrapStratified';
  const { B, level, rng } = resolveOptions(options, caller);
  sizes.forEach((R, k) => {
    if (!(Number.isInteger(R) && R > 0)) throw new RangeError(`${caller}: level ${k} has ${R} members`);
  });
  const indices = sizes.map((R) => Int32Array.from({ length: R }, (_, r) => r));
  const estimate = new Float64Array(dimension);
  statistic(indices, estimate);
  estimate.forEach((v, d) => checkFinite(v, `estimate[${d}]`, caller));
  const replicates = Array.from({ length: dimension }, () => new Float64Array(B));
  const out = new Float64Array(dimension);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < sizes.length; k++) {
      const idx = indices[k]!;
      const R = idx.length;
      for (let r = 0; r < R; r++) idx[r] = Math.floor(rng.uniform() * R);
    }
    statistic(indices, out);
    for (let d = 0; d < dimension; d++) replicates[d]![b] = out[d]!;
  }
  return replicates.map((rep, d) => percentileInterval(estimate[d]!, rep, level));
}

/**
 * Bootstrap options for one study: its seed, replicates and level, and for each interval a stream
 * named by what it resamples (`streams.for('slope', 'mse', t)`): the stream is `2^52 + FNV-1a(key)`,
 * disjoint from the members' streams `r·2^24 + n`. So an interval depends on its own data and name
 * only: adding a recorded time, a claim or a mode leaves every other interval bit for bit as it was,
 * whatever order the measuring code takes them in.
 */
export class BootstrapStreams {
  constructor(readonly seed: number, readonly replicates: number, readonly level: number) {}

  /** The options of the interval named `key` (e.g. `'slope', 'mse', 10`). */
  for(...key: readonly (string | number)[]): BootstrapOptions {
    return { replicates: this.replicates, level: this.level, seed: this.seed, stream: KEYED_STREAM_BASE + fnv1a32(key.join('|')) };
  }
}

const KEYED_STREAM_BASE = 2 ** 52;

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` (Fowler, Noll & Vo). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}


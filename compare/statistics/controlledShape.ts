/**
 * The skewness and excess kurtosis of a per-seed sample `x` with a control variate: per-seed values
 * `l` of the same members whose law's skewness `s_l` and excess kurtosis `k_l` are known exactly.
 * The difference estimators
 *
 *     ŝ(x) − ŝ(l) + s_l,    k̂(x) − k̂(l) + k_l
 *
 * are consistent for the skewness and excess kurtosis of `x` whatever `l` is; when `x − l` is small
 * the sample moments of `x` and `l` err together, and the interval shrinks with `‖x − l‖/‖x‖`
 * rather than with `1/√R` alone (`ŝ(x)` by itself has standard error `√(6/R)` for a Gaussian
 * sample). With the linear response `√n δ_lin` of a particle run as `l`, this is the Gaussianity row's
 * control variate (Prop. 3.2; `compare/verdicts/prop32Clt.ts`). Intervals: a percentile bootstrap over
 * seeds, every sample of one call resampled together (they share their members).
 */
import { bootstrapStratified, type BootstrapInterval, type BootstrapOptions } from './bootstrap.ts';
import { centralSumsInto } from './sampleStatistics.ts';

/** One projection: per-seed `x` and its control `l` (same length), and `l`'s exact shape. */
export interface ShapeSample {
  readonly x: Float64Array;
  readonly l: Float64Array;
  readonly controlSkewness: number;
  readonly controlExcessKurtosis: number;
}

export interface ControlledShape {
  /** `‖x − l‖/‖x‖` over the seeds (root mean squares): how much of `x` the control leaves. */
  readonly residual: BootstrapInterval;
  readonly skewness: BootstrapInterval;
  readonly excessKurtosis: BootstrapInterval;
}

/**
 * The controlled shapes of every sample, in one bootstrap over the seeds.
 *
 * @throws RangeError for samples of different lengths, fewer than 3 seeds, or a non-finite value.
 */
export function controlledShapes(samples: readonly ShapeSample[], options: BootstrapOptions): ControlledShape[] {
  if (samples.length === 0) return [];
  const R = samples[0]!.x.length;
  if (R < 3) throw new RangeError(`controlledShapes: ${R} seeds; need at least 3`);
  samples.forEach((s, j) => {
    if (s.x.length !== R || s.l.length !== R) throw new RangeError(`controlledShapes: sample ${j} has ${s.x.length} values and ${s.l.length} controls; expected ${R} of each`);
    for (let r = 0; r < R; r++) {
      if (!Number.isFinite(s.x[r]!) || !Number.isFinite(s.l[r]!)) throw new RangeError(`controlledShapes: sample ${j}, seed ${r}: x = ${s.x[r]}, l = ${s.l[r]} must be finite`);
    }
  });
  const shape = new Float64Array(2);
  const intervals = bootstrapStratified([R], 3 * samples.length, ([pick], out) => {
    samples.forEach(({ x, l, controlSkewness, controlExcessKurtosis }, j) => {
      let rr = 0;
      let xx = 0;
      for (let s = 0; s < R; s++) {
        const v = x[pick![s]!]!;
        rr += (v - l[pick![s]!]!) ** 2;
        xx += v * v;
      }
      out[3 * j] = xx > 0 ? Math.sqrt(rr / xx) : 0;
      sampleShapeInto(x, pick!, shape);
      const sx = shape[0]!;
      const kx = shape[1]!;
      sampleShapeInto(l, pick!, shape);
      out[3 * j + 1] = sx - shape[0]! + controlSkewness;
      out[3 * j + 2] = kx - shape[1]! + controlExcessKurtosis;
    });
  }, options);
  return samples.map((_, j) => ({ residual: intervals[3 * j]!, skewness: intervals[3 * j + 1]!, excessKurtosis: intervals[3 * j + 2]! }));
}

/**
 * Sample skewness `m₃/m₂^{3/2}` and excess kurtosis `m₄/m₂² − 3` (central moments of divisor `R`,
 * as `gaussianityCheck`) of `values[pick]` into `out[0]`, `out[1]`; both 0 for a sample without spread.
 * Allocates nothing.
 */
export function sampleShapeInto(values: Float64Array, pick: Int32Array, out: Float64Array): void {
  const R = pick.length;
  centralSumsInto(values, pick, sums);
  if (!(sums[1]! > 0)) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const m2 = sums[1]! / R;
  out[0] = sums[2]! / R / m2 ** 1.5;
  out[1] = sums[3]! / R / (m2 * m2) - 3;
}

/** `sampleShapeInto`'s buffer (one per module: the function does not re-enter). */
const sums = new Float64Array(4);

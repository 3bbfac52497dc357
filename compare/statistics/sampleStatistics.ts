/** The sample mean, the unbiased sample variance and the standard error of the mean, shared by the studies. */

export function average(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** With `R − 1` in the denominator. */
export function sampleVariance(a: ArrayLike<number>): number {
  const m = average(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - m) ** 2;
  return s / (a.length - 1);
}

export function standardError(a: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(a) / a.length);
}

/**
 * The mean and the central sums `Σ d²`, `Σ d³`, `Σ d⁴` (`d` = value − mean) of `values`, or of
 * `values[pick]` (a bootstrap resample), into `out[0..3]`: the one pass behind every skewness and
 * kurtosis here (`gaussianityCheck`, `controlledShape.ts`). Allocates nothing.
 */
export function centralSumsInto(values: ArrayLike<number>, pick: Int32Array | null, out: Float64Array): void {
  const R = pick ? pick.length : values.length;
  let sum = 0;
  for (let s = 0; s < R; s++) sum += values[pick ? pick[s]! : s]!;
  const mean = sum / R;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let s = 0; s < R; s++) {
    const d = values[pick ? pick[s]! : s]! - mean;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  out[0] = mean;
  out[1] = s2;
  out[2] = s3;
  out[3] = s4;
}

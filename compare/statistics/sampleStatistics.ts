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

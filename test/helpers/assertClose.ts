import * as assert from 'uvu/assert';

/** Asserts `|actual − expected| <= atol + rtol·|expected|`, naming both numbers on failure. */
export function assertClose(actual: number, expected: number, rtol: number, atol = 0, what = 'value'): void {
  const err = Math.abs(actual - expected);
  const bound = atol + rtol * Math.abs(expected);
  if (!(err <= bound)) {
    assert.unreachable(`${what}: got ${actual}, expected ${expected} (error ${err.toExponential(3)} > bound ${bound.toExponential(3)})`);
  }
}

/** Largest relative difference `max |a−b| / max |b|` between two arrays. */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

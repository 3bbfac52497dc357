/**
 * The Wasserstein-1 distance between probability measures on the line, exact up to rounding, for
 * the LLN check `ρ_n(t) ⇀ ρ₀(t)` (docs/theory.md) on the `c`-marginal: the particles' `c` against the grid
 * solver's `c`-marginal on `[−L, L]`.
 *
 * `W₁(μ, ν) = ∫ |F(x) − G(x)| dx` with `F`, `G` the CDFs (Vallender, "Calculation of the Wasserstein
 * distance between probability distributions on the line", Theory Probab. Appl. 18 (1973)
 * 784–786). Samples and piecewise-constant densities both have piecewise-linear CDFs
 * (`cdfSweep.ts`), so the integral is summed exactly between merged breakpoints. Allocations per
 * call: a sorted copy of each sample (plus an index for a weighted one). The two conveniences at
 * the end take a solver marginal as it comes (cell values on `[a, b]`, or on `[0, 2π)` for `y`).
 */
import { absLinearIntegral, sweepOf, type Measure1D, type Sample } from './cdfSweep.ts';
import { wasserstein1Circle } from './wassersteinCircle.ts';

/**
 * `W₁(p, q) = ∫ |F_p − F_q| dx` on the line, exact up to rounding, for any two of: samples (equal
 * or given weights) and piecewise-constant densities on equal cells. Sample points outside a cell
 * density's `[a, b]` are allowed.
 *
 * @example
 * wasserstein1([0], [1]); // returns 1
 * wasserstein1([0.5], { density: [1], a: 0, b: 1 }); // returns 0.25
 * @throws RangeError for an empty or non-finite sample, negative or all-zero weights or density, or `b ≤ a`.
 */
export function wasserstein1(p: Measure1D, q: Measure1D): number {
  const P = sweepOf(p, 'wasserstein1', null);
  const Q = sweepOf(q, 'wasserstein1', null);
  let t = Math.min(P.knot(), Q.knot());
  let sum = 0;
  for (;;) {
    while (P.knot() <= t) P.advance();
    while (Q.knot() <= t) Q.advance();
    const next = Math.min(P.knot(), Q.knot());
    if (next === Infinity) return sum; // both CDFs are 1 from here on
    sum += absLinearIntegral(P.value(t) - Q.value(t), P.value(next) - Q.value(next), next - t);
    t = next;
  }
}

/**
 * `W₁` between a sample (e.g. the particles' `c`, equal weights) and a piecewise-constant density on
 * equal cells of `[a, b]` (e.g. the grid solver's `c`-marginal on `[−L, L]`): `wasserstein1` of the two.
 *
 * @example
 * wassersteinToDensity([0.5], [1, 1], 0, 1); // returns 0.25
 */
export function wassersteinToDensity(sample: Sample, density: ArrayLike<number>, a: number, b: number): number {
  return wasserstein1(sample, { density, a, b });
}

/**
 * `W₁` on the circle between a sample (e.g. the particles' `y`, taken modulo `period`) and a
 * piecewise-constant density on equal cells of `[0, period)` (e.g. the grid solver's `y`-marginal):
 * `wasserstein1Circle` of the two.
 *
 * @example
 * wassersteinCircleToDensity([Math.PI], [1, 1]); // returns π/2, the mean distance from a point to a uniform one
 */
export function wassersteinCircleToDensity(sample: Sample, density: ArrayLike<number>, period: number = 2 * Math.PI): number {
  return wasserstein1Circle(sample, { density, a: 0, b: period }, period);
}

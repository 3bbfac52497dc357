/**
 * The Wasserstein-1 distance on the circle, exact up to rounding, for the LLN check on the
 * `y`-marginal: the particles' `y` against the grid solver's `y`-marginal on `[0, 2π)`.
 *
 * With `F`, `G` the CDFs from a cut point, `W₁ = min_α ∫₀^P |F − G − α| dx` on a circle of length
 * `P`, attained at `α` = a median of `F − G` under Lebesgue measure (Cabrelli & Molter, "The
 * Kantorovich metric for probability measures on the circle", J. Comput. Appl. Math. 57 (1995)
 * 345–361; Rabin, Delon & Gousseau, "Transportation distances on the circle", J. Math. Imaging Vis.
 * 41 (2011) 147–167). `F − G` is linear between merged breakpoints (`cdfSweep.ts`); it is stored on
 * those pieces and the median is found by bisection on the derivative of the convex function of
 * `α`, to `1e-17`. Allocations per call: a sorted copy of each sample and one buffer of
 * `3 × (pieces)` doubles.
 */
import { absLinearIntegral, isCellDensity, sweepOf, type Circle, type Measure1D } from './cdfSweep.ts';

/** The circle both measures live on: a cell density's own `[a, b]`, else `[0, period)`. */
function circleOf(p: Measure1D, q: Measure1D, period: number): Circle {
  const caller = 'wasserstein1Circle';
  if (!(Number.isFinite(period) && period > 0)) throw new RangeError(`${caller}: period = ${period} must be finite and > 0`);
  let circle: Circle | null = null;
  for (const m of [p, q]) {
    if (!isCellDensity(m)) continue;
    if (!(Math.abs(m.b - m.a - period) <= 1e-12 * period)) {
      throw new RangeError(`${caller}: cell interval [${m.a}, ${m.b}] must have length period = ${period}`);
    }
    if (circle === null) circle = { origin: m.a, end: m.b };
    else if (!(Math.abs(m.a - circle.origin) <= 1e-12 * period)) {
      throw new RangeError(`${caller}: the two cell densities start at different points, ${circle.origin} and ${m.a}`);
    }
  }
  return circle ?? { origin: 0, end: period };
}

/**
 * `W₁` on the circle `ℝ / Pℤ` (default `P = 2π`, the torus of `y`), exact up to rounding and the
 * `1e-17` bisection for the optimal shift. Sample points are taken modulo `P`; a cell density must
 * cover exactly one period `[a, a + P]`.
 *
 * @example
 * wasserstein1Circle([0.1], [2 * Math.PI - 0.1]); // returns 0.2 (around the circle), not 2π − 0.2
 * @throws RangeError as `wasserstein1`, or for a cell interval whose length is not `period`.
 */
export function wasserstein1Circle(p: Measure1D, q: Measure1D, period: number = 2 * Math.PI): number {
  const circle = circleOf(p, q, period);
  const P = sweepOf(p, 'wasserstein1Circle', circle);
  const Q = sweepOf(q, 'wasserstein1Circle', circle);
  // D = F_p − F_q on its linear pieces: start D, end D, length
  const pieces = new Float64Array(3 * (P.knots + Q.knots + 1));
  let k = 0;
  let t = circle.origin;
  for (;;) {
    while (P.knot() <= t) P.advance();
    while (Q.knot() <= t) Q.advance();
    const next = Math.min(P.knot(), Q.knot(), circle.end);
    if (next > t) {
      pieces[3 * k] = P.value(t) - Q.value(t);
      pieces[3 * k + 1] = P.value(next) - Q.value(next);
      pieces[3 * k + 2] = next - t;
      k++;
    }
    if (next >= circle.end) break;
    t = next;
  }
  return minOverShift(pieces, k);
}

/** `d/dα ∫ |D − α|` = measure{D < α} − measure{D > α} over the pieces. */
function shiftDerivative(pieces: Float64Array, count: number, alpha: number): number {
  let s = 0;
  for (let k = 0; k < count; k++) {
    const d0 = pieces[3 * k]!;
    const d1 = pieces[3 * k + 1]!;
    const len = pieces[3 * k + 2]!;
    let below: number;
    if (d0 === d1) below = alpha > d0 ? 1 : alpha < d0 ? 0 : 0.5;
    else below = Math.min(1, Math.max(0, (alpha - Math.min(d0, d1)) / Math.abs(d1 - d0)));
    s += len * (2 * below - 1);
  }
  return s;
}

function shiftedIntegral(pieces: Float64Array, count: number, alpha: number): number {
  let s = 0;
  for (let k = 0; k < count; k++) s += absLinearIntegral(pieces[3 * k]! - alpha, pieces[3 * k + 1]! - alpha, pieces[3 * k + 2]!);
  return s;
}

/** `min_α ∫ |D − α|`: the function is convex in `α`, so bisect on the sign of its derivative. */
function minOverShift(pieces: Float64Array, count: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < count; k++) {
    lo = Math.min(lo, pieces[3 * k]!, pieces[3 * k + 1]!);
    hi = Math.max(hi, pieces[3 * k]!, pieces[3 * k + 1]!);
  }
  // |D| ≤ 1, and the integral changes by at most P·|Δα|: 1e-17 is below rounding
  while (hi - lo > 1e-17) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (shiftDerivative(pieces, count, mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.min(shiftedIntegral(pieces, count, lo), shiftedIntegral(pieces, count, hi));
}

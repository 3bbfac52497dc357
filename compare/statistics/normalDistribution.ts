/**
 * The standard normal distribution to full double precision: `erf`, `erfc`, the scaled
 * `erfcx(x) = e^{x²} erfc(x)`, `Φ` and `log Φ`.
 *
 * Why: the Anderson–Darling statistic (`gaussianity.ts`) sums `log Φ(zᵢ)` and `log(1 − Φ(zᵢ))` over
 * the sorted sample, so `Φ` must have small *relative* error deep in both tails (`1 − Φ(z)` is taken
 * as `Φ(−z)`, never as a difference), and JavaScript has no `erf`.
 *
 * How: W. J. Cody's rational Chebyshev approximations (Cody, "Rational Chebyshev approximations for
 * the error function", Math. Comp. 23 (1969) 631–637), with the coefficients and the argument
 * splitting of his SPECFUN routine CALERF (netlib `specfun/erf`, 1990), whose rational functions
 * approximate `erf` and `erfc` to at least 18 significant digits on `|x| ≤ 0.46875`, `[0.46875, 4]`
 * and `(4, ∞)`; in double precision the error is a few ulps. For `|x| > 0.46875`, `e^{−x²}` is
 * computed as `e^{−s²} e^{−(x−s)(x+s)}` with `s = ⌊16x⌋/16` exactly representable, so the rounding of
 * `x²` is not amplified by the exponential (Cody's device).
 */

const THRESHOLD = 0.46875;
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
/** Below this `|x|`, `x²` is negligible in the first interval. */
const X_SMALL = 1.11e-16;
/** `erfc(x)` underflows to 0 above this. */
const X_BIG = 26.543;
/** Above this `erfcx(x) = 1/(x√π)` to double precision. */
const X_HUGE = 6.71e7;
/** Above this `erfcx(x)` underflows. */
const X_MAX = 2.53e307;
/** `erfcx(x)` overflows below this. */
const X_NEG = -26.628;

// erf on |x| ≤ 0.46875
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153] as const;
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062] as const;
// e^{x²} erfc(x) on [0.46875, 4]
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
// x e^{x²} erfc(x) − 1/√π as a function of 1/x², x > 4
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978] as const;
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;

type Kind = 'erf' | 'erfc' | 'erfcx';

/** `e^{−y²}` without amplifying the rounding of `y²` (Cody's split at a multiple of 1/16). */
function expMinusSquare(y: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
}

/** Cody's CALERF: `erf`, `erfc` or `erfcx` of `x` according to `kind`. */
function calerf(x: number, kind: Kind): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= THRESHOLD) {
    const ysq = y > X_SMALL ? y * y : 0;
    let num = A[4] * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * ysq;
      den = (den + B[i]!) * ysq;
    }
    result = (x * (num + A[3])) / (den + B[3]);
    if (kind !== 'erf') result = 1 - result;
    if (kind === 'erfcx') result *= Math.exp(ysq);
    return result;
  }
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    result = (num + C[7]) / (den + D[7]);
    if (kind !== 'erfcx') result *= expMinusSquare(y);
  } else {
    result = 0;
    if (y >= X_BIG && (kind !== 'erfcx' || y >= X_MAX)) {
      // erfc underflows (or erfcx does): result stays 0
    } else if (y >= X_HUGE) {
      result = ONE_OVER_SQRT_PI / y; // only reached for erfcx
    } else {
      const ysq = 1 / (y * y);
      let num = P[5] * ysq;
      let den = ysq;
      for (let i = 0; i < 4; i++) {
        num = (num + P[i]!) * ysq;
        den = (den + Q[i]!) * ysq;
      }
      result = (ysq * (num + P[4])) / (den + Q[4]);
      result = (ONE_OVER_SQRT_PI - result) / y;
      if (kind !== 'erfcx') result *= expMinusSquare(y);
    }
  }
  // reflect to negative arguments
  if (kind === 'erf') {
    result = 0.5 - result + 0.5;
    return x < 0 ? -result : result;
  }
  if (kind === 'erfc') return x < 0 ? 2 - result : result;
  if (x < 0) {
    if (x < X_NEG) return Infinity;
    const s = Math.trunc(x * 16) / 16;
    const e = Math.exp(s * s) * Math.exp((x - s) * (x + s));
    return e + e - result;
  }
  return result;
}

/** The error function `erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt`. */
export function erf(x: number): number {
  return Math.abs(x) <= THRESHOLD ? calerf(x, 'erf') : 1 - calerf(x, 'erfc');
}

/** The complementary error function `erfc(x) = 1 − erf(x)`, with full relative accuracy for large `x`. */
export function erfc(x: number): number {
  return calerf(x, 'erfc');
}

/** The scaled complementary error function `erfcx(x) = e^{x²} erfc(x)` (finite for every `x ≥ −26.6`). */
export function erfcx(x: number): number {
  return calerf(x, 'erfcx');
}

/**
 * The standard normal CDF `Φ(x) = ½ erfc(−x/√2)`, accurate relative to `Φ(x)` in the lower tail.
 * For `x < −1` it is evaluated as `½ erfcx(−x/√2) e^{−x²/2}` with the Gaussian factor split on `x`
 * itself: the rounding of `x/√2` would otherwise be amplified `x²` times (1e-13 at `x = −26`).
 */
export function normalCdf(x: number): number {
  if (x < -1) {
    if (x < -40) return 0; // Φ(−40) ≈ 3.7e-350 underflows
    const s = Math.trunc(x * 16) / 16; // s² is exact
    return 0.5 * erfcx(-x * Math.SQRT1_2) * Math.exp(-(s * s) / 2) * Math.exp(-((x - s) * (x + s)) / 2);
  }
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/**
 * `log Φ(x)`, finite for every finite `x`: for `x < 0` it is `log(½ erfcx(−x/√2)) − x²/2`, which
 * does not underflow where `Φ(x)` does (`x < −38`); for `x ≥ 0` it is `log1p(−Φ(−x))`.
 */
export function normalLogCdf(x: number): number {
  if (x < 0) return Math.log(0.5 * erfcx(-x * Math.SQRT1_2)) - (x * x) / 2;
  return Math.log1p(-normalCdf(-x));
}

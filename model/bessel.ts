/**
 * Exponentially scaled modified Bessel functions of the first kind, `e^{−x} I_m(x)` for
 * `m = 0..M`, to full relative precision for every order.
 *
 * Method: Miller's backward recurrence `I_{m−1} = I_{m+1} + (2m/x) I_m` from a start order far
 * above `M` and `x`, normalised by the identity `I_0(x) + 2 Σ_{m≥1} I_m(x) = e^{x}` (Abramowitz &
 * Stegun 9.6.37; the algorithm of Numerical Recipes' `bessi`). Backward recurrence is the stable
 * direction for `I_m`, so even orders whose value is 1e−300 of `I_0` keep their relative accuracy,
 * which a quadrature of the defining integral cannot give.
 */
export function besselIveSequence(x: number, M: number): Float64Array {
  if (!Number.isInteger(M) || M < 0) throw new RangeError(`besselIveSequence: M must be an integer >= 0, got ${M}`);
  return besselIveInto(x, new Float64Array(M + 1));
}

/** The same as {@link besselIveSequence} into `out` (orders `0..out.length − 1`), allocating nothing. */
export function besselIveInto(x: number, out: Float64Array): Float64Array {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`besselIve: x must be finite and >= 0, got ${x}`);
  const M = out.length - 1;
  out.fill(0);
  if (x === 0) {
    out[0] = 1;
    return out;
  }
  // I_m(x)/I_0(x) ≈ exp(−m²/2x) for large x and (x/2)^m/m! for small x: this start order puts the
  // truncation far below double precision in both regimes.
  let start = M + 40 + Math.ceil(Math.sqrt(120 * x));
  if (start % 2 === 1) start++;
  let iNext = 0; // I_{m+1}, unnormalised
  let iCur = 1e-300; // I_m, unnormalised, at m = start
  let sum = 0; // Σ_{m≥1} I_m, unnormalised
  const twoOverX = 2 / x;
  for (let m = start; m >= 1; m--) {
    const iPrev = iNext + m * twoOverX * iCur;
    iNext = iCur;
    iCur = iPrev;
    sum += iNext;
    if (m - 1 <= M) out[m - 1] = iCur;
    if (iCur > 1e250) {
      // rescale everything carried so far to stay inside the double range
      iCur *= 1e-250;
      iNext *= 1e-250;
      sum *= 1e-250;
      for (let k = m - 1; k <= M; k++) out[k] *= 1e-250;
    }
  }
  const norm = iCur + 2 * sum; // = e^{x} in the normalised units
  for (let m = 0; m <= M; m++) out[m] /= norm;
  return out;
}

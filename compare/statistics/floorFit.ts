/**
 * A power law over a floor: `y(n) = A + B·n^s`. The 3-spin loss has an `n`-independent floor — the
 * mean-field loss at the final time, shared by every `n`, plus the SGD noise when the batch does not
 * grow with `n` — and a pure power law fitted to `A + B/n` flattens exactly as the floor takes over.
 * This fit attributes the flattening to `A` and measures the exponent `s` of what is left.
 *
 * Weighted least squares (weights `1/se_k²`, each rung's standard error of the mean). For a fixed
 * `s` the model is linear in `(A, B)` and solved in closed form; the profile residual is minimised
 * over `s ∈ [S_MIN, S_MAX]` by a coarse grid and golden-section refinement (the profile is smooth
 * and, on these data, unimodal near its minimum). Intervals come from a bootstrap over the unit of
 * independence the caller names (for the 3-spin study, the realizations of the target: every
 * realization is trained at every `n`, so the rungs are not independent across `n`): the
 * bootstrap standard error times Student's `t` with `G − 1` degrees of freedom for `G` groups. With
 * as few groups as a study has (4–10), percentile intervals under-cover: on 200 synthetic studies of
 * 10 groups (test/compare/statistics/floorFit.test.ts) the 90% percentile interval covered the true exponent
 * 81.5% of the time, the `t` interval 87.5%.
 */
import { bootstrapStratified, type BootstrapInterval, type BootstrapOptions } from './bootstrap.ts';
import { studentTQuantile } from './normalQuantile.ts';

export const S_MIN = -4;
export const S_MAX = -0.05;

export interface FloorFit {
  readonly A: number;
  readonly B: number;
  readonly s: number;
  /** Weighted residual sum of squares (a χ² when the weights are the inverse variances). */
  readonly chi2: number;
}

/** `(A, B)` at a fixed `s` and the weighted residual. */
function linearAt(ns: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>, s: number): FloorFit {
  let sw = 0;
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  for (let k = 0; k < ns.length; k++) {
    const x = ns[k]! ** s;
    sw += w[k]!;
    sx += w[k]! * x;
    sxx += w[k]! * x * x;
    sy += w[k]! * y[k]!;
    sxy += w[k]! * x * y[k]!;
  }
  const det = sw * sxx - sx * sx;
  const B = (sw * sxy - sx * sy) / det;
  const A = (sy - B * sx) / sw;
  let chi2 = 0;
  for (let k = 0; k < ns.length; k++) chi2 += w[k]! * (y[k]! - A - B * ns[k]! ** s) ** 2;
  return { A, B, s, chi2 };
}

/** The weighted least-squares `A + B·n^s`; needs at least 4 rungs (3 parameters and a residual). */
export function fitFloorPowerLaw(ns: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): FloorFit {
  if (ns.length < 4) throw new RangeError(`fitFloorPowerLaw: ${ns.length} rungs; A + B·n^s needs at least 4`);
  let best = linearAt(ns, y, w, S_MIN);
  const GRID = 80;
  for (let g = 1; g <= GRID; g++) {
    const f = linearAt(ns, y, w, S_MIN + ((S_MAX - S_MIN) * g) / GRID);
    if (f.chi2 < best.chi2) best = f;
  }
  // golden section on the grid cell around the best point
  const h = (S_MAX - S_MIN) / GRID;
  let a = Math.max(S_MIN, best.s - h);
  let b = Math.min(S_MAX, best.s + h);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = linearAt(ns, y, w, c);
  let fd = linearAt(ns, y, w, d);
  for (let it = 0; it < 60; it++) {
    if (fc.chi2 < fd.chi2) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = linearAt(ns, y, w, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = linearAt(ns, y, w, d);
    }
  }
  const refined = fc.chi2 < fd.chi2 ? fc : fd;
  return refined.chi2 < best.chi2 ? refined : best;
}

export interface FloorFitInterval {
  readonly A: BootstrapInterval;
  readonly B: BootstrapInterval;
  readonly s: BootstrapInterval;
  /** The fit's χ² on the data and its degrees of freedom (rungs − 3). */
  readonly chi2: number;
  readonly dof: number;
}

/**
 * The fit with bootstrap intervals, resampling the `groups` (the unit of independence) with
 * replacement: `values[g][k]` is group `g`'s mean at rung `k`. The weights are the inverse squared
 * standard errors of the rung means across groups, fixed from the data.
 */
export function bootstrapFloorFit(ns: readonly number[], values: readonly Float64Array[], options: BootstrapOptions): FloorFitInterval {
  return bootstrapFloorFitsPaired(ns, [values], options).fits[0]!;
}

/**
 * Several series measured on the same groups — the loss of the same realizations at successive
 * stages of one training — each fitted as `bootstrapFloorFit` does, on the *same* resampled groups
 * in every replicate, so that the change of the floor from one series to the next,
 * `A_{j+1} − A_j`, gets a paired interval (the realizations' common part cancels in it).
 */
export function bootstrapFloorFitsPaired(ns: readonly number[], series: readonly (readonly Float64Array[])[], options: BootstrapOptions): {
  fits: FloorFitInterval[];
  floorChanges: BootstrapInterval[];
} {
  const S = series.length;
  const G = series[0]?.length ?? 0;
  const K = ns.length;
  if (S < 1) throw new RangeError('bootstrapFloorFitsPaired: no series');
  if (G < 2) throw new RangeError(`bootstrapFloorFit: ${G} groups; the spread between groups needs at least 2`);
  if (series.some((v) => v.length !== G)) throw new RangeError('bootstrapFloorFitsPaired: every series needs the same groups');
  const weights = series.map((values) => rungWeights(ns, values));
  const fitted = series.map((values, j) => fitFloorPowerLaw(ns, groupMean(values, Int32Array.from({ length: G }, (_, g) => g), new Float64Array(K)), weights[j]!));
  const y = new Float64Array(K);
  const intervals = bootstrapStratified([G], 4 * S - 1, (idx, out) => {
    const pick = idx[0]!;
    for (let j = 0; j < S; j++) {
      const f = fitFloorPowerLaw(ns, groupMean(series[j]!, pick, y), weights[j]!);
      out[3 * j] = f.A;
      out[3 * j + 1] = f.B;
      out[3 * j + 2] = f.s;
      if (j > 0) out[3 * S + j - 1] = f.A - out[3 * (j - 1)]!;
    }
  }, options);
  const t = studentTQuantile((1 + intervals[0]!.level) / 2, G - 1);
  const widen = (b: BootstrapInterval): BootstrapInterval => ({ ...b, lower: b.estimate - t * b.standardError, upper: b.estimate + t * b.standardError });
  return {
    fits: fitted.map((f, j) => ({ A: widen(intervals[3 * j]!), B: widen(intervals[3 * j + 1]!), s: widen(intervals[3 * j + 2]!), chi2: f.chi2, dof: K - 3 })),
    floorChanges: intervals.slice(3 * S).map(widen),
  };
}

/** The inverse squared standard error of each rung's mean over the groups. */
export function rungWeights(ns: readonly number[], values: readonly Float64Array[]): Float64Array {
  const G = values.length;
  const w = new Float64Array(ns.length);
  for (let k = 0; k < ns.length; k++) {
    let m = 0;
    for (let g = 0; g < G; g++) m += values[g]![k]! / G;
    let v = 0;
    for (let g = 0; g < G; g++) v += (values[g]![k]! - m) ** 2 / (G - 1);
    if (!(v > 0)) throw new RangeError(`bootstrapFloorFit: rung n = ${ns[k]} has no spread between groups`);
    w[k] = G / v;
  }
  return w;
}

/** The mean over the picked groups at every rung, into `out`. */
export function groupMean(values: readonly Float64Array[], pick: Int32Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (const g of pick) for (let k = 0; k < out.length; k++) out[k]! += values[g]![k]! / pick.length;
  return out;
}

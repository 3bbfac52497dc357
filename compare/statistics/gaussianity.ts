/**
 * Is a sample Gaussian? The check behind the CLT experiment: across seeds, the projections
 * `√n (f_n − f₀)` should be normal (the CLT, Prop. 3.2 of Rotskoff & Vanden-Eijnden; docs/theory.md), so their moments and two normality
 * tests are reported together.
 *
 * - Jarque–Bera (Jarque & Bera, "A test for normality of observations and regression residuals",
 *   Int. Stat. Rev. 55 (1987) 163–172): `JB = n/6 (S² + K²/4)` from the sample skewness `S` and
 *   excess kurtosis `K` (moment estimators with divisor `n`), asymptotically chi-square with 2
 *   degrees of freedom, whose survival function is `e^{−JB/2}`. Sensitive to the shape of the bulk;
 *   the asymptotic p-value is only rough below a few hundred values.
 * - Anderson–Darling with estimated mean and variance ("case 3"): `A² = −n − (1/n) Σ (2i−1)
 *   [log Φ(z₍ᵢ₎) + log(1 − Φ(z₍ₙ₊₁₋ᵢ₎))]` with `z = (x − x̄)/s`, weighted towards the tails. The
 *   p-value uses the modified statistic `A*² = A² (1 + 0.75/n + 2.25/n²)` and the piecewise formula of
 *   D'Agostino & Stephens, *Goodness-of-Fit Techniques* (1986), Table 4.9 (as in R's `nortest`).
 *   That formula is fitted for `A*² ≲ 10`; beyond, the reported p-value is its value at 10,
 *   `≈ 3.7e-24`, an upper bound (its quadratic would turn back up at `A*² ≈ 153`).
 */
import { normalLogCdf } from './normalDistribution.ts';
import { centralSumsInto } from './sampleStatistics.ts';

export interface GaussianityResult {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (divisor `n − 1`). */
  readonly std: number;
  /** `m₃ / m₂^{3/2}` with central moments of divisor `n`. */
  readonly skewness: number;
  /** `m₄ / m₂² − 3`. */
  readonly excessKurtosis: number;
  readonly jarqueBera: number;
  /** Asymptotic chi-square(2) p-value `e^{−JB/2}`. */
  readonly jarqueBeraPValue: number;
  /** `A²` against `N(x̄, s²)`. */
  readonly andersonDarling: number;
  /** `A*² = A² (1 + 0.75/n + 2.25/n²)`. */
  readonly andersonDarlingAdjusted: number;
  /** D'Agostino–Stephens approximate p-value of `A*²`. */
  readonly andersonDarlingPValue: number;
}

/** Where the fitted tail formula stops being trusted. */
const AD_TABLE_LIMIT = 10;

/** D'Agostino & Stephens (1986) Table 4.9: p-value of the normality test with estimated mean and variance. */
export function andersonDarlingNormalPValue(adjusted: number): number {
  const a = Math.min(adjusted, AD_TABLE_LIMIT);
  let p: number;
  if (a < 0.2) p = 1 - Math.exp(-13.436 + 101.14 * a - 223.73 * a * a);
  else if (a < 0.34) p = 1 - Math.exp(-8.318 + 42.796 * a - 59.938 * a * a);
  else if (a < 0.6) p = Math.exp(0.9177 - 4.279 * a - 1.38 * a * a);
  else p = Math.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
  return Math.min(1, Math.max(0, p));
}

/**
 * Moments, Jarque–Bera and Anderson–Darling of a sample (e.g. `√n (f_n − f₀)` over seeds).
 * Allocates one sorted copy of the sample.
 *
 * @throws RangeError for fewer than 3 values, a non-finite value, or zero variance.
 */
export function gaussianityCheck(values: ArrayLike<number>): GaussianityResult {
  const n = values.length;
  if (n < 3) throw new RangeError(`gaussianityCheck: need at least 3 values, got ${n}`);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`gaussianityCheck: values[${i}] = ${v} is not finite`);
  }
  const sums = new Float64Array(4);
  centralSumsInto(values, null, sums);
  const mean = sums[0]!;
  let m2 = sums[1]!;
  let m3 = sums[2]!;
  let m4 = sums[3]!;
  if (!(m2 > 0)) throw new RangeError(`gaussianityCheck: all ${n} values equal ${values[0]}; zero variance`);
  const std = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const skewness = m3 / m2 ** 1.5;
  const excessKurtosis = m4 / (m2 * m2) - 3;
  const jarqueBera = (n / 6) * (skewness * skewness + (excessKurtosis * excessKurtosis) / 4);

  const sorted = Float64Array.from(values).sort();
  let s = 0;
  for (let i = 0; i < n; i++) {
    const lower = normalLogCdf((sorted[i]! - mean) / std); // log Φ(z₍ᵢ₎)
    const upper = normalLogCdf(-(sorted[n - 1 - i]! - mean) / std); // log(1 − Φ(z₍ₙ₊₁₋ᵢ₎)) = log Φ(−z)
    s += (2 * i + 1) * (lower + upper);
  }
  const andersonDarling = -n - s / n;
  const andersonDarlingAdjusted = andersonDarling * (1 + 0.75 / n + 2.25 / (n * n));
  return {
    n,
    mean,
    std,
    skewness,
    excessKurtosis,
    jarqueBera,
    jarqueBeraPValue: Math.exp(-jarqueBera / 2),
    andersonDarling,
    andersonDarlingAdjusted,
    andersonDarlingPValue: andersonDarlingNormalPValue(andersonDarlingAdjusted),
  };
}

/**
 * Power laws `y ≈ e^b x^a` by ordinary least squares of `log y` on `log x`: the observed exponent
 * `a` of the comparison experiments (LLN error `∝ n^{-1}`, CLT fluctuations `∝ n^{-1/2}`).
 *
 * How: the design matrix `[1, log xᵢ − mean(log x)]` is factored by Householder QR (ml-matrix's
 * `QrDecomposition`), the backward-stable way to solve least squares (Golub & Van Loan, *Matrix
 * Computations*, 4th ed., §5.3). Centring `log x` makes the two columns orthogonal, so the fit stays
 * well conditioned when `x` spans a narrow range far from 1 (e.g. `n ∈ [1024, 4096]`), and the
 * intercept is moved back to `log x = 0` afterwards.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';

export interface LogLogFit {
  /** The exponent `a` in `y ≈ e^b x^a`. */
  readonly slope: number;
  /** `b = log y` at `x = 1`. */
  readonly intercept: number;
  /** `√(Σ rᵢ² / (m − 2))` of the residuals of `log y`; `NaN` for `m = 2` points (no degrees of freedom). */
  readonly residualStd: number;
  /** `1 − Σ rᵢ² / Σ (log yᵢ − mean)²`; `NaN` if every `log y` is equal. */
  readonly r2: number;
  /** The usual OLS standard error of the slope, `residualStd / √Σ (log xᵢ − mean)²` (`NaN` for `m = 2`). */
  readonly slopeStandardError: number;
}

/** `log` of every value, refusing values that are not finite and positive (a log-log fit needs them). */
function logsOf(values: ArrayLike<number>, name: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isFinite(v) && v > 0)) {
      throw new RangeError(`fitLogLog: ${name}[${i}] = ${v} must be finite and > 0`);
    }
    out[i] = Math.log(v);
  }
  return out;
}

function checkDistinct(x: ArrayLike<number>): void {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return;
  throw new RangeError(`fitLogLog: need at least 2 distinct x values, got ${x.length === 0 ? 'none' : `only x = ${x[0]}`}`);
}

/** `log x`, its mean, and the QR factorisation of the centred design `[1, log x − mean]`. */
function centredDesign(x: ArrayLike<number>): { lx: Float64Array; mean: number; qr: QrDecomposition } {
  const lx = logsOf(x, 'x');
  checkDistinct(x);
  let mean = 0;
  for (let i = 0; i < lx.length; i++) mean += lx[i]!;
  mean /= lx.length;
  const design = new Matrix(lx.length, 2);
  for (let i = 0; i < lx.length; i++) {
    design.set(i, 0, 1);
    design.set(i, 1, lx[i]! - mean);
  }
  const qr = new QrDecomposition(design);
  if (!qr.isFullRank()) {
    throw new RangeError(`fitLogLog: the x values are distinct but their logarithms are not (x = ${Array.from(x).join(', ')})`);
  }
  return { lx, mean, qr };
}

/**
 * Least-squares fit of `log y = intercept + slope · log x`.
 *
 * @throws RangeError naming the offending value when an `x` or `y` is `≤ 0` or not finite, when the
 * lengths differ, or when there are fewer than 2 distinct `x`.
 */
export function fitLogLog(x: ArrayLike<number>, y: ArrayLike<number>): LogLogFit {
  if (x.length !== y.length) throw new RangeError(`fitLogLog: x has ${x.length} values but y has ${y.length}`);
  const ly = logsOf(y, 'y');
  const { lx, mean, qr } = centredDesign(x);
  const m = lx.length;
  const beta = qr.solve(Matrix.columnVector(ly));
  const level = beta.get(0, 0); // fitted log y at log x = mean
  const slope = beta.get(1, 0);
  let yMean = 0;
  for (let i = 0; i < m; i++) yMean += ly[i]!;
  yMean /= m;
  let ssr = 0;
  let sst = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    const dx = lx[i]! - mean;
    const r = ly[i]! - (level + slope * dx);
    ssr += r * r;
    sst += (ly[i]! - yMean) ** 2;
    sxx += dx * dx;
  }
  const residualStd = m > 2 ? Math.sqrt(ssr / (m - 2)) : NaN;
  return {
    slope,
    intercept: level - slope * mean,
    residualStd,
    r2: sst > 0 ? 1 - ssr / sst : NaN,
    slopeStandardError: residualStd / Math.sqrt(sxx),
  };
}

/**
 * The weights `wᵢ` with `slope = Σ wᵢ log yᵢ` for the fit of `fitLogLog(x, ·)`: the slope row of the
 * pseudo-inverse of the design, obtained from the same QR factorisation. The slope is linear in
 * `log y`, so a bootstrap that refits thousands of times at fixed `x` needs only these weights.
 *
 * @throws RangeError as `fitLogLog` does for bad `x`.
 */
export function logLogSlopeWeights(x: ArrayLike<number>): Float64Array {
  const { lx, qr } = centredDesign(x);
  const pinv = qr.solve(Matrix.eye(lx.length)); // 2 × m
  const w = new Float64Array(lx.length);
  for (let i = 0; i < lx.length; i++) w[i] = pinv.get(1, i);
  return w;
}

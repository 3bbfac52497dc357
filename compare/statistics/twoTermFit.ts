/**
 * The two-term law of the error at fixed `t`: `E‖f_n − f₀‖² = P/n + Q/n²`. `P(t)` is the CLT
 * prefactor (Prop. 3.2: `n·E‖f_n − f₀‖² → P`), `Q(t)` collects the next order (the square of the
 * `n^{-1}` correction and its cross term with the `n^{-3/2}` one). A log-log slope over a ladder that
 * reaches down to the crossover `n× = |Q|/P` mixes the two; this fit attributes the curvature.
 *
 * Weighted least squares with weights `1/se_k²` (each rung's standard error of the mean, fixed from
 * the data), solved from its 2×2 normal equations in closed form: this runs inside every bootstrap
 * replicate, where a general solver would allocate. Intervals by the stratified bootstrap over
 * seeds (`bootstrap.ts`), so `P`, `Q` and `n×` carry their joint sampling error.
 */
import { bootstrapStratified, type BootstrapInterval, type BootstrapOptions } from './bootstrap.ts';
import { controlledMean, controlledSummary, type ControlledSample } from './controlVariate.ts';
import { sampleVariance } from './sampleStatistics.ts';

export interface TwoTermFit {
  readonly P: number;
  readonly Q: number;
}

/** Weighted least squares of `y_k ≈ P/n_k + Q/n_k²`. */
export function fitTwoTerm(ns: ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number>): TwoTermFit {
  let saa = 0;
  let sab = 0;
  let sbb = 0;
  let say = 0;
  let sby = 0;
  for (let k = 0; k < ns.length; k++) {
    const a = 1 / ns[k]!;
    const b = a * a;
    const w = weights[k]!;
    saa += w * a * a;
    sab += w * a * b;
    sbb += w * b * b;
    say += w * a * y[k]!;
    sby += w * b * y[k]!;
  }
  const det = saa * sbb - sab * sab;
  return { P: (say * sbb - sby * sab) / det, Q: (saa * sby - sab * say) / det };
}

export interface TwoTermInterval {
  readonly P: BootstrapInterval;
  readonly Q: BootstrapInterval;
  /** `n× = |Q|/P`: below it the `n^{-2}` term dominates (`+∞` where a replicate's `P ≤ 0`, stored as 1e300). */
  readonly crossover: BootstrapInterval;
}

const NO_CROSSOVER = 1e300;

/**
 * The fit with bootstrap intervals. `values[k]` holds the per-seed squared errors at `ns[k]`.
 *
 * @throws RangeError for fewer than 3 rungs (2 parameters need a residual), or a rung whose values
 *   have no spread (its weight would be infinite).
 */
export function bootstrapTwoTermFit(ns: readonly number[], values: readonly Float64Array[], options: BootstrapOptions): TwoTermInterval {
  return bootstrapControlledTwoTermFit(ns, values.map((x) => ({ x, control: null })), options);
}

/**
 * The same fit on controlled means (`controlVariate.ts`; plain where a sample has no control): the
 * weights from each rung's controlled standard error, `β̂` re-estimated in every replicate. A rung
 * whose controlled error vanishes (t = 0, where the control is the error itself) gets the weight of
 * a relative error of 1e-12, so that the fit stays defined.
 */
export function bootstrapControlledTwoTermFit(ns: readonly number[], samples: readonly ControlledSample[], options: BootstrapOptions): TwoTermInterval {
  if (ns.length < 3 || samples.length !== ns.length) throw new RangeError(`bootstrapTwoTermFit: ${ns.length} rungs and ${samples.length} value sets; need ≥ 3 of each, equal`);
  const weights = samples.map((s, k) => {
    if (!s.control) {
      const se2 = sampleVariance(s.x) / s.x.length;
      if (!(se2 > 0)) throw new RangeError(`bootstrapTwoTermFit: rung n = ${ns[k]} has no spread between seeds`);
      return 1 / se2;
    }
    const { estimate, standardError, plainStandardError } = controlledSummary(s);
    if (!(plainStandardError > 0)) throw new RangeError(`bootstrapTwoTermFit: rung n = ${ns[k]} has no spread between seeds`);
    const se = Math.max(standardError, 1e-12 * Math.abs(estimate));
    return 1 / (se * se);
  });
  const means = new Float64Array(ns.length);
  const [P, Q, crossover] = bootstrapStratified(samples.map((s) => s.x.length), 3, (idx, out) => {
    for (let k = 0; k < ns.length; k++) means[k] = controlledMean(samples[k]!, idx[k]!);
    const f = fitTwoTerm(ns, means, weights);
    out[0] = f.P;
    out[1] = f.Q;
    out[2] = f.P > 0 ? Math.min(NO_CROSSOVER, Math.abs(f.Q) / f.P) : NO_CROSSOVER;
  }, options);
  return { P: P!, Q: Q!, crossover: crossover! };
}

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../../model/index.ts';
import { controlledShapes, sampleShapeInto, type ShapeSample } from '../../../compare/statistics/controlledShape.ts';

/**
 * R seeds of a skewed control and its sample: `l` a normalised sum of `k` centred Exp(1) terms
 * (skewness 2/√k, excess kurtosis 6/k, exactly), `x = l + τ·N(0, 1)` independent noise, so that
 * `x` has skewness `s_l/(1 + τ²)^{3/2}` and excess kurtosis `k_l/(1 + τ²)²`.
 */
function ensemble(rng: Rng, R: number, k: number, tau: number): ShapeSample {
  const x = new Float64Array(R);
  const l = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += -Math.log(1 - rng.uniform()) - 1;
    l[r] = s / Math.sqrt(k);
    x[r] = l[r]! + tau * rng.normal();
  }
  return { x, l, controlSkewness: 2 / Math.sqrt(k), controlExcessKurtosis: 6 / k };
}

const truth = (k: number, tau: number) => ({ skewness: 2 / Math.sqrt(k) / (1 + tau * tau) ** 1.5, excessKurtosis: 6 / k / (1 + tau * tau) ** 2 });

test('the controlled skewness and kurtosis intervals cover at about the nominal rate, and are far narrower than the plain ones', () => {
  const reps = 300;
  const R = 32;
  const k = 4;
  const tau = 0.1;
  const rng = new Rng(5, 1);
  const want = truth(k, tau);
  let coverS = 0;
  let coverK = 0;
  let width = 0;
  for (let rep = 0; rep < reps; rep++) {
    const [c] = controlledShapes([ensemble(rng, R, k, tau)], { seed: 17, stream: rep, replicates: 400, level: 0.95 });
    if (c!.skewness.lower <= want.skewness && want.skewness <= c!.skewness.upper) coverS++;
    if (c!.excessKurtosis.lower <= want.excessKurtosis && want.excessKurtosis <= c!.excessKurtosis.upper) coverK++;
    width += (c!.skewness.upper - c!.skewness.lower) / reps;
  }
  // nominal 0.95; Monte-Carlo error of a rate over 300 repetitions ≈ 0.013, and the percentile bootstrap of 32 seeds runs a little short
  assert.ok(coverS / reps >= 0.9, `skewness coverage ${coverS / reps}`);
  assert.ok(coverK / reps >= 0.9, `kurtosis coverage ${coverK / reps}`);
  // the plain sample skewness of 32 Gaussian values has a 95% interval of width ≈ 2·1.96·√(6/32) = 1.7
  assert.ok(width < 0.5, `mean width ${width}`);
});

test('a control that is not the sample\'s own linear part gives no narrowing, and stays consistent', () => {
  const R = 32;
  const rng = new Rng(6, 2);
  const own = ensemble(rng, R, 4, 0.1);
  // the control of another set of seeds: the same law, so the estimator is still consistent, but uncorrelated with x
  const other = ensemble(rng, R, 4, 0.1);
  const [matched, unmatched] = controlledShapes([own, { ...own, l: other.l }], { seed: 3, replicates: 1000 });
  const w = (iv: { lower: number; upper: number }) => iv.upper - iv.lower;
  assert.ok(w(unmatched!.skewness) > 4 * w(matched!.skewness), `widths ${w(matched!.skewness)} and ${w(unmatched!.skewness)}`);
  assert.ok(unmatched!.residual.estimate > 1, `residual of an unmatched control ${unmatched!.residual.estimate}`);
  assert.ok(matched!.residual.estimate < 0.2, `residual of the matched one ${matched!.residual.estimate}`);
});

test('x equal to its control: the estimate is the control\'s exact shape, with a degenerate interval and no residual', () => {
  const rng = new Rng(7, 3);
  const e = ensemble(rng, 20, 9, 0);
  const [c] = controlledShapes([e], { seed: 1, replicates: 200 });
  assert.ok(Math.abs(c!.skewness.estimate - 2 / 3) < 1e-12 && Math.abs(c!.skewness.upper - c!.skewness.lower) < 1e-12);
  assert.ok(Math.abs(c!.excessKurtosis.estimate - 6 / 9) < 1e-12);
  assert.is(c!.residual.estimate, 0);
});

test('sampleShapeInto: the moment estimators of divisor R on a picked subset; bad samples are refused by name', () => {
  const out = new Float64Array(2);
  sampleShapeInto(Float64Array.from([0, 0, 3, 9]), Int32Array.from([0, 1, 2]), out);
  // values 0, 0, 3: mean 1, m2 = 2, m3 = (1 + 1 − 8)·(−1)… = ((−1)³·2 + 2³)/3 = 2, m4 = (1 + 1 + 16)/3 = 6
  assert.ok(Math.abs(out[0]! - 2 / 2 ** 1.5) < 1e-15);
  assert.ok(Math.abs(out[1]! - (6 / 4 - 3)) < 1e-15);
  sampleShapeInto(Float64Array.from([2, 2, 2]), Int32Array.from([0, 1, 2]), out);
  assert.equal(Array.from(out), [0, 0]);
  assert.throws(() => controlledShapes([{ x: new Float64Array(3), l: new Float64Array(4), controlSkewness: 0, controlExcessKurtosis: 0 }], { seed: 1 }), /sample 0 has 3 values and 4 controls/);
  assert.throws(() => controlledShapes([{ x: Float64Array.from([1, NaN, 2]), l: new Float64Array(3), controlSkewness: 0, controlExcessKurtosis: 0 }], { seed: 1 }), /seed 1: x = NaN/);
});

test.run();

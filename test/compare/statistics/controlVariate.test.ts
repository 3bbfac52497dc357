import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../../model/index.ts';
import { bootstrapStratified } from '../../../compare/statistics/bootstrap.ts';
import { bootstrapControlledLogLogSlope, controlledMeanOf, controlledSummary, type ControlledSample } from '../../../compare/statistics/controlVariate.ts';
import { bootstrapTwoTermFit, bootstrapControlledTwoTermFit } from '../../../compare/statistics/twoTermFit.ts';

/** R seeds: y ~ Exp(1) (known mean 1, skewed like a squared error), x = 2 + b·(y − 1) + N(0, s²). E x = 2. */
function ensemble(rng: Rng, R: number, b: number, s: number): ControlledSample {
  const x = new Float64Array(R);
  const y = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    y[r] = -Math.log(1 - rng.uniform());
    x[r] = 2 + b * (y[r]! - 1) + s * rng.normal();
  }
  return { x, control: { y, mean: 1 } };
}

test('the controlled mean is unbiased, with and without correlation, and its variance falls by 1 − ρ²', () => {
  const reps = 4000;
  const R = 24;
  for (const [b, s] of [[3, 0.3], [0, 1]] as const) {
    const rng = new Rng(11, b);
    let sum = 0;
    let sumSq = 0;
    let plainSq = 0;
    for (let k = 0; k < reps; k++) {
      const e = ensemble(rng, R, b, s);
      const { estimate } = controlledMeanOf(e);
      const plain = controlledMeanOf({ x: e.x, control: null }).estimate;
      sum += estimate;
      sumSq += (estimate - 2) ** 2;
      plainSq += (plain - 2) ** 2;
    }
    const mean = sum / reps;
    const se = Math.sqrt(sumSq / reps / reps);
    assert.ok(Math.abs(mean - 2) < 4 * se, `b = ${b}: mean ${mean} ± ${se}`);
    // Var x = b² + s², Var(x − βy) = s²: the ratio of mean squared errors is about (b² + s²)/s²
    const ratio = plainSq / sumSq;
    const expected = (b * b + s * s) / (s * s);
    assert.ok(Math.abs(ratio / expected - 1) < 0.15, `b = ${b}: variance ratio ${ratio}, expected ≈ ${expected}`);
  }
});

test('its summary: the residual standard error and the reduction; no control or too few seeds give the plain mean', () => {
  const e = ensemble(new Rng(5, 0), 400, 3, 0.3);
  const s = controlledSummary(e);
  assert.ok(Math.abs(s.beta - 3) < 0.1, `β̂ = ${s.beta}`);
  assert.ok(s.reduction > 50 && s.reduction < 200, `reduction ${s.reduction} (expected ≈ 101)`);
  assert.ok(Math.abs(s.standardError - 0.3 / 20) < 0.003, `se ${s.standardError}`);
  const plain = controlledSummary({ x: e.x, control: null });
  assert.is(plain.estimate, plain.plain);
  assert.is(plain.reduction, 1);
  const few = { x: e.x.slice(0, 3), control: { y: e.control!.y.slice(0, 3), mean: 1 } };
  assert.is(controlledMeanOf(few).estimate, (e.x[0]! + e.x[1]! + e.x[2]!) / 3);
});

test('the percentile bootstrap of the controlled mean (β̂ inside every resample) covers E x at its nominal rate', () => {
  const reps = 400;
  const R = 30;
  const rng = new Rng(21, 0);
  let covered = 0;
  for (let k = 0; k < reps; k++) {
    const e = ensemble(rng, R, 3, 0.3);
    const [iv] = bootstrapStratified([R], 1, (idx, out) => { out[0] = controlledMeanOf(e, idx[0]!).estimate; }, { seed: 3, stream: k, replicates: 400, level: 0.95 });
    if (iv!.lower <= 2 && 2 <= iv!.upper) covered++;
  }
  // binomial sd at 0.95 over 400 is 0.011; percentile intervals run a little short at R = 30
  const rate = covered / reps;
  assert.ok(rate > 0.91 && rate < 0.99, `coverage ${rate}`);
});

test('controlled slopes and two-term fits: the plain ones when there is no control; far narrower with a good one', () => {
  const ns = [64, 128, 256, 512];
  const rng = new Rng(8, 0);
  // per seed x = y + small noise, y/n of known mean 0.2/n: the law P/n exactly
  const samples = ns.map((n) => {
    const y = Float64Array.from({ length: 24 }, () => (0.2 * -Math.log(1 - rng.uniform())) / n);
    const x = y.map((v) => v + (0.002 * rng.normal()) / n);
    return { x, control: { y, mean: 0.2 / n } };
  });
  const options = { seed: 1, stream: 4, replicates: 400, level: 0.95 };
  const plain = bootstrapTwoTermFit(ns, samples.map((s) => s.x), options);
  assert.equal(bootstrapControlledTwoTermFit(ns, samples.map((s) => ({ x: s.x, control: null })), options), plain);
  const controlled = bootstrapControlledTwoTermFit(ns, samples, options);
  assert.ok(controlled.P.upper - controlled.P.lower < (plain.P.upper - plain.P.lower) / 20, `P ${JSON.stringify(controlled.P)} against ${JSON.stringify(plain.P)}`);
  assert.ok(controlled.P.lower <= 0.2 && 0.2 <= controlled.P.upper);
  const slope = bootstrapControlledLogLogSlope(ns, samples, options)!;
  assert.ok(slope.lower <= -1 && -1 <= slope.upper && slope.upper - slope.lower < 0.02, `slope ${JSON.stringify(slope)}`);
  // a controlled mean that is not positive: no slope (the caller takes the plain one)
  const bad = samples.map((s, k) => (k === 0 ? { x: s.x, control: { y: s.control.y, mean: -1 } } : s));
  assert.is(bootstrapControlledLogLogSlope(ns, bad, options), null);
});

test.run();

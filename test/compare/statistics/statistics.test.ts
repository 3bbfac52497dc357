import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../../model/rng.ts';
import {
  andersonDarlingNormalPValue,
  bootstrapLogLogSlope,
  bootstrapMeanInterval,
  erf,
  erfc,
  erfcx,
  fitLogLog,
  gaussianityCheck,
  logLogSlopeWeights,
  normalCdf,
  normalLogCdf,
  wasserstein1,
  wasserstein1Circle,
  wassersteinCircleToDensity,
  wassersteinToDensity,
} from '../../../compare/index.ts';
import { assertClose } from '../../helpers/assertClose.ts';

const TWO_PI = 2 * Math.PI;

function assertRangeError(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    assert.instance(err, RangeError);
    assert.match((err as RangeError).message, message);
    return;
  }
  assert.unreachable(`expected a RangeError matching ${message}`);
}

// ---------------------------------------------------------------- fitLogLog

test('fitLogLog recovers slope −1 and intercept log 3 on y = 3/x, with r2 = 1', () => {
  const x = [1, 2, 4, 8, 100, 1000];
  const fit = fitLogLog(x, x.map((v) => 3 / v));
  assertClose(fit.slope, -1, 1e-14, 0, 'slope');
  assertClose(fit.intercept, Math.log(3), 1e-14, 0, 'intercept');
  assertClose(fit.r2, 1, 1e-14, 0, 'r2');
  assert.ok(fit.residualStd < 1e-14, `residualStd ${fit.residualStd}`);
});

test('fitLogLog stays exact when x spans a narrow range far from 1', () => {
  const x = [1024, 1100, 1300, 2048, 4096];
  const fit = fitLogLog(x, x.map((v) => 0.5 * v ** -0.5));
  assertClose(fit.slope, -0.5, 1e-12, 0, 'slope');
  assertClose(fit.intercept, Math.log(0.5), 1e-11, 0, 'intercept');
});

test('fitLogLog with noise agrees with the closed-form OLS slope, intercept and residuals to 1e-12', () => {
  const rng = new Rng(11);
  const x = [32, 64, 128, 256, 512, 1024, 2048];
  const y = x.map((v) => 3 * v ** -0.5 * Math.exp(0.2 * rng.normal()));
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (lx[i]! - mx) * (ly[i]! - my);
    sxx += (lx[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < x.length; i++) {
    ssr += (ly[i]! - intercept - slope * lx[i]!) ** 2;
    sst += (ly[i]! - my) ** 2;
  }
  const fit = fitLogLog(x, y);
  assertClose(fit.slope, slope, 1e-12, 0, 'slope');
  assertClose(fit.intercept, intercept, 1e-12, 0, 'intercept');
  assertClose(fit.residualStd, Math.sqrt(ssr / (x.length - 2)), 1e-12, 0, 'residualStd');
  assertClose(fit.r2, 1 - ssr / sst, 1e-12, 0, 'r2');
  assertClose(fit.slopeStandardError, Math.sqrt(ssr / (x.length - 2) / sxx), 1e-12, 0, 'slope standard error');
  assert.ok(Math.abs(fit.slope + 0.5) < 0.2, `noisy slope ${fit.slope} far from −0.5`);
});

test('logLogSlopeWeights give the fitted slope as Σ wᵢ log yᵢ', () => {
  const x = [10, 20, 40, 80];
  const y = [5, 3.1, 1.2, 0.7];
  const w = logLogSlopeWeights(x);
  let s = 0;
  let sumW = 0;
  let sumWx = 0;
  for (let i = 0; i < x.length; i++) {
    s += w[i]! * Math.log(y[i]!);
    sumW += w[i]!;
    sumWx += w[i]! * Math.log(x[i]!);
  }
  assertClose(s, fitLogLog(x, y).slope, 1e-13, 0, 'Σ w log y');
  assert.ok(Math.abs(sumW) < 1e-15, `Σ w = ${sumW}`);
  assertClose(sumWx, 1, 1e-14, 0, 'Σ w log x');
});

test('fitLogLog refuses non-positive or non-finite values, naming them, and fewer than 2 distinct x', () => {
  assertRangeError(() => fitLogLog([1, 2, 0], [1, 2, 3]), /x\[2\] = 0/);
  assertRangeError(() => fitLogLog([1, -2, 3], [1, 2, 3]), /x\[1\] = -2/);
  assertRangeError(() => fitLogLog([1, 2, 3], [1, NaN, 3]), /y\[1\] = NaN/);
  assertRangeError(() => fitLogLog([1, 2, Infinity], [1, 2, 3]), /x\[2\] = Infinity/);
  assertRangeError(() => fitLogLog([1, 2, 3], [1, 2, -1e-300]), /y\[2\]/);
  assertRangeError(() => fitLogLog([5, 5, 5], [1, 2, 3]), /2 distinct x.*x = 5/);
  assertRangeError(() => fitLogLog([5], [1]), /2 distinct x/);
  assertRangeError(() => fitLogLog([1, 2], [1, 2, 3]), /2 values but y has 3/);
});

test('fitLogLog on 2 points is exact and reports NaN residual spread (no degrees of freedom)', () => {
  const fit = fitLogLog([1, Math.E], [1, Math.E ** 2]);
  assertClose(fit.slope, 2, 1e-15, 0, 'slope');
  assert.ok(Number.isNaN(fit.residualStd));
});

// ---------------------------------------------------------------- bootstrap

/** v_{k,r} = x_k^{-1} z², z standard normal: E v = 1/x, chi-square(1) scatter per seed. */
function chiSquareLevels(x: readonly number[], seeds: number, rng: Rng): Float64Array[] {
  return x.map((xk) => Float64Array.from({ length: seeds }, () => rng.normal() ** 2 / xk));
}

const LEVELS = [32, 64, 128, 256, 512, 1024, 2048];

test('bootstrapLogLogSlope on chi-square data ∝ x⁻¹: the 95% interval contains −1 and is narrower than 0.3', () => {
  const values = chiSquareLevels(LEVELS, 200, new Rng(3));
  const ci = bootstrapLogLogSlope(LEVELS, values, { seed: 5 });
  assert.is(ci.replicates, 2000);
  assert.is(ci.level, 0.95);
  assert.ok(ci.lower < -1 && -1 < ci.upper, `interval [${ci.lower}, ${ci.upper}]`);
  assert.ok(ci.upper - ci.lower < 0.3, `width ${ci.upper - ci.lower}`);
  assert.ok(ci.lower < ci.estimate && ci.estimate < ci.upper);
  // the estimate is the plain fit of the level means; the spread matches the interval
  const means = values.map((v) => v.reduce((a, b) => a + b) / v.length);
  assertClose(ci.estimate, fitLogLog(LEVELS, means).slope, 1e-12, 0, 'estimate');
  const normalWidth = 2 * 1.959964 * ci.standardError;
  assertClose(ci.upper - ci.lower, normalWidth, 0.2, 0, 'percentile vs normal-theory width');
});

test('bootstrapLogLogSlope is reproducible with the same seed and differs with another seed or stream', () => {
  const values = chiSquareLevels(LEVELS, 50, new Rng(4));
  const a = bootstrapLogLogSlope(LEVELS, values, { seed: 9, B: 500 });
  const b = bootstrapLogLogSlope(LEVELS, values, { seed: 9, replicates: 500 });
  const c = bootstrapLogLogSlope(LEVELS, values, { seed: 10, B: 500 });
  const d = bootstrapLogLogSlope(LEVELS, values, { seed: 9, stream: 1, B: 500 });
  assert.equal(a, b);
  assert.is(c.estimate, a.estimate);
  assert.is.not(c.lower, a.lower);
  assert.is.not(c.upper, a.upper);
  assert.is.not(d.lower, a.lower);
});

test('bootstrap intervals cover the truth at about their nominal rate', () => {
  // mean of 30 normal draws: 200 datasets, 95% percentile intervals (expected coverage ≈ 0.93–0.95)
  const rng = new Rng(21);
  let covered = 0;
  const trials = 200;
  for (let t = 0; t < trials; t++) {
    const sample = Float64Array.from({ length: 30 }, () => 1 + rng.normal());
    const ci = bootstrapMeanInterval(sample, { seed: 1, stream: t, B: 400 });
    if (ci.lower <= 1 && 1 <= ci.upper) covered++;
  }
  assert.ok(covered / trials > 0.88 && covered / trials < 0.99, `mean coverage ${covered / trials}`);
  // log-log slope of chi-square levels: the bias of log(mean) is the same at every level, so the true slope is −1
  let slopeCovered = 0;
  const slopeTrials = 60;
  for (let t = 0; t < slopeTrials; t++) {
    const ci = bootstrapLogLogSlope(LEVELS, chiSquareLevels(LEVELS, 40, rng), { seed: 2, stream: t, B: 300 });
    if (ci.lower <= -1 && -1 <= ci.upper) slopeCovered++;
  }
  assert.ok(slopeCovered / slopeTrials > 0.8, `slope coverage ${slopeCovered / slopeTrials}`);
});

test('bootstrapMeanInterval brackets the sample mean, with a standard error near s/√n', () => {
  const rng = new Rng(8);
  const sample = Float64Array.from({ length: 400 }, () => 2 * rng.normal());
  const ci = bootstrapMeanInterval(sample, { seed: 3 });
  const mean = sample.reduce((a, b) => a + b) / sample.length;
  assert.is(ci.estimate, mean);
  assert.ok(ci.lower < mean && mean < ci.upper);
  const s = Math.sqrt(sample.reduce((a, v) => a + (v - mean) ** 2, 0) / (sample.length - 1));
  assertClose(ci.standardError, s / Math.sqrt(sample.length), 0.1, 0, 'bootstrap standard error');
});

test('bootstrap refuses bad input, naming it', () => {
  assertRangeError(() => bootstrapMeanInterval([], { seed: 1 }), /no values/);
  assertRangeError(() => bootstrapMeanInterval([1, NaN], { seed: 1 }), /values\[1\] = NaN/);
  assertRangeError(() => bootstrapMeanInterval([1, 2], { seed: 1, level: 1 }), /level = 1/);
  assertRangeError(() => bootstrapMeanInterval([1, 2], { seed: 1, B: 1 }), /B = 1/);
  assertRangeError(() => bootstrapMeanInterval([1, 2], { seed: 1, B: 10, replicates: 20 }), /disagree/);
  assertRangeError(() => bootstrapLogLogSlope([1, 2], [[1], [1, -1]], { seed: 1 }), /values\[1\]\[1\] = -1/);
  assertRangeError(() => bootstrapLogLogSlope([1, 2], [[1], [0, 0]], { seed: 1 }), /level 1 .* mean 0/);
  assertRangeError(() => bootstrapLogLogSlope([1, 2, 3], [[1], [1]], { seed: 1 }), /3 levels in x but 2/);
  assertRangeError(() => bootstrapLogLogSlope([1, 0], [[1], [1]], { seed: 1 }), /x\[1\] = 0/);
});

// ---------------------------------------------------------------- normal distribution

test('Φ matches known values to 1e-13 relative, deep in the lower tail too', () => {
  assertClose(normalCdf(-1), 0.15865525393145707, 1e-13, 0, 'Φ(−1)');
  assertClose(normalCdf(-5), 2.866515718791939e-7, 1e-13, 0, 'Φ(−5)');
  assertClose(normalCdf(1.96), 0.9750021048517795, 1e-13, 0, 'Φ(1.96)');
  assertClose(normalCdf(-10), 7.619853024160525e-24, 1e-13, 0, 'Φ(−10)');
  assertClose(normalCdf(-30), 4.906713927148187e-198, 1e-13, 0, 'Φ(−30)');
  assert.is(normalCdf(0), 0.5);
  assertClose(normalLogCdf(-30), -454.3212439563432, 1e-14, 0, 'log Φ(−30)');
  assertClose(normalLogCdf(-5), -15.064998393988725, 1e-14, 0, 'log Φ(−5)');
  assertClose(normalLogCdf(1.96), -0.025315649164282115, 1e-13, 0, 'log Φ(1.96)');
  assert.ok(Number.isFinite(normalLogCdf(-60)) && normalLogCdf(-60) < -1800);
});

test('erf, erfc and erfcx match high-precision values to 1e-13 relative in all three of Cody’s intervals', () => {
  const erfcCases: [number, number][] = [
    [0.1, 0.887537083981715],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
    [10, 2.088487583762545e-45],
    [20, 5.395865611607901e-176],
    [-1, 1.8427007929497148],
    [-3, 1.9999779095030015],
  ];
  for (const [x, expected] of erfcCases) assertClose(erfc(x), expected, 1e-13, 0, `erfc(${x})`);
  assertClose(erf(0.3), 0.3286267594591274, 1e-13, 0, 'erf(0.3)');
  assertClose(erf(2), 0.9953222650189527, 1e-13, 0, 'erf(2)');
  assertClose(erf(-1), -0.8427007929497149, 1e-13, 0, 'erf(−1)');
  assertClose(erfcx(10), 0.05614099274382259, 1e-13, 0, 'erfcx(10)');
  assertClose(erfcx(1000), 5.641893014533876e-4, 1e-13, 0, 'erfcx(1000)');
  assert.is(erfc(30), 0);
  assert.is(erfc(-30), 2);
});

// ---------------------------------------------------------------- gaussianity

test('gaussianityCheck matches SciPy’s moments, Jarque–Bera and Anderson–Darling A² on a fixed sample', () => {
  const x = [2.1, -0.3, 0.8, 1.7, -1.2, 0.05, 3.3, -0.7, 0.9, 1.1, -2.4, 0.4];
  const g = gaussianityCheck(x);
  assert.is(g.n, 12);
  assertClose(g.mean, 0.4791666666666667, 1e-14, 0, 'mean');
  assertClose(g.std, 1.53851438574734, 1e-13, 0, 'std');
  assertClose(g.skewness, -0.05015694104362922, 1e-11, 0, 'skewness');
  assertClose(g.excessKurtosis, -0.3160037748774682, 1e-12, 0, 'excess kurtosis');
  assertClose(g.jarqueBera, 0.054960630338113006, 1e-11, 0, 'JB');
  assertClose(g.jarqueBeraPValue, 0.9728938336156013, 1e-12, 0, 'JB p');
  assertClose(g.andersonDarling, 0.10230874230899467, 1e-12, 0, 'A²'); // mpmath; SciPy 0.10230874230899367
  assertClose(g.andersonDarlingAdjusted, g.andersonDarling * (1 + 0.75 / 12 + 2.25 / 144), 1e-15, 0, 'A*²');
});

test('Anderson–Darling p-values follow D’Agostino & Stephens’ pieces and stay a bounded, decreasing function', () => {
  assertClose(andersonDarlingNormalPValue(0.1), 1 - Math.exp(-13.436 + 10.114 - 2.2373), 1e-14, 0, 'A* = 0.1');
  assertClose(andersonDarlingNormalPValue(0.752), 0.05, 0.02, 0, 'A* = 0.752 is the 5% point');
  assertClose(andersonDarlingNormalPValue(1.035), 0.01, 0.05, 0, 'A* = 1.035 is the 1% point');
  let previous = 1;
  for (let a = 0; a < 400; a += 0.01) {
    const p = andersonDarlingNormalPValue(a);
    assert.ok(p >= 0 && p <= 1, `p(${a}) = ${p}`);
    assert.ok(p <= previous + 0.02, `p increases at ${a}: ${previous} → ${p}`); // the pieces are nearly continuous
    previous = Math.min(previous, p);
  }
  assert.ok(andersonDarlingNormalPValue(500) < 1e-23);
});

test('gaussianityCheck accepts 2000 normal draws and rejects 2000 exponential draws', () => {
  const rng = new Rng(2024);
  const normal = Float64Array.from({ length: 2000 }, () => 0.3 + 2 * rng.normal());
  const g = gaussianityCheck(normal);
  assert.ok(g.jarqueBeraPValue > 0.01, `normal: JB p ${g.jarqueBeraPValue}`);
  assert.ok(g.andersonDarlingPValue > 0.01, `normal: AD p ${g.andersonDarlingPValue}`);
  assert.ok(Math.abs(g.mean - 0.3) < 0.15 && Math.abs(g.std - 2) < 0.1, `mean ${g.mean}, std ${g.std}`);
  const exponential = Float64Array.from({ length: 2000 }, () => -Math.log(1 - rng.uniform()));
  const e = gaussianityCheck(exponential);
  assert.ok(e.jarqueBeraPValue < 1e-6, `exponential: JB p ${e.jarqueBeraPValue}`);
  assert.ok(e.andersonDarlingPValue < 1e-6, `exponential: AD p ${e.andersonDarlingPValue}`);
  assert.ok(Math.abs(e.skewness - 2) < 0.5 && Math.abs(e.excessKurtosis - 6) < 3, `skewness ${e.skewness}, kurtosis ${e.excessKurtosis}`);
});

test('gaussianityCheck refuses too few, non-finite or constant values', () => {
  assertRangeError(() => gaussianityCheck([1, 2]), /at least 3/);
  assertRangeError(() => gaussianityCheck([1, 2, Infinity]), /values\[2\] = Infinity/);
  assertRangeError(() => gaussianityCheck([4, 4, 4, 4]), /zero variance/);
});

// ---------------------------------------------------------------- Wasserstein

test('W1 between point masses δ0 and δ1 is 1, and between a sample and itself 0', () => {
  assert.is(wasserstein1([0], [1]), 1);
  const rng = new Rng(5);
  const sample = Float64Array.from({ length: 100 }, () => rng.normal());
  assert.is(wasserstein1(sample, sample), 0);
  assert.is(wasserstein1(sample, Float64Array.from(sample).reverse()), 0);
  assert.is(wasserstein1Circle(sample, sample), 0);
});

test('W1 of equal-size samples is the mean distance between order statistics', () => {
  const rng = new Rng(6);
  const a = Float64Array.from({ length: 57 }, () => rng.normal());
  const b = Float64Array.from({ length: 57 }, () => 0.4 + 1.5 * rng.normal());
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let expected = 0;
  for (let i = 0; i < a.length; i++) expected += Math.abs(sa[i]! - sb[i]!);
  assertClose(wasserstein1(a, b), expected / a.length, 1e-13, 0, 'W1');
});

test('W1 with weights: weights are normalised, and repeated points add up', () => {
  assertClose(wasserstein1({ points: [0, 1], weights: [1, 3] }, [0.5]), 0.5, 1e-15, 0, 'weighted');
  assertClose(wasserstein1({ points: [1, 0], weights: [6, 2] }, { points: [0.5], weights: [7] }), 0.5, 1e-15, 0, 'rescaled');
  assertClose(wasserstein1({ points: [0, 1], weights: [1, 3] }, [0, 1, 1, 1]), 0, 0, 0, 'repeats');
  assertClose(wasserstein1({ points: [0, 2, 1], weights: [0.5, 0, 0.5] }, [0, 1]), 0, 0, 0, 'zero weight');
});

test('W1 of the sample {0.5} to the uniform density on [0, 1] is 1/4, whatever the cells', () => {
  assertClose(wasserstein1([0.5], { density: [1], a: 0, b: 1 }), 0.25, 1e-15, 0, 'one cell');
  assertClose(wassersteinToDensity([0.5], [3, 3, 3, 3], 0, 1), 0.25, 1e-15, 0, 'four cells, unnormalised');
  // outside the support: the mean distance to U[0, 1]
  assertClose(wassersteinToDensity([2], [1, 1], 0, 1), 1.5, 1e-15, 0, 'sample right of [a, b]');
  // half the mass goes from −1 to [0, ½], half from 2 to [½, 1]: 1.25 each
  assertClose(wassersteinToDensity([-1, 2], [1, 1], 0, 1), 1.25, 1e-15, 0, 'samples on both sides');
});

test('W1 of two shifted uniform densities is the shift, on the line and on the circle', () => {
  // U[0, 1] and U[0.25, 1.25] on 5 cells of width 0.25
  assertClose(wasserstein1({ density: [4, 4, 4, 4, 0], a: 0, b: 1.25 }, { density: [0, 4, 4, 4, 4], a: 0, b: 1.25 }), 0.25, 1e-14, 0, 'line');
  // different grids: U[0, 1] on 3 cells against U[0.5, 1.5] on 2 cells
  assertClose(wasserstein1({ density: [1, 1, 1], a: 0, b: 1 }, { density: [1, 1], a: 0.5, b: 1.5 }), 0.5, 1e-14, 0, 'two grids');
  // on 8 cells of the circle: mass in cells {0, 1} against cells {1, 2}, and cell 0 against cell 7
  const h = TWO_PI / 8;
  const cells = (on: number[]) => ({ density: Array.from({ length: 8 }, (_, j) => (on.includes(j) ? 1 : 0)), a: 0, b: TWO_PI });
  assertClose(wasserstein1Circle(cells([0, 1]), cells([1, 2])), h, 1e-14, 0, 'circle, shift by one cell');
  assertClose(wasserstein1Circle(cells([0]), cells([7])), h, 1e-14, 0, 'circle, across the cut');
  assertClose(wasserstein1(cells([0]), cells([7])), 7 * h, 1e-14, 0, 'the same on the line');
  assertClose(wasserstein1Circle(cells([0, 1, 2, 3, 4, 5, 6, 7]), cells([0, 1, 2, 3, 4, 5, 6, 7])), 0, 0, 1e-15, 'uniform');
});

test('periodic W1 between δ_0.1 and δ_{2π−0.1} is 0.2, not 2π − 0.2', () => {
  assertClose(wasserstein1Circle([0.1], [TWO_PI - 0.1]), 0.2, 1e-12, 0, 'circle');
  assertClose(wasserstein1([0.1], [TWO_PI - 0.1]), TWO_PI - 0.2, 1e-14, 0, 'line');
  // points are taken modulo the period
  assertClose(wasserstein1Circle([0.1 + 3 * TWO_PI], [-0.1]), 0.2, 1e-12, 0, 'reduced');
  assertClose(wasserstein1Circle([0.25], [0.75], 1), 0.5, 1e-14, 0, 'antipodal on a circle of length 1');
});

test('periodic W1 to a density: a point against the uniform law is the mean distance π/2', () => {
  assertClose(wassersteinCircleToDensity([Math.PI], [1, 1]), Math.PI / 2, 1e-14, 0, 'δ_π');
  assertClose(wassersteinCircleToDensity([0.3], Float64Array.from({ length: 16 }, () => 2)), Math.PI / 2, 1e-14, 0, 'δ_0.3');
  assertRangeError(() => wasserstein1Circle([1], { density: [1, 1], a: 0, b: 6 }), /length period/);
});

test('periodic W1 equals the best cyclic matching of sorted points (brute force), and the line W1 for a short arc', () => {
  const rng = new Rng(12);
  const circularDistance = (u: number, v: number) => {
    const d = Math.abs(u - v) % TWO_PI;
    return Math.min(d, TWO_PI - d);
  };
  for (let trial = 0; trial < 20; trial++) {
    const n = 7;
    const a = Float64Array.from({ length: n }, () => TWO_PI * rng.uniform()).sort();
    const b = Float64Array.from({ length: n }, () => TWO_PI * rng.uniform()).sort();
    let best = Infinity;
    for (let shift = 0; shift < n; shift++) {
      let cost = 0;
      for (let i = 0; i < n; i++) cost += circularDistance(a[i]!, b[(i + shift) % n]!);
      best = Math.min(best, cost / n);
    }
    assertClose(wasserstein1Circle(a, b), best, 1e-13, 0, `trial ${trial}`);
  }
  const a = Float64Array.from({ length: 30 }, () => 1 + 1.2 * rng.uniform());
  const b = Float64Array.from({ length: 20 }, () => 1.3 + 1.2 * rng.uniform());
  assertClose(wasserstein1Circle(a, b), wasserstein1(a, b), 1e-13, 0, 'arc shorter than π/2');
});

test('W1 of many uniform draws to the uniform density shrinks like n^{-1/2}', () => {
  const rng = new Rng(13);
  const big = Float64Array.from({ length: 40000 }, () => -1 + 2 * rng.uniform());
  const w = wassersteinToDensity(big, Float64Array.from({ length: 64 }, () => 1), -1, 1);
  // E W1 = ∫ E|F_n − F| ≈ ∫ √(2F(1−F)/(π n)) dx = 2·(π/8)·√(2/(π n)) ≈ 0.0031 for n = 40000 on [−1, 1]
  assert.ok(w > 0.0005 && w < 0.01, `W1 = ${w}`);
  const wc = wassersteinCircleToDensity(big.map((v) => Math.PI * (v + 1)), Float64Array.from({ length: 64 }, () => 1));
  assert.ok(wc > 0 && wc <= Math.PI * w + 1e-12, `circle W1 ${wc} vs π × line W1 ${Math.PI * w}`);
});

test('W1 refuses empty samples, non-finite points, bad weights and bad cells, naming them', () => {
  assertRangeError(() => wasserstein1([], [1]), /empty sample/);
  assertRangeError(() => wasserstein1([1, NaN], [1]), /point 1 = NaN/);
  assertRangeError(() => wasserstein1({ points: [1, 2], weights: [1] }, [1]), /2 points but 1 weights/);
  assertRangeError(() => wasserstein1({ points: [1, 2], weights: [1, -1] }, [1]), /weight 1 = -1/);
  assertRangeError(() => wasserstein1({ points: [1, 2], weights: [0, 0] }, [1]), /sum to 0/);
  assertRangeError(() => wassersteinToDensity([1], [1, -2], 0, 1), /density\[1\] = -2/);
  assertRangeError(() => wassersteinToDensity([1], [0, 0], 0, 1), /zero mass/);
  assertRangeError(() => wassersteinToDensity([1], [1], 1, 0), /a < b/);
  assertRangeError(() => wassersteinToDensity([1], [], 0, 1), /no cells/);
});

test.run();

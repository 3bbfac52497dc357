/**
 * Two statistics where a plausible defect keeps every symmetric test green: the crossover of the
 * two-term fit is |Q|/P (Q may be negative), and the bootstrap interval is the percentile one (on a
 * skewed sample it is skewed the same way and stays inside the statistic's range).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapMeanInterval, bootstrapStratified, bootstrapTwoTermFit, BootstrapStreams, fnv1a32 } from '../../../compare/index.ts';

test('two-term fit: exact data with P = 2, Q = −4 give n× = |Q|/P = 2, its interval ≥ 0', () => {
  const ns = [8, 16, 32, 64, 128];
  // per seed, the exact law plus a zero-mean spread of ±10% (the means are exact, the weights finite)
  const values = ns.map((n) => {
    const y = 2 / n - 4 / (n * n);
    return Float64Array.from([0.9, 1.1, 0.95, 1.05, 1.0, 1.0].map((f) => f * y));
  });
  const fit = bootstrapTwoTermFit(ns, values, { seed: 3, replicates: 400 });
  assert.ok(Math.abs(fit.P.estimate - 2) < 1e-12, `P ${fit.P.estimate}`);
  assert.ok(Math.abs(fit.Q.estimate + 4) < 1e-10, `Q ${fit.Q.estimate}`);
  assert.ok(Math.abs(fit.crossover.estimate - 2) < 1e-10, `n× ${fit.crossover.estimate}`);
  assert.ok(fit.crossover.lower >= 0, `n× interval [${fit.crossover.lower}, ${fit.crossover.upper}]`);
  assert.ok(fit.crossover.lower <= 2 && fit.crossover.upper >= 2);
});

test('percentile bootstrap: on 19 zeros and one 10 the interval of the mean is [0, …] skewed right, never below the smallest value', () => {
  const values = Float64Array.from({ length: 20 }, (_, k) => (k === 7 ? 10 : 0));
  const iv = bootstrapMeanInterval(values, { seed: 11, replicates: 4000 });
  assert.is(iv.estimate, 0.5);
  // a replicate's mean is 10·(count of the one)/20 ≥ 0; P(count = 0) = (19/20)^20 ≈ 0.36 > 2.5%
  assert.is(iv.lower, 0);
  assert.ok(iv.upper - iv.estimate > iv.estimate - iv.lower, `[${iv.lower}, ${iv.upper}] around ${iv.estimate}`);
  // the 97.5% quantile of 10·Binomial(20, 1/20)/20 is 1.5 (P(count ≤ 2) = 0.925, P(count ≤ 3) = 0.984)
  assert.is(iv.upper, 1.5);
});

test('stratified resampling draws every member of every level: the share of the last seed averages 1/R', () => {
  const sizes = [5, 3];
  // per replicate, the share of picks that are each level's last member (1/R on average when drawn uniformly)
  const [last0, last1] = bootstrapStratified(sizes, 2, (idx, out) => {
    sizes.forEach((R, k) => {
      let hits = 0;
      for (const i of idx[k]!) if (i === R - 1) hits++;
      out[k] = hits / R;
    });
  }, { seed: 5, replicates: 4000 });
  // the share of 5 draws: P(≥ 2 of 5) = 0.26, so the 97.5% quantile is at least 2/5; never drawn, it would be 0
  assert.ok(last0!.upper >= 0.4, `level 0: [${last0!.lower}, ${last0!.upper}]`);
  assert.ok(last1!.upper >= 2 / 3, `level 1: [${last1!.lower}, ${last1!.upper}]`);
  // the replicates' spread is the binomial one: sd of Binomial(R, 1/R)/R = √((1 − 1/R)/R)/√R
  assert.ok(Math.abs(last0!.standardError - Math.sqrt(0.8 * 0.2 / 5)) < 0.01, `se ${last0!.standardError}`);
  assert.ok(Math.abs(last1!.standardError - Math.sqrt((2 / 3) * (1 / 3) / 3)) < 0.01, `se ${last1!.standardError}`);
});

test('a study\'s bootstrap streams: named by what they resample, the same name the same stream, beyond every member stream', () => {
  const streams = new BootstrapStreams(9, 300, 0.9);
  const a = streams.for('slope', 'mse', 10);
  assert.equal(a, { replicates: 300, level: 0.9, seed: 9, stream: 2 ** 52 + fnv1a32('slope|mse|10') });
  assert.equal(streams.for('slope', 'mse', 10), a, 'asked again, or in another order: the same stream');
  const names = [['slope', 'mse', 0], ['slope', 'mse', 1], ['slope', 'mse mode 1', 10], ['two-term', 10], ['prefactor decay', 'total', 10], ['prefactor decay', 'mode 1', 10]];
  const all = names.map((k) => streams.for(...k).stream!);
  assert.is(new Set([...all, a.stream]).size, names.length + 1, 'distinct names, distinct streams');
  assert.ok(all.every((s) => s >= 2 ** 52 && Number.isSafeInteger(s)), 'disjoint from the member streams r·2^24 + n');
  // FNV-1a reference values (32-bit offset basis and prime)
  assert.is(fnv1a32(''), 0x811c9dc5);
  assert.is(fnv1a32('a'), 0xe40c292c);
});

test.run();

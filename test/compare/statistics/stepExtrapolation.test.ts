import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapStepExtrapolation, observedOrder, richardson } from '../../../compare/statistics/stepExtrapolation.ts';
import { Rng } from '../../../model/index.ts';

/** Groups whose statistic at step h is `a0 + C hᵖ` plus a group effect shared by the three steps and a little independent noise. */
function synthetic(G: number, a0: number, C: number, p: number, h: number, noise: number, seed: number): Float64Array[] {
  const rng = new Rng(seed, 1);
  return Array.from({ length: G }, () => {
    const shared = rng.normal();
    return Float64Array.from([0, 1, 2], (j) => a0 + C * (h / 2 ** j) ** p + 0.05 * shared + noise * rng.normal());
  });
}
const mean = (values: Float64Array[], j: number, pick: Int32Array): number => {
  let s = 0;
  for (const g of pick) s += values[g]![j]!;
  return s / pick.length;
};

test('exact on data with a known order: first and second order, observed and extrapolated', () => {
  for (const p of [1, 2]) {
    const [ah, ah2, ah4] = [0, 1, 2].map((j) => -1 + 0.3 * (0.02 / 2 ** j) ** p) as [number, number, number];
    assert.ok(Math.abs(observedOrder(ah, ah2, ah4)! - p) < 1e-9);
    assert.ok(Math.abs(richardson(ah2, ah4, p) + 1) < 1e-12);
  }
  assert.is(observedOrder(1, 0.9, 0.95), null, 'differences of two signs: no order');
});

test('over seeded synthetic studies the extrapolated interval covers the truth near its level (measured 91.5% of 1000 for 95%), the paired halving interval excludes 0', () => {
  let covered = 0;
  let halvingSeen = 0;
  const studies = 200;
  for (let k = 0; k < studies; k++) {
    // s(h) = −1 + 30h at h = 0.02: −0.4, halving moves it by 0.3; group effects 0.05 shared, noise 0.005
    const values = synthetic(10, -1, 30, 1, 0.02, 0.005, 100 + k);
    const x = bootstrapStepExtrapolation(10, (j, pick) => mean(values, j, pick), { seed: k, replicates: 400, level: 0.95 }, 1);
    if (x.extrapolated.lower <= -1 && -1 <= x.extrapolated.upper) covered++;
    if (x.halving.upper < 0) halvingSeen++;
  }
  assert.ok(covered / studies >= 0.88, `coverage ${covered}/${studies}`);
  assert.is(halvingSeen, studies);
});

test('where the observed order is noise the assumed one is used, and the result says so', () => {
  // no step dependence at all: the differences are noise
  const values = synthetic(12, -1, 0, 1, 0.02, 0.01, 7);
  const x = bootstrapStepExtrapolation(12, (j, pick) => mean(values, j, pick), { seed: 3, replicates: 300, level: 0.95 }, 1);
  if (!x.orderObserved) assert.is(x.order, 1);
  else assert.ok(x.order >= 0.25 && x.order <= 4);
  assert.ok(x.extrapolated.lower <= -1 + 0.05 && x.extrapolated.upper >= -1 - 0.05, `${x.extrapolated.lower}, ${x.extrapolated.upper}`);
  assert.throws(() => bootstrapStepExtrapolation(1, () => 0, { seed: 1 }, 1), /at least 2/);
});

test.run();

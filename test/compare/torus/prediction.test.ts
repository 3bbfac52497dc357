import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { comparePrefactor, type CltPredictionRecord } from '../../../compare/index.ts';

const prediction: CltPredictionRecord = {
  settings: { ny: 8, nc: 4, dt: 0.1, check: null }, times: [0, 5], total: [0.2, 1e-30], perMode: [[0.2], [1e-30]],
  checkTotal: null, linearRegime: null, seconds: 0,
};

test('comparePrefactor: pools the upper half of the ladder, adds standard errors in quadrature, skips what the study cannot resolve', () => {
  const ns = [32, 64, 128, 256];
  // n·s.e. = 0.02 and 0.04 on the pooled rungs 128 and 256
  const cells = [
    { n: 32, t: 0, mse: 9 / 32, mseStandardError: 1 }, { n: 64, t: 0, mse: 9 / 64, mseStandardError: 1 },
    { n: 128, t: 0, mse: 0.21 / 128, mseStandardError: 0.02 / 128 }, { n: 256, t: 0, mse: 0.23 / 256, mseStandardError: 0.04 / 256 },
    ...ns.map((n) => ({ n, t: 5, mse: 1e-28 / n, mseStandardError: 1e-31 })),
  ];
  const [a, b] = comparePrefactor(ns, cells, prediction, [1e-12, 1e-12]);
  assert.equal(a!.pooledNs, [128, 256]);
  assert.ok(Math.abs(a!.measured - 0.22) < 1e-15);
  const se = Math.sqrt(0.02 ** 2 + 0.04 ** 2) / 2;
  assert.ok(Math.abs(a!.standardError - se) < 1e-15);
  assert.ok(Math.abs(a!.lower - (0.22 - 1.96 * se)) < 1e-15 && Math.abs(a!.upper - (0.22 + 1.96 * se)) < 1e-15);
  assert.ok(a!.resolvable && a!.agrees, '0.2 lies in 0.22 ± 0.044');
  assert.not.ok(b!.resolvable, 'a predicted squared error of 1e-30/256 is below the floor 1e-12');
  const [c] = comparePrefactor(ns, cells, { ...prediction, total: [0.1, 1e-30] }, [1e-12, 1e-12]);
  assert.not.ok(c!.agrees, '0.1 lies outside 0.22 ± 0.044');
  assert.not.ok(a!.controlled);
});

test('comparePrefactor: pools the controlled means and their standard errors where the cells have them', () => {
  const ns = [128, 256];
  const cells = ns.map((n) => ({ n, t: 0, mse: 0.5 / n, mseStandardError: 0.1 / n, controlled: { mse: 0.2 / n, standardError: 0.001 / n } }))
    .concat(ns.map((n) => ({ n, t: 5, mse: 1e-28 / n, mseStandardError: 1e-31, controlled: { mse: 1e-28 / n, standardError: 1e-31 } })));
  const [a] = comparePrefactor(ns, cells, prediction, [1e-12, 1e-12]);
  assert.equal(a!.pooledNs, [256]);
  assert.ok(Math.abs(a!.measured - 0.2) < 1e-15 && Math.abs(a!.standardError - 0.001) < 1e-15, `${a!.measured} ± ${a!.standardError}`);
  assert.ok(a!.controlled);
});

test.run();

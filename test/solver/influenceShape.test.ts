import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem } from '../../model/index.ts';
import { influenceShape, predictCltPrefactor, type InfluenceTable } from '../../solver/index.ts';

/** A table of one real function `Σ_k h_{p_k}(u) (a_k cos j_k y − b_k sin j_k y)`. */
function table(terms: readonly { p: number; j: number; a: number; b?: number }[]): InfluenceTable {
  return {
    t: 0, start: [0, terms.length], p: terms.map((x) => x.p), j: terms.map((x) => x.j), a: terms.map((x) => x.a), b: terms.map((x) => x.b ?? 0),
    meanRe: [0], meanIm: [0], expected: [0], expectedShortfall: 0,
  };
}

test('u·cos y: skewness 0, excess kurtosis 3·(3/8)/(1/2)² − 3 = 1.5; (u² − 1)/√2: the chi-square shape √8 and 12', () => {
  const a = influenceShape(table([{ p: 1, j: 1, a: 1 }]), 0);
  // zeroing |u| > 6 removes E[u² cos² y; |u| > 6] ≈ 6·φ(6) = 3.7e-8
  assert.ok(Math.abs(a.variance - 0.5) < 1e-7, `variance ${a.variance}`);
  assert.ok(Math.abs(a.skewness) < 1e-12, `skewness ${a.skewness}`);
  // the zeroed tails |u| > 6 change E u⁴ by ≈ 2·φ(6)·6³ ≈ 3e-6
  assert.ok(Math.abs(a.excessKurtosis - 1.5) < 1e-5, `excess kurtosis ${a.excessKurtosis}`);
  const b = influenceShape(table([{ p: 2, j: 0, a: 1 }]), 0);
  assert.ok(Math.abs(b.skewness - Math.sqrt(8)) < 1e-3, `skewness ${b.skewness}`);
  assert.ok(Math.abs(b.excessKurtosis - 12) < 2e-2, `excess kurtosis ${b.excessKurtosis}`);
  // sin terms enter with their sign convention: −b sin y has the same law as cos y
  const c = influenceShape(table([{ p: 1, j: 1, a: 0, b: 1 }]), 0);
  assert.ok(Math.abs(c.excessKurtosis - a.excessKurtosis) < 1e-9);
  assert.equal(influenceShape({ ...table([]), start: [0, 0] }, 0), { variance: 0, skewness: 0, excessKurtosis: 0 });
  assert.throws(() => influenceShape(table([{ p: 1, j: 1, a: 1 }]), 1), /q = 1 is not a function of this table \(1 of them\)/);
});

test('at t = 0 the influence of mode m is c·ψ̂_m e^{−imy}: one term is c·cos(my + φ), of excess kurtosis 1.5·E c⁴/(E c²)² − 3', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  const law = { cMean: 0.3, sigmaC: 0.8 };
  const [p0] = predictCltPrefactor(problem, law, { ny: 32, nc: 12, times: [0], dt: 0.1 });
  const mu = law.cMean;
  const s2 = law.sigmaC ** 2;
  const c2 = mu * mu + s2;
  const c4 = mu ** 4 + 6 * mu * mu * s2 + 3 * s2 * s2;
  for (const m of [1, 2]) {
    for (const q of [2 * m, 2 * m + 1]) {
      const shape = influenceShape(p0!.influence!, q);
      assert.ok(Math.abs(shape.skewness) < 1e-9, `m = ${m}, q = ${q}: skewness ${shape.skewness}`);
      assert.ok(Math.abs(shape.excessKurtosis - (1.5 * c4 / (c2 * c2) - 3)) < 1e-5, `m = ${m}, q = ${q}: ${shape.excessKurtosis}`);
    }
  }
});

test.run();

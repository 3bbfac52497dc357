import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REDUCTION_LIMIT, Rng, sinCosInto } from '../../model/index.ts';

function worstAgainstMath(x: Float64Array): number {
  const c = new Float64Array(x.length);
  const s = new Float64Array(x.length);
  sinCosInto(x, x.length, c, s);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(c[i]! - Math.cos(x[i]!)), Math.abs(s[i]! - Math.sin(x[i]!)));
  return worst;
}

test('within 2.3e-16 of Math.cos and Math.sin on 10⁶ points up to |x| = 10⁵, on the particles\' range and near the multiples of π/2', () => {
  const rng = new Rng(4, 1);
  const wide = new Float64Array(1_000_000);
  for (let i = 0; i < wide.length; i++) wide[i] = (rng.uniform() - 0.5) * (i % 2 === 0 ? 2e5 : 40);
  assert.ok(worstAgainstMath(wide) <= 2.3e-16, `wide: ${worstAgainstMath(wide)}`);
  const near = new Float64Array(40_000);
  for (let i = 0; i < near.length; i++) near[i] = (i - 20_000) * (Math.PI / 2) + (rng.uniform() - 0.5) * 1e-9;
  assert.ok(worstAgainstMath(near) <= 2.3e-16, `near kπ/2: ${worstAgainstMath(near)}`);
});

test('past the reduction limit and for non-finite x it is Math itself; it writes only count entries', () => {
  const x = Float64Array.of(REDUCTION_LIMIT * 3, -1e300, Infinity, NaN, 0.5, 7);
  const c = new Float64Array(6).fill(9);
  const s = new Float64Array(6).fill(9);
  sinCosInto(x, 5, c, s);
  for (let i = 0; i < 4; i++) {
    assert.ok(Object.is(c[i], Math.cos(x[i]!)) && Object.is(s[i], Math.sin(x[i]!)), `x = ${x[i]}`);
  }
  assert.is(c[5], 9);
  assert.is(s[5], 9);
});

test.run();

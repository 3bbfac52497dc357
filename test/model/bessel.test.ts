import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { besselIveSequence } from '../../model/bessel.ts';
import { assertClose } from '../helpers/assertClose.ts';

/** e^{−x} I_m(x) by its power series, an independent formula (fine for moderate x). */
function iveSeries(m: number, x: number): number {
  let term = Math.pow(x / 2, m);
  for (let j = 1; j <= m; j++) term /= j;
  let s = 0;
  for (let j = 0; j < 400; j++) {
    s += term;
    term *= (x * x) / 4 / ((j + 1) * (j + 1 + m));
  }
  return s * Math.exp(-x);
}

test('besselIveSequence matches the power series to 1e-13 relative for every order up to 30', () => {
  for (const x of [0.01, 0.5, 2, 7.5, 20]) {
    const v = besselIveSequence(x, 30);
    for (let m = 0; m <= 30; m++) assertClose(v[m]!, iveSeries(m, x), 1e-13, 0, `ive(${m}, ${x})`);
  }
});

test('besselIveSequence satisfies e^{−x}(I_0 + 2 Σ I_m) = 1 and stays finite for large x', () => {
  for (const x of [100, 1000, 5000]) {
    const v = besselIveSequence(x, 2000);
    let s = v[0]!;
    for (let m = 1; m < v.length; m++) s += 2 * v[m]!;
    assertClose(s, 1, 1e-12, 0, `normalisation at x = ${x}`);
    // large-x asymptotics: e^{−x} I_0(x) ≈ 1/√(2πx) (1 + 1/(8x))
    assertClose(v[0]!, (1 + 1 / (8 * x) + 9 / (128 * x * x)) / Math.sqrt(2 * Math.PI * x), 1e-7, 0, `I_0 asymptote at ${x}`);
  }
});

test('besselIveSequence at x = 0 is the delta sequence, and rejects negative x', () => {
  assert.equal(Array.from(besselIveSequence(0, 3)), [1, 0, 0, 0]);
  assert.throws(() => besselIveSequence(-1, 3), /x must be finite and >= 0/);
});

test.run();

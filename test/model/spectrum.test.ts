import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTarget } from '../../model/target.ts';
import { createTorusProblem } from '../../model/problem.ts';
import { lossOfSpectrum } from '../../model/loss.ts';
import { evaluateSpectrum, parsevalDistanceSquared, createSpectrum } from '../../model/spectrum.ts';
import { assertClose } from '../helpers/assertClose.ts';

test('createTarget gives f = cos x the coefficient f̂_1 = 0.5 and a sine −i/2', () => {
  const t = createTarget('cos(x) + 0.6*sin(2*x)');
  assertClose(t.fhat.re[1]!, 0.5, 1e-15, 0, 'f̂_1');
  assertClose(t.fhat.im[2]!, -0.3, 1e-15, 0, 'Im f̂_2');
  assert.is(t.modes, 2);
  assertClose(t.energy, 0.5 + 0.18, 1e-14, 0, '‖f‖²');
});

test('parsevalDistanceSquared equals the quadrature of (a − b)² (Parseval), for spectra of different lengths', () => {
  const a = createSpectrum(3);
  const b = createSpectrum(5);
  a.re.set([0.2, 0.5, -0.1, 0.05]); a.im.set([0, 0.3, 0.2, -0.4]);
  b.re.set([-0.1, 0.1, 0, 0.3, 0.02, 0.01]); b.im.set([0, -0.2, 0.1, 0, 0.07, -0.03]);
  let q = 0;
  const N = 64;
  for (let j = 0; j < N; j++) {
    const x = (2 * Math.PI * j) / N;
    q += (evaluateSpectrum(a, x) - evaluateSpectrum(b, x)) ** 2 / N;
  }
  assertClose(parsevalDistanceSquared(a, b), q, 1e-13, 0, '‖a − b‖²');
});

test('the loss counts the target modes no unit mode can reach', () => {
  const p = createTorusProblem({ unit: 'vonmises:0.3', target: 'cos(x) + sin(9*x)', modeTolerance: 1e-8 });
  assert.ok(p.M < 9);
  assertClose(p.targetTail, 0.5, 1e-12, 0, 'energy of sin 9x');
  assertClose(lossOfSpectrum(p, createSpectrum(p.M)), 0.5 * 1.0, 1e-12, 0, 'loss of g = 0 is ½‖f‖²');
});

test.run();

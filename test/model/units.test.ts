import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createUnit, UnitSpecError } from '../../model/units.ts';
import { coefficientsOfSamples, sampleOnTorus } from '../../model/fft.ts';
import { besselIveSequence } from '../../model/bessel.ts';
import { assertClose } from '../helpers/assertClose.ts';

test('vonmises:κ has ψ̂_m = e^{−κ} I_m(κ), and the FFT of ψ agrees with it', () => {
  for (const kappa of [0.5, 2, 8]) {
    const u = createUnit(`vonmises:${kappa}`);
    const fft = coefficientsOfSamples(sampleOnTorus(u.psi, 1024, 'ψ'));
    for (let m = 0; m <= u.modes; m++) {
      assertClose(u.psihat.re[m]!, fft.re[m]!, 0, 1e-15, `ψ̂_${m} vs FFT, κ = ${kappa}`);
      assert.is(u.psihat.im[m], 0);
    }
    assertClose(u.energy, besselIveSequence(2 * kappa, 0)[0]!, 1e-14, 0, '∫ψ² = e^{−2κ} I_0(2κ)');
  }
});

test('relu closed form agrees with the FFT of max(0, cos u) and its tail is reported when capped', () => {
  const u = createUnit('relu', { maxModes: 64 });
  const fft = coefficientsOfSamples(sampleOnTorus(u.psi, 1 << 16, 'ψ'));
  for (let m = 0; m <= 64; m++) assertClose(u.psihat.re[m]!, fft.re[m]!, 0, 1e-9, `ψ̂_${m}`);
  assert.ok(u.capped);
  assertClose(u.energy, 0.25, 1e-12, 0, '∫ relu² dμ = 1/4');
  // tail of Σ 2/(π²(m²−1)²) over even m > 64, relative to 1/4
  let tail = 0;
  for (let m = 66; m < 2e6; m += 2) tail += 2 / (Math.PI ** 2 * (m * m - 1) ** 2);
  assertClose(u.relativeTailEnergy, tail / 0.25, 1e-6, 0, 'relative tail');
});

test('modes are chosen from the tolerance: a looser tolerance keeps fewer modes, and the kept tail meets it', () => {
  const tight = createUnit('vonmises:2', { modeTolerance: 1e-14 });
  const loose = createUnit('vonmises:2', { modeTolerance: 1e-6 });
  assert.ok(loose.modes < tight.modes);
  assert.ok(tight.relativeTailEnergy <= 1e-14 && loose.relativeTailEnergy <= 1e-6);
  // one mode fewer would have broken the tolerance
  const abs2 = (m: number): number => tight.psihat.re[m]! ** 2;
  assert.ok(tight.relativeTailEnergy + (2 * abs2(tight.modes)) / tight.energy > 1e-14);
});

test('sigmoid:β and expr: units get FFT coefficients; a non-even expr unit has complex ψ̂', () => {
  const s = createUnit('sigmoid:3');
  assertClose(s.psihat.re[0]!, 0.5, 1e-14, 0, 'mean of a sigmoid of cos is 1/2');
  const e = createUnit('expr:exp(2*(cos(u)-1))');
  const v = createUnit('vonmises:2');
  for (let m = 0; m <= v.modes; m++) assertClose(e.psihat.re[m]!, v.psihat.re[m]!, 0, 1e-15, `expr vs vonmises ψ̂_${m}`);
  const shifted = createUnit('expr:exp(cos(u - 1))');
  assert.ok(Math.abs(shifted.psihat.im[1]!) > 0.1);
});

test('the closed-form vonmises kernel k(u) matches its Fourier series Σ |ψ̂_m|² e^{imu}', () => {
  const u = createUnit('vonmises:3');
  for (const x of [0, 0.3, 1.7, Math.PI, 4.4, -2]) {
    let k = u.psihat.re[0]! ** 2;
    let dk = 0;
    for (let m = 1; m <= u.modes; m++) {
      k += 2 * u.psihat.re[m]! ** 2 * Math.cos(m * x);
      dk -= 2 * m * u.psihat.re[m]! ** 2 * Math.sin(m * x);
    }
    assertClose(u.kernel!.k(x), k, 1e-13, 1e-15, `k(${x})`); // atol: the series cancels to ~ε·k(0)
    assertClose(u.kernel!.dk(x), dk, 1e-12, 1e-15, `k'(${x})`);
  }
});

test('createUnit rejects unknown units and bad parameters with a message naming them', () => {
  assert.throws(() => createUnit('tanh'), (e: unknown) => e instanceof UnitSpecError && /unknown unit "tanh"/.test((e as Error).message));
  assert.throws(() => createUnit('vonmises:0'), /κ must be a finite number > 0, got "0"/);
  assert.throws(() => createUnit('sigmoid:abc'), /β must be/);
  assert.throws(() => createUnit('relu:2'), /relu takes no parameter/);
  assert.throws(() => createUnit('expr:1/cos(u)-1/cos(u)+1/(u-u)'), /not finite/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, Rng, sampleInitialLaw } from '../../model/index.ts';
import { DirectInteraction, SpectralInteraction } from '../../particles/index.ts';
import { maxRelativeDifference } from '../helpers/assertClose.ts';

function compare(unit: string, n: number, seed: number): { u: number; du: number } {
  const problem = createTorusProblem({ unit, target: 'cos(x) + 0.6*sin(2*x) - 0.2' });
  const y = new Float64Array(n);
  const c = new Float64Array(n);
  sampleInitialLaw({ cMean: 0.4, sigmaC: 1.5 }, n, new Rng(seed), y, c);
  for (let i = 0; i < n; i++) y[i] = y[i]! + 20 * (i % 3) - 10; // angles outside [0, 2π) too
  const us = new Float64Array(n), dus = new Float64Array(n), ud = new Float64Array(n), dud = new Float64Array(n);
  new SpectralInteraction(problem, n).potentialAt(y, c, us, dus);
  new DirectInteraction(problem, n).potentialAt(y, c, ud, dud);
  return { u: maxRelativeDifference(us, ud), du: maxRelativeDifference(dus, dud) };
}

test('spectral O(nM) and direct O(n²) potentials agree to 1e-12 relative (vonmises: closed-form pair kernel)', () => {
  for (const kappa of [0.5, 2, 6]) {
    const d = compare(`vonmises:${kappa}`, 300, kappa * 10);
    assert.ok(d.u < 1e-12 && d.du < 1e-12, `κ = ${kappa}: U differs by ${d.u}, ∂U by ${d.du}`);
  }
});

test('spectral and direct potentials agree to 1e-12 relative for FFT units (series pair kernel)', () => {
  for (const unit of ['sigmoid:2', 'expr:exp(cos(u - 0.7)) + 0.3*sin(2*u)']) {
    const d = compare(unit, 200, 3);
    assert.ok(d.u < 1e-12 && d.du < 1e-12, `${unit}: U differs by ${d.u}, ∂U by ${d.du}`);
  }
});

test.run();

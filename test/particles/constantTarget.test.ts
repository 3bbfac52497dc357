import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem } from '../../model/index.ts';
import { runParticles, SpectralInteraction } from '../../particles/index.ts';
import { assertClose } from '../helpers/assertClose.ts';

test('constant target, equal c on a lattice: ∂U_n vanishes and every c relaxes by the exact exponential', () => {
  const fbar = 0.7;
  const c0 = -0.4;
  const problem = createTorusProblem({ unit: 'vonmises:2', target: String(fbar) });
  const n = 3 * problem.M + 5; // lattice finer than every retained mode: S_m = 0 for 0 < m ≤ M
  const y = Float64Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n + 0.1);
  const c = new Float64Array(n).fill(c0);
  const U = new Float64Array(n);
  const dU = new Float64Array(n);
  new SpectralInteraction(problem, n).potentialAt(y, c, U, dU);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(dU[i]!) < 1e-15, `∂U(y_${i}) = ${dU[i]}`);

  // dc/dt = −U = f̄ ψ̂_0 − ψ̂_0² c, so c(t) = c* + (c0 − c*) e^{−ψ̂_0² t} with c* = f̄/ψ̂_0
  const p0 = problem.psihat.re[0]!;
  const cStar = fbar / p0;
  const times = [0.5, 5, 20, 60];
  const snaps = runParticles({
    problem, law: { cMean: 0, sigmaC: 1 }, n, seed: 0, dynamics: 'gd', integrator: 'rk4', dt: 0.05, frozenY: false,
    interaction: 'spectral', times, recordParticles: true, initial: { y, c },
  });
  snaps.forEach((s, k) => {
    const exact = cStar + (c0 - cStar) * Math.exp(-p0 * p0 * times[k]!);
    for (let i = 0; i < n; i++) {
      assertClose(s.c![i]!, exact, 1e-10, 0, `c_${i}(${times[k]})`);
      assert.ok(Math.abs(s.y![i]! - y[i]!) < 1e-13, `y_${i} moved to ${s.y![i]}`);
    }
    assertClose(s.loss, 0.5 * (fbar - p0 * exact) ** 2, 1e-9, 1e-30, `loss(${times[k]})`);
  });
});

test.run();

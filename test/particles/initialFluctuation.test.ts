import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, spectrumEnergy } from '../../model/index.ts';
import { runParticles } from '../../particles/index.ts';

test('at t = 0 with c̄ = 0, n·E‖f_n − f₀‖² = σ_c² ∫ψ² dμ (CLT scale), within 4 standard errors over 3000 seeds', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  const sigmaC = 1.3;
  const n = 50;
  const R = 3000;
  // f₀(0) = ∫ c ψ(x − y) ρ_in = 0 when c̄ = 0, so ‖f_n − f₀‖² = ‖f_n‖².
  const xs = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const [s] = runParticles({
      problem, law: { cMean: 0, sigmaC }, n, seed: 2024, stream: r, dynamics: 'gd', integrator: 'rk4', dt: 0.1,
      frozenY: false, interaction: 'spectral', times: [0],
    });
    xs[r] = n * spectrumEnergy(s!.fhat);
  }
  const mean = xs.reduce((a, b) => a + b, 0) / R;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
  const exact = sigmaC ** 2 * spectrumEnergy(problem.psihat); // ∫ψ_M² dμ of the represented unit
  const z = (mean - exact) / (sd / Math.sqrt(R));
  assert.ok(Math.abs(z) < 4, `mean ${mean}, exact ${exact}, z = ${z}`);
  assert.ok(Math.abs(exact - sigmaC ** 2 * problem.unit.energy) < 1e-15, 'ψ_M carries all of ∫ψ² to rounding');
});

test.run();

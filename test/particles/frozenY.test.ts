import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createTorusProblem, Rng, sampleInitialLaw, type TorusProblem } from '../../model/index.ts';
import { runParticles } from '../../particles/index.ts';

/**
 * Frozen-y GD is the linear ODE dC/dt = F(Y) − (1/n) K C with K_ij = k(Y_i − Y_j) (docs/solvers.md, frozen y). With
 * A = K/n = Q Λ Qᵀ, each eigen-component solves c̃' = b̃ − λ c̃ exactly:
 * c̃(t) = c̃(0) e^{−λt} + b̃ (1 − e^{−λt})/λ.
 */
function exactFrozen(problem: TorusProblem, y: Float64Array, c0: Float64Array, t: number): Float64Array {
  const n = y.length;
  const { khat, Fhat, M } = problem;
  const A = new Matrix(n, n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let F = Fhat.re[0]!;
    for (let m = 1; m <= M; m++) F += 2 * (Fhat.re[m]! * Math.cos(m * y[i]!) - Fhat.im[m]! * Math.sin(m * y[i]!));
    b[i] = F;
    for (let j = 0; j < n; j++) {
      let k = khat[0]!;
      for (let m = 1; m <= M; m++) k += 2 * khat[m]! * Math.cos(m * (y[i]! - y[j]!));
      A.set(i, j, k / n);
    }
  }
  const evd = new EigenvalueDecomposition(A, { assumeSymmetric: true });
  const Q = evd.eigenvectorMatrix;
  const lambda = evd.realEigenvalues;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let ct = 0;
    let bt = 0;
    for (let i = 0; i < n; i++) {
      ct += Q.get(i, k) * c0[i]!;
      bt += Q.get(i, k) * b[i]!;
    }
    const l = Math.max(lambda[k]!, 0);
    const growth = l * t < 1e-300 ? t : -Math.expm1(-l * t) / l;
    const ck = ct * Math.exp(-l * t) + bt * growth;
    for (let i = 0; i < n; i++) out[i] = out[i]! + Q.get(i, k) * ck;
  }
  return out;
}

test('frozen-y GD (RK4) matches the eigen-decomposition solution of dC/dt = F(Y) − K C/n to 1e-8 at t = 10', () => {
  for (const [unit, target, n] of [['vonmises:2', 'cos(x) + 0.6*sin(2*x)', 40], ['sigmoid:3', 'exp(sin(x)) - 1', 25]] as const) {
    const problem = createTorusProblem({ unit, target });
    const y = new Float64Array(n);
    const c = new Float64Array(n);
    sampleInitialLaw({ cMean: 0.2, sigmaC: 1 }, n, new Rng(11), y, c);
    const [snap] = runParticles({
      problem, law: { cMean: 0, sigmaC: 1 }, n, seed: 0, dynamics: 'gd', integrator: 'rk4', dt: 0.01, frozenY: true,
      interaction: 'spectral', times: [10], recordParticles: true, initial: { y, c },
    });
    const exact = exactFrozen(problem, y, c, 10);
    let err = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      err = Math.max(err, Math.abs(snap!.c![i]! - exact[i]!));
      scale = Math.max(scale, Math.abs(exact[i]!));
    }
    assert.ok(err / scale < 1e-8, `${unit}: relative error ${err / scale}`);
    // y did not move
    for (let i = 0; i < n; i++) assert.ok(Math.abs(snap!.y![i]! - (y[i]! % (2 * Math.PI))) < 1e-15);
  }
});

test.run();

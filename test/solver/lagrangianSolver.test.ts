import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, parsevalDistanceSquared, type InitialLaw } from '../../model/index.ts';
import {
  frozenYFhat, gaussHermite, SolverConfigError, linearRegimeFhat, normalQuadrature, RK8_A, RK8_B, RK8_C,
  RungeKutta8, solveGrid, solveLagrangian,
} from '../../solver/index.ts';
import { assertClose } from '../helpers/assertClose.ts';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

const distance = (a: Parameters<typeof parsevalDistanceSquared>[0], b: Parameters<typeof parsevalDistanceSquared>[1]): number =>
  Math.sqrt(parsevalDistanceSquared(a, b));

test('Gauss–Hermite: the n-point rule integrates N(μ, σ²) moments exactly up to degree 2n − 1, and misses degree 2n by n!', () => {
  const two = gaussHermite(2);
  assertClose(two.nodes[1]!, Math.SQRT1_2, 1e-15, 0, 'node of H_2');
  assertClose(two.weights[0]!, 0.5, 1e-15, 0, 'weight of H_2');
  for (const n of [5, 20, 80]) {
    const { nodes, weights } = normalQuadrature(0, 1, n);
    // E[c^{2k}] = (2k − 1)!! for the standard normal
    let doubleFactorial = 1;
    for (let k = 0; 2 * k <= 2 * n; k++) {
      if (k > 0) doubleFactorial *= 2 * k - 1;
      let s = 0;
      for (let l = 0; l < n; l++) s += weights[l]! * nodes[l]! ** (2 * k);
      if (2 * k <= 2 * n - 1) assertClose(s, doubleFactorial, 1e-12, 0, `n = ${n}, E[c^${2 * k}]`);
      // degree 2n is the first it misses, by exactly E[He_n²] = n! (He_n the monic Hermite polynomial)
      else if (n <= 20) assertClose(doubleFactorial - s, factorial(n), 1e-6, 0, `n = ${n}, error on E[c^${2 * k}]`);
    }
    for (let l = 0; l < n; l++) assert.ok(weights[l]! > 0 && nodes[l]! === -nodes[n - 1 - l]!, 'positive, symmetric rule');
  }
  const shifted = normalQuadrature(0.3, 2, 10);
  let mean = 0;
  let variance = 0;
  for (let l = 0; l < 10; l++) mean += shifted.weights[l]! * shifted.nodes[l]!;
  for (let l = 0; l < 10; l++) variance += shifted.weights[l]! * (shifted.nodes[l]! - 0.3) ** 2;
  assertClose(mean, 0.3, 1e-14, 0, 'mean of N(0.3, 4)');
  assertClose(variance, 4, 1e-14, 0, 'variance of N(0.3, 4)');
});

test('Cooper–Verner RK8: consistent tableau and observed order 8 on an ODE with a known solution', () => {
  for (let i = 0; i < RK8_C.length; i++) {
    assertClose(RK8_A[i]!.reduce((a, b) => a + b, 0), RK8_C[i]!, 1e-14, 1e-15, `row sum ${i}`);
  }
  assertClose(RK8_B.reduce((a, b) => a + b, 0), 1, 1e-15, 0, 'Σ b');
  // y' = (y − 2t y²)/(1 + t), y(0) = 0.4, y(t) = (1 + t)/(t² + 2.5), written autonomously as (t, y)
  const field = (s: Float64Array, o: Float64Array): void => {
    o[0] = 1;
    o[1] = (s[1]! - 2 * s[0]! * s[1]! ** 2) / (1 + s[0]!);
  };
  const errors = [4, 8].map((steps) => {
    const rk = new RungeKutta8(field, 2);
    const s = Float64Array.of(0, 0.4);
    for (let i = 0; i < steps; i++) rk.step(s, 1 / steps);
    return Math.abs(s[1]! - 2 / 3.5);
  });
  const order = Math.log2(errors[0]! / errors[1]!);
  assert.ok(order > 7.3, `observed order ${order} (errors ${errors})`);
});

test('Lagrangian frozen-y: f₀(t) equals the exact frozen-y solution to rounding', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
  const law: InitialLaw = { cMean: 0.2, sigmaC: 1 };
  const snaps = solveLagrangian(problem, law, { ny: 32, nc: 8, times: [1, 10], frozenY: true });
  // c moves by s(t, yᵢ) at fixed nodes and s has modes ≤ M < ny/2: the trapezoid rule is exact
  for (const s of snaps) {
    const err = distance(s.fhat, frozenYFhat(problem, law, s.t));
    assert.ok(err < 1e-12, `t = ${s.t}: ‖f₀ − exact‖ = ${err}`);
  }
});

test('Lagrangian constant target: every c shifts rigidly and f₀ has only its mean mode', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: '0.7' });
  const law: InitialLaw = { cMean: 0.3, sigmaC: 1 };
  const [s] = solveLagrangian(problem, law, { ny: 32, nc: 16, times: [10] });
  const exact = frozenYFhat(problem, law, 10); // ∂_yU ≡ 0, so the full flow is the frozen-y one
  assert.ok(distance(s!.fhat, exact) < 1e-12, `‖f₀ − exact‖ = ${distance(s!.fhat, exact)}`);
  for (let m = 1; m <= problem.M; m++) assert.ok(Math.hypot(s!.fhat.re[m]!, s!.fhat.im[m]!) < 1e-14, `mode ${m}`);
  assertClose(s!.mass, 1, 1e-14, 0, 'quadrature mass');
});

test('Lagrangian self-convergence: 192×48 and 256×64 quadratures agree to 1e-9 on f̂₀ at t = 2', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const [a] = solveLagrangian(problem, law, { ny: 192, nc: 48, times: [2] });
  const [b] = solveLagrangian(problem, law, { ny: 256, nc: 64, times: [2] });
  const [coarse] = solveLagrangian(problem, law, { ny: 64, nc: 24, times: [2] });
  const d = distance(a!.fhat, b!.fhat);
  assert.ok(d < 1e-9, `‖f̂(192×48) − f̂(256×64)‖ = ${d}`);
  // and the agreement is earned: a coarse rule is far off (measured 2.4e-7)
  assert.ok(distance(coarse!.fhat, b!.fhat) > 100 * d, 'the coarse rule should differ visibly');
  // the time step is not what limits it: halving dt changes nothing at this level
  const [half] = solveLagrangian(problem, law, { ny: 192, nc: 48, times: [2], dt: 0.025 });
  assert.ok(distance(half!.fhat, a!.fhat) < 1e-12, `dt 0.05 → 0.025 changes f̂ by ${distance(half!.fhat, a!.fhat)}`);
});

test('Lagrangian linear regime f = εg: the error to exp(−λ_m t) relaxation shrinks faster than ε²', () => {
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const errs = [0.4, 0.2].map((eps) => {
    const problem = createTorusProblem({ unit: 'vonmises:1', target: `${eps}*cos(x) + ${eps}*0.5*sin(3*x)` });
    const [s] = solveLagrangian(problem, law, { ny: 64, nc: 24, times: [5] });
    return distance(s!.fhat, linearRegimeFhat(problem, law, 5));
  });
  // odd symmetry under (c, f) → (−c, −f) makes the correction O(ε³): ratio ≈ 8
  assert.ok(errs[0]! / errs[1]! > 6, `error ratio ${errs[0]! / errs[1]!} (errors ${errs})`);
  assert.ok(errs[1]! < 2e-3, `error at ε = 0.2: ${errs[1]}`);
});

test('grid solver against the Lagrangian reference: second-order convergence of f₀ at t = 2', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const [ref] = solveLagrangian(problem, law, { ny: 256, nc: 64, times: [2] });
  const errors = [32, 64, 128].map((n) => distance(solveGrid(problem, law, { ny: n, nc: n, L: 8, times: [2] })[0]!.fhat, ref!.fhat));
  const orders = [Math.log2(errors[0]! / errors[1]!), Math.log2(errors[1]! / errors[2]!)];
  // measured: errors 9.9e-4, 2.3e-4, 5.7e-5 (orders 2.10, 2.02); the reference is good to ~1e-11
  assert.ok(orders.every((p) => p >= 1.8), `observed orders ${orders} (errors ${errors})`);
  // and the grid agrees with the reference, not only with itself
  assert.ok(errors[2]! < 1e-4, `error at 128²: ${errors[2]}`);
});

test('the Lagrangian solver refuses quadratures it cannot use, naming the field', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  assert.throws(() => solveLagrangian(problem, law, { ny: 20, nc: 8, times: [1] }), (e: unknown) => e instanceof SolverConfigError && /ny = 20 is invalid/.test((e as Error).message));
  assert.throws(() => solveLagrangian(problem, law, { ny: 64, nc: 0, times: [1] }), /nc = 0 is invalid/);
  assert.throws(() => solveLagrangian(problem, law, { ny: 64, nc: 8, times: [1], dt: 0 }), /dt = 0 is invalid/);
});

test('numerical guards: a blow-up is reported at the step it appears, naming the node; an absurd CFL step is reported, not run', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: '1e300*cos(x)' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  assert.throws(() => solveLagrangian(problem, law, { ny: 32, nc: 8, times: [1] }), /characteristic \d+ \(y-node \d+, c-node \d+\) is not finite at t = 0.05 \(step 1\)/);
  assert.throws(() => solveGrid(problem, law, { ny: 32, nc: 16, L: 8, times: [1] }), /the CFL step .* is below 1e-9/);
});

test.run();

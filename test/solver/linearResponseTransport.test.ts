import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, Rng, sampleInitialLaw, type InitialLaw } from '../../model/index.ts';
import {
  createWeightedPotentialBuffers, InfluenceInterpolant, normalQuadrature, predictCltPrefactorWithTransport, RungeKutta8, weightedPotential, type InfluenceInterpolantRecord,
} from '../../solver/index.ts';

const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
const law: InitialLaw = { cMean: 0.3, sigmaC: 0.8 };
const M = problem.M;
const quad = { ny: 24, nc: 10 };
// 2.3 is not a multiple of the step: the landing step is taped too
const times = [0, 1, 2.3];
const dt = 0.2;
const { predictions, transport } = predictCltPrefactorWithTransport(problem, law, { ...quad, times, dt });

/** `f̂` at `times` of the weighted solve: the quadrature's nodes with weights `(1 − ε)W_k`, the points with `ε/n`, the same RK8 steps. */
function weightedSolve(y: Float64Array, c: Float64Array, n: number, eps: number): Float64Array[] {
  const N = quad.ny * quad.nc;
  const count = N + n;
  const rule = normalQuadrature(law.cMean, law.sigmaC, quad.nc);
  const w = new Float64Array(count);
  const st = new Float64Array(2 * count);
  for (let l = 0; l < quad.nc; l++) for (let i = 0; i < quad.ny; i++) {
    const k = l * quad.ny + i;
    st[k] = (2 * Math.PI * i) / quad.ny;
    st[count + k] = rule.nodes[l]!;
    w[k] = ((1 - eps) * rule.weights[l]!) / quad.ny;
  }
  for (let i = 0; i < n; i++) {
    st[N + i] = y[i]!;
    st[count + N + i] = c[i]!;
    w[N + i] = eps / n;
  }
  const buf = createWeightedPotentialBuffers(count, M);
  const rk = new RungeKutta8((s, out) => {
    weightedPotential(problem, s.subarray(0, count), s.subarray(count), w, count, buf);
    for (let k = 0; k < count; k++) {
      out[k] = -s[count + k]! * buf.dU[k]!;
      out[count + k] = -buf.U[k]!;
    }
  }, 2 * count);
  let t = 0;
  return times.map((T) => {
    while (t < T) {
      const h = Math.min(dt, T - t);
      rk.step(st, h);
      t = T - t - h <= 1e-12 * T ? T : t + h;
    }
    weightedPotential(problem, st.subarray(0, count), st.subarray(count), w, count, buf);
    const f = new Float64Array(2 * (M + 1));
    for (let m = 0; m <= M; m++) {
      const [ar, ai, pr, pi] = [buf.moments.re[m]!, buf.moments.im[m]!, problem.psihat.re[m]!, problem.psihat.im[m]!];
      f[2 * m] = pr * ar - pi * ai;
      f[2 * m + 1] = pr * ai + pi * ar;
    }
    return f;
  });
}

function particles(n: number, seed: number): { y: Float64Array; c: Float64Array } {
  const y = new Float64Array(n);
  const c = new Float64Array(n);
  sampleInitialLaw(law, n, new Rng(seed, 2), y, c);
  return { y, c };
}

const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

test('δ_lin is the derivative of the weighted Lagrangian solve in the direction μ_n − ρ_in (central differences, their own error estimated)', () => {
  const n = 40;
  const { y, c } = particles(n, 5);
  const out = times.map(() => new Float64Array(2 * (M + 1)));
  transport.linearResponses(y, c, n, out);
  const fd = (eps: number): Float64Array[] => {
    const [p, q] = [weightedSolve(y, c, n, eps), weightedSolve(y, c, n, -eps)];
    return p.map((v, k) => v.map((x, j) => (x - q[k]![j]!) / (2 * eps)));
  };
  const [coarse, fine] = [fd(2e-3), fd(1e-3)];
  times.forEach((t, k) => {
    const scale = maxAbs(out[k]!);
    assert.ok(scale > 1e-3, `t = ${t}: a response to compare (${scale})`);
    // the central difference's error is O(ε²): the two steps' distance bounds the finer one's (×4/3)
    const fdError = maxAbs(coarse[k]!.map((v, j) => v - fine[k]![j]!));
    const gap = maxAbs(out[k]!.map((v, j) => v - fine[k]![j]!));
    assert.ok(gap <= fdError + 1e-11 * scale, `t = ${t}: |transport − FD| = ${gap.toExponential(2)}, FD error ≈ ${fdError.toExponential(2)}`);
    assert.ok(gap <= 1e-7 * scale, `t = ${t}: |transport − FD| = ${gap.toExponential(2)} against |δ| = ${scale.toExponential(2)}`);
  });
});

test('at t = 0 it is f_n(0) − f₀(0) of the quadrature, to rounding', () => {
  const n = 100;
  const { y, c } = particles(n, 9);
  const out = times.map(() => new Float64Array(2 * (M + 1)));
  transport.linearResponses(y, c, n, out);
  const [plus, zero] = [weightedSolve(y, c, n, 1), weightedSolve(y, c, n, 0)];
  const diff = plus[0]!.map((v, j) => v - zero[0]![j]!);
  assert.ok(maxAbs(out[0]!.map((v, j) => v - diff[j]!)) <= 1e-14 * maxAbs(diff), 'δ_lin(0) = f̂ of the particles − f̂ of the nodes');
});

test('at t ≤ 1 the interpolant (10 c nodes) agrees with it to its own error (measured 1.8e-4); the transport is additive over particle sets', () => {
  const record: InfluenceInterpolantRecord = { M, cMean: law.cMean, sigmaC: law.sigmaC, degree: quad.nc - 1, tables: predictions.map((p) => p.influence!) };
  const interpolant = new InfluenceInterpolant(record);
  const n = 64;
  const { y, c } = particles(n, 11);
  const [a, b] = [times.map(() => new Float64Array(2 * (M + 1))), times.map(() => new Float64Array(2 * (M + 1)))];
  transport.linearResponses(y, c, n, a);
  interpolant.linearResponses(y, c, n, b);
  const rel = (k: number): number => maxAbs(a[k]!.map((v, j) => v - b[k]![j]!)) / maxAbs(a[k]!);
  assert.ok(rel(0) < 1e-12, `t = 0: ${rel(0)}`);
  assert.ok(rel(1) < 1e-3, `t = 1: ${rel(1)}`);
  // halves: (1/n)Σ over all = mean of the two halves' responses (the mean term is the same in each)
  const [h1, h2] = [times.map(() => new Float64Array(2 * (M + 1))), times.map(() => new Float64Array(2 * (M + 1)))];
  transport.linearResponses(y.subarray(0, 32), c.subarray(0, 32), 32, h1);
  transport.linearResponses(y.subarray(32), c.subarray(32), 32, h2);
  const worst = maxAbs(a[2]!.map((v, j) => v - (h1[2]![j]! + h2[2]![j]!) / 2));
  assert.ok(worst <= 1e-14 * maxAbs(a[2]!) + 1e-17, `additive: ${worst}`);
});

test('a tape for another problem is refused', () => {
  const other = createTorusProblem({ unit: 'expr:1 + 2*cos(u)', target: 'cos(x)' });
  assert.throws(() => new (transport.constructor as new (p: typeof other, t: unknown) => unknown)(other, (transport as unknown as { tape: unknown }).tape), /M = 10/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  arcCosineKernel, createSpin3Target, evaluateSpin3, exactReluLoss, reluTargetMoment, Rng, sampleSphere, spin3Moments,
} from '../../model/index.ts';

/** Mean and standard error of `value(x)` over `N` points uniform on the sphere of radius √d. */
function monteCarlo(d: number, N: number, seed: number, value: (x: Float64Array, o: number) => number): { mean: number; se: number } {
  const x = new Float64Array(N * d);
  sampleSphere(new Rng(seed, 7), d, N, x);
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < N; k++) {
    const v = value(x, k * d);
    s += v;
    s2 += v * v;
  }
  const mean = s / N;
  return { mean, se: Math.sqrt(Math.max(0, s2 / N - mean * mean) / (N - 1)) };
}

const dot = (w: Float64Array, x: Float64Array, o: number): number => {
  let s = 0;
  for (let p = 0; p < w.length; p++) s += w[p]! * x[o + p]!;
  return s;
};
const relu = (t: number): number => (t > 0 ? t : 0);

for (const d of [3, 10]) {
  const target = createSpin3Target(d, 21 + d);
  const moments = spin3Moments(target);
  const N = 200_000;
  const rng = new Rng(5, d);
  const randomWeight = (scale: number): Float64Array => Float64Array.from({ length: d }, () => scale * rng.normal());

  test(`d = ${d}: E f², E[f x] and F(w) = E[f h(w·x)] against Monte Carlo on the sphere (4 standard errors)`, () => {
    const f2 = monteCarlo(d, N, 1, (x, o) => evaluateSpin3(target, x, o) ** 2);
    assert.ok(Math.abs(f2.mean - moments.meanSquare) < 4 * f2.se, `E f²: ${moments.meanSquare} against ${f2.mean} ± ${f2.se}`);
    for (const p of [0, d - 1]) {
      const g = monteCarlo(d, N, 2, (x, o) => evaluateSpin3(target, x, o) * x[o + p]!);
      assert.ok(Math.abs(g.mean - moments.linear[p]!) < 4 * g.se, `E[f x_${p}]: ${moments.linear[p]} against ${g.mean} ± ${g.se}`);
    }
    for (let k = 0; k < 3; k++) {
      const w = randomWeight(0.7);
      const F = monteCarlo(d, N, 3 + k, (x, o) => evaluateSpin3(target, x, o) * relu(dot(w, x, o)));
      const exact = reluTargetMoment(moments, w);
      assert.ok(Math.abs(F.mean - exact) < 4 * F.se, `F(w): ${exact} against ${F.mean} ± ${F.se}`);
    }
  });

  test(`d = ${d}: the arc-cosine kernel against Monte Carlo, its gradient against central differences`, () => {
    for (let k = 0; k < 3; k++) {
      const w = randomWeight(1);
      const u = k === 2 ? w.map((v) => -0.5 * v + 0.1) : randomWeight(0.5);
      const K = monteCarlo(d, N, 10 + k, (x, o) => relu(dot(w, x, o)) * relu(dot(u, x, o)));
      const exact = arcCosineKernel(w, 0, u, 0, d);
      assert.ok(Math.abs(K.mean - exact) < 4 * K.se + 1e-15, `K: ${exact} against ${K.mean} ± ${K.se}`);
      const grad = new Float64Array(d);
      arcCosineKernel(w, 0, u, 0, d, grad);
      for (let p = 0; p < d; p++) {
        const h = 1e-6;
        const wp = w.slice();
        const wm = w.slice();
        wp[p]! += h;
        wm[p]! -= h;
        const fd = (arcCosineKernel(wp, 0, u, 0, d) - arcCosineKernel(wm, 0, u, 0, d)) / (2 * h);
        assert.ok(Math.abs(fd - grad[p]!) < 1e-8, `∂K/∂w_${p}: ${grad[p]} against ${fd}`);
      }
    }
    const w = randomWeight(1);
    assert.ok(Math.abs(arcCosineKernel(w, 0, w, 0, d) - 0.5 * dot(w, w, 0)) < 1e-14, 'K(w, w) = |w|²/2');
  });

  test(`d = ${d}: the exact loss of a network equals its Monte-Carlo loss; no network beats the bias-free floor`, () => {
    const n = 6;
    const c = Float64Array.from({ length: n }, () => 2 * rng.normal());
    const w = Float64Array.from({ length: n * d }, () => rng.normal() / Math.sqrt(d));
    const mc = monteCarlo(d, N, 20, (x, o) => {
      let fn = 0;
      for (let i = 0; i < n; i++) fn += c[i]! * relu(dot(w.subarray(i * d, (i + 1) * d), x, o));
      return 0.5 * (evaluateSpin3(target, x, o) - fn / n) ** 2;
    });
    const exact = exactReluLoss(moments, c, w, n);
    assert.ok(Math.abs(mc.mean - exact) < 4 * mc.se, `loss: ${exact} against ${mc.mean} ± ${mc.se}`);
    assert.ok(exact >= moments.biasFreeFloor, `${exact} ≥ floor ${moments.biasFreeFloor}`);
    // the floor is reached by the degree-1 part: g·x = h(g·x) − h(−g·x), two units
    const g = moments.linear;
    const pair = Float64Array.from([...g, ...g.map((v) => -v)]);
    const best = exactReluLoss(moments, Float64Array.of(2, -2), pair, 2);
    assert.ok(Math.abs(best - moments.biasFreeFloor) < 1e-12 * moments.meanSquare, `two units: ${best} against the floor ${moments.biasFreeFloor}`);
  });
}

test.run();

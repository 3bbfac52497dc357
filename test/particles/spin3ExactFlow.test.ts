/**
 * Exact-loss GD on bias-free ReLU units (particles/spin3ExactFlow.ts): its loss is the Monte-Carlo
 * loss of the same network to the Monte-Carlo error, its velocity is −n times the loss's gradient,
 * the loss never increases along the flow (it is a gradient flow), and RK4 converges at order 4.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSpin3Target, exactReluLoss, Rng, spin3Moments } from '../../model/index.ts';
import { ReluExactFlow, Spin3Network, spin3Errors } from '../../particles/index.ts';

function network(d: number, n: number, seed: number): { c: Float64Array; w: Float64Array } {
  const rng = new Rng(seed, 3);
  return {
    c: Float64Array.from({ length: n }, () => rng.normal()),
    w: Float64Array.from({ length: n * d }, () => rng.normal() / Math.sqrt(d)),
  };
}

/** The Monte-Carlo loss of `(c, w)` as SGD's network measures it (bias 0), on `count` fresh points. */
function monteCarloLoss(d: number, target: ReturnType<typeof createSpin3Target>, c: Float64Array, w: Float64Array, count: number): { loss: number; se: number } {
  const net = new Spin3Network(target, { n: c.length, activation: 'relu', sigmaC: 1, sigmaB: 0, seed: 0, stream: 0, parameters: { c, w, b: new Float64Array(c.length) } });
  const e = spin3Errors(net, new Rng(17, d), count);
  return { loss: e.loss, se: e.lossStandardError };
}

for (const d of [3, 10]) {
  test(`d = ${d}: the exact loss equals the Monte-Carlo loss of the same network (4 standard errors), before and after 100 GD steps`, () => {
    const target = createSpin3Target(d, 40 + d);
    const moments = spin3Moments(target);
    const { c, w } = network(d, 40, d);
    const flow = new ReluExactFlow(moments, c, w);
    for (let round = 0; round < 2; round++) {
      const exact = flow.loss();
      assert.ok(Math.abs(exact - exactReluLoss(moments, flow.c, flow.w, flow.n)) < 1e-12 * exact, 'the flow\'s loss is model/spin3Moments.ts\'s exact loss');
      const mc = monteCarloLoss(d, target, flow.c, flow.w, 400_000);
      assert.ok(Math.abs(mc.loss - exact) < 4 * mc.se, `exact ${exact} against Monte Carlo ${mc.loss} ± ${mc.se}`);
      for (let k = 0; k < 100; k++) flow.step(0.1);
    }
  });
}

test('the velocity is −n times the gradient of the exact loss (central differences)', () => {
  const d = 6;
  const n = 25;
  const moments = spin3Moments(createSpin3Target(d, 5));
  const { c, w } = network(d, n, 8);
  const flow = new ReluExactFlow(moments, c, w);
  const dc = new Float64Array(n);
  const dw = new Float64Array(n * d);
  flow.velocity(dc, dw);
  const h = 1e-6;
  const slope = (x: Float64Array, q: number): number => {
    const x0 = x[q]!;
    x[q] = x0 + h;
    const up = flow.loss();
    x[q] = x0 - h;
    const down = flow.loss();
    x[q] = x0;
    return (-n * (up - down)) / (2 * h);
  };
  for (const i of [0, 11, n - 1]) {
    assert.ok(Math.abs(dc[i]! - slope(flow.c, i)) < 1e-7, `ċ_${i}: ${dc[i]} against ${slope(flow.c, i)}`);
    for (const p of [0, d - 1]) assert.ok(Math.abs(dw[i * d + p]! - slope(flow.w, i * d + p)) < 1e-7, `ẇ_${i},${p}`);
  }
});

test('the exact loss never increases along GD (Euler, Δt = 0.1, 3000 steps), and it ends above the bias-free floor', () => {
  const d = 5;
  const moments = spin3Moments(createSpin3Target(d, 9));
  const { c, w } = network(d, 30, 2);
  const flow = new ReluExactFlow(moments, c, w, 'euler');
  let previous = flow.loss();
  const start = previous;
  for (let k = 0; k < 3000; k++) {
    flow.step(0.1);
    const now = flow.loss();
    // rounding of a sum of O(1) terms: a few ulp of the loss
    assert.ok(now <= previous + 4 * Number.EPSILON * previous, `step ${k}: ${now} after ${previous}`);
    previous = now;
  }
  assert.ok(previous < start && previous >= moments.biasFreeFloor, `${previous} against the floor ${moments.biasFreeFloor}`);
});

test('RK4 converges at order 4 on the flow (Δt = 0.1, 0.05, 0.025 to t = 4)', () => {
  const d = 4;
  const moments = spin3Moments(createSpin3Target(d, 3));
  const { c, w } = network(d, 12, 4);
  const at = (steps: number): Float64Array => {
    const flow = new ReluExactFlow(moments, c, w, 'rk4');
    for (let k = 0; k < steps; k++) flow.step(4 / steps);
    return Float64Array.from([...flow.c, ...flow.w]);
  };
  const [a, b, e] = [at(40), at(80), at(160)];
  const dist = (x: Float64Array, y: Float64Array): number => Math.sqrt(x.reduce((s, v, k) => s + (v - y[k]!) ** 2, 0));
  const order = Math.log2(dist(a, b) / dist(b, e));
  assert.ok(order > 3.7 && order < 4.3, `observed order ${order}`);
});

test('bad input is refused by name', () => {
  const moments = spin3Moments(createSpin3Target(3, 1));
  assert.throws(() => new ReluExactFlow(moments, new Float64Array(4), new Float64Array(11)), /w has length 11: expected n·d = 4·3 = 12/);
  const flow = new ReluExactFlow(moments, new Float64Array(2), new Float64Array(6));
  assert.throws(() => flow.step(-1), /dt = -1 is invalid/);
});

test.run();

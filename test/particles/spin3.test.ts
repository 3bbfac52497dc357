import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSpin3Target, evaluateSpin3, evaluateSpin3Batch, Rng, sampleSphere } from '../../model/index.ts';
import { SPIN3_ENGINE_KINDS, Spin3Network, relaxedSimdAvailable, spin3Errors } from '../../particles/index.ts';
import { spin3ParameterDistance, spin3ReferenceTraining } from '../helpers/spin3Reference.ts';

test('3-spin target: points on the sphere of radius √d, f odd, and E_a f(x)² = d (the normalisation 1/d)', () => {
  const d = 4;
  const x = new Float64Array(50 * d);
  sampleSphere(new Rng(1), d, 50, x);
  for (let k = 0; k < 50; k++) {
    let r2 = 0;
    for (let p = 0; p < d; p++) r2 += x[k * d + p]! ** 2;
    assert.ok(Math.abs(r2 - d) < 1e-12);
  }
  const target = createSpin3Target(d, 7);
  const minus = x.map((v) => -v);
  assert.ok(Math.abs(evaluateSpin3(target, x) + evaluateSpin3(target, minus)) < 1e-12);
  // over realizations of a: E f(x)² = (1/d²) Σ (x_p x_q x_r)² = |x|⁶/d² = d
  const R = 4000;
  let s = 0;
  let s2 = 0;
  for (let r = 0; r < R; r++) {
    const f2 = evaluateSpin3(createSpin3Target(d, 7, r + 1), x) ** 2;
    s += f2;
    s2 += f2 * f2;
  }
  const mean = s / R;
  const se = Math.sqrt((s2 / R - mean * mean) / (R - 1));
  assert.ok(Math.abs(mean - d) < 5 * se, `E f² = ${mean} ± ${se}, expected ${d}`);
});

test('3-spin target: the packed symmetric sum equals the defining d³ sum (1/d) Σ a_pqr x_p x_q x_r to rounding', () => {
  for (const d of [1, 2, 3, 7, 12]) {
    const target = createSpin3Target(d, 4, d);
    const x = new Float64Array(5 * d);
    sampleSphere(new Rng(8, d), d, 5, x);
    const out = new Float64Array(5);
    evaluateSpin3Batch(target, x, 5, out);
    for (let k = 0; k < 5; k++) {
      let naive = 0;
      for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) for (let r = 0; r < d; r++) naive += target.a[(p * d + q) * d + r]! * x[k * d + p]! * x[k * d + q]! * x[k * d + r]!;
      naive /= d;
      assert.ok(Math.abs(out[k]! - naive) < 1e-12 * (1 + Math.abs(naive)), `d = ${d}, point ${k}: ${out[k]} vs ${naive}`);
      assert.is(evaluateSpin3(target, x, k * d), out[k]);
    }
  }
});

test('3-spin SGD velocity = −n ∇ of the batch loss (central differences), ReLU and sigmoid', () => {
  const d = 3;
  const target = createSpin3Target(d, 2);
  const P = 7;
  const points = new Float64Array(P * d);
  sampleSphere(new Rng(5), d, P, points);
  for (const activation of ['relu', 'sigmoid'] as const) {
    const net = new Spin3Network(target, { n: 5, activation, sigmaC: 1, sigmaB: 0.5, seed: 4, stream: 0 });
    net.accumulateGradient(P, points);
    const v = net.velocity();
    const velocity = { c: v.c.slice(), w: v.w.slice(), b: v.b.slice() };
    const batchLoss = (): number => {
      let l = 0;
      for (let k = 0; k < P; k++) l += 0.5 * (evaluateSpin3(target, points, k * d) - net.evaluate(points, k * d)) ** 2;
      return l / P;
    };
    const h = 1e-6;
    for (const [name, arr] of [['c', net.c], ['w', net.w], ['b', net.b]] as const) {
      for (let q = 0; q < arr.length; q++) {
        const keep = arr[q]!;
        arr[q] = keep + h;
        const up = batchLoss();
        arr[q] = keep - h;
        const down = batchLoss();
        arr[q] = keep;
        const numeric = -net.n * (up - down) / (2 * h);
        const got = velocity[name][q]!;
        assert.ok(Math.abs(numeric - got) < 1e-6 * (1 + Math.abs(got)), `${activation} ${name}[${q}]: ${got} vs ${numeric}`);
      }
    }
  }
});

test('3-spin SGD: reproducible from (seed, stream), a batch in chunks equals the same batch at once, and training lowers the loss', () => {
  const target = createSpin3Target(5, 1);
  const make = (stream: number) => new Spin3Network(target, { n: 200, activation: 'relu', sigmaC: 1, sigmaB: 1, seed: 3, stream });
  const a = make(0);
  const b = make(0);
  const c = make(1);
  for (let s = 0; s < 50; s++) {
    a.step(0.05, 20);
    b.step(0.05, 20);
    c.step(0.05, 20);
  }
  assert.equal(Array.from(a.w), Array.from(b.w));
  assert.not.equal(Array.from(a.w), Array.from(c.w));
  // 150 points cross the 64-point chunks: the velocity equals the sum of its parts
  const points = new Float64Array(150 * 5);
  sampleSphere(new Rng(8), 5, 150, points);
  a.accumulateGradient(150, points);
  const whole = a.velocity().w.slice();
  a.accumulateGradient(64, points.subarray(0, 64 * 5));
  const first = a.velocity().w.map((v) => (v * 64) / 150);
  a.accumulateGradient(86, points.subarray(64 * 5));
  const second = a.velocity().w.map((v) => (v * 86) / 150);
  whole.forEach((v, q) => assert.ok(Math.abs(v - first[q]! - second[q]!) < 1e-12 * (1 + Math.abs(v))));
  // measured: 3.67 → 0.058 ± 0.001 after 2000 steps (d = 5, n = 200, P = 20, Δt = 0.05)
  const net = make(0);
  const before = spin3Errors(net, new Rng(9), 4000).loss;
  for (let s = 0; s < 2000; s++) net.step(0.05, 20);
  const after = spin3Errors(net, new Rng(9), 4000);
  assert.ok(after.loss < 0.05 * before, `loss ${before} → ${after.loss}`);
});

test('3-spin SGD: the data stream is not the parameter stream (no batch point lines up with the draws that made the units)', () => {
  // A data generator that replays the parameter generator makes the first batch point the
  // normalised first draws of the units: x₀ ∝ (c₀/σ_c, √d w₀, …). Every window of the units'
  // standardised draws is compared with the first points; independent draws give |cos| ≈ d^{-1/2}.
  const d = 20;
  const n = 40;
  const sigmaC = 0.7;
  const sigmaB = 1.3;
  for (const stream of [0, 1, 5]) {
    const net = new Spin3Network(createSpin3Target(d, 3), { n, activation: 'relu', sigmaC, sigmaB, seed: 11, stream });
    const draws: number[] = [];
    for (let i = 0; i < n; i++) {
      draws.push(net.c[i]! / sigmaC);
      for (let p = 0; p < d; p++) draws.push(net.w[i * d + p]! * Math.sqrt(d));
      draws.push(net.b[i]! / sigmaB);
    }
    const points = 4;
    const x = new Float64Array(points * d);
    sampleSphere(net.rng, d, points, x);
    let worst = 0;
    for (let k = 0; k < points; k++) {
      for (let o = 0; o + d <= draws.length; o++) {
        let dot = 0;
        let norm = 0;
        for (let p = 0; p < d; p++) {
          dot += x[k * d + p]! * draws[o + p]!;
          norm += draws[o + p]! ** 2;
        }
        worst = Math.max(worst, Math.abs(dot) / Math.sqrt(norm * d));
      }
    }
    // 4 × 861 windows of independent draws: max |cos| ≈ 0.8 at most (σ = 0.22); a replayed stream gives 1
    assert.ok(worst < 0.97, `stream ${stream}: a batch point lines up with the units' draws (|cos| = ${worst})`);
  }
});

test('3-spin SGD: the blocked engine, plain and fused, follows the plain reference to rounding over 100 steps (ReLU and sigmoid, batches not a multiple of the chunk)', () => {
  for (const activation of ['relu', 'sigmoid'] as const) {
    const d = 7;
    const target = createSpin3Target(d, 6);
    const opts = { n: 13, activation, sigmaC: 1, sigmaB: 0.5, seed: 2, stream: 1 };
    const batch = 70; // two chunks, the second of 6 points (padding to 8)
    const ref = new Spin3Network(target, opts);
    spin3ReferenceTraining(ref, 100, 0.02, batch);
    for (const engine of relaxedSimdAvailable() ? SPIN3_ENGINE_KINDS : ['wasm-simd' as const]) {
      const fast = new Spin3Network(target, { ...opts, engine });
      for (let step = 0; step < 100; step++) fast.step(0.02, batch);
      const worst = spin3ParameterDistance(fast, ref);
      assert.ok(worst < 1e-11, `${activation}, ${engine}: parameters differ by ${worst} after 100 steps`);
    }
  }
});


test('3-spin error measures: the blocked pass equals the point-by-point loss and discrepancies on the same points', () => {
  // 150 points cross the chunks, with a partial last one; both activations; odd n leaves a lone unit
  for (const activation of ['relu', 'sigmoid'] as const) {
    const d = 7;
    const net = new Spin3Network(createSpin3Target(d, 5), { n: 13, activation, sigmaC: 2, sigmaB: 0.5, seed: 3, stream: 1 });
    const count = 150;
    const got = spin3Errors(net, new Rng(21), count);
    const x = new Float64Array(count * d);
    sampleSphere(new Rng(21), d, count, x);
    let loss = 0;
    let pos = 0;
    let neg = 0;
    for (let k = 0; k < count; k++) {
      const f = evaluateSpin3(net.target, x, k * d);
      const e = f - net.evaluate(x, k * d);
      loss += (0.5 * e * e) / count;
      if (f > 0) pos += e / count;
      else neg -= e / count;
    }
    assert.ok(loss > 0.1, `loss ${loss}`);
    assert.ok(Math.abs(got.loss - loss) < 1e-12 * loss, `${activation}: loss ${got.loss} vs ${loss}`);
    assert.ok(Math.abs(got.positive - pos) < 1e-12 * (1 + Math.abs(pos)), `${activation}: positive ${got.positive} vs ${pos}`);
    assert.ok(Math.abs(got.negative - neg) < 1e-12 * (1 + Math.abs(neg)), `${activation}: negative ${got.negative} vs ${neg}`);
  }
});

test.run();

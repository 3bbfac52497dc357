import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSpin3Kernel } from '../../particles/wasm/spin3Kernel.ts';
import { relaxedSimdAvailable } from '../../particles/wasm/relaxedSimd.ts';

const VARIANTS = relaxedSimdAvailable() ? [false, true] : [false];
import { createSpin3Target, evaluateSpin3Batch, Rng, sampleSphere } from '../../model/index.ts';

for (const fused of VARIANTS) test(`3-spin kernel${fused ? ', fused' : ''}: the sigmoid units are 1/(1 + Math.exp(−z)) to 4 ulp from z = −800 to 800, and r = −Σ c h in unit order${fused ? ' (to one rounding a term)' : ''}`, () => {
  const units = 3;
  const m4 = 64;
  const kernel = instantiateSpin3Kernel(8 * (units * 64 + units + 64), fused);
  const z = new Float64Array(kernel.memory.buffer, 0, units * 64);
  const c = new Float64Array(kernel.memory.buffer, 8 * units * 64, units);
  const r = new Float64Array(kernel.memory.buffer, 8 * (units * 64 + units), 64);
  const rng = new Rng(4);
  let worst = 0;
  for (let trial = 0; trial < 200; trial++) {
    // mostly the range units live in, then the tails where e^{−z} overflows or h underflows
    const scale = trial < 150 ? 8 : 800;
    for (let q = 0; q < z.length; q++) z[q] = scale * (2 * rng.uniform() - 1);
    if (trial === 0) z.set([0, -0, 708, -708, 709, -709, 745, -745, 800, -800, 1e-300, -1e-300]);
    for (let i = 0; i < units; i++) c[i] = rng.normal();
    const zs = z.slice();
    kernel.sigmoidPartial(0, c.byteOffset, r.byteOffset, 0, units, m4);
    for (let k = 0; k < m4; k++) {
      let expected = 0;
      let size = 0;
      for (let i = 0; i < units; i++) {
        const h = 1 / (1 + Math.exp(-zs[i * 64 + k]!));
        const got = z[i * 64 + k]!;
        // relative to h, with h's own floor: below 1e-300 both are zero to any purpose
        const err = Math.abs(got - h) / Math.max(h, 1e-300);
        if (h > 1e-300) worst = Math.max(worst, err);
        else assert.ok(got < 1e-300, `h(${zs[i * 64 + k]}) = ${got}, expected ${h}`);
        expected -= c[i]! * got;
        size += Math.abs(c[i]! * got);
      }
      // fused, each term −c h is added with one rounding instead of two
      if (fused) assert.ok(Math.abs(r[k]! - expected) <= units * 2.3e-16 * size, `r = ${r[k]}, expected ${expected}`);
      else assert.is(r[k], expected, 'r accumulates −c h unit by unit');
    }
  }
  assert.ok(worst < 4 * 2.2e-16, `worst relative error ${worst}`);
});

test('3-spin kernel: the target on the transposed chunk is model/spin3.ts\'s packed sum bit for bit (d = 7 and 50, a padded chunk)', () => {
  for (const d of [7, 50]) {
    const target = createSpin3Target(d, 2);
    const m = 13;
    const m4 = 16;
    const x = new Float64Array(m * d);
    sampleSphere(new Rng(d), d, m, x);
    const expected = new Float64Array(m);
    evaluateSpin3Batch(target, x, m, expected);
    const kernel = instantiateSpin3Kernel(8 * (target.packed.length + d * 64 + 64));
    const packed = new Float64Array(kernel.memory.buffer, 0, target.packed.length);
    const xT = new Float64Array(kernel.memory.buffer, packed.byteLength, d * 64);
    const out = new Float64Array(kernel.memory.buffer, packed.byteLength + xT.byteLength, 64);
    packed.set(target.packed);
    for (let p = 0; p < d; p++) for (let k = 0; k < m; k++) xT[p * 64 + k] = x[k * d + p]!;
    kernel.target(packed.byteOffset, xT.byteOffset, out.byteOffset, d, m4);
    assert.equal(Array.from(out.subarray(0, m)), Array.from(expected), `d = ${d}`);
    assert.equal(Array.from(out.subarray(m, m4)), [0, 0, 0], 'zero points give zero');
  }
});

test.run();

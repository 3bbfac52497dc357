/**
 * The torus engine's WebAssembly kernels against the JavaScript reference: the committed modules are
 * the assembled text, the plain kernel's phasors are model/sinCos.ts's bit for bit, and whole runs
 * of 1000 steps (GD Euler, RK4, frozen y; SGD; every unit kind) agree with the JavaScript engine to
 * rounding, plain and fused, with the same batches drawn from the same stream.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { KERNELS, fusedText, kernelOutput, kernelSource } from '../../scripts/buildWasm.ts';
import { createTorusProblem, Rng, sinCosInto } from '../../model/index.ts';
import { RunConfigError, resolveTorusEngine, runParticles, type ParticleRunConfig } from '../../particles/index.ts';
import { fastestTorusEngine, type TorusEngineKind } from '../../particles/torusEngine.ts';
import { instantiateTorusKernel } from '../../particles/wasm/torusKernel.ts';
import { relaxedSimdAvailable } from '../../particles/wasm/relaxedSimd.ts';

for (const kernel of KERNELS) {
  test(`${kernel.wat}: the committed module is the assembled text (rerun npm run build:wasm after editing it)`, async () => {
    assert.ok(readFileSync(kernelOutput(kernel), 'utf8') === await kernelSource(kernel), `particles/wasm/${kernel.out} is stale`);
  });
}

test('the fused text turns a ± b·c into relaxed_madd / relaxed_nmadd (b c a) and leaves b·c − a alone', () => {
  const text = '(func (f64x2.add (local.get $a) (f64x2.mul (local.get $b) (local.get $c))) (f64x2.add (f64x2.mul $b $c) $a) '
    + '(f64x2.sub $a (f64x2.mul $b $c)) (f64x2.sub (f64x2.mul $b $c) $a) (f64.add $a (f64.mul $b $c)))';
  assert.is(fusedText(text), '(func (f64x2.relaxed_madd (local.get $b) (local.get $c) (local.get $a)) (f64x2.relaxed_madd $b $c $a) '
    + '(f64x2.relaxed_nmadd $b $c $a) (f64x2.sub (f64x2.mul $b $c) $a) (f64.add $a (f64.mul $b $c)))');
  const wat = readFileSync(new URL('../../particles/wasm/torusKernel.wat', import.meta.url), 'utf8');
  assert.not.ok(/relaxed_/.test(wat.replace(/;;.*$/gm, '')), 'the plain kernel has no relaxed SIMD');
  assert.ok((fusedText(wat).match(/relaxed_n?madd/g) ?? []).length >= 20, 'the fused torus kernel fuses its hot products');
});

/** Points for the phasors: the torus's range, the far range, the tails beyond the reduction, ties of v·2/π, and non-finite values. */
function phasorPoints(count: number): Float64Array {
  const rng = new Rng(11);
  const x = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const u = rng.uniform();
    x[j] = j % 4 === 3 ? 2e6 * (2 * u - 1) : j % 4 === 2 ? 2e5 * (2 * u - 1) : 40 * (2 * u - 1);
  }
  // v with v·(2/π) exactly k + ½: Math.round and round-to-even part there
  let ties = 0;
  for (let k = -40; k < 40 && ties < 16; k++) {
    let v = (k + 0.5) / 6.36619772367581382433e-01;
    for (let step = 0; step < 8 && v * 6.36619772367581382433e-01 !== k + 0.5; step++) v = v * (1 + Number.EPSILON * (v * 6.36619772367581382433e-01 < k + 0.5 ? 1 : -1));
    if (v * 6.36619772367581382433e-01 === k + 0.5) x[ties++] = v;
  }
  assert.ok(ties >= 8, `found ${ties} ties`);
  x.set([NaN, Infinity, -Infinity, 823549.6645826427, -823549.6645826428, 0, -0, 1e-310], 64);
  return x;
}

test('phasors: the plain kernel is sinCosInto bit for bit (ties, far and non-finite lanes included); the fused one within 2.3e-16', () => {
  const count = 100_000;
  const x = phasorPoints(count);
  const cos = new Float64Array(count);
  const sin = new Float64Array(count);
  sinCosInto(x, count, cos, sin);
  for (const fused of relaxedSimdAvailable() ? [false, true] : [false]) {
    const k = instantiateTorusKernel(24 * count, fused);
    const mem = new Float64Array(k.memory.buffer, 0, 3 * count);
    mem.set(x);
    k.phasors(0, count, 8 * count, 16 * count);
    let differ = 0;
    let worst = 0;
    for (let j = 0; j < count; j++) {
      const gc = mem[count + j]!;
      const gs = mem[2 * count + j]!;
      if (!Object.is(gc, cos[j]) || !Object.is(gs, sin[j])) differ++;
      if (Number.isFinite(x[j]!)) worst = Math.max(worst, Math.abs(gc - cos[j]!), Math.abs(gs - sin[j]!));
      else assert.ok(Number.isNaN(gc) && Number.isNaN(gs), `x = ${x[j]}`);
    }
    if (fused) assert.ok(worst <= 2.3e-16, `fused phasors differ by ${worst}`);
    else assert.is(differ, 0, `${differ} of ${count} phasors differ from sinCosInto`);
  }
});

const ENGINES: TorusEngineKind[] = relaxedSimdAvailable() ? ['wasm-simd', 'wasm-simd-fma'] : ['wasm-simd'];
const UNITS = ['vonmises:2', 'relu', 'sigmoid:3', 'expr:exp(cos(u))*sin(u)^2'] as const;
const CASES = [
  { name: 'GD RK4', dynamics: 'gd', integrator: 'rk4', frozenY: false },
  { name: 'GD Euler', dynamics: 'gd', integrator: 'euler', frozenY: false },
  { name: 'GD RK4, y frozen', dynamics: 'gd', integrator: 'rk4', frozenY: true },
  { name: 'SGD', dynamics: 'sgd', integrator: 'euler', frozenY: false },
] as const;

/**
 * Per step the engines differ only in the order of the moments' sums (two lanes, then added) and,
 * fused, in one rounding per multiply-add: ~1e-16 relative a step, which these contracting flows do
 * not amplify. Measured over 1000 steps, every case here: ≤ 2.0e-15 of the state's size (plain and
 * fused alike); the bound leaves a factor 50.
 */
const STATE_TOLERANCE = 1e-13;

for (const unit of UNITS) {
  test(`${unit}: the WebAssembly engines step as the JavaScript one to rounding over 1000 steps (GD Euler, RK4, frozen y; SGD)`, () => {
    const problem = createTorusProblem({ unit, target: 'cos(x) + 0.3*sin(2*x)', maxModes: 64 });
    const n = unit === 'relu' ? 201 : 1001;
    for (const kase of CASES) {
      const base: ParticleRunConfig = {
        problem, law: { cMean: 0, sigmaC: 1 }, n, seed: 3, stream: 5, dynamics: kase.dynamics, integrator: kase.integrator,
        frozenY: kase.frozenY, interaction: 'spectral', dt: 0.02, times: [0, 10, 20], recordParticles: true,
        ...(kase.dynamics === 'sgd' ? { batch: [{ from: 0, batch: 33 }, { from: 10, batch: 64 }] } : {}),
      };
      const ref = runParticles({ ...base, engine: 'js' });
      for (const engine of ENGINES) {
        const got = runParticles({ ...base, engine });
        for (let k = 0; k < ref.length; k++) {
          const a = ref[k]!;
          const b = got[k]!;
          assert.is(b.step, a.step);
          let scale = 0;
          let diff = 0;
          for (let i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a.c![i]!), 1);
            // angles compared on the circle (the records wrap them to [0, 2π))
            const dy = Math.abs(a.y![i]! - b.y![i]!);
            diff = Math.max(diff, Math.min(dy, 2 * Math.PI - dy), Math.abs(a.c![i]! - b.c![i]!));
          }
          const where = `${kase.name}, ${engine}, t = ${a.t}`;
          assert.ok(diff <= STATE_TOLERANCE * scale, `${where}: particles differ by ${diff}`);
          assert.ok(Math.abs(a.loss - b.loss) <= STATE_TOLERANCE * Math.max(a.loss, 1e-3), `${where}: loss ${b.loss} vs ${a.loss}`);
          if (kase.frozenY) for (let i = 0; i < n; i++) assert.ok(a.y![i] === b.y![i], `${where}: y moved`);
        }
      }
    }
  });
}

test('an odd n is padded by a particle of weight 0: n = 1 and n = 2 step as the reference', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  for (const n of [1, 2, 3]) {
    const base: ParticleRunConfig = {
      problem, law: { cMean: 0.5, sigmaC: 1 }, n, seed: 1, dynamics: 'gd', integrator: 'rk4', frozenY: false,
      interaction: 'spectral', dt: 0.05, times: [5], recordParticles: true,
    };
    const a = runParticles({ ...base, engine: 'js' })[0]!;
    const b = runParticles({ ...base, engine: 'wasm-simd' })[0]!;
    for (let i = 0; i < n; i++) assert.ok(Math.abs(a.c![i]! - b.c![i]!) <= 1e-14 && Math.abs(a.y![i]! - b.y![i]!) <= 1e-14, `n = ${n}, particle ${i}`);
    assert.ok(Math.abs(a.loss - b.loss) <= 1e-14, `n = ${n}: loss ${b.loss} vs ${a.loss}`);
  }
});

test('the engine is chosen and refused by name: auto is the fastest kernel (js for direct sums); a kernel with direct sums is an error', () => {
  assert.is(resolveTorusEngine('auto', 'spectral'), fastestTorusEngine());
  assert.is(fastestTorusEngine(), relaxedSimdAvailable() ? 'wasm-simd-fma' : 'wasm-simd');
  assert.is(resolveTorusEngine('auto', 'direct'), 'js');
  assert.is(resolveTorusEngine('js', 'spectral'), 'js');
  assert.throws(() => resolveTorusEngine('wasm-simd', 'direct'), (e: Error) => e instanceof RunConfigError && /engine = wasm-simd .*direct/.test(e.message));
  assert.throws(() => resolveTorusEngine('gpu' as TorusEngineKind, 'spectral'), /engine = gpu is invalid: one of auto, wasm-simd-fma, wasm-simd, js/);
});

test.run();

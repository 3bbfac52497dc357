import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem } from '../../model/index.ts';
import { runParticles, type IntegratorKind, type ParticleSnapshot } from '../../particles/index.ts';

const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
const law = { cMean: 0, sigmaC: 1 };

function run(integrator: IntegratorKind, dt: number, n: number, times: number[]): ParticleSnapshot[] {
  return runParticles({ problem, law, n, seed: 5, dynamics: 'gd', integrator, dt, frozenY: false, interaction: 'spectral', times, recordParticles: true });
}

function stateError(a: ParticleSnapshot, b: ParticleSnapshot): number {
  let e = 0;
  for (let i = 0; i < a.c!.length; i++) {
    const dy = a.y![i]! - b.y![i]!;
    e = Math.max(e, Math.abs(dy - 2 * Math.PI * Math.round(dy / (2 * Math.PI))), Math.abs(a.c![i]! - b.c![i]!));
  }
  return e;
}

test('GD loss never increases along an RK4 run with a small step (t ≤ 30, 300 records)', () => {
  const times = Array.from({ length: 300 }, (_, k) => 0.1 * (k + 1));
  const snaps = run('rk4', 0.01, 400, times);
  let worst = -Infinity;
  for (let k = 1; k < snaps.length; k++) worst = Math.max(worst, snaps[k]!.loss - snaps[k - 1]!.loss);
  assert.ok(worst <= 0, `largest increase of the loss between records: ${worst}`);
  assert.ok(snaps[snaps.length - 1]!.loss < 0.2 * snaps[0]!.loss, 'the loss actually decreased');
});

test('forward Euler GD converges at order 1 in Δt and RK4 at order 4', () => {
  const n = 60;
  const T = 2;
  const ref = run('rk4', 0.001, n, [T])[0]!;
  const orders = (kind: IntegratorKind, steps: number[]): number[] => {
    const errs = steps.map((dt) => stateError(run(kind, dt, n, [T])[0]!, ref));
    return errs.slice(1).map((e, k) => Math.log2(errs[k]! / e));
  };
  for (const p of orders('euler', [0.02, 0.01, 0.005])) assert.ok(p > 0.9 && p < 1.1, `Euler observed order ${p}`);
  for (const p of orders('rk4', [0.2, 0.1, 0.05])) assert.ok(p > 3.7 && p < 4.3, `RK4 observed order ${p}`);
});

test.run();

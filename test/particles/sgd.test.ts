import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, Rng, sampleInitialLaw } from '../../model/index.ts';
import { batchAt, parseBatchSchedule, runParticles, SgdBatchPotential, SpectralInteraction } from '../../particles/index.ts';

test('the SGD batch potential is unbiased: its mean over 40000 batches matches U_n and ∂U_n within 5 standard errors', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' });
  const n = 25;
  const P = 8;
  const B = 40000;
  const y = new Float64Array(n);
  const c = new Float64Array(n);
  sampleInitialLaw({ cMean: 0.3, sigmaC: 1 }, n, new Rng(2), y, c);
  const U = new Float64Array(n), dU = new Float64Array(n);
  new SpectralInteraction(problem, n).potentialAt(y, c, U, dU);
  const sgd = new SgdBatchPotential(problem, n, P, new Rng(3));
  const u = new Float64Array(n), du = new Float64Array(n);
  const sum = new Float64Array(2 * n), sumSq = new Float64Array(2 * n);
  for (let b = 0; b < B; b++) {
    sgd.potentialAt(y, c, u, du);
    for (let i = 0; i < n; i++) {
      sum[i] += u[i]!; sumSq[i] += u[i]! ** 2;
      sum[n + i] += du[i]!; sumSq[n + i] += du[i]! ** 2;
    }
  }
  let worst = 0;
  for (let k = 0; k < 2 * n; k++) {
    const mean = sum[k]! / B;
    const variance = sumSq[k]! / B - mean * mean;
    assert.ok(variance > 1e-6, 'the batch estimate is noisy, not exact');
    const exact = k < n ? U[k]! : dU[k - n]!;
    worst = Math.max(worst, Math.abs(mean - exact) / Math.sqrt(variance / B));
  }
  assert.ok(worst < 5, `largest |mean − exact| / standard error over 50 components: ${worst}`);
});

test('an SGD run is reproducible from its seed, and a large batch brings it close to GD (forward Euler)', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  const base = { problem, law: { cMean: 0, sigmaC: 1 }, n: 200, seed: 9, integrator: 'euler', dt: 0.01, frozenY: false, interaction: 'spectral', times: [0.5, 1] } as const;
  const a = runParticles({ ...base, dynamics: 'sgd', batch: parseBatchSchedule('20,20000@0.5') });
  const b = runParticles({ ...base, dynamics: 'sgd', batch: parseBatchSchedule('20,20000@0.5') });
  assert.equal(Array.from(a[1]!.fhat.re), Array.from(b[1]!.fhat.re));
  const gd = runParticles({ ...base, dynamics: 'gd' });
  const big = runParticles({ ...base, dynamics: 'sgd', batch: parseBatchSchedule('20000') });
  const rel = Math.abs(big[1]!.loss - gd[1]!.loss) / gd[1]!.loss;
  assert.ok(rel < 1e-3, `loss of SGD with P = 2e4 vs GD: relative difference ${rel}`);
  const small = runParticles({ ...base, dynamics: 'sgd', batch: parseBatchSchedule('2') });
  assert.ok(Math.abs(small[1]!.loss - gd[1]!.loss) / gd[1]!.loss > rel, 'a tiny batch is noisier');
});

test('batch schedules parse, apply from their times, and reject malformed input', () => {
  const s = parseBatchSchedule('50,2500@80,10000@150');
  assert.equal([batchAt(s, 0), batchAt(s, 79.9), batchAt(s, 80), batchAt(s, 1000)], [50, 50, 2500, 10000]);
  assert.throws(() => parseBatchSchedule('0'), /batch size must be an integer >= 1/);
  assert.throws(() => parseBatchSchedule('50@3'), /first batch phase/);
  assert.throws(() => parseBatchSchedule('50,100@5,200@4'), /needs a time after the previous phase/);
});

test.run();

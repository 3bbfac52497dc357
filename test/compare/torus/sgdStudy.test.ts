import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runStudy, sgdBatchSchedule, StudySpecError, validateStudySpec, type StudySpec } from '../../../compare/index.ts';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const spec: StudySpec = {
  claims: ['sgd', 'lln'],
  problem: { unit: 'vonmises:2', target: 'cos(x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [16, 64, 256],
  seeds: 8,
  seed: 2,
  times: [0, 1, 2],
  dt: 0.05,
  reference: { ny: 32, nc: 12, check: { ny: 48, nc: 16 } },
  density: null,
  bootstrap: { replicates: 200, level: 0.95 },
  sgd: { alpha: 0.5, quench: { at: 1, alpha: 1 } },
};

test('SGD batch schedule: P = ⌈n^(2α)⌉, then ⌈n^(2αq)⌉ from the quench', () => {
  assert.equal(sgdBatchSchedule({ alpha: 0.25, quench: { at: 10, alpha: 1 } }, 100), [{ from: 0, batch: 10 }, { from: 10, batch: 10000 }]);
  assert.equal(sgdBatchSchedule({ alpha: 0.3, quench: null }, 64), [{ from: 0, batch: Math.ceil(64 ** 0.6) }]);
});

test('an SGD study: the noise against the GD twin is 0 at t = 0 and positive after, smaller for the larger batch; verdicts per time', async () => {
  const { members, analysis } = await runStudy(spec, { workers: 0 });
  for (const m of members) {
    assert.is(m.sgdNoise!.length, spec.times.length);
    assert.is(m.sgdNoise![0], 0, 'same initial particles');
    assert.ok(m.sgdNoise![1]! > 0);
  }
  // θ = Δt/n: the mean noise falls with n
  const mean = (n: number): number => members.filter((m) => m.n === n).reduce((a, m) => a + m.sgdNoise![1]!, 0) / spec.seeds;
  assert.ok(mean(256) < mean(16) / 4, `noise ${mean(16)} at n = 16, ${mean(256)} at n = 256`);
  const claims = analysis.verdicts.map((v) => `${v.claim}@${v.t}`);
  assert.ok(claims.some((c) => c.startsWith('SGD: batch noise ∝ n^(−2α), α = 0.5') && c.endsWith('@1')));
  assert.ok(claims.some((c) => c.startsWith('SGD: the quench to αq = 1 lowers the batch noise') && c.endsWith('@2')));
  // the no-quench control shares the particles and the batches up to the quench
  for (const m of members) assert.is(m.sgdNoiseUnquenched![1], m.sgdNoise![1], 'identical until the quench at t = 1');
  const after = (key: 'sgdNoise' | 'sgdNoiseUnquenched'): number => members.reduce((a, m) => a + m.n * m[key]![2]!, 0);
  assert.ok(after('sgdNoiseUnquenched') > after('sgdNoise'), `pooled batch noise without the quench ${after('sgdNoiseUnquenched')}, with ${after('sgdNoise')}`);
  assert.ok(analysis.slopes.some((s) => s.quantity === 'sgd noise' && s.t === 1));
  assert.ok(analysis.slopes.some((s) => s.quantity === 'loss deviation²' && s.t === 2));
});

test('SGD study settings are validated', () => {
  const bad = (over: Partial<StudySpec>, pattern: RegExp): void => {
    assert.throws(() => validateStudySpec({ ...spec, ...over }), (e: unknown) => e instanceof StudySpecError && pattern.test((e as Error).message));
  };
  bad({ sgd: null }, /^sgd = null is invalid/);
  bad({ claims: ['clt'] }, /exactly when the claims include sgd/);
  bad({ sgd: { alpha: 1.5, quench: null } }, /sgd.alpha = 1.5/);
  bad({ sgd: { alpha: 0.5, quench: { at: 1, alpha: 0.25 } } }, /sgd.quench.alpha = 0.25/);
});

test('liouville compare sgd: --alpha and --quench are checked and belong to sgd only', async () => {
  const out = tempDir('liouville-sgd-');
  const cases: [string[], RegExp][] = [
    [['clt', '--alpha', '0.5'], /--alpha .*applies to compare sgd only/],
    [['sgd', '--alpha', '2'], /--alpha/],
    [['sgd', '--quench', 'soon'], /--quench/],
    [['sgd', '--alpha', '0.5', '--quench', '5:0.25'], /--quench .*must lie in \(α = 0.5, 1\]/],
    [['sgd', '--t', '0,1', '--quench', '5:1'], /--quench .*quench time must lie in \(0, 1\)/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await runInProcess(['compare', ...argv, '--n', '16,32', '--seeds', '2', '--density', 'none', '--out', out, '--quiet']);
    assert.is(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
  assert.not.ok(existsSync(join(out, 'compare-sgd.json')));
});

test.run();

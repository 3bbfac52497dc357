import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { guardWork, particleRunWork, wallWork, WORK_LIMIT } from '../../cli/workGuard.ts';
import { stepsTo } from '../../model/index.ts';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

test('work estimate: steps to the last time, interactions per step by dynamics and interaction', () => {
  assert.is(stepsTo([0, 1, 10], 0.05), 200);
  assert.is(stepsTo([0.125], 0.05), 3, 'a shortened last step counts');
  assert.is(particleRunWork({ n: 100, M: 10, steps: 10, dynamics: 'gd', integrator: 'rk4', interaction: 'spectral', largestBatch: 0 }), 100 * 11 * 4 * 10);
  assert.is(particleRunWork({ n: 100, M: 10, steps: 10, dynamics: 'gd', integrator: 'euler', interaction: 'direct', largestBatch: 0 }), 100 * 100 * 10);
  assert.is(particleRunWork({ n: 100, M: 10, steps: 10, dynamics: 'sgd', integrator: 'euler', interaction: 'spectral', largestBatch: 50 }), 100 * 50 * 10);
  assert.throws(() => guardWork({ work: 2 * WORK_LIMIT, memoryBytes: 0, flags: '--n' }, false), /reduce --n, or give --force/);
  guardWork({ work: 2 * WORK_LIMIT, memoryBytes: 0, flags: '--n' }, true);
});

/** Set once the limits are shown to be the absolute ones: the CLI tests below start studies that only the guard stops. */
let limitsHold = false;

test('the limits are absolute numbers (1e12 operations of wall time, about 4 h on one core; 8 GiB), not whatever the constants say', () => {
  // a test written against WORK_LIMIT moves with it: a limit raised 1000× would let a typo-sized run start
  assert.throws(() => guardWork({ work: 2e12, memoryBytes: 0, flags: '--n' }, false), /work 2\.0e\+12 operations is beyond the limit 1e\+12/);
  guardWork({ work: 5e11, memoryBytes: 0, flags: '--n' }, false);
  assert.throws(() => guardWork({ work: 1, memoryBytes: 9 * 2 ** 30, flags: '--n' }, false), /memory ≈ 9\.0 GiB is beyond the limit 8\.0 GiB/);
  guardWork({ work: 1, memoryBytes: 7 * 2 ** 30, flags: '--n' }, false);
  // in wall time on the cores the run has: the parallel part shared, the serial part (a reference) whole
  guardWork({ work: 2e12, memoryBytes: 0, flags: '--n' }, false, 4);
  assert.is(wallWork({ work: 2e12, memoryBytes: 0, flags: '--n', serial: { work: 1.5e12, what: 'the reference' } }, 4), 1.5e12 + 0.5e12 / 4);
  assert.throws(() => guardWork({ work: 2e12, memoryBytes: 0, flags: '--n', serial: { work: 1.5e12, what: 'the reference' } }, false, 4), /work 2\.0e\+12 operations \(1\.6e\+12 in wall time on 4 cores\) is beyond the limit 1e\+12/);
  limitsHold = true;
});

test('particles and compare refuse a typo-sized run before starting, naming the flags and --force; no file is written', async () => {
  // with a wrong limit these runs would start and take hours: fail at once instead
  assert.ok(limitsHold, 'the absolute limits do not hold (see the test above): the runs below would not be refused');
  const out = tempDir('liouville-guard-');
  const particles = ['particles', '--unit', 'vonmises:2', '--target', 'cos(x)', '--seed', '1', '--out', join(out, 'p.json'), '--quiet'];
  for (const [extra, pattern] of [
    [['--n', '100', '--t', '0,1e12'], /work .* is beyond the limit .*reduce --n, --t or --dt, or give --force/],
    [['--n', '100', '--t', '0,1', '--dt', '1e-12'], /work .* is beyond the limit/],
    [['--n', '1000000000', '--t', '0,1'], /memory ≈ .* GiB is beyond the limit/],
  ] as const) {
    const r = await runInProcess([...particles, ...extra]);
    assert.is(r.status, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
  assert.not.ok(existsSync(join(out, 'p.json')));
  const big = await runInProcess(['compare', 'clt', '--n', '1024,8388607', '--seeds', '64', '--t', '0,100', '--density', 'none', '--predict', 'none', '--out', out, '--quiet']);
  assert.is(big.status, 2, big.stderr);
  assert.match(big.stderr, /beyond the limit .*reduce --n, --seeds, --t or --dt, or give --force/);
  assert.not.ok(existsSync(join(out, 'compare-clt.json')));
  // a shard is guarded by its own slice: 5000 members of n = 10⁶ are beyond the limit on one core, one of them is not
  const wide = ['compare', 'clt', '--n', '1000,1000000', '--seeds', '5000', '--t', '0,0.25', '--density', 'none', '--predict', 'none', '--out', out, '--quiet'];
  const whole = await runInProcess([...wide, '--workers', '1']);
  assert.is(whole.status, 2, whole.stderr);
  assert.match(whole.stderr, /work 1\.1e\+12 operations is beyond the limit/);
  // the guard is wall time on the cores the run has: the same 1.1e12 on 4 workers is about 1 h, accepted (checked by --dry-run)
  const spread = await runInProcess([...wide, '--workers', '4', '--dry-run']);
  assert.is(spread.status, 0, spread.stderr);
  const slice = await runInProcess([...wide, '--shard', '10000/10000', '--workers', '0']);
  assert.is(slice.status, 0, slice.stderr);
  assert.ok(existsSync(join(out, 'compare-clt.shard-10000-of-10000.json')));
  // the solvers, the prediction, the units study and the 3-spin study are guarded the same way
  const problem = ['--unit', 'vonmises:2', '--target', 'cos(x)'];
  for (const [argv, flags, file] of [
    [['solve', ...problem, '--t', '0,1e6', '--grid', '1024x1024', '--out', join(out, 's.json')], /reduce --grid, --t or --tau/, 's.json'],
    [['solve', ...problem, '--method', 'lagrangian', '--t', '0,1e7', '--out', join(out, 'l.json')], /reduce --quadrature, --t or --dt/, 'l.json'],
    [['predict', 'clt', ...problem, '--t', '0,1e5', '--out', join(out, 'p.json')], /reduce --quadrature, --check, --t or --dt/, 'p.json'],
    [['compare', 'units', '--n', '100000', '--seeds', '1000', '--t', '0,100', '--out', out], /reduce --units, --n, --seeds, --t or --dt/, 'compare-units.json'],
    [['compare', 'spin3', '--d', '50', '--n', '1000,60000', '--steps', '2000000', '--out', out], /reduce --n, --d, --steps/, 'compare-spin3.json'],
  ] as const) {
    const r = await runInProcess([...argv, '--quiet']);
    assert.is(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, flags);
    assert.match(r.stderr, /or give --force/);
    assert.not.ok(existsSync(join(out, file)));
  }
});

test.run();

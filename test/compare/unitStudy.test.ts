import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rankUnits, type UnitOutcome } from '../../compare/index.ts';
import { runInProcess } from '../helpers/runInProcess.ts';

const dir = mkdtempSync(join(tmpdir(), 'liouville-units-'));

function outcome(unit: string, predicted: number, measured: number, se: number): UnitOutcome {
  return {
    unit, M: 1, psiEnergy: 1, measured: [measured], standardError: [se], meanFieldLoss: [0],
    prediction: { settings: { ny: 8, nc: 4, dt: 0.1, check: null }, times: [1], total: [predicted], perMode: [[predicted]], checkTotal: null, linearRegime: null, seconds: 0 },
  };
}

test('rankUnits: Kendall τ, significant inversions only, and whether the predicted best holds', () => {
  const same = rankUnits([outcome('a', 1, 1.1, 0.05), outcome('b', 2, 2.1, 0.05), outcome('c', 3, 2.9, 0.05)], 0, 1);
  assert.equal(same.predictedOrder, ['a', 'b', 'c']);
  assert.is(same.kendallTau, 1);
  assert.equal(same.inversions, []);
  assert.ok(same.bestConfirmed);
  // b and c swapped within noise: τ drops, but it is not a significant inversion
  const noisy = rankUnits([outcome('a', 1, 1, 0.05), outcome('b', 2, 2.05, 0.1), outcome('c', 2.1, 2.0, 0.1)], 0, 1);
  assert.ok(Math.abs(noisy.kendallTau - 1 / 3) < 1e-12);
  assert.equal(noisy.inversions, []);
  // a predicted best but measured far worse than b
  const wrong = rankUnits([outcome('a', 1, 3, 0.1), outcome('b', 2, 1, 0.1)], 0, 1);
  assert.is(wrong.inversions.length, 1);
  assert.is(wrong.inversions[0]!.measuredBetter, 'b');
  assert.not.ok(wrong.bestConfirmed);
  assert.is(wrong.kendallTau, -1);
});

test('liouville compare units: predicted and measured prefactors per unit, the ranking, and a result file', async () => {
  const r = await runInProcess(['compare', 'units', '--units', 'vonmises:1;vonmises:4', '--target', 'cos(x)', '--t', '0,2', '--n', '128',
    '--seeds', '24', '--predict', '32x8', '--reference', '48x12', '--workers', '0', '--out', dir, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(join(dir, 'compare-units.json'), 'utf8'));
  assert.is(file.claim, 'units');
  assert.equal(file.units.map((u: { unit: string }) => u.unit), ['vonmises:1', 'vonmises:4']);
  for (const u of file.units) {
    // at t = 0 the prediction is σ_c² ∫ψ² exactly, and the measurement scatters around it
    assert.ok(Math.abs(u.prediction.total[0] - u.psiEnergy) < 1e-12 * u.psiEnergy, `${u.unit}: ${u.prediction.total[0]} vs ${u.psiEnergy}`);
    assert.ok(Math.abs(u.measured[0] - u.psiEnergy) < 4 * u.standardError[0], `${u.unit}: measured ${u.measured[0]} ± ${u.standardError[0]}`);
  }
  assert.is(file.ranking.t, 2);
  assert.is(file.ranking.predictedOrder.length, 2);
  assert.ok(typeof file.package.version === 'string');
});

test('liouville compare units: bad input exits 2 naming the flag, and writes nothing', async () => {
  const out = join(dir, 'bad');
  const cases: [string[], RegExp][] = [
    [['--units', 'vonmises:1'], /--units .*at least two units/],
    [['--units', 'vonmises:1;nonsense:3'], /--units .*"nonsense:3" is invalid/],
    [['--t', '0,2', '--rank-t', '5'], /--rank-t .*one of the recorded times/],
    [['--units', 'vonmises:1;vonmises:4', '--predict', '16x8'], /--predict .*must exceed 2M/],
    [['--target', 'cos(x'], /--target/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await runInProcess(['compare', 'units', ...argv, '--out', out, '--quiet']);
    assert.is(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.ok(!existsSync(join(out, 'compare-units.json')));
  }
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairedComparison, rankUnits, type UnitOutcome } from '../../../compare/index.ts';
import { Rng } from '../../../model/index.ts';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const dir = tempDir('liouville-units-');

const R = 64;

/** Walsh function `i` at `r`: ±1, mean 0 over `r = 0…R−1` for `i ≥ 1`, and orthogonal for different `i`. */
function walsh(i: number, r: number): number {
  let bits = i & r;
  let parity = 0;
  for (; bits !== 0; bits >>= 1) parity ^= bits & 1;
  return parity === 0 ? 1 : -1;
}

/**
 * Per-seed values with exactly this mean and standard error. Different `pattern`s are exactly
 * uncorrelated (orthogonal Walsh functions), so for them the paired test is the independent one.
 */
function uncorrelated(mean: number, se: number, pattern: number): Float64Array {
  const s = se * Math.sqrt(R - 1);
  return Float64Array.from({ length: R }, (_, r) => mean + s * walsh(pattern, r));
}

function mean(a: Float64Array): number {
  return a.reduce((s, x) => s + x, 0) / a.length;
}

function se(a: Float64Array): number {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1) / a.length);
}

function outcome(unit: string, predicted: number, perSeed: Float64Array): UnitOutcome {
  return {
    unit, M: 1, psiEnergy: 1, measured: [mean(perSeed)], standardError: [se(perSeed)], meanFieldLoss: [0], perSeed: [perSeed],
    prediction: { settings: { ny: 8, nc: 4, dt: 0.1, check: null }, times: [1], total: [predicted], perMode: [[predicted]], checkTotal: null, linearRegime: null, seconds: 0 },
  };
}

test('rankUnits: Kendall τ, significant inversions only, and whether the predicted best holds', () => {
  const same = rankUnits([outcome('a', 1, uncorrelated(1.1, 0.05, 1)), outcome('b', 2, uncorrelated(2.1, 0.05, 2)), outcome('c', 3, uncorrelated(2.9, 0.05, 3))], 0, 1);
  assert.equal(same.predictedOrder, ['a', 'b', 'c']);
  assert.is(same.kendallTau, 1);
  assert.equal(same.inversions, []);
  assert.ok(same.bestConfirmed);
  // every pair is reported, in the predicted order, differences a − b
  assert.equal(same.pairs.map((p) => `${p.a}-${p.b}`), ['a-b', 'a-c', 'b-c']);
  assert.ok(Math.abs(same.pairs[0]!.predictedDifference + 1) < 1e-12);
  assert.ok(Math.abs(same.pairs[0]!.meanDifference + 1) < 1e-12);
  // uncorrelated seeds: the paired standard error is the independent one, √(se_a² + se_b²)
  assert.ok(Math.abs(same.pairs[0]!.standardError - Math.hypot(0.05, 0.05)) < 1e-12, `${same.pairs[0]!.standardError}`);
  // b and c swapped within noise: τ drops, but it is not a significant inversion
  const noisy = rankUnits([outcome('a', 1, uncorrelated(1, 0.05, 1)), outcome('b', 2, uncorrelated(2.05, 0.1, 2)), outcome('c', 2.1, uncorrelated(2.0, 0.1, 3))], 0, 1);
  assert.ok(Math.abs(noisy.kendallTau - 1 / 3) < 1e-12);
  assert.equal(noisy.inversions, []);
  // a predicted best but measured far worse than b
  const wrong = rankUnits([outcome('a', 1, uncorrelated(3, 0.1, 1)), outcome('b', 2, uncorrelated(1, 0.1, 2))], 0, 1);
  assert.is(wrong.inversions.length, 1);
  assert.is(wrong.inversions[0]!.predictedBetter, 'a');
  assert.is(wrong.inversions[0]!.measuredBetter, 'b');
  assert.ok(Math.abs(wrong.inversions[0]!.meanDifference - 2) < 1e-12);
  assert.ok(wrong.inversions[0]!.z > 1.96);
  assert.not.ok(wrong.bestConfirmed);
  assert.is(wrong.kendallTau, -1);
});

test('pairedComparison: the mean and standard error of the per-seed differences', () => {
  // d = [1, 0, 2, 0]: mean 0.75, sample variance 2.75/3, se = √(2.75/12)
  const p = pairedComparison(Float64Array.of(1, 2, 3, 4), Float64Array.of(0, 2, 1, 4));
  assert.ok(Math.abs(p.meanDifference - 0.75) < 1e-15);
  assert.ok(Math.abs(p.standardError - Math.sqrt(2.75 / 12)) < 1e-15);
  assert.ok(Math.abs(p.z - 0.75 / Math.sqrt(2.75 / 12)) < 1e-12);
  // identical members: no difference and no scatter, z = 0 rather than NaN
  assert.is(pairedComparison(Float64Array.of(1, 2), Float64Array.of(1, 2)).z, 0);
  assert.throws(() => pairedComparison(Float64Array.of(1, 2), Float64Array.of(1, 2, 3)), /differ in length/);
  assert.throws(() => pairedComparison(Float64Array.of(1), Float64Array.of(1)), /at least 2 seeds/);
});

/** Two units on the same seeds: a shared per-seed part with a large scatter (the common initial particles) plus a small own noise. */
function correlatedPair(shift: number): { a: Float64Array; b: Float64Array } {
  const rng = new Rng(7, 3);
  const a = new Float64Array(R);
  const b = new Float64Array(R);
  const own = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const shared = 1 + 0.5 * rng.normal();
    a[r] = shared;
    own[r] = 0.05 * rng.normal();
  }
  // the own noise centred exactly, so that b − a has mean `shift` exactly
  const ownMean = mean(own);
  for (let r = 0; r < R; r++) b[r] = a[r]! + shift + own[r]! - ownMean;
  return { a, b };
}

test('rankUnits: the paired test finds a small consistent difference that the independent test misses', () => {
  // b is measured worse than a by 0.05 on every seed (± 0.05), under a shared scatter of 0.5
  const { a, b } = correlatedPair(0.05);
  const independentZ = (mean(b) - mean(a)) / Math.hypot(se(a), se(b));
  assert.ok(Math.abs(independentZ) < 1.96, `independent z = ${independentZ}`);
  const paired = pairedComparison(b, a);
  assert.ok(Math.abs(paired.meanDifference - 0.05) < 1e-12, `${paired.meanDifference}`);
  assert.ok(paired.z > 1.96, `paired z = ${paired.z}`);
  // the prediction says b is the better unit: the paired measurement inverts it significantly
  const ranking = rankUnits([outcome('a', 2, a), outcome('b', 1, b)], 0, 1);
  assert.equal(ranking.predictedOrder, ['b', 'a']);
  assert.is(ranking.inversions.length, 1);
  assert.is(ranking.inversions[0]!.predictedBetter, 'b');
  assert.is(ranking.inversions[0]!.measuredBetter, 'a');
  assert.ok(Math.abs(ranking.inversions[0]!.z - paired.z) < 1e-12);
  assert.not.ok(ranking.bestConfirmed);
  assert.is(ranking.pairs.length, 1);
  assert.ok(Math.abs(ranking.pairs[0]!.z - paired.z) < 1e-12);
});

test('rankUnits: a correlated pair with no difference on average is no inversion', () => {
  const { a, b } = correlatedPair(0);
  const paired = pairedComparison(b, a);
  assert.ok(Math.abs(paired.z) < 1e-6, `paired z = ${paired.z}`);
  const ranking = rankUnits([outcome('a', 2, a), outcome('b', 1, b)], 0, 1);
  assert.equal(ranking.inversions, []);
  assert.ok(ranking.bestConfirmed);
  assert.ok(Math.abs(ranking.pairs[0]!.z) < 1e-6);
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
  // the per-seed values are written, and the one pair carries its paired statistics
  for (const u of file.units) assert.equal(u.perSeed.map((x: number[]) => x.length), [24, 24]);
  assert.is(file.ranking.pairs.length, 1);
  const p = file.ranking.pairs[0];
  assert.equal([p.a, p.b], file.ranking.predictedOrder);
  assert.ok(p.standardError > 0 && Math.abs(p.z - p.meanDifference / p.standardError) < 1e-9, JSON.stringify(p));
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

/**
 * The readings of Sec. 5's silences as options (compare/spin3/spin3Study.ts `Spin3Readings`): each
 * changes the initial law or the data as its documentation states and nothing else, the full loss
 * is the half loss at twice the step reported twice, the defaults leave the spec (and so its
 * fingerprint) as it was, and each option given is recorded in the spec and the protocol lines.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeReadings, runSpin3Member, spin3MemberNetwork, studyFingerprint, type Spin3StudySpec } from '../../../compare/index.ts';
import { createSpin3Target, Rng } from '../../../model/index.ts';
import { Spin3Network, spin3Errors } from '../../../particles/index.ts';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const spec: Spin3StudySpec = {
  d: 5, activation: 'sigmoid', ns: [8, 16], realizations: 2, seedsPerRealization: 1, seed: 3, batch: 10, dt: 0.02, steps: 30,
  quench: null, testPoints: 400, sigmaC: 1, sigmaB: 1, bootstrap: { replicates: 200, level: 0.95 },
};
const task = { n: 16, realization: 1, r: 0 };
const arrays = (net: Spin3Network): number[][] => [Array.from(net.c), Array.from(net.w), Array.from(net.b)];

test('weight scale s: w is s times the default draw; c and b unchanged', () => {
  const [base, scaled] = [spin3MemberNetwork(spec, task), spin3MemberNetwork({ ...spec, readings: { weightScale: 3 } }, task)];
  assert.equal([arrays(scaled)[0], arrays(scaled)[2]], [arrays(base)[0], arrays(base)[2]]);
  base.w.forEach((v, q) => assert.ok(Math.abs(scaled.w[q]! - 3 * v) <= 4 * Number.EPSILON * Math.abs(3 * v), `w[${q}]`));
});

test('c law zero: c = 0, w and b the default draw; no bias: b ≡ 0 before and after training, c and w drawn as before', () => {
  const base = spin3MemberNetwork(spec, task);
  const zero = spin3MemberNetwork({ ...spec, readings: { cLaw: 'zero' } }, task);
  assert.ok(zero.c.every((v) => v === 0));
  assert.equal(arrays(zero).slice(1), arrays(base).slice(1));
  const free = spin3MemberNetwork({ ...spec, readings: { bias: false } }, task);
  assert.equal(arrays(free).slice(0, 2), arrays(base).slice(0, 2));
  assert.ok(free.b.every((v) => v === 0) && base.b.some((v) => v !== 0));
  for (let k = 0; k < 20; k++) free.step(0.05, 10);
  assert.ok(free.b.every((v) => v === 0), 'b stays 0 under training');
  assert.ok(free.c.some((v, i) => v !== base.c[i]), 'c trains');
});

test('input radius R: the data lie on the sphere of radius R (the zero network\'s loss scales as (R/√d)⁶ on the same directions)', () => {
  const d = 5;
  const zeroNet = (radius: number): Spin3Network => new Spin3Network(createSpin3Target(d, 2, 0, radius),
    { n: 4, activation: 'relu', sigmaC: 1, sigmaB: 0, seed: 1, stream: 0, cLaw: 'zero' });
  const [a, b] = [spin3Errors(zeroNet(Math.sqrt(d)), new Rng(4), 1000).loss, spin3Errors(zeroNet(1), new Rng(4), 1000).loss];
  assert.ok(Math.abs(b / a - 1 / d ** 3) < 1e-12 / d ** 3, `ratio ${b / a} against ${1 / d ** 3}`);
  assert.throws(() => createSpin3Target(d, 1, 0, 0), /radius = 0 is invalid/);
});

test('loss full: the member is the half-loss member at twice the step, its loss reported twice (bit for bit)', () => {
  const full = runSpin3Member({ ...spec, readings: { loss: 'full' } }, task);
  const half = runSpin3Member({ ...spec, dt: 0.04 }, task);
  assert.is(full.loss, 2 * half.loss);
  assert.is(full.lossStandardError, 2 * half.lossStandardError);
  assert.equal([full.positive, full.negative], [half.positive, half.negative]);
});

test('the readings in words, and the default keeps the spec\'s fingerprint', () => {
  assert.equal(describeReadings(spec), ['data on the sphere of radius √d', 'w ~ N(0, I/d)', 'bias b ~ N(0, 1²), trained', 'c ~ N(0, 1²)', 'loss ½E(f − f_n)²']);
  assert.equal(describeReadings({ ...spec, readings: { inputRadius: 1, weightScale: 2, bias: false, cLaw: 'zero', loss: 'full' } }),
    ['data on the sphere of radius 1', 'w ~ N(0, 2² I/d)', 'no bias (b ≡ 0)', 'c = 0', 'loss E(f − f_n)² (no ½)']);
  assert.is.not(studyFingerprint({ ...spec, readings: { bias: false } }), studyFingerprint(spec));
});

test('compare spin3: each reading flag is recorded in the spec and the protocol lines; the defaults record none', async () => {
  const out = tempDir('liouville-readings-');
  const common = ['compare', 'spin3', '--d', '4', '--n', '8,16', '--realizations', '2', '--steps', '5', '--batch', '5', '--quench-batch', 'none', '--test-points', '100', '--bootstrap', '100', '--workers', '0', '--quiet'];
  const plain = await runInProcess([...common, '--out', join(out, 'a')]);
  assert.is(plain.status, 0, plain.stderr);
  const a = JSON.parse(readFileSync(join(out, 'a', 'compare-spin3.json'), 'utf8'));
  assert.is(a.spec.readings, undefined);
  assert.equal(a.protocol.readingOptions, describeReadings(a.spec));
  const flags = ['--input-radius', '1.5', '--weight-scale', '2', '--bias', 'off', '--c-law', 'zero', '--loss', 'full'];
  const read = await runInProcess([...common, ...flags, '--out', join(out, 'b')]);
  assert.is(read.status, 0, read.stderr);
  const b = JSON.parse(readFileSync(join(out, 'b', 'compare-spin3.json'), 'utf8'));
  assert.equal(b.spec.readings, { inputRadius: 1.5, weightScale: 2, bias: false, cLaw: 'zero', loss: 'full' });
  assert.equal(b.protocol.readingOptions, ['data on the sphere of radius 1.5', 'w ~ N(0, 2² I/d)', 'no bias (b ≡ 0)', 'c = 0', 'loss E(f − f_n)² (no ½)']);
  const bad = await runInProcess([...common, '--weight-scale', '0', '--dry-run', '--out', join(out, 'c')]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--weight-scale \(config "weightScale"\): got "0"/);
});

test.run();

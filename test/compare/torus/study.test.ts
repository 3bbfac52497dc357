import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binGridDensity, binnedL1 } from '../../../compare/distances/binnedDistance.ts';
import { analyseStudy, computeReference, runStudy, runStudyMembers, studyTasks, validateStudySpec, type StudySpec } from '../../../compare/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { RESULT_FORMAT } from '../../../io/resultFormat.ts';

const spec: StudySpec = {
  claims: ['lln', 'clt', 'healing'],
  problem: { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [16, 32, 64],
  seeds: 6,
  seed: 3,
  times: [0, 1],
  dt: 0.05,
  reference: { ny: 32, nc: 12, check: { ny: 48, nc: 16 } },
  density: { ny: 32, nc: 32, L: 8 },
  bootstrap: { replicates: 200, level: 0.95 },
};

test('a study gives the same members and statistics on 0, 1 or 2 worker threads', async () => {
  const inline = await runStudy(spec, { workers: 0 });
  const two = await runStudy(spec, { workers: 2 });
  assert.is(inline.members.length, spec.ns.length * spec.seeds);
  assert.equal(two.members.map((m) => [m.n, m.r, Array.from(m.fhat[1]!.re), Array.from(m.fhat[1]!.im), m.w1y, m.w1c]), inline.members.map((m) => [m.n, m.r, Array.from(m.fhat[1]!.re), Array.from(m.fhat[1]!.im), m.w1y, m.w1c]));
  assert.equal(JSON.stringify(two.analysis), JSON.stringify(inline.analysis));
});

test('shards partition the members, and analysing their union equals the unsharded study', async () => {
  const whole = await runStudy(spec, { workers: 0 });
  const tasks = [0, 1, 2].map((index) => studyTasks(spec, { index, count: 3 }));
  assert.is(tasks.flat().length, spec.ns.length * spec.seeds);
  assert.is(new Set(tasks.flat().map((t) => `${t.n}/${t.r}`)).size, spec.ns.length * spec.seeds);
  const reference = computeReference(spec);
  const parts = await Promise.all([0, 1, 2].map((index) => runStudyMembers(spec, reference.marginals, 0, { index, count: 3 })));
  const merged = parts.flat().sort((a, b) => a.n - b.n || a.r - b.r);
  assert.equal(JSON.stringify(analyseStudy(spec, reference, merged)), JSON.stringify(whole.analysis));
});

test('analysis: E‖f_n − f₀‖² = squared bias + variance exactly, and per-mode errors sum to the total', async () => {
  const { analysis } = await runStudy(spec, { workers: 0 });
  for (const c of analysis.cells) {
    assert.ok(Math.abs(c.mse - (c.bias2 + c.variance)) <= 1e-12 * c.mse, `n = ${c.n}, t = ${c.t}`);
    const sum = c.modeMse.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - c.mse) <= 1e-12 * c.mse);
    assert.ok(c.w1y! > 0 && c.w1c! > 0 && c.binnedL1! > 0 && c.binnedL1! <= 2);
  }
});

test('CLT at t = 0: the measured slope of E‖f_n − f₀‖² is −1 within its sampling error', async () => {
  const clt: StudySpec = { ...spec, claims: ['clt'], ns: [32, 64, 128, 256, 512], seeds: 40, times: [0], density: null };
  const { analysis } = await runStudy(clt, { workers: 2 });
  const slope = analysis.slopes.find((s) => s.quantity === 'mse' && s.t === 0)!;
  // 40 seeds over 5 octaves: the bootstrap standard error is ~0.07, so 0.3 is > 4 of them
  assert.ok(Math.abs(slope.estimate + 1) < 0.3, `slope ${slope.estimate} [${slope.lower}, ${slope.upper}]`);
  assert.ok(slope.lower < -1 && slope.upper > -1, `the interval [${slope.lower}, ${slope.upper}] should cover −1`);
  // n·E‖f_n − f₀‖² at t = 0 is σ_c² ∫ψ² dμ = Σ_m |ψ̂_m|² (+ the mean's part, c̄ = 0): ≈ 0.2 for vonmises:2
  for (const c of analysis.cells) assert.ok(c.nMse > 0.1 && c.nMse < 0.4, `n·mse = ${c.nMse} at n = ${c.n}`);
});

test('a study spec with a bad field is refused with the field named', () => {
  assert.throws(() => validateStudySpec({ ...spec, ns: [64, 32] }), /ns\[1\] = 32 is invalid: strictly increasing/);
  assert.throws(() => validateStudySpec({ ...spec, seeds: 1 }), /seeds = 1 is invalid/);
  assert.throws(() => validateStudySpec({ ...spec, reference: { ny: 32, nc: 12, check: { ny: 32, nc: 12 } } }), /reference.check = 32x12 is invalid/);
});

test('binned L1: grid mass is conserved by binning, and a particle set that matches the bins is at distance 0', () => {
  const ny = 8;
  const nc = 4;
  const L = 2;
  const rho = Float64Array.from({ length: ny * nc }, (_, k) => 1 + (k % 3));
  const total = rho.reduce((a, b) => a + b, 0) * ((2 * Math.PI) / ny) * ((2 * L) / nc);
  const mass = binGridDensity(rho, ny, nc, L, 4, 2);
  assert.ok(Math.abs(mass.reduce((a, b) => a + b, 0) - total) < 1e-12);
  // one particle at the centre of each of 4×2 bins against a uniform reference: 0; all in one bin: 2·(1 − 1/8)
  const y = Float64Array.from({ length: 8 }, (_, k) => ((k % 4) + 0.5) * (2 * Math.PI / 4));
  const c = Float64Array.from({ length: 8 }, (_, k) => (k < 4 ? -1 : 1));
  const uniform = new Float64Array(8).fill(1 / 8);
  assert.ok(binnedL1(y, c, uniform, 4, 2, L) < 1e-15);
  assert.ok(Math.abs(binnedL1(new Float64Array(8).fill(0.1), new Float64Array(8).fill(-1.5), uniform, 4, 2, L) - 1.75) < 1e-15);
  assert.throws(() => binGridDensity(rho, ny, nc, L, 3, 2), /must divide the grid/);
});

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'liouville.js');
const cli = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('liouville compare --shard i/N then liouville merge writes the result of an unsharded run', () => {
  const dir = tempDir('liouville-compare-');
  // the default reference solver (remeshed) at a small grid: its check run bounds its error like the Lagrangian's
  const common = ['--n', '16,32', '--seeds', '4', '--t', '0,1', '--reference', '64x64', '--reference-check', '96x96', '--density', '32x32', '--bootstrap', '200', '--quiet'];
  const whole = cli(['compare', 'clt', ...common, '--out', join(dir, 'whole')]);
  assert.is(whole.status, 0, whole.stderr);
  assert.match(whole.stdout, /CLT: slope of E‖f_n − f₀‖² in n/);
  for (const i of [1, 2]) assert.is(cli(['compare', 'clt', ...common, '--shard', `${i}/2`, '--workers', '1', '--out', join(dir, 'parts')]).status, 0);
  const missing = cli(['merge', join(dir, 'parts', 'compare-clt.shard-1-of-2.json'), '--out', join(dir, 'merged')]);
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /slices missing: 2\/2/);
  const merged = cli(['merge', join(dir, 'parts', 'compare-clt.shard-1-of-2.json'), join(dir, 'parts', 'compare-clt.shard-2-of-2.json'), '--out', join(dir, 'merged'), '--quiet']);
  assert.is(merged.status, 0, merged.stderr);
  const a = JSON.parse(readFileSync(join(dir, 'whole', 'compare-clt.json'), 'utf8'));
  const b = JSON.parse(readFileSync(join(dir, 'merged', 'compare-clt.json'), 'utf8'));
  assert.equal(b.analysis, a.analysis);
  const strip = (ms: { seconds?: number }[]): unknown[] => ms.map(({ seconds: _, ...rest }) => rest);
  assert.equal(strip(b.members), strip(a.members)); // all but the wall times
  assert.is(a.format, RESULT_FORMAT);
  assert.ok(a.package.commit === null || typeof a.package.commit === 'string');
  assert.equal(a.spec.ns, [16, 32]);
  assert.is(a.reference.method, 'remeshed');
  assert.equal(a.spec.reference, { method: 'remeshed', ny: 64, nc: 64, L: 10, check: { ny: 96, nc: 96 } });
  assert.ok(a.reference.squaredErrorBound[1] < 1e-12, `the reference's own error bound at t = 1: ${a.reference.squaredErrorBound[1]}`);
  const bad = cli(['compare', 'clt', '--n', '32,16', '--out', join(dir, 'bad')]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--n \(config "n"\): got "32,16", must increase strictly, but 16 follows 32/);
  assert.not.ok(existsSync(join(dir, 'bad')));
  assert.is(cli(['compare', 'everything', '--out', join(dir, 'bad')]).status, 2);
  // a --config file gives the same study as the same flags; an unknown key is refused by name
  const cfg = join(dir, 'study.json');
  writeFileSync(cfg, JSON.stringify({ n: [16, 32], seeds: 4, times: [0, 1], reference: { ny: 64, nc: 64 }, referenceCheck: { ny: 96, nc: 96 },
    density: { ny: 32, nc: 32 }, bootstrap: 200 }));
  assert.is(cli(['compare', 'clt', '--config', cfg, '--out', join(dir, 'fromfile'), '--quiet']).status, 0);
  const c = JSON.parse(readFileSync(join(dir, 'fromfile', 'compare-clt.json'), 'utf8'));
  assert.equal(c.analysis, a.analysis);
  writeFileSync(cfg, JSON.stringify({ seedz: 4 }));
  const unknown = cli(['compare', 'clt', '--config', cfg, '--out', join(dir, 'bad')]);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /unknown key "seedz"/);
  assert.not.ok(existsSync(join(dir, 'bad')));
});

test('a compare run killed half-way and rerun with --resume gives the result of an uninterrupted run', async () => {
  const dir = tempDir('liouville-resume-');
  const common = ['clt', '--n', '64,128,256,512', '--seeds', '6', '--t', '0,2', '--reference-method', 'lagrangian', '--reference', '32x12', '--reference-check', '48x16',
    '--density', 'none', '--bootstrap', '200', '--workers', '1', '--quiet'];
  assert.is(cli(['compare', ...common, '--out', join(dir, 'whole')]).status, 0);
  const out = join(dir, 'killed');
  const checkpoint = join(out, 'compare-clt.members.jsonl');
  // killed without warning once 7 of the 24 members are recorded (the CLI's test hook: no timing involved)
  const killed = spawnSync(process.execPath, [bin, 'compare', ...common, '--out', out], { env: { ...process.env, LIOUVILLE_TEST_KILL_AFTER_MEMBERS: '7' } });
  assert.is(killed.signal, 'SIGKILL');
  const recorded = readFileSync(checkpoint, 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;
  assert.is(recorded, 7);
  // and the kill cut the next record short, as it may: the reader drops the broken last line
  appendFileSync(checkpoint, readFileSync(checkpoint, 'utf8').split('\n')[1]!.slice(0, 60));
  assert.not.ok(existsSync(join(out, 'compare-clt.json')), 'no result file from the killed run');
  // without --resume the unfinished checkpoint is not overwritten
  const refused = cli(['compare', ...common, '--out', out]);
  assert.is(refused.status, 2);
  assert.match(refused.stderr, /unfinished run: rerun with --resume/);
  // a different configuration cannot resume it
  const other = cli(['compare', ...common.map((a) => (a === '6' ? '7' : a)), '--out', out, '--resume']);
  assert.is(other.status, 2);
  assert.match(other.stderr, /another configuration/);
  const resumed = cli(['compare', ...common, '--out', out, '--resume']);
  assert.is(resumed.status, 0, resumed.stderr);
  const a = JSON.parse(readFileSync(join(dir, 'whole', 'compare-clt.json'), 'utf8'));
  const b = JSON.parse(readFileSync(join(out, 'compare-clt.json'), 'utf8'));
  assert.is(b.timing.resumedMembers, recorded);
  assert.equal(b.analysis, a.analysis);
  const strip = (ms: { seconds?: number }[]): unknown[] => ms.map(({ seconds: _, ...rest }) => rest);
  assert.equal(strip(b.members), strip(a.members));
  assert.not.ok(existsSync(checkpoint), 'the checkpoint is removed once the result is written');
});

test.run();

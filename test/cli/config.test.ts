import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { runStudy, type StudySpec } from '../../compare/index.ts';

const dir = tempDir('liouville-config-');

const cli = runInProcess;

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const snapshots = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')).snapshots;

const PARTICLES = {
  unit: 'vonmises:3', target: 'cos(x) + 0.5*sin(2*x)', sigmaC: 0.8, cMean: 0.1, modeTolerance: 1e-10, maxModes: 40,
  n: 40, seed: 7, stream: 3, times: [0, 0.2, 0.5], dynamics: 'sgd', integrator: 'euler', dt: 0.05, batch: '10,30@0.25',
  frozenY: true, interaction: 'spectral', engine: 'wasm-simd', particles: true,
};
const PARTICLES_FLAGS = [
  '--unit', 'vonmises:3', '--target', 'cos(x) + 0.5*sin(2*x)', '--sigma-c', '0.8', '--c-mean', '0.1', '--mode-tol', '1e-10', '--max-modes', '40',
  '--n', '40', '--seed', '7', '--stream', '3', '--t', '0,0.2,0.5', '--dynamics', 'sgd', '--integrator', 'euler', '--dt', '0.05', '--batch', '10,30@0.25',
  '--frozen-y', '--engine', 'wasm-simd', '--particles', '--quiet',
];

test('particles: a config file that sets everything gives the same snapshots as the same flags', async () => {
  const cfg = writeJson('p.json', PARTICLES);
  const a = join(dir, 'pa.json');
  const b = join(dir, 'pb.json');
  assert.is((await cli(['particles', '--config', cfg, '--out', a, '--quiet'])).status, 0);
  assert.is((await cli(['particles', ...PARTICLES_FLAGS, '--out', b])).status, 0);
  assert.equal(snapshots(a), snapshots(b));
  const file = JSON.parse(readFileSync(a, 'utf8'));
  assert.equal(file.config.input, PARTICLES, 'the result records the validated config');
  assert.is(file.config.n, 40, 'the existing keys stay');
  // the result file itself is a config: the run reproduces
  const c = join(dir, 'pc.json');
  assert.is((await cli(['particles', '--config', a, '--out', c, '--quiet'])).status, 0);
  assert.equal(snapshots(c), snapshots(a));
});

test('solve: a config file that sets everything gives the same snapshots as the same flags; flags override the file', async () => {
  const SOLVE = {
    unit: 'vonmises:2', target: 'cos(x)', sigmaC: 1, cMean: 0, modeTolerance: 1e-6, maxModes: 6, times: [0, 0.3], method: 'grid',
    grid: { ny: 16, nc: 16 }, L: 6, cfl: 0.3, maxOutflow: 1e-5, quadrature: { ny: 24, nc: 8 }, check: false, frozenY: false, density: true,
  };
  const cfg = writeJson('s.json', SOLVE);
  const a = join(dir, 'sa.json');
  const b = join(dir, 'sb.json');
  assert.is((await cli(['solve', '--config', cfg, '--out', a, '--quiet'])).status, 0);
  assert.is((await cli(['solve', '--unit', 'vonmises:2', '--target', 'cos(x)', '--sigma-c', '1', '--c-mean', '0', '--mode-tol', '1e-6',
    '--max-modes', '6', '--t', '0,0.3', '--method', 'grid', '--grid', '16x16', '--L', '6', '--cfl', '0.3', '--max-outflow', '1e-5', '--quadrature', '24x8',
    '--density', '--out', b, '--quiet'])).status, 0);
  assert.equal(snapshots(a), snapshots(b));
  assert.equal(JSON.parse(readFileSync(a, 'utf8')).config.input, SOLVE);
  // flags win over the file
  const c = join(dir, 'sc.json');
  assert.is((await cli(['solve', '--config', cfg, '--method', 'lagrangian', '--t', '0.3', '--out', c, '--quiet'])).status, 2, 'density from the file + lagrangian from a flag');
  assert.is((await cli(['solve', '--config', writeJson('s2.json', { ...SOLVE, density: false }), '--method', 'lagrangian', '--t', '0.3', '--out', c, '--quiet'])).status, 0);
  const lag = JSON.parse(readFileSync(c, 'utf8'));
  assert.is(lag.config.method, 'lagrangian');
  assert.equal(lag.config.times, [0.3]);
  assert.equal([lag.config.ny, lag.config.nc], [24, 8], 'the Lagrangian run records its quadrature as ny × nc, like the grid solvers');
});

test('particles: flags override the file', async () => {
  const cfg = writeJson('p2.json', PARTICLES);
  const a = join(dir, 'override.json');
  assert.is((await cli(['particles', '--config', cfg, '--n', '12', '--seed', '9', '--t', '0.1', '--out', a, '--quiet'])).status, 0);
  const file = JSON.parse(readFileSync(a, 'utf8'));
  assert.is(file.config.n, 12);
  assert.is(file.seed, 9);
  assert.equal(file.config.times, [0.1]);
  assert.is(file.config.stream, 3, 'keys not given as flags come from the file');
  assert.is(file.problem.unit.spec, 'vonmises:3');
});

test('config file errors exit 2, name the key or the file, and write no file', async () => {
  const out = join(dir, 'never.json');
  const cases: Array<[string[], RegExp]> = [
    [['--config', writeJson('unknown.json', { ...PARTICLES, sigma: 1 })], /--config: ".*unknown\.json" has the unknown key "sigma"/],
    [['--config', writeJson('bad.json', '{"n": 10,')], /--config: ".*bad\.json" is not valid JSON/],
    [['--config', join(dir, 'missing.json')], /--config: cannot read ".*missing\.json": ENOENT/],
    [['--config', writeJson('array.json', [1, 2])], /--config: ".*array\.json" must hold a JSON object/],
    [['--config', writeJson('zero.json', { ...PARTICLES, n: 0 })], /--n \(config "n" in .*zero\.json\): got 0, must be an integer >= 1/],
    [['--config', writeJson('str.json', { ...PARTICLES, dt: '0.1' })], /--dt \(config "dt" in .*str\.json\): got "0\.1", must be a finite number > 0/],
    [['--config', writeJson('times.json', { ...PARTICLES, times: [0, -1] })], /--t \(config "times" in .*times\.json\): got \[0,-1\], times\[1\] = -1 must be a finite number >= 0/],
    [['--config', writeJson('unit.json', { ...PARTICLES, unit: 'tanh' })], /--unit \(config "unit"\): got "tanh": unknown unit/],
    [['--config', writeJson('gd.json', { ...PARTICLES, dynamics: 'gd' })], /--batch \(config "batch" in .*gd\.json\): got "10,30@0\.25", applies to --dynamics sgd only/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(['particles', ...args, '--out', out, '--quiet']);
    assert.is(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(out), `${args.join(' ')} left an output file`);
  }
  const r = await cli(['solve', '--config', writeJson('grid.json', { times: [1], grid: { ny: 64, nc: 2 } }), '--out', out]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /--grid \(config "grid" in .*grid\.json\): got \{"ny":64,"nc":2\}, grid\.nc = 2 must be an integer >= 4/);
  assert.not.ok(existsSync(out));
});

/** A study as the library takes it (`runStudy`): the same shape a compare result records as `spec`. */
const STUDY = {
  claims: ['clt'],
  problem: { unit: 'vonmises:2', target: 'cos(x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0.2, sigmaC: 0.9 },
  ns: [16, 32], seeds: 4, seed: 11, times: [0, 0.5], dt: 0.05, engine: 'wasm-simd',
  reference: { method: 'lagrangian', ny: 48, nc: 12, check: { ny: 64, nc: 16 } },
  density: null,
  bootstrap: { replicates: 200, level: 0.95 },
  prediction: null,
};

test('compare: --config takes a study spec (the library\'s shape) or a compare result, runs the same study, and flags still win', async () => {
  const fromSpec = join(dir, 'fromSpec');
  assert.is((await cli(['compare', 'clt', '--config', writeJson('study.json', STUDY), '--workers', '0', '--out', fromSpec, '--quiet'])).status, 0);
  const a = JSON.parse(readFileSync(join(fromSpec, 'compare-clt.json'), 'utf8'));
  assert.equal(a.spec, STUDY, 'the study run is the spec given');
  const { analysis } = await runStudy(STUDY as StudySpec, { workers: 0 });
  assert.equal(a.analysis, JSON.parse(JSON.stringify(analysis)), 'the same verdicts as the library');
  // the result file as --config: the same study again, bit for bit
  const again = join(dir, 'again');
  assert.is((await cli(['compare', 'clt', '--config', join(fromSpec, 'compare-clt.json'), '--out', again, '--quiet'])).status, 0);
  const b = JSON.parse(readFileSync(join(again, 'compare-clt.json'), 'utf8'));
  assert.equal([b.spec, b.analysis, b.members.map((m: { fhat: unknown }) => m.fhat)], [a.spec, a.analysis, a.members.map((m: { fhat: unknown }) => m.fhat)]);
  const more = join(dir, 'more');
  assert.is((await cli(['compare', 'clt', '--config', join(fromSpec, 'compare-clt.json'), '--seeds', '5', '--out', more, '--quiet'])).status, 0);
  assert.equal(JSON.parse(readFileSync(join(more, 'compare-clt.json'), 'utf8')).spec, { ...STUDY, seeds: 5 });
});

test('compare: a transported-control study at its own prediction step round-trips through --config; bad --control and --predict-dt values are refused by name', async () => {
  const spec = { ...STUDY, prediction: { ny: 24, nc: 12, dt: 0.4, check: { ny: 21, nc: 9, dt: 0.8 }, control: 'transport' } };
  const out = join(dir, 'transport');
  assert.is((await cli(['compare', 'clt', '--config', writeJson('transport.json', spec), '--workers', '0', '--out', out, '--quiet'])).status, 0);
  const a = JSON.parse(readFileSync(join(out, 'compare-clt.json'), 'utf8'));
  assert.equal(a.spec, spec);
  assert.equal([a.reference.prediction.linear.ns, a.reference.prediction.linear.seeds], [STUDY.ns, STUDY.seeds]);
  assert.ok(a.analysis.controlVariate.every((r: { method: string }) => r.method === 'transport'));
  const again = join(dir, 'transport-again');
  assert.is((await cli(['compare', 'clt', '--config', join(out, 'compare-clt.json'), '--workers', '0', '--out', again, '--quiet'])).status, 0);
  assert.equal(JSON.parse(readFileSync(join(again, 'compare-clt.json'), 'utf8')).analysis, a.analysis);
  for (const [flag, value] of [['--control', 'exact'], ['--predict-dt', '0']]) {
    const r = await cli(['compare', 'clt', '--n', '16,32', '--seeds', '4', '--t', '0', flag!, value!, '--dry-run', '--out', join(dir, 'bad')]);
    assert.is(r.status, 2, `${flag} ${value}`);
    assert.match(r.stderr, new RegExp(flag!));
  }
  const none = await cli(['compare', 'clt', '--n', '16,32', '--seeds', '4', '--t', '0', '--control', 'transport', '--predict', 'none', '--dry-run', '--out', join(dir, 'bad')]);
  assert.is(none.status, 2);
  assert.match(none.stderr, /--control .*transported with the prediction, and --predict none/);
  const sgd = await cli(['compare', 'sgd', '--n', '16,32', '--seeds', '4', '--t', '0,1', '--control', 'transport', '--dry-run', '--out', join(dir, 'bad')]);
  assert.is(sgd.status, 2);
  assert.match(sgd.stderr, /compare sgd has no prediction/);
  assert.not.ok(existsSync(join(dir, 'bad')));
});

test('compare: an n range whose end is not on its ladder is refused, naming the ends it could have', async () => {
  const r = await cli(['compare', 'clt', '--n', '32..500', '--dry-run', '--out', join(dir, 'range')]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /--n \(config "n"\): got "32\.\.500", the range "32\.\.500" runs over the powers of two from 32, which miss 500: end it at 256 or 512, or list the rungs/);
  assert.is((await cli(['compare', 'clt', '--n', '32..512', '--seeds', '4', '--t', '0', '--reference-method', 'lagrangian', '--density', 'none', '--predict', 'none', '--dry-run', '--out', join(dir, 'range')])).status, 0);
});

test('compare --dry-run: the study is checked and sized, and nothing runs or is written', async () => {
  const out = join(dir, 'dry');
  const r = await cli(['compare', 'clt', '--config', writeJson('dry.json', STUDY), '--dry-run', '--out', out]);
  assert.is(r.status, 0, r.stderr);
  assert.not.ok(existsSync(out));
  const refused = await cli(['compare', 'clt', '--config', writeJson('dry.json', { ...STUDY, seeds: 1 }), '--dry-run', '--out', out]);
  assert.is(refused.status, 2);
  assert.not.ok(existsSync(out));
});

test('compare: a study spec the flags cannot express is refused by name, and nothing is written', async () => {
  const out = join(dir, 'refused');
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...STUDY, claims: ['clt', 'lln'] }, /a study of the claims clt, lln, but compare clt runs clt/],
    [{ ...STUDY, bootstrap: { replicates: 200, level: 0.9 } }, /bootstrap\.level = 0\.9, but compare's intervals are at 0\.95/],
    [{ ...STUDY, seeds: 1 }, /study\.json": a study spec with seeds = 1 is invalid/],
    [{ ...STUDY, reference: { method: 'remeshed', ny: 32, nc: 32, L: 8, check: { ny: 48, nc: 48 } }, density: { ny: 32, nc: 32, L: 10 } }, /reference\.L = 8 and density\.L = 10, but compare has one --L for both/],
  ];
  for (const [study, message] of cases) {
    const r = await cli(['compare', 'clt', '--config', writeJson('study.json', study), '--out', out, '--quiet']);
    assert.is(r.status, 2, JSON.stringify(study));
    assert.match(r.stderr, message);
  }
  assert.not.ok(existsSync(out));
});

test.run();

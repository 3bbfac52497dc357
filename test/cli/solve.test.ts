import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tempDir.ts';
import { RESULT_FORMAT } from '../../io/resultFormat.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'liouville.js');
const dir = tempDir('liouville-solve-');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const problem = ['--unit', 'vonmises:2', '--target', 'cos(x) + 0.6*sin(2*x)'];

test('liouville solve: grid and Lagrangian result files in the particles format, and they agree', () => {
  const grid = join(dir, 'grid.json');
  const lag = join(dir, 'lag.json');
  const r1 = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,1', '--method', 'grid', '--grid', '64x64', '--density', '--out', grid, '--quiet']);
  assert.is(r1.status, 0, r1.stderr);
  const r2 = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,1', '--method', 'lagrangian', '--quadrature', '96x32', '--out', lag, '--quiet']);
  assert.is(r2.status, 0, r2.stderr);
  const g = JSON.parse(readFileSync(grid, 'utf8'));
  const l = JSON.parse(readFileSync(lag, 'utf8'));
  for (const file of [g, l]) {
    assert.is(file.format, RESULT_FORMAT);
    assert.is(file.command, 'solve');
    assert.equal(file.snapshots.map((s: { t: number }) => s.t), [0, 1]);
    assert.is(file.snapshots[0].fhat.length, file.problem.M + 1);
  }
  assert.is(g.config.method, 'grid');
  assert.is(l.config.method, 'lagrangian');
  const d = g.snapshots[1].density;
  assert.is(d.rho.length, 64 * 64);
  assert.is(d.yMarginal.length, 64);
  assert.is(d.cMarginal.length, 64);
  const massY = d.yMarginal.reduce((a: number, b: number) => a + b, 0) * (2 * Math.PI / 64);
  assert.ok(Math.abs(massY - g.snapshots[1].mass) < 1e-12, `marginal mass ${massY} vs ${g.snapshots[1].mass}`);
  assert.ok(Math.abs(g.snapshots[1].mass + g.snapshots[1].outflow - 1) < 1e-8);
  // f₀(1) from two independent solvers: the 64² grid is good to ~1e-4 there
  const re = (s: { fhat: number[][] }): number => s.fhat[1]![0]!;
  assert.ok(Math.abs(re(g.snapshots[1]) - re(l.snapshots[1])) < 5e-4, `f̂₀,1: grid ${re(g.snapshots[1])}, lagrangian ${re(l.snapshots[1])}`);
  assert.ok(l.snapshots[1].loss < l.snapshots[0].loss);
});

test('liouville solve: bad flags give a message naming the flag, exit 2, and no file', () => {
  const out = join(dir, 'bad.json');
  const cases: [string[], RegExp][] = [
    [['--method', 'grid', '--grid', '100x64'], /--grid \(config "grid"\): got "100x64", grid.ny = 100 must be a power of two with --method grid/],
    [['--grid', '16x64'], /--grid: ny = 16 is invalid: an integer > 2M = 20: the problem keeps M = 10 modes; a smaller maxModes or a larger modeTolerance \(--max-modes, --mode-tol\) keeps fewer/],
    [['--grid', '64x6'], /--grid: nc = 6 is invalid: an integer >= order = 8/],
    [['--order', '7'], /--order \(config "order"\): got "7", must be an even integer in \[2, 12\]/],
    [['--substeps', '0'], /--substeps \(config "substeps"\): got "0", must be an integer in \[1, 1000\]/],
    [['--tau', '-0.5'], /--tau \(config "tau"\): got "-0.5", must be a finite number > 0/],
    [['--method', 'lagrangian', '--dt', '-0.5'], /--dt \(config "dt"\): got "-0.5", must be a finite number > 0/],
    [['--dt', '0.1'], /--dt \(config "dt"\): got "0.1", goes with --method lagrangian only \(the remesh interval is --tau\)/],
    [['--method', 'lagrangian', '--tau', '0.1'], /--tau \(config "tau"\): got "0.1", goes with --method remeshed only/],
    [['--method', 'lagrangian', '--check', '--check-grid', '384x2000'], /--check-grid \(the check run\): nc = 2000 is invalid: an integer in \[1, 1000\]/],
    [['--check-grid', '512x512'], /--check-grid \(config "checkGrid"\): goes with --check/],
    [['--grid', '64x64', '--check', '--check-grid', '64x32'], /--check-grid \(config "checkGrid"\): got 64x32, must be finer than the run's 64x64/],
    [['--method', 'grid', '--order', '4'], /--order \(config "order"\): got "4", goes with --method remeshed only/],
    [['--grid', '64by64'], /--grid \(config "grid"\): got "64by64", must be NYxNC/],
    [['--cfl', '0.9'], /--cfl \(config "cfl"\): got "0.9", must be a number in \(0, 0.5\]/],
    [['--method', 'spectral'], /--method/],
    [['--method', 'lagrangian', '--density'], /--density \(config "density"\): got the switch, goes with --method remeshed or grid/],
    [['--method', 'lagrangian', '--quadrature', '8x8'], /--quadrature: ny = 8 is invalid: an integer > 2M = 20/],
    [['--sigma-c', '0'], /--sigma-c \(config "sigmaC"\): got "0", must be a finite number > 0/],
  ];
  for (const [extra, message] of cases) {
    const r = cli(['solve', ...problem, '--t', '1', ...extra, '--out', out, '--quiet']);
    assert.is(r.status, 2, `${extra.join(' ')}: exit ${r.status}, stderr ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(out), 'no file on bad input');
  }
});

test('liouville solve: mass leaving a too-narrow c-domain stops the run with a message naming --L, exit 1, no file', () => {
  const out = join(dir, 'narrow.json');
  for (const method of ['grid', 'remeshed']) {
    const r = cli(['solve', ...problem, '--t', '5', '--method', method, '--grid', '32x32', '--L', '2', '--out', out, '--quiet']);
    assert.is(r.status, 1, `${method}: ${r.stderr}`);
    assert.match(r.stderr, /has left through \|c\| = 2 .*--L 3/);
    assert.not.ok(existsSync(out));
  }
});

test('liouville solve: the remeshed solver is the default; --check records an error estimate that bounds the distance to the Lagrangian reference', () => {
  const out = join(dir, 'remeshed.json');
  const r = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,2', '--grid', '96x48', '--check', '--density', '--out', out]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /neg\. mass/);
  const f = JSON.parse(readFileSync(out, 'utf8'));
  assert.is(f.config.method, 'remeshed');
  const { ny, nc, tau, substeps, order, L } = f.config.check;
  assert.equal({ ny, nc, tau, substeps, order, L }, { ny: 192, nc: 96, tau: 0.15, substeps: 2, order: 8, L: 10 });
  const s = f.snapshots[1];
  assert.ok(s.negativeMass <= 0);
  assert.ok(Math.abs(s.mass + s.outflow - f.snapshots[0].mass) < 1e-12);
  assert.is(s.density.rho.length, 96 * 48);
  assert.is(f.snapshots[0].errorEstimate.relative, null, 'f₀(0) = 0 has no relative error');
  const lag = join(dir, 'remeshed-lag.json');
  assert.is(cli(['solve', ...problem, '--sigma-c', '1', '--t', '2', '--method', 'lagrangian', '--quadrature', '256x64', '--out', lag, '--quiet']).status, 0);
  const l = JSON.parse(readFileSync(lag, 'utf8')).snapshots[0];
  let d = 0;
  let n = 0;
  s.fhat.forEach(([re, im]: number[], m: number) => {
    const w = m === 0 ? 1 : 2;
    d += w * ((re! - l.fhat[m][0]) ** 2 + (im! - l.fhat[m][1]) ** 2);
    n += w * (l.fhat[m][0] ** 2 + l.fhat[m][1] ** 2);
  });
  const actual = Math.sqrt(d / n);
  assert.ok(actual < 1e-6, `relative distance to the Lagrangian: ${actual}`);
  // the estimate is the size of the error, not an understatement by orders of magnitude
  assert.ok(s.errorEstimate.relative > actual / 10 && s.errorEstimate.relative < 10 * actual + 1e-12,
    `estimate ${s.errorEstimate.relative} against the actual ${actual}`);
});

test('liouville solve: --check works for every method (lagrangian: finer nodes, the same RK8 step)', () => {
  const out = join(dir, 'lag-check.json');
  const r = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,1', '--method', 'lagrangian', '--quadrature', '64x16', '--check', '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const f = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal([f.config.check.ny, f.config.check.nc, f.config.check.dt], [128, 32, 0.05]);
  const e = f.snapshots[1].errorEstimate;
  assert.ok(e.absolute > 0 && e.relative > 0 && e.relative < 1e-3, JSON.stringify(e));
});

test('a unit at the mode cap (ReLU) is told that fewer modes, not a finer grid, are the remedy', () => {
  const out = join(dir, 'relu.json');
  const r = cli(['solve', '--unit', 'relu', '--target', 'cos(x)', '--t', '1', '--grid', '256x64', '--out', out, '--quiet']);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /ny = 256 is invalid: an integer > 2M = 1024: the problem keeps M = 512 modes \(the maxModes cap: the unit's Fourier tail is slow\); a smaller maxModes .*--max-modes/);
  assert.not.ok(existsSync(out));
  const ok = cli(['solve', '--unit', 'relu', '--target', 'cos(x)', '--max-modes', '64', '--t', '0', '--grid', '256x64', '--out', out, '--quiet']);
  assert.is(ok.status, 0, ok.stderr);
});

test('liouville --version: the package version, the commit and the result format every result file records', () => {
  const r = cli(['--version']);
  assert.is(r.status, 0, r.stderr);
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  assert.match(r.stdout, new RegExp(`^liouville ${pkg.version.replace(/\./g, '\\.')} \\(commit `));
  assert.ok(r.stdout.includes(`result format ${RESULT_FORMAT}`), r.stdout);
  assert.ok(r.stdout.includes(process.version), r.stdout);
});

test('the top-level help names the default solver and the --version flag', () => {
  const r = cli(['--help']);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes('remeshed particles by default'), r.stdout);
  assert.ok(r.stdout.includes('liouville --version'), r.stdout);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tempDir.ts';

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
  const r1 = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,1', '--grid', '64x64', '--density', '--out', grid, '--quiet']);
  assert.is(r1.status, 0, r1.stderr);
  const r2 = cli(['solve', ...problem, '--sigma-c', '1', '--t', '0,1', '--method', 'lagrangian', '--quadrature', '96x32', '--out', lag, '--quiet']);
  assert.is(r2.status, 0, r2.stderr);
  const g = JSON.parse(readFileSync(grid, 'utf8'));
  const l = JSON.parse(readFileSync(lag, 'utf8'));
  for (const file of [g, l]) {
    assert.is(file.format, 'liouville-result/1');
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
    [['--grid', '100x64'], /--grid \(config "grid"\): got "100x64", grid.ny = 100 must be a power of two/],
    [['--grid', '64by64'], /--grid \(config "grid"\): got "64by64", must be NYxNC/],
    [['--cfl', '0.9'], /--cfl \(config "cfl"\): got "0.9", must be a number in \(0, 0.5\]/],
    [['--method', 'spectral'], /--method/],
    [['--method', 'lagrangian', '--density'], /--density \(config "density"\): got the switch, goes with --method grid/],
    [['--method', 'lagrangian', '--quadrature', '8x8'], /ny = 8 is invalid/],
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
  const r = cli(['solve', ...problem, '--t', '5', '--grid', '32x32', '--L', '2', '--out', out, '--quiet']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /has left through \|c\| = 2 .*--L 3/);
  assert.not.ok(existsSync(out));
});

test.run();

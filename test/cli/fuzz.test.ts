/**
 * Seeded fuzz of `particles` and `solve`, in-process through `main(argv)`: valid configurations
 * (tiny sizes) must exit 0 and write their file; invalid ones must exit 2 with a message and write
 * nothing; nothing may throw. Exit 1 (a failure while running) is not expected from any case here:
 * every invalid value is rejected before work starts, so the test requires 2 exactly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { Rng } from '../../model/rng.ts';
import { tempDir } from '../helpers/tempDir.ts';

const dir = tempDir('liouville-fuzz-');
const rng = new Rng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rng.uniform() * (hi - lo + 1));

const run = runInProcess;

const BAD_EXPRESSIONS = ['import("x")', 'evaluate("1")', 'f(x)=1', 'x=1', 'createUnit("a")', 'cos(', '', 'y'];
const BAD_UNITS = ['tanh', 'vonmises:-1', 'vonmises:x', 'expr:import("x")', 'expr:evaluate("1")', 'sigmoid:', ''];

function validTimes(): string {
  const k = int(1, 3);
  const ts = new Set<number>();
  while (ts.size < k) ts.add(Math.round(rng.uniform() * 50) / 100);
  return [...ts].sort((a, b) => a - b).join(',');
}

/** Flags of a valid tiny `particles` run. */
function validParticles(): Map<string, string | true> {
  const m = new Map<string, string | true>([
    ['unit', pick(['vonmises:2', 'relu', 'sigmoid:3', 'expr:cos(u)'])],
    ['target', pick(['cos(x)', 'sin(x) + 0.3*cos(2*x)', 'abs(sin(x))'])],
    ['sigma-c', String(pick([0, 0.5, 1]))], ['mode-tol', '1e-6'], ['max-modes', String(int(4, 32))],
    ['n', String(int(1, 50))], ['seed', String(int(0, 1000))], ['stream', String(int(0, 5))], ['t', validTimes()],
    ['dt', String(pick([0.05, 0.1, 0.25]))],
  ]);
  if (rng.uniform() < 0.4) {
    m.set('dynamics', 'sgd');
    m.set('batch', pick(['5', '8,20@0.2']));
  } else {
    m.set('integrator', pick(['rk4', 'euler']));
    m.set('interaction', pick(['spectral', 'direct']));
  }
  if (rng.uniform() < 0.3) m.set('frozen-y', true);
  if (rng.uniform() < 0.3) m.set('particles', true);
  return m;
}

/** Flags of a valid tiny `solve` run (at most 6 modes, so a 16-cell / 24-node y-rule holds them). */
function validSolve(): Map<string, string | true> {
  const m = new Map<string, string | true>([
    ['unit', pick(['vonmises:2', 'sigmoid:2'])], ['target', pick(['cos(x)', 'sin(x)'])], ['sigma-c', String(pick([0.5, 1]))],
    ['mode-tol', '1e-6'], ['max-modes', String(int(1, 6))], ['t', validTimes()],
  ]);
  if (rng.uniform() < 0.5) {
    m.set('method', 'grid');
    m.set('grid', '16x16');
    m.set('cfl', String(pick([0.2, 0.4, 0.5])));
    if (rng.uniform() < 0.5) m.set('density', true);
  } else {
    m.set('method', 'lagrangian');
    m.set('quadrature', '24x8');
    m.set('dt', String(pick([0.1, 0.25])));
  }
  if (rng.uniform() < 0.3) m.set('frozen-y', true);
  return m;
}

/** One field set to a value that must be rejected. */
function breakOne(command: 'particles' | 'solve', m: Map<string, string | true>): string {
  const numeric = command === 'particles'
    ? ['n', 'seed', 'stream', 'dt', 'sigma-c', 'mode-tol', 'max-modes', 'c-mean']
    : ['sigma-c', 'mode-tol', 'max-modes', 'c-mean', ...(m.get('method') === 'grid' ? ['L', 'cfl'] : ['dt'])];
  const kind = int(0, 5);
  if (kind === 0) {
    const field = pick(numeric);
    const bad = pick(['NaN', 'abc', '', 'Infinity', '-1e300', ...(field === 'c-mean' ? [] : ['-1', '1e300'])]);
    m.set(field, field === 'c-mean' ? pick(['NaN', 'abc', '', 'Infinity']) : bad);
    return `--${field} ${m.get(field)}`;
  }
  if (kind === 1) {
    m.set('target', pick(BAD_EXPRESSIONS));
    return `--target ${m.get('target')}`;
  }
  if (kind === 2) {
    m.set('unit', pick(BAD_UNITS));
    return `--unit ${m.get('unit')}`;
  }
  if (kind === 3) {
    m.set('t', pick(['', '1,0', '0,0', '-1', 'a,b', '0,NaN', '1e400']));
    return `--t ${m.get('t')}`;
  }
  if (kind === 4) {
    if (command === 'particles') {
      const [f, v] = pick([['dynamics', 'adam'], ['integrator', 'rk5'], ['interaction', 'fast'], ['n', '2.5'], ['seed', String(2 ** 60)], ['n', '0']] as const);
      m.set(f, v);
      if (f === 'dynamics') m.delete('batch');
      return `--${f} ${v}`;
    }
    const [f, v] = m.get('method') === 'grid'
      ? pick([['grid', '100x16'], ['grid', '16x2'], ['grid', '16'], ['cfl', '0.9'], ['L', '0'], ['method', 'spectral']] as const)
      : pick([['quadrature', '8x8'], ['quadrature', '24x0'], ['quadrature', '24x5000'], ['density', true], ['dt', '0'], ['sigma-c', '0']] as const);
    m.set(f, v);
    return `--${f} ${v}`;
  }
  // cross-field rules
  if (command === 'particles') {
    if (m.get('dynamics') === 'sgd') {
      if (rng.uniform() < 0.5) m.delete('batch');
      else m.set('interaction', 'direct');
    } else {
      m.set('batch', '10');
    }
    return 'cross-field';
  }
  m.set('method', 'lagrangian');
  m.set('density', true);
  return '--density with lagrangian';
}

const argvOf = (m: Map<string, string | true>): string[] => [...m].flatMap(([k, v]) => (v === true ? [`--${k}`] : [`--${k}`, v]));

test('fuzz: 64 seeded configurations of particles and solve', async () => {
  const started = Date.now();
  let valid = 0;
  let invalid = 0;
  for (let k = 0; k < 64; k++) {
    const command = k % 2 === 0 ? 'particles' : 'solve';
    const m = command === 'particles' ? validParticles() : validSolve();
    const good = rng.uniform() < 0.4;
    const what = good ? 'valid' : breakOne(command, m);
    const out = join(dir, `case-${k}.json`);
    const argv = [command, ...argvOf(m), '--out', out, '--quiet'];
    let r: { status: number; stderr: string };
    try {
      r = await run(argv);
    } catch (err) {
      assert.unreachable(`case ${k} (${what}) threw: ${(err as Error).stack}\n${argv.join(' ')}`);
      return;
    }
    if (good) {
      valid++;
      assert.is(r.status, 0, `case ${k}: ${argv.join(' ')}\n${r.stderr}`);
      assert.ok(existsSync(out), `case ${k} wrote its file`);
      rmSync(out);
    } else {
      invalid++;
      assert.is(r.status, 2, `case ${k} (${what}): exit ${r.status}: ${argv.join(' ')}\n${r.stderr}`);
      assert.match(r.stderr, /^liouville (particles|solve): --[a-zA-Z-]+[ :(]/, `case ${k}: a message naming the flag, got ${r.stderr}`);
      assert.not.ok(existsSync(out), `case ${k} (${what}) left a file`);
    }
  }
  assert.ok(valid >= 15 && invalid >= 25, `mix: ${valid} valid, ${invalid} invalid`);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
});

test('compare: invalid study configurations are refused with exit 2 before any work, and write nothing', async () => {
  const out = join(dir, 'compare-out');
  const base = ['--n', '16,32', '--seeds', '3', '--t', '0,1', '--reference', '32x12', '--reference-check', '48x16', '--density', 'none', '--bootstrap', '200', '--workers', '0'];
  const bad: [string, string][] = [
    ['--n', pick(['32,16', '0,16', '16', 'a..b', '64..32', '1.5,3'])], ['--seeds', pick(['1', '0', '-3', 'x'])],
    ['--t', pick(['1,0', '-1', 'NaN', ''])], ['--dt', pick(['0', '-0.1', 'fast'])], ['--reference', pick(['12x4', '32by12'])],
    ['--reference-check', '16x8'], ['--density', pick(['100x64', '64x2', 'huh'])], ['--bootstrap', pick(['10', '1e9.5'])],
    ['--shard', pick(['0/2', '3/2', 'x'])], ['--unit', pick(BAD_UNITS)], ['--target', pick(BAD_EXPRESSIONS)], ['--sigma-c', pick(['0', '-1'])],
  ];
  for (const [flag, value] of bad) {
    const argv = ['compare', 'clt', ...base.filter((_, k) => base[k - 1] !== flag && base[k] !== flag), flag, value, '--out', out, '--quiet'];
    const r = await run(argv);
    assert.is(r.status, 2, `${flag} ${value}: exit ${r.status} (${r.stderr})`);
    assert.match(r.stderr, /^liouville compare: (--|config|the first)/, `${flag} ${value}: ${r.stderr}`);
    assert.not.ok(existsSync(out), `${flag} ${value} wrote output`);
  }
});

test.run();

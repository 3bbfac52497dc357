/**
 * The library as a researcher uses it: built to dist/ (JS + .d.ts), imported by its package name
 * from plain Node (no tsx), and the two scripts in examples/ run to the end — so they cannot rot.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command: string, args: string[]): { status: number; stdout: string; stderr: string } => {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

test('npm run build writes the library with its type declarations; every subpath of exports (report included) resolves from plain Node', () => {
  const built = run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  assert.is(built.status, 0, built.stdout + built.stderr);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string } | string> };
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    assert.ok(existsSync(join(root, target.types)), `${subpath}: ${target.types}`);
    const probe = run('node', ['--input-type=module', '-e', `const m = await import('liouville${subpath.slice(1)}'); process.stdout.write(String(Object.keys(m).length))`]);
    assert.is(probe.status, 0, `${subpath}: ${probe.stderr}`);
    assert.ok(Number(probe.stdout) >= 4, `${subpath} exports ${probe.stdout}`);
  }
  assert.match(readFileSync(join(root, 'dist', 'compare', 'verdicts', 'verdict.d.ts'), 'utf8'), /export declare function finaliseVerdicts/);
});

test('the built library trains one 3-spin network on two worker threads from plain Node (the workers load the compiled .js and the kernel)', () => {
  const script = `import { Spin3ParallelTraining, spin3Errors } from 'liouville/particles';
import { createSpin3Target, Rng } from 'liouville/model';
const t = await Spin3ParallelTraining.start(createSpin3Target(5, 1), { n: 20, activation: 'sigmoid', sigmaC: 1, sigmaB: 1, seed: 1, stream: 0 }, 2);
const before = spin3Errors(t.network, new Rng(3), 2000).loss;
await t.train(200, 0.05, 30);
const after = spin3Errors(t.network, new Rng(3), 2000).loss;
await t.close();
process.stdout.write(before + ' ' + after);`;
  const r = run('node', ['--input-type=module', '-e', script]);
  assert.is(r.status, 0, r.stderr);
  const [before, after] = r.stdout.split(' ').map(Number);
  assert.ok(after! < before!, `the loss ${before} → ${after}`);
});

test('examples/customUnitSolve.mjs: a custom unit, both solvers and the prediction', () => {
  const r = run('node', ['examples/customUnitSolve.mjs']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /M = \d+ modes/);
  assert.is(r.stdout.trim().split('\n').filter((l) => l.startsWith('t = ')).length, 3);
});

test('examples/customStudy.mjs: a scripted study decided by the verdict model on worker threads of the built library, written as a result file with its report and CSVs', () => {
  const out = mkdtempSync(join(tmpdir(), 'custom-study-'));
  try {
    const r = run('node', ['examples/customStudy.mjs', out]);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /primary verdicts \(declared before the run, one Holm family\)/);
    assert.match(r.stdout, /LLN: E‖f_n − f₀‖² falls with n @ t = 1: .* → agrees/);
    // the file is a compare result as the CLI's readers take it: the CLI's own export reads it
    const file = join(out, 'compare-clt+lln.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format: string; command: string; claim: string; members: unknown[]; analysis: { verdicts: unknown[] } };
    assert.equal([stored.command, stored.claim, stored.members.length], ['compare', 'clt+lln', 5 * 24]);
    const exported = run('node', ['bin/liouville.js', 'export', file, '--out', join(out, 'cli'), '--quiet']);
    assert.is(exported.status, 0, exported.stderr);
    for (const name of ['members', 'cells', 'verdicts', 'times']) {
      assert.is(readFileSync(join(out, `compare-clt+lln.${name}.csv`), 'utf8'), readFileSync(join(out, 'cli', `compare-clt+lln.${name}.csv`), 'utf8'), name);
    }
    assert.is(readFileSync(join(out, 'compare-clt+lln.members.csv'), 'utf8').trim().split('\n').length, 1 + 5 * 24 * 2);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /<title>liouville report: sigmoid:4, f = cos\(x\) \+ 0\.5\*sin\(2\*x\)<\/title>/);
    assert.ok(html.length > 100_000, `report of ${html.length} characters`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();

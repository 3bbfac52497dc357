/**
 * The library as a researcher uses it: built to dist/ (JS + .d.ts), imported by its package name
 * from plain Node (no tsx), and the two scripts in examples/ run to the end — so they cannot rot.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

test('examples/customUnitSolve.mjs: a custom unit, both solvers and the prediction', () => {
  const r = run('node', ['examples/customUnitSolve.mjs']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /M = \d+ modes/);
  assert.is(r.stdout.trim().split('\n').filter((l) => l.startsWith('t = ')).length, 3);
});

test('examples/customStudy.mjs: a scripted study decided by the verdict model, on worker threads of the built library', () => {
  const r = run('node', ['examples/customStudy.mjs']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /primary verdicts, declared before the run/);
  assert.match(r.stdout, /LLN: E‖f_n − f₀‖² falls with n @ t = 1: .* → agrees/);
});

test.run();

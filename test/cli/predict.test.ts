import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

const dir = tempDir('liouville-predict-');

test('liouville predict clt: a result file with the prediction, its check, the linear regime and provenance', async () => {
  const out = join(dir, 'p.json');
  const r = await runInProcess(['predict', 'clt', '--unit', 'vonmises:1', '--target', 'cos(x)', '--t', '0,1', '--quadrature', '24x8', '--check', '32x12', '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(out, 'utf8'));
  assert.is(file.command, 'predict');
  assert.is(file.quantity, 'clt');
  assert.ok(typeof file.package.version === 'string');
  const p = file.prediction;
  assert.equal(p.times, [0, 1]);
  // σ_c² ∫ψ² = e^{−2} I₀(2) for vonmises:1
  assert.ok(Math.abs(p.total[0] - 0.30850832255367) < 1e-12, `t = 0: ${p.total[0]}`);
  assert.ok(Math.abs(p.checkTotal[1] / p.total[1] - 1) < 1e-6, `quadratures disagree at t = 1: ${p.total[1]} vs ${p.checkTotal[1]}`);
  assert.is(p.perMode[1].length, file.problem.M + 1);
  assert.ok(Math.abs(p.perMode[1].reduce((a: number, b: number) => a + b, 0) - p.total[1]) < 1e-15);
  assert.is(p.linearRegime.length, 2);
  assert.equal(file.config.input.quadrature, { ny: 24, nc: 8 });
});

test('liouville predict: bad input exits 2 naming the flag, and writes nothing', async () => {
  const out = join(dir, 'bad.json');
  const base = ['--unit', 'vonmises:1', '--target', 'cos(x)', '--out', out, '--quiet'];
  const cases: [string[], RegExp][] = [
    [['clt', ...base], /--t/],
    [['clt', ...base, '--t', '1,0'], /--t .*must increase strictly/],
    [['clt', ...base, '--t', '1', '--quadrature', '24x8', '--check', '16x8'], /--check .*finer than --quadrature 24x8/],
    [['clt', ...base, '--t', '1', '--quadrature', '8x8', '--check', 'none'], /--quadrature .*must exceed 2M/],
    [['clt', ...base, '--t', '1', '--sigma-c', '0'], /--sigma-c/],
    [['fluctuations', ...base, '--t', '1'], /must be clt/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await runInProcess(['predict', ...argv]);
    assert.is(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.ok(!existsSync(out), 'no file is written');
  }
});

test.run();

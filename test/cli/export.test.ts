import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, csvTable } from '../../io/studyTables.ts';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

test('CSV fields: RFC 4180 quoting, shortest round-trip numbers, empty for null and NaN', () => {
  assert.is(csvField('a, "b"\nc'), '"a, ""b""\nc"');
  assert.is(csvField(0.1 + 0.2), '0.30000000000000004');
  assert.is(csvField(null), '');
  assert.is(csvField(Number.NaN), '');
  assert.is(csvTable(['x', 'y'], [[1, 'p,q']]), 'x,y\n1,"p,q"\n');
});

test('liouville export: a compare result as members, cells, verdicts and per-time tables that hold its numbers', async () => {
  const out = tempDir('liouville-export-');
  const run = await runInProcess(['compare', 'clt', '--n', '16,32,64', '--seeds', '4', '--t', '0,0.5', '--density', 'none', '--predict', '32x8',
    '--reference-method', 'lagrangian', '--reference', '32x12', '--reference-check', '48x16', '--bootstrap', '100', '--workers', '0', '--out', out, '--quiet']);
  assert.is(run.status, 0, run.stderr);
  const file = join(out, 'compare-clt.json');
  assert.is((await runInProcess(['export', file, '--quiet'])).status, 0);
  const result = JSON.parse(readFileSync(file, 'utf8'));
  const lines = (name: string): string[][] => readFileSync(join(out, `compare-clt.${name}.csv`), 'utf8').trim().split('\n').map((l) => l.split(','));
  const members = lines('members');
  assert.is(members.length - 1, 3 * 4 * 2, 'one row per member and time');
  const cells = lines('cells');
  assert.is(cells.length - 1, result.analysis.cells.length);
  const nMse = cells[0]!.indexOf('n_mse');
  cells.slice(1).forEach((row, k) => assert.is(Number(row[nMse]), result.analysis.cells[k].nMse, 'exact round trip'));
  const predicted = cells[0]!.indexOf('predicted_prefactor');
  cells.slice(1).forEach((row, k) => assert.is(Number(row[predicted]), result.reference.prediction.total[result.spec.times.indexOf(result.analysis.cells[k].t)]));
  const verdicts = readFileSync(join(out, 'compare-clt.verdicts.csv'), 'utf8');
  assert.ok(verdicts.startsWith('role,proposition,claim,t,estimate'));
  assert.is(verdicts.split('\n').filter((l) => l.startsWith('primary,') || l.startsWith('descriptive,')).length, result.analysis.verdicts.length);
  // one row per recorded time: the prediction (total, per mode), the two-term fit with its intervals, then the problem
  const perTime = lines('times');
  assert.is(perTime.length - 1, 2);
  const col = (name: string): number => perTime[0]!.indexOf(name);
  perTime.slice(1).forEach((row, k) => {
    const fit = result.analysis.twoTerm[k];
    assert.equal([Number(row[col('t')]), Number(row[col('P')]), Number(row[col('Q_upper')]), Number(row[col('n_cross')])], [fit.t, fit.P.estimate, fit.Q.upper, fit.crossover.estimate]);
    assert.is(Number(row[col('predicted_prefactor')]), result.reference.prediction.total[k]);
    assert.is(Number(row[col('predicted_mode_1')]), result.reference.prediction.perMode[k][1]);
    assert.equal([row[col('unit')], row[col('c_mean')], row[col('sigma_c')]], ['vonmises:2', '0', '1']);
  });
  for (const name of ['members', 'cells', 'verdicts']) assert.ok(lines(name)[0]!.slice(-4).join(',') === 'unit,target,c_mean,sigma_c', `${name} ends with the problem`);
  const bad = await runInProcess(['export', file, '--format', 'arrow']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--format: got "arrow", must be csv/);
  assert.not.ok(existsSync(join(out, 'missing.members.csv')));
  assert.is((await runInProcess(['export', join(out, 'missing.json')])).status, 2);
});

test.run();

/**
 * The result-file layer: files carry the current format, readers refuse an earlier one naming
 * `liouville reanalyse`, and `reanalyse` brings an earlier file to the current format (a study by
 * re-deciding it from its members, to the same analysis; a solve file by renaming its fields, to
 * the layout a new run writes).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { EARLIER_RESULT_FORMATS, RESULT_FORMAT } from '../../io/resultFormat.ts';
import { readResult, ResultFileError } from '../../io/readResult.ts';
import { StudyResultSchema } from '../../io/resultSchema.ts';
import { upgradeResult } from '../../io/upgradeResult.ts';

const dir = tempDir('liouville-io-');
const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));
const write = (path: string, value: unknown): void => writeFileSync(path, JSON.stringify(value));
const problem = ['--unit', 'vonmises:2', '--target', 'cos(x)', '--max-modes', '6'];

test('a study written now is of the current format and passes the schema; an earlier or unknown format is refused', async () => {
  const out = join(dir, 'clt');
  const r = await runInProcess(['compare', 'clt', ...problem, '--n', '16,32,64', '--seeds', '4', '--t', '0,1', '--bootstrap', '200',
    '--reference', '64x32', '--reference-check', '96x48', '--density', 'none', '--predict', 'none', '--workers', '0', '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const file = join(out, 'compare-clt.json');
  const record = readResult(file, StudyResultSchema, 'a compare result');
  assert.is(record.format, RESULT_FORMAT);
  assert.is(record.members.length, 12);

  const old = join(dir, 'old-clt.json');
  write(old, { ...read(file), format: EARLIER_RESULT_FORMATS[0] });
  for (const argv of [['report', old, '--out', join(dir, 'r.html')], ['export', old, '--format', 'csv', '--out', dir]]) {
    const refused = await runInProcess(argv);
    assert.is(refused.status, 2, argv[0]);
    assert.match(refused.stderr, /written in liouville-result\/1/);
    assert.match(refused.stderr, /liouville reanalyse/);
  }
  assert.not.ok(existsSync(join(dir, 'r.html')));
  const future = join(dir, 'future.json');
  write(future, { ...read(file), format: 'liouville-result/99' });
  const r99 = await runInProcess(['reanalyse', future, '--quiet']);
  assert.is(r99.status, 2);
  assert.match(r99.stderr, /format "liouville-result\/99" is not one this version reads/);
  assert.throws(() => readResult(join(dir, 'absent.json'), StudyResultSchema, 'a compare result'), (e: unknown) => e instanceof ResultFileError && /cannot read/.test(e.message));
});

test('reanalyse brings an earlier study to the current format with the same analysis', async () => {
  const file = join(dir, 'clt', 'compare-clt.json');
  const old = join(dir, 'old-clt.json');
  const upgraded = join(dir, 'upgraded-clt.json');
  const r = await runInProcess(['reanalyse', old, '--out', upgraded, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const a = read(file);
  const b = read(upgraded);
  assert.is(b['format'], RESULT_FORMAT);
  assert.equal(b['analysis'], a['analysis']);
  assert.equal(b['members'], a['members']);
  assert.equal(b['argv'], a['argv'], 'the run\'s provenance is kept');
  assert.equal((b['reanalysed'] as { argv: string[] }).argv.slice(0, 1), ['reanalyse']);
  assert.is((await runInProcess(['report', upgraded, '--out', join(dir, 'r2.html'), '--quiet'])).status, 0);
});

test('an earlier solve file is rewritten in the layout a new run writes, and reruns through --config', async () => {
  const now = join(dir, 'solve-now.json');
  const r = await runInProcess(['solve', ...problem, '--t', '0,0.5', '--grid', '32x32', '--check', '--out', now, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const current = read(now) as { config: Record<string, unknown> & { check: Record<string, unknown>; input: Record<string, unknown> } };
  // the same run as liouville-result/1 wrote it: the interval under dt, the check as {ny, nc, dt, substeps}
  const { tau, ...rest } = current.config;
  const c = current.config.check;
  const version1 = {
    ...current, format: 'liouville-result/1',
    config: { ...Object.fromEntries(Object.entries(rest).flatMap(([k, v]) => (k === 'L' ? [[k, v], ['dt', tau]] : [[k, v]]))), check: { ny: c['ny'], nc: c['nc'], dt: c['tau'], substeps: c['substeps'] } },
  };
  const up = upgradeResult(version1) as typeof current;
  assert.is(up['format' as keyof typeof up], RESULT_FORMAT);
  assert.equal(up.config, current.config);
  assert.equal(Object.keys(up.config), Object.keys(current.config));

  const oldFile = join(dir, 'solve-old.json');
  write(oldFile, { ...version1, config: { ...version1.config, input: { ...current.config.input, tau: undefined, dt: 0.3 } } });
  const rerun = join(dir, 'solve-rerun.json');
  const viaConfig = await runInProcess(['solve', '--config', oldFile, '--out', rerun, '--quiet']);
  assert.is(viaConfig.status, 0, viaConfig.stderr);
  assert.is((read(rerun) as typeof current).config['tau'], 0.3, 'the old input\'s --dt (the remesh interval) is read as tau');
  const rewritten = join(dir, 'solve-rewritten.json');
  assert.is((await runInProcess(['reanalyse', oldFile, '--out', rewritten, '--quiet'])).status, 0);
  const w = read(rewritten) as typeof current;
  assert.is(w['format' as keyof typeof w], RESULT_FORMAT);
  assert.is(w.config['tau'], current.config['tau']);
  assert.is(w.config.input['tau'], 0.3);
  assert.is(w.config.input['dt'], undefined);
});

test.run();

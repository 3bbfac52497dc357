/**
 * `liouville merge` refuses every set of shards that is not exactly one study's slices: another
 * configuration or code (the fingerprint), a slice given twice, a slice missing (also when the file
 * count is right), slices of different splits, a file that is not a shard; each names the problem
 * and writes nothing. Submissions: test/cli/slurm.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

const dir = tempDir('liouville-merge-');
const STUDY = ['compare', 'clt', '--n', '16,32', '--seeds', '3', '--t', '0,0.5', '--reference-method', 'lagrangian', '--reference', '32x8',
  '--reference-check', '48x12', '--density', 'none', '--predict', 'none', '--bootstrap', '200', '--workers', '0', '--quiet'];

async function shard(folder: string, slice: string, ...extra: string[]): Promise<string> {
  const r = await runInProcess([...STUDY, ...extra, '--shard', slice, '--out', join(dir, folder)]);
  assert.is(r.status, 0, r.stderr);
  const [i, N] = slice.split('/');
  return join(dir, folder, `compare-clt.shard-${i}-of-${N}.json`);
}

test('merge refuses shards that are not exactly one study\'s slices, naming why, and writes nothing', async () => {
  const a1 = await shard('a', '1/2');
  const a2 = await shard('a', '2/2');
  const b2 = await shard('b', '2/2', '--seed', '2');
  const c1 = await shard('c', '1/3');
  const c2 = await shard('c', '2/3');
  const out = join(dir, 'merged');
  // the same configuration run by other code: another fingerprint
  const other = join(dir, 'a', 'compare-clt.shard-2-of-2.other-code.json');
  const record = JSON.parse(readFileSync(a2, 'utf8'));
  writeFileSync(other, JSON.stringify({ ...record, study: { ...record.study, fingerprint: '0123456789abcdef' } }));
  const cases: [string[], RegExp][] = [
    [[a1, other], /other-code\.json belongs to another study than compare-clt\.shard-1-of-2\.json \(fingerprint 0123456789abcdef against [0-9a-f]{16}: the same configuration run by other code\)/],
    [[a1, b2], /compare-clt\.shard-2-of-2\.json was run with another configuration than compare-clt\.shard-1-of-2\.json/],
    [[a1, a2, a1], /a slice is given twice/],
    [[c1, c1, c2], /slices missing: 3\/3/],
    [[a1, c2], /is a slice of 3, .* of 2/],
    [[a1, join(dir, 'nothing.json')], /nothing\.json: not a readable JSON file/],
  ];
  for (const [files, message] of cases) {
    const r = await runInProcess(['merge', ...files, '--out', out, '--quiet']);
    assert.is(r.status, 2, files.join(' '));
    assert.match(r.stderr, message);
  }
  assert.not.ok(existsSync(join(out, 'compare-clt.json')));
  const good = await runInProcess(['merge', a2, a1, '--out', out, '--quiet']);
  assert.is(good.status, 0, good.stderr);
  assert.ok(existsSync(join(out, 'compare-clt.json')));
});

test.run();

/**
 * `compare spin3` in slices: `--shard i/N` slices merge to the unsharded study (every measured number
 * the same; only the members' wall-clock seconds and the throughput made of them differ), a killed
 * slice resumes from its checkpoint to the same members, merge refuses slices of another 3-spin
 * study or of a GD study, and the Slurm script runs a slice and the merge of a 3-spin study.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/runInProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

const dir = tempDir('liouville-spin3-shard-');
const study = ['--d', '4', '--n', '16,32', '--realizations', '2', '--seeds', '2', '--steps', '60', '--quench-steps', '10', '--batch', '10',
  '--quench-batch', '40', '--test-points', '300', '--bootstrap', '200'];
const STUDY = ['compare', 'spin3', ...study, '--workers', '0', '--quiet'];
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
/** The members without their wall-clock seconds; the analysis without the throughput made of them. */
const measured = (r: { members: { seconds: number }[]; analysis?: { throughput: number } }) => ({
  members: r.members.map(({ seconds: _s, ...m }) => m), analysis: r.analysis ? { ...r.analysis, throughput: 0 } : null,
});

test('compare spin3 --shard 1/3 … 3/3 merged: the unsharded study\'s spec, members and analysis', async () => {
  const whole = await runInProcess([...STUDY, '--out', join(dir, 'whole')]);
  assert.is(whole.status, 0, whole.stderr);
  const sizes: number[] = [];
  for (const i of [1, 2, 3]) {
    const r = await runInProcess([...STUDY, '--shard', `${i}/3`, '--out', join(dir, 'slices')]);
    assert.is(r.status, 0, r.stderr);
    const shard = read(join(dir, 'slices', `compare-spin3.shard-${i}-of-3.json`));
    assert.equal(shard.shard, { index: i, count: 3 });
    assert.match(shard.study.fingerprint, /^[0-9a-f]{16}$/);
    sizes.push(shard.members.length);
  }
  assert.equal(sizes, [3, 3, 2], 'every third of the 8 members');
  const merged = await runInProcess(['merge', ...[1, 2, 3].map((i) => join(dir, 'slices', `compare-spin3.shard-${i}-of-3.json`)), '--out', join(dir, 'merged'), '--quiet']);
  assert.is(merged.status, 0, merged.stderr);
  const a = read(join(dir, 'whole', 'compare-spin3.json'));
  const b = read(join(dir, 'merged', 'compare-spin3.json'));
  for (const key of ['format', 'command', 'claim', 'config', 'spec', 'scale', 'protocol']) assert.equal(b[key], a[key], key);
  assert.equal(measured(b), measured(a));
  assert.is(b.analysis.verdict.outcome, a.analysis.verdict.outcome);
});

test('a study with a step check in two slices merges to the unsharded one: the reruns, the check and the verdict', async () => {
  const checked = ['compare', 'spin3', '--d', '4', '--n', '8,16,32,64', '--realizations', '2', '--seeds', '1', '--steps', '40', '--dt', '0.04', '--batch', '10',
    '--quench-batch', 'none', '--test-points', '300', '--bootstrap', '200', '--check-realizations', '2', '--workers', '0', '--quiet'];
  assert.is((await runInProcess([...checked, '--out', join(dir, 'check-whole')])).status, 0);
  for (const i of [1, 2]) assert.is((await runInProcess([...checked, '--shard', `${i}/2`, '--out', join(dir, 'check-slices')])).status, 0);
  const merged = await runInProcess(['merge', ...[1, 2].map((i) => join(dir, 'check-slices', `compare-spin3.shard-${i}-of-2.json`)), '--out', join(dir, 'check-merged'), '--quiet']);
  assert.is(merged.status, 0, merged.stderr);
  const [a, b] = [read(join(dir, 'check-whole', 'compare-spin3.json')), read(join(dir, 'check-merged', 'compare-spin3.json'))];
  assert.is(a.members.filter((m: { refine?: number }) => m.refine).length, 2 * 4 * 2);
  assert.equal(measured(b), measured(a));
});

test('a 3-spin slice killed after 2 members resumes from its checkpoint (only with --resume) to the same members', async () => {
  const out = join(dir, 'killed');
  const killed = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'liouville.js'), ...STUDY, '--shard', '1/3', '--out', out],
    { encoding: 'utf8', env: { ...process.env, LIOUVILLE_TEST_KILL_AFTER_MEMBERS: '2' } });
  assert.is(killed.signal, 'SIGKILL');
  assert.ok(existsSync(join(out, 'compare-spin3.shard-1-of-3.members.jsonl')));
  assert.not.ok(existsSync(join(out, 'compare-spin3.shard-1-of-3.json')));
  const again = await runInProcess([...STUDY, '--shard', '1/3', '--out', out]);
  assert.is(again.status, 2);
  assert.match(again.stderr, /holds the members of an unfinished run: rerun with --resume/);
  const resumed = await runInProcess([...STUDY, '--shard', '1/3', '--out', out, '--resume']);
  assert.is(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming: 2 members done, 1 to run/);
  const shard = read(join(out, 'compare-spin3.shard-1-of-3.json'));
  assert.equal(measured(shard), measured(read(join(dir, 'slices', 'compare-spin3.shard-1-of-3.json'))));
  assert.is(shard.timing.resumedMembers, 2);
  assert.not.ok(existsSync(join(out, 'compare-spin3.shard-1-of-3.members.jsonl')), 'the checkpoint goes once the slice is written');
});

test('merge refuses a 3-spin slice of another configuration and a mixture with a GD study; --submission needs --shard', async () => {
  const other = await runInProcess([...STUDY, '--seed', '2', '--shard', '2/3', '--out', join(dir, 'other')]);
  assert.is(other.status, 0, other.stderr);
  const mixed = await runInProcess(['merge', join(dir, 'slices', 'compare-spin3.shard-1-of-3.json'), join(dir, 'other', 'compare-spin3.shard-2-of-3.json'),
    join(dir, 'slices', 'compare-spin3.shard-3-of-3.json'), '--out', join(dir, 'refused'), '--quiet']);
  assert.is(mixed.status, 2);
  assert.match(mixed.stderr, /compare-spin3\.shard-2-of-3\.json was run with another configuration than compare-spin3\.shard-1-of-3\.json/);
  const gd = await runInProcess(['compare', 'clt', '--n', '16,32', '--seeds', '3', '--t', '0,0.5', '--reference-method', 'lagrangian', '--reference', '32x8',
    '--reference-check', '48x12', '--density', 'none', '--predict', 'none', '--bootstrap', '200', '--workers', '0', '--quiet', '--shard', '2/3', '--out', join(dir, 'gd')]);
  assert.is(gd.status, 0, gd.stderr);
  const withGd = await runInProcess(['merge', join(dir, 'slices', 'compare-spin3.shard-1-of-3.json'), join(dir, 'gd', 'compare-clt.shard-2-of-3.json'),
    join(dir, 'slices', 'compare-spin3.shard-3-of-3.json'), '--out', join(dir, 'refused'), '--quiet']);
  assert.is(withGd.status, 2);
  assert.not.ok(existsSync(join(dir, 'refused')), 'nothing written');
  const lone = await runInProcess([...STUDY, '--submission', 'x1', '--out', join(dir, 'lone')]);
  assert.is(lone.status, 2);
  assert.match(lone.stderr, /submission.*applies to a slice \(--shard i\/N\) only/);
});

test('slurm-compare.sh submits a 3-spin study (its dry run checked first) and refuses a 3-spin typo without calling sbatch', () => {
  const bin = tempDir('liouville-spin3-sbatch-');
  const log = join(bin, 'calls');
  writeFileSync(join(bin, 'sbatch'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\necho $((100 + $(wc -l < ${JSON.stringify(log)})))\n`);
  chmodSync(join(bin, 'sbatch'), 0o755);
  // a stand-in sinfo too, so that a machine with a real Slurm does not answer for the partition
  writeFileSync(join(bin, 'sinfo'), '#!/usr/bin/env bash\necho 64\n');
  chmodSync(join(bin, 'sinfo'), 0o755);
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'slurm-compare.sh');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  const r = spawnSync('bash', [script, '--slices', '3', '--cpus', '1', '--out', join(bin, 'results'), '--logs', join(bin, 'logs'), '--', 'spin3', ...study], { encoding: 'utf8', env });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /slice 1\/3: 3 members on 1 thread\(s\); work .*; dry run: nothing run, nothing written/);
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  assert.is(calls.length, 2);
  assert.match(calls[0]!, /--array 1-3 .*slurm-compare\.sh --task --slices 3 .*-- spin3 --d 4/);
  assert.match(calls[1]!, /--dependency afterany:101 .*slurm-compare\.sh --merge --slices 3/);
  const typo = spawnSync('bash', [script, '--slices', '3', '--', 'spin3', ...study, '--stpes', '10'], { encoding: 'utf8', env });
  assert.is(typo.status, 2);
  assert.match(typo.stderr, /nothing was submitted/);
  assert.is(readFileSync(log, 'utf8').trim().split('\n').length, 2, 'no sbatch call for the typo');
});

test('slurm-compare.sh runs a 3-spin slice as an array task and merges the study', () => {
  const out = join(dir, 'slurm');
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'slurm-compare.sh');
  const run = (args: string[], env: Record<string, string>) => spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  for (const i of ['1', '2', '3']) {
    const r = run(['--task', '--slices', '3', '--out', out, '--submission', 's1', '--', 'spin3', ...study], { SLURM_ARRAY_TASK_ID: i, SLURM_CPUS_PER_TASK: '1' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`slice ${i}/3 of: liouville compare spin3`));
    assert.match(r.stderr, new RegExp(`^slice ${i}/3: \\d members on 1 thread\\(s\\); work`, 'm'));
  }
  const merged = run(['--merge', '--slices', '3', '--out', out, '--submission', 's1', '--', 'spin3', ...study], {});
  assert.is(merged.status, 0, merged.stderr);
  assert.equal(measured(read(join(out, 'compare-spin3.json'))), measured(read(join(dir, 'whole', 'compare-spin3.json'))));
});

test.run();

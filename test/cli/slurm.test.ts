/**
 * scripts/slurm-compare.sh without a cluster: the array task run with Slurm's variables set, a task
 * resubmitted alone, the merge job (also with a slice missing), and the submission through a
 * stand-in `sbatch` that records what it was asked to run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tempDir.ts';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'slurm-compare.sh');
const study = ['clt', '--n', '16,32', '--seeds', '3', '--t', '0,0.5', '--density', 'none', '--predict', 'none', '--reference-method', 'lagrangian', '--reference', '32x12', '--reference-check', '48x16', '--bootstrap', '100'];

function run(args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('slurm-compare.sh: task 2 of 3, the same task resubmitted alone, the merge with a slice missing and then whole', () => {
  const out = tempDir('liouville-slurm-');
  const task = (id: string, extra: Record<string, string> = {}) =>
    run(['--task', '--slices', '3', '--out', out, '--', ...study], { SLURM_ARRAY_TASK_ID: id, SLURM_CPUS_PER_TASK: '1', SLURM_JOB_ID: '7', ...extra });
  const second = task('2', { SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '3' });
  assert.is(second.status, 0, second.stderr);
  assert.match(second.stdout, /slice 2\/3 of: liouville compare clt/);
  assert.match(second.stderr, /^slice 2\/3: 2 members; work .* operations/m, 'the log states the slice\'s size although the task runs --quiet');
  const shard = JSON.parse(readFileSync(join(out, 'compare-clt.shard-2-of-3.json'), 'utf8'));
  assert.equal(shard.shard, { index: 2, count: 3 });
  assert.is(shard.members.length, 2, 'every third of the 6 members, starting from the second');
  // the merge job finds slices 1 and 3 missing and says how to recover
  const early = run(['--merge', '--slices', '3', '--out', out, '--', ...study], {});
  assert.is(early.status, 1);
  assert.match(early.stderr, /slices missing: 1 3 \(of 3\); resubmit them/);
  // the merge job of a submission has the resubmit line, and prints it with the missing slices filled in
  const told = run(['--merge', '--slices', '3', '--out', out, '--resubmit', "sbatch --time 1 --array=<i> --wrap 'x y'", '--', ...study], {});
  assert.is(told.status, 1);
  assert.match(told.stderr, /^  sbatch --time 1 --array=1,3 --wrap 'x y'$/m);
  // resubmitted alone (sbatch --array=1): Slurm sets MIN = MAX = COUNT-less values; the slice count is the script's
  const alone = task('1', { SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '1', SLURM_ARRAY_TASK_COUNT: '1' });
  assert.is(alone.status, 0, alone.stderr);
  assert.ok(existsSync(join(out, 'compare-clt.shard-1-of-3.json')));
  assert.is(task('3').status, 0);
  const merged = run(['--merge', '--slices', '3', '--out', out, '--', ...study], {});
  assert.is(merged.status, 0, merged.stderr);
  // the merge computes nothing: the first slice carried the reference
  assert.match(merged.stderr, /reference: from slice 1\/3 \(compare-clt\.shard-1-of-3\.json\)/);
  assert.not.match(merged.stderr, /reference: Lagrangian/);
  const result = JSON.parse(readFileSync(join(out, 'compare-clt.json'), 'utf8'));
  assert.is(result.members.length, 6);
  // a study given as -- --config <result file> takes the claim the file records
  const bin = tempDir('liouville-config-sbatch-');
  const calls = join(bin, 'calls');
  writeFileSync(join(bin, 'sbatch'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(calls)}\necho 200\n`);
  chmodSync(join(bin, 'sbatch'), 0o755);
  writeFileSync(join(bin, 'sinfo'), '#!/usr/bin/env bash\necho 64\n');
  chmodSync(join(bin, 'sinfo'), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const viaConfig = run(['--slices', '2', '--cpus', '1', '--out', join(bin, 'r'), '--logs', join(bin, 'logs'), '--', '--config', join(out, 'compare-clt.json')], env);
  assert.is(viaConfig.status, 0, viaConfig.stderr);
  assert.match(readFileSync(calls, 'utf8').split('\n')[0]!, /-- clt --config /);
  // a config file that records no claim, and a study that does not start with one, are refused before sbatch
  const plain = join(bin, 'plain.json');
  writeFileSync(plain, JSON.stringify({ seeds: 3 }));
  const noClaim = run(['--slices', '2', '--', '--config', plain], env);
  assert.is(noClaim.status, 2);
  assert.match(noClaim.stderr, /the study after -- starts with its claim, e\.g\. -- clt --config .*plain\.json \(the file records none\)/);
  assert.match(run(['--slices', '2', '--', '--n', '16,32'], env).stderr, /starts with its claim .*got "--n"/);
  assert.is(readFileSync(calls, 'utf8').trim().split('\n').length, 2, 'no call for the refused ones');
  // a task outside the array, and a task without Slurm, are refused
  assert.is(task('4').status, 2);
  assert.is(run(['--task', '--slices', '3', '--', ...study], { SLURM_ARRAY_TASK_ID: '' }).status, 2);
});

test('slurm-compare.sh submit: creates the log folder, submits the array and an afterany merge, prints the resubmit line', () => {
  const dir = tempDir('liouville-sbatch-');
  const log = join(dir, 'calls');
  const sbatch = join(dir, 'sbatch');
  writeFileSync(sbatch, `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\necho $((100 + $(wc -l < ${JSON.stringify(log)})))\n`);
  chmodSync(sbatch, 0o755);
  // a stand-in sinfo too, so that a machine with a real Slurm does not answer for the partition
  writeFileSync(join(dir, 'sinfo'), '#!/usr/bin/env bash\necho 64\n');
  chmodSync(join(dir, 'sinfo'), 0o755);
  const out = join(dir, 'results');
  const logs = join(dir, 'logs');
  const r = run(['--slices', '4', '--cpus', '2', '--time', '00:10:00', '--partition', 'short', '--out', out, '--logs', logs, '--', ...study], { PATH: `${dir}:${process.env.PATH}` });
  assert.is(r.status, 0, r.stderr);
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  assert.is(calls.length, 2);
  assert.match(calls[0]!, /--array 1-4/);
  assert.match(calls[0]!, /--cpus-per-task 2 --time 00:10:00 --open-mode append --partition short/);
  assert.match(calls[0]!, /slurm-compare\.sh --task --slices 4/);
  assert.match(calls[1]!, /--dependency afterany:101/);
  assert.match(calls[1]!, /slurm-compare\.sh --merge --slices 4/);
  assert.match(calls[1]!, /--resubmit sbatch/, 'the merge job carries the resubmit line');
  assert.ok(existsSync(logs), 'the log folder exists before Slurm opens the first log');
  assert.match(calls[0]!, new RegExp(`--output ${logs}/compare-%A_%a.out`));
  assert.match(calls[0]!, /--open-mode append/, 'a requeued task appends to its log');
  // the printed resubmit line runs as printed once <i> is filled in: the same task, for slice 3 only
  const line = /resubmit slice <i> alone: (sbatch .*)$/m.exec(r.stdout)?.[1];
  assert.ok(line, r.stdout);
  const again = spawnSync('bash', ['-c', line!.replace('<i>', '3')], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
  assert.is(again.status, 0, again.stderr);
  const resubmitted = readFileSync(log, 'utf8').trim().split('\n')[2]!;
  assert.match(resubmitted, /--job-name liouville-compare --array=3 /);
  assert.is(resubmitted.split('--wrap ')[1]!.trim(), calls[0]!.split('--wrap ')[1]!.trim(), 'the same wrapped task command');
  writeFileSync(log, calls.join('\n') + '\n');
  // one submission id for the tasks and the merge job
  const id = /submission (\S+)\)/.exec(r.stdout)?.[1];
  assert.ok(id && /^\d{8}T\d{6}Z-\d+$/.test(id), r.stdout);
  for (const call of calls) assert.ok(call.includes(`--submission ${id}`), call);
  // the study may not set what the script sets, in either spelling
  for (const flag of [['--shard', '1/2'], ['--workers=2'], ['--out=/tmp/x'], ['--submission', 'x'], ['--resume']]) {
    const bad = run(['--slices', '2', '--', 'clt', ...flag], { PATH: `${dir}:${process.env.PATH}` });
    assert.is(bad.status, 2, flag.join(' '));
    assert.match(bad.stderr, new RegExp(`must not set ${flag[0]!.split('=')[0]}:`));
  }
  // the study's own checks run before anything is queued: a typo, a bad value, a slice beyond the size guard
  for (const [studyArgs, message] of [
    [[...study, '--seedz', '3'], /unknown flag --seedz/],
    [['clt', '--n', '32,16'], /--n \(config "n"\): got "32,16", must increase strictly/],
    [['clt', '--n', '1024,8388607', '--seeds', '64', '--t', '0,100', '--density', 'none', '--predict', 'none'], /is beyond the limit/],
  ] as const) {
    const refused = run(['--slices', '2', '--out', out, '--logs', logs, '--', ...studyArgs], { PATH: `${dir}:${process.env.PATH}` });
    assert.is(refused.status, 2, studyArgs.join(' '));
    assert.match(refused.stderr, message);
    assert.match(refused.stderr, /the study was refused \(above\); nothing was submitted/);
  }
  assert.match(r.stdout, /slice 1\/4: \d+ members; work .* dry run: nothing run, nothing written/);
  assert.is(readFileSync(log, 'utf8').trim().split('\n').length, 2, 'no sbatch call for a refused study');
});

test('slurm-compare.sh submit: --cpus beyond the partition\'s nodes refused (sinfo), sbatch options passed through, --logs relative to the project', () => {
  const dir = tempDir('liouville-sinfo-');
  const log = join(dir, 'calls');
  writeFileSync(join(dir, 'sbatch'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\necho 100\n`);
  writeFileSync(join(dir, 'sinfo'), `#!/usr/bin/env bash\nprintf '8\\n16+\\n'\n`);
  chmodSync(join(dir, 'sbatch'), 0o755);
  chmodSync(join(dir, 'sinfo'), 0o755);
  const env = { PATH: `${dir}:${process.env.PATH}` };
  const out = join(dir, 'results');
  const tooMany = run(['--slices', '2', '--cpus', '32', '--out', out, '--logs', join(dir, 'logs'), '--', ...study], env);
  assert.is(tooMany.status, 2);
  assert.match(tooMany.stderr, /--cpus 32: the nodes of the default partition have at most 16 cores \(sinfo\); give --cpus 16 or fewer/);
  assert.not.ok(existsSync(log), 'no sbatch call');
  // a relative --logs from another folder: the project's, where Slurm (--chdir) will open the files
  const name = `logs/test-${process.pid}`;
  const project = join(import.meta.dirname, '..', '..');
  try {
    const r = spawnSync('bash', [script, '--slices', '2', '--cpus', '4', '--out', out, '--logs', name, '--sbatch', '--mem=8G', '--sbatch', '--qos=short', '--', ...study],
      { encoding: 'utf8', cwd: dir, env: { ...process.env, ...env } });
    assert.is(r.status, 0, r.stderr);
    assert.ok(existsSync(join(project, name)), 'created in the project');
    for (const call of readFileSync(log, 'utf8').trim().split('\n')) {
      assert.match(call, /--mem=8G --qos=short/);
      assert.ok(call.includes(`--output ${join(project, name)}/`), call);
    }
  } finally {
    rmSync(join(project, name), { recursive: true, force: true });
  }
});

test('slurm-compare.sh merge job: the slices of an earlier submission of the same study are not merged as this one\'s', () => {
  const out = tempDir('liouville-stale-');
  const task = (id: string, submission: string) =>
    run(['--task', '--slices', '2', '--out', out, '--submission', submission, '--', ...study], { SLURM_ARRAY_TASK_ID: id, SLURM_CPUS_PER_TASK: '1' });
  // a complete earlier submission: both slices, merged
  assert.is(task('1', 'old').status, 0);
  assert.is(task('2', 'old').status, 0);
  assert.is(run(['--merge', '--slices', '2', '--out', out, '--submission', 'old', '--', ...study], {}).status, 0);
  // a new submission whose tasks all failed leaves the old slices in place: its merge job counts them as missing, and merge itself refuses them
  const stale = run(['--merge', '--slices', '2', '--out', out, '--submission', 'new', '--', ...study], {});
  assert.is(stale.status, 1, stale.stdout);
  assert.match(stale.stderr, /slices missing: 1 2 \(of 2; absent, or left by another submission than new\); resubmit them/);
  const byHand = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'liouville.js'), 'merge', join(out, 'compare-clt.shard-1-of-2.json'),
    join(out, 'compare-clt.shard-2-of-2.json'), '--out', out, '--submission', 'new'], { encoding: 'utf8' });
  assert.is(byHand.status, 2);
  assert.match(byHand.stderr, /compare-clt\.shard-1-of-2\.json \(slice 1\/2\) is from submission old, not submission new: this submission's task for it wrote nothing; resubmit that slice/);
  // one slice rerun in the new submission: the other is still stale, and a mixture is refused without --submission too
  assert.is(task('1', 'new').status, 0);
  assert.match(run(['--merge', '--slices', '2', '--out', out, '--submission', 'new', '--', ...study], {}).stderr, /slices missing: 2 \(of 2; absent, or left by another submission than new\)/);
  const mixed = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'liouville.js'), 'merge', join(out, 'compare-clt.shard-1-of-2.json'), join(out, 'compare-clt.shard-2-of-2.json'), '--out', out], { encoding: 'utf8' });
  assert.is(mixed.status, 2);
  assert.match(mixed.stderr, /is from submission old, compare-clt\.shard-1-of-2\.json from submission new: give --submission/);
  assert.is(task('2', 'new').status, 0);
  assert.is(run(['--merge', '--slices', '2', '--out', out, '--submission', 'new', '--', ...study], {}).status, 0);
  const shard = JSON.parse(readFileSync(join(out, 'compare-clt.shard-2-of-2.json'), 'utf8'));
  assert.equal(Object.keys(shard.study), ['fingerprint', 'submission']);
  assert.is(shard.study.submission, 'new');
  assert.match(shard.study.fingerprint, /^[0-9a-f]{16}$/);
});

test.run();

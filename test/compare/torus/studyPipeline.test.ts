/**
 * The library's study pipeline as the CLI uses it: a checkpoint resumes a study with the same
 * numbers, a shard runs only its slice, the result file written from a `runStudy` outcome is the
 * one the readers take, and the report and the tables refuse an outcome with what to do instead.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import {
  openCheckpoint, runStudy, runStudyShard, studyClaim, studyTasks, writeStudyResult, type MemberResult, type StudyOutcome, type StudySpec,
} from '../../../compare/index.ts';
import { exportTables, type TabulatedStudy } from '../../../io/studyTables.ts';
import { readStudyResult } from '../../../io/readResult.ts';
import { RESULT_FORMAT } from '../../../io/resultFormat.ts';
import { buildReportHtml } from '../../../notebooks/buildReport.ts';
import type { ReportInput } from '../../../notebooks/report/input.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const spec: StudySpec = {
  claims: ['clt', 'lln'],
  problem: { unit: 'vonmises:2', target: 'cos(x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [16, 32, 64],
  seeds: 4,
  seed: 5,
  times: [0, 0.5],
  dt: 0.05,
  reference: { ny: 32, nc: 12, check: { ny: 48, nc: 16 } },
  density: { ny: 32, nc: 16, L: 8 },
  bootstrap: { replicates: 200, level: 0.95 },
};
const key = (ms: readonly MemberResult[]): string => JSON.stringify(ms.map((m) => [m.n, m.r, m.fhat.map((s) => [...s.re, ...s.im]), m.loss, m.w1y, m.binnedL1]));

let whole: StudyOutcome;

test('runStudy: stages in order, every member reported, the primary verdicts declared first', async () => {
  const stages: string[] = [];
  let reported = 0;
  whole = await runStudy(spec, { workers: 0, onStage: (s) => stages.push(s), onMemberDone: (_, done, total) => { reported = done; assert.is(total, 12); } });
  assert.is(reported, 12);
  assert.match(stages[0]!, /^primary verdicts \(declared before the run, one Holm family\):\n {2}- Prop\. 3\.2/);
  assert.equal(stages.slice(-2), ['members: 3 values of n × 4 seeds on 1 thread(s)', 'analysis']);
  assert.is(whole.spec, spec);
});

test('runStudy with a checkpoint: a killed run resumed gives the same members and analysis; only the missing members run', async () => {
  const path = join(tempDir('liouville-checkpoint-'), 'study.members.jsonl');
  const first = openCheckpoint(path, spec, false);
  for (const m of whole.members.filter((_, k) => k % 3 === 0)) first.append(m); // the members finished before the kill
  const resumed = openCheckpoint(path, spec, true);
  assert.is(resumed.done.length, 4);
  let ran = 0;
  const again = await runStudy(spec, { workers: 0, checkpoint: resumed, onMemberDone: () => ran++ });
  assert.is(ran, 8);
  assert.is(key(again.members), key(whole.members));
  assert.is(JSON.stringify(again.analysis), JSON.stringify(whole.analysis));
  // every member is now in the checkpoint: a further resume runs none
  ran = 0;
  await runStudy(spec, { workers: 0, checkpoint: openCheckpoint(path, spec, true), onMemberDone: () => ran++ });
  assert.is(ran, 0);
});

test('runStudyShard runs its slice only, measured as in the whole study; the first slice also computes the reference', async () => {
  const shard = { index: 1, count: 3 };
  const stages: string[] = [];
  const { members, reference } = await runStudyShard(spec, shard, { workers: 0, onStage: (s) => stages.push(s) });
  assert.is(reference, null);
  assert.equal(members.map((m) => `${m.n}/${m.r}`), studyTasks(spec, shard).map((t) => `${t.n}/${t.r}`));
  assert.equal(stages, ['shard 2/3', 'reference: grid density 32×16']);
  const same = whole.members.filter((m) => members.some((x) => x.n === m.n && x.r === m.r));
  assert.is(key(members), key(same));
  const first = await runStudyShard(spec, { index: 0, count: 3 }, { workers: 0 });
  assert.equal(first.reference!.fhat.map((f) => [...f.re, ...f.im]), whole.reference.fhat.map((f) => [...f.re, ...f.im]));
  assert.equal([first.reference!.squaredErrorBound, first.reference!.marginals], [whole.reference.squaredErrorBound, whole.reference.marginals]);
});

test('writeStudyResult: the result file of a runStudy outcome reads back as a compare result (claim, members, analysis)', () => {
  const file = join(tempDir('liouville-study-result-'), 'study.json');
  writeStudyResult(file, whole, { argv: ['script.mjs'], timing: { seconds: 1 } });
  const stored = readStudyResult(file);
  assert.is(stored.format, RESULT_FORMAT);
  assert.equal([stored.command, stored.claim, stored.argv], ['compare', 'clt+lln', ['script.mjs']]);
  assert.is(stored.members.length, 12);
  assert.equal(JSON.parse(JSON.stringify(stored.analysis)), JSON.parse(JSON.stringify(whole.analysis)));
  const tables = exportTables(stored as unknown as TabulatedStudy);
  assert.is(tables.members.trim().split('\n').length, 1 + 12 * 2);
});

test('studyClaim: the claim word compare gives a spec', () => {
  assert.is(studyClaim({ ...spec, claims: ['healing', 'lln', 'clt'] }), 'all');
  assert.is(studyClaim({ ...spec, claims: ['clt'] }), 'clt');
  assert.is(studyClaim({ ...spec, claims: ['sgd', 'lln'], sgd: { alpha: 0.25, quench: null } }), 'sgd');
  assert.is(studyClaim(spec), 'clt+lln');
});

test('the report and the tables refuse a runStudy outcome (not a result file) and say what to do', async () => {
  try {
    await buildReportHtml(whole as unknown as ReportInput);
    assert.unreachable('buildReportHtml accepted an outcome');
  } catch (err) {
    assert.match((err as Error).message, /a runStudy outcome, not a result file: write it with writeStudyResult\(file, outcome\) and read it back with readStudyResult\(file\)/);
  }
  assert.throws(() => exportTables(whole as unknown as TabulatedStudy), /not a stored study .* not a runStudy outcome/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgress } from '../../cli/progress.ts';
import { memberProgress } from '../../cli/studyOutput.ts';

test('progress in a log: one plain line per interval with the fraction and the time left, none at the end or when quiet', () => {
  let now = 1000;
  const lines: string[] = [];
  const p = createProgress('members', false, { terminal: false, intervalMs: 60_000, now: () => now, write: (t) => lines.push(t) });
  now += 10_000;
  p.update(1, 4, '1/4'); // within the first minute: nothing
  now += 50_000;
  p.update(2, 4, '2/4'); // 60 s: a line, 60 s more expected
  now += 30_000;
  p.update(3, 4, '3/4'); // 30 s after the last line: nothing
  now += 40_000;
  p.update(4, 4, '4/4'); // done: the command's own output follows, no line
  p.finish();
  assert.equal(lines, ['members: 2/4 (50.0%), 60 s elapsed, ~60 s left\n']);
  const quiet: string[] = [];
  const q = createProgress('members', true, { terminal: false, intervalMs: 0, now: () => (now += 1000), write: (t) => quiet.push(t) });
  q.update(1, 4);
  assert.equal(quiet, []);
});

test('a study\'s member progress: its clock starts with the members and it counts their work (∝ n), so the largest member first does not inflate the time left', () => {
  let now = 0;
  const lines: string[] = [];
  const p = memberProgress(false, { terminal: false, intervalMs: 0, now: () => now, write: (t) => lines.push(t) });
  now = 400_000; // the reference took 400 s before the members start
  p.start([{ n: 1000 }, { n: 10 }, { n: 10 }]);
  now = 500_000;
  p.member(1000);
  assert.equal(lines, ['members: 1/3 (98.0%), 100 s elapsed, ~2 s left\n']);
});

test('progress on a terminal: a bar redrawn in place, ended by a newline', () => {
  let now = 0;
  const out: string[] = [];
  const p = createProgress('solve', false, { terminal: true, now: () => (now += 200), write: (t) => out.push(t) });
  p.update(5, 10, 't=5');
  p.finish();
  assert.is(out.length, 2);
  assert.match(out[0]!, /^\rsolve \[#{15}\.{15}\] 50\.0% t=5 /);
  assert.is(out[1], '\n');
});

test.run();

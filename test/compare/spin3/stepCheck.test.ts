/**
 * The 3-spin study's step check: reruns of the first realizations at Δt/2 and Δt/4 from the same
 * networks and streams, the exponent extrapolated to Δt → 0, and the verdict held back where
 * halving Δt moves the exponent beyond its interval.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseSpin3, runSpin3Member, spin3MemberKey, spin3MemberNetwork, spin3Tasks, Spin3StudyError, validateSpin3Study,
  type Spin3MemberResult, type Spin3StudySpec,
} from '../../../compare/index.ts';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const spec: Spin3StudySpec = {
  d: 4, activation: 'relu', ns: [8, 16, 32, 64], realizations: 3, seedsPerRealization: 2, seed: 5, batch: 10, dt: 0.04, steps: 50,
  quench: null, testPoints: 500, sigmaC: 1, sigmaB: 1, bootstrap: { replicates: 200, level: 0.95 }, stepCheck: { realizations: 2 },
};

test('the check adds the first realizations\' runs at Δt/4 and Δt/2 (first: the longest), each once; validation names the field', () => {
  const tasks = spin3Tasks(spec);
  assert.is(tasks.length, 4 * 3 * 2 + 2 * 4 * 2 * 2);
  assert.equal([...new Set(tasks.map((t) => t.refine ?? 1))], [4, 2, 1]);
  assert.ok(tasks.filter((t) => t.refine).every((t) => t.realization < 2));
  assert.is(new Set(tasks.map(spin3MemberKey)).size, tasks.length);
  for (const bad of [{ realizations: 1 }, { realizations: 4 }]) {
    assert.throws(() => validateSpin3Study({ ...spec, stepCheck: bad }), (e: unknown) => e instanceof Spin3StudyError && e.field === 'stepCheck.realizations');
  }
  assert.throws(() => validateSpin3Study({ ...spec, ns: [8, 16, 32] }), (e: unknown) => e instanceof Spin3StudyError && e.field === 'stepCheck');
});

test('a rerun starts from the same network bit for bit, trains 2× the steps of Δt/2 on the same data stream, and lands near the run', () => {
  const task = { n: 16, realization: 1, r: 0 };
  const [a, b] = [spin3MemberNetwork(spec, task), spin3MemberNetwork(spec, { ...task, refine: 2 })];
  assert.equal([Array.from(a.c), Array.from(a.w), Array.from(a.b)], [Array.from(b.c), Array.from(b.w), Array.from(b.b)]);
  const [run, rerun] = [runSpin3Member(spec, task), runSpin3Member(spec, { ...task, refine: 2 })];
  assert.is(rerun.refine, 2);
  assert.is(rerun.unitPointSteps, 2 * run.unitPointSteps);
  assert.not.equal(rerun.loss, run.loss);
  assert.ok(Math.abs(rerun.loss / run.loss - 1) < 0.5, `${rerun.loss} against ${run.loss}`);
});

/** Members whose loss is A + B·n^{s(h)} with s(h) = s₀ + C·h, a realization effect shared by its runs and steps. */
function synthetic(C: number): Spin3MemberResult[] {
  const out: Spin3MemberResult[] = [];
  for (const refine of [1, 2, 4]) {
    for (const n of spec.ns) {
      for (let realization = 0; realization < (refine === 1 ? 3 : 2); realization++) {
        for (let r = 0; r < 2; r++) {
          const s = -1 + C * (0.04 / refine);
          const loss = (0.05 + 2 * n ** s) * (1 + 0.01 * (realization - 1) + 0.004 * (r - 0.5) * (realization % 2 ? 1 : -1));
          out.push({ n, realization, r, ...(refine === 1 ? {} : { refine }), loss, lossStandardError: 1e-4, positive: 0.1 + 0.01 * realization + 0.002 * r, negative: 0.2 - 0.01 * realization + 0.003 * r, lossBeforeQuench: null,
            lossHalfTraining: loss, seconds: 1, unitPointSteps: 1 });
        }
      }
    }
  }
  return out;
}

test('the analysis: the study\'s own runs alone make its fit; a step-dependent exponent is extrapolated and holds the verdict back', () => {
  const still = analyseSpin3(spec, synthetic(0));
  assert.ok(still.stepCheck && !still.stepCheck.moved, 'no step dependence: nothing moved');
  assert.ok(Math.abs(still.floorFit!.s.estimate + 1) < 0.05, `s = ${still.floorFit!.s.estimate}`);
  const moving = analyseSpin3(spec, synthetic(10));
  const x = moving.stepCheck!;
  assert.ok(x.moved, 'halving moves s by ~0.2');
  assert.ok(x.exponent.halving.estimate < -0.1, `halving ${x.exponent.halving.estimate}`);
  assert.ok(Math.abs(x.exponent.extrapolated.estimate + 1) < 0.05, `s₀ = ${x.exponent.extrapolated.estimate}`);
  assert.is(moving.verdict.outcome, 'not resolved');
  assert.match(moving.verdict.regimeNote ?? '', /halving Δt moves s/);
  // the run's own exponent is the one at Δt: −1 + 0.4
  assert.ok(Math.abs(moving.floorFit!.s.estimate + 0.6) < 0.05, `s(Δt) = ${moving.floorFit!.s.estimate}`);
  // the claim decided on s₀ instead: it agrees, alone in its family (the row at Δt is held back)
  const v = x.verdict!;
  assert.match(v.claim, /s extrapolated to Δt → 0/);
  assert.is(v.measurement.estimate, x.exponent.extrapolated.estimate);
  assert.is(v.outcome, 'agrees');
  assert.is(v.familySize, 1);
  // with nothing held back both rows are one Holm family of two
  assert.equal([still.verdict.familySize, still.stepCheck!.verdict!.familySize], [2, 2]);
});

test('compare spin3 --check-realizations runs the reruns and records the check; a check on more realizations than the study has is refused by flag', async () => {
  const out = tempDir('liouville-stepcheck-');
  const r = await runInProcess(['compare', 'spin3', '--d', '4', '--n', '8,16,32,64', '--realizations', '2', '--seeds', '1', '--steps', '40', '--dt', '0.04',
    '--batch', '10', '--quench-batch', 'none', '--test-points', '500', '--bootstrap', '200', '--check-realizations', '2', '--workers', '0', '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(join(out, 'compare-spin3.json'), 'utf8'));
  assert.equal(file.spec.stepCheck, { realizations: 2 });
  assert.is(file.members.length, 4 * 2 + 2 * 4 * 2);
  assert.equal([file.analysis.stepCheck.realizations, file.analysis.stepCheck.dt], [2, ['0.04', '0.02', '0.01']]);
  assert.ok(Number.isFinite(file.analysis.stepCheck.exponent.extrapolated.estimate));
  const bad = await runInProcess(['compare', 'spin3', '--d', '4', '--n', '8,16,32,64', '--realizations', '2', '--check-realizations', '3', '--dry-run', '--out', out]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--check-realizations: stepCheck\.realizations = 3 is invalid/);
});

test.run();

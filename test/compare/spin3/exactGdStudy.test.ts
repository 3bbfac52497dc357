/**
 * The exact-loss GD study (compare/spin3/exactGdStudy.ts): members start from the networks
 * `compare spin3` draws with σ_b = 0 (the step check's rerun from the same ones), the fit of the
 * excess recovers a known exponent on synthetic members, the results do not depend on the workers,
 * and bad specs are refused by field.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  analyseSpin3Exact, runSpin3ExactMember, runSpin3ExactMembers, spin3ExactInitial, spin3ExactTasks, spin3MemberNetwork, Spin3ExactStudyError,
  validateSpin3ExactStudy, type Spin3ExactMember, type Spin3ExactStudySpec, type Spin3StudySpec,
} from '../../../compare/index.ts';
import { Rng } from '../../../model/index.ts';

const spec: Spin3ExactStudySpec = {
  d: 4, ns: [8, 16, 32, 64], realizations: 3, seed: 5, dt: 0.1, integrator: 'euler', times: [1, 2], sigmaC: 1,
  bootstrap: { replicates: 200, level: 0.95 }, stepCheck: true,
};

test('a member starts from compare spin3\'s network of the same (n, realization) with σ_b = 0, and its Δt/2 rerun from the same bits', () => {
  const sgd: Spin3StudySpec = {
    d: 4, activation: 'relu', ns: [8, 16, 32, 64], realizations: 3, seedsPerRealization: 1, seed: 5, batch: 10, dt: 0.1, steps: 10,
    quench: null, testPoints: 100, sigmaC: 1, sigmaB: 0, bootstrap: { replicates: 200, level: 0.95 },
  };
  const net = spin3MemberNetwork(sgd, { n: 16, realization: 2, r: 0 });
  const a = spin3ExactInitial(spec, { n: 16, realization: 2 });
  const b = spin3ExactInitial(spec, { n: 16, realization: 2, refine: 2 });
  assert.equal(Array.from(a.c), Array.from(net.c));
  assert.equal(Array.from(a.w), Array.from(net.w));
  assert.equal([Array.from(b.c), Array.from(b.w)], [Array.from(a.c), Array.from(a.w)]);
  const [run, rerun] = [runSpin3ExactMember(spec, { n: 16, realization: 2 }), runSpin3ExactMember(spec, { n: 16, realization: 2, refine: 2 })];
  assert.is(run.initialLoss, rerun.initialLoss);
  assert.ok(run.losses[1]! < run.initialLoss && run.losses[1]! > run.floor, 'GD lowers the loss and stays above the bias-free floor');
  // Euler's O(Δt) error at t = 2 is a small part of the loss's fall
  assert.ok(Math.abs(run.losses[1]! - rerun.losses[1]!) < 0.05 * (run.initialLoss - run.losses[1]!));
});

test('tasks: the check\'s reruns first, largest n first; every member once', () => {
  const tasks = spin3ExactTasks(spec);
  assert.is(tasks.length, 4 + 4 * 3);
  assert.equal(tasks.slice(0, 4).map((t) => [t.n, t.refine]), [[64, 2], [32, 2], [16, 2], [8, 2]]);
  assert.equal(tasks[4], { n: 64, realization: 0 });
});

test('the fit of the excess recovers s = −1 from synthetic members (exact A + B/n per realization, each with its own floor)', () => {
  const ns = [50, 100, 200, 400, 800];
  const s: Spin3ExactStudySpec = { ...spec, ns, realizations: 8, times: [10], stepCheck: false, bootstrap: { replicates: 500, level: 0.95 } };
  const rng = new Rng(3, 1);
  const members: Spin3ExactMember[] = [];
  for (let g = 0; g < 8; g++) {
    const floor = 3 + rng.normal();
    const B = 0.01 * (1 + 0.2 * rng.normal());
    for (const n of ns) members.push({ n, realization: g, initialLoss: 5, losses: [floor + 1e-5 + B / n], floor, seconds: 1 });
  }
  const a = analyseSpin3Exact(s, members);
  const fit = a.stages[0]!.fit;
  assert.ok(Math.abs(fit.s.estimate + 1) < 1e-6, `s = ${fit.s.estimate}`);
  assert.ok(fit.s.lower <= -1 && fit.s.upper >= -1);
  assert.ok(Math.abs(fit.A.estimate - 1e-5) < 1e-9, `A = ${fit.A.estimate}`);
  assert.is(a.verdict.outcome, 'agrees');
  // an exponent of −0.5 is told apart
  const half = members.map((m) => ({ ...m, losses: [m.floor + 1e-5 + (m.losses[0]! - m.floor - 1e-5) * Math.sqrt(m.n) / 10] }));
  assert.is(analyseSpin3Exact(s, half).verdict.outcome, 'disagrees');
});

test('the members do not depend on the number of workers', async () => {
  const small: Spin3ExactStudySpec = { ...spec, stepCheck: false };
  const [a, b] = [await runSpin3ExactMembers(small, 0), await runSpin3ExactMembers(small, 2)];
  assert.equal(a.map((m) => m.losses), b.map((m) => m.losses));
});

test('bad specs are refused, naming the field and the value', () => {
  const cases: [Partial<Spin3ExactStudySpec>, string, RegExp][] = [
    [{ ns: [8, 16, 32] }, 'ns', /at least 4 values of n/],
    [{ ns: [8, 16, 16, 32] }, 'ns[2]', /strictly increasing/],
    [{ realizations: 1 }, 'realizations', /an integer >= 2/],
    [{ times: [1, 1.05] }, 'times[1]', /multiple of dt = 0.1/],
    [{ times: [2, 1] }, 'times[1]', /increasing/],
    [{ dt: 0 }, 'dt', /dt = 0 is invalid/],
  ];
  for (const [patch, field, message] of cases) {
    assert.throws(() => validateSpin3ExactStudy({ ...spec, ...patch }), (e: unknown) => e instanceof Spin3ExactStudyError && e.field === field && message.test(e.message), field);
  }
});

test.run();

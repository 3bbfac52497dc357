/**
 * The members' linear responses as control variates, in a whole study: at t = 0 the control is
 * the error itself; later it removes most of the variance; and a wrong control (the influence of
 * another problem, or another member's particles) leaves every estimate valid.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyseStudy, computeCltPrediction, linearControls, runStudy, type MemberResult, type StudySpec } from '../../../compare/index.ts';
import { createTorusProblem, parsevalDistanceSquared } from '../../../model/index.ts';

const spec: StudySpec = {
  claims: ['clt', 'healing'],
  problem: { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0.2, sigmaC: 1 },
  ns: [32, 64, 128],
  seeds: 16,
  seed: 9,
  times: [0, 1, 5],
  dt: 0.05,
  reference: { method: 'lagrangian', ny: 48, nc: 16, check: { ny: 64, nc: 20 } },
  density: null,
  bootstrap: { replicates: 300, level: 0.95 },
  prediction: { ny: 48, nc: 16, dt: 0.1, check: { ny: 36, nc: 12 } },
};
let study: Awaited<ReturnType<typeof runStudy>>;
let byN: MemberResult[][];
test.before(async () => {
  study = await runStudy(spec, { workers: 0 });
  byN = spec.ns.map((n) => study.members.filter((m) => m.n === n));
});

test('at t = 0 the control is the squared error itself, to rounding, and its mean is the prediction', () => {
  const controls = linearControls(spec, study.reference.prediction, byN)!;
  byN.forEach((list, ni) => list.forEach((mem, r) => {
    const x = parsevalDistanceSquared(mem.fhat[0]!, study.reference.fhat[0]!);
    assert.ok(Math.abs(controls.total[0]![ni]![r]! - x) < 1e-12 * x, `n = ${mem.n}, r = ${r}: ${controls.total[0]![ni]![r]} against ${x}`);
  }));
  assert.ok(Math.abs(controls.expected[0]! / study.reference.prediction!.total[0]! - 1) < 1e-14);
});

test('the study records the reduction per time; at t = 1 it exceeds 100 on every rung, and the controlled means agree with the plain ones', () => {
  const cv = study.analysis.controlVariate!;
  assert.equal(cv.map((r) => r.t), spec.times);
  assert.ok(cv[1]!.reduction.every((x) => x > 100), `t = 1: ${cv[1]!.reduction}`);
  for (const c of study.analysis.cells) {
    assert.ok(Math.abs(c.controlled!.mse - c.mse) < 3 * c.mseStandardError, `(${c.n}, ${c.t}): ${c.controlled!.mse} against ${c.mse} ± ${c.mseStandardError}`);
  }
});

test('a wrong control leaves every estimate valid: another problem\'s influence, and another member\'s particles (reduction ≈ 1)', () => {
  // the influence of another target: the same law and modes, so its mean is exact for these particles too
  const other = createTorusProblem({ ...spec.problem, target: 'sin(3*x)' });
  const wrong = computeCltPrediction(other, spec.law, spec.times, { ny: 48, nc: 16, dt: 0.1, check: null });
  const a = analyseStudy(spec, { ...study.reference, prediction: { ...study.reference.prediction!, influence: wrong.influence } }, study.members);
  // each member's control from the next member's particles (same n): independent of its error
  const rotated: MemberResult[] = byN.flatMap((list) => list.map((m, r) => ({ ...m, r: list[(r + 1) % list.length]!.r })));
  const b = analyseStudy(spec, study.reference, rotated);
  for (const analysis of [a, b]) {
    for (const c of analysis.cells) {
      assert.ok(Math.abs(c.controlled!.mse - c.mse) < 3.5 * c.mseStandardError, `(${c.n}, ${c.t}): ${c.controlled!.mse} against ${c.mse} ± ${c.mseStandardError}`);
    }
  }
  const later = (x: typeof a) => x.controlVariate!.find((r) => r.t === 5)!.reduction;
  assert.ok(later(a).every((x, k) => x < later(study.analysis)[k]!), `another target's influence: ${later(a)} against ${later(study.analysis)}`);
  for (const r of b.controlVariate!) assert.ok(r.reduction.every((x) => x > 0.5 && x < 2), `another member's particles, t = ${r.t}: ${r.reduction}`);
});

test('transported controls (exact at the particles): the same at t = 0, more variance removed at t = 5 (largest rung) than the 16-node interpolant, still valid with another member\'s particles', async () => {
  const tspec: StudySpec = { ...spec, prediction: { ...spec.prediction!, control: 'transport' } };
  const t = await runStudy(tspec, { workers: 0 });
  const linear = t.reference.prediction!.linear!;
  assert.equal([linear.ns, linear.seeds], [spec.ns, spec.seeds]);
  const controls = linearControls(tspec, t.reference.prediction, byN)!;
  assert.is(controls.method, 'transport');
  // the members are the same (deterministic in (spec, n, r)): at t = 0 both controls are the error itself
  byN.forEach((list, ni) => list.forEach((mem, r) => {
    const x = parsevalDistanceSquared(mem.fhat[0]!, study.reference.fhat[0]!);
    assert.ok(Math.abs(controls.total[0]![ni]![r]! - x) < 1e-12 * x, `n = ${mem.n}, r = ${r}: ${controls.total[0]![ni]![r]} against ${x}`);
  }));
  const cv = t.analysis.controlVariate!;
  assert.ok(cv.every((r) => r.method === 'transport' && r.expected === r.predicted));
  const late = (x: typeof cv) => x.find((r) => r.t === 5)!.reduction;
  // on the largest rung, where the interpolant's error (constant in n) outweighs the nonlinear residual (∝ 1/n); measured 91 against 55
  const top = spec.ns.length - 1;
  assert.ok(late(cv)[top]! > 1.3 * late(study.analysis.controlVariate!)[top]!, `t = 5: transported ${late(cv)}, interpolated ${late(study.analysis.controlVariate!)}`);
  for (const c of t.analysis.cells) {
    assert.ok(Math.abs(c.controlled!.mse - c.mse) < 3 * c.mseStandardError, `(${c.n}, ${c.t}): ${c.controlled!.mse} against ${c.mse} ± ${c.mseStandardError}`);
  }
  const rotated: MemberResult[] = byN.flatMap((list) => list.map((m, r) => ({ ...m, r: list[(r + 1) % list.length]!.r })));
  for (const r of analyseStudy(tspec, t.reference, rotated).controlVariate!) assert.ok(r.reduction.every((x) => x > 0.5 && x < 2), `another member's particles, t = ${r.t}: ${r.reduction}`);
  // on threads (f₀ and the prediction with the transport each on their own, beside the members): the same numbers
  const threaded = await runStudy(tspec, { workers: 2 });
  assert.equal(threaded.reference.prediction!.linear!.values, linear.values);
  assert.equal(JSON.parse(JSON.stringify(threaded.analysis)), JSON.parse(JSON.stringify(t.analysis)));
});

test('a transported record for other members (more seeds than it holds) falls back to the interpolant', async () => {
  const tspec: StudySpec = { ...spec, prediction: { ...spec.prediction!, control: 'transport' } };
  const record = computeCltPrediction(createTorusProblem(spec.problem), spec.law, spec.times, { ...tspec.prediction!, check: null }, undefined, { seed: spec.seed, ns: spec.ns, seeds: 4 });
  assert.is(linearControls(tspec, record, byN)!.method, 'interpolant');
});

test.run();

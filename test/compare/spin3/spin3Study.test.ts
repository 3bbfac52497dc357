import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseSpin3, runSpin3Member, runSpin3Members, scheduleAt, SPIN3_PROTOCOLS, spin3Reductions, Spin3StudyError, trainingTime, validateSpin3Study,
  type Spin3MemberResult, type Spin3StudySpec,
} from '../../../compare/index.ts';
import { createSpin3Target, Rng } from '../../../model/index.ts';
import { Spin3Network, spin3Errors } from '../../../particles/index.ts';
import { memberStream } from '../../../compare/torus/studySpec.ts';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const spec: Spin3StudySpec = {
  d: 4, activation: 'relu', ns: [16, 32, 64], realizations: 2, seedsPerRealization: 2, seed: 5, batch: 20, dt: 0.02, steps: 300,
  quench: { batch: 200, steps: 30 }, testPoints: 2000, sigmaC: 1, sigmaB: 1, bootstrap: { replicates: 200, level: 0.95 },
};

test('3-spin study: the same members on 0 or 2 worker threads, every (n, realization, run) once, cells are the means', async () => {
  const inline = await runSpin3Members(spec, 0);
  const pooled = await runSpin3Members(spec, 2);
  const key = (m: { n: number; realization: number; r: number; loss: number; positive: number }) => [m.n, m.realization, m.r, m.loss, m.positive];
  assert.equal(pooled.map(key), inline.map(key));
  assert.is(inline.length, 3 * 2 * 2);
  const a = analyseSpin3(spec, inline);
  const at16 = inline.filter((m) => m.n === 16);
  assert.ok(Math.abs(a.cells[0]!.loss - at16.reduce((s, m) => s + m.loss, 0) / 4) < 1e-15);
  // the test set's Monte-Carlo part of the cell's error: √(Σ seᵢ²)/R
  assert.ok(Math.abs(a.cells[0]!.lossMonteCarloError - Math.sqrt(at16.reduce((s, m) => s + m.lossStandardError ** 2, 0)) / 4) < 1e-15);
  assert.ok(a.cells[0]!.lossMonteCarloError > 0);
  assert.is(a.slopes[0]!.quantity, 'loss');
  assert.ok(a.throughput > 0);
  // a quench with a larger batch only continues the training: the loss is measured before and after it
  for (const m of inline) assert.ok(m.lossBeforeQuench !== null && Number.isFinite(m.lossBeforeQuench));
  // different realizations of a are different targets
  assert.not.equal(inline.find((m) => m.n === 16 && m.realization === 0)!.loss, inline.find((m) => m.n === 16 && m.realization === 1)!.loss);
});

test('3-spin streams as documented: one member rebuilt by hand (couplings Rng(seed, j), network and data seed + 1, test points seed + 2, stream memberStream(n, j·R + r)) gives exactly the study\'s loss', () => {
  const task = { n: 32, realization: 1, r: 1 };
  const study = runSpin3Member(spec, task);
  const target = createSpin3Target(spec.d, spec.seed, task.realization);
  const stream = memberStream(task.n, task.realization * spec.seedsPerRealization + task.r);
  assert.is(stream, 3 * 2 ** 24 + 32, 'stream r·2^24 + n (compare/torus/studySpec.ts)');
  const net = new Spin3Network(target, { n: task.n, activation: spec.activation, sigmaC: spec.sigmaC, sigmaB: spec.sigmaB, seed: spec.seed + 1, stream });
  const plan = scheduleAt(spec, task.n);
  for (let k = 0; k < plan.steps; k++) net.step(plan.dt, plan.batch);
  for (let k = 0; k < plan.quench!.steps; k++) net.step(plan.dt, plan.quench!.batch);
  const byHand = spin3Errors(net, new Rng(spec.seed + 2, stream), spec.testPoints);
  assert.is(study.loss, byHand.loss);
  assert.is(study.positive, byHand.positive);
  // the test points are not the training stream's: measured on those, the loss is another number
  assert.is.not(spin3Errors(net, new Rng(spec.seed + 1, stream), spec.testPoints).loss, study.loss);
});

test('3-spin analysis: a quantity with a non-positive run gets no log-log fit (and does not throw); the loss still does', () => {
  const members = [16, 32, 16, 32].map((n, k) => ({
    n, realization: k >> 1, r: 0, loss: 1 / n, lossStandardError: 0, positive: k === 3 ? -0.01 : 0.1, negative: 0.1, lossBeforeQuench: 2 / n, seconds: 1, unitPointSteps: 10,
  }));
  const a = analyseSpin3({ ...spec, ns: [16, 32], realizations: 2, seedsPerRealization: 1 }, members);
  assert.is(a.slopes.find((s) => s.quantity === '⟨(f − f_n) Θ(f)⟩')!.slope, null);
  assert.ok(Math.abs(a.slopes[0]!.slope!.estimate + 1) < 1e-12, 'loss ∝ 1/n exactly');
  // two values of n: the floor-aware fit needs four, so the verdict says it cannot decide
  assert.is(a.floorFit, null);
  assert.is(a.verdict.outcome, 'not resolved');
  assert.match(a.verdict.regimeNote!, /at least 4 values of n/);
});

test('3-spin verdict: the floor-aware exponent decides; A + B/n agrees, A + B·n^-0.5 disagrees (the loss is 1/n over a floor, or not)', () => {
  const ns = [64, 128, 256, 512, 1024];
  const decide = (power: number): ReturnType<typeof analyseSpin3> => {
    const members = ns.flatMap((n) => Array.from({ length: 6 }, (_, g) => ({
      n, realization: g, r: 0, loss: (0.02 + 18 * n ** power) * (1 + 0.02 * Math.sin(7 * g + n)), lossStandardError: 0, positive: 0.1, negative: 0.1,
      lossBeforeQuench: null, seconds: 1, unitPointSteps: 10,
    })));
    return analyseSpin3({ ...spec, ns, realizations: 6, seedsPerRealization: 1, quench: null }, members);
  };
  const healed = decide(-1);
  assert.is(healed.verdict.outcome, 'agrees', JSON.stringify(healed.verdict.measurement));
  assert.ok(Math.abs(healed.floorFit!.A.estimate - 0.02) < 0.005);
  // the pure power law of the same data is flatter: the floor is what bends it
  assert.ok(healed.slopes[0]!.slope!.estimate > -0.95, `pure power law ${healed.slopes[0]!.slope!.estimate}`);
  assert.is(decide(-0.5).verdict.outcome, 'disagrees');
});

test('3-spin floor, measured: A at half the training, at its end and after the quench, with paired changes; the discrepancies fitted only where positive', () => {
  const ns = [64, 128, 256, 512, 1024];
  const G = 6;
  const rng = new Rng(3);
  const members: Spin3MemberResult[] = [];
  const floors = { half: 0.05, end: 0.03, quench: 0.02 };
  for (let g = 0; g < G; g++) {
    // a realization's own offset, shared by its stages: the paired change cancels it
    const offset = 0.01 * rng.normal();
    for (const n of ns) {
      const at = (A: number): number => A + offset + 10 / n + 3e-4 * rng.normal();
      members.push({
        n, realization: g, r: 0, loss: at(floors.quench), lossBeforeQuench: at(floors.end), lossHalfTraining: at(floors.half), lossStandardError: 0,
        positive: (0.5 / n) * (1 + 0.1 * rng.normal()), negative: (g === 2 && n === 512 ? -1 : 1) * (0.3 / n), seconds: 1, unitPointSteps: 1,
      });
    }
  }
  const a = analyseSpin3({ ...spec, ns, realizations: G, seedsPerRealization: 1 }, members);
  assert.equal(a.floorDecomposition.map((x) => x.stage), ['half the training', 'the training', 'after the quench']);
  const [half, end, quench] = a.floorDecomposition;
  for (const [st, A] of [[half!, floors.half], [end!, floors.end], [quench!, floors.quench]] as const) {
    assert.ok(st.fit!.A.lower < A && A < st.fit!.A.upper, `${st.stage}: A ${JSON.stringify(st.fit!.A)} vs ${A}`);
  }
  assert.is(half!.change, null);
  // the changes are resolved (their intervals exclude 0) and narrower than the floors' own intervals
  for (const [st, d] of [[end!, -0.02], [quench!, -0.01]] as const) {
    const c = st.change!;
    assert.ok(c.upper < 0 && c.lower < d && d < c.upper, `${st.stage}: change [${c.lower}, ${c.upper}] vs ${d}`);
    assert.ok(c.upper - c.lower < (st.fit!.A.upper - st.fit!.A.lower) / 3, `pairing removes the realizations' offsets: change width ${c.upper - c.lower}, A width ${st.fit!.A.upper - st.fit!.A.lower}`);
  }
  assert.ok(a.discrepancyFits[0]!.fit !== null && Math.abs(a.discrepancyFits[0]!.fit!.s.estimate + 1) < 0.2, JSON.stringify(a.discrepancyFits[0]));
  assert.is(a.discrepancyFits[1]!.fit, null);
  assert.match(a.discrepancyFits[1]!.reason!, /^1 of 30 realization means are not positive/);
  assert.ok(a.cells[3]!.negativeSpread > Math.abs(a.cells[3]!.negative), 'the spread between realizations, shown instead, exceeds the mean');
  // a floor that does not move (only the measurement noise differs): the change's interval holds 0
  const still = analyseSpin3({ ...spec, ns, realizations: G, seedsPerRealization: 1 }, members.map((m) => ({ ...m, lossHalfTraining: m.lossBeforeQuench! + 3e-4 * rng.normal() })));
  const c = still.floorDecomposition[1]!.change!;
  assert.ok(c.lower < 0 && 0 < c.upper, `[${c.lower}, ${c.upper}]`);
});

test('3-spin study settings are validated, naming the field', () => {
  const bad = (over: Partial<Spin3StudySpec>, pattern: RegExp): void => {
    assert.throws(() => validateSpin3Study({ ...spec, ...over }), (e: unknown) => e instanceof Spin3StudyError && pattern.test((e as Error).message));
  };
  bad({ ns: [16] }, /^ns = \[16\] is invalid/);
  bad({ ns: [32, 16] }, /^ns\[1\] = 16/);
  bad({ quench: { batch: 10, steps: 5 } }, /^quench.batch = 10 is invalid: an integer > batch = 20/);
  bad({ realizations: 1, seedsPerRealization: 1 }, /at least 2 runs per n/);
  bad({ dt: 0 }, /^dt = 0/);
  bad({ batch: 'n/50' }, /^batch = "n\/50" is invalid \(it gives 0\.32 at n = 16\): an integer >= 1/);
  bad({ batch: 'floor(n/5' }, /^batch = "floor\(n\/5" is invalid: cannot parse/);
  bad({ dt: '0.01 - n/3200' }, /^dt = "0\.01 - n\/3200" is invalid \(it gives 0 at n = 32\): a finite number > 0/);
  bad({ batch: 'floor(n/4)', quench: { batch: 'floor(n/8)', steps: 5 } }, /^quench.batch = "floor\(n\/8\)" \(2 at n = 16\) is invalid: an integer > batch = 4/);
  bad({ steps: 2.5 }, /^steps = 2\.5 is invalid/);
});

test('3-spin schedule: the batch as a function of n (the paper\'s P = ⌊n/5⌋, a quench with P² capped), and each member trains on its own', () => {
  const rules = { batch: 'floor(n/5)', dt: 0.01, steps: 100, quench: { batch: 'min(floor(n/5)^2, 2500)', steps: 10 } };
  assert.equal([100, 200, 250, 600, 1000].map((n) => scheduleAt(rules, n).batch), [20, 40, 50, 120, 200]);
  assert.equal([100, 200, 250, 600, 1000].map((n) => scheduleAt(rules, n).quench!.batch), [400, 1600, 2500, 2500, 2500]);
  assert.is(scheduleAt({ ...rules, batch: 'n/5' }, 999).batch, 199, 'expressions are floored');
  assert.is(scheduleAt({ ...rules, batch: '3*n/5', quench: null }, 5).batch, 3, 'no rounding error below an integer (3·5/5 = 2.9999… is 3)');
  // the paper's ReLU runs: the largest halve Δt and double the steps, the training time stays 2000
  const relu = SPIN3_PROTOCOLS['relu-d50'].paper;
  assert.equal(relu.ns.map((n) => scheduleAt(relu, n).dt), [1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 5e-4]);
  assert.equal(relu.ns.map((n) => trainingTime(scheduleAt(relu, n))), [2000, 2000, 2000, 2000, 2000, 2000]);
  assert.equal(relu.ns.map((n) => scheduleAt(relu, n).quench!.steps), [2e5, 2e5, 4e5, 4e5, 4e5, 4e5]);
  // a member trains with its own n's batch: its work is n·(steps·P(n) + quench steps·P₂(n))
  const s: Spin3StudySpec = { ...spec, ns: [10, 20], ...rules, testPoints: 100 };
  validateSpin3Study(s);
  for (const n of [10, 20]) {
    const m = runSpin3Member(s, { n, realization: 0, r: 0 });
    const P = Math.floor(n / 5);
    assert.is(m.unitPointSteps, n * (100 * P + 10 * P * P));
  }
});

test('3-spin protocols: the presets are the paper\'s except where they say, and a run lists what it reduced', () => {
  const sig = SPIN3_PROTOCOLS['sigmoid-d10'];
  assert.is(sig.paper.batch, 'floor(n/5)');
  assert.is(sig.paper.quench.batch, 'floor(n/5)^2');
  assert.equal(spin3Reductions(sig.preset, sig.paper), ['quench batch "min(floor(n/5)^2, 2500)" (paper "floor(n/5)^2": 400 at n = 100 … 4e4 at n = 1000)']);
  assert.is(sig.deviations.length, 1, 'the one deviation is stated');
  assert.equal(spin3Reductions(SPIN3_PROTOCOLS['relu-d50'].preset, SPIN3_PROTOCOLS['relu-d50'].paper), []);
  assert.is(SPIN3_PROTOCOLS['sigmoid-d25'].paper.d, 25);
  const reduced = spin3Reductions({ ...sig.preset, ns: [100, 200], steps: 20000, dt: 0.01, quench: null, realizations: 4, testPoints: 20000 }, sig.paper);
  assert.equal(reduced, [
    'n 100, 200 (paper 100…1000 (6 widths))', 'Δt 0.01 (paper 0.001)', 'steps 2e4 (paper 2e6)',
    'no quench (paper 2e5 steps with batch "floor(n/5)^2": 400 at n = 100 … 4e4 at n = 1000)', 'realizations 4 (paper 10)', 'test points 2e4 (paper 1e6)',
  ]);
});

test('liouville compare spin3: a result file with the scale, members and slopes; bad input exits 2 and writes nothing', async () => {
  const out = tempDir('liouville-spin3-');
  const r = await runInProcess(['compare', 'spin3', '--d', '4', '--n', '16,32', '--realizations', '2', '--seeds', '1', '--steps', '100',
    '--quench-steps', '10', '--test-points', '500', '--workers', '0', '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(join(out, 'compare-spin3.json'), 'utf8'));
  assert.is(file.claim, 'spin3');
  assert.match(file.scale, /no protocol \(compared with the paper's relu-d50\)/);
  assert.match(file.scale, /differs from the paper: d 4 \(paper 50\); activation relu|differs from the paper: d 4 \(paper 50\); n 16, 32/);
  assert.is(file.protocol.name, null);
  assert.is(file.members.length, 4);
  assert.is(file.analysis.cells.length, 2);
  // its report: the scale, the Fig. 1-style figure (three panels), the table and the verdict, no script
  const page = join(out, 'spin3.html');
  const rep = await runInProcess(['report', join(out, 'compare-spin3.json'), '--out', page, '--quiet']);
  assert.is(rep.status, 0, rep.stderr);
  const html = readFileSync(page, 'utf8');
  assert.match(html, /differs from the paper: d 4/);
  assert.is((html.match(/<clipPath/g) ?? []).length, 3);
  assert.match(html, /id="verdict"/);
  assert.not.match(html, /<script/);
  assert.not.match(html, /paper-figure/, 'no panel of the paper was read for d = 4');
  const bad = tempDir('liouville-spin3-bad-');
  for (const [argv, pattern] of [
    [['--activation', 'tanh'], /--activation/],
    [['--quench-batch', '20'], /--quench-batch: quench.batch = 20/],
    [['--n', '64,32'], /--n/],
    [['--d', '0'], /--d/],
    [['--n', '16,32', '--batch', 'n/50'], /--batch: batch = "n\/50" is invalid \(it gives 0\.32 at n = 16\)/],
    [['--protocol', 'relu-d10'], /--protocol: got "relu-d10", must be one of sigmoid-d10, sigmoid-d25, relu-d50/],
  ] as [string[], RegExp][]) {
    const e = await runInProcess(['compare', 'spin3', ...argv, '--steps', '10', '--out', bad, '--quiet']);
    assert.is(e.status, 2, `${argv.join(' ')}: ${e.stderr}`);
    assert.match(e.stderr, pattern);
  }
  assert.not.ok(existsSync(join(bad, 'compare-spin3.json')));
});

test('liouville compare spin3 --protocol sigmoid-d10: the preset\'s settings unless a flag overrides them, recorded with what was reduced', async () => {
  const out = tempDir('liouville-spin3-protocol-');
  const r = await runInProcess(['compare', 'spin3', '--protocol', 'sigmoid-d10', '--n', '10,20,30,40', '--realizations', '2', '--steps', '40', '--dt', '0.01',
    '--quench-steps', '5', '--test-points', '300', '--workers', '0', '--out', out]);
  assert.is(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(join(out, 'compare-spin3.json'), 'utf8'));
  assert.equal([file.spec.d, file.spec.activation, file.spec.batch, file.spec.quench.batch], [10, 'sigmoid', 'floor(n/5)', 'min(floor(n/5)^2, 2500)']);
  assert.is(file.config.input.protocol, 'sigmoid-d10');
  assert.is(file.protocol.name, 'sigmoid-d10');
  assert.ok(file.protocol.reductions.includes('steps 40 (paper 2e6)'), file.protocol.reductions.join('; '));
  assert.ok(file.protocol.reductions.includes('quench batch "min(floor(n/5)^2, 2500)" (paper "floor(n/5)^2": 400 at n = 100 … 4e4 at n = 1000)'));
  assert.equal(file.protocol.deviations, SPIN3_PROTOCOLS['sigmoid-d10'].deviations);
  assert.match(r.stderr, /protocol sigmoid-d10: 40 steps of Δt = 0\.01 with P = floor\(n\/5\) \(2 at n = 10 … 8 at n = 40\)/);
  // the floor by stage (half the training, its end, after the quench) is in the file, the output and the report
  assert.equal(file.analysis.floorDecomposition.map((x: { stage: string }) => x.stage), ['half the training', 'the training', 'after the quench']);
  const page = join(out, 'spin3.html');
  assert.is((await runInProcess(['report', join(out, 'compare-spin3.json'), '--out', page, '--quiet'])).status, 0);
  const html = readFileSync(page, 'utf8');
  assert.match(html, /id="floor-stages"/);
  assert.match(html, /<path class="floor-fit" d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}"/, 'the fitted A + B·n^s drawn on the loss panel');
  assert.match(html, /id="discrepancy-fits"/);
  // the paper's d = 10 sigmoid panel, as read off, beside ours
  assert.match(html, /<line class="paper-figure" x1="[\d.]+" x2="[\d.]+" y1="[\d.]+" y2="[\d.]+"/);
  assert.match(html, /id="paper-figure">The paper's Fig\. 1 \(d = 10, sigmoid\) shows the loss going from 1e-1 at n = 100 to 1e-2 at n = 1000/);
  assert.match(r.stderr, /readings of the text: the text gives no widths/);
  const m10 = file.members.find((m: { n: number }) => m.n === 10);
  assert.is(m10.unitPointSteps, 10 * (40 * 2 + 5 * 4));
  // the result file reruns itself: --config restores the protocol and the overrides
  const again = tempDir('liouville-spin3-protocol-again-');
  const r2 = await runInProcess(['compare', 'spin3', '--config', join(out, 'compare-spin3.json'), '--workers', '0', '--out', again, '--quiet']);
  assert.is(r2.status, 0, r2.stderr);
  const file2 = JSON.parse(readFileSync(join(again, 'compare-spin3.json'), 'utf8'));
  assert.equal(file2.members.map((m: { loss: number }) => m.loss), file.members.map((m: { loss: number }) => m.loss));
  assert.is(file2.protocol.name, 'sigmoid-d10');
  // reanalyse decides the stored members again: the same analysis, the rest of the file kept
  const re = join(again, 'reanalysed.json');
  const r3 = await runInProcess(['reanalyse', join(out, 'compare-spin3.json'), '--out', re, '--quiet']);
  assert.is(r3.status, 0, r3.stderr);
  const file3 = JSON.parse(readFileSync(re, 'utf8'));
  assert.equal(file3.analysis, file.analysis);
  assert.equal(file3.members, file.members);
  assert.equal(file3.protocol, file.protocol);
  assert.equal(file3.argv, file.argv, 'the run\'s provenance is kept');
  assert.equal(file3.reanalysed.argv.slice(0, 1), ['reanalyse']);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pickReportInput, reportInputProblem, shownMember } from '../../notebooks/report/input.ts';
import type { ReportCell, ReportInput } from '../../notebooks/report/input.ts';
import {
  asymptoticSeries, controlSeries, evaluateFourier, functionCurves, healingSeries, heatmapData, histogramDensity, interceptForSlope, lossSeries, marginalSeries, pairsFromFlat, prefactorSeries,
  scalingSeries, upperHalf,
} from '../../notebooks/report/series.ts';
import { assertClose } from '../helpers/assertClose.ts';
import { fixture, fixtureWithoutPrediction, fixtureWithSchedules } from './fixture.ts';
import { controlSvg } from '../../notebooks/report/views/control.ts';

test('evaluateFourier: f̂₁ = [0.5, 0] is cos x and f̂₁ = [0, −0.5] is sin x', () => {
  const xs = [0, 0.3, 1, 2.5, 4, 6];
  const cos = evaluateFourier([[0, 0], [0.5, 0]], xs);
  const sin = evaluateFourier([[0, 0], [0, -0.5]], xs);
  xs.forEach((x, k) => {
    assertClose(cos[k]!, Math.cos(x), 0, 1e-15, `cos(${x})`);
    assertClose(sin[k]!, Math.sin(x), 0, 1e-15, `sin(${x})`);
  });
});

test('evaluateFourier: mode 0 counts once, higher modes twice', () => {
  assert.equal(evaluateFourier([[0.7, 9], [0, 0], [0.25, 0]], [0]), [0.7 + 0.5]);
  assert.equal(evaluateFourier([], [1]), [0]);
});

test('pairsFromFlat: [re0, im0, re1, im1] becomes pairs', () => {
  assert.equal(pairsFromFlat([1, 2, 3, 4]), [[1, 2], [3, 4]]);
});

test('histogramDensity: integrates to the fraction of values inside, drops the rest', () => {
  const h = histogramDensity([0.1, 0.6, 0.7, 2, -1], 0, 1, 2);
  assert.equal(h.map((b) => b.density), [2 / 5, 4 / 5]);
  assertClose(h.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0), 3 / 5, 1e-15);
  assert.equal(histogramDensity([], 0, 1, 3).map((b) => b.density), [0, 0, 0]);
});

test('interceptForSlope: recovers a of y = e^a x^s', () => {
  const pts = [10, 100, 1000].map((x) => ({ x, y: Math.exp(0.3) * x ** -1 }));
  assertClose(interceptForSlope(pts, -1), 0.3, 1e-12);
  assert.ok(Number.isNaN(interceptForSlope([{ x: 1, y: 0 }], -1)));
});

test('shownMember: the sample member if present, else members[0] of the largest n', () => {
  const f = fixture();
  assert.equal([shownMember(f)!.n, shownMember(f)!.r], [100, 1]);
  const { sample: _, ...noSample } = f;
  assert.equal([shownMember(noSample)!.n, shownMember(noSample)!.r], [100, 0]);
  assert.is(shownMember({ members: [] }), undefined);
});

test('pickReportInput: keeps only the shown member and drops fields the page does not use', () => {
  const p = pickReportInput(fixture());
  assert.is(p.members.length, 1);
  assert.is(p.members[0]!.r, 1);
  assert.not.ok('gaussianity' in p);
  assert.is(reportInputProblem(p), null);
});

test('pickReportInput: the drawn fields of the prediction and the comparison; absent in older files stays absent', () => {
  const p = pickReportInput(fixture());
  assert.equal(p.reference.prediction, { times: [0, 1], total: [0.48, 0.125], checkTotal: [0.4800001, 0.1250002], linearRegime: [0.48, 0.1], perMode: [[0, 0.48, 0], [0, 0.125, 0]] });
  assert.equal(p.analysis.prefactor, fixture().analysis.prefactor);
  const old = pickReportInput(fixtureWithoutPrediction());
  assert.is(old.reference.prediction, undefined);
  assert.is(old.analysis.prefactor, undefined);
  assert.is(reportInputProblem(old), null);
  const { prediction: _, ...noPredict } = fixture().reference;
  assert.is(pickReportInput({ ...fixture(), reference: noPredict, analysis: { ...fixture().analysis, prefactor: null } }).analysis.prefactor, undefined, '--predict none writes no comparison');
});

test('reportInputProblem: names what is wrong', () => {
  assert.match(reportInputProblem([1]) ?? '', /not a JSON object/);
  assert.match(reportInputProblem({ ...fixture(), format: 'x' }) ?? '', /format "x"/);
  assert.match(reportInputProblem({ ...fixture(), command: 'particles' }) ?? '', /liouville particles/);
  assert.match(reportInputProblem({ ...fixture(), analysis: {} }) ?? '', /analysis/);
});

test('functionCurves: target, reference and the member on [0, 2π] at the chosen time', () => {
  const c = functionCurves(fixture(), 1, 5);
  assert.is(c.t, 1);
  assert.equal(c.target.map((p) => p.x), [0, Math.PI / 2, Math.PI, 1.5 * Math.PI, 2 * Math.PI]);
  assertClose(c.target[2]!.y, -1, 0, 1e-15);
  assertClose(c.reference[0]!.y, 0.5, 0, 1e-15);
  assert.equal([c.member!.n, c.member!.r], [100, 1]);
  assertClose(c.member!.points[0]!.y, 0.52, 0, 1e-15);
});

test('heatmapData: one colour scale over all times, particles outside [−L, L] dropped', () => {
  const h = heatmapData(fixture(), 0)!;
  assert.is(h.rhoMax, 4);
  assert.is(h.rho.length, 16);
  assert.equal(h.particles, [{ x: 0.5, y: 0 }, { x: 1, y: 1 }]);
  const { density: _, ...ref } = fixture().reference;
  assert.is(heatmapData({ ...fixture(), reference: ref }, 0), undefined);
});

test('marginalSeries: cell centres of [0, 2π) and [−L, L], histograms of the sample', () => {
  const m = marginalSeries(fixture(), 0, 4)!;
  assert.equal(m.c.map((p) => p.x), [-1.5, -0.5, 0.5, 1.5]);
  assertClose(m.y[0]!.x, Math.PI / 4, 1e-15);
  assert.is(m.yHist!.length, 4);
  assert.is(m.cHist!.length, 8);
});

test('lossSeries: the reference first, then one series per n', () => {
  const s = lossSeries(fixture());
  assert.equal(s.map((x) => x.label), ['ρ₀ (reference)', 'n = 10', 'n = 100']);
  assert.equal(s[1]!.points, [{ x: 0, y: 0.35 }, { x: 1, y: 0.25 }]);
});

test('scalingSeries: points per time and a fitted line through them', () => {
  const s = scalingSeries(fixture());
  assert.is(s.length, 2);
  assert.equal(s[0]!.points.map((p) => p.n), [10, 100]);
  assert.is(s[0]!.fit!.slope, -1);
  assertClose(s[0]!.fit!.intercept, Math.log(0.5), 1e-12);
});

test('pickReportInput: the verdicts keep the fields the tables show, null measurements stay null', () => {
  const p = pickReportInput(fixture());
  const [first, , , empty] = p.analysis.verdicts;
  assert.equal(Object.keys(first!).sort(), ['adjustedP', 'alpha', 'claim', 'detectable', 'familySize', 'hypothesis', 'measurement', 'outcome', 'proposition', 'regimeNote', 'role', 'rule', 'statement', 't', 'theory']);
  assert.equal(first!.measurement, { estimate: -1, lower: -1.05, upper: -0.95, level: 0.95 });
  assert.equal(empty!.measurement, { estimate: null, lower: null, upper: null, level: 0.95 });
  assert.is(empty!.detectable, null);
  assert.equal(p.analysis.twoTerm, [{ t: 0, P: { estimate: 0.5, lower: 0.4, upper: 0.6 }, resolvable: true }, { t: 1, P: { estimate: 0.45, lower: 0.3, upper: 0.62 }, resolvable: false }]);
  assert.is(p.analysis.asymptotic, undefined, 'null in the file: nothing embedded');
});

test('pickReportInput: the sample\'s particles only with a density or marginals to draw them over; its member is kept', () => {
  assert.is(pickReportInput(fixture()).sample!.y.length, 2);
  const { density: _d, marginals: _m, ...bare } = fixture().reference;
  const p = pickReportInput({ ...fixture(), reference: bare });
  assert.equal(p.sample, { n: 100, r: 1, y: [], c: [] });
  assert.equal([shownMember(p)!.n, shownMember(p)!.r], [100, 1]);
});

test('reportInputProblem: verdicts of the old format (measured, agrees) are named, not drawn as an empty table', () => {
  const f = fixture();
  const old = { ...f, analysis: { ...f.analysis, verdicts: [{ claim: 'x', t: 0, measured: '-1 [-1.1, -0.9]', theory: '-1', agrees: true }] } };
  assert.match(reportInputProblem(old) ?? '', /verdicts in an older format/);
});

/** The fixture on a five-rung ladder whose lower rungs are far off, so pooling over the wrong rungs shows. */
function fiveRungs(): ReportInput {
  const f = fixture();
  const ns = [10, 20, 40, 80, 160];
  // n·modeMse[1] and nMse per rung at t = 0; t = 1 is twice that
  const mode1: Record<number, number> = { 10: 50, 20: 50, 40: 0.8, 80: 1.0, 160: 1.5 };
  const total: Record<number, number> = { 10: 90, 20: 90, 40: 1.2, 80: 1.6, 160: 2.3 };
  const cells: ReportCell[] = ns.flatMap((n) => [0, 1].map((t) => {
    const k = t + 1;
    return { n, t, mse: (k * total[n]!) / n, mseStandardError: 0.01 / n, nMse: k * total[n]!, modeMse: [0.3 / n, (k * mode1[n]!) / n, 0, 7], lossMean: 0.2 };
  }));
  return { ...f, spec: { ...f.spec, ns }, problem: { ...f.problem, M: 2 }, analysis: { ...f.analysis, cells } };
}

test('upperHalf: the upper half of the ladder, the middle rung included when it is odd (as compare/torus/prediction.ts)', () => {
  assert.equal(upperHalf([10, 20, 40, 80, 160]), [40, 80, 160]);
  assert.equal(upperHalf([10, 100]), [100]);
});

test('healingSeries: n·modeMse per mode and nMse pooled (mean) over the upper half of the ladder', () => {
  const h = healingSeries(fiveRungs());
  assert.equal(h.pooledNs, [40, 80, 160]);
  assert.equal(h.lines.map((l) => l.label), ['total', 'mode 0', 'mode 1', 'mode 2'], 'modes 0…min(M, 4): mode 3 of modeMse is beyond M');
  const at = (label: string, t: number): number => h.lines.find((l) => l.label === label)!.measured.find((p) => p.t === t)!.value;
  // by hand: (0.8 + 1.0 + 1.5)/3 = 1.1 and (1.2 + 1.6 + 2.3)/3 = 1.7; twice that at t = 1
  assertClose(at('mode 1', 0), 1.1, 1e-12, 0, 'mode 1 at t = 0');
  assertClose(at('mode 1', 1), 2.2, 1e-12, 0, 'mode 1 at t = 1');
  assertClose(at('total', 0), 1.7, 1e-12, 0, 'total at t = 0');
  assertClose(at('mode 0', 0), 0.3, 1e-12, 0, 'n·(0.3/n)');
  assert.is(at('mode 2', 0), 0, 'a zero mode stays zero (the view skips it)');
});

test('healingSeries: the prediction per mode and total, the two-term P where resolvable, the floor flagged', () => {
  const h = healingSeries(pickReportInput(fixture()));
  const total = h.lines[0]!;
  assert.equal(total.predicted, [{ t: 0, value: 0.48 }, { t: 1, value: 0.125 }]);
  assert.equal(h.lines[2]!.predicted, [{ t: 0, value: 0.48 }, { t: 1, value: 0.125 }], 'mode 1: perMode[k][1]');
  assert.equal(h.lines[1]!.predicted, [{ t: 0, value: 0 }, { t: 1, value: 0 }]);
  assert.equal(total.measured, [{ t: 0, value: 0.5, resolvable: true }, { t: 1, value: 0.5, resolvable: false }]);
  assert.equal(h.fitP, [{ t: 0, estimate: 0.5, lower: 0.4, upper: 0.6 }], 't = 1 is at the floor: no P drawn');
  const none = healingSeries(fixtureWithoutPrediction());
  assert.ok(none.lines.every((l) => l.predicted === undefined));
});

test('asymptoticSeries: null without schedules; per schedule the error and the mean-field distance against n', () => {
  assert.is(asymptoticSeries(fixture()), null);
  const s = asymptoticSeries(pickReportInput(fixtureWithSchedules()))!;
  assert.equal(s.ns, [10, 100]);
  assert.equal(s.schedules.map((q) => q.label), ['a_n = 0.5·log n', 'a_n = 1 (fixed) <i>']);
  assert.equal(s.schedules[0]!.error, [{ x: 10, y: 0.05 }, { x: 100, y: 0.0005 }]);
  assert.equal(s.schedules[0]!.meanField, [{ x: 10, y: 0.01 }, { x: 100, y: 0.0001 }]);
  assert.equal(s.schedules[0]!.slope, { estimate: -2, lower: -2.1, upper: -1.9, level: 0.95 });
  assert.is(s.schedules[1]!.slope, null);
});

test('prefactorSeries: the prediction carried through exactly; the measurement only where resolvable', () => {
  const s = prefactorSeries(pickReportInput(fixture()))!;
  assert.equal(s.times, [0, 1]);
  assert.equal(s.predicted, [{ t: 0, value: 0.48 }, { t: 1, value: 0.125 }]);
  assert.equal(s.check, [{ t: 0, value: 0.4800001 }, { t: 1, value: 0.1250002 }]);
  assert.equal(s.linearRegime, [{ t: 0, value: 0.48 }, { t: 1, value: 0.1 }]);
  // t = 1 is not resolvable: neither the pooled value nor the per-n points there are drawn
  assert.equal(s.pooled, [{ t: 0, measured: 0.5, lower: 0.402, upper: 0.598, agrees: true }]);
  assert.equal(s.pooledNs, [100]);
  assert.equal(s.perN.map((r) => r.n), [10, 100]);
  for (const r of s.perN) {
    const c = fixture().analysis.cells.find((x) => x.n === r.n && x.t === 0)!;
    assert.equal(r.points, [{ t: 0, value: c.nMse, lower: c.nMse - 2 * r.n * c.mseStandardError, upper: c.nMse + 2 * r.n * c.mseStandardError }], `n = ${r.n}`);
  }
  assertClose(s.perN[0]!.points[0]!.upper, 0.6, 1e-15, 0, 'n·s.e. = 0.05');
});

test('prefactorSeries: null without a prediction; no comparison means every time measured, nothing pooled', () => {
  assert.is(prefactorSeries(fixtureWithoutPrediction()), null);
  const f = fixture();
  const { prefactor: _, ...analysis } = f.analysis;
  const s = prefactorSeries({ ...f, analysis, reference: { ...f.reference, prediction: { ...f.reference.prediction!, checkTotal: null, linearRegime: null } } })!;
  assert.equal(s.pooled, []);
  assert.equal(s.pooledNs, []);
  assert.equal(s.perN[1]!.points.map((p) => p.t), [0, 1]);
  assert.is(s.check, undefined);
  assert.is(s.linearRegime, undefined);
});

test('controlSeries: each member at the largest n as (n‖δ_lin‖², n‖f_n − f₀‖²) per time, non-positive values left out; null without controls', () => {
  const base = fixture();
  assert.is(controlSeries(base), null);
  const input = {
    ...base,
    analysis: {
      ...base.analysis,
      controlVariate: [
        { t: 0, reduction: [1e30, 2e30], top: { n: 100, x: [0.4, 0.6], y: [0.4, 0.6] } },
        { t: 1, reduction: [40, 300], top: { n: 100, x: [0.2, 0, 0.3], y: [0.21, 0.1, 0.29] } },
      ],
    },
  };
  const s = controlSeries(input)!;
  assert.is(s.n, 100);
  assert.equal(s.times.map((t) => t.reduction), [2e30, 300]);
  assert.equal(s.times[1]!.points, [{ x: 0.21, y: 0.2 }, { x: 0.29, y: 0.3 }]);
  const svg = controlSvg(s);
  const members = /<g class="members">(.*?)<\/g>/.exec(svg)![1]!;
  assert.is((members.match(/<circle cx=/g) ?? []).length, 4, 'one dot per member shown');
  assert.match(svg, /t = 1: variance ÷ 300/);
  assert.match(svg, /t = 0: variance ÷ &gt; 1e12/);
  assert.match(svg, /class="diagonal"/);
});

test.run();

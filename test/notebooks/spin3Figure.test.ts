/**
 * The Fig. 1 page (notebooks/spin3Figure.ts): one colour per realization (ten distinct), a step
 * check's reruns drawn as the check (not as runs) with the extrapolation to Δt → 0, the exact-loss
 * GD panel beside the SGD runs, and the paper's range for each protocol's panel.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PAPER_FIGURE_1, realizationColour, spin3ReportHtml, spin3Svg, type Spin3ExactFigureInput, type Spin3ReportInput } from '../../notebooks/spin3Figure.ts';

const ns = [100, 200, 400, 800];
const iv = (estimate: number) => ({ estimate, lower: estimate - 0.1, upper: estimate + 0.1 });

function input(d: number, withCheck: boolean): Spin3ReportInput {
  const members = [];
  for (const refine of withCheck ? [1, 2, 4] : [1]) {
    for (const n of ns) {
      for (let g = 0; g < (refine === 1 ? 10 : 3); g++) {
        const loss = (0.1 + 20 / n) * (1 + 0.02 * g) * (1 + 0.1 / refine);
        members.push({ n, realization: g, r: 0, ...(refine === 1 ? {} : { refine }), loss, positive: loss / 2, negative: loss / 3 });
      }
    }
  }
  const cells = ns.map((n) => ({ n, runs: 10, loss: 0.1 + 20 / n, lossStandardError: 0.01, positive: 0.05, negative: 0.03, lossBeforeQuench: null }));
  return {
    claim: 'spin3', scale: 'synthetic', spec: { d, activation: 'sigmoid', realizations: 10 }, members,
    analysis: {
      cells, slopes: [{ quantity: 'loss', slope: iv(-0.8) }], floorFit: { ...{ A: iv(0.1), B: iv(20), s: iv(-1) }, chi2: 1, dof: 1 },
      ...(withCheck ? { stepCheck: {
        realizations: 3, dt: ['0.02', '0.01', '0.005'], moved: true,
        exponent: { order: 1, observed: 1, orderObserved: true, halving: iv(-0.1), extrapolated: iv(-1), atSteps: [iv(-0.8), iv(-0.9), iv(-0.95)] },
        verdict: { claim: 'extrapolated', theory: '−1', outcome: 'agrees', detectable: 0.2, regimeNote: null, measurement: iv(-1), rule: { theta: -1, delta: 0.25 } },
      } } : {}),
      verdict: { claim: 'c', theory: '−1', outcome: 'agrees', detectable: 0.3, regimeNote: null, measurement: iv(-0.8), rule: { theta: -1, delta: 0.25 } },
      throughput: 1,
    },
  } as Spin3ReportInput;
}

const exact = (d: number): Spin3ExactFigureInput => ({
  claim: 'spin3-exact', spec: { d, ns, times: [100, 200], realizations: 10 },
  members: ns.flatMap((n) => Array.from({ length: 10 }, (_, g) => ({ n, realization: g, losses: [4 + 2e-2 / n, 4 + 1e-2 / n], floor: 4 }))),
  analysis: { stages: [100, 200].map((t, j) => ({ t, excess: ns.map((n) => (j ? 1e-2 : 2e-2) / n), fit: { A: iv(1e-7), B: iv(1e-2), s: iv(-1), chi2: 0, dof: 1 } })) },
});

test('ten realizations, ten distinct colours; the runs are the study\'s own (no rerun drawn as a run)', () => {
  const colours = Array.from({ length: 10 }, (_, k) => realizationColour(k, 10));
  assert.is(new Set(colours).size, 10);
  const svg = spin3Svg(input(10, true));
  const runFills = [...svg.matchAll(/<circle [^>]*r="2.5" fill="([^"]+)"/g)].map((m) => m[1]);
  assert.is(new Set(runFills).size, 10);
  // 3 panels × 4 widths × 10 realizations, none of the 2 × 4 × 3 reruns among them
  assert.is(runFills.length, 3 * 4 * 10);
});

test('a step check is drawn on the loss panel: the means at Δt/2 and Δt/4 and the extrapolation, one per n, with s(Δt → 0) in the title', () => {
  const svg = spin3Svg(input(10, true));
  assert.is([...svg.matchAll(/class="step-check"/g)].length, 2 * ns.length);
  assert.is([...svg.matchAll(/class="step-extrapolated"/g)].length, ns.length);
  assert.match(svg, /s\(Δt → 0\) −1\.00 \[−1\.10, −0\.90\]/);
  assert.not.match(spin3Svg(input(10, false)), /step-check/);
  const page = spin3ReportHtml(input(10, true));
  assert.match(page, /id="step-check"/);
  assert.match(page, /id="step-verdict">extrapolated: −1\.000 \[−1\.100, −0\.900\]/);
});

test('the exact-loss GD panel: a fourth panel with its fit, refused for another d; the page carries it', () => {
  const three = spin3Svg(input(10, false));
  const four = spin3Svg(input(10, false), exact(10));
  assert.match(three, /width="990"/);
  assert.match(four, /width="1320"/);
  assert.match(four, /exact GD, t = 200: s = −1\.00/);
  assert.throws(() => spin3Svg(input(10, false), exact(25)), /d = 25, the study d = 10/);
  assert.match(spin3ReportHtml(input(10, false), exact(10)), /exact GD, t = 200/);
});

test('the paper\'s range is drawn for each protocol\'s panel', () => {
  assert.equal(PAPER_FIGURE_1.map((p) => `${p.activation}-d${p.d}`), ['sigmoid-d10', 'sigmoid-d25', 'relu-d50']);
  assert.match(spin3Svg(input(25, false)), /class="paper-figure"/);
  assert.not.match(spin3Svg(input(17, false)), /class="paper-figure"/);
});

test.run();

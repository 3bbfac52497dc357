/**
 * The 3-spin figure in the style of the paper's Fig. 1: three log-log panels against `n` — the loss,
 * `⟨(f − f_n) Θ(f)⟩` and `⟨(f_n − f) Θ(−f)⟩` — with every run (light dots, one colour per
 * realization of `a`, ten distinct colours), the mean over runs, and for the loss the fitted slope
 * with its interval beside the paper's −1, and the floor-aware fit `A + B·n^s` with its floor `A`
 * where the study fitted one (for the discrepancies too, where their sign allowed a fit). Where the
 * study checked its step, the loss panel also shows the checked realizations' means at `Δt/2`,
 * `Δt/4` and extrapolated to `Δt → 0`; given an exact-loss GD result of the same `d`
 * (`compare spin3-exact`), a fourth panel shows its excess over the bias-free floor. The paper's
 * range for the panel, as read off Fig. 1, is the grey band. Drawn from result files without a
 * DOM, like the report's views.
 *
 *   npx tsx notebooks/spin3Figure.ts results/spin3/compare-spin3.json docs/figures/spin3.svg [compare-spin3-exact.json]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { max, min } from 'd3-array';
import { scaleLog } from 'd3-scale';
import { interpolateSinebow, schemeTableau10 } from 'd3-scale-chromatic';
import { writeFileAtomic } from '../io/resultFile.ts';
import { axes, colour, esc, fixed, legend, r2, svgDocument, type Frame } from './plot/svg.ts';

/** The part of a spin3 result the figure reads. */
export interface Spin3FigureInput {
  readonly claim: string;
  readonly scale: string;
  readonly spec: { readonly d: number; readonly activation: string; readonly realizations: number };
  readonly members: readonly {
    readonly n: number; readonly realization: number; readonly loss: number; readonly positive: number; readonly negative: number;
    /** A step check's rerun at `Δt/refine` (absent: the study's own run). */
    readonly refine?: number;
  }[];
  readonly analysis: {
    readonly cells: readonly { readonly n: number; readonly loss: number; readonly positive: number; readonly negative: number }[];
    readonly slopes: readonly { readonly quantity: string; readonly slope: { estimate: number; lower: number; upper: number } | null }[];
    /** `loss(n) = A + B·n^s` and the same for the discrepancies where fitted (absent in older files). */
    readonly floorFit?: FloorCurve | null;
    readonly discrepancyFits?: readonly { readonly quantity: string; readonly fit: FloorCurve | null }[];
    /** The step check (absent without one). */
    readonly stepCheck?: {
      readonly realizations: number;
      readonly dt: readonly string[];
      readonly exponent: { readonly order: number; readonly extrapolated: Interval; readonly atSteps: readonly Interval[] };
    } | null;
  };
}

/** The part of a `compare spin3-exact` result the figure's fourth panel reads. */
export interface Spin3ExactFigureInput {
  readonly claim: string;
  readonly spec: { readonly d: number; readonly ns: readonly number[]; readonly times: readonly number[]; readonly realizations: number };
  readonly members: readonly { readonly n: number; readonly realization: number; readonly losses: readonly number[]; readonly floor: number; readonly refine?: number }[];
  readonly analysis: { readonly stages: readonly { readonly t: number; readonly excess: readonly number[]; readonly fit: FloorFitView }[] };
}

interface FloorCurve { readonly A: { readonly estimate: number }; readonly B: { readonly estimate: number }; readonly s: { readonly estimate: number } }

/** What the page reads besides the figure's input: the full cells, the verdict, provenance. */
export interface Spin3ReportInput extends Omit<Spin3FigureInput, 'analysis'> {
  readonly analysis: {
    readonly cells: readonly {
      n: number; runs: number; loss: number; lossStandardError: number; positive: number; negative: number; lossBeforeQuench: number | null;
      /** The test set's Monte-Carlo part of the error (absent in older files). */
      lossMonteCarloError?: number;
      /** The spread between the realizations' means (absent in older files). */
      positiveSpread?: number; negativeSpread?: number;
    }[];
    readonly slopes: Spin3FigureInput['analysis']['slopes'];
    readonly floorFit?: FloorFitView | null;
    /** Absent in files written before the floor was measured by stage. */
    readonly floorDecomposition?: readonly { readonly stage: string; readonly fit: FloorFitView | null; readonly change: Interval | null }[];
    readonly discrepancyFits?: readonly { readonly quantity: string; readonly fit: FloorFitView | null; readonly reason: string | null }[];
    readonly verdict: VerdictView;
    readonly stepCheck?: (NonNullable<Spin3FigureInput['analysis']['stepCheck']> & {
      readonly moved: boolean;
      readonly exponent: { readonly halving: Interval; readonly observed: number | null; readonly orderObserved: boolean };
      readonly verdict?: VerdictView;
    }) | null;
    readonly throughput: number;
  };
  readonly package?: { readonly version?: string; readonly commit?: string | null };
  readonly createdAt?: string;
}

interface Interval { readonly estimate: number; readonly lower: number; readonly upper: number }
interface VerdictView {
  readonly claim: string; readonly theory: string; readonly outcome: string; readonly detectable: number | null; readonly regimeNote: string | null;
  readonly measurement: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null };
  readonly rule: { readonly theta?: number; readonly delta?: number };
}
interface FloorFitView { readonly A: Interval; readonly B: Interval; readonly s: Interval; readonly chi2: number; readonly dof: number }

const FLOOR_COLOUR = '#5e3c99';
const PAPER_COLOUR = '#999';

/**
 * What the paper's Fig. 1 shows of the loss, as read off its log axes: the d = 10 sigmoid panel
 * spans 10⁻¹ at n = 10² to 10⁻² at n = 10³, the d = 25 one 10¹ to 10⁰ over the same widths, the
 * d = 50 ReLU one about 0.6 at n = 10⁴ to 0.3 at 6·10⁴. Drawn beside our runs as the segment
 * between those corners, so a reader sees where the paper's networks were at its T.
 */
export const PAPER_FIGURE_1: readonly { readonly d: number; readonly activation: string; readonly n: readonly [number, number]; readonly loss: readonly [number, number] }[] = [
  { d: 10, activation: 'sigmoid', n: [1e2, 1e3], loss: [1e-1, 1e-2] },
  { d: 25, activation: 'sigmoid', n: [1e2, 1e3], loss: [1e1, 1e0] },
  { d: 50, activation: 'relu', n: [1e4, 6e4], loss: [0.6, 0.3] },
];

/** Realization `k` of `count`: ten distinct colours (Tableau 10), a sinebow beyond ten. */
export function realizationColour(k: number, count: number): string {
  return count <= schemeTableau10.length ? schemeTableau10[k]! : interpolateSinebow(k / count);
}

const STEP_COLOURS = { 2: '#1b7837', 4: '#762a83' } as const;
const EXTRAPOLATED_COLOUR = '#b2182b';

function paperPanel(input: Spin3FigureInput): (typeof PAPER_FIGURE_1)[number] | undefined {
  return PAPER_FIGURE_1.find((p) => p.d === input.spec.d && p.activation === input.spec.activation);
}
const PANEL: Frame = { width: 330, height: 300, margin: { top: 30, right: 12, bottom: 44, left: 62 } };
const QUANTITIES = [
  { key: 'loss', label: 'loss ℓ(f, f_n)', slope: 'loss' },
  { key: 'positive', label: '⟨(f − f_n) Θ(f)⟩', slope: '⟨(f − f_n) Θ(f)⟩' },
  { key: 'negative', label: '⟨(f_n − f) Θ(−f)⟩', slope: '⟨(f_n − f) Θ(−f)⟩' },
] as const;

function panel(input: Spin3FigureInput, q: (typeof QUANTITIES)[number], dx: number): string {
  const runs = input.members.filter((m) => (m.refine ?? 1) === 1).map((m) => ({ n: m.n, v: m[q.key], realization: m.realization })).filter((p) => p.v > 0);
  const steps = q.key === 'loss' ? stepSeries(input) : [];
  const means = input.analysis.cells.map((c) => ({ n: c.n, v: c[q.key] })).filter((p) => p.v > 0);
  const all = [...runs, ...means, ...steps.flatMap((x) => x.points)];
  if (all.length === 0) return `<g transform="translate(${dx},0)"><text x="70" y="150">${q.label}: no positive values</text></g>`;
  const ns = [...new Set(all.map((p) => p.n))].sort((a, b) => a - b);
  const paper = q.key === 'loss' ? paperPanel(input) : undefined;
  const curve = q.key === 'loss' ? input.analysis.floorFit : input.analysis.discrepancyFits?.find((f) => f.quantity === q.slope)?.fit;
  // the floor A belongs in view when it is positive
  const floor = curve && curve.A.estimate > 0 ? curve.A.estimate : Infinity;
  const nLow = Math.min(ns[0]!, paper?.n[0] ?? Infinity);
  const nHigh = Math.max(ns[ns.length - 1]!, paper?.n[1] ?? 0);
  const vLow = Math.min(min(all, (p) => p.v) ?? 1e-3, floor, paper?.loss[1] ?? Infinity);
  const vHigh = Math.max(max(all, (p) => p.v) ?? 1, paper?.loss[0] ?? 0);
  const x = scaleLog().domain([nLow / 1.3, nHigh * 1.3]).range([PANEL.margin.left, PANEL.width - PANEL.margin.right]);
  const y = scaleLog().domain([vLow / 1.5, vHigh * 1.5]).range([PANEL.height - PANEL.margin.bottom, PANEL.margin.top]);
  const marks: string[] = [];
  if (paper) {
    marks.push(`<line class="paper-figure" x1="${r2(x(paper.n[0]))}" x2="${r2(x(paper.n[1]))}" y1="${r2(y(paper.loss[0]))}" y2="${r2(y(paper.loss[1]))}" stroke="${PAPER_COLOUR}" stroke-width="7" stroke-opacity="0.35" stroke-linecap="round"/>`);
  }
  marks.push(...runs.map((p) => `<circle cx="${r2(x(p.n))}" cy="${r2(y(p.v))}" r="2.5" fill="${realizationColour(p.realization, input.spec.realizations)}" fill-opacity="0.6"/>`));
  marks.push(...means.map((p) => `<circle cx="${r2(x(p.n))}" cy="${r2(y(p.v))}" r="4.5" fill="#000"/>`));
  for (const series of steps) {
    marks.push(...series.points.map((p) => series.extrapolated
      ? `<rect class="step-extrapolated" x="${r2(x(p.n) - 3.5)}" y="${r2(y(p.v) - 3.5)}" width="7" height="7" fill="${EXTRAPOLATED_COLOUR}"/>`
      : `<circle class="step-check" cx="${r2(x(p.n))}" cy="${r2(y(p.v))}" r="${series.refine === 2 ? 4 : 5.5}" fill="none" stroke="${series.colour}" stroke-width="1.5"/>`));
  }
  const fit = input.analysis.slopes.find((s) => s.quantity === q.slope)?.slope;
  let label = '';
  if (fit && means.length > 1) {
    // the fitted line through the means' geometric centre, and the paper's −1 through the same point
    const ln = means.reduce((a, p) => a + Math.log(p.n), 0) / means.length;
    const lv = means.reduce((a, p) => a + Math.log(p.v), 0) / means.length;
    const line = (slope: number, dash: string, c: string): string => {
      const at = (n: number): number => Math.exp(lv + slope * (Math.log(n) - ln));
      const [n0, n1] = [ns[0]!, ns[ns.length - 1]!];
      return `<line x1="${r2(x(n0))}" x2="${r2(x(n1))}" y1="${r2(y(at(n0)))}" y2="${r2(y(at(n1)))}" stroke="${c}" stroke-width="1.5"${dash}/>`;
    };
    marks.push(line(fit.estimate, '', colour(5)));
    if (q.key === 'loss') marks.push(line(-1, ' stroke-dasharray="6,4"', '#555'));
    label = `slope ${fixed(fit.estimate)} [${fixed(fit.lower)}, ${fixed(fit.upper)}]`;
  }
  const check = q.key === 'loss' ? input.analysis.stepCheck : null;
  if (check) label += `${label ? '; ' : ''}s(Δt → 0) ${fixed(check.exponent.extrapolated.estimate)} [${fixed(check.exponent.extrapolated.lower)}, ${fixed(check.exponent.extrapolated.upper)}]`;
  // the floor-aware fit A + B·n^s over the n range, and its floor A (dotted) where positive
  if (curve) {
    const [n0, n1] = [ns[0]!, ns[ns.length - 1]!];
    const points = Array.from({ length: 41 }, (_, k) => n0 * (n1 / n0) ** (k / 40))
      .map((n) => ({ n, v: curve.A.estimate + curve.B.estimate * n ** curve.s.estimate })).filter((p) => p.v > 0);
    if (points.length > 1) marks.push(`<path class="floor-fit" d="M${points.map((p) => `${r2(x(p.n))},${r2(y(p.v))}`).join('L')}" fill="none" stroke="${FLOOR_COLOUR}" stroke-width="1.5"/>`);
    if (curve.A.estimate > 0) marks.push(`<line class="floor" x1="${r2(x(n0))}" x2="${r2(x(n1))}" y1="${r2(y(curve.A.estimate))}" y2="${r2(y(curve.A.estimate))}" stroke="${FLOOR_COLOUR}" stroke-width="1" stroke-dasharray="2,3"/>`);
  }
  // lines through the centre may leave the plot: clip the marks to the plot area
  const clip = `spin3-clip-${q.key}`;
  const { left, right, top, bottom } = PANEL.margin;
  return `<g transform="translate(${dx},0)"><clipPath id="${clip}"><rect x="${left}" y="${top}" width="${PANEL.width - left - right}" height="${PANEL.height - top - bottom}"/></clipPath>`
    + `${axes(PANEL, x, y, { x: 'n', y: q.label, title: label ? `${q.label}: ${label}` : q.label }, { log: true, values: ns, format: '~g' }, { log: true, ticks: 4, format: '.1e' })}`
    + `<g class="marks" clip-path="url(#${clip})">${marks.join('')}</g></g>`;
}

/**
 * The loss means of the realizations a step check reran, at `Δt/2` and `Δt/4`, and extrapolated to
 * `Δt → 0` per `n` with the check's order (Richardson, as the exponent is); empty without a check.
 */
function stepSeries(input: Spin3FigureInput): { refine: number; colour: string; extrapolated: boolean; label: string; points: { n: number; v: number }[] }[] {
  const check = input.analysis.stepCheck;
  if (!check) return [];
  const ns = [...new Set(input.members.map((m) => m.n))].sort((a, b) => a - b);
  const meanAt = (refine: number): { n: number; v: number }[] => ns.map((n) => {
    const list = input.members.filter((m) => (m.refine ?? 1) === refine && m.n === n && m.realization < check.realizations);
    return { n, v: list.reduce((a, m) => a + m.loss, 0) / list.length };
  });
  const [h2, h4] = [meanAt(2), meanAt(4)];
  const order = check.exponent.order;
  const zero = h4.map((p, k) => ({ n: p.n, v: p.v + (p.v - h2[k]!.v) / (2 ** order - 1) }));
  const ok = (pts: { n: number; v: number }[]): { n: number; v: number }[] => pts.filter((p) => p.v > 0 && Number.isFinite(p.v));
  return [
    { refine: 2, colour: STEP_COLOURS[2], extrapolated: false, label: `mean of the ${check.realizations} checked realizations at Δt = ${check.dt[1]}`, points: ok(h2) },
    { refine: 4, colour: STEP_COLOURS[4], extrapolated: false, label: `… at Δt = ${check.dt[2]}`, points: ok(h4) },
    { refine: 0, colour: EXTRAPOLATED_COLOUR, extrapolated: true, label: `… extrapolated to Δt → 0 (order ${fixed(order)})`, points: ok(zero) },
  ];
}

/** The fourth panel: exact-loss GD's excess over the bias-free floor at its last time, per realization, with its fit. */
function exactPanel(exact: Spin3ExactFigureInput, dx: number): string {
  const last = exact.spec.times.length - 1;
  const stage = exact.analysis.stages[last]!;
  const runs = exact.members.filter((m) => (m.refine ?? 1) === 1).map((m) => ({ n: m.n, v: m.losses[last]! - m.floor, realization: m.realization })).filter((p) => p.v > 0);
  const means = exact.spec.ns.map((n, k) => ({ n, v: stage.excess[k]! })).filter((p) => p.v > 0);
  const all = [...runs, ...means];
  const label = `exact-loss GD, bias-free ReLU: loss − floor at t = ${stage.t}`;
  if (all.length === 0) return `<g transform="translate(${dx},0)"><text x="70" y="150">${esc(label)}: no positive values</text></g>`;
  const ns = [...exact.spec.ns];
  const fit = stage.fit;
  const x = scaleLog().domain([ns[0]! / 1.3, ns[ns.length - 1]! * 1.3]).range([PANEL.margin.left, PANEL.width - PANEL.margin.right]);
  const floor = fit.A.estimate > 0 ? fit.A.estimate : Infinity;
  const y = scaleLog().domain([Math.min(min(all, (p) => p.v)!, floor) / 1.5, max(all, (p) => p.v)! * 1.5]).range([PANEL.height - PANEL.margin.bottom, PANEL.margin.top]);
  const marks = [
    ...runs.map((p) => `<circle cx="${r2(x(p.n))}" cy="${r2(y(p.v))}" r="2.5" fill="${realizationColour(p.realization, exact.spec.realizations)}" fill-opacity="0.6"/>`),
    ...means.map((p) => `<circle cx="${r2(x(p.n))}" cy="${r2(y(p.v))}" r="4.5" fill="#000"/>`),
  ];
  const [n0, n1] = [ns[0]!, ns[ns.length - 1]!];
  const points = Array.from({ length: 41 }, (_, k) => n0 * (n1 / n0) ** (k / 40)).map((n) => ({ n, v: fit.A.estimate + fit.B.estimate * n ** fit.s.estimate })).filter((p) => p.v > 0);
  if (points.length > 1) marks.push(`<path class="floor-fit" d="M${points.map((p) => `${r2(x(p.n))},${r2(y(p.v))}`).join('L')}" fill="none" stroke="${FLOOR_COLOUR}" stroke-width="1.5"/>`);
  if (means.length > 1) {
    // the paper's −1 through the first mean
    const at = (n: number): number => means[0]!.v * (n / means[0]!.n) ** -1;
    marks.push(`<line x1="${r2(x(n0))}" x2="${r2(x(n1))}" y1="${r2(y(at(n0)))}" y2="${r2(y(at(n1)))}" stroke="#555" stroke-width="1.5" stroke-dasharray="6,4"/>`);
  }
  const clip = 'spin3-clip-exact';
  const { left, right, top, bottom } = PANEL.margin;
  return `<g transform="translate(${dx},0)"><clipPath id="${clip}"><rect x="${left}" y="${top}" width="${PANEL.width - left - right}" height="${PANEL.height - top - bottom}"/></clipPath>`
    + `${axes(PANEL, x, y, { x: 'n', y: 'exact loss − bias-free floor', title: `exact GD, t = ${stage.t}: s = ${fixed(fit.s.estimate)} [${fixed(fit.s.lower)}, ${fixed(fit.s.upper)}]` }, { log: true, values: ns, format: '~g' }, { log: true, ticks: 4, format: '.1e' })}`
    + `<g class="marks" clip-path="url(#${clip})">${marks.join('')}</g></g>`;
}

export function spin3Svg(input: Spin3FigureInput, exact: Spin3ExactFigureInput | null = null): string {
  if (exact && exact.spec.d !== input.spec.d) throw new RangeError(`the exact-loss GD result has d = ${exact.spec.d}, the study d = ${input.spec.d}: give one of the same d`);
  const panels = exact ? 4 : 3;
  const frame: Frame = { width: panels * PANEL.width, height: PANEL.height + 64 + 16 * Math.ceil(Math.min(input.spec.realizations, 10) / 5), margin: PANEL.margin };
  const items = [
    ...Array.from({ length: Math.min(input.spec.realizations, 10) }, (_, k) => ({ label: `realization ${k + 1} of a`, colour: realizationColour(k, input.spec.realizations), mark: 'dot' as const })),
    ...(input.spec.realizations > 10 ? [{ label: `… ${input.spec.realizations} realizations in all`, colour: '#888', mark: 'dot' as const }] : []),
    { label: 'mean over runs', colour: '#000', mark: 'dot' as const },
    { label: 'fitted slope (pure power law)', colour: colour(5), mark: 'line' as const },
    { label: 'paper: slope −1', colour: '#555', mark: 'dash' as const },
    ...(input.analysis.floorFit || exact ? [{ label: 'A + B·n^s (its floor A dotted)', colour: FLOOR_COLOUR, mark: 'line' as const }] : []),
    ...(paperPanel(input) ? [{ label: 'paper\'s Fig. 1 loss, as read off', colour: PAPER_COLOUR, mark: 'line' as const }] : []),
    ...stepSeries(input).map((x) => ({ label: x.label, colour: x.colour, mark: x.extrapolated ? 'box' as const : 'ring' as const })),
  ];
  return svgDocument(frame, [
    ...QUANTITIES.map((q, k) => panel(input, q, k * PANEL.width)),
    ...(exact ? [exactPanel(exact, 3 * PANEL.width)] : []),
    `<g transform="translate(0,${PANEL.height})">${legendRow(items, panels)}</g>`,
  ].join(''), `3-spin, d = ${input.spec.d}, ${input.spec.activation}: loss and signed discrepancies against n${exact ? ', and exact-loss GD' : ''}`);
}

/**
 * A self-contained HTML page for a spin3 result: the scale it ran at, the figure, the per-`n` table
 * and the slopes with the verdict. Static SVG, so no script and no network.
 */
export function spin3ReportHtml(input: Spin3ReportInput, exact: Spin3ExactFigureInput | null = null): string {
  const rows = input.analysis.cells.map((c) => `<tr><td>${c.n}</td><td>${c.runs}</td><td>${c.loss.toExponential(3)} ± ${c.lossStandardError.toExponential(1)}${c.lossMonteCarloError === undefined ? '' : ` (test set ${c.lossMonteCarloError.toExponential(1)})`}</td>`
    + `<td>${c.positive.toExponential(3)}${c.positiveSpread === undefined ? '' : ` (spread ${c.positiveSpread.toExponential(1)})`}</td>`
    + `<td>${c.negative.toExponential(3)}${c.negativeSpread === undefined ? '' : ` (spread ${c.negativeSpread.toExponential(1)})`}</td><td>${c.lossBeforeQuench === null ? '—' : c.lossBeforeQuench.toExponential(3)}</td></tr>`).join('');
  const slopes = input.analysis.slopes.map((s) => `<tr><td>${esc(s.quantity)}</td><td>${s.slope ? `${fixed(s.slope.estimate, 3)} [${fixed(s.slope.lower, 3)}, ${fixed(s.slope.upper, 3)}]` : 'no log-log fit (a run\'s value is not positive)'}</td></tr>`).join('');
  const iv = (b: Interval): string => `${b.estimate.toPrecision(3)} [${b.lower.toPrecision(3)}, ${b.upper.toPrecision(3)}]`;
  const verdictLine = (v: VerdictView, id: string): string => {
    const m = v.measurement;
    const measured = m.estimate === null || !Number.isFinite(m.estimate) ? '—' : `${fixed(m.estimate, 3)} [${fixed(m.lower ?? NaN, 3)}, ${fixed(m.upper ?? NaN, 3)}]`;
    return `<p id="${id}">${esc(v.claim)}: ${esc(measured)} against ${esc(v.theory)} ± ${esc(String(v.rule.delta ?? ''))}: <strong>${esc(v.outcome)}</strong>${v.detectable === null || !Number.isFinite(v.detectable) ? '' : ` (detects ±${v.detectable.toPrecision(2)})`}${v.regimeNote ? ` — ${esc(v.regimeNote)}` : ''}</p>`;
  };
  const check = input.analysis.stepCheck;
  const stepCheck = check ? `<h2>The step, checked</h2>
<p id="step-check">The first ${check.realizations} realizations trained again from the same networks and data streams at Δt = ${check.dt.map(esc).join(', ')}: s = ${check.exponent.atSteps.map(iv).join(', ')}; halving Δt moves s by ${iv(check.exponent.halving)}; order ${check.exponent.observed === null ? 'not observed' : fixed(check.exponent.observed)}${check.exponent.orderObserved ? '' : ` (noise: ${fixed(check.exponent.order)} used)`}; extrapolated to Δt → 0: <strong>${iv(check.exponent.extrapolated)}</strong>${check.moved ? '. Δt is not converged: the row at the run\'s Δt is held back.' : '.'}</p>
${check.verdict ? verdictLine(check.verdict, 'step-verdict') : ''}` : '';
  const f = input.analysis.floorFit;
  const floor = f ? `<p id="floor">loss(n) = A + B·n<sup>s</sup> over the realizations of a: A = ${iv(f.A)}, B = ${iv(f.B)}, s = ${iv(f.s)}; χ² = ${f.chi2.toFixed(2)} on ${f.dof} degree(s) of freedom.</p>` : '';
  const stages = input.analysis.floorDecomposition ?? [];
  const decomposition = stages.length === 0 ? '' : `<h2>The floor A, measured</h2>
<p>The same realizations at each stage; the change is paired (same bootstrap resamples). A falls with the training if it is the mean-field loss at the final time, with the quench if it is SGD noise.</p>
<table id="floor-stages"><tr><th>stage</th><th>A</th><th>s</th><th>change of A</th></tr>${stages.map((st) =>
    `<tr><td>${esc(st.stage)}</td><td>${st.fit ? iv(st.fit.A) : '—'}</td><td>${st.fit ? iv(st.fit.s) : '—'}</td><td>${st.change ? iv(st.change) : '—'}</td></tr>`).join('')}</table>`;
  const paper = paperPanel(input);
  const cells = input.analysis.cells;
  const paperLine = paper && cells.length > 0
    ? `<p id="paper-figure">The paper's Fig. 1 (d = ${paper.d}, ${esc(paper.activation)}) shows the loss going from ${paper.loss[0].toExponential(0)} at n = ${paper.n[0]} to ${paper.loss[1].toExponential(0)} at n = ${paper.n[1]} (the grey band, as read off the figure); here it is ${cells[0]!.loss.toExponential(2)} at n = ${cells[0]!.n} and ${cells[cells.length - 1]!.loss.toExponential(2)} at n = ${cells[cells.length - 1]!.n}.</p>`
    : '';
  const discrepancies = (input.analysis.discrepancyFits ?? []).map((d) =>
    `<li>${esc(d.quantity)} = A + B·n<sup>s</sup>: ${d.fit ? `A = ${iv(d.fit.A)}, s = ${iv(d.fit.s)}` : `not fitted — ${esc(d.reason ?? '')}`}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>liouville — 3-spin, d = ${input.spec.d}</title>
<style>body{font-family:sans-serif;max-width:1020px;margin:1em auto;color:#222}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}p.scale{background:#f6f6f6;padding:0.5em}</style></head>
<body><h1>3-spin experiment (the paper's Sec. 5), d = ${input.spec.d}, ${esc(input.spec.activation)}</h1>
<p class="scale">${esc(input.scale)}</p>
<section id="figure">${spin3Svg(input, exact)}</section>
${paperLine}
<h2>Per n (mean over runs)</h2><table><tr><th>n</th><th>runs</th><th>loss ± s.e.</th><th>⟨(f − f_n)Θ(f)⟩</th><th>⟨(f_n − f)Θ(−f)⟩</th><th>loss before quench</th></tr>${rows}</table>
<h2>Slopes in n (95% bootstrap)</h2><table>${slopes}</table>
${floor}
${decomposition}
${discrepancies ? `<ul id="discrepancy-fits">${discrepancies}</ul>` : ''}
${verdictLine(input.analysis.verdict, 'verdict')}
${stepCheck}
<p>Throughput ${input.analysis.throughput.toExponential(3)} unit·point-steps/s per thread. liouville ${esc(input.package?.version ?? '?')} (${esc(input.package?.commit ?? 'no commit')}), ${esc(input.createdAt ?? '')}.</p>
</body></html>
`;
}

/** The legend under the panels, in columns of five items, as wide as the panels at most. */
function legendRow(items: Parameters<typeof legend>[0], panels: number): string {
  const perColumn = 5;
  const columns = Math.ceil(items.length / perColumn);
  const step = Math.min(250, (panels * PANEL.width - 24) / columns);
  return Array.from({ length: columns }, (_, col) =>
    legend(items.slice(col * perColumn, col * perColumn + perColumn), 12 + col * step, 4)).join('');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const [file, out, exactFile] = process.argv.slice(2);
  if (!file || !out) {
    process.stderr.write('usage: tsx notebooks/spin3Figure.ts <compare-spin3.json> <out.svg> [compare-spin3-exact.json]\n');
    process.exit(2);
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as Spin3FigureInput;
  if (data.claim !== 'spin3') {
    process.stderr.write(`spin3 figure: ${file} is not a liouville compare spin3 result (claim ${JSON.stringify(data.claim)})\n`);
    process.exit(2);
  }
  const exact = exactFile ? JSON.parse(readFileSync(exactFile, 'utf8')) as Spin3ExactFigureInput : null;
  if (exact && exact.claim !== 'spin3-exact') {
    process.stderr.write(`spin3 figure: ${exactFile} is not a liouville compare spin3-exact result (claim ${JSON.stringify(exact.claim)})\n`);
    process.exit(2);
  }
  if (exact && exact.spec.d !== data.spec.d) {
    process.stderr.write(`spin3 figure: ${exactFile} has d = ${exact.spec.d}, ${file} d = ${data.spec.d}: give an exact-loss GD result of the same d\n`);
    process.exit(2);
  }
  writeFileAtomic(out, spin3Svg(data, exact) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}

/**
 * View 8: Prop. 3.3, the error against the target at times a_n that grow with n, log-log against n.
 * Per schedule (one colour each): E‖f_n(a_n) − f‖² (solid, dots) and the mean-field flow's own
 * distance ‖f₀(a_n) − f‖² (dashed), part of that error which the particles cannot remove; guides of
 * slope −1 (the fixed-t CLT) and −2 (the rate ξ → 1 the proposition allows) for the eye.
 */
import { max, min } from 'd3-array';
import { scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, esc, fixed, legend, r2, svgDocument, type Frame, type LegendItem } from '../../plot/svg.ts';
import type { AsymptoticLine, AsymptoticSeries, XY } from '../series.ts';
import { missing } from './missing.ts';

/** Wide right margin: the legend (schedule and slope) sits beside the plot. */
export const ASYMPTOTIC_FRAME: Frame = { width: 920, height: 460, margin: { top: 28, right: 340, bottom: 44, left: 62 } };

const GUIDE = '#555';

function drawable(p: XY): boolean {
  return p.x > 0 && p.y > 0 && Number.isFinite(p.y);
}

/** "a_n = 1.00·log n: slope −3.18 [−3.34, −3.01]", or "slope not resolved" when a rung is at the floor. */
export function scheduleLabel(s: AsymptoticLine): string {
  const slope = s.slope;
  return slope && Number.isFinite(slope.estimate)
    ? `${s.label}: slope ${fixed(slope.estimate)} [${fixed(slope.lower)}, ${fixed(slope.upper)}]`
    : `${s.label}: slope not resolved`;
}

/**
 * A guide y = y0·(n/n0)^slope from n0 towards nMax, stopped where it leaves the plot at the bottom
 * (so a steep guide does not run under the axis).
 */
function guideEnd(n0: number, y0: number, slope: number, nMax: number, floor: number): { n: number; y: number } {
  const atMax = y0 * (nMax / n0) ** slope;
  if (atMax >= floor) return { n: nMax, y: atMax };
  return { n: n0 * (floor / y0) ** (1 / slope), y: floor };
}

export function asymptoticSvg(s: AsymptoticSeries, f: Frame = ASYMPTOTIC_FRAME): string {
  const pts = s.schedules.flatMap((q) => [...q.error, ...q.meanField]).filter(drawable);
  const nMin = min(s.ns) ?? 1;
  const nMax = max(s.ns) ?? 10;
  const hi = max(pts, (p) => p.y) ?? 1;
  const lo = min(pts, (p) => p.y) ?? hi / 10;
  const x = scaleLog().domain([nMin / 1.25, nMax * 1.25]).range([f.margin.left, f.width - f.margin.right]);
  const y = scaleLog().domain([lo / 2, hi * 2]).range([f.height - f.margin.bottom, f.margin.top]);
  const floor = y.domain()[0]!;
  const path = line<XY>().defined(drawable).x((p) => x(p.x)).y((p) => y(p.y));

  const marks = s.schedules.map((q, k) => {
    const c = colour(k);
    const dots = q.error.map((p, i) => ({ p, a: q.times[i] })).filter(({ p }) => drawable(p)).map(({ p, a }) =>
      `<circle cx="${r2(x(p.x))}" cy="${r2(y(p.y))}" r="3" fill="${c}"><title>${esc(q.label)}, n = ${p.x}${a === undefined ? '' : `, a_n = ${a}`}: E‖f_n(a_n) − f‖² = ${p.y.toPrecision(3)}</title></circle>`);
    return `<g class="schedule"><path class="error" d="${path(q.error) ?? ''}" fill="none" stroke="${c}" stroke-width="2"/>`
      + `<path class="mean-field" d="${path(q.meanField) ?? ''}" fill="none" stroke="${c}" stroke-width="1.5" stroke-dasharray="6,4"/>${dots.join('')}</g>`;
  });

  // both guides from one point above the largest error at the smallest n, so their fan reads as a slope scale
  const start = max(s.schedules.flatMap((q) => q.error.filter((p) => drawable(p) && p.x === nMin)), (p) => p.y);
  const guides = start === undefined ? [] : [-1, -2].map((slope) => {
    const y0 = Math.min(start * 1.5, y.domain()[1]!);
    const end = guideEnd(nMin, y0, slope, nMax, floor);
    return `<line class="guide" x1="${r2(x(nMin))}" y1="${r2(y(y0))}" x2="${r2(x(end.n))}" y2="${r2(y(end.y))}" stroke="${GUIDE}" stroke-dasharray="${slope === -1 ? '2,3' : '8,3,2,3'}"/>`
      + `<text x="${r2(x(end.n) + 4)}" y="${r2(y(end.y))}" dy="0.32em" fill="${GUIDE}">${slope === -1 ? 'n⁻¹' : 'n⁻²'}</text>`;
  });

  const items: LegendItem[] = [
    ...s.schedules.map((q, k): LegendItem => ({ label: scheduleLabel(q), colour: colour(k), mark: 'line' })),
    { label: 'solid: E‖f_n(a_n) − f‖² (mean over seeds)', colour: GUIDE, mark: 'line' },
    { label: 'dashed: ‖f₀(a_n) − f‖² (mean-field flow)', colour: GUIDE, mark: 'dash' },
  ];
  if (guides.length > 0) items.push({ label: 'guides: slopes −1 (n⁻¹) and −2 (n⁻²)', colour: GUIDE, mark: 'dash' });

  return svgDocument(f, [
    axes(f, x, y, { x: 'n (particles)', y: 'squared distance to f', title: 'Prop. 3.3: E‖f_n(a_n) − f‖² at times a_n growing with n' },
      { log: true, values: [...s.ns], format: '~g' }, { log: true, ticks: 6, format: '.0e' }),
    `<g class="guides">${guides.join('')}</g>`,
    `<g class="schedules">${marks.join('')}</g>`,
    legend(items, f.width - f.margin.right + 12, f.margin.top),
  ].join(''), 'error against the target at times growing with n, log-log');
}

/** The numbers behind the schedules, for a note under the plot (escaped HTML). */
export function asymptoticNote(s: AsymptoticSeries): string {
  return `<p class="note">λ = ${esc(fixed(s.lambda, 3))}, the late decay rate of the prefactor P(t) ∝ e^(−2λt). On a_n = κ·log n the fluctuation P(a_n)/n falls like n^(−1−2λκ):`
    + ` it has healed (slope −2 or below) once κ > 1/(2λ) = ${esc(fixed(s.healingScale, 3))}. Prop. 3.3 assumes a_n / log n → ∞ and predicts E‖f_n(a_n) − f‖² = o(n^(−2ξ)) for every ξ &lt; 1;`
    + ' against f the error includes the mean-field distance ‖f₀(a_n) − f‖² (dashed, same colour), which must itself fall faster than n⁻² along a_n for that rate to show.</p>';
}

/** The view's content on the page: plot and note, or why there is none. */
export function asymptoticHtml(s: AsymptoticSeries | null): string {
  return s ? asymptoticSvg(s) + asymptoticNote(s)
    : missing('This result has no study of times growing with n (analysis.asymptotic): run <code>liouville compare asymptotic</code> to get one.');
}

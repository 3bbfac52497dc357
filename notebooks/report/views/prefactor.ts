/**
 * View 7: the CLT prefactor n·E‖f_n − f₀‖² against t (log scale): the prediction of the linearised
 * flow (line with squares), its finer-quadrature check (rings), the linear-regime closed form
 * (dashed), the measurement per n (small light dots, n ascending left to right, ±2 s.e.) and
 * pooled over the upper half of the ladder (black dot, 95% interval; ✗ where the prediction is outside).
 */
import { max, min } from 'd3-array';
import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, legend, r2, svgDocument, type Frame, type LegendItem } from '../../plot/svg.ts';
import type { PrefactorSeries, PrefactorValue } from '../series.ts';

/** Wide right margin: the legend sits beside the plot, where it cannot hide a point. */
export const PREFACTOR_FRAME: Frame = { width: 900, height: 420, margin: { top: 28, right: 280, bottom: 44, left: 62 } };

const PREDICTED = colour(5);
const PER_N = colour(0);
const POOLED = colour(7);
const LINEAR = '#555';

/** Smallest range shown, as a fraction of the largest value: a curve decaying to ~0 must not squash the rest. */
const DYNAMIC_RANGE = 1e-6;

/** Every value the view draws, for the y-domain. */
function drawnValues(s: PrefactorSeries): number[] {
  return [
    ...s.predicted.map((p) => p.value), ...(s.check ?? []).map((p) => p.value), ...(s.linearRegime ?? []).map((p) => p.value),
    ...s.perN.flatMap((r) => r.points.flatMap((p) => [p.value, p.upper])),
    ...s.pooled.flatMap((p) => [p.measured, p.lower, p.upper]),
  ].filter((v) => v > 0 && Number.isFinite(v));
}

/** One row per mark drawn. */
function legendItems(s: PrefactorSeries): LegendItem[] {
  const ns = s.perN.map((r) => r.n);
  const items: LegendItem[] = [{ label: 'predicted (linearised flow)', colour: PREDICTED, mark: 'line' }];
  if (s.check) items.push({ label: 'predicted, check quadrature', colour: PREDICTED, mark: 'ring' });
  if (s.linearRegime) items.push({ label: 'linear regime Σσ²|ψ̂_m|²e^(−2λ_m t)', colour: LINEAR, mark: 'dash' });
  if (s.pooled.length > 0) items.push({ label: `measured, n ≥ ${s.pooledNs[0] ?? '?'} pooled (95%)`, colour: POOLED, mark: 'dot' });
  if (ns.length > 0) items.push({ label: `n = ${ns[0]}…${ns[ns.length - 1]}, left to right (±2 s.e.)`, colour: PER_N, mark: 'dot' });
  if (s.pooled.some((p) => !p.agrees)) items.push({ label: '✗ prediction outside the 95% interval', colour: 'none', mark: 'dot' });
  return items;
}

export function prefactorSvg(s: PrefactorSeries, f: Frame = PREFACTOR_FRAME): string {
  const times = s.times;
  const pos = scalePoint<number>().domain(times).range([f.margin.left, f.width - f.margin.right]).padding(0.5);
  // a linear scale over the time index (as in view 6): the recorded times are far from evenly spaced
  const x = scaleLinear().domain([0, Math.max(1, times.length - 1)]).range([pos(times[0]!) ?? f.margin.left, pos(times[times.length - 1]!) ?? f.width - f.margin.right]);
  const at = (t: number): number => x(times.indexOf(t));
  const step = times.length > 1 ? x(1) - x(0) : (f.width - f.margin.left - f.margin.right) / 2;
  const values = drawnValues(s);
  const hi = max(values) ?? 1;
  const lo = Math.max(min(values) ?? hi / 10, hi * DYNAMIC_RANGE);
  // not .nice(): rounding out to whole decades would leave most of a one-decade plot empty
  const y = scaleLog().domain([lo / 1.3, hi * 1.3]).range([f.height - f.margin.bottom, f.margin.top]);
  const floor = y.domain()[0]!;
  const shown = (p: PrefactorValue): boolean => p.value >= floor && Number.isFinite(p.value);
  const path = line<PrefactorValue>().defined(shown).x((p) => at(p.t)).y((p) => y(p.value));

  const predicted = `<g class="predicted"><path d="${path(s.predicted) ?? ''}" fill="none" stroke="${PREDICTED}" stroke-width="2"/>`
    + s.predicted.filter(shown).map((p) => `<rect x="${r2(at(p.t) - 3.5)}" y="${r2(y(p.value) - 3.5)}" width="7" height="7" fill="${PREDICTED}"><title>predicted at t = ${p.t}: ${p.value.toPrecision(4)}</title></rect>`).join('')
    + (s.check ?? []).filter(shown).map((p) => `<circle class="check" cx="${r2(at(p.t))}" cy="${r2(y(p.value))}" r="6" fill="none" stroke="${PREDICTED}" stroke-width="1.5"><title>check quadrature at t = ${p.t}: ${p.value.toPrecision(4)}</title></circle>`).join('')
    + '</g>';
  const linear = s.linearRegime ? `<path class="linear-regime" d="${path(s.linearRegime) ?? ''}" fill="none" stroke="${LINEAR}" stroke-width="1.5" stroke-dasharray="6,4"/>` : '';

  // per n: left of the time's position, n ascending towards it, so the ladder reads left to right
  const count = s.perN.length;
  const offset = (j: number): number => -step * (0.4 - (0.26 * j) / Math.max(1, count - 1));
  const perN = s.perN.map((r, j) => r.points.filter((p) => p.value >= floor).map((p) => {
    const px = r2(at(p.t) + offset(j));
    return `<line x1="${px}" x2="${px}" y1="${r2(y(Math.max(p.lower, floor)))}" y2="${r2(y(p.upper))}" stroke="${PER_N}" stroke-opacity="0.4"/>`
      + `<circle cx="${px}" cy="${r2(y(p.value))}" r="2.2" fill="${PER_N}" fill-opacity="0.55"><title>n = ${r.n}, t = ${p.t}: ${p.value.toPrecision(3)} ± ${(p.upper - p.value).toPrecision(2)} (2 s.e.)</title></circle>`;
  }).join(''));

  // pooled: just right of the prediction's marker, so the two are read side by side
  const shift = Math.min(10, 0.1 * step);
  const pooled = s.pooled.filter((p) => p.measured >= floor).map((p) => {
    const px = at(p.t) + shift;
    const mark = p.agrees ? '' : `<text x="${r2(px + 6)}" y="${r2(y(p.upper) - 3)}" font-weight="bold">✗</text>`;
    return `<line x1="${r2(px)}" x2="${r2(px)}" y1="${r2(y(Math.max(p.lower, floor)))}" y2="${r2(y(p.upper))}" stroke="${POOLED}" stroke-width="1.5"/>`
      + `<circle cx="${r2(px)}" cy="${r2(y(p.measured))}" r="4" fill="${POOLED}"><title>measured at t = ${p.t}: ${p.measured.toPrecision(3)} [${p.lower.toPrecision(3)}, ${p.upper.toPrecision(3)}]${p.agrees ? '' : ', prediction outside'}</title></circle>${mark}`;
  });

  return svgDocument(f, [
    axes(f, x, y, { x: 't', y: 'n·E‖f_n − f₀‖²', title: 'CLT prefactor: n·E‖f_n − f₀‖², measured and predicted from the linearised flow' },
      { values: times.map((_, i) => i), format: (i) => String(times[Math.round(i)] ?? '') }, { log: true, ticks: 5 }),
    linear,
    `<g class="per-n">${perN.join('')}</g>`,
    predicted,
    `<g class="pooled">${pooled.join('')}</g>`,
    legend(legendItems(s), f.width - f.margin.right + 12, f.margin.top),
  ].join(''), 'CLT prefactor n·E‖f_n − f₀‖² against time, measured and predicted');
}

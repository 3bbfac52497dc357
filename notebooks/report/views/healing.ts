/**
 * View 6: healing as Prop. 3.2 states it, f½(t) → 0: the CLT prefactor P(t) ≈ n·E‖f_n − f₀‖² against
 * t on a log axis, total and per Fourier mode. Dots: measured, pooled over the upper half of the
 * ladder (open where the study is at its resolution floor); lines: predicted from the linearised
 * flow; bars on the total: P of the fit P/n + Q/n² over the whole ladder (95% bootstrap).
 */
import { max, min } from 'd3-array';
import { scaleLinear, scaleLog, scaleSymlog, type ScaleContinuousNumeric } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, legend, r2, svgDocument, type AxisOptions, type Frame, type LegendItem } from '../../plot/svg.ts';
import type { HealingLine, HealingSeries } from '../series.ts';

/** Wide right margin: the legend sits beside the plot, where it cannot hide a point. */
export const HEALING_FRAME: Frame = { width: 780, height: 420, margin: { top: 28, right: 220, bottom: 44, left: 62 } };

const TOTAL = colour(7);
const GUIDE = '#555';

/** The total in black, mode m in the m-th palette colour. */
function lineColour(l: HealingLine): string {
  return l.mode === null ? TOTAL : colour(l.mode);
}

/** Only positive, finite values can sit on a log axis. */
function drawable(v: number): boolean {
  return v > 0 && Number.isFinite(v);
}

/** Every value drawn, for the y-domain. */
function drawnValues(s: HealingSeries): number[] {
  return [
    ...s.lines.flatMap((l) => [...l.measured.map((p) => p.value), ...(l.predicted ?? []).map((p) => p.value)]),
    ...s.fitP.flatMap((p) => [p.estimate, p.lower, p.upper]),
  ].filter(drawable);
}

/**
 * A symlog time axis when the times run far past 1 (0, 1, 10, 50 would crowd on a linear one), with
 * ticks at the recorded times while they are few; a linear axis otherwise.
 */
function timeAxis(times: readonly number[], range: [number, number]): { scale: ScaleContinuousNumeric<number, number>; ticks: AxisOptions } {
  const tMax = max(times) ?? 1;
  if (tMax > 20) {
    const values = times.length <= 8 ? [...times] : [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((t) => t <= tMax);
    return { scale: scaleSymlog().constant(1).domain([0, tMax]).range(range), ticks: { values, format: '~g' } };
  }
  return { scale: scaleLinear().domain([0, Math.max(tMax, 1e-9)]).range(range), ticks: {} };
}

function legendItems(s: HealingSeries): LegendItem[] {
  const items: LegendItem[] = s.lines.map((l) => ({ label: l.label, colour: lineColour(l), mark: 'dot' }));
  items.push({ label: `dots: measured, n ≥ ${s.pooledNs[0] ?? '?'} pooled`, colour: GUIDE, mark: 'dot' });
  if (s.lines.some((l) => (l.predicted ?? []).some((p) => drawable(p.value)))) items.push({ label: 'lines: predicted (linearised flow)', colour: GUIDE, mark: 'line' });
  if (s.fitP.length > 0) items.push({ label: 'P of P/n + Q/n² fit, 95%', colour: TOTAL, mark: 'bar' });
  if (s.lines.some((l) => l.measured.some((p) => !p.resolvable))) items.push({ label: 'open: at the resolution floor', colour: GUIDE, mark: 'ring' });
  return items;
}

/** Lines with something to draw: a mode whose prefactor is 0 throughout (a symmetry) gets no legend row either. */
function visibleLines(s: HealingSeries): HealingSeries {
  const any = (ps: readonly { value: number }[] | undefined): boolean => (ps ?? []).some((p) => drawable(p.value));
  return { ...s, lines: s.lines.filter((l) => any(l.measured) || any(l.predicted)) };
}

export function healingSvg(series: HealingSeries, f: Frame = HEALING_FRAME): string {
  const s = visibleLines(series);
  const values = drawnValues(s);
  const hi = max(values) ?? 1;
  const lo = min(values) ?? hi / 10;
  // not .nice(): rounding out to whole decades would leave much of a few-decade plot empty
  const y = scaleLog().domain([lo / 1.5, hi * 1.5]).range([f.height - f.margin.bottom, f.margin.top]);
  // inset from the frame: the first and last dots (and the fit's bars beside them) stay inside it
  const time = timeAxis(s.times, [f.margin.left + 8, f.width - f.margin.right - 12]);
  const x = (t: number): number => time.scale(t);
  const floor = y.domain()[0]!;
  const path = line<{ t: number; value: number }>().defined((p) => drawable(p.value)).x((p) => x(p.t)).y((p) => y(p.value));

  const predicted = s.lines.filter((l) => (l.predicted ?? []).some((p) => drawable(p.value))).map((l) =>
    `<path d="${path(l.predicted!) ?? ''}" fill="none" stroke="${lineColour(l)}" stroke-width="${l.mode === null ? 2.5 : 1.5}"/>`);

  const measured = s.lines.map((l) => {
    const c = lineColour(l);
    const ok = l.measured.filter((p) => drawable(p.value));
    if (ok.length === 0) return '';
    const joint = `<path d="${path(ok) ?? ''}" fill="none" stroke="${c}" stroke-opacity="0.6" stroke-dasharray="2,3"/>`;
    const dots = ok.map((p) => `<circle cx="${r2(x(p.t))}" cy="${r2(y(p.value))}" r="${l.mode === null ? 4 : 3}" fill="${p.resolvable ? c : 'white'}" stroke="${c}" stroke-width="1.2">`
      + `<title>${l.label}, t = ${p.t}: ${p.value.toPrecision(3)} (n ≥ ${s.pooledNs[0] ?? '?'} pooled)${p.resolvable ? '' : ', at the resolution floor'}</title></circle>`);
    return joint + dots.join('');
  });

  // just right of the total's dot, so the pooled value and the fitted P are read side by side
  const fit = s.fitP.filter((p) => drawable(p.upper)).map((p) => {
    const px = x(p.t) + 7;
    const top = r2(y(p.upper));
    const bottom = r2(y(Math.max(p.lower, floor)));
    const mid = drawable(p.estimate) ? `M${r2(px - 3)},${r2(y(p.estimate))}h6` : '';
    return `<path d="M${r2(px - 2.5)},${top}h5M${r2(px)},${top}V${bottom}M${r2(px - 2.5)},${bottom}h5${mid}" fill="none" stroke="${TOTAL}" stroke-width="1.3">`
      + `<title>P of P/n + Q/n² at t = ${p.t}: ${p.estimate.toPrecision(3)} [${p.lower.toPrecision(3)}, ${p.upper.toPrecision(3)}]</title></path>`;
  });

  return svgDocument(f, [
    axes(f, time.scale, y, { x: 't', y: 'P(t) ≈ n·E‖f_n − f₀‖² (per mode)', title: 'Healing, f½(t) → 0: the CLT prefactor per Fourier mode against time' },
      // exponents once the decades run far down: 0.000001 would run into the axis label
      time.ticks, { log: true, ticks: 6, format: lo < 1e-4 ? '.0e' : '~g' }),
    `<g class="predicted">${predicted.join('')}</g>`,
    `<g class="measured">${measured.join('')}</g>`,
    `<g class="fit-p">${fit.join('')}</g>`,
    legend(legendItems(s), f.width - f.margin.right + 12, f.margin.top),
  ].join(''), 'CLT prefactor per Fourier mode against time, log scale');
}

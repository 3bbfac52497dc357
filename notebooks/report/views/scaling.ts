/** View 5: E‖f_n − f₀‖² against n (log-log) at each time, fitted lines, and the theory slope −1. */
import { max, min } from 'd3-array';
import { scaleLog } from 'd3-scale';
import { axes, colour, DEFAULT_FRAME, fixed, legend, r2, svgDocument, type Frame, type LegendItem } from '../../plot/svg.ts';
import type { ScalingSeries } from '../series.ts';

export const SCALING_FRAME: Frame = { width: 640, height: 420, margin: DEFAULT_FRAME.margin };

/** More times than this (a schedule study records ~20) would cycle the palette and bury the plot under its legend. */
export const MAX_SCALING_TIMES = 8;

/**
 * At most `most` of the series, evenly spread over the times, the first and last always among them.
 * @example thinTimes([a, b, c, d, e], 3) // returns [a, c, e]
 */
export function thinTimes<T>(series: readonly T[], most: number): T[] {
  if (series.length <= most) return [...series];
  const picks = new Set(Array.from({ length: most }, (_, k) => Math.round((k * (series.length - 1)) / (most - 1))));
  return [...picks].map((i) => series[i]!);
}

export function scalingSvg(allSeries: readonly ScalingSeries[], f: Frame = SCALING_FRAME): string {
  const series = thinTimes(allSeries, MAX_SCALING_TIMES);
  const shown = series.length < allSeries.length ? `; ${series.length} of ${allSeries.length} times` : '';
  const pts = series.flatMap((s) => s.points).filter((p) => p.mse > 0);
  const nMin = min(pts, (p) => p.n) ?? 1;
  const nMax = max(pts, (p) => p.n) ?? 10;
  const x = scaleLog().domain([nMin / 1.3, nMax * 1.3]).range([f.margin.left, f.width - f.margin.right]);
  const y = scaleLog().domain([(min(pts, (p) => p.mse) ?? 1e-6) / 2, (max(pts, (p) => p.mse + 2 * p.se) ?? 1) * 1.5]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const marks: string[] = [];
  const items: LegendItem[] = [];
  series.forEach((s, k) => {
    const c = colour(k);
    for (const p of s.points) {
      if (!(p.mse > 0)) continue;
      const lo = Math.max(p.mse - 2 * p.se, y.domain()[0]!);
      marks.push(`<line x1="${r2(x(p.n))}" x2="${r2(x(p.n))}" y1="${r2(y(lo))}" y2="${r2(y(p.mse + 2 * p.se))}" stroke="${c}"/>`);
      marks.push(`<circle cx="${r2(x(p.n))}" cy="${r2(y(p.mse))}" r="3" fill="${c}"/>`);
    }
    if (s.fit && Number.isFinite(s.fit.intercept)) {
      const at = (n: number): number => Math.exp(s.fit!.intercept + s.fit!.slope * Math.log(n));
      marks.push(`<line class="fit" x1="${r2(x(nMin))}" x2="${r2(x(nMax))}" y1="${r2(y(at(nMin)))}" y2="${r2(y(at(nMax)))}" stroke="${c}" stroke-width="1.5"/>`);
      items.push({ label: `t = ${s.t}: slope ${fixed(s.fit.slope)} [${fixed(s.fit.lower)}, ${fixed(s.fit.upper)}]`, colour: c, mark: 'line' });
    } else items.push({ label: `t = ${s.t}`, colour: c, mark: 'dot' });
  });
  // theory guide: slope −1 through the first series' geometric centre
  const first = series[0]?.points.filter((p) => p.mse > 0) ?? [];
  if (first.length > 0) {
    const ln = first.reduce((a, p) => a + Math.log(p.n), 0) / first.length;
    const lm = first.reduce((a, p) => a + Math.log(p.mse), 0) / first.length;
    const at = (n: number): number => Math.exp(lm - (Math.log(n) - ln)) * 1.6;
    marks.push(`<line class="guide" x1="${r2(x(nMin))}" x2="${r2(x(nMax))}" y1="${r2(y(at(nMin)))}" y2="${r2(y(at(nMax)))}" stroke="#555" stroke-dasharray="6,4"/>`);
    items.push({ label: 'theory: slope −1 (n⁻¹)', colour: '#555', mark: 'dash' });
  }
  const level = series.find((s) => s.fit)?.fit?.level ?? 0.95;
  return svgDocument(f, [
    axes(f, x, y, { x: 'n (particles)', y: 'E‖f_n − f₀‖²', title: `E‖f_n − f₀‖² against n (±2 s.e.; slopes with ${Math.round(level * 100)}% intervals${shown})` },
      { log: true, values: [...new Set(pts.map((p) => p.n))], format: '~g' }, { log: true, ticks: 5, format: '.0e' }),
    `<g class="marks">${marks.join('')}</g>`,
    legend(items, f.width - f.margin.right - 250, f.margin.top + 6),
  ].join(''), 'mean squared error against n, log-log');
}

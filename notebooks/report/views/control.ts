/** View 9: each member's squared error against its linear response, per time (log-log, with the diagonal). */
import { max, min } from 'd3-array';
import { scaleLog } from 'd3-scale';
import { axes, colour, DEFAULT_FRAME, legend, r2, svgDocument } from '../../plot/svg.ts';
import type { ControlSeries } from '../series.ts';

export function controlSvg(s: ControlSeries): string {
  const f = { ...DEFAULT_FRAME, width: 760 };
  const pts = s.times.flatMap((t) => t.points);
  const lo = Math.min(min(pts, (p) => p.x) ?? 1e-3, min(pts, (p) => p.y) ?? 1e-3);
  const hi = Math.max(max(pts, (p) => p.x) ?? 1, max(pts, (p) => p.y) ?? 1);
  const x = scaleLog().domain([lo, hi]).range([f.margin.left, f.width - f.margin.right - 200]).nice();
  const y = scaleLog().domain([lo, hi]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const [d0, d1] = x.domain() as [number, number];
  const diagonal = `<line class="diagonal" x1="${r2(x(d0))}" y1="${r2(y(d0))}" x2="${r2(x(d1))}" y2="${r2(y(d1))}" stroke="#999" stroke-dasharray="4,3"/>`;
  const marks = s.times.map((t, k) => t.points.map((p) =>
    `<circle cx="${r2(x(p.x))}" cy="${r2(y(p.y))}" r="2.2" fill="${colour(k)}" fill-opacity="0.7"><title>t = ${t.t}: x = ${p.y.toPrecision(4)}, y = ${p.x.toPrecision(4)}</title></circle>`).join('')).join('');
  const reduction = (v: number): string => (v > 1e12 ? '> 1e12' : v.toPrecision(3));
  return svgDocument(f, [
    axes(f, x, y, { x: `n‖δ_lin‖² (the linear response), n = ${s.n}`, y: 'n‖f_n − f₀‖²', title: 'The control variate: each member against its linear response, at the largest n' },
      { log: true, ticks: 5 }, { log: true, ticks: 5 }),
    diagonal,
    `<g class="members">${marks}</g>`,
    legend(s.times.map((t, k) => ({ label: `t = ${t.t}: variance ÷ ${reduction(t.reduction)}`, colour: colour(k), mark: 'dot' as const })), f.width - f.margin.right - 190, f.margin.top + 6),
  ].join(''), 'squared error against linear response per member');
}

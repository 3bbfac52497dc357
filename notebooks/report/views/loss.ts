/** View 4: the loss against t, the reference's and the mean member loss per n (log scale). */
import { max, min } from 'd3-array';
import { scaleLinear, scaleLog, scaleSymlog } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, DEFAULT_FRAME, legend, r2, svgDocument } from '../../plot/svg.ts';
import type { LossSeries, XY } from '../series.ts';

export function lossSvg(series: readonly LossSeries[]): string {
  const f = DEFAULT_FRAME;
  const pts = series.flatMap((s) => s.points);
  const tMax = max(pts, (p) => p.x) ?? 1;
  const positive = pts.filter((p) => p.y > 0);
  const x = (tMax > 20 ? scaleSymlog().constant(1) : scaleLinear()).domain([0, tMax]).range([f.margin.left, f.width - f.margin.right]);
  const y = scaleLog().domain([min(positive, (p) => p.y) ?? 1e-3, max(positive, (p) => p.y) ?? 1]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const path = line<XY>().x((p) => x(p.x)).y((p) => y(p.y));
  const marks = series.map((s, k) => {
    const c = k === 0 ? colour(7) : colour(k - 1);
    const ok = s.points.filter((p) => p.y > 0);
    const dots = ok.map((p) => `<circle cx="${r2(x(p.x))}" cy="${r2(y(p.y))}" r="2.5" fill="${c}"/>`).join('');
    return `<path d="${path(ok) ?? ''}" fill="none" stroke="${c}" stroke-width="${k === 0 ? 2.5 : 1.5}"${k === 0 ? ' stroke-dasharray="6,4"' : ''}/>${dots}`;
  });
  const xTicks = tMax > 20 ? { values: [...new Set(pts.map((p) => p.x))].sort((a, b) => a - b), format: '~g' } : {};
  return svgDocument(f, [
    axes(f, x, y, { x: 't', y: 'loss E(t)', title: 'Loss against time: ρ₀ and the mean over seeds per n' }, xTicks, { log: true, ticks: 5 }),
    `<g class="series">${marks.join('')}</g>`,
    legend(series.map((s, k) => ({ label: s.label, colour: k === 0 ? colour(7) : colour(k - 1), mark: k === 0 ? 'dash' as const : 'line' as const })), f.width - f.margin.right - 130, f.margin.top + 6),
  ].join(''), 'loss against time');
}

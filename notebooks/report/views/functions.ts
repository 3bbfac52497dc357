/** View 3: f (target), f₀(t) (reference) and f_n(t) (one member) on [0, 2π]. */
import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, DEFAULT_FRAME, legend, svgDocument } from '../../plot/svg.ts';
import type { FunctionCurves, XY } from '../series.ts';
import { PI_TICKS } from './piAxis.ts';

export function functionsSvg(c: FunctionCurves): string {
  const f = DEFAULT_FRAME;
  const all = [...c.target, ...c.reference, ...(c.member?.points ?? [])];
  const [lo, hi] = extent(all, (p) => p.y) as [number, number];
  const pad = 0.08 * (hi - lo || 1);
  const x = scaleLinear().domain([0, 2 * Math.PI]).range([f.margin.left, f.width - f.margin.right]);
  const y = scaleLinear().domain([lo - pad, hi + pad]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const path = line<XY>().x((p) => x(p.x)).y((p) => y(p.y));
  const series = [
    { label: 'f (target)', colour: colour(7), points: c.target, dash: true },
    { label: `f₀(t) (reference)`, colour: colour(0), points: c.reference, dash: false },
    ...(c.member ? [{ label: `f_n(t), n = ${c.member.n}, seed ${c.member.r}`, colour: colour(1), points: c.member.points, dash: false }] : []),
  ];
  const paths = series.map((s) => `<path d="${path(s.points) ?? ''}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ' stroke-dasharray="6,4"' : ''}/>`);
  return svgDocument(f, [
    axes(f, x, y, { x: 'x', y: 'f(x)', title: `f, f₀ and f_n at t = ${c.t}` }, PI_TICKS, {}),
    `<g class="curves">${paths.join('')}</g>`,
    legend(series.map((s) => ({ label: s.label, colour: s.colour, mark: s.dash ? 'dash' as const : 'line' as const })), f.width - f.margin.right - 220, f.margin.top + 6),
  ].join(''), `f, f_0 and f_n at t = ${c.t}`);
}

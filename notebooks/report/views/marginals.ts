/** View 2: ρ₀'s y- and c-marginals (lines) over the sample's histograms, side by side. */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { axes, colour, legend, r2, svgDocument, type Frame, type LegendItem } from '../../plot/svg.ts';
import type { MarginalSeries, XY } from '../series.ts';
import { PI_TICKS } from './piAxis.ts';

const PANEL: Frame = { width: 400, height: 300, margin: { top: 28, right: 12, bottom: 44, left: 56 } };

function panel(offset: number, curve: XY[], hist: { x0: number; x1: number; density: number }[] | undefined, domain: [number, number], label: string, title: string, piTicks: boolean, n?: number): string {
  const f = PANEL;
  const x = scaleLinear().domain(domain).range([offset + f.margin.left, offset + f.width - f.margin.right]);
  const top = Math.max(max(curve, (p) => p.y) ?? 0, max(hist ?? [], (b) => b.density) ?? 0) * 1.1 || 1;
  const y = scaleLinear().domain([0, top]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const shifted: Frame = { ...f, width: offset + f.width, margin: { ...f.margin, left: offset + f.margin.left } };
  const bars = (hist ?? []).filter((b) => b.x1 > domain[0] && b.x0 < domain[1] && b.density > 0)
    .map((b) => `<rect x="${r2(x(Math.max(b.x0, domain[0])))}" y="${r2(y(b.density))}" width="${r2(x(Math.min(b.x1, domain[1])) - x(Math.max(b.x0, domain[0])))}" height="${r2(y(0) - y(b.density))}" fill="${colour(1)}" fill-opacity="0.45" stroke="${colour(1)}" stroke-width="0.5"/>`);
  const path = line<XY>().x((p) => x(p.x)).y((p) => y(p.y))(curve.filter((p) => p.x >= domain[0] && p.x <= domain[1])) ?? '';
  const items: LegendItem[] = [{ label: 'ρ₀ marginal', colour: colour(0), mark: 'line' }];
  if (hist) items.push({ label: `histogram of ρ_n, n = ${n ?? '?'}`, colour: colour(1), mark: 'box' });
  return [
    axes(shifted, x, y, { x: label, y: `density in ${label}`, title }, piTicks ? PI_TICKS : {}, {}),
    `<g class="bars">${bars.join('')}</g>`,
    `<path d="${path}" fill="none" stroke="${colour(0)}" stroke-width="2"/>`,
    legend(items, offset + f.width - f.margin.right - 170, f.margin.top + 6),
  ].join('');
}

/** `cRange`: half-width of the c-axis shown (defaults to where the c-marginal is above 1e-3 of its peak). */
export function marginalsSvg(s: MarginalSeries, n?: number): string {
  const cPeak = max(s.c, (p) => p.y) ?? 0;
  let half = 0;
  for (const p of s.c) if (p.y > 1e-3 * cPeak) half = Math.max(half, Math.abs(p.x));
  half = Math.min(s.L, Math.ceil(half * 1.1) || s.L);
  const content = panel(0, s.y, s.yHist, [0, 2 * Math.PI], 'y', `y-marginal at t = ${s.t}`, true, n)
    + panel(PANEL.width, s.c, s.cHist, [-half, half], 'c', `c-marginal at t = ${s.t}`, false, n);
  return svgDocument({ ...PANEL, width: 2 * PANEL.width }, content, `marginals at t = ${s.t}`);
}

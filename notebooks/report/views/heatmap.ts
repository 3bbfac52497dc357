/** View 1: ρ₀(t) on (y, c) as a viridis heatmap, with the sample's particles as dots. */
import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { axes, esc, legend, r2, svgDocument, type Frame } from '../../plot/svg.ts';
import type { HeatmapData } from '../series.ts';
import { PI_TICKS } from './piAxis.ts';

const FRAME: Frame = { width: 600, height: 380, margin: { top: 28, right: 96, bottom: 44, left: 56 } };

/** Half-width of the c-range shown: the cells holding ρ₀ above 1e-3 of its maximum, and the particles. */
export function visibleHalfWidth(d: HeatmapData): number {
  const dc = (2 * d.L) / d.nc;
  let half = 0;
  for (let j = 0; j < d.nc; j++) {
    const c = Math.abs(-d.L + (j + 0.5) * dc) + dc / 2;
    for (let i = 0; i < d.ny; i++) if (d.rho[j * d.ny + i]! > 1e-3 * d.rhoMax && c > half) half = c;
  }
  for (const p of d.particles) half = Math.max(half, Math.abs(p.y));
  return Math.min(d.L, Math.max(half * 1.05, dc));
}

export function heatmapSvg(d: HeatmapData): string {
  const f = FRAME;
  const half = visibleHalfWidth(d);
  const x = scaleLinear().domain([0, 2 * Math.PI]).range([f.margin.left, f.width - f.margin.right]);
  const y = scaleLinear().domain([-half, half]).range([f.height - f.margin.bottom, f.margin.top]);
  const colour = scaleSequential(interpolateViridis).domain([0, d.rhoMax || 1]);
  const dy = (2 * Math.PI) / d.ny;
  const dc = (2 * d.L) / d.nc;
  const w = x(dy) - x(0);
  const h = y(0) - y(dc);
  const cells: string[] = [`<rect x="${f.margin.left}" y="${f.margin.top}" width="${f.width - f.margin.left - f.margin.right}" height="${f.height - f.margin.top - f.margin.bottom}" fill="${colour(0)}"/>`];
  for (let j = 0; j < d.nc; j++) {
    const c0 = -d.L + j * dc;
    if (c0 + dc < -half || c0 > half) continue;
    for (let i = 0; i < d.ny; i++) {
      const v = d.rho[j * d.ny + i]!;
      if (!(v > 1e-4 * d.rhoMax)) continue;
      cells.push(`<rect x="${r2(x(i * dy))}" y="${r2(y(Math.min(c0 + dc, half)))}" width="${r2(w + 0.3)}" height="${r2(Math.min(h, y(Math.max(c0, -half)) - y(Math.min(c0 + dc, half))) + 0.3)}" fill="${colour(v)}"/>`);
    }
  }
  const dots = d.particles.map((p) => `<circle cx="${r2(x(p.x))}" cy="${r2(y(p.y))}" r="1.8" fill="white" stroke="black" stroke-width="0.5"/>`);
  // colour bar
  const bx = f.width - f.margin.right + 14;
  const top = f.margin.top;
  const bottom = f.height - f.margin.bottom;
  const steps = 40;
  const bar: string[] = [];
  for (let k = 0; k < steps; k++) {
    const y0 = bottom - ((k + 1) * (bottom - top)) / steps;
    bar.push(`<rect x="${bx}" y="${r2(y0)}" width="12" height="${r2((bottom - top) / steps + 0.5)}" fill="${colour(((k + 0.5) / steps) * (d.rhoMax || 1))}"/>`);
  }
  const barScale = scaleLinear().domain([0, d.rhoMax || 1]).range([bottom, top]);
  const barTicks = barScale.ticks(5).map((v) => `<text x="${bx + 16}" y="${r2(barScale(v))}" dy="0.32em">${esc(barScale.tickFormat(5)(v))}</text>`);
  const items = d.particles.length > 0 ? legend([{ label: `particles of ρ_n, n = ${d.n ?? '?'}`, colour: 'black', mark: 'dot' }], f.margin.left + 6, f.margin.top + 6) : '';
  return svgDocument(f, [
    `<g class="cells">${cells.join('')}</g>`,
    axes(f, x, y, { x: 'y', y: 'c', title: `ρ₀(t) on (y, c) at t = ${d.t}` }, PI_TICKS, {}),
    `<g class="particles">${dots.join('')}</g>`,
    `<g class="colourbar">${bar.join('')}${barTicks.join('')}<text x="${bx}" y="${top - 8}">ρ₀</text></g>`,
    items,
  ].join(''), `heatmap of rho_0 at t = ${d.t}`);
}

/** View 6: the slope of E‖f_n − f₀‖² in n against t (total and per mode), with −1 and −2 guides. */
import { max, min } from 'd3-array';
import { scaleLinear, scalePoint } from 'd3-scale';
import { axes, colour, DEFAULT_FRAME, legend, r2, svgDocument, type Frame } from '../../plot/svg.ts';
import type { HealingSeries } from '../series.ts';

export const HEALING_FRAME: Frame = { width: 640, height: 420, margin: DEFAULT_FRAME.margin };

export function healingSvg(series: readonly HealingSeries[], f: Frame = HEALING_FRAME): string {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const pts = series.flatMap((s) => s.points);
  const pos = scalePoint<number>().domain(times).range([f.margin.left, f.width - f.margin.right]).padding(0.5);
  // a linear scale over the index, so the axis kit can draw it; ticks at the recorded times
  const x = scaleLinear().domain([0, Math.max(1, times.length - 1)]).range([pos(times[0]!) ?? f.margin.left, pos(times[times.length - 1]!) ?? f.width - f.margin.right]);
  const lo = Math.min(-2.2, min(pts, (p) => p.lower) ?? -2.2);
  const hi = Math.max(0.2, max(pts, (p) => p.upper) ?? 0.2);
  const y = scaleLinear().domain([lo, hi]).range([f.height - f.margin.bottom, f.margin.top]).nice();
  const step = times.length > 1 ? (x(1) - x(0)) : 40;
  const dodge = (k: number): number => (k - (series.length - 1) / 2) * Math.min(8, (0.6 * step) / Math.max(1, series.length));
  const guides = [-1, -2].map((g) => `<line class="guide" x1="${f.margin.left}" x2="${f.width - f.margin.right}" y1="${r2(y(g))}" y2="${r2(y(g))}" stroke="#555" stroke-dasharray="${g === -1 ? '6,4' : '2,3'}"/>`);
  const marks = series.map((s, k) => {
    const c = k === 0 ? colour(7) : colour(k - 1);
    return s.points.map((p) => {
      const px = x(times.indexOf(p.t)) + dodge(k);
      return `<line x1="${r2(px)}" x2="${r2(px)}" y1="${r2(y(p.lower))}" y2="${r2(y(p.upper))}" stroke="${c}"/>`
        + `<circle cx="${r2(px)}" cy="${r2(y(p.estimate))}" r="${k === 0 ? 4 : 3}" fill="${c}"/>`;
    }).join('');
  });
  const items = [
    ...series.map((s, k) => ({ label: s.label, colour: k === 0 ? colour(7) : colour(k - 1), mark: 'dot' as const })),
    { label: '−1: n⁻¹ (CLT)', colour: '#555', mark: 'dash' as const },
    { label: '−2: n⁻² (healed)', colour: '#555', mark: 'dash' as const },
  ];
  return svgDocument(f, [
    axes(f, x, y, { x: 't', y: 'slope of E‖·‖² in n', title: 'Healing: slope in n against time, total and per Fourier mode' },
      { values: times.map((_, i) => i), format: (i) => String(times[Math.round(i)] ?? '') }, {}),
    guides.join(''),
    `<g class="marks">${marks.join('')}</g>`,
    legend(items, f.width - f.margin.right - 140, f.margin.top + 6),
  ].join(''), 'slope in n against time');
}

/**
 * A small SVG-string plotting kit on d3-scale and d3-shape: frames with axes built from
 * `scale.ticks()`, legends, escaping. Needs no DOM, so the same figure is drawn in the page and
 * written by `npm run figures` in Node.
 */
import type { ScaleContinuousNumeric } from 'd3-scale';
import { format } from 'd3-format';

/** Okabe–Ito colours (colour-blind safe), black last. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function colour(k: number): string {
  return PALETTE[k % PALETTE.length]!;
}

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds to 2 decimals for compact, deterministic path data. */
export function r2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export const DEFAULT_FRAME: Frame = { width: 560, height: 360, margin: { top: 28, right: 16, bottom: 44, left: 62 } };

/** Pixel ranges of the plot area of a frame. */
export function plotArea(f: Frame): { x: [number, number]; y: [number, number] } {
  return { x: [f.margin.left, f.width - f.margin.right], y: [f.height - f.margin.bottom, f.margin.top] };
}

type Scale = ScaleContinuousNumeric<number, number>;

export interface AxisOptions {
  readonly ticks?: number;
  /** d3-format specifier, or a function. */
  readonly format?: string | ((v: number) => string);
  /** Explicit tick values (overrides `ticks`). */
  readonly values?: readonly number[];
  readonly log?: boolean;
}

function tickLabels(scale: Scale, o: AxisOptions): { v: number; label: string }[] {
  const values = o.values ?? scale.ticks(o.ticks ?? 6);
  const custom = o.format;
  if (typeof custom === 'function') return values.map((v) => ({ v, label: custom(v) }));
  if (o.log && !o.values) {
    // log scales: label the powers of ten (and 2, 5 when few decades), tick the rest
    const fmt = scale.tickFormat(o.ticks ?? 6, custom ?? '~g');
    return values.map((v) => ({ v, label: fmt(v) }));
  }
  const fmt = custom ? format(custom) : scale.tickFormat(o.ticks ?? 6);
  return values.map((v) => ({ v, label: fmt(v) }));
}

/** Axes, grid lines, axis labels and title of a frame, as SVG. */
export function axes(f: Frame, x: Scale, y: Scale, labels: { x: string; y: string; title?: string }, xo: AxisOptions = {}, yo: AxisOptions = {}): string {
  const area = plotArea(f);
  const parts: string[] = [];
  const [x0, x1] = area.x;
  const [yb, yt] = area.y;
  for (const { v, label } of tickLabels(x, xo)) {
    const px = r2(x(v));
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${yb}" y2="${yt}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${px}" x2="${px}" y1="${yb}" y2="${yb + 5}" stroke="#333"/>`);
    if (label) parts.push(`<text x="${px}" y="${yb + 17}" text-anchor="middle">${esc(label)}</text>`);
  }
  for (const { v, label } of tickLabels(y, yo)) {
    const py = r2(y(v));
    parts.push(`<line class="grid" x1="${x0}" x2="${x1}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${x0 - 5}" x2="${x0}" y1="${py}" y2="${py}" stroke="#333"/>`);
    if (label) parts.push(`<text x="${x0 - 8}" y="${py}" dy="0.32em" text-anchor="end">${esc(label)}</text>`);
  }
  parts.push(`<rect x="${x0}" y="${yt}" width="${x1 - x0}" height="${yb - yt}" fill="none" stroke="#333"/>`);
  parts.push(`<text class="axis-label" x="${(x0 + x1) / 2}" y="${f.height - 8}" text-anchor="middle">${esc(labels.x)}</text>`);
  parts.push(`<text class="axis-label" transform="translate(14,${(yb + yt) / 2}) rotate(-90)" text-anchor="middle">${esc(labels.y)}</text>`);
  if (labels.title) parts.push(`<text class="title" x="${x0}" y="${yt - 10}" font-weight="bold">${esc(labels.title)}</text>`);
  return parts.join('');
}

export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  /** 'line' (optionally dashed), 'dot', 'ring' (an open dot), 'box' or 'bar' (an error bar with caps). */
  readonly mark: 'line' | 'dash' | 'dot' | 'ring' | 'box' | 'bar';
}

/** A legend box at (x, y), one item per row. */
export function legend(items: readonly LegendItem[], x: number, y: number, rowHeight = 16): string {
  const width = 28 + Math.max(...items.map((i) => i.label.length)) * 6.4;
  const rows = items.map((it, k) => {
    const cy = y + 10 + k * rowHeight;
    const mark = it.mark === 'dot' ? `<circle cx="${x + 14}" cy="${cy}" r="3.5" fill="${it.colour}"/>`
      : it.mark === 'ring' ? `<circle cx="${x + 14}" cy="${cy}" r="4" fill="none" stroke="${it.colour}" stroke-width="1.5"/>`
      : it.mark === 'box' ? `<rect x="${x + 8}" y="${cy - 5}" width="12" height="10" fill="${it.colour}" fill-opacity="0.45" stroke="${it.colour}"/>`
      : it.mark === 'bar' ? `<path d="M${x + 11},${cy - 6}h6M${x + 14},${cy - 6}v12M${x + 11},${cy + 6}h6" fill="none" stroke="${it.colour}" stroke-width="1.5"/>`
      : `<line x1="${x + 5}" x2="${x + 23}" y1="${cy}" y2="${cy}" stroke="${it.colour}" stroke-width="2"${it.mark === 'dash' ? ' stroke-dasharray="5,3"' : ''}/>`;
    return `${mark}<text x="${x + 28}" y="${cy}" dy="0.32em">${esc(it.label)}</text>`;
  });
  return `<g class="legend"><rect x="${x}" y="${y}" width="${r2(width)}" height="${items.length * rowHeight + 4}" fill="white" fill-opacity="0.85" stroke="#bbb"/>${rows.join('')}</g>`;
}

/** Wraps SVG content in an `<svg>` element with the kit's font settings. */
export function svgDocument(f: Frame, content: string, ariaLabel: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${esc(ariaLabel)}" font-family="sans-serif" font-size="11">${content}</svg>`;
}

/** Formats a number with a true minus sign and `digits` decimals. */
export function fixed(v: number, digits = 2): string {
  return format(`.${digits}f`)(v);
}

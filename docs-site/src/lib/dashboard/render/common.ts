/**
 * Shared chart settings, so every chart looks like part of one product: same font, sizes,
 * grid, and month ticks. Charts are drawn at a fixed pixel width and scaled by CSS, which keeps
 * the build-time SVG and the browser redraw identical.
 */
import type { DashboardData } from '../types.ts';
import type { CubeView } from '../cube-view.ts';
import type { Selection } from '../select.ts';
import { monthDate } from '../format.ts';

export interface RenderContext {
  data: DashboardData;
  sel: Selection;
  view: CubeView;
  /** The document to create nodes in: linkedom's at build time, the page's in the browser. */
  document: Document;
}

export const WIDTH_HALF = 600;
export const WIDTH_FULL = 1240;

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const BASE_STYLE = {
  fontFamily: FONT,
  fontSize: '12px',
  color: '#1c2430',
  background: 'transparent',
  overflow: 'visible',
};

/**
 * Month ticks that never crowd: the smallest step of 1, 2, 3, 6 or 12 months giving at most
 * `max` ticks, aligned to January so labels read Jan/Apr/Jul/Oct rather than odd months.
 */
export function monthTicks(months: string[], max: number): string[] {
  const steps = [1, 2, 3, 6, 12, 24];
  const step = steps.find((s) => Math.ceil(months.length / s) <= max) ?? 24;
  const aligned = months.filter((iso) => (Number(iso.slice(5, 7)) - 1) % step === 0);
  const ticks = step === 1 ? months : aligned.length >= 2 ? aligned : months.filter((_, i) => i % step === 0);
  if (ticks.length <= max) return ticks;
  // Years may align badly with a short range; thin out evenly.
  const k = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => i % k === 0);
}

export function monthTickDates(months: string[], max: number): Date[] {
  return monthTicks(months, max).map(monthDate);
}

/** A centred grey message inside an empty chart, so a filter that leaves nothing is explicit. */
export function emptyChart(doc: Document, width: number, height: number, message: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'chart-empty');
  const text = doc.createElementNS(ns, 'text');
  text.setAttribute('x', String(width / 2));
  text.setAttribute('y', String(height / 2));
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('fill', '#8a93a0');
  text.setAttribute('font-family', FONT);
  text.setAttribute('font-size', '13');
  text.textContent = message;
  svg.appendChild(text);
  return svg;
}

/**
 * Ticks for a log axis with `nice: true`: 1-2-5 steps when the domain spans three decades or less, powers of ten
 * otherwise, so the axis never shows a wall of unlabelled minor ticks.
 */
export function logTicks(values: number[]): number[] {
  const positive = values.filter((v) => v > 0);
  if (!positive.length) return [];
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  const steps = hi - lo <= 3 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) for (const s of steps) out.push(s * 10 ** e);
  // The axis uses `nice: true`, so its domain is [10^lo, 10^hi]: keep the ticks inside it.
  return out.filter((t) => t <= 10 ** hi);
}

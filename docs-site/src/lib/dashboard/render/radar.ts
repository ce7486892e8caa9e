/**
 * Shop radar: polar coordinates computed here and drawn with plain Plot lines, links and text on
 * equal-unit x/y scales. (Plot's projection option targets geographic shapes; a radar only needs
 * r·sin θ, r·cos θ.)
 */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { RadarProfile } from '../radar-data.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart } from './common.ts';
import { RADAR_AXES, radarProfiles } from '../radar-data.ts';
import { formatCompact, formatPrice, formatRub, truncate } from '../format.ts';
import { MUTED, SERIES_COLORS } from '../palette.ts';

const HEIGHT = 420;
const EXTENT = 1.42;

interface Vertex {
  series: string;
  axis: string;
  x: number;
  y: number;
  value: number;
  text: string;
}

function polar(r: number, k: number): [number, number] {
  const theta = (2 * Math.PI * k) / RADAR_AXES.length;
  return [r * Math.sin(theta), r * Math.cos(theta)];
}

function describe(raw: number[], k: number): string {
  switch (k) {
    case 0:
      return formatRub(raw[0]);
    case 1:
      return `${formatCompact(raw[1])} units`;
    case 2:
      return formatPrice(raw[2]);
    case 3:
      return `${Math.round(raw[3] * 100)}% of families`;
    case 4:
      return `${Math.round(raw[4] * 100)}% of months`;
    default:
      return `monthly CV ${raw[5].toFixed(2)}`;
  }
}

function outline(p: RadarProfile, series: string): Vertex[] {
  const ring = RADAR_AXES.map((axis, k) => {
    const [x, y] = polar(Math.max(0, Math.min(1, p.values[k])), k);
    return { series, axis, x, y, value: p.values[k], text: `${p.label}\n${axis}: ${describe(p.raw, k)}` };
  });
  return [...ring, ring[0]];
}

export function renderRadar(ctx: RenderContext): Element {
  const { profiles, reference } = radarProfiles(ctx.data, ctx.view, ctx.sel, 5);
  if (!profiles.length || !reference) return emptyChart(ctx.document, WIDTH_HALF, HEIGHT, 'No shops with sales for these filters');
  const names = profiles.map((p) => truncate(p.label, 34));
  const series = [...profiles.map((p, i) => outline(p, names[i]))].flat();
  const ref = outline(reference, 'Median shop');
  const grid = [0.25, 0.5, 0.75, 1].flatMap((r) =>
    [...RADAR_AXES.keys(), 0].map((k) => {
      const [x, y] = polar(r, k);
      return { r, x, y };
    }),
  );
  const spokes = RADAR_AXES.map((axis, k) => {
    const [x, y] = polar(1, k);
    const [lx, ly] = polar(1.16, k);
    return { axis, x, y, lx, ly, anchor: Math.abs(lx) < 0.05 ? 'middle' : lx > 0 ? 'start' : 'end' };
  });
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height: HEIGHT,
    // Equal units on x and y (a square plot area) keep the polygon regular: 600 − 2·130 = 420 − 30 − 50 = 340 px.
    marginLeft: 130,
    marginRight: 130,
    marginTop: 30,
    marginBottom: 50,
    style: BASE_STYLE,
    x: { domain: [-EXTENT, EXTENT], axis: null },
    y: { domain: [-EXTENT, EXTENT], axis: null },
    color: { domain: [...names, 'Median shop'], range: [...SERIES_COLORS.slice(0, names.length), MUTED], legend: true },
    marks: [
      Plot.line(grid, { x: 'x', y: 'y', z: 'r', stroke: '#dfe3e8', strokeWidth: 1 }),
      Plot.link(spokes, { x1: 0, y1: 0, x2: 'x', y2: 'y', stroke: '#dfe3e8' }),
      // textAnchor is a constant option in Plot, not a channel: one text mark per anchor.
      ...(['start', 'middle', 'end'] as const).map((anchor) =>
        Plot.text(spokes.filter((s) => s.anchor === anchor), { x: 'lx', y: 'ly', text: 'axis', textAnchor: anchor, fill: '#5b6573', fontSize: 11 }),
      ),
      Plot.line(ref, { x: 'x', y: 'y', stroke: MUTED, strokeDasharray: '4,3', strokeWidth: 1.5 }),
      // Fills only help with one or two shops; more overlapping fills turn to mud.
      Plot.line(series, { x: 'x', y: 'y', z: 'series', stroke: 'series', fill: names.length <= 2 ? 'series' : 'none', fillOpacity: 0.08, strokeWidth: 2 }),
      Plot.dot(series, { x: 'x', y: 'y', fill: 'series', r: 2.6, title: 'text' }),
    ],
  });
}

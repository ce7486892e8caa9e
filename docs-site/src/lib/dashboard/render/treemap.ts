/** Shop × category treemap: d3-hierarchy computes the tiles, Plot draws them as rects on identity scales. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { TreemapGroup, TreemapTile } from '../treemap-layout.ts';
import { BASE_STYLE, WIDTH_FULL, emptyChart } from './common.ts';
import { TREEMAP_HEADER, treemapLayout } from '../treemap-layout.ts';
import { formatMetric, truncate } from '../format.ts';
import { contrastText, familyColor } from '../palette.ts';

const HEIGHT = 480;
const FOOTNOTE = 20;
// Rough average glyph width at 11-12px; good enough to keep labels inside their tiles.
const CHAR_PX = 6.4;

function fits(text: string, width: number): string {
  const max = Math.floor((width - 8) / CHAR_PX);
  return max < 4 ? '' : truncate(text, max);
}

export function renderTreemap(ctx: RenderContext): Element {
  const layout = treemapLayout(ctx.data, ctx.sel, WIDTH_FULL, HEIGHT - FOOTNOTE);
  if (!layout.tiles.length) return emptyChart(ctx.document, WIDTH_FULL, 200, 'No sales for these filters');
  const metric = ctx.sel.metric;
  const share = (v: number) => `${((v / layout.total) * 100).toFixed(1)}%`;
  const footnote =
    layout.shopsShown < layout.shopsTotal
      ? `Top ${layout.shopsShown} of ${layout.shopsTotal} shops, ${share(layout.shown)} of ${metric === 'revenue' ? 'revenue' : 'units'}. Hover a tile for its share of all shops.`
      : `All ${layout.shopsTotal} shops. Hover a tile for its share.`;
  const big = layout.tiles.filter((t) => t.x1 - t.x0 >= 56 && t.y1 - t.y0 >= 30);
  const groups = layout.groups.filter((g) => g.x1 - g.x0 >= 40);
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_FULL,
    height: HEIGHT,
    margin: 0,
    style: BASE_STYLE,
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    color: { type: 'identity' },
    marks: [
      Plot.rect(layout.groups, { x1: 'x0', x2: 'x1', y1: 'y0', y2: 'y1', fill: '#eef1f5', stroke: '#d5dae1' }),
      Plot.rect(layout.tiles, {
        x1: 'x0',
        x2: 'x1',
        y1: 'y0',
        y2: 'y1',
        fill: (t: TreemapTile) => familyColor(t.family),
                title: (t: TreemapTile) => `${t.shop}\n${t.category}\n${formatMetric(metric, t.value)} (${share(t.value)} of all shops)`,
      }),
      Plot.text(groups, {
        x: (g: TreemapGroup) => g.x0 + 5,
        y: (g: TreemapGroup) => g.y0 + TREEMAP_HEADER / 2 + 1,
        text: (g: TreemapGroup) => fits(`${g.shop} · ${formatMetric(metric, g.value)}`, g.x1 - g.x0),
        textAnchor: 'start',
        fontWeight: 600,
        fontSize: 11,
        fill: '#1c2430',
      }),
      Plot.text([footnote], { x: 2, y: HEIGHT - FOOTNOTE / 2 + 2, text: (d: string) => d, textAnchor: 'start', fill: '#8a93a0', fontSize: 11 }),
      Plot.text(big, {
        x: (t: TreemapTile) => t.x0 + 5,
        y: (t: TreemapTile) => t.y0 + 12,
        text: (t: TreemapTile) => `${fits(t.category, t.x1 - t.x0)}\n${fits(formatMetric(metric, t.value), t.x1 - t.x0)}`,
        textAnchor: 'start',
        lineAnchor: 'top',
        fontSize: 11,
        fill: (t: TreemapTile) => contrastText(familyColor(t.family)),
        dy: -5,
      }),
    ],
  });
}

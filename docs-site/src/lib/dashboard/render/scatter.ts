/** Price vs quantity per item (log-log), one dot per item, coloured by family. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { ItemPoint } from '../breakdowns.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart, logTicks } from './common.ts';
import { scatterPoints } from '../breakdowns.ts';
import { formatCompact, formatInt, formatPrice, formatRub } from '../format.ts';
import { familyColor } from '../palette.ts';

const HEIGHT = 360;

export function renderScatter(ctx: RenderContext): Element {
  const points = scatterPoints(ctx.data, ctx.sel);
  if (!points.length) return emptyChart(ctx.document, WIDTH_HALF, HEIGHT, 'No items for these filters');
  const metric = ctx.sel.metric;
  const families = ctx.data.families;
  const xTicks = logTicks(points.map((p) => p.price));
  const yTicks = logTicks(points.map((p) => p[metric]));
  const yFormat = metric === 'revenue' ? formatRub : formatCompact;
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height: HEIGHT,
    marginLeft: 56,
    marginBottom: 40,
    marginRight: 16,
    style: BASE_STYLE,
    x: { type: 'log', nice: true },
    y: { type: 'log', nice: true },
    color: { type: 'identity' },
    marks: [
      // Axes as explicit marks with a text channel: for log scales Plot runs a tickFormat
      // function through d3's log formatter, which blanks the 5s of 1-2-5 ticks.
      Plot.gridX(xTicks, { stroke: '#e5e8ec', strokeOpacity: 1 }),
      Plot.gridY(yTicks, { stroke: '#e5e8ec', strokeOpacity: 1 }),
      Plot.axisX(xTicks, { text: (v: number) => formatPrice(v), label: 'Average price →', labelAnchor: 'right' }),
      Plot.axisY(yTicks, { text: (v: number) => yFormat(v), label: metric === 'revenue' ? '↑ Revenue' : '↑ Units sold' }),
      Plot.dot(points, { x: 'price', y: metric, r: 2.6, fill: (p: ItemPoint) => familyColor(p.family), fillOpacity: 0.6 }),
      // One pointer tip instead of a <title> per dot keeps the redraw cheap.
      Plot.tip(
        points,
        Plot.pointer({
          x: 'price',
          y: metric,
          title: (p: ItemPoint) =>
            `${p.name}\n${families[p.family]}\nAvg price: ${formatPrice(p.price)}\nUnits: ${formatInt(p.units)}\nRevenue: ${formatRub(p.revenue)}`,
        }),
      ),
    ],
  });
}

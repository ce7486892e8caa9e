/** Horizontal ranked bars: revenue by category (coloured by family) and top shops. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { RankedRow } from '../breakdowns.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart } from './common.ts';
import { categoryTotals, shopTotals } from '../breakdowns.ts';
import { formatCompact, formatInt, formatMetric, formatRub, truncate } from '../format.ts';
import { ACCENT, familyColor } from '../palette.ts';

const ROW = 22;

function renderBars(ctx: RenderContext, rows: RankedRow[], colorOf: (r: RankedRow) => string): Element {
  const metric = ctx.sel.metric;
  if (!rows.length) return emptyChart(ctx.document, WIDTH_HALF, 160, 'No sales for these filters');
  // Height follows the rows, so one selected shop is one slim bar, not a slab.
  const height = rows.length * ROW + 36;
  const labelled = rows.map((r, i) => ({ ...r, rank: i, short: truncate(r.label, 30), color: colorOf(r) }));
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height,
    marginLeft: 210,
    marginRight: 56,
    marginTop: 24,
    style: BASE_STYLE,
    x: { grid: true, label: null, axis: 'top', tickFormat: metric === 'revenue' ? formatRub : formatCompact, ticks: 4, nice: true },
    // Rank, not label, on y: two long names may truncate to the same text.
    y: { label: null, domain: labelled.map((r) => r.rank), tickSize: 0, tickFormat: (i: number) => labelled[i].short },
    color: { type: 'identity' },
    marks: [
      Plot.barX(labelled, {
        x: 'value',
        y: 'rank',
        fill: 'color',
        insetTop: 2,
        insetBottom: 2,
        title: (r: RankedRow) => `${r.label}\nRevenue: ${formatRub(r.revenue)}\nUnits: ${formatInt(r.units)}`,
      }),
      Plot.text(labelled, {
        x: 'value',
        y: 'rank',
        text: (r: RankedRow) => formatMetric(metric, r.value),
        textAnchor: 'start',
        dx: 4,
        fill: '#5b6573',
      }),
      Plot.ruleX([0], { stroke: '#8a93a0' }),
    ],
  });
}

export function renderCategoryBar(ctx: RenderContext): Element {
  return renderBars(ctx, categoryTotals(ctx.data, ctx.sel, 15), (r) => familyColor(r.family));
}

export function renderTopShops(ctx: RenderContext): Element {
  return renderBars(ctx, shopTotals(ctx.data, ctx.view, ctx.sel, 15), () => ACCENT);
}

/** New vs older items over time: two lines of the selected metric. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { NewOldPoint } from '../breakdowns.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart, monthTickDates } from './common.ts';
import { newOldSeries } from '../breakdowns.ts';
import { formatCompact, formatInt, formatMonth, formatRub, monthDate } from '../format.ts';
import { ACCENT, SECONDARY } from '../palette.ts';

const HEIGHT = 300;

export function renderNewVsOld(ctx: RenderContext): Element {
  const metric = ctx.sel.metric;
  const points = newOldSeries(ctx.data, ctx.sel).map((p) => ({ ...p, date: monthDate(p.month) }));
  if (!points.length) return emptyChart(ctx.document, WIDTH_HALF, HEIGHT, 'No sales for these filters');
  const months = [...new Set(points.map((p) => p.month))];
  const fmt = metric === 'revenue' ? formatRub : formatCompact;
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height: HEIGHT,
    marginLeft: 58,
    marginRight: 16,
    style: BASE_STYLE,
    x: { type: 'utc', label: null, ticks: monthTickDates(months, 6), tickFormat: (d: Date) => formatMonth(d.toISOString()) },
    y: { grid: true, label: null, tickFormat: fmt, zero: true, nice: true },
    color: { domain: ['New items', 'Older items'], range: [SECONDARY, ACCENT], legend: true },
    marks: [
      Plot.ruleY([0], { stroke: '#c9ced6' }),
      Plot.lineY(points, { x: 'date', y: 'value', stroke: 'age', strokeWidth: 2, curve: 'monotone-x' }),
      Plot.dot(points, {
        x: 'date',
        y: 'value',
        fill: 'age',
        r: 2,
        title: (p: NewOldPoint) => `${p.age}, ${formatMonth(p.month)}\n${metric === 'revenue' ? formatRub(p.value) : `${formatInt(p.value)} units`}\n${formatInt(p.items)} items`,
      }),
    ],
  });
}

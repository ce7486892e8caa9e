/** Monthly revenue / monthly units: area + line over the month range, with a hover tip. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { Metric } from '../types.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart, monthTickDates } from './common.ts';
import { monthlySeries } from '../breakdowns.ts';
import { formatCompact, formatInt, formatMonth, formatRub, monthDate } from '../format.ts';
import { ACCENT, SECONDARY } from '../palette.ts';

const HEIGHT = 260;

export function renderMonthly(ctx: RenderContext, metric: Metric): Element {
  const points = monthlySeries(ctx.data, ctx.view, ctx.sel).map((p) => ({
    date: monthDate(p.month),
    month: p.month,
    value: metric === 'revenue' ? p.revenue : p.units,
  }));
  if (!points.some((p) => p.value !== 0)) return emptyChart(ctx.document, WIDTH_HALF, HEIGHT, 'No sales for these filters');
  const color = metric === 'revenue' ? ACCENT : SECONDARY;
  const fmt = metric === 'revenue' ? formatRub : formatCompact;
  const single = points.length === 1;
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height: HEIGHT,
    marginLeft: 58,
    marginRight: 16,
    style: BASE_STYLE,
    x: {
      type: 'utc',
      label: null,
      ticks: monthTickDates(points.map((p) => p.month), 6),
      tickFormat: (d: Date) => formatMonth(d.toISOString()),
      // A single month still needs a visible span around its point.
      ...(single ? { domain: [new Date(points[0].date.getTime() - 15 * 864e5), new Date(points[0].date.getTime() + 15 * 864e5)] } : {}),
    },
    y: { grid: true, label: null, tickFormat: fmt, zero: true, nice: true },
    marks: [
      Plot.areaY(points, { x: 'date', y: 'value', fill: color, fillOpacity: 0.12, curve: 'monotone-x' }),
      Plot.lineY(points, { x: 'date', y: 'value', stroke: color, strokeWidth: 2, curve: 'monotone-x' }),
      Plot.dot(points, { x: 'date', y: 'value', fill: color, r: single ? 4 : 2.2 }),
      Plot.ruleY([0], { stroke: '#c9ced6' }),
      Plot.tip(
        points,
        Plot.pointerX({
          x: 'date',
          y: 'value',
          title: (p: { month: string; value: number }) =>
            `${formatMonth(p.month)}\n${metric === 'revenue' ? formatRub(p.value) : `${formatInt(p.value)} units`}`,
        }),
      ),
    ],
  });
}

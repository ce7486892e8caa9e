/** Seasonality: family × month of year, each row as shares of its year so rows compare. */
import * as Plot from '@observablehq/plot';
import type { RenderContext } from './common.ts';
import type { SeasonCell } from '../breakdowns.ts';
import { BASE_STYLE, WIDTH_HALF, emptyChart } from './common.ts';
import { seasonalityCells } from '../breakdowns.ts';
import { formatInt, formatRub, monthOfYearName } from '../format.ts';

const ROW = 19;

export function renderSeasonality(ctx: RenderContext): Element {
  const cells = seasonalityCells(ctx.data, ctx.sel);
  if (!cells.length) return emptyChart(ctx.document, WIDTH_HALF, 200, 'No sales for these filters');
  const metric = ctx.sel.metric;
  const families = ctx.data.families.filter((f) => cells.some((c) => c.family === f));
  return Plot.plot({
    document: ctx.document,
    width: WIDTH_HALF,
    height: families.length * ROW + 40,
    marginLeft: 130,
    marginTop: 8,
    marginRight: 8,
    padding: 0.06,
    style: BASE_STYLE,
    x: { type: 'band', domain: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], label: null, tickFormat: monthOfYearName },
    y: { domain: families, label: null, tickSize: 0 },
    color: { type: 'linear', domain: [0, 0.2], range: ['#fff4e8', '#c2410c'], interpolate: 'rgb', clamp: true },
    marks: [
      Plot.cell(cells, {
        x: 'monthOfYear',
        y: 'family',
        fill: 'share',
        inset: 0.5,
        title: (c: SeasonCell) =>
          `${c.family}, ${monthOfYearName(c.monthOfYear)}\n${metric === 'revenue' ? formatRub(c.value) : `${formatInt(c.value)} units`}\n${(c.share * 100).toFixed(1)}% of its year`,
      }),
    ],
  });
}

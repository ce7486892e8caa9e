/**
 * KPI cards as plain text values, shared by the build-time HTML and the browser update, so the
 * numbers are formatted exactly once.
 */
import type { RenderContext } from './render/common.ts';
import { computeKpis } from './kpis.ts';
import { formatInt, formatMonth, formatPct, formatRub, metricLabel } from './format.ts';

export interface KpiCard {
  id: 'revenue' | 'units' | 'shops' | 'mom';
  label: string;
  value: string;
  detail: string;
  /** For the MoM card: colour the value by direction. */
  trend?: 'up' | 'down' | 'flat';
}

export function kpiCards(ctx: RenderContext): KpiCard[] {
  const k = computeKpis(ctx.view, ctx.sel);
  const { data, sel } = ctx;
  const range = sel.from === sel.to ? formatMonth(data.months[sel.from]) : `${formatMonth(data.months[sel.from])} – ${formatMonth(data.months[sel.to])}`;
  const prev = k.momMonth > 0 ? formatMonth(data.months[k.momMonth - 1]) : null;
  let shopsInScope = 0;
  for (const on of sel.shopOn) shopsInScope += on;
  return [
    { id: 'revenue', label: 'Total revenue', value: formatRub(k.revenue), detail: range },
    { id: 'units', label: 'Items sold', value: formatInt(k.units), detail: `units, ${range}` },
    { id: 'shops', label: 'Active shops', value: formatInt(k.activeShops), detail: `of ${formatInt(shopsInScope)} in scope` },
    {
      id: 'mom',
      label: `MoM change · ${metricLabel(sel.metric).toLowerCase()}`,
      value: formatPct(k.momPct),
      detail: prev ? `${formatMonth(data.months[k.momMonth])} vs ${prev}` : 'no earlier month',
      trend: k.momPct === null || Math.abs(k.momPct) < 0.05 ? 'flat' : k.momPct > 0 ? 'up' : 'down',
    },
  ];
}

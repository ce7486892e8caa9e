/**
 * Draw every chart for one filter state. The same function runs at build time (linkedom's
 * document) and in the browser (the page's document), so both show identical charts.
 */
import type { DashboardData, FilterState } from '../types.ts';
import type { RenderContext } from './common.ts';
import { buildCubeView } from '../cube-view.ts';
import { getChart } from '../charts.ts';
import { toSelection } from '../select.ts';
import { renderMonthly } from './monthly.ts';
import { renderCategoryBar, renderTopShops } from './bars.ts';
import { renderTreemap } from './treemap.ts';
import { renderScatter } from './scatter.ts';
import { renderHeatmap } from './heatmap.ts';
import { renderRadar } from './radar.ts';
import { renderNewVsOld } from './new-vs-old.ts';
import { renderSeasonality } from './seasonality.ts';

export type { RenderContext } from './common.ts';

/** Chart id (see charts.ts) -> renderer. KPIs are HTML, handled by kpi-view.ts. */
export const RENDERERS: Record<string, (ctx: RenderContext) => Element> = {
  'monthly-revenue': (ctx) => renderMonthly(ctx, 'revenue'),
  'monthly-units': (ctx) => renderMonthly(ctx, 'units'),
  'category-bar': renderCategoryBar,
  'top-shops': renderTopShops,
  'shop-category-treemap': renderTreemap,
  'price-vs-quantity': renderScatter,
  'item-consistency': renderHeatmap,
  'shop-radar': renderRadar,
  'new-vs-old': renderNewVsOld,
  seasonality: renderSeasonality,
};

export function createContext(data: DashboardData, state: FilterState, document: Document): RenderContext {
  const sel = toSelection(data, state);
  return { data, sel, view: buildCubeView(data, sel), document };
}

export function renderCharts(ctx: RenderContext, ids: string[] = Object.keys(RENDERERS)): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const id of ids) {
    const render = RENDERERS[id];
    if (!render) continue;
    const el = render(ctx);
    // Screen readers get the chart's name; the numbers are in the KPIs and hover tips.
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', getChart(id).title);
    out.set(id, el);
  }
  return out;
}

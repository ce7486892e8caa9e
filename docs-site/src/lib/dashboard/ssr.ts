/**
 * Build time: draw every chart into static SVG/HTML strings with linkedom's document, so the page
 * shows data before (or without) its script.
 */
import { parseHTML } from 'linkedom';
import type { DashboardData, FilterState } from './types.ts';
import type { KpiCard } from './kpi-view.ts';
import { createContext, renderCharts } from './render/index.ts';
import { kpiCards } from './kpi-view.ts';
import { defaultState } from './url-state.ts';

export interface StaticDashboard {
  charts: Record<string, string>;
  kpis: KpiCard[];
  state: FilterState;
}

export function renderStatic(data: DashboardData, state: FilterState = defaultState(data)): StaticDashboard {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const ctx = createContext(data, state, document as unknown as Document);
  const charts: Record<string, string> = {};
  for (const [id, el] of renderCharts(ctx)) charts[id] = el.outerHTML;
  return { charts, kpis: kpiCards(ctx), state };
}

/**
 * JSON for a <script type="application/json"> block. `<` is escaped so an item name containing
 * `</script>` cannot end the block early.
 */
export function embedJson(data: DashboardData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * The four headline figures. All follow every filter; MoM compares the last month of the range
 * with the month before it (which may lie outside the range: a one-month range still has a MoM).
 */
import type { CubeView } from './cube-view.ts';
import type { Selection } from './select.ts';
import { shopTotal } from './cube-view.ts';
import { sumRange } from './select.ts';

export interface Kpis {
  revenue: number;
  units: number;
  /** Shops with positive net revenue in the range (under the family filter). */
  activeShops: number;
  /** Month-over-month change of the selected metric, in %; null when there is no earlier month or it is 0. */
  momPct: number | null;
  /** Index of the month the MoM figure describes (the last month of the range). */
  momMonth: number;
}

export function computeKpis(view: CubeView, sel: Selection): Kpis {
  const revenue = sumRange(view.monthRevenue, sel.from, sel.to);
  const units = sumRange(view.monthUnits, sel.from, sel.to);
  let activeShops = 0;
  for (let s = 0; s < view.shops; s++) {
    if (sel.shopOn[s] && shopTotal(view, view.shopMonthRevenue, s, sel) > 0) activeShops++;
  }
  const series = sel.metric === 'revenue' ? view.monthRevenue : view.monthUnits;
  const last = sel.to;
  const prev = last > 0 ? series[last - 1] : 0;
  const momPct = last > 0 && prev !== 0 ? ((series[last] - prev) / Math.abs(prev)) * 100 : null;
  return { revenue, units, activeShops, momPct, momMonth: last };
}

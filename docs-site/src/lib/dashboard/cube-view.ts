/**
 * One pass over the month × shop × family cube gives every total the cube-based charts need
 * (KPIs, monthly series, top shops, radar). Shops and months are kept as dense matrices because
 * they are small (≈60 shops × 34 months), which makes later lookups free.
 */
import type { DashboardData } from './types.ts';
import type { Selection } from './select.ts';

export interface CubeView {
  months: number;
  shops: number;
  families: number;
  /** Per month over ALL months (MoM needs the month before the range), shop + family filters applied. */
  monthRevenue: Float64Array;
  monthUnits: Float64Array;
  /** shop × month, family filter only; index `s * months + m`. Shop filter is applied by readers. */
  shopMonthRevenue: Float64Array;
  shopMonthUnits: Float64Array;
  /** shop × family inside the month range, family filter applied; index `s * families + f`. */
  shopFamilyRevenue: Float64Array;
}

export function buildCubeView(data: DashboardData, sel: Selection): CubeView {
  const M = data.months.length;
  const S = data.shops.id.length;
  const F = data.families.length;
  const view: CubeView = {
    months: M,
    shops: S,
    families: F,
    monthRevenue: new Float64Array(M),
    monthUnits: new Float64Array(M),
    shopMonthRevenue: new Float64Array(S * M),
    shopMonthUnits: new Float64Array(S * M),
    shopFamilyRevenue: new Float64Array(S * F),
  };
  const { month, shop, family, revenue, units } = data.cube;
  for (let i = 0; i < month.length; i++) {
    const f = family[i];
    if (!sel.familyOn[f]) continue;
    const s = shop[i];
    const m = month[i];
    const r = revenue[i];
    const u = units[i];
    view.shopMonthRevenue[s * M + m] += r;
    view.shopMonthUnits[s * M + m] += u;
    if (m >= sel.from && m <= sel.to) view.shopFamilyRevenue[s * F + f] += r;
    if (sel.shopOn[s]) {
      view.monthRevenue[m] += r;
      view.monthUnits[m] += u;
    }
  }
  return view;
}

/** Total of one shop over the selected month range. */
export function shopTotal(view: CubeView, matrix: Float64Array, s: number, sel: Selection): number {
  let total = 0;
  const base = s * view.months;
  for (let m = sel.from; m <= sel.to; m++) total += matrix[base + m];
  return total;
}

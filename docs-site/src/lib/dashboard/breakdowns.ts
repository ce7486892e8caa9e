/**
 * Ranked breakdowns for the bar charts and the small-multiple views: categories, shops,
 * monthly series, items, new vs old, seasonality. Pure functions of (data, selection).
 */
import type { CubeView } from './cube-view.ts';
import type { DashboardData, Metric } from './types.ts';
import type { Selection } from './select.ts';
import { shopTotal } from './cube-view.ts';

export interface MonthPoint {
  month: string;
  revenue: number;
  units: number;
}

export function monthlySeries(data: DashboardData, view: CubeView, sel: Selection): MonthPoint[] {
  const out: MonthPoint[] = [];
  for (let m = sel.from; m <= sel.to; m++) {
    out.push({ month: data.months[m], revenue: view.monthRevenue[m], units: view.monthUnits[m] });
  }
  return out;
}

export interface RankedRow {
  index: number;
  label: string;
  /** Family index, for colour. -1 when not applicable. */
  family: number;
  revenue: number;
  units: number;
  value: number;
}

function rank(rows: RankedRow[], limit: number): RankedRow[] {
  return rows
    .filter((r) => r.value !== 0)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, limit);
}

/** Categories over the month range and family filter (the month × category block has no shop split). */
export function categoryTotals(data: DashboardData, sel: Selection, limit = 15): RankedRow[] {
  const n = data.categories.id.length;
  const revenue = new Float64Array(n);
  const units = new Float64Array(n);
  const cm = data.categoryMonth;
  for (let i = 0; i < cm.month.length; i++) {
    const m = cm.month[i];
    const c = cm.category[i];
    if (m < sel.from || m > sel.to || !sel.categoryOn[c]) continue;
    revenue[c] += cm.revenue[i];
    units[c] += cm.units[i];
  }
  const rows: RankedRow[] = [];
  for (let c = 0; c < n; c++) {
    rows.push(row(c, data.categories.name[c], data.categories.family[c], revenue[c], units[c], sel.metric));
  }
  return rank(rows, limit);
}

export function shopTotals(data: DashboardData, view: CubeView, sel: Selection, limit = 15): RankedRow[] {
  const rows: RankedRow[] = [];
  for (let s = 0; s < view.shops; s++) {
    if (!sel.shopOn[s]) continue;
    const revenue = shopTotal(view, view.shopMonthRevenue, s, sel);
    const units = shopTotal(view, view.shopMonthUnits, s, sel);
    rows.push(row(s, data.shops.name[s], -1, revenue, units, sel.metric));
  }
  return rank(rows, limit);
}

function row(index: number, label: string, family: number, revenue: number, units: number, metric: Metric): RankedRow {
  return { index, label, family, revenue, units, value: metric === 'revenue' ? revenue : units };
}

export interface ItemPoint {
  name: string;
  family: number;
  price: number;
  units: number;
  revenue: number;
}

/** Items for the price/quantity scatter; log scales need positive values, so non-positive ones are left out. */
export function scatterPoints(data: DashboardData, sel: Selection): ItemPoint[] {
  const it = data.items;
  const out: ItemPoint[] = [];
  for (let i = 0; i < it.name.length; i++) {
    if (!sel.familyOn[it.family[i]]) continue;
    if (it.price[i] <= 0 || it.units[i] <= 0 || it.revenue[i] <= 0) continue;
    out.push({ name: it.name[i], family: it.family[i], price: it.price[i], units: it.units[i], revenue: it.revenue[i] });
  }
  return out;
}

export interface HeatCell {
  item: string;
  month: string;
  value: number;
  /** value / the item's best month in the range, 0..1: the colour shows each item's own rhythm. */
  share: number;
}

export function heatmapCells(data: DashboardData, sel: Selection): { items: string[]; cells: HeatCell[] } {
  const h = data.heatmap;
  const values = sel.metric === 'revenue' ? h.revenue : h.units;
  const rowMax = new Float64Array(h.items.length);
  const keep: number[] = [];
  for (let i = 0; i < h.row.length; i++) {
    const m = h.month[i];
    const r = h.row[i];
    if (m < sel.from || m > sel.to || !sel.familyOn[h.itemFamily[r]]) continue;
    keep.push(i);
    if (values[i] > rowMax[r]) rowMax[r] = values[i];
  }
  const cells = keep.map((i) => {
    const r = h.row[i];
    return { item: h.items[r], month: data.months[h.month[i]], value: values[i], share: rowMax[r] > 0 ? Math.max(0, values[i]) / rowMax[r] : 0 };
  });
  const items = h.items.filter((_, r) => sel.familyOn[h.itemFamily[r]] && rowMax[r] > 0);
  return { items, cells };
}

export interface NewOldPoint {
  month: string;
  age: 'New items' | 'Older items';
  value: number;
  items: number;
}

export function newOldSeries(data: DashboardData, sel: Selection): NewOldPoint[] {
  const n = data.newOld;
  const values = sel.metric === 'revenue' ? n.revenue : n.units;
  const out: NewOldPoint[] = [];
  for (let i = 0; i < n.month.length; i++) {
    const m = n.month[i];
    if (m < sel.from || m > sel.to) continue;
    out.push({ month: data.months[m], age: n.isNew[i] ? 'New items' : 'Older items', value: values[i], items: n.items[i] });
  }
  return out.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.age.localeCompare(b.age)));
}

export interface SeasonCell {
  family: string;
  monthOfYear: number;
  value: number;
  /** Share of the family's year, so small and large families compare on one colour scale. */
  share: number;
}

export function seasonalityCells(data: DashboardData, sel: Selection): SeasonCell[] {
  const s = data.seasonality;
  const values = sel.metric === 'revenue' ? s.revenue : s.units;
  const totals = new Float64Array(data.families.length);
  for (let i = 0; i < s.family.length; i++) totals[s.family[i]] += Math.max(0, values[i]);
  const out: SeasonCell[] = [];
  for (let i = 0; i < s.family.length; i++) {
    const f = s.family[i];
    if (!sel.familyOn[f] || totals[f] <= 0) continue;
    out.push({ family: data.families[f], monthOfYear: s.monthOfYear[i], value: values[i], share: Math.max(0, values[i]) / totals[f] });
  }
  return out;
}

/**
 * Filter masks: turn the filter state into lookup tables so every aggregation is one pass over
 * the columnar arrays with O(1) checks per row. This is what keeps a redraw well under 100 ms.
 */
import type { DashboardData, FilterState, Metric } from './types.ts';

export interface Selection {
  from: number;
  to: number;
  /** shopOn[i] === 1 when shop i passes the shop filter. */
  shopOn: Uint8Array;
  familyOn: Uint8Array;
  /** categoryOn[i] === 1 when category i's family passes the family filter. */
  categoryOn: Uint8Array;
  metric: Metric;
}

function mask(size: number, chosen: number[]): Uint8Array {
  const on = new Uint8Array(size);
  if (!chosen.length) on.fill(1);
  else for (const i of chosen) if (i >= 0 && i < size) on[i] = 1;
  return on;
}

export function toSelection(data: DashboardData, state: FilterState): Selection {
  const last = data.months.length - 1;
  const from = Math.max(0, Math.min(state.from, last));
  const to = Math.max(from, Math.min(state.to, last));
  const familyOn = mask(data.families.length, state.families);
  const categoryOn = new Uint8Array(data.categories.id.length);
  data.categories.family.forEach((f, i) => (categoryOn[i] = familyOn[f]));
  return { from, to, shopOn: mask(data.shops.id.length, state.shops), familyOn, categoryOn, metric: state.metric };
}

/** Values of the chosen metric for a columnar block with `revenue` and `units`. */
export function metricColumn(block: { revenue: number[]; units: number[] }, metric: Metric): number[] {
  return metric === 'revenue' ? block.revenue : block.units;
}

/** Sum of a column over the month range (inclusive) of a per-month array. */
export function sumRange(values: ArrayLike<number>, from: number, to: number): number {
  let total = 0;
  for (let m = from; m <= to; m++) total += values[m];
  return total;
}

/**
 * Shop profiles for the radar chart, from the cube so they follow the month range and the family
 * filter. Each axis is scaled to 0..1 against all shops (not just the selected ones), so a shop's
 * shape means the same thing whatever else is on screen.
 */
import type { CubeView } from './cube-view.ts';
import type { DashboardData } from './types.ts';
import type { Selection } from './select.ts';

export const RADAR_AXES = ['Revenue', 'Units', 'Avg price', 'Family breadth', 'Months active', 'Stability'] as const;

export interface RadarProfile {
  label: string;
  /** One 0..1 value per axis, in RADAR_AXES order. */
  values: number[];
  /** Unscaled: revenue, units, avg price, families with sales, months with sales, coefficient of variation. */
  raw: number[];
}

export interface RadarData {
  profiles: RadarProfile[];
  /** The median shop on every axis, drawn as a reference outline. */
  reference: RadarProfile | null;
}

interface ShopStats {
  shop: number;
  raw: number[];
}

function statsFor(view: CubeView, sel: Selection, s: number, familiesInScope: number): ShopStats | null {
  let revenue = 0;
  let units = 0;
  const active: number[] = [];
  for (let m = sel.from; m <= sel.to; m++) {
    const r = view.shopMonthRevenue[s * view.months + m];
    revenue += r;
    units += view.shopMonthUnits[s * view.months + m];
    if (r > 0) active.push(r);
  }
  if (revenue <= 0) return null;
  let families = 0;
  for (let f = 0; f < view.families; f++) if (view.shopFamilyRevenue[s * view.families + f] > 0) families++;
  const mean = active.reduce((a, b) => a + b, 0) / active.length;
  const variance = active.reduce((a, b) => a + (b - mean) ** 2, 0) / active.length;
  const cv = mean > 0 ? Math.sqrt(variance) / mean : 0;
  const span = sel.to - sel.from + 1;
  return {
    shop: s,
    raw: [revenue, units, units > 0 ? revenue / units : 0, families / Math.max(1, familiesInScope), active.length / span, cv],
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function radarProfiles(data: DashboardData, view: CubeView, sel: Selection, maxShops = 5): RadarData {
  let familiesInScope = 0;
  for (let f = 0; f < view.families; f++) familiesInScope += sel.familyOn[f];
  const all: ShopStats[] = [];
  for (let s = 0; s < view.shops; s++) {
    const stats = statsFor(view, sel, s, familiesInScope);
    if (stats) all.push(stats);
  }
  if (!all.length) return { profiles: [], reference: null };

  const max = [0, 1, 2].map((k) => Math.max(...all.map((a) => a.raw[k])));
  const scale = (raw: number[]): number[] => [
    raw[0] / (max[0] || 1),
    raw[1] / (max[1] || 1),
    raw[2] / (max[2] || 1),
    raw[3],
    raw[4],
    // CV 0 (flat months) is the most stable; CV 1 or more is scored near 0.
    1 / (1 + raw[5]),
  ];
  const key = sel.metric === 'revenue' ? 0 : 1;
  const picked = all
    .filter((a) => sel.shopOn[a.shop])
    .sort((a, b) => b.raw[key] - a.raw[key])
    .slice(0, maxShops);
  const profiles = picked.map((a) => ({ label: data.shops.name[a.shop], raw: a.raw, values: scale(a.raw) }));
  const medianRaw = RADAR_AXES.map((_, k) => median(all.map((a) => a.raw[k])));
  return { profiles, reference: { label: 'Median shop', raw: medianRaw, values: scale(medianRaw) } };
}

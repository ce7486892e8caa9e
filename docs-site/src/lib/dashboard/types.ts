/**
 * The dashboard's data contract: what the build embeds in the page (compact, columnar) and the
 * filter state the browser keeps in the URL.
 *
 * Columnar on purpose: one array per column, names dictionary-encoded as indexes into the small
 * lookup arrays, money rounded to whole rubles (kopecks never show: figures print with three
 * significant digits). This keeps the embedded JSON small (gzip finds the repeats) and makes the
 * client aggregations tight loops over plain arrays. Money stays exact to the ruble because
 * the KPIs must match SQL for any filter; coarser steps (₽100) were tried and visibly changed
 * small shops' totals in the third digit.
 */

export type Metric = 'revenue' | 'units';

/** Parallel arrays; row i is `{ month: month[i], shop: shop[i], ... }`. */
export interface CubeColumns {
  /** Index into `DashboardData.months`. */
  month: number[];
  /** Index into `DashboardData.shops`. */
  shop: number[];
  /** Index into `DashboardData.families`. */
  family: number[];
  /** Whole rubles. */
  revenue: number[];
  units: number[];
}

export interface CategoryMonthColumns {
  month: number[];
  /** Index into `DashboardData.categories`. */
  category: number[];
  revenue: number[];
  units: number[];
}

export interface ShopCategoryColumns {
  shop: number[];
  category: number[];
  revenue: number[];
  units: number[];
}

export interface ItemColumns {
  name: string[];
  family: number[];
  /** Average unit price in rubles (2 decimals). */
  price: number[];
  units: number[];
  revenue: number[];
}

export interface HeatmapColumns {
  /** Item names, one per heatmap row, in rank order (best first). */
  items: string[];
  itemFamily: number[];
  /** Cells: index into `items`, index into `months`. */
  row: number[];
  month: number[];
  revenue: number[];
  units: number[];
}

export interface NewOldColumns {
  month: number[];
  /** 1 = new item (first sold in the last few months), 0 = old. */
  isNew: number[];
  revenue: number[];
  units: number[];
  items: number[];
}

export interface SeasonalityColumns {
  family: number[];
  /** 1..12 */
  monthOfYear: number[];
  revenue: number[];
  units: number[];
}

/** Where and when the data was built, from the artifacts in the target folder. */
export interface BuildInfo {
  /** ISO timestamp of the run that built the marts (run_results), else of the manifest. */
  builtAt: string | null;
  projectName: string | null;
  targetName: string | null;
  command: string | null;
  strataVersion: string | null;
}

export interface DashboardData {
  version: 1;
  build: BuildInfo;
  /** First day of each month, ISO `YYYY-MM-DD`, ascending and contiguous. */
  months: string[];
  shops: { id: number[]; name: string[]; city: string[] };
  families: string[];
  categories: { id: number[]; name: string[]; family: number[] };
  cube: CubeColumns;
  categoryMonth: CategoryMonthColumns;
  shopCategory: ShopCategoryColumns;
  /** The best-selling items by revenue (a sample; the full list is too big to embed). */
  items: ItemColumns & { totalItems: number };
  heatmap: HeatmapColumns;
  newOld: NewOldColumns;
  seasonality: SeasonalityColumns;
}

/** Filter state; serialised into the query string (see url-state.ts). */
export interface FilterState {
  /** Inclusive month indexes into `DashboardData.months`. */
  from: number;
  to: number;
  /** Selected shop indexes; empty = all shops. */
  shops: number[];
  /** Selected family indexes; empty = all families. */
  families: number[];
  metric: Metric;
}

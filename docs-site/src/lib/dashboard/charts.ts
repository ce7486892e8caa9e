/**
 * The dashboard's charts and the marts each one reads. The docs pages list these as exposures
 * (which dashboard chart depends on which model), so this module stays free of Plot and DuckDB
 * imports: anyone can import it cheaply.
 *
 * `filters` says which filters change the chart; the page shows it so nobody reads an all-time
 * chart as if it followed the month range.
 */

export type FilterKind = 'months' | 'shops' | 'families' | 'metric';

export interface DashboardChart {
  id: string;
  title: string;
  /** Mart names in schema `main_marts`. */
  marts: string[];
  filters: FilterKind[];
}

export const MARTS_SCHEMA = 'main_marts';

const ALL: FilterKind[] = ['months', 'shops', 'families', 'metric'];

export const DASHBOARD_CHARTS: DashboardChart[] = [
  { id: 'kpis', title: 'Key figures', marts: ['sales_cube', 'dim_categories', 'dim_shops'], filters: ALL },
  { id: 'monthly-revenue', title: 'Monthly revenue', marts: ['sales_cube', 'fct_monthly_sales'], filters: ['months', 'shops', 'families'] },
  { id: 'monthly-units', title: 'Monthly units sold', marts: ['sales_cube', 'fct_monthly_sales'], filters: ['months', 'shops', 'families'] },
  { id: 'category-bar', title: 'Revenue by category', marts: ['sales_cube', 'dim_categories'], filters: ['months', 'families', 'metric'] },
  { id: 'top-shops', title: 'Top shops', marts: ['sales_cube', 'dim_shops', 'dim_categories'], filters: ALL },
  { id: 'shop-category-treemap', title: 'Shop × category', marts: ['shop_category_matrix', 'dim_shops'], filters: ['shops', 'families', 'metric'] },
  { id: 'price-vs-quantity', title: 'Price vs quantity per item', marts: ['price_vs_quantity'], filters: ['families', 'metric'] },
  { id: 'item-consistency', title: 'Top items month by month', marts: ['item_monthly_consistency', 'dim_items', 'dim_categories'], filters: ['months', 'families', 'metric'] },
  { id: 'shop-radar', title: 'Shop profiles', marts: ['sales_cube', 'dim_shops', 'dim_categories'], filters: ALL },
  { id: 'new-vs-old', title: 'New vs old items', marts: ['new_vs_old_items'], filters: ['months', 'metric'] },
  { id: 'seasonality', title: 'Seasonality by family', marts: ['seasonality_by_category'], filters: ['families', 'metric'] },
];

/** Look a chart up by id; throws on a typo so a page cannot silently render a chart without its caption. */
export function getChart(id: string): DashboardChart {
  const chart = DASHBOARD_CHARTS.find((c) => c.id === id);
  if (!chart) throw new Error(`Unknown dashboard chart '${id}'. Known: ${DASHBOARD_CHARTS.map((c) => c.id).join(', ')}`);
  return chart;
}

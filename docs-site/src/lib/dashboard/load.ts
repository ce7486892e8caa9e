/**
 * Build-time only: read the marts from DuckDB and shape them into the compact `DashboardData`.
 *
 * Every number is cast in SQL (DOUBLE / INTEGER) and passed through `toNumber`, and every date is
 * formatted to an ISO string in SQL: DuckDB hands BIGINT/HUGEINT back as bigint and DECIMAL as
 * strings in some conversions, which Plot would then treat as categories (DESIGN.md, "Watch
 * types at the boundary").
 */
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BuildInfo, DashboardData } from './types.ts';
import { MARTS_SCHEMA } from './charts.ts';

export interface LoadOptions {
  duckdbPath: string;
  build: BuildInfo;
  /** How many items (best by revenue) the price/quantity scatter embeds. */
  scatterItems?: number;
}

/**
 * Items in the scatter. The best sellers by revenue carry the picture; each item costs ~15 bytes
 * gzipped, and the page budget (300 KB for script + data) is mostly spent on the exact cube.
 */
export const DEFAULT_SCATTER_ITEMS = 800;

export class DashboardDataError extends Error {
  override name = 'DashboardDataError';
}

type Columns = Record<string, unknown[]>;

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (value === null || value === undefined) return 0;
  return Number(String(value));
}

function toText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

const nums = (col: unknown[] | undefined) => (col ?? []).map(toNumber);
const rubles = (col: unknown[] | undefined) => (col ?? []).map((v) => Math.round(toNumber(v)));
const texts = (col: unknown[] | undefined) => (col ?? []).map(toText);

async function query(conn: DuckDBConnection, sql: string): Promise<Columns> {
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getColumnsObjectJS() as Columns;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new DashboardDataError(`Dashboard query failed: ${message}\nSQL: ${sql.trim()}\nAre the marts in ${MARTS_SCHEMA} built? Run \`npm run pipeline\`.`);
  }
}

const m = (table: string) => `${MARTS_SCHEMA}.${table}`;
const iso = (col: string) => `strftime(${col}::DATE, '%Y-%m-%d')`;

/** All months from the first to the last month seen, so charts never skip a month with no sales. */
function contiguousMonths(seen: string[]): string[] {
  if (!seen.length) return [];
  const sorted = [...seen].sort();
  const [y0, m0] = sorted[0].split('-').map(Number);
  const [y1, m1] = sorted[sorted.length - 1].split('-').map(Number);
  const out: string[] = [];
  for (let y = y0, mo = m0; y < y1 || (y === y1 && mo <= m1); mo === 12 ? ((mo = 1), y++) : mo++) {
    out.push(`${y}-${String(mo).padStart(2, '0')}-01`);
  }
  return out;
}

function indexer(keys: (string | number)[]): Map<string | number, number> {
  return new Map(keys.map((k, i) => [k, i]));
}

function lookup(map: Map<string | number, number>, key: string | number, what: string): number {
  const i = map.get(key);
  if (i === undefined) throw new DashboardDataError(`Dashboard: ${what} '${key}' is missing from its dimension.`);
  return i;
}

export async function loadDashboardData(options: LoadOptions): Promise<DashboardData> {
  if (!existsSync(options.duckdbPath)) {
    throw new DashboardDataError(`Dashboard: DuckDB file not found at ${options.duckdbPath}. Run \`npm run pipeline\` or set STRATA_DUCKDB_PATH.`);
  }
  const instance = await DuckDBInstance.create(options.duckdbPath, {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    return await shape(conn, options);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function shape(conn: DuckDBConnection, options: LoadOptions): Promise<DashboardData> {
  const monthRows = await query(
    conn,
    `select distinct ${iso('month_start')} as month from ${m('fct_monthly_sales')}
     union select distinct ${iso('month_start')} from ${m('sales_cube')}`,
  );
  const months = contiguousMonths(texts(monthRows.month));
  const monthIx = indexer(months);

  // Shops: the dimension, plus any id the cube has that the dimension lacks (named by id).
  const shopRows = await query(
    conn,
    `select s.shop_id::INTEGER as id, coalesce(d.shop_name_en, 'Shop ' || s.shop_id) as name, coalesce(d.city_en, '') as city
     from (select shop_id from ${m('dim_shops')} union select shop_id from ${m('sales_cube')}) s
     left join ${m('dim_shops')} d using (shop_id)
     order by name, id`,
  );
  const shops = { id: nums(shopRows.id), name: texts(shopRows.name), city: texts(shopRows.city) };
  const shopIx = indexer(shops.id);

  // Families ordered by revenue, biggest first: palette slots follow this order.
  const familyRows = await query(
    conn,
    `select coalesce(d.family_en, 'Other') as family, sum(c.revenue)::DOUBLE as revenue
     from ${m('dim_categories')} d left join ${m('sales_cube')} c using (category_id)
     group by all order by revenue desc nulls last, family`,
  );
  const families = texts(familyRows.family);
  const familyIx = indexer(families);
  // Names a mart has but dim_categories lacks (or nulls, coalesced to 'Other') are appended.
  const fam = (name: string): number => {
    let i = familyIx.get(name);
    if (i === undefined) {
      i = families.push(name) - 1;
      familyIx.set(name, i);
    }
    return i;
  };

  const categoryRows = await query(
    conn,
    `select c.category_id::INTEGER as id, coalesce(d.category_name_en, 'Category ' || c.category_id) as name,
            coalesce(d.family_en, 'Other') as family
     from (select category_id from ${m('dim_categories')} union select category_id from ${m('sales_cube')}) c
     left join ${m('dim_categories')} d using (category_id)
     order by id`,
  );
  const categories = {
    id: nums(categoryRows.id),
    name: texts(categoryRows.name),
    family: texts(categoryRows.family).map(fam),
  };
  const categoryIx = indexer(categories.id);

  // Sorted by shop, family, month: long runs of equal indexes compress to almost nothing.
  const cubeRows = await query(
    conn,
    `select ${iso('c.month_start')} as month, c.shop_id::INTEGER as shop, coalesce(d.family_en, 'Other') as family,
            sum(c.revenue)::DOUBLE as revenue, sum(c.units)::DOUBLE as units
     from ${m('sales_cube')} c left join ${m('dim_categories')} d using (category_id)
     group by all order by shop, family, month`,
  );
  const cube = {
    month: texts(cubeRows.month).map((v) => lookup(monthIx, v, 'month')),
    shop: nums(cubeRows.shop).map((v) => lookup(shopIx, v, 'shop')),
    family: texts(cubeRows.family).map(fam),
    revenue: rubles(cubeRows.revenue),
    units: rubles(cubeRows.units),
  };

  const cmRows = await query(
    conn,
    `select ${iso('month_start')} as month, category_id::INTEGER as category, sum(revenue)::DOUBLE as revenue, sum(units)::DOUBLE as units
     from ${m('sales_cube')} group by all order by category, month`,
  );
  const categoryMonth = {
    month: texts(cmRows.month).map((v) => lookup(monthIx, v, 'month')),
    category: nums(cmRows.category).map((v) => lookup(categoryIx, v, 'category')),
    revenue: rubles(cmRows.revenue),
    units: rubles(cmRows.units),
  };

  const scRows = await query(
    conn,
    `select shop_id::INTEGER as shop, category_id::INTEGER as category, sum(revenue)::DOUBLE as revenue, sum(units)::DOUBLE as units
     from ${m('shop_category_matrix')} group by all order by shop, category`,
  );
  const shopCategory = {
    shop: nums(scRows.shop).map((v) => lookup(shopIx, v, 'shop')),
    category: nums(scRows.category).map((v) => lookup(categoryIx, v, 'category')),
    revenue: rubles(scRows.revenue),
    units: rubles(scRows.units),
  };

  const limit = Math.max(1, Math.floor(options.scatterItems ?? DEFAULT_SCATTER_ITEMS));
  const itemRows = await query(
    conn,
    `select item_name as name, coalesce(family_en, 'Other') as family, round(avg_price::DOUBLE, 2) as price,
            units::DOUBLE as units, revenue::DOUBLE as revenue, count(*) over ()::INTEGER as total
     from ${m('price_vs_quantity')} order by revenue desc, item_id limit ${limit}`,
  );
  const items = {
    name: texts(itemRows.name).map((n) => n.trim()),
    family: texts(itemRows.family).map(fam),
    price: nums(itemRows.price),
    units: rubles(itemRows.units),
    revenue: rubles(itemRows.revenue),
    totalItems: toNumber(itemRows.total?.[0] ?? 0),
  };

  // Rows in the mart's own order: most units first (ties by item id).
  const heatRows = await query(
    conn,
    `with totals as (
       select item_id, any_value(item_name) as item_name, sum(units) as total
       from ${m('item_monthly_consistency')} group by item_id
     ), ranked as (
       select t.item_id, t.item_name, coalesce(dc.family_en, 'Other') as family,
              (row_number() over (order by t.total desc, t.item_id) - 1)::INTEGER as row
       from totals t
       left join ${m('dim_items')} di using (item_id)
       left join ${m('dim_categories')} dc on dc.category_id = di.category_id
     )
     select r.row, r.item_name as item, r.family, ${iso('i.month_start')} as month,
            i.revenue::DOUBLE as revenue, i.units::DOUBLE as units
     from ${m('item_monthly_consistency')} i join ranked r using (item_id)
     order by r.row, month`,
  );
  const heatRowIx = nums(heatRows.row);
  const heatItems: string[] = [];
  const heatFamilies: number[] = [];
  texts(heatRows.item).forEach((name, i) => {
    const r = heatRowIx[i];
    heatItems[r] = name.trim();
    heatFamilies[r] = fam(toText(heatRows.family[i]));
  });
  const heatmap = {
    items: heatItems,
    itemFamily: heatFamilies,
    row: heatRowIx,
    month: texts(heatRows.month).map((v) => lookup(monthIx, v, 'month')),
    revenue: rubles(heatRows.revenue),
    units: rubles(heatRows.units),
  };

  const noRows = await query(
    conn,
    `select ${iso('month_start')} as month, case when item_age = 'new' then 1 else 0 end as is_new,
            revenue::DOUBLE as revenue, units::DOUBLE as units, items::DOUBLE as items
     from ${m('new_vs_old_items')} order by month, is_new`,
  );
  const newOld = {
    month: texts(noRows.month).map((v) => lookup(monthIx, v, 'month')),
    isNew: nums(noRows.is_new),
    revenue: rubles(noRows.revenue),
    units: rubles(noRows.units),
    items: rubles(noRows.items),
  };

  const seRows = await query(
    conn,
    `select coalesce(family_en, 'Other') as family, month_of_year::INTEGER as moy, sum(revenue)::DOUBLE as revenue, sum(units)::DOUBLE as units
     from ${m('seasonality_by_category')} group by all order by family, moy`,
  );
  const seasonality = {
    family: texts(seRows.family).map(fam),
    monthOfYear: nums(seRows.moy),
    revenue: rubles(seRows.revenue),
    units: rubles(seRows.units),
  };

  return { version: 1, build: options.build, months, shops, families, categories, cube, categoryMonth, shopCategory, items, heatmap, newOld, seasonality };
}

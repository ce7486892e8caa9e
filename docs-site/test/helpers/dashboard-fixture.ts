/**
 * A small, deterministic stand-in for the real marts: creates `main_marts.*` in a fresh DuckDB file
 * with the column contract of the sales project, plus a target folder with manifest.json and
 * run_results.json. Every mart is derived by SQL from one line table (month × shop × item), so the
 * marts agree with each other the way the real ones do.
 *
 * SMALL_SPEC (tests): 8 shops (one opens late, one closes early), 10 categories in 6 families,
 * 60 items, 24 months (2013-01 .. 2014-12), some returns (negative units); a few hundred to
 * ~1,500 rows per mart. FULL_SPEC: the real data's dimensions, for the size/speed budgets.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const FIXTURE_SHOPS: [number, string, string, string][] = [
  [2, 'Adygea, Mega SC', 'Adygea', 'mall'],
  [6, 'Voronezh, Plekhanovskaya St 13', 'Voronezh', 'street'],
  [12, 'Online store ChS', 'Online', 'online'],
  [25, 'Moscow, Atrium SEC', 'Moscow', 'mall'],
  [28, 'Moscow, MEGA Teply Stan II SEC', 'Moscow', 'mall'],
  [31, 'Moscow, Semenovsky SEC', 'Moscow', 'mall'],
  [42, 'Saint Petersburg, Nevsky Centre TC', 'Saint Petersburg', 'mall'],
  [57, 'Yakutsk, Ordzhonikidze St 56', 'Yakutsk', 'street'],
];

/** [category_id, English name, family, subtype, base price in rubles] */
export const FIXTURE_CATEGORIES: [number, string, string, string, number][] = [
  [19, 'Games - PS3', 'Console games', 'PS3', 1499],
  [20, 'Games - PS4', 'Console games', 'PS4', 2799],
  [30, 'PC Games - Standard Editions', 'PC games', 'Standard Editions', 599],
  [37, 'Cinema - Blu-ray', 'Movies', 'Blu-ray', 499],
  [40, 'Cinema - DVD', 'Movies', 'DVD', 169],
  [55, 'Music - Locally produced CDs', 'Music', 'Locally produced CDs', 299],
  [63, 'Gifts - Soft Toys', 'Gifts', 'Soft Toys', 849],
  [71, 'Gifts - Bags, Albums, Mouse pads', 'Gifts', 'Bags', 5],
  [75, 'Software - Home and Office', 'Software', 'Home and Office', 1590],
  [83, 'Batteries', 'Batteries', 'Batteries', 99],
];

export interface FixturePaths {
  dir: string;
  duckdbPath: string;
  targetDir: string;
}

export const FIXTURE_BUILT_AT = '2025-01-15T09:30:00.000Z';

const MARTS = [
  'dim_shops', 'dim_items', 'dim_categories', 'fct_daily_sales', 'fct_monthly_sales', 'total_revenue', 'revenue_by_month',
  'top_shops', 'top_items', 'top_categories', 'shop_category_matrix', 'shop_profile', 'item_monthly_consistency',
  'seasonality_by_category', 'new_vs_old_items', 'price_vs_quantity', 'sales_cube',
];

function values(rows: (string | number)[][]): string {
  return rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(', ')})`).join(',\n');
}

// `hash()` is deterministic, so the fixture is the same on every run; u(...) is uniform in [0, 1).
const u = (...parts: string[]) => `((hash(${parts.join(', ')}) % 100000)::DOUBLE / 100000)`;

export interface FixtureSpec {
  shops: [number, string, string, string][];
  categories: [number, string, string, string, number][];
  items: number;
  months: number;
  /** Share of (month, shop, item) cells with sales. */
  density: number;
  /** Largest units of a (month, shop, item) cell, before the December boost. */
  maxUnits: number;
}

export const SMALL_SPEC: FixtureSpec = { shops: FIXTURE_SHOPS, categories: FIXTURE_CATEGORIES, items: 60, months: 24, density: 0.35, maxUnits: 40 };

const FAMILIES = [
  'Movies', 'PC games', 'Console games', 'Gifts', 'Music', 'Accessories', 'Books', 'Software', 'Payment cards', 'Game consoles',
  'Service', 'Delivery', 'Tickets', 'Batteries', 'Blank media', 'Android games', 'Mac games', 'PC accessories',
];
const CITIES = ['Moscow', 'Saint Petersburg', 'Novosibirsk', 'Kazan', 'Voronezh', 'Krasnoyarsk', 'Tomsk', 'Yakutsk', 'Samara', 'Ufa'];

/**
 * Real-data scale for the budget measurements: 57 shops, 84 categories in 18 families,
 * 34 months, 2,000 items. Dense, so it is a worst case for the embedded data size.
 */
export const FULL_SPEC: FixtureSpec = {
  shops: Array.from({ length: 57 }, (_, i) => {
    const city = CITIES[i % CITIES.length];
    return [i + 2, `${city}, Shopping Centre No. ${i + 2}`, city, i % 5 === 0 ? 'street' : 'mall'];
  }),
  categories: Array.from({ length: 84 }, (_, i) => {
    const family = FAMILIES[i % FAMILIES.length];
    // Prices from ₽20 to ~₽5,500 (median ~₽350), like the real categories.
    return [i, `${family} - Subtype ${i}`, family, `Subtype ${i}`, Math.round(20 * 1.07 ** ((i * 37) % 84))];
  }),
  items: 2000,
  months: 34,
  density: 0.3,
  // Mean ≈ 2.3 units per cell, as in the real monthly aggregate.
  maxUnits: 8,
};

const fixtureSql = (spec: FixtureSpec) => `
create schema if not exists fixture;
create schema if not exists main_marts;

create table main_marts.dim_shops as
select shop_id, shop_name_en || ' (ru)' as shop_name_ru, shop_name_en, city_en, shop_type,
       case shop_id when 57 then date '2013-07-01' else date '2013-01-01' end as first_month,
       case shop_id when 2 then date '2014-06-01' else (date '2013-01-01' + to_months(${spec.months - 1}))::DATE end as last_month
from (values ${values(spec.shops)}) t(shop_id, shop_name_en, city_en, shop_type);

create table main_marts.dim_categories as
select category_id, category_name_en || ' (ru)' as category_name_ru, category_name_en, family_en, subtype_en, base_price
from (values ${values(spec.categories)}) t(category_id, category_name_en, family_en, subtype_en, base_price);

create table main_marts.dim_items as
select i as item_id,
       case when i % 7 = 0 then '"' || c.subtype_en || ' Deluxe, vol. ' || i || '"' else c.subtype_en || ' title #' || i || ' [' || c.family_en || ']' end as item_name,
       c.category_id
from range(${spec.items}) r(i)
join (select *, row_number() over (order by category_id) - 1 as k from main_marts.dim_categories) c on c.k = i % ${spec.categories.length};

create table fixture.months as
select (date '2013-01-01' + to_months(m))::DATE as month_start, m::INTEGER as date_block_num
from range(${spec.months}) r(m);

-- One row per month × shop × item that sold: the fact every mart is derived from.
create table fixture.lines as
with grid as (
  select mo.month_start, mo.date_block_num, s.shop_id, i.item_id, c.category_id, c.base_price,
         ${u('mo.date_block_num', 's.shop_id', 'i.item_id')} as p, ${u('i.item_id', 's.shop_id', 'mo.date_block_num', "'q'")} as q
  from fixture.months mo
  cross join main_marts.dim_shops s
  cross join main_marts.dim_items i
  join main_marts.dim_categories c using (category_id)
  where mo.month_start between s.first_month and s.last_month
    -- Newer items start selling later, so "new vs old items" has something to show.
    and mo.date_block_num >= (i.item_id % 6) * 3
)
select month_start, date_block_num, shop_id, item_id, category_id,
       -- Occasional net returns; December sells more.
       (case when q < 0.02 then -1 else 1 + floor(q * q * ${spec.maxUnits})::INTEGER end)
         * (case when month(month_start) = 12 then 2 else 1 end) as units,
       round(base_price * (0.85 + 0.3 * ${u('item_id', "'price'")}), 2) as unit_price,
       1 + floor(q * 8)::INTEGER as transactions
from grid
where p < ${spec.density};

create table main_marts.fct_daily_sales as
select (month_start + (hash(shop_id, date_block_num) % 28)::INTEGER)::DATE as sale_date, shop_id,
       sum(greatest(units, 0))::BIGINT as units, round(sum(units * unit_price), 2)::DECIMAL(18, 2) as revenue,
       sum(transactions)::BIGINT as transactions, sum(greatest(-units, 0))::BIGINT as return_units
from fixture.lines group by all;

create table main_marts.sales_cube as
select month_start, shop_id, category_id,
       round(sum(units * unit_price), 2)::DECIMAL(18, 2) as revenue, sum(units)::BIGINT as units, sum(transactions)::BIGINT as transactions
from fixture.lines group by all;

create table main_marts.fct_monthly_sales as
select month_start, date_block_num, sum(units)::BIGINT as units, round(sum(units * unit_price), 2)::DECIMAL(18, 2) as revenue,
       sum(transactions)::BIGINT as transactions, count(distinct shop_id)::BIGINT as active_shops, count(distinct item_id)::BIGINT as distinct_items
from fixture.lines group by all;

create table main_marts.total_revenue as
select sum(revenue)::DECIMAL(18, 2) as revenue, sum(units)::BIGINT as units from main_marts.fct_monthly_sales;

create table main_marts.revenue_by_month as
select month_start, revenue, units, lag(revenue) over (order by month_start) as prev_revenue,
       round(100 * (revenue - lag(revenue) over (order by month_start)) / lag(revenue) over (order by month_start), 2)::DOUBLE as mom_change_pct
from main_marts.fct_monthly_sales;

create table main_marts.top_shops as
select row_number() over (order by sum(c.revenue) desc)::BIGINT as rank, c.shop_id, d.shop_name_en, d.city_en,
       sum(c.revenue)::DECIMAL(18, 2) as revenue, sum(c.units)::BIGINT as units
from main_marts.sales_cube c join main_marts.dim_shops d using (shop_id) group by all;

create table main_marts.top_categories as
select row_number() over (order by sum(c.revenue) desc)::BIGINT as rank, c.category_id, d.category_name_en, d.family_en,
       sum(c.revenue)::DECIMAL(18, 2) as revenue, sum(c.units)::BIGINT as units
from main_marts.sales_cube c join main_marts.dim_categories d using (category_id) group by all;

create table main_marts.price_vs_quantity as
select l.item_id, i.item_name, l.category_id, c.family_en,
       round(sum(l.units * l.unit_price) / nullif(sum(l.units), 0), 2)::DOUBLE as avg_price,
       sum(l.units)::BIGINT as units, round(sum(l.units * l.unit_price), 2)::DECIMAL(18, 2) as revenue
from fixture.lines l join main_marts.dim_items i using (item_id) join main_marts.dim_categories c on c.category_id = l.category_id
group by all;

create table main_marts.top_items as
select row_number() over (order by revenue desc, item_id)::BIGINT as rank, p.item_id, p.item_name, p.category_id, c.category_name_en, p.revenue, p.units
from main_marts.price_vs_quantity p join main_marts.dim_categories c using (category_id)
qualify rank <= 20;

create table main_marts.shop_category_matrix as
select c.shop_id, s.shop_name_en, c.category_id, d.category_name_en, d.family_en,
       sum(c.revenue)::DECIMAL(18, 2) as revenue, sum(c.units)::BIGINT as units
from main_marts.sales_cube c join main_marts.dim_shops s using (shop_id) join main_marts.dim_categories d using (category_id)
group by all;

create table main_marts.shop_profile as
with monthly as (select shop_id, month_start, sum(revenue) as revenue from main_marts.sales_cube group by all)
select s.shop_id, s.shop_name_en, s.city_en, s.shop_type,
       (select count(distinct category_id) from main_marts.sales_cube c where c.shop_id = s.shop_id)::BIGINT as category_count,
       round(sum(l.units * l.unit_price) / sum(l.units), 2)::DOUBLE as avg_price,
       round(sum(l.units * l.unit_price) / count(distinct l.item_id), 2)::DOUBLE as revenue_per_item,
       round(sum(l.units * l.unit_price), 2)::DECIMAL(18, 2) as revenue, sum(l.units)::BIGINT as units,
       (select count(*) from monthly m where m.shop_id = s.shop_id)::BIGINT as months_active,
       (select round(stddev_pop(m.revenue), 2) from monthly m where m.shop_id = s.shop_id)::DOUBLE as monthly_revenue_stddev
from main_marts.dim_shops s join fixture.lines l using (shop_id) group by s.shop_id, s.shop_name_en, s.city_en, s.shop_type;

create table main_marts.item_monthly_consistency as
select l.item_id, i.item_name, l.month_start, sum(l.units)::BIGINT as units, round(sum(l.units * l.unit_price), 2)::DECIMAL(18, 2) as revenue
from fixture.lines l join main_marts.dim_items i using (item_id)
where l.item_id in (select item_id from main_marts.price_vs_quantity order by units desc, item_id limit 50)
group by all;

create table main_marts.seasonality_by_category as
select d.family_en, month(c.month_start)::INTEGER as month_of_year, sum(c.revenue)::DECIMAL(18, 2) as revenue, sum(c.units)::BIGINT as units,
       round(sum(c.revenue) / count(distinct c.month_start), 2)::DOUBLE as avg_monthly_revenue
from main_marts.sales_cube c join main_marts.dim_categories d using (category_id) group by all;

create table main_marts.new_vs_old_items as
with first_sale as (select item_id, min(month_start) as first_month from fixture.lines group by item_id)
select l.month_start, case when l.month_start = f.first_month then 'new' else 'old' end as item_age,
       round(sum(l.units * l.unit_price), 2)::DECIMAL(18, 2) as revenue, sum(l.units)::BIGINT as units, count(distinct l.item_id)::BIGINT as items
from fixture.lines l join first_sale f using (item_id) group by all;

alter table main_marts.dim_categories drop column base_price;
`;

function modelNode(name: string) {
  const uniqueId = `model.sales.${name}`;
  return {
    uniqueId,
    name,
    packageName: 'sales',
    originalFilePath: `models/marts/${name}.sql`,
    fqn: ['sales', 'marts', name],
    tags: ['marts'],
    description: `Fixture mart ${name}.`,
    columns: {},
    meta: {},
    config: { enabled: true, materialized: 'table', tags: ['marts'], schema: 'marts' },
    dependsOn: { nodes: [], macros: [] },
    resourceType: 'model',
    language: 'sql',
    rawCode: `select 1 as fixture`,
    checksum: '0',
    refs: [],
    sources: [],
    relation: { schema: 'main_marts', identifier: name },
  };
}

function writeArtifacts(targetDir: string): void {
  mkdirSync(targetDir, { recursive: true });
  const nodes = Object.fromEntries(MARTS.map((name) => [`model.sales.${name}`, modelNode(name)]));
  const manifest = {
    metadata: {
      schemaVersion: 'strata/manifest/v1',
      strataVersion: '0.1.0',
      generatedAt: '2025-01-15T09:29:00.000Z',
      projectName: 'sales',
      targetName: 'dev',
      adapterType: 'duckdb',
    },
    nodes,
    sources: {},
    exposures: {},
    macros: {},
    docs: {},
    parentMap: Object.fromEntries(Object.keys(nodes).map((id) => [id, []])),
    childMap: Object.fromEntries(Object.keys(nodes).map((id) => [id, []])),
  };
  const runResults = {
    metadata: {
      schemaVersion: 'strata/run-results/v1',
      strataVersion: '0.1.0',
      generatedAt: FIXTURE_BUILT_AT,
      invocationId: 'fixture',
      command: 'build',
      targetName: 'dev',
    },
    elapsedTime: 1.5,
    args: {},
    results: MARTS.map((name) => ({
      uniqueId: `model.sales.${name}`,
      status: 'success',
      message: 'CREATE TABLE',
      executionTime: 0.01,
      timing: [],
      threadId: 'Thread-1',
      relationName: `main_marts.${name}`,
    })),
  };
  writeFileSync(join(targetDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(targetDir, 'run_results.json'), JSON.stringify(runResults, null, 2));
}

/** Create (or recreate) the fixture under `dir`: `dir/sales.duckdb` and `dir/target/`. */
export async function createDashboardFixture(dir: string, spec: FixtureSpec = SMALL_SPEC): Promise<FixturePaths> {
  mkdirSync(dir, { recursive: true });
  const duckdbPath = join(dir, 'sales.duckdb');
  rmSync(duckdbPath, { force: true });
  rmSync(`${duckdbPath}.wal`, { force: true });
  const instance = await DuckDBInstance.create(duckdbPath, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  try {
    await conn.run(fixtureSql(spec));
    await conn.run('checkpoint');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const targetDir = join(dir, 'target');
  writeArtifacts(targetDir);
  return { dir, duckdbPath, targetDir };
}

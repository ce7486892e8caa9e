import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import type { Adapter, Connection } from '../../src/adapters/adapter.js';
import type { ColumnLineage } from '../../src/docs/types.js';
import { computeColumnLineage } from '../../src/docs/compute-column-lineage.js';
import { generateCatalog } from '../../src/docs/generate-catalog.js';
import { makeManifest, makeModel, makeSeed, makeSource } from './fixture-manifest.js';

const SALES = 'source.shop.raw.sales';
const ITEMS = 'source.shop.raw.items';
const id = (name: string) => `model.shop.${name}`;

/** Each model: name and compiled SQL. Built in order as views, so the catalog has their real columns. */
const MODELS: Array<[string, string]> = [
  ['stg_sales', `select cast(shop_id as integer) as shop_id, item_id, strptime(date, '%d.%m.%Y')::date as sale_date,
      item_price * item_cnt_day as revenue,
      case when item_price < 0 then null else item_price end as price_clean
    from "raw"."sales" where item_cnt_day <> 0`],
  ['cat_revenue', `with s as (select * from "main"."stg_sales"),
      i as (select item_id, item_category_id as category_id from raw.items)
    select i.category_id, s.shop_id, sum(s.revenue) as revenue, count(*) as n_rows, count(distinct s.item_id) as n_items
    from s join i on s.item_id = i.item_id
    where s.sale_date > date '2013-01-01'
    group by all`],
  ['ranked', `select shop_id, category_id, revenue,
      rank() over (partition by category_id order by revenue desc) as rnk,
      revenue / sum(revenue) over (partition by shop_id) as share
    from main.cat_revenue`],
  ['star_ops', `select * exclude (n_rows) replace (revenue / 100 as revenue) from main.cat_revenue`],
  ['using_join', `select * from main.stg_sales join raw.items using (item_id)`],
  ['sub_and_scalar', `select q.shop_id, q.total, (select max(sale_date) from main.stg_sales) as last_date
    from (select shop_id, sum(revenue) as total from main.stg_sales group by shop_id) as q`],
  ['unioned', `select shop_id as id, revenue as amount from main.stg_sales
    union all select item_id, item_price from raw.sales`],
  ['unnamed', `select sales.shop_id, item_price * 2, main.stg_sales.revenue from raw.sales, main.stg_sales limit 0`],
  ['ephemeral_inlined', `with __dbt__cte__eph as (select item_id, upper(item_name) as label from raw.items)
    select label as item_label, e.item_id from __dbt__cte__eph as e`],
  ['alias_reuse', `select item_price as p, p * 2 as doubled, lower(x.item_name) as name_lower
    from raw.sales s left join lateral (select item_name from raw.items where items.item_id = s.item_id) x on true`],
  ['recursive', `with recursive r(n, total) as (select 1, 0::double union all select n + 1, total from r where n < 3)
    select n, total from r`],
];

describe('column lineage', () => {
  let adapter: Adapter;
  let connection: Connection;
  let lineage: ColumnLineage;

  beforeAll(async () => {
    adapter = createDuckDbAdapter({ path: ':memory:' });
    connection = await adapter.connect();
    await connection.execute(`create schema raw`);
    await connection.execute(`create table raw.sales (date varchar, shop_id bigint, item_id bigint, item_price double, item_cnt_day double)`);
    await connection.execute(`create table raw.items (item_name varchar, item_id bigint, item_category_id bigint)`);
    for (const [name, sql] of MODELS) await connection.execute(`create view main.${name} as ${sql}`);
    const manifest = makeManifest([
      makeSource('raw', 'sales'), makeSource('raw', 'items'),
      ...MODELS.map(([name, sql]) => makeModel(name, sql)),
      makeModel('broken', 'select from where ('),
      makeModel('not_select', 'create table x as select 1'),
    ]);
    const catalog = await generateCatalog(adapter, connection, manifest);
    lineage = await computeColumnLineage(manifest, catalog);
  });

  afterAll(async () => {
    await adapter.close();
  });

  const columnsOf = (name: string) => lineage.models[id(name)].columns;

  it('traces expressions, casts and CASE to base columns', () => {
    expect(columnsOf('stg_sales')).toEqual({
      shop_id: [{ uniqueId: SALES, column: 'shop_id' }],
      item_id: [{ uniqueId: SALES, column: 'item_id' }],
      sale_date: [{ uniqueId: SALES, column: 'date' }],
      revenue: [{ uniqueId: SALES, column: 'item_cnt_day' }, { uniqueId: SALES, column: 'item_price' }],
      price_clean: [{ uniqueId: SALES, column: 'item_price' }],
    });
    expect(lineage.models[id('stg_sales')].status).toBe('complete');
  });

  it('follows CTEs, * and aliases through a join; aggregates keep their arguments, count(*) has none', () => {
    expect(columnsOf('cat_revenue')).toEqual({
      category_id: [{ uniqueId: ITEMS, column: 'item_category_id' }],
      shop_id: [{ uniqueId: id('stg_sales'), column: 'shop_id' }],
      revenue: [{ uniqueId: id('stg_sales'), column: 'revenue' }],
      n_rows: [],
      n_items: [{ uniqueId: id('stg_sales'), column: 'item_id' }],
    });
  });

  it('counts window PARTITION BY and ORDER BY as inputs', () => {
    const up = (column: string) => ({ uniqueId: id('cat_revenue'), column });
    expect(columnsOf('ranked')).toEqual({
      shop_id: [up('shop_id')],
      category_id: [up('category_id')],
      revenue: [up('revenue')],
      rnk: [up('category_id'), up('revenue')],
      share: [up('revenue'), up('shop_id')],
    });
  });

  it('expands * with EXCLUDE and REPLACE from the catalog', () => {
    const up = (column: string) => [{ uniqueId: id('cat_revenue'), column }];
    expect(columnsOf('star_ops')).toEqual({
      category_id: up('category_id'), shop_id: up('shop_id'), revenue: up('revenue'), n_items: up('n_items'),
    });
  });

  it('merges USING columns from both sides and lists the rest once', () => {
    const cols = columnsOf('using_join');
    expect(Object.keys(cols)).toEqual(['shop_id', 'item_id', 'sale_date', 'revenue', 'price_clean', 'item_name', 'item_category_id']);
    expect(cols.item_id).toEqual([{ uniqueId: id('stg_sales'), column: 'item_id' }, { uniqueId: ITEMS, column: 'item_id' }]);
    expect(cols.item_name).toEqual([{ uniqueId: ITEMS, column: 'item_name' }]);
  });

  it('resolves FROM subqueries and scalar subqueries', () => {
    expect(columnsOf('sub_and_scalar')).toEqual({
      shop_id: [{ uniqueId: id('stg_sales'), column: 'shop_id' }],
      total: [{ uniqueId: id('stg_sales'), column: 'revenue' }],
      last_date: [{ uniqueId: id('stg_sales'), column: 'sale_date' }],
    });
  });

  it('unions branches positionally', () => {
    expect(columnsOf('unioned')).toEqual({
      id: [{ uniqueId: id('stg_sales'), column: 'shop_id' }, { uniqueId: SALES, column: 'item_id' }],
      amount: [{ uniqueId: id('stg_sales'), column: 'revenue' }, { uniqueId: SALES, column: 'item_price' }],
    });
  });

  it('names unaliased expressions from the catalog by position and resolves schema.table.column', () => {
    const cols = columnsOf('unnamed');
    const names = Object.keys(cols);
    expect(names).toHaveLength(3);
    expect(cols[names[1]]).toEqual([{ uniqueId: SALES, column: 'item_price' }]);
    expect(cols.revenue).toEqual([{ uniqueId: id('stg_sales'), column: 'revenue' }]);
    expect(cols.shop_id).toEqual([{ uniqueId: SALES, column: 'shop_id' }]);
  });

  it('traces through inlined ephemeral CTEs, select-alias reuse and lateral joins', () => {
    expect(columnsOf('ephemeral_inlined')).toEqual({
      item_label: [{ uniqueId: ITEMS, column: 'item_name' }],
      item_id: [{ uniqueId: ITEMS, column: 'item_id' }],
    });
    expect(columnsOf('alias_reuse')).toEqual({
      p: [{ uniqueId: SALES, column: 'item_price' }],
      doubled: [{ uniqueId: SALES, column: 'item_price' }],
      name_lower: [{ uniqueId: ITEMS, column: 'item_name' }],
    });
  });

  it('handles recursive CTEs', () => {
    expect(columnsOf('recursive')).toEqual({ n: [], total: [] });
  });

  it('degrades to unknown for SQL that does not parse or is not a SELECT, without throwing', () => {
    expect(lineage.models[id('broken')].status).toBe('unknown');
    expect(lineage.models[id('broken')].issues[0]).toMatch(/could not be parsed/);
    expect(lineage.models[id('not_select')].status).toBe('unknown');
    expect(lineage.stats.unknown).toBe(2);
  });
});

describe('column lineage without a catalog entry', () => {
  it('takes column names from the SQL and marks * over an unknown relation as partial', async () => {
    const manifest = makeManifest([
      makeSource('raw', 'missing'),
      makeModel('m', 'select a, b + 1 as c, t.* from raw.missing as t, range(3) as g(i)'),
    ]);
    const catalog = { metadata: { schemaVersion: 'strata/catalog/v1', strataVersion: '0', generatedAt: '', targetName: 'dev' }, nodes: {}, sources: {}, errors: [] };
    const lineage = await computeColumnLineage(manifest, catalog);
    const model = lineage.models[id('m')];
    expect(model.status).toBe('partial');
    expect(model.columns).toEqual({
      a: [{ uniqueId: 'source.shop.raw.missing', column: 'a' }],
      c: [{ uniqueId: 'source.shop.raw.missing', column: 'b' }],
    });
    expect(model.issues.join('\n')).toMatch(/cannot expand \* over t/);
  });

  it('describes relations not built yet by the columns their own SQL outputs, and seeds by their header', async () => {
    const seed = { ...makeSeed('rates'), columnNames: ['currency', 'rate'] };
    const manifest = makeManifest([
      makeSource('raw', 'orders'),
      seed,
      makeModel('stg', 'select id, amount * 2 as amount2 from raw.orders', { dependsOn: ['source.shop.raw.orders'] }),
      makeModel('fct', 'select s.*, r.rate from main.stg as s cross join main.rates as r', { dependsOn: [id('stg'), seed.uniqueId] }),
    ]);
    const empty = { metadata: { schemaVersion: 'strata/catalog/v1', strataVersion: '0', generatedAt: '', targetName: 'dev' }, nodes: {}, sources: {}, errors: [] };
    const lineage = await computeColumnLineage(manifest, empty);
    expect(lineage.models[id('fct')]).toEqual({
      status: 'complete',
      columns: {
        id: [{ uniqueId: id('stg'), column: 'id' }],
        amount2: [{ uniqueId: id('stg'), column: 'amount2' }],
        rate: [{ uniqueId: seed.uniqueId, column: 'rate' }],
      },
      issues: [],
    });
    expect(lineage.models[id('stg')].status).toBe('partial');
  });
});

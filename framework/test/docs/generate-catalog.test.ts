import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import type { Adapter, Connection } from '../../src/adapters/adapter.js';
import { generateCatalog } from '../../src/docs/generate-catalog.js';
import { makeManifest, makeModel, makeSeed, makeSource, makeTest } from './fixture-manifest.js';

const manifest = makeManifest([
  makeSource('raw', 'sales'),
  makeSeed('shops'),
  makeModel('stg_sales', 'select * from raw.sales', { config: { materialized: 'view' } }),
  makeModel('fct_sales', 'select 1', { config: { materialized: 'table' } }),
  makeModel('eph', 'select 1', { config: { materialized: 'ephemeral' } }),
  makeModel('never_built', 'select 1', { config: { materialized: 'table' } }),
  makeTest('not_null_fct_sales_shop_id', 'model.shop.fct_sales', 'not_null', 'shop_id'),
]);

describe('generateCatalog', () => {
  let adapter: Adapter;
  let connection: Connection;

  beforeAll(async () => {
    adapter = createDuckDbAdapter({ path: ':memory:' });
    connection = await adapter.connect();
    for (const sql of [
      'create schema raw',
      `create table raw.sales as select * from (values ('02.01.2013', 59, 22154, 999.0), ('03.01.2013', 25, 2552, 899.0), ('05.01.2013', 25, 2552, 899.0)) v(date, shop_id, item_id, item_price)`,
      `create table main.shops (shop_id integer, shop_name varchar)`,
      `insert into main.shops values (1, 'a'), (2, 'b')`,
      'create view main.stg_sales as select * from raw.sales',
      'create table main.fct_sales as select shop_id, sum(item_price)::decimal(18,2) as revenue from raw.sales group by shop_id',
    ]) await connection.execute(sql);
  });
  afterAll(() => adapter.close());

  it('reads kinds, typed columns in order and table row counts; skips ephemerals and tests', async () => {
    const catalog = await generateCatalog(adapter, connection, manifest, { now: () => new Date('2025-01-15T10:00:00Z') });
    expect(Object.keys(catalog.nodes).sort()).toEqual(['model.shop.fct_sales', 'model.shop.stg_sales', 'seed.shop.shops']);
    expect(Object.keys(catalog.sources)).toEqual(['source.shop.raw.sales']);
    expect(catalog.nodes['model.shop.fct_sales']).toEqual({
      uniqueId: 'model.shop.fct_sales',
      relation: { schema: 'main', identifier: 'fct_sales' },
      kind: 'table',
      columns: [{ name: 'shop_id', type: 'INTEGER', index: 1 }, { name: 'revenue', type: 'DECIMAL(18,2)', index: 2 }],
      rowCount: 2,
    });
    expect(catalog.nodes['model.shop.stg_sales'].kind).toBe('view');
    expect(catalog.nodes['model.shop.stg_sales'].rowCount).toBeUndefined();
    expect(catalog.nodes['model.shop.stg_sales'].columns.map((c) => c.name)).toEqual(['date', 'shop_id', 'item_id', 'item_price']);
    expect(catalog.sources['source.shop.raw.sales'].rowCount).toBe(3);
    expect(catalog.nodes['seed.shop.shops'].rowCount).toBe(2);
    expect(catalog.metadata).toMatchObject({ schemaVersion: 'strata/catalog/v1', generatedAt: '2025-01-15T10:00:00.000Z', targetName: 'dev' });
  });

  it('reports missing relations in errors and still returns the rest', async () => {
    const catalog = await generateCatalog(adapter, connection, manifest);
    expect(catalog.errors).toHaveLength(1);
    expect(catalog.errors[0]).toMatch(/^model\.shop\.never_built: relation main\.never_built does not exist/);
  });

  it('counts views too when asked, and nothing with rowCounts none', async () => {
    const all = await generateCatalog(adapter, connection, manifest, { rowCounts: 'all' });
    expect(all.nodes['model.shop.stg_sales'].rowCount).toBe(3);
    const none = await generateCatalog(adapter, connection, manifest, { rowCounts: 'none' });
    expect(Object.values(none.nodes).some((n) => n.rowCount !== undefined)).toBe(false);
  });

  it('prefers a bulk listColumns on the introspector, and falls back when information_schema fails', async () => {
    const bulk: Adapter = {
      ...adapter,
      introspector: (c) => ({
        ...adapter.introspector(c),
        listColumns: async () => ({ fct_sales: [{ name: 'from_bulk', type: 'X' }] }),
      }),
    };
    const viaBulk = await generateCatalog(bulk, connection, manifest, { rowCounts: 'none' });
    expect(viaBulk.nodes['model.shop.fct_sales'].columns).toEqual([{ name: 'from_bulk', type: 'X', index: 1 }]);
    // Relations the bulk listing missed are still read one by one.
    expect(viaBulk.nodes['model.shop.stg_sales'].columns).toHaveLength(4);

    const noInfoSchema: Connection = {
      execute: (sql, binds) => (/information_schema\.columns/.test(sql) ? Promise.reject(new Error('no such view')) : connection.execute(sql, binds)),
      close: () => connection.close(),
    };
    const viaProbe = await generateCatalog(adapter, noInfoSchema, manifest, { rowCounts: 'none' });
    expect(viaProbe.nodes['model.shop.fct_sales'].columns.map((c) => `${c.name} ${c.type}`)).toEqual(['shop_id INTEGER', 'revenue DECIMAL(18,2)']);
  });
});

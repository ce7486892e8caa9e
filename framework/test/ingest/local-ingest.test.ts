import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/index.js';
import { createTestProject, type TestProject } from './ingest-fixtures.js';

describe('runIngest from a local folder', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('loads every file into the raw schema with the declared types', async () => {
    const summary = await runIngest(project.request());

    expect(summary.files.map((f) => [f.table, f.status, f.rows])).toEqual([
      ['sales_train', 'loaded', 6],
      ['shops', 'loaded', 4],
    ]);
    expect(summary.files[0].bytes).toBeGreaterThan(200);

    const types = await project.query(
      `select table_name, column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name in ('sales_train', 'shops') order by table_name, ordinal_position`,
    );
    expect(types.map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`)).toEqual([
      'sales_train.date:DATE',
      'sales_train.date_block_num:INTEGER',
      'sales_train.shop_id:INTEGER',
      'sales_train.item_id:INTEGER',
      'sales_train.item_price:DOUBLE',
      'sales_train.item_cnt_day:DOUBLE',
      'shops.shop_name:VARCHAR',
      'shops.shop_id:INTEGER',
    ]);

    const sales = await project.query(
      `select strftime(date, '%Y-%m-%d') as d, date_block_num, shop_id, item_id, item_price, item_cnt_day from raw.sales_train order by date, item_id`,
    );
    expect(sales[0]).toEqual({ d: '2013-01-02', date_block_num: 0, shop_id: 59, item_id: 22154, item_price: 999, item_cnt_day: 1 });
    expect(sales.find((r) => r.item_cnt_day === -1)).toMatchObject({ d: '2013-01-05', item_id: 2552 });
    expect(sales.find((r) => r.item_id === 2554)?.item_price).toBeCloseTo(1709.05);
    expect(sales.at(-1)).toMatchObject({ d: '2015-10-31', date_block_num: 33 });

    const shops = await project.query('select shop_name, shop_id from raw.shops order by shop_id');
    expect(shops).toEqual([
      { shop_name: '!Якутск Орджоникидзе, 56 фран', shop_id: 0 },
      { shop_name: '!Якутск ТЦ "Центральный" фран', shop_id: 1 },
      { shop_name: 'Адыгея ТЦ "Мега"', shop_id: 2 },
      { shop_name: 'Москва ТЦ "МЕГА Белая Дача II", Котельники', shop_id: 3 },
    ]);
  });

  it('logs one dbt-style line per file and leaves no staging tables', async () => {
    await runIngest(project.request());
    const ok = project.lines.filter((l) => / OK /.test(l));
    expect(ok[0]).toMatch(/1 of 2 OK loaded raw\.sales_train \.+ \[6 rows in \d+\.\ds\]$/);
    expect(ok[1]).toMatch(/2 of 2 OK loaded raw\.shops \.+ \[4 rows in \d+\.\ds\]$/);
    const tables = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`);
    expect(tables.map((r) => r.table_name)).toEqual(['_strata_load_ledger', 'sales_train', 'shops']);
  });

  it('loads only the selected tables', async () => {
    const summary = await runIngest(project.request({ select: ['shops'] }));
    expect(summary.files.map((f) => f.table)).toEqual(['shops']);
    const tables = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`);
    expect(tables.map((r) => r.table_name)).toEqual(['_strata_load_ledger', 'shops']);
  });

  it('rejects an unknown selected table with a suggestion', async () => {
    await expect(runIngest(project.request({ select: ['shop'] }))).rejects.toThrow(/Unknown ingest table: shop\.[\s\S]*Did you mean 'shops'/);
  });

  it('accepts a strftime date format and another delimiter', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await writeFile(join(project.rawDir, 'semi.csv'), 'day;amount\n2024/03/01;1.5\n2024/12/31;-2\n');
    const config = {
      schema: 'landing',
      source: 'data/raw',
      files: [{ file: 'semi.csv', table: 'semi', columns: { day: 'DATE', amount: 'DECIMAL(10,2)' }, date_format: '%Y/%m/%d', delimiter: ';' }],
    };
    await runIngest(project.request({ config }));
    const rows = await project.query(`select cast(day as varchar) as day, cast(amount as varchar) as amount from landing.semi order by day`);
    expect(rows).toEqual([
      { day: '2024-03-01', amount: '1.50' },
      { day: '2024-12-31', amount: '-2.00' },
    ]);
  });
});

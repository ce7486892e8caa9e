import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '../../src/adapters/adapter.js';
import { runIngest } from '../../src/ingest/index.js';
import { createTestProject, fixtureConfig, type TestProject } from './ingest-fixtures.js';

/** The same adapter, but any statement matching `failOn` throws (as a crash mid-swap would). */
function failingAdapter(inner: Adapter, failOn: RegExp): Adapter {
  return {
    ...inner,
    introspector: (c) => inner.introspector(c),
    loadCsv: (c, r) => inner.loadCsv(c, r),
    async connect(): Promise<Connection> {
      const connection = await inner.connect();
      return {
        execute: (sql, binds) => (failOn.test(sql) ? Promise.reject(new Error(`injected failure: ${sql}`)) : connection.execute(sql, binds)),
        close: () => connection.close(),
      };
    },
  };
}

describe('a failure during the swap', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('rolls back: the old table, its rows and its ledger row survive, and no staging table remains', async () => {
    await runIngest(project.request());
    await appendFile(join(project.rawDir, 'shops.csv'), 'Новый магазин,4\n');

    const adapter = failingAdapter(project.adapter, /^insert into .*_strata_load_ledger/);
    await expect(runIngest(project.request({ adapter, select: ['shops'] }))).rejects.toThrow(/injected failure/);

    expect(await project.query('select count(*) as n from raw.shops')).toEqual([{ n: 4 }]);
    expect(await project.query(`select row_count from raw._strata_load_ledger where table_name = 'shops'`)).toEqual([{ row_count: 4 }]);
    const tables = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`);
    expect(tables.map((r) => r.table_name)).toEqual(['_strata_load_ledger', 'sales_train', 'shops']);

    // The next healthy run picks the change up.
    const retry = await runIngest(project.request({ select: ['shops'] }));
    expect(retry.files[0]).toMatchObject({ status: 'loaded', rows: 5 });
  });

  it('rolls back a new extra file: its table, the view and the ledger stay as they were', async () => {
    const config = fixtureConfig();
    config.files[0] = { ...config.files[0], extra_files: 'sales_train_month_*.csv' };
    await runIngest(project.request({ config }));
    const state = async () => ({
      tables: await project.query(`select table_name, table_type from information_schema.tables where table_schema = 'raw' order by 1`),
      view: await project.query(`select sql from duckdb_views() where schema_name = 'raw' and view_name = 'sales_train'`),
      rows: await project.query(`select _source_file, count(*)::int as n from raw.sales_train group by 1 order by 1`),
      ledger: await project.query(`select file_name, row_count from raw._strata_load_ledger order by 1`),
    });
    const before = await state();
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day\n01.11.2015,34,59,22087,119.0,1.0\n');

    const adapter = failingAdapter(project.adapter, /^insert into .*_strata_load_ledger/);
    await expect(runIngest(project.request({ adapter, config }))).rejects.toThrow(/injected failure/);

    expect(await state()).toEqual(before);
    const retry = await runIngest(project.request({ config }));
    expect(retry.files.map((f) => `${f.file} ${f.status} ${f.rows}`)).toEqual(['sales_train.csv unchanged 6', 'sales_train_month_34.csv loaded 1', 'shops.csv unchanged 4']);
  });
});

import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '../../src/adapters/adapter.js';
import { runIngest } from '../../src/ingest/index.js';
import { createTestProject, type TestProject } from './ingest-fixtures.js';

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
});

import { createHash } from 'node:crypto';
import { appendFile, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/index.js';
import { SALES_COLUMNS, createTestProject, fixtureConfig, type TestProject } from './ingest-fixtures.js';

function statuses(summary: { files: { table: string; status: string }[] }): Record<string, string> {
  return Object.fromEntries(summary.files.map((f) => [f.table, f.status]));
}

describe('the load ledger', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('records file, table, source, size, sha256, rows and timing', async () => {
    const now = new Date('2024-05-06T07:08:09.010Z');
    await runIngest(project.request({ now: () => now }));
    const rows = await project.query(
      `select file_name, table_name, source_uri, size_bytes, checksum, row_count, strftime(loaded_at, '%Y-%m-%d %H:%M:%S') as loaded_at, seconds from raw._strata_load_ledger order by table_name`,
    );
    const bytes = await readFile(join(project.rawDir, 'sales_train.csv'));
    expect(rows[0]).toMatchObject({
      file_name: 'sales_train.csv',
      table_name: 'sales_train',
      source_uri: 'data/raw/sales_train.csv',
      size_bytes: bytes.length,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      row_count: 6,
      loaded_at: '2024-05-06 07:08:09',
    });
    expect(rows[0].seconds).toBeGreaterThan(0);
    expect(rows.map((r) => r.table_name)).toEqual(['sales_train', 'shops']);
  });

  it('loads nothing on a second run with unchanged files', async () => {
    await runIngest(project.request());
    const before = await project.query(`select table_name, loaded_at from raw._strata_load_ledger order by 1`);
    project.lines.length = 0;

    const second = await runIngest(project.request());

    expect(statuses(second)).toEqual({ sales_train: 'unchanged', shops: 'unchanged' });
    expect(second.files.map((f) => f.rows)).toEqual([6, 4]);
    expect(project.lines.some((l) => /1 of 2 OK raw\.sales_train \.+ \[unchanged\]$/.test(l))).toBe(true);
    expect(await project.query(`select table_name, loaded_at from raw._strata_load_ledger order by 1`)).toEqual(before);
  });

  it('reloads only the modified file, replacing its table and ledger row', async () => {
    await runIngest(project.request());
    await appendFile(join(project.rawDir, 'shops.csv'), 'Новый магазин,4\n');

    const second = await runIngest(project.request());

    expect(statuses(second)).toEqual({ sales_train: 'unchanged', shops: 'loaded' });
    expect(await project.query('select count(*) as n from raw.shops')).toEqual([{ n: 5 }]);
    const ledger = await project.query(`select row_count, size_bytes from raw._strata_load_ledger where table_name = 'shops'`);
    const size = (await readFile(join(project.rawDir, 'shops.csv'))).length;
    expect(ledger).toEqual([{ row_count: 5, size_bytes: size }]);
  });

  it('detects an edit that keeps the size by hashing, and skips a mere touch', async () => {
    await runIngest(project.request());
    const path = join(project.rawDir, 'sales_train.csv');
    const original = await readFile(path, 'utf8');

    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
    expect(statuses(await runIngest(project.request()))).toEqual({ sales_train: 'unchanged', shops: 'unchanged' });

    await writeFile(path, original.replace('22154,999.0', '22154,998.0'));
    const edited = await runIngest(project.request());
    expect(statuses(edited)).toEqual({ sales_train: 'loaded', shops: 'unchanged' });
    expect(await project.query('select item_price from raw.sales_train where item_id = 22154')).toEqual([{ item_price: 998 }]);
  });

  it('reloads everything with full: true', async () => {
    await runIngest(project.request());
    const again = await runIngest(project.request({ full: true }));
    expect(statuses(again)).toEqual({ sales_train: 'loaded', shops: 'loaded' });
    expect(await project.query('select count(*) as n from raw._strata_load_ledger')).toEqual([{ n: 2 }]);
  });

  it('reloads when the declared columns change or the table was dropped', async () => {
    await runIngest(project.request());
    const config = fixtureConfig();
    config.files[0] = { ...config.files[0], columns: { ...SALES_COLUMNS, item_cnt_day: 'DECIMAL(8,1)' } };
    const changed = await runIngest(project.request({ config }));
    expect(statuses(changed)).toEqual({ sales_train: 'loaded', shops: 'unchanged' });
    const types = await project.query(
      `select data_type from information_schema.columns where table_schema = 'raw' and table_name = 'sales_train' and column_name = 'item_cnt_day'`,
    );
    expect(types).toEqual([{ data_type: 'DECIMAL(8,1)' }]);

    await project.query('drop table raw.shops');
    expect(statuses(await runIngest(project.request({ config })))).toEqual({ sales_train: 'unchanged', shops: 'loaded' });
  });
});

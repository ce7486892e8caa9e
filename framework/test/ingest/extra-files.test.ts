/**
 * `extra_files`: more files of one raw table (e.g. a month delivered later). Each file loads into
 * a table of its own and the raw table is a view over them that names each row's file. Unchanged
 * files load nothing, a new or changed file replaces only its own table (atomically, with the
 * view and its ledger row), a removed file takes its rows with it, and a malformed file fails
 * with file and line and changes nothing.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareFileNames, commonListingPrefix, extraFileMatcher, literalPrefix } from '../../src/ingest/extra-files.js';
import { fileTableIdentifier } from '../../src/ingest/ingest-file-set.js';
import { runIngest } from '../../src/ingest/index.js';
import { computeSpecChecksum } from '../../src/ingest/prepared-file.js';
import type { IngestConfig } from '../../src/ingest/index.js';
import { SALES_COLUMNS, captureError, createTestProject, fixtureConfig, type TestProject } from './ingest-fixtures.js';

const HEADER = 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day';
const MONTH_34 = [HEADER, '01.11.2015,34,59,22087,119.0,1.0', '02.11.2015,34,25,2552,899.0,2.0', '30.11.2015,34,25,2554,1709.05,-1.0', ''].join('\n');
const MONTH_35 = [HEADER, '01.12.2015,35,59,22087,119.0,3.0', ''].join('\n');

/** The fixture config with extra_files on sales_train. */
function multiFileConfig(extra: string | string[] = 'sales_train_month_*.csv'): IngestConfig {
  const config = fixtureConfig();
  config.files[0] = { ...config.files[0], extra_files: extra };
  return config;
}

function summaryOf(summary: { files: { file: string; status: string; rows: number }[] }): string[] {
  return summary.files.map((f) => `${f.file} ${f.status} ${f.rows}`);
}

describe('extra_files: several files into one raw table', () => {
  let project: TestProject;
  const request = (overrides: Parameters<TestProject['request']>[0] = {}) => project.request({ config: multiFileConfig(), ...overrides });
  const rowsByFile = () => project.query(`select _source_file as file, count(*)::int as n from raw.sales_train group by 1 order by 1`);
  const ledger = () => project.query(`select file_name, row_count::int as row_count from raw._strata_load_ledger where table_name = 'sales_train' order by file_name`);
  /** The tables of the raw schema, in name order. */
  const rawTables = async () => (await project.query(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`)).map((r) => r.table_name);
  /** One file's table, rowid + every column: a row deleted and inserted again gets a new rowid. */
  const fileRows = (file: string) => project.query(`select rowid::bigint as id, * from raw."${fileTableIdentifier('sales_train', file)}" order by rowid`);
  /** Every file table's rows with their rowids, and the view's rows. */
  const snapshot = async () => {
    const files = (await project.query(`select file_name from raw._strata_load_ledger where table_name = 'sales_train' order by 1`)).map((r) => String(r.file_name));
    const tables = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await fileRows(file)] as const)));
    return { tables, view: await project.query(`select * from raw.sales_train order by _source_file, date, shop_id, item_id`) };
  };

  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('loads the main file alone when no extra file exists yet, into its own table behind a view with a _source_file column', async () => {
    const summary = await runIngest(request());
    expect(summaryOf(summary)).toEqual(['sales_train.csv loaded 6', 'shops.csv loaded 4']);
    expect(await rowsByFile()).toEqual([{ file: 'sales_train.csv', n: 6 }]);
    const columnsOf = async (table: string) =>
      (await project.query(`select column_name from information_schema.columns where table_schema = 'raw' and table_name = '${table}' order by ordinal_position`)).map((c) => c.column_name);
    expect(await columnsOf('sales_train')).toEqual([...Object.keys(SALES_COLUMNS), '_source_file']);
    // The file's own table holds the file's columns only: the file name is the view's constant.
    expect(fileTableIdentifier('sales_train', 'sales_train.csv')).toBe('sales_train__sales_train_csv');
    expect(await columnsOf('sales_train__sales_train_csv')).toEqual(Object.keys(SALES_COLUMNS));
    expect(await project.query(`select table_name, table_type from information_schema.tables where table_schema = 'raw' and table_name like 'sales_train%' order by 1`)).toEqual([
      { table_name: 'sales_train', table_type: 'VIEW' },
      { table_name: 'sales_train__sales_train_csv', table_type: 'BASE TABLE' },
    ]);
  });

  it('appends a new month file, loading only it and leaving the earlier rows untouched', async () => {
    await runIngest(request());
    const before = await snapshot();
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    project.lines.length = 0;

    const summary = await runIngest(request());

    expect(summaryOf(summary)).toEqual(['sales_train.csv unchanged 6', 'sales_train_month_34.csv loaded 3', 'shops.csv unchanged 4']);
    expect(project.lines.some((l) => /2 of 3 OK loaded raw\.sales_train \.+ \[3 rows in/.test(l))).toBe(true);
    expect(await rowsByFile()).toEqual([{ file: 'sales_train.csv', n: 6 }, { file: 'sales_train_month_34.csv', n: 3 }]);
    expect(await ledger()).toEqual([{ file_name: 'sales_train.csv', row_count: 6 }, { file_name: 'sales_train_month_34.csv', row_count: 3 }]);
    const after = await snapshot();
    expect(after.tables['sales_train.csv']).toEqual(before.tables['sales_train.csv']);
    expect(after.tables['sales_train_month_34.csv'].map((r) => r.date_block_num)).toEqual([34, 34, 34]);
    expect(after.view.filter((r) => r._source_file === 'sales_train.csv')).toEqual(before.view);

    // Nothing changed: nothing loads.
    const again = await runIngest(request());
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await snapshot()).toEqual(after);
  });

  it('replaces the rows of a changed file only, and loads files in natural order', async () => {
    await writeFile(join(project.rawDir, 'sales_train_month_35.csv'), MONTH_35);
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    const first = await runIngest(request());
    expect(first.files.map((f) => f.file)).toEqual(['sales_train.csv', 'sales_train_month_34.csv', 'sales_train_month_35.csv', 'shops.csv']);
    const before = await snapshot();

    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), `${MONTH_34}05.11.2015,34,25,2555,1099.0,1.0\n`);
    const summary = await runIngest(request());

    expect(summaryOf(summary)).toEqual(['sales_train.csv unchanged 6', 'sales_train_month_34.csv loaded 4', 'sales_train_month_35.csv unchanged 1', 'shops.csv unchanged 4']);
    expect(await rowsByFile()).toEqual([
      { file: 'sales_train.csv', n: 6 },
      { file: 'sales_train_month_34.csv', n: 4 },
      { file: 'sales_train_month_35.csv', n: 1 },
    ]);
    const after = await snapshot();
    expect(after.tables['sales_train.csv']).toEqual(before.tables['sales_train.csv']);
    expect(after.tables['sales_train_month_35.csv']).toEqual(before.tables['sales_train_month_35.csv']);
    expect(after.tables['sales_train_month_34.csv'].map((r) => r.item_id)).toEqual([22087, 2552, 2554, 2555]);
    // The view lists the files in natural order, the main file first.
    const view = await project.query(`select sql from duckdb_views() where schema_name = 'raw' and view_name = 'sales_train'`);
    const order = ['sales_train.csv', 'sales_train_month_34.csv', 'sales_train_month_35.csv'].map((f) => String(view[0].sql).indexOf(`'${f}'`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it('removes the rows of a file that is gone from the source', async () => {
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    await runIngest(request());
    await rm(join(project.rawDir, 'sales_train_month_34.csv'));

    const summary = await runIngest(request());

    expect(summary.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(await rowsByFile()).toEqual([{ file: 'sales_train.csv', n: 6 }]);
    expect(await ledger()).toEqual([{ file_name: 'sales_train.csv', row_count: 6 }]);
    expect(project.lines.some((l) => /Removed the 3 rows of sales_train_month_34\.csv from raw\.sales_train/.test(l))).toBe(true);
    expect(await rawTables()).toEqual(['_strata_load_ledger', 'sales_train', 'sales_train__sales_train_csv', 'shops']);
  });

  it('fails on a malformed new file with its name and line, and changes nothing', async () => {
    await runIngest(request());
    const before = await snapshot();
    const ledgerBefore = await ledger();
    const lines = MONTH_34.split('\n');
    lines[2] = '02.11.2015,34,25,2552,899.0';
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), lines.join('\n'));

    const error = await captureError(runIngest(request()));

    expect(error).toMatchObject({ code: 'E_INGEST', file: 'data/raw/sales_train_month_34.csv', line: 3 });
    expect(error.message).toContain('expected 6 fields, found 5');
    expect(project.lines.some((l) => /2 of 3 ERROR loading raw\.sales_train/.test(l))).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(await ledger()).toEqual(ledgerBefore);
    expect(await rawTables()).toEqual(['_strata_load_ledger', 'sales_train', 'sales_train__sales_train_csv', 'shops']);
  });

  it('fails on a changed file with a bad header and keeps that file\'s previous rows', async () => {
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    await runIngest(request());
    const before = await snapshot();
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34.replace(HEADER, 'date,block,shop_id,item_id,item_price,item_cnt_day'));

    const error = await captureError(runIngest(request()));

    expect(error).toMatchObject({ code: 'E_INGEST', file: 'data/raw/sales_train_month_34.csv', line: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilds a table loaded before extra_files was declared, and on --full', async () => {
    await runIngest(project.request());
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);

    const summary = await runIngest(request());
    expect(summaryOf(summary)).toEqual(['sales_train.csv loaded 6', 'sales_train_month_34.csv loaded 3', 'shops.csv unchanged 4']);
    expect(await rowsByFile()).toEqual([{ file: 'sales_train.csv', n: 6 }, { file: 'sales_train_month_34.csv', n: 3 }]);

    const full = await runIngest(request({ full: true }));
    expect(full.files.map((f) => f.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(await rowsByFile()).toEqual([{ file: 'sales_train.csv', n: 6 }, { file: 'sales_train_month_34.csv', n: 3 }]);
    expect(await ledger()).toEqual([{ file_name: 'sales_train.csv', row_count: 6 }, { file_name: 'sales_train_month_34.csv', row_count: 3 }]);
    const leftovers = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' and table_name like '%strata%' and table_name <> '_strata_load_ledger'`);
    expect(leftovers).toEqual([]);
    expect(await rawTables()).toEqual(['_strata_load_ledger', 'sales_train', 'sales_train__sales_train_csv', 'sales_train__sales_train_month_34_csv', 'shops']);
  });

  it('reloads a file whose table is gone, even though its ledger row says it is loaded', async () => {
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    await runIngest(request());
    const before = await snapshot();
    await project.query(`drop table raw.sales_train__sales_train_month_34_csv`);

    const summary = await runIngest(request());

    expect(summaryOf(summary)).toEqual(['sales_train.csv unchanged 6', 'sales_train_month_34.csv loaded 3', 'shops.csv unchanged 4']);
    const after = await snapshot();
    expect(after.view).toEqual(before.view);
    expect(after.tables['sales_train.csv']).toEqual(before.tables['sales_train.csv']);
  });

  it('rejects two files that would share one table, before loading either', async () => {
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    await writeFile(join(project.rawDir, 'sales_train-month_34.csv'), MONTH_34);

    const error = await captureError(runIngest(project.request({ config: multiFileConfig(['sales_train_month_*.csv', 'sales_train-month_*.csv']) })));

    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain('sales_train-month_34.csv and sales_train_month_34.csv');
    expect(error.message).toContain('sales_train__sales_train_month_34_csv');
    expect(await rawTables()).toEqual(['_strata_load_ledger']);
  });

  it('keeps a failed rebuild from touching the live table', async () => {
    await runIngest(project.request());
    const lines = MONTH_34.split('\n');
    lines[1] = '01.11.2015,34,59,abc,119.0,1.0';
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), lines.join('\n'));

    const error = await captureError(runIngest(request()));

    expect(error).toMatchObject({ file: 'data/raw/sales_train_month_34.csv', line: 2 });
    expect(await project.query('select count(*)::int as n from raw.sales_train')).toEqual([{ n: 6 }]);
    const columns = await project.query(`select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'sales_train'`);
    expect(columns.map((c) => c.column_name)).not.toContain('_source_file');
    const leftovers = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' and table_name like 'sales_train__%'`);
    expect(leftovers).toEqual([]);
  });

  it('leaves single-file specs as they were (same spec checksum, one ledger row per table)', async () => {
    const spec = fixtureConfig().files[0];
    expect(computeSpecChecksum({ ...spec, extra_files: 'x_*.csv' })).not.toBe(computeSpecChecksum(spec));
    await writeFile(join(project.rawDir, 'sales_train_month_34.csv'), MONTH_34);
    const summary = await runIngest(project.request());
    expect(summaryOf(summary)).toEqual(['sales_train.csv loaded 6', 'shops.csv loaded 4']);
    expect(await project.query('select count(*)::int as n from raw.sales_train')).toEqual([{ n: 6 }]);
  });

  it('rejects a pattern with a folder in it', async () => {
    const error = await captureError(runIngest(project.request({ config: multiFileConfig('later/*.csv') })));
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain('names a folder');
  });
});

describe('extra_files patterns', () => {
  const spec = { file: 'sales_train.csv', table: 'sales_train', columns: SALES_COLUMNS, extra_files: ['sales_train_month_*.csv', 'sales_train_2016_??.csv'] };

  it('match file names, never the main file', () => {
    const matches = extraFileMatcher(spec);
    expect(matches('sales_train_month_34.csv')).toBe(true);
    expect(matches('sales_train_2016_01.csv')).toBe(true);
    expect(matches('sales_train.csv')).toBe(false);
    expect(matches('sales_train_month_34.csv.bak')).toBe(false);
    expect(extraFileMatcher({ ...spec, extra_files: 'sales_train*.csv' })('sales_train.csv')).toBe(false);
  });

  it('sort in natural order and list from their common literal prefix', () => {
    expect(['m_10.csv', 'm_9.csv', 'm_34.csv', 'm_1.csv'].sort(compareFileNames)).toEqual(['m_1.csv', 'm_9.csv', 'm_10.csv', 'm_34.csv']);
    expect(literalPrefix('sales_train_month_*.csv')).toBe('sales_train_month_');
    expect(commonListingPrefix(spec)).toBe('sales_train_');
  });
});

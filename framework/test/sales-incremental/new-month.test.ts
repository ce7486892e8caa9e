/**
 * The sales project (project.yml, models/, seeds/, tests/, macros/ of the repository) when a new
 * month of raw sales arrives, on ~1% generated data: months 0..33 are ingested and built, then
 * the generator's month 34 file lands in the raw folder. Ingest loads only that file into
 * raw.sales_train; `strata build` stages and aggregates only its rows (the incremental
 * stg_sales, fct_daily_item_sales and fct_daily_sales), leaves the earlier rows untouched, and
 * ends with the same tables, row for row, as a full build of the same files. A malformed file
 * fails ingest with its name and line; a failed incremental run leaves the tables as they were
 * (kill-new-month.test.ts kills it).
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResultsArtifact } from '../../src/artifacts/types.js';
import { generateData, type GenerateSummary } from '../../../scripts/generate-data/generate.js';
import { type CliRun, query, strata } from '../helpers.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROJECT_PARTS = ['project.yml', 'models', 'seeds', 'tests', 'macros'];
const SALES_READY = ['project.yml', 'models', 'seeds'].every((part) => existsSync(join(REPO, part)));
const SCALE = 0.01;
const MONTH_FILE = 'sales_train_month_34.csv';
const STG = 'main_staging.stg_sales';
const FCT = 'main_marts.fct_daily_sales';
const ITEM_FCT = 'main_marts.fct_daily_item_sales';

type Row = Record<string, unknown>;

/** Run SQL with both DuckDB files attached read-only, as `a` and `b`. */
async function compareDatabases(a: string, b: string, sql: string): Promise<Row[]> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    await conn.run(`attach '${a}' as a (read_only)`);
    await conn.run(`attach '${b}' as b (read_only)`);
    const rows = (await conn.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    conn.closeSync();
    return rows;
  } finally {
    instance.closeSync();
  }
}

/** Rows of `table` in `a` but not `b`, and in `b` but not `a` (all columns compared), with the counts. */
async function symmetricDifference(a: string, b: string, table: string): Promise<{ onlyA: number; onlyB: number; countA: number; countB: number }> {
  const [row] = await compareDatabases(a, b, `
    select
      (select count(*) from (select * from a.${table} except all select * from b.${table})) as onlyA,
      (select count(*) from (select * from b.${table} except all select * from a.${table})) as onlyB,
      (select count(*) from a.${table}) as countA,
      (select count(*) from b.${table}) as countB`);
  return row as { onlyA: number; onlyB: number; countA: number; countB: number };
}

function resultOf(run: RunResultsArtifact, name: string) {
  const result = run.results.find((r) => r.uniqueId === `model.sales.${name}`);
  expect(result, `no run result for ${name}`).toBeDefined();
  return result!;
}

describe.skipIf(!SALES_READY)('a new month of raw sales (1% data)', () => {
  let root: string;
  let rawDir: string;
  let projectDir: string;
  let dbPath: string;
  let month34: GenerateSummary['files'][number];
  /** The incremental tables after the months 0..33 build, with rowids. */
  let factBefore: Row[];
  let itemFactBefore: Row[];
  let stagedBefore: Row[];

  const env = (db = dbPath) => ({ STRATA_RAW_URI: rawDir, STRATA_DUCKDB_PATH: db });
  const cli = (argv: string[], db?: string): Promise<CliRun> => strata(projectDir, argv, env(db));
  const runResults = () => JSON.parse(readFileSync(join(projectDir, 'target/run_results.json'), 'utf8')) as RunResultsArtifact;
  const expectOk = (run: CliRun) => expect(run.code, run.output).toBe(0);
  const withRowids = (table: string, where = '') => query(dbPath, `select rowid as rid, * from ${table} ${where} order by rowid`);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'strata-sales-incremental-'));
    rawDir = join(root, 'raw');
    projectDir = join(root, 'project');
    dbPath = join(projectDir, 'target', 'sales.duckdb');
    await generateData({ outDir: rawDir, scale: SCALE });
    month34 = (await generateData({ outDir: join(root, 'later'), scale: SCALE, onlyMonth: 34 })).files[0];
    for (const part of PROJECT_PARTS) cpSync(join(REPO, part), join(projectDir, part), { recursive: true });
  }, 120_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds months 0..33 (the first build of the incremental models is a full one)', async () => {
    const ingest = await cli(['ingest']);
    expectOk(ingest);
    expect(ingest.stdout).toMatch(/Ingest done: 4 loaded, 0 unchanged/);
    expectOk(await cli(['build']));
    expect(await query(dbPath, `select min(date_block_num) as lo, max(date_block_num) as hi from ${FCT}`)).toEqual([{ lo: 0, hi: 33 }]);
    expect(await query(dbPath, `select count(*) as months from main_marts.fct_monthly_sales`)).toEqual([{ months: 34 }]);
    factBefore = await withRowids(FCT);
    itemFactBefore = await withRowids(ITEM_FCT);
    stagedBefore = await withRowids(STG);
  }, 300_000);

  it('ingests only the new month file, appending its rows to raw.sales_train', async () => {
    copyFileSync(month34.path, join(rawDir, MONTH_FILE));
    const ingest = await cli(['ingest']);
    expectOk(ingest);
    expect(ingest.stdout).toMatch(/Ingest done: 1 loaded, 4 unchanged/);
    expect(ingest.stdout).toMatch(new RegExp(`OK loaded raw\\.sales_train \\.+ \\[${month34.rows.toLocaleString('en-US')} rows`));
    expect(await query(dbPath, `select _source_file, min(date_block_num) as lo, max(date_block_num) as hi, count(*) as n from raw.sales_train group by 1 order by 1`)).toEqual([
      { _source_file: 'sales_train.csv', lo: 0, hi: 33, n: expect.any(Number) },
      { _source_file: MONTH_FILE, lo: 34, hi: 34, n: month34.rows },
    ]);
    const again = await cli(['ingest']);
    expect(again.stdout).toMatch(/Ingest done: 0 loaded, 5 unchanged/);
  }, 120_000);

  it('builds only the new rows: the month-34 rows are inserted, the earlier rows are untouched', async () => {
    const build = await cli(['build']);
    expectOk(build);
    const results = runResults();

    const [staged34] = await query(dbPath, `select count(*) as n, sum(raw_row_count) as raw_rows from ${STG} where date_block_num = 34`);
    expect(staged34.raw_rows).toBe(month34.rows);
    expect(resultOf(results, 'stg_sales')).toMatchObject({ status: 'success', message: `SELECT ${staged34.n}`, rowsAffected: staged34.n });

    for (const [name, table] of [['fct_daily_sales', FCT], ['fct_daily_item_sales', ITEM_FCT]]) {
      const [fact34] = await query(dbPath, `select count(*) as n from ${table} where date_block_num = 34`);
      expect(fact34.n).toBeGreaterThan(0);
      expect(resultOf(results, name)).toMatchObject({ status: 'success', message: `SELECT ${fact34.n}`, rowsAffected: fact34.n });
    }

    // The rows of months 0..33 are the same physical rows (same rowids), not deleted and re-inserted.
    expect(await withRowids(FCT, 'where date_block_num < 34')).toEqual(factBefore);
    expect(await withRowids(ITEM_FCT, 'where date_block_num < 34')).toEqual(itemFactBefore);
    expect(await withRowids(STG, 'where date_block_num < 34')).toEqual(stagedBefore);

    // The compiled SQL of this run read only the months after the last one built.
    const compiled = readFileSync(join(projectDir, 'target/compiled/sales/models/marts/fct_daily_sales.sql'), 'utf8');
    expect(compiled).toMatch(/where date_block_num > \(\s*select coalesce\(max\(date_block_num\), -1\) - 0\s*from "main_marts"\."fct_daily_sales"/);

    // The period follows the data: 35 months now, and the marts still reconcile (the build's tests passed).
    expect(await query(dbPath, `select count(*) as months, max(date_block_num) as last from main_marts.fct_monthly_sales`)).toEqual([{ months: 35, last: 34 }]);
    expect(results.results.filter((r) => r.status !== 'success' && r.status !== 'pass')).toEqual([]);
  }, 300_000);

  it('ends with the same tables as a full refresh of the same files, row for row', async () => {
    const fullDb = join(projectDir, 'target', 'full.duckdb');
    expectOk(await cli(['ingest'], fullDb));
    expectOk(await cli(['build', '--full-refresh'], fullDb));
    for (const table of [FCT, ITEM_FCT, STG, 'main_marts.fct_monthly_sales', 'main_marts.sales_cube', 'main_marts.item_monthly_consistency']) {
      const diff = await symmetricDifference(dbPath, fullDb, table);
      expect({ table, ...diff }).toEqual({ table, onlyA: 0, onlyB: 0, countA: diff.countB, countB: diff.countB });
      expect(diff.countA).toBeGreaterThan(0);
    }
  }, 300_000);

  it('rejects a malformed month file at ingest with its name and line, loading nothing', async () => {
    const raw = await query(dbPath, `select count(*) as n from raw.sales_train`);
    const lines = readFileSync(month34.path, 'utf8').replace(/^(\d\d)\.11\.2015,34,/gm, '$1.12.2015,35,').split('\n');
    lines[2] = lines[2].split(',').slice(0, 5).join(',');
    writeFileSync(join(rawDir, 'sales_train_month_35.csv'), lines.join('\n'));

    const ingest = await cli(['ingest']);

    expect(ingest.code).toBe(1);
    expect(ingest.output).toContain('sales_train_month_35.csv');
    expect(ingest.output).toMatch(/Bad row at line 3: expected 6 fields, found 5/);
    expect(await query(dbPath, `select count(*) as n from raw.sales_train`)).toEqual(raw);
    rmSync(join(rawDir, 'sales_train_month_35.csv'));
    expect((await cli(['ingest'])).stdout).toMatch(/Ingest done: 0 loaded, 5 unchanged/);
  }, 120_000);

  it('leaves the tables as they were when an incremental run fails before writing', async () => {
    const fact = await withRowids(FCT);
    const itemFact = await withRowids(ITEM_FCT);
    const staged = await withRowids(STG);
    // A month whose CSV loads (dates are text in raw) but whose dates do not parse when staged.
    const badMonth = readFileSync(month34.path, 'utf8').replace(/^(\d\d)\.11\.2015,34,/gm, '31.11.2015,35,');
    writeFileSync(join(rawDir, 'sales_train_month_35.csv'), badMonth);
    expectOk(await cli(['ingest', '--select', 'sales_train']));

    const run = await cli(['run', '--select', 'stg_sales', 'fct_daily_sales', 'fct_daily_item_sales']);

    expect(run.code).toBe(1);
    const results = runResults();
    expect(resultOf(results, 'stg_sales')).toMatchObject({ status: 'error', file: 'models/staging/stg_sales.sql' });
    expect(resultOf(results, 'fct_daily_sales').status).toBe('skipped');
    expect(resultOf(results, 'fct_daily_item_sales').status).toBe('skipped');
    expect(await withRowids(FCT)).toEqual(fact);
    expect(await withRowids(ITEM_FCT)).toEqual(itemFact);
    expect(await withRowids(STG)).toEqual(staged);
    rmSync(join(rawDir, 'sales_train_month_35.csv'));
    expectOk(await cli(['ingest', '--select', 'sales_train']));
    expect(await query(dbPath, `select count(*) as n from raw.sales_train where date_block_num = 35`)).toEqual([{ n: 0 }]);
  }, 120_000);

  it('rolls back a run that fails between its delete and its insert', async () => {
    // Rebuild the live fact with a CHECK that month 35 violates, then reprocess the last month
    // (lookback 1) together with a valid month 35: the delete of month 34 runs, the insert fails.
    const month35 = readFileSync(month34.path, 'utf8').replace(/^(\d\d)\.11\.2015,34,/gm, '$1.12.2015,35,');
    writeFileSync(join(rawDir, 'sales_train_month_35.csv'), month35);
    expectOk(await cli(['ingest', '--select', 'sales_train']));
    expectOk(await cli(['run', '--select', 'stg_sales']));
    const instance = await DuckDBInstance.create(dbPath, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    try {
      const conn = await instance.connect();
      const columns = (await conn.runAndReadAll(`select column_name, data_type from information_schema.columns where table_schema = 'main_marts' and table_name = 'fct_daily_sales' order by ordinal_position`)).getRowObjectsJS();
      await conn.run(`create table main_marts.fct_checked (${columns.map((c) => `"${c.column_name}" ${c.data_type}`).join(', ')}, check (date_block_num <= 34))`);
      await conn.run(`insert into main_marts.fct_checked select * from ${FCT} order by rowid`);
      await conn.run(`drop table ${FCT}`);
      await conn.run(`alter table main_marts.fct_checked rename to fct_daily_sales`);
      conn.closeSync();
    } finally {
      instance.closeSync();
    }
    const fact = await withRowids(FCT);

    const run = await cli(['run', '--select', 'fct_daily_sales', '--vars', '{incremental_lookback_months: 1}']);

    expect(run.code).toBe(1);
    expect(resultOf(runResults(), 'fct_daily_sales').status).toBe('error');
    expect(run.output).toMatch(/CHECK constraint/i);
    expect(await withRowids(FCT)).toEqual(fact);
  }, 120_000);
});

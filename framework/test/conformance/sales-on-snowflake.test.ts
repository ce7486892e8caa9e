/**
 * The whole sales project (project.yml, models/, seeds/, tests/, macros/ at the repository root)
 * on the emulated Snowflake target, on ~1% generated data: `strata ingest` loads the raw files
 * through the adapter's loadCsv (PUT + COPY INTO) with its load ledger, `strata build` builds and
 * tests every model. The same data is built on DuckDB too, and every mart must hold the same rows
 * on both warehouses.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Adapter } from '../../src/adapters/adapter.js';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import { createSnowflakeAdapter, snowflakeConfigFromTarget } from '../../src/adapters/snowflake/index.js';
import type { ManifestArtifact, RunResultsArtifact } from '../../src/artifacts/types.js';
import type { Relation } from '../../src/manifest/types.js';
import { generateData, type GenerateSummary } from '../../../scripts/generate-data/generate.js';
import { type CliRun, strata } from '../helpers.js';
import { installNetworkGuard, type NetworkGuard, type SnowflakeEmulator, startSnowflakeEmulator } from '../snowflake-emulator/index.js';
import { normaliseRow, type Row } from './conformance-project.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROJECT_PARTS = ['project.yml', 'models', 'seeds', 'tests', 'macros'];
const RAW_TABLES = ['sales_train', 'items', 'item_categories', 'shops'];
const PASSWORD = 'sales-Emulated-1';
const SALES_READY = ['project.yml', 'models', 'seeds'].every((part) => existsSync(join(REPO, part)));

/** Columns whose values are hashes of text renderings (md5 of a float as text differs per warehouse). */
const HASHED_COLUMNS = new Set(['sale_id']);

/**
 * Equal, with a cent of tolerance for fractional numbers: sums of doubles depend on the order
 * the warehouse adds them in (parallel aggregation), and a value like 25874.825 then rounds to
 * .82 in one build and .83 in another.
 */
function sameRow(a: Row, b: Row | undefined): boolean {
  if (!b || Object.keys(a).join() !== Object.keys(b).join()) return false;
  return Object.keys(a).every((key) => {
    const [x, y] = [a[key], b[key]];
    if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 0.0100001 + Math.abs(x) * 1e-12;
    return x === y;
  });
}

describe.skipIf(!SALES_READY)('the sales project on the emulated Snowflake target (1% data)', () => {
  let guard: NetworkGuard;
  let emulator: SnowflakeEmulator;
  let root: string;
  let rawDir: string;
  let projectDir: string;
  let generated: GenerateSummary;
  let snowflakeEnv: Record<string, string>;
  const umask = process.umask();

  const cli = (argv: string[], env: Record<string, string>): Promise<CliRun> => strata(projectDir, argv, { STRATA_RAW_URI: rawDir, ...env });
  const snowflake = (argv: string[]) => cli([...argv, '--target', 'snowflake'], snowflakeEnv);
  const duckdb = (argv: string[]) => cli([...argv, '--target', 'dev'], { STRATA_DUCKDB_PATH: join(projectDir, 'target/sales.duckdb') });

  const snowflakeAdapter = () =>
    createSnowflakeAdapter(
      snowflakeConfigFromTarget({
        account: emulator.account, user: 'strata', password: PASSWORD, database: 'SALES', schema: 'ANALYTICS', access_url: emulator.accessUrl, connect_retries: 0,
      }),
    );

  async function query(adapter: Adapter, sql: string): Promise<Row[]> {
    const connection = await adapter.connect();
    try {
      return (await connection.execute(sql)).rows.map(normaliseRow);
    } finally {
      await connection.close();
      await adapter.close();
    }
  }

  beforeAll(async () => {
    guard = installNetworkGuard();
    emulator = await startSnowflakeEmulator({ users: { strata: PASSWORD }, database: 'SALES' });
    root = mkdtempSync(join(tmpdir(), 'strata-sales-sf-'));
    rawDir = join(root, 'raw');
    projectDir = join(root, 'project');
    generated = await generateData({ outDir: rawDir, scale: 0.01 });
    for (const part of PROJECT_PARTS) if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(projectDir, part), { recursive: true });
    // The project's snowflake target, pointed at the emulator (a real account needs no access_url).
    const file = join(projectDir, 'project.yml');
    const project = parse(readFileSync(file, 'utf8')) as { targets: Record<string, Record<string, unknown>> };
    project.targets.snowflake.access_url = "{{ env_var('SNOWFLAKE_ACCESS_URL', '') }}";
    project.targets.snowflake.connect_retries = 0;
    writeFileSync(file, stringify(project));
    snowflakeEnv = {
      SNOWFLAKE_ACCOUNT: emulator.account,
      SNOWFLAKE_USER: 'strata',
      SNOWFLAKE_PASSWORD: PASSWORD,
      SNOWFLAKE_DATABASE: 'SALES',
      SNOWFLAKE_WAREHOUSE: 'TRANSFORMING',
      SNOWFLAKE_ACCESS_URL: emulator.accessUrl,
    };
  });

  afterAll(async () => {
    await emulator?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    process.umask(umask);
    guard?.restore();
    expect(guard?.blocked).toEqual([]);
  });

  it('ingests the raw files with PUT + COPY INTO, recording each in the load ledger', async () => {
    const run = await snowflake(['ingest']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Ingest done: 4 loaded, 0 unchanged/);
    for (const table of RAW_TABLES) {
      // sales_train has extra_files: its main file loads into a table of its own behind a view.
      const loaded = (table === 'sales_train' ? 'sales_train__sales_train_csv' : table).toUpperCase();
      expect(emulator.queryLog.some((q) => new RegExp(`^PUT 'file://\\S+/${table}\\.csv' @"SALES"\\."RAW"\\.%"${loaded}__STRATA_TMP__STRATA_LOAD"`).test(q.sql))).toBe(true);
      expect(emulator.queryLog.some((q) => q.sql.startsWith(`COPY INTO "SALES"."RAW"."${loaded}__STRATA_TMP__STRATA_LOAD"`))).toBe(true);
    }
    const ledger = await query(snowflakeAdapter(), 'select table_name, file_name, row_count, checksum from sales.raw._strata_load_ledger order by table_name');
    const rowsOf = (name: string) => generated.files.find((f) => f.name === name)!.rows;
    expect(ledger.map((r) => [r.table_name, r.file_name, r.row_count])).toEqual(
      [...RAW_TABLES].sort().map((t) => [t, `${t}.csv`, rowsOf(`${t}.csv`)]),
    );
    expect(ledger.every((r) => /^[0-9a-f]{64}$/.test(String(r.checksum)))).toBe(true);
    const counts = await query(snowflakeAdapter(), RAW_TABLES.map((t) => `select '${t}' as t, count(*) as n from sales.raw.${t}`).join(' union all '));
    expect(Object.fromEntries(counts.map((r) => [r.t, r.n]))).toEqual(Object.fromEntries(RAW_TABLES.map((t) => [t, rowsOf(`${t}.csv`)])));
  });

  it('skips unchanged files on the next ingest, and swaps a reloaded table in whole', async () => {
    const again = await snowflake(['ingest']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Ingest done: 0 loaded, 4 unchanged/);
    const reload = await snowflake(['ingest', '--full', '-s', 'shops']);
    expect(reload.code).toBe(0);
    expect(reload.stdout).toMatch(/Ingest done: 1 loaded, 0 unchanged/);
    expect(emulator.queryLog.some((q) => q.sql === 'ALTER TABLE "SALES"."RAW"."SHOPS__STRATA_TMP" SWAP WITH "SALES"."RAW"."SHOPS"')).toBe(true);
    const tables = await query(snowflakeAdapter(), "select table_name, table_type from sales.information_schema.tables where table_schema = 'RAW' order by 1");
    expect(tables.map((r) => `${r.table_name} ${r.table_type}`)).toEqual([
      'ITEMS BASE TABLE', 'ITEM_CATEGORIES BASE TABLE', 'SALES_TRAIN VIEW', 'SALES_TRAIN__SALES_TRAIN_CSV BASE TABLE', 'SHOPS BASE TABLE', '_STRATA_LOAD_LEDGER BASE TABLE',
    ]);
  });

  it('adds, replaces and removes a later month file: one file table each, behind the view', async () => {
    const month = join(rawDir, 'sales_train_month_34.csv');
    const header = 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day';
    const byFile = () => query(snowflakeAdapter(), 'select _source_file as f, count(*) as n from sales.raw.sales_train group by 1 order by 1');
    const mainRows = generated.files.find((f) => f.name === 'sales_train.csv')!.rows;
    try {
      writeFileSync(month, `${header}\n01.11.2015,34,59,22087,119.0,1.0\n02.11.2015,34,25,2552,899.0,2.0\n`);
      const added = await snowflake(['ingest', '-s', 'sales_train']);
      expect(added.stdout).toMatch(/Ingest done: 1 loaded, 1 unchanged/);
      expect(await byFile()).toEqual([{ f: 'sales_train.csv', n: mainRows }, { f: 'sales_train_month_34.csv', n: 2 }]);
      expect(emulator.queryLog.some((q) => /^CREATE OR REPLACE VIEW "SALES"\."RAW"\."SALES_TRAIN"/.test(q.sql) && q.sql.includes('"SALES_TRAIN__SALES_TRAIN_MONTH_34_CSV"'))).toBe(true);

      writeFileSync(month, `${header}\n01.11.2015,34,59,22087,119.0,1.0\n`);
      const changed = await snowflake(['ingest', '-s', 'sales_train']);
      expect(changed.stdout).toMatch(/Ingest done: 1 loaded, 1 unchanged/);
      expect(emulator.queryLog.some((q) => q.sql === 'ALTER TABLE "SALES"."RAW"."SALES_TRAIN__SALES_TRAIN_MONTH_34_CSV__STRATA_TMP" SWAP WITH "SALES"."RAW"."SALES_TRAIN__SALES_TRAIN_MONTH_34_CSV"')).toBe(true);
      expect(await byFile()).toEqual([{ f: 'sales_train.csv', n: mainRows }, { f: 'sales_train_month_34.csv', n: 1 }]);
    } finally {
      rmSync(month, { force: true });
    }
    const removed = await snowflake(['ingest', '-s', 'sales_train']);
    expect(removed.stdout).toContain('Removed the 1 row of sales_train_month_34.csv from raw.sales_train');
    expect(await byFile()).toEqual([{ f: 'sales_train.csv', n: mainRows }]);
    const tables = await query(snowflakeAdapter(), "select table_name from sales.information_schema.tables where table_schema = 'RAW' and table_name like 'SALES_TRAIN%' order by 1");
    expect(tables.map((r) => r.table_name)).toEqual(['SALES_TRAIN', 'SALES_TRAIN__SALES_TRAIN_CSV']);
  });

  it('reports a bad row with its file and line, and keeps the loaded table', async () => {
    const shops = join(rawDir, 'shops.csv');
    const original = readFileSync(shops, 'utf8');
    const lines = original.trimEnd().split('\n').length;
    writeFileSync(shops, `${original.trimEnd()}\nBroken shop,not-a-number\n`);
    try {
      const run = await snowflake(['ingest', '-s', 'shops']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${shops}:${lines + 1}`);
      expect(run.stderr).toMatch(/Numeric value 'not-a-number' is not recognized/);
    } finally {
      writeFileSync(shops, original);
    }
    const counts = await query(snowflakeAdapter(), 'select count(*) as n from sales.raw.shops');
    expect(counts).toEqual([{ n: generated.files.find((f) => f.name === 'shops.csv')!.rows }]);
  });

  it('builds every model and passes every test', async () => {
    const run = await snowflake(['build']);
    const results = JSON.parse(readFileSync(join(projectDir, 'target/run_results.json'), 'utf8')) as RunResultsArtifact;
    const bad = results.results.filter((r) => r.status !== 'success' && r.status !== 'pass').map((r) => `${r.uniqueId}: ${r.status} ${r.message}`);
    expect(bad).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0 TOTAL=\d+/);
    expect(results.results.length).toBeGreaterThan(100);
    // Each node's statements carry its unique id as QUERY_TAG, so QUERY_HISTORY names the model.
    const tagged = emulator.queryLog.filter((q) => q.queryTag === 'strata:model.sales.top_shops').map((q) => q.sql);
    expect(tagged.some((sql) => /^CREATE OR REPLACE TRANSIENT TABLE "SALES"\."ANALYTICS_MARTS"\."TOP_SHOPS__STRATA_TMP"/.test(sql))).toBe(true);
  });

  it('holds the same rows in every mart as a DuckDB build of the same data', async () => {
    expect((await duckdb(['ingest'])).code).toBe(0);
    expect((await duckdb(['build'])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(projectDir, 'target/manifest.json'), 'utf8')) as ManifestArtifact;
    const marts = Object.values(manifest.nodes)
      .filter((n) => n.resourceType === 'model' && n.config.materialized !== 'ephemeral' && n.originalFilePath.startsWith('models/marts/'))
      .map((n) => n.name)
      .sort();
    expect(marts.length).toBeGreaterThan(5);
    const differences: string[] = [];
    for (const mart of marts) {
      const [duck, snow] = await Promise.all([
        readMart(createDuckDbAdapter({ path: join(projectDir, 'target/sales.duckdb'), schema: 'main' }), { schema: 'main_marts', identifier: mart }),
        readMart(snowflakeAdapter(), { database: 'SALES', schema: 'ANALYTICS_MARTS', identifier: mart }),
      ]);
      if (duck.length === 0) differences.push(`${mart}: no rows on DuckDB (nothing compared)`);
      const at = duck.length !== snow.length ? 0 : duck.findIndex((row, i) => !sameRow(row, snow[i]));
      if (duck.length !== snow.length || at !== -1) {
        differences.push(`${mart}: ${duck.length} vs ${snow.length} rows; first difference at row ${at}: ${JSON.stringify(duck[at])} vs ${JSON.stringify(snow[at])}`);
      }
    }
    expect(differences).toEqual([]);
  });

  /** Every row of a relation (hash columns left out), ordered by its exact (non-fractional) values. */
  async function readMart(adapter: Adapter, relation: Relation): Promise<Row[]> {
    const rows = await query(adapter, `select * from ${adapter.dialect.relationName(relation)}`);
    const kept = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !HASHED_COLUMNS.has(key))));
    const sortKey = (row: Row) => JSON.stringify(Object.values(row).map((v) => (typeof v === 'number' && !Number.isInteger(v) ? 0 : v)));
    return kept.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
});

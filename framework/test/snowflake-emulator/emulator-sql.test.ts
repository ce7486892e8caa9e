/**
 * Snowflake statements the adapter emits, through the real driver: DDL with TRANSIENT / NUMBER /
 * TIMESTAMP_NTZ, 3-part names, SWAP, INFORMATION_SCHEMA, SHOW, MERGE, stages with PUT and
 * COPY INTO (incl. load history and error reporting).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'snowflake-sdk';
import { connect, destroy, emulatorConnectionOptions, execute, failureOf, loadSnowflakeSdk } from './driver-harness.js';
import { installNetworkGuard, type NetworkGuard, type SnowflakeEmulator, startSnowflakeEmulator } from './index.js';

describe('Snowflake emulator SQL surface (real snowflake-sdk)', () => {
  let guard: NetworkGuard;
  let emulator: SnowflakeEmulator;
  let conn: Connection;
  let files: string;
  const umask = process.umask();

  beforeAll(async () => {
    guard = installNetworkGuard();
    files = mkdtempSync(join(tmpdir(), 'strata-sf-files-'));
    emulator = await startSnowflakeEmulator({ database: 'SALES_DB' });
    const sdk = await loadSnowflakeSdk();
    conn = await connect(sdk, emulatorConnectionOptions(emulator, { schema: 'RAW' }));
  });

  afterAll(async () => {
    if (conn?.isUp()) await destroy(conn);
    await emulator?.close();
    rmSync(files, { recursive: true, force: true });
    // The driver's LOCAL_FS upload path calls process.umask(0); give the worker its umask back.
    process.umask(umask);
    guard?.restore();
    expect(guard.blocked).toEqual([]);
  });

  it('creates schemas and transient tables with Snowflake types, addressable by 3-part names', async () => {
    const created = await execute(conn, 'create schema if not exists sales_db.raw');
    expect(created.rows).toEqual([{ status: 'Schema RAW successfully created.' }]);
    const table = await execute(
      conn,
      `create or replace transient table sales_db.raw.orders (
         order_id number(38,0) not null, amount number(12,2), ordered_at timestamp_ntz(9), note varchar(100), ratio float
       )`,
    );
    expect(table.rows).toEqual([{ status: 'Table ORDERS successfully created.' }]);
    await execute(conn, "insert into SALES_DB.RAW.ORDERS values (1, 12.5, '2024-01-31 10:00:00', 'first', 0.25)");
    const { rows } = await execute(conn, 'select order_id, amount, ordered_at, note, ratio from orders');
    expect(rows).toEqual([{ ORDER_ID: 1, AMOUNT: 12.5, ORDERED_AT: new Date('2024-01-31T10:00:00Z'), NOTE: 'first', RATIO: 0.25 }]);
  });

  it('describes tables through a Snowflake-shaped INFORMATION_SCHEMA', async () => {
    const { rows } = await execute(
      conn,
      `select column_name, data_type, numeric_precision, numeric_scale, character_maximum_length
         from sales_db.information_schema.columns where table_schema = 'RAW' and table_name = 'ORDERS' order by ordinal_position`,
    );
    expect(rows).toEqual([
      { COLUMN_NAME: 'ORDER_ID', DATA_TYPE: 'NUMBER', NUMERIC_PRECISION: 38, NUMERIC_SCALE: 0, CHARACTER_MAXIMUM_LENGTH: null },
      { COLUMN_NAME: 'AMOUNT', DATA_TYPE: 'NUMBER', NUMERIC_PRECISION: 12, NUMERIC_SCALE: 2, CHARACTER_MAXIMUM_LENGTH: null },
      { COLUMN_NAME: 'ORDERED_AT', DATA_TYPE: 'TIMESTAMP_NTZ', NUMERIC_PRECISION: null, NUMERIC_SCALE: null, CHARACTER_MAXIMUM_LENGTH: null },
      { COLUMN_NAME: 'NOTE', DATA_TYPE: 'TEXT', NUMERIC_PRECISION: null, NUMERIC_SCALE: null, CHARACTER_MAXIMUM_LENGTH: 16777216 },
      { COLUMN_NAME: 'RATIO', DATA_TYPE: 'FLOAT', NUMERIC_PRECISION: null, NUMERIC_SCALE: null, CHARACTER_MAXIMUM_LENGTH: null },
    ]);
    await execute(conn, 'create or replace view raw.orders_v as (select order_id from raw.orders)');
    const tables = await execute(conn, "select table_name, table_type from information_schema.tables where table_schema = 'RAW' order by 1");
    expect(tables.rows).toEqual([
      { TABLE_NAME: 'ORDERS', TABLE_TYPE: 'BASE TABLE' },
      { TABLE_NAME: 'ORDERS_V', TABLE_TYPE: 'VIEW' },
    ]);
  });

  it('answers SHOW and DESCRIBE with Snowflake column names', async () => {
    const objects = await execute(conn, 'show terse objects in schema sales_db.raw');
    expect(objects.rows.map((r) => [r.name, r.kind, r.database_name, r.schema_name])).toEqual([
      ['ORDERS', 'TABLE', 'SALES_DB', 'RAW'],
      ['ORDERS_V', 'VIEW', 'SALES_DB', 'RAW'],
    ]);
    const schemas = await execute(conn, "show schemas like 'r%' in database sales_db");
    expect(schemas.rows.map((r) => r.name)).toEqual(['RAW']);
    const described = await execute(conn, 'describe table raw.orders');
    expect(described.rows.map((r) => [r.name, r.type, r['null?']])).toEqual([
      ['ORDER_ID', 'NUMBER(38,0)', 'N'],
      ['AMOUNT', 'NUMBER(12,2)', 'Y'],
      ['ORDERED_AT', 'TIMESTAMP_NTZ(9)', 'Y'],
      ['NOTE', 'VARCHAR(16777216)', 'Y'],
      ['RATIO', 'FLOAT', 'Y'],
    ]);
  });

  it('swaps two tables atomically with ALTER TABLE ... SWAP WITH', async () => {
    await execute(conn, 'create or replace table raw.live as select 1 as version');
    await execute(conn, 'create or replace table raw.staged as select 2 as version');
    const swap = await execute(conn, 'alter table raw.staged swap with raw.live');
    expect(swap.rows).toEqual([{ status: 'Statement executed successfully.' }]);
    expect((await execute(conn, 'select version from raw.live')).rows).toEqual([{ VERSION: 2 }]);
    expect((await execute(conn, 'select version from raw.staged')).rows).toEqual([{ VERSION: 1 }]);
    const missing = await failureOf(execute(conn, 'alter table raw.staged swap with raw.nope'));
    expect(missing).toMatchObject({ code: '002003', sqlState: '42S02' });
  });

  it('renames with a fully qualified target, as Snowflake needs', async () => {
    await execute(conn, 'alter table sales_db.raw.staged rename to sales_db.raw.old_version');
    expect((await execute(conn, 'select version from raw.old_version')).rows).toEqual([{ VERSION: 1 }]);
  });

  it('merges and reports inserted and updated rows separately', async () => {
    await execute(conn, 'create or replace table raw.dim (id integer, name string)');
    await execute(conn, "insert into raw.dim values (1, 'a'), (2, 'b')");
    const merged = await execute(
      conn,
      `merge into raw.dim t using (select 2 as id, 'B' as name union all select 3, 'c') s on t.id = s.id
       when matched then update set name = s.name when not matched then insert (id, name) values (s.id, s.name)`,
    );
    expect(merged.rows).toEqual([{ 'number of rows inserted': 1, 'number of rows updated': 1 }]);
    expect(merged.statement.getNumUpdatedRows()).toBe(2);
  });

  it('loads a CSV with PUT to an internal stage and COPY INTO', async () => {
    const csv = join(files, 'sales.csv');
    writeFileSync(csv, 'date,shop_id,item_price,item_name\n31.01.2024,5,10.50,"Chair, oak"\n01.02.2024,6,,Lamp\n');
    await execute(conn, 'create or replace table raw.sales (sale_date date, shop_id number(38,0), item_price number(10,2), item_name varchar)');
    await execute(conn, "create or replace temporary stage raw.strata_load file_format = (type = csv skip_header = 1 field_optionally_enclosed_by = '\"')");
    const put = await execute(conn, `put 'file://${csv}' @raw.strata_load/batch1 auto_compress = true`);
    expect(put.rows).toEqual([
      expect.objectContaining({ source: 'sales.csv', target: 'sales.csv.gz', targetCompression: 'GZIP', status: 'UPLOADED' }),
    ]);
    const listed = await execute(conn, 'list @raw.strata_load');
    expect(listed.rows.map((r) => r.name)).toEqual(['strata_load/batch1/sales.csv.gz']);
    const copy = await execute(conn, "copy into raw.sales from @raw.strata_load/batch1 file_format = (date_format = 'DD.MM.YYYY') on_error = abort_statement");
    expect(copy.rows).toEqual([
      {
        file: 'batch1/sales.csv.gz',
        status: 'LOADED',
        rows_parsed: 2,
        rows_loaded: 2,
        error_limit: 1,
        errors_seen: 0,
        first_error: null,
        first_error_line: null,
        first_error_character: null,
        first_error_column_name: null,
      },
    ]);
    const { rows } = await execute(conn, 'select sale_date, shop_id, item_price, item_name from raw.sales order by shop_id');
    expect(rows).toEqual([
      { SALE_DATE: new Date('2024-01-31T00:00:00Z'), SHOP_ID: 5, ITEM_PRICE: 10.5, ITEM_NAME: 'Chair, oak' },
      { SALE_DATE: new Date('2024-02-01T00:00:00Z'), SHOP_ID: 6, ITEM_PRICE: null, ITEM_NAME: 'Lamp' },
    ]);
    const again = await execute(conn, 'copy into raw.sales from @raw.strata_load/batch1');
    expect(again.rows).toEqual([{ status: 'Copy executed with 0 files processed.' }]);
  });

  it('aborts COPY on a bad value with the file and line, loading nothing', async () => {
    const csv = join(files, 'bad.csv');
    writeFileSync(csv, '31.01.2024,7,1.00,ok\n31.01.2024,x,2.00,bad\n');
    await execute(conn, `put file://${csv} @~/incoming auto_compress = false`);
    const err = await failureOf(
      execute(conn, "copy into raw.sales from @~/incoming files = ('bad.csv') file_format = (type = csv date_format = 'DD.MM.YYYY')"),
    );
    expect(err).toMatchObject({ code: '100038', sqlState: '22018' });
    expect(err.message).toContain("Numeric value 'x' is not recognized\n  File 'incoming/bad.csv', line 2");
    expect((await execute(conn, 'select count(*) as n from raw.sales')).rows).toEqual([{ N: 2 }]);
    const skipped = await execute(conn, "copy into raw.sales from @~/incoming file_format = (date_format = 'DD.MM.YYYY') on_error = continue");
    expect(skipped.rows[0]).toMatchObject({ status: 'PARTIALLY_LOADED', rows_parsed: 2, rows_loaded: 1, errors_seen: 1 });
  });

  it('reports unsupported Snowflake features clearly instead of guessing', async () => {
    const err = await failureOf(execute(conn, "create stage raw.ext url = 's3://bucket/path'"));
    expect(err.code).toBe('000002');
    expect(err.message).toContain('external stages');
  });

  it('drops a schema with its contents', async () => {
    await execute(conn, 'create schema scratch');
    await execute(conn, 'create table scratch.t as select 1 as x');
    const dropped = await execute(conn, 'drop schema sales_db.scratch');
    expect(dropped.rows).toEqual([{ status: 'SCRATCH successfully dropped.' }]);
    const err = await failureOf(execute(conn, 'select * from sales_db.scratch.t'));
    expect(err.code).toBe('002003');
  });

  it('creates further databases and uses them', async () => {
    await execute(conn, 'create database if not exists other_db');
    await execute(conn, 'create table other_db.public.t as select 1 as x');
    await execute(conn, 'use database sales_db');
    await execute(conn, 'use schema raw');
    expect((await execute(conn, 'select x from other_db.public.t')).rows).toEqual([{ X: 1 }]);
    expect((await execute(conn, 'select current_database() as d, current_schema() as s')).rows).toEqual([{ D: 'SALES_DB', S: 'RAW' }]);
    const err = await failureOf(execute(conn, 'use schema nowhere'));
    expect(err.code).toBe('002043');
  });
});

/**
 * The Snowflake adapter end to end: real snowflake-sdk, loopback Snowflake emulator (DuckDB
 * behind it). Nothing may connect anywhere but 127.0.0.1.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '../adapter.js';
import {
  installNetworkGuard,
  type NetworkGuard,
  type SnowflakeEmulator,
  startSnowflakeEmulator,
} from '../../../test/snowflake-emulator/index.js';
import { createSnowflakeAdapter, SnowflakeWarehouseError, type SnowflakeTargetConfig } from './index.js';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(promise: Promise<unknown>): Promise<SnowflakeWarehouseError> {
  try {
    await promise;
  } catch (err) {
    return err as SnowflakeWarehouseError;
  }
  throw new Error('expected a failure');
}

describe('Snowflake adapter against the emulator', () => {
  let guard: NetworkGuard;
  let emulator: SnowflakeEmulator;
  let adapter: Adapter;
  let conn: Connection;
  let config: SnowflakeTargetConfig;
  let files: string;
  const umask = process.umask();
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const marts = (identifier: string) => ({ database: 'analytics', schema: 'marts', identifier });

  beforeAll(async () => {
    guard = installNetworkGuard();
    files = mkdtempSync(join(tmpdir(), 'strata-sf-adapter-'));
    emulator = await startSnowflakeEmulator({
      users: { strata: 's3cret', robot: 'unused' },
      publicKeys: { ROBOT: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      database: 'ANALYTICS',
    });
    config = {
      account: emulator.account,
      user: 'strata',
      password: 's3cret',
      database: 'analytics',
      schema: 'marts',
      warehouse: 'transforming',
      accessUrl: emulator.accessUrl,
      queryTag: 'strata-it',
      threads: 2,
      connectRetries: 0,
    };
    adapter = createSnowflakeAdapter(config);
    conn = await adapter.connect();
    await conn.execute(adapter.dialect.createSchema('marts', 'analytics'));
  });

  afterAll(async () => {
    await conn?.close();
    await adapter?.close();
    await emulator?.close();
    rmSync(files, { recursive: true, force: true });
    process.umask(umask);
    guard?.restore();
    expect(guard.blocked).toEqual([]);
  });

  it('declares Snowflake capabilities and defaults', () => {
    expect(adapter.type).toBe('snowflake');
    expect(adapter.capabilities).toEqual({ transactionalDdl: false, swapTables: true, merge: true, transientTables: true, maxThreads: 2 });
    expect([adapter.defaultDatabase, adapter.defaultSchema]).toEqual(['analytics', 'marts']);
  });

  it('tags every session with the query tag', async () => {
    await conn.execute('select 1 as probe');
    expect(emulator.queryLog.find((q) => q.sql === 'select 1 as probe')?.queryTag).toBe('strata-it');
  });

  it('labels statements with a per-node query tag, then goes back to the session tag', async () => {
    conn.setQueryTag?.('strata:model.sales.top_shops');
    await conn.execute('select 2 as tagged_probe');
    conn.setQueryTag?.(undefined);
    await conn.execute('select 3 as untagged_probe');
    expect(emulator.queryLog.find((q) => q.sql === 'select 2 as tagged_probe')?.queryTag).toBe('strata:model.sales.top_shops');
    expect(emulator.queryLog.find((q) => q.sql === 'select 3 as untagged_probe')?.queryTag).toBe('strata-it');
  });

  it('returns typed rows: numbers, exact big integers, text, dates, booleans', async () => {
    const result = await conn.execute(
      `select 10.50::number(10,2) as amount, 12345678901234567890::number(38,0) as big, ? as label,
              '2024-01-31'::date as day, ? as flag, 2.5::float as ratio`,
      ['chair', true],
    );
    expect(result.rows).toEqual([{ AMOUNT: 10.5, BIG: 12345678901234567890n, LABEL: 'chair', DAY: new Date('2024-01-31T00:00:00Z'), FLAG: true, RATIO: 2.5 }]);
    expect(result.columns).toEqual([
      { name: 'AMOUNT', type: 'NUMBER(10,2)' },
      { name: 'BIG', type: 'NUMBER(38,0)' },
      { name: 'LABEL', type: 'VARCHAR' },
      { name: 'DAY', type: 'DATE' },
      { name: 'FLAG', type: 'BOOLEAN' },
      { name: 'RATIO', type: 'FLOAT' },
    ]);
  });

  it('creates transient tables and views and introspects them', async () => {
    const { dialect } = adapter;
    await conn.execute(dialect.createTableAs(marts('daily_sales'), 'select 1 as shop_id, 10.5::number(10,2) as revenue union all select 2, 7::number(10,2)'));
    await conn.execute(dialect.createViewAs(marts('daily_sales_v'), 'select shop_id from analytics.marts.daily_sales'));
    expect(emulator.queryLog.some((q) => q.sql.startsWith('CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."MARTS"."DAILY_SALES"'))).toBe(true);
    const inspect = adapter.introspector(conn);
    expect(await inspect.getRelation(marts('daily_sales'))).toEqual({ ...marts('daily_sales'), kind: 'table' });
    expect(await inspect.getRelation(marts('DAILY_SALES_V'))).toEqual({ ...marts('DAILY_SALES_V'), kind: 'view' });
    expect(await inspect.getRelation(marts('nothing_here'))).toBeNull();
    expect(await inspect.getRelation({ database: 'no_such_db', schema: 'marts', identifier: 'x' })).toBeNull();
    expect(await inspect.listRelations('marts', 'analytics')).toEqual([
      { database: 'analytics', schema: 'marts', identifier: 'DAILY_SALES', kind: 'table' },
      { database: 'analytics', schema: 'marts', identifier: 'DAILY_SALES_V', kind: 'view' },
    ]);
    expect(await inspect.listRelations('no_such_schema')).toEqual([]);
    expect(await inspect.getColumns(marts('daily_sales'))).toEqual([
      { name: 'SHOP_ID', type: 'NUMBER(38,0)' },
      { name: 'REVENUE', type: 'NUMBER(10,2)' },
    ]);
    expect(await inspect.rowCount(marts('daily_sales'))).toBe(2);
  });

  it('swaps a staged table into place over a table, a view, or nothing', async () => {
    const { dialect } = adapter;
    const run = async (sqls: string[]) => {
      for (const sql of sqls) await conn.execute(sql);
    };
    const inspect = adapter.introspector(conn);
    await conn.execute(dialect.createTableAs(marts('fct__staged'), 'select 2 as version'));
    await conn.execute(dialect.createTableAs(marts('fct'), 'select 1 as version'));
    await run(dialect.swapIntoPlace(marts('fct__staged'), marts('fct'), 'table'));
    expect((await conn.execute('select version from analytics.marts.fct')).rows).toEqual([{ VERSION: 2 }]);
    expect(await inspect.getRelation(marts('fct__staged'))).toBeNull();

    await conn.execute(dialect.createViewAs(marts('was_view'), 'select 1 as version'));
    await conn.execute(dialect.createTableAs(marts('was_view__staged'), 'select 3 as version'));
    await run(dialect.swapIntoPlace(marts('was_view__staged'), marts('was_view'), 'view'));
    expect(await inspect.getRelation(marts('was_view'))).toMatchObject({ kind: 'table' });

    await conn.execute(dialect.createTableAs(marts('brand_new__staged'), 'select 4 as version'));
    await run(dialect.swapIntoPlace(marts('brand_new__staged'), marts('brand_new'), null));
    expect(await inspect.rowCount(marts('brand_new'))).toBe(1);
  });

  it('loads a CSV with PUT + COPY INTO and replaces the relation only on success', async () => {
    const csv = join(files, 'sales.csv');
    writeFileSync(csv, 'date,shop_id,item_price,item_name\n31.01.2024,5,10.50,"Chair, oak"\n01.02.2024,6,,C:\\lamp\n');
    const request = {
      file: csv,
      relation: { database: 'analytics', schema: 'raw', identifier: 'sales' },
      columns: [
        { name: 'date', type: 'DATE' },
        { name: 'shop_id', type: 'NUMBER(38,0)' },
        { name: 'item_price', type: 'NUMBER(10,2)' },
        { name: 'item_name', type: 'VARCHAR' },
      ],
      header: true,
      dateFormat: '%d.%m.%Y',
    };
    await conn.execute(adapter.dialect.createSchema('raw', 'analytics'));
    expect(await adapter.loadCsv(conn, request)).toEqual({ rows: 2 });
    const loaded = await conn.execute('select * from analytics.raw.sales order by shop_id');
    expect(loaded.rows).toEqual([
      { DATE: new Date('2024-01-31T00:00:00Z'), SHOP_ID: 5, ITEM_PRICE: 10.5, ITEM_NAME: 'Chair, oak' },
      { DATE: new Date('2024-02-01T00:00:00Z'), SHOP_ID: 6, ITEM_PRICE: null, ITEM_NAME: 'C:\\lamp' },
    ]);
    expect(emulator.queryLog.some((q) => /^COPY INTO "ANALYTICS"."RAW"."SALES__STRATA_LOAD"/.test(q.sql))).toBe(true);

    writeFileSync(csv, 'date,shop_id,item_price,item_name\n02.02.2024,7,1.00,Desk\n');
    expect(await adapter.loadCsv(conn, request)).toEqual({ rows: 1 });
    expect(await adapter.introspector(conn).rowCount(request.relation)).toBe(1);

    writeFileSync(csv, 'date,shop_id,item_price,item_name\n03.02.2024,not-a-number,1.00,Bad\n');
    const err = await failureOf(adapter.loadCsv(conn, request));
    expect(err).toBeInstanceOf(SnowflakeWarehouseError);
    expect(err.message).toContain("Numeric value 'not-a-number' is not recognized");
    expect(await adapter.introspector(conn).rowCount(request.relation)).toBe(1);
    expect(await adapter.introspector(conn).getRelation({ ...request.relation, identifier: 'sales__strata_load' })).toBeNull();
  });

  it('reports DML row counts, including MERGE', async () => {
    await conn.execute('create or replace table analytics.marts.dim_shop (shop_id integer, name varchar)');
    expect((await conn.execute('insert into analytics.marts.dim_shop values (?, ?), (?, ?)', [1, 'a', 2, 'b'])).rowsAffected).toBe(2);
    const merged = await conn.execute(
      `merge into analytics.marts.dim_shop t using (select 2 as shop_id, 'B' as name union all select 3, 'c') s
       on t.shop_id = s.shop_id when matched then update set name = s.name when not matched then insert (shop_id, name) values (s.shop_id, s.name)`,
    );
    expect(merged.rowsAffected).toBe(2);
  });

  it('wraps SQL errors with Snowflake codes', async () => {
    const syntax = await failureOf(conn.execute('selec 1'));
    expect(syntax).toBeInstanceOf(SnowflakeWarehouseError);
    expect(syntax.explanation).toMatchObject({ kind: 'sql', code: '001003', sqlState: '42000' });
    const missing = await failureOf(conn.execute('select * from analytics.marts.missing_table'));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain("Snowflake [002003/42S02]: SQL compilation error:\nObject 'MISSING_TABLE' does not exist or not authorized.");
  });

  it('explains a wrong password without revealing it', async () => {
    const other = createSnowflakeAdapter({ ...config, password: 'wrong-password' });
    const err = await failureOf(other.connect());
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('Snowflake [390100]: Snowflake rejected the user name or password.');
    expect(err.message).not.toContain('wrong-password');
    await other.close();
  });

  it('explains an unreachable endpoint as a network problem', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const other = createSnowflakeAdapter({ ...config, accessUrl: url });
    const err = await failureOf(other.connect());
    expect(err.kind).toBe('network');
    expect(err.message).toContain(`Could not reach ${url}`);
    await other.close();
  });

  it('logs in with an encrypted private key file', async () => {
    const path = join(files, 'robot.p8');
    writeFileSync(path, keys.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pp' }).toString());
    const robot = createSnowflakeAdapter({ ...config, user: 'robot', password: undefined, privateKeyPath: path, privateKeyPassphrase: 'pp' });
    const c = await robot.connect();
    expect((await c.execute('select 1 as ok')).rows).toEqual([{ OK: 1 }]);
    await c.close();
    await robot.close();
  });

  it('holds at most `threads` sessions and rolls back what a closed connection left open', async () => {
    const second = await adapter.connect();
    let thirdReady = false;
    const third = adapter.connect().then((c) => {
      thirdReady = true;
      return c;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(thirdReady).toBe(false);

    await second.execute('create or replace table analytics.marts.txn_probe (x integer)');
    await second.execute('begin');
    await second.execute('insert into analytics.marts.txn_probe values (1)');
    await second.close();
    const reused = await third;
    expect(thirdReady).toBe(true);
    expect((await reused.execute('select count(*) as n from analytics.marts.txn_probe')).rows).toEqual([{ N: 0 }]);
    await reused.close();
  });
});

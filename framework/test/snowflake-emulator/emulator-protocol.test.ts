/**
 * The real snowflake-sdk against the emulator: login, binds, typed results, errors, chunked
 * results, async queries, session close. A network guard proves nothing leaves 127.0.0.1.
 */
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'snowflake-sdk';
import { connect, destroy, emulatorConnectionOptions, execute, failureOf, loadSnowflakeSdk } from './driver-harness.js';
import { installNetworkGuard, type NetworkGuard, type SnowflakeEmulator, startSnowflakeEmulator } from './index.js';

type Sdk = Awaited<ReturnType<typeof loadSnowflakeSdk>>;

describe('Snowflake emulator protocol (real snowflake-sdk)', () => {
  let guard: NetworkGuard;
  let emulator: SnowflakeEmulator;
  let sdk: Sdk;
  let conn: Connection;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  beforeAll(async () => {
    guard = installNetworkGuard();
    emulator = await startSnowflakeEmulator({
      users: { strata: 'secret', keyuser: 'unused' },
      publicKeys: { KEYUSER: publicPem },
      database: 'ANALYTICS',
    });
    sdk = await loadSnowflakeSdk();
    conn = await connect(sdk, emulatorConnectionOptions(emulator));
  });

  afterAll(async () => {
    if (conn?.isUp()) await destroy(conn);
    await emulator?.close();
    guard?.restore();
    expect(guard.blocked).toEqual([]);
  });

  it('listens on 127.0.0.1 only and reports the login database and schema', async () => {
    expect(emulator.accessUrl).toBe(`http://127.0.0.1:${emulator.port}`);
    const { rows } = await execute(conn, 'select current_database() as db, current_schema() as sc');
    expect(rows).toEqual([{ DB: 'ANALYTICS', SC: 'PUBLIC' }]);
  });

  it('upper-cases unquoted identifiers and keeps quoted ones', async () => {
    const { rows } = await execute(conn, 'select 1 as order_id, 2 as "mixedCase"');
    expect(rows).toEqual([{ ORDER_ID: 1, mixedCase: 2 }]);
  });

  it('binds positional (?) and numbered (:1) parameters with their types', async () => {
    const { rows } = await execute(conn, 'select ? as n, ? as s, ? as f, ? as b, ? as nothing', [41, 'text', 2.5, true, null]);
    expect(rows).toEqual([{ N: 41, S: 'text', F: 2.5, B: true, NOTHING: null }]);
    const numbered = await execute(conn, 'select :2 || :1 as joined, :1 as again', ['a', 'b']);
    expect(numbered.rows).toEqual([{ JOINED: 'ba', AGAIN: 'a' }]);
  });

  it('does not mistake string contents or casts for binds', async () => {
    const { rows } = await execute(conn, "select '10:11:12' as t, 'it''s' as q, 'a\\\\b' as bs, 1::varchar as c");
    expect(rows).toEqual([{ T: '10:11:12', Q: "it's", BS: 'a\\b', C: '1' }]);
  });

  it('returns typed values with Snowflake rowtype metadata', async () => {
    const { rows, statement } = await execute(
      conn,
      `select 10.50::number(10,2) as amount, 3::number as qty, 2.5::float as ratio, 'x'::varchar as label,
        '2024-01-31'::date as day, '2024-01-31 12:34:56.789'::timestamp_ntz as ts, true as flag`,
    );
    const row = rows[0];
    expect(row.AMOUNT).toBe(10.5);
    expect(row.QTY).toBe(3);
    expect(row.RATIO).toBe(2.5);
    expect(row.LABEL).toBe('x');
    expect((row.DAY as Date).toISOString()).toBe('2024-01-31T00:00:00.000Z');
    expect((row.TS as Date).toISOString()).toBe('2024-01-31T12:34:56.789Z');
    expect(row.FLAG).toBe(true);
    const columns = statement.getColumns() ?? [];
    expect(columns.map((c) => [c.getName(), c.getType(), c.getScale()])).toEqual([
      ['AMOUNT', 'fixed', 2],
      ['QTY', 'fixed', 0],
      ['RATIO', 'real', null],
      ['LABEL', 'text', null],
      ['DAY', 'date', null],
      ['TS', 'timestamp_ntz', 9],
      ['FLAG', 'boolean', null],
    ]);
  });

  it('describes a query without running it (describeOnly)', async () => {
    const { rows, statement } = await execute(conn, 'select 1 as a, 2.5::float as b', undefined, { describeOnly: true });
    expect(rows).toEqual([]);
    expect(statement.getColumns()?.map((c) => [c.getName(), c.getType()])).toEqual([
      ['A', 'fixed'],
      ['B', 'real'],
    ]);
  });

  it('reports DML row counts, also for array binds', async () => {
    await execute(conn, 'create or replace table t_dml (id number(38,0), name string)');
    const single = await execute(conn, 'insert into t_dml values (?, ?)', [1, 'one']);
    expect(single.statement.getNumUpdatedRows()).toBe(1);
    expect(single.rows).toEqual([{ 'number of rows inserted': 1 }]);
    const batch = await execute(conn, 'insert into t_dml values (?, ?)', [[2, 'two'], [3, 'three'], [4, null]]);
    expect(batch.statement.getNumUpdatedRows()).toBe(3);
    const updated = await execute(conn, 'update t_dml set name = upper(name) where id <= ?', [2]);
    expect(updated.statement.getNumUpdatedRows()).toBe(2);
    const deleted = await execute(conn, 'delete from t_dml where name is null');
    expect(deleted.rows).toEqual([{ 'number of rows deleted': 1 }]);
  });

  it('answers bad SQL with Snowflake error codes and SQL states', async () => {
    const syntax = await failureOf(execute(conn, 'selec 1'));
    expect(syntax.code).toBe('001003');
    expect(syntax.sqlState).toBe('42000');
    expect(syntax.message).toMatch(/^SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'SELEC'/);
    const missing = await failureOf(execute(conn, 'select * from no_such_table'));
    expect(missing).toMatchObject({ code: '002003', sqlState: '42S02' });
    expect(missing.message).toContain("Object 'NO_SUCH_TABLE' does not exist or not authorized.");
    const column = await failureOf(execute(conn, 'select nope from t_dml'));
    expect(column).toMatchObject({ code: '000904', sqlState: '42000' });
    const numeric = await failureOf(execute(conn, "select 'abc'::number"));
    expect(numeric).toMatchObject({ code: '100038', sqlState: '22018' });
    expect(numeric.message).toBe("Numeric value 'abc' is not recognized");
  });

  it('rejects several statements in one request, as Snowflake does by default', async () => {
    const err = await failureOf(execute(conn, 'select 1; select 2'));
    expect(err).toMatchObject({ code: '000008', sqlState: '0A000' });
  });

  it('rejects a wrong password with Snowflake 390100', async () => {
    const err = await failureOf(connect(sdk, emulatorConnectionOptions(emulator, { password: 'wrong' })));
    expect(err.code).toBe('390100');
    expect(err.message).toBe('Incorrect username or password was specified.');
  });

  it('accepts key-pair (JWT) login signed by the registered key and rejects other keys', async () => {
    const keyConn = await connect(
      sdk,
      emulatorConnectionOptions(emulator, { username: 'keyuser', password: undefined, authenticator: 'SNOWFLAKE_JWT', privateKey: privatePem }),
    );
    const { rows } = await execute(keyConn, 'select current_user() as u');
    expect(rows[0].U).toBeTypeOf('string');
    await destroy(keyConn);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const err = await failureOf(
      connect(sdk, emulatorConnectionOptions(emulator, { username: 'keyuser', password: undefined, authenticator: 'SNOWFLAKE_JWT', privateKey: other })),
    );
    expect(err.code).toBe('390144');
  });

  it('delivers a 50k-row result completely through chunk downloads', async () => {
    const { rows, statement } = await execute(conn, "select range as n, 'row ' || range as label from range(50000) order by n");
    expect(statement.getNumRows()).toBe(50000);
    expect(rows).toHaveLength(50000);
    expect(rows[0]).toEqual({ N: 0, LABEL: 'row 0' });
    expect(rows[49999]).toEqual({ N: 49999, LABEL: 'row 49999' });
    expect(rows.reduce((sum, r) => sum + (r.N as number), 0)).toBe((49999 * 50000) / 2);
  });

  it('records the QUERY_TAG in effect for each statement', async () => {
    await execute(conn, "alter session set query_tag = 'strata-test'");
    await execute(conn, 'select 42 as tagged');
    await execute(conn, 'alter session unset query_tag');
    await execute(conn, 'select 43 as untagged');
    expect(emulator.queryLog.find((q) => q.sql === 'select 42 as tagged')).toEqual({ sql: 'select 42 as tagged', queryTag: 'strata-test' });
    expect(emulator.queryLog.find((q) => q.sql === 'select 43 as untagged')).toEqual({ sql: 'select 43 as untagged' });
  });

  it('supports async execution, query status and fetching the result later', async () => {
    const queryId = await new Promise<string>((resolve, reject) => {
      conn.execute({
        sqlText: 'select 7 as seven',
        asyncExec: true,
        complete: (err, stmt) => (err ? reject(err) : resolve(stmt.getQueryId())),
      });
    });
    expect(await conn.getQueryStatus(queryId)).toBe('SUCCESS');
    const statement = await conn.getResultsFromQueryId({ queryId });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const out: unknown[] = [];
      statement.streamRows().on('data', (r) => out.push(r)).on('end', () => resolve(out)).on('error', reject);
    });
    expect(rows).toEqual([{ SEVEN: 7 }]);
  });

  it('accepts named binds (:name) sent over the REST protocol', async () => {
    const login = await fetch(`${emulator.accessUrl}/session/v1/login-request?databaseName=analytics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { LOGIN_NAME: 'strata', PASSWORD: 'secret', ACCOUNT_NAME: emulator.account } }),
    }).then((r) => r.json() as Promise<{ data: { token: string } }>);
    const auth = { Authorization: `Snowflake Token="${login.data.token}"`, 'Content-Type': 'application/json' };
    const result = await fetch(`${emulator.accessUrl}/queries/v1/query-request`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ sqlText: 'select :id + 1 as next_id, :who as who', bindings: { id: { type: 'FIXED', value: '41' }, who: { type: 'TEXT', value: 'me' } } }),
    }).then((r) => r.json() as Promise<{ data: { rowset: unknown[][]; rowtype: { name: string }[]; returned: number } }>);
    expect(result.data.rowtype.map((c) => c.name)).toEqual(['NEXT_ID', 'WHO']);
    expect(result.data.rowset).toEqual([['42', 'me']]);
    expect(result.data.returned).toBe(1);
    await fetch(`${emulator.accessUrl}/session?delete=true`, { method: 'POST', headers: auth });
    const after = await fetch(`${emulator.accessUrl}/queries/v1/query-request`, { method: 'POST', headers: auth, body: '{"sqlText":"select 1"}' });
    expect(after.status).toBe(401);
  });

  it('answers heartbeats and closes the session on destroy', async () => {
    const extra = await connect(sdk, emulatorConnectionOptions(emulator));
    expect(extra.isUp()).toBe(true);
    expect(await extra.isValidAsync()).toBe(true);
    await destroy(extra);
    expect(extra.isUp()).toBe(false);
    expect(emulator.queryLog.length).toBeGreaterThan(0);
  });

  it('has a network guard that refuses non-loopback connections', async () => {
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '192.0.2.1', port: 443 });
      socket.on('error', (err) => resolve(err.message));
    });
    expect(refused).toContain('blocked');
    expect(guard.blocked).toEqual(['192.0.2.1:443']);
    guard.blocked.length = 0;
  });
});

/** The emulator's mechanical Snowflake -> DuckDB rewrite, token by token. */
import { describe, expect, it } from 'vitest';
import { fromDuckDbError } from './errors.js';
import { rewriteForDuckDb } from './sql-rewrite.js';
import { splitStatements, tokenizeSql } from './sql-tokens.js';

const rewrite = (sql: string, bindings?: Record<string, { type: string; value: string }>) =>
  rewriteForDuckDb(tokenizeSql(sql), bindings);

describe('tokenizeSql', () => {
  it('round-trips the input exactly', () => {
    const sql = "select a::number(10,2), 'it''s \\'x\\'', \"Q\"\"id\", $$raw 'text'$$ -- c\n/* b */ from t where x = :1 and y = ? // end";
    expect(tokenizeSql(sql).map((t) => t.text).join('')).toBe(sql);
  });

  it('decodes Snowflake string escapes', () => {
    const [token] = tokenizeSql("'a\\nb\\\\c\\'d''e\\x41\\u0042'");
    expect(token.value).toBe("a\nb\\c'd'eAB");
  });

  it('splits statements on top-level semicolons only', () => {
    expect(splitStatements(tokenizeSql("select ';'; select 2;"))).toHaveLength(2);
    expect(splitStatements(tokenizeSql('select 1;  '))).toHaveLength(1);
  });
});

describe('rewriteForDuckDb', () => {
  it('upper-cases unquoted words and keeps quoted identifiers', () => {
    expect(rewrite('select order_id as "OrderId" from raw.orders').sql).toBe('SELECT ORDER_ID AS "OrderId" FROM RAW.ORDERS');
  });

  it('re-encodes string literals for DuckDB', () => {
    expect(rewrite("select 'a\\\\b', 'it''s', $$x'y$$").sql).toBe("SELECT 'a\\b', 'it''s', 'x''y'");
  });

  it('maps Snowflake-only types where a type is expected', () => {
    expect(rewrite('select x::number(10,2), cast(y as timestamp_ntz(9)), try_cast(z as float), w::varchar(20)').sql).toBe(
      'SELECT X::DECIMAL(10,2), CAST(Y AS TIMESTAMP), TRY_CAST(Z AS DOUBLE), W::VARCHAR',
    );
    expect(rewrite('create or replace transient table t (id number, ts timestamp_ltz, n integer not null, v variant)').sql).toBe(
      'CREATE OR REPLACE  TABLE T (ID DECIMAL(38,0), TS TIMESTAMPTZ, N BIGINT NOT NULL, V JSON)',
    );
  });

  it('leaves type-like column names alone outside type positions', () => {
    expect(rewrite('select number, float as real from t').sql).toBe('SELECT NUMBER, FLOAT AS REAL FROM T');
    expect(rewrite('create table t as select cast(a as number) as number from (select 1 as a)').sql).toBe(
      'CREATE TABLE T AS SELECT CAST(A AS DECIMAL(38,0)) AS NUMBER FROM (SELECT 1 AS A)',
    );
  });

  it('points INFORMATION_SCHEMA at the emulated views', () => {
    expect(rewrite('select * from db.information_schema.tables').sql).toBe('SELECT * FROM DB.SF_INFORMATION_SCHEMA.TABLES');
    expect(rewrite('select information_schema from t').sql).toBe('SELECT INFORMATION_SCHEMA FROM T');
  });

  it('turns ?, :N and bound :name placeholders into DuckDB parameters', () => {
    expect(rewrite('select ?, ?, :1').sql).toBe('SELECT $1, $2, $1');
    const named = rewrite('select :id, :id, :other, x::date', { id: { type: 'FIXED', value: '1' } });
    expect(named).toEqual({ sql: 'SELECT $1, $1, :other, X::DATE', paramKeys: ['id'] });
    expect(rewrite("select '?', ':1' from t").paramKeys).toEqual([]);
  });

  it('keeps only the name of a qualified RENAME TO target', () => {
    expect(rewrite('alter table db.sc.a rename to db.sc.b').sql).toBe('ALTER TABLE DB.SC.A RENAME TO B');
    expect(() => rewrite('alter table db.sc.a rename to db.other.b')).toThrow(/another schema/);
  });

  it('drops the qualifier of temporary tables and converts // comments', () => {
    expect(rewrite('create temporary table db.sc.tmp as select 1 // why').sql).toBe('CREATE TEMPORARY TABLE TMP AS SELECT 1 -- why');
  });
});

describe('fromDuckDbError', () => {
  it('maps DuckDB errors to Snowflake codes and strips DuckDB hints', () => {
    const missing = fromDuckDbError(new Error('Catalog Error: Table with name NOPE does not exist!\nDid you mean "X"?'));
    expect(missing).toMatchObject({ code: '002003', sqlState: '42S02', message: "SQL compilation error:\nObject 'NOPE' does not exist or not authorized." });
    const schema = fromDuckDbError(new Error('Catalog Error: Table with name "S.T" does not exist because schema "S" does not exist.'));
    expect(schema).toMatchObject({ code: '002003', sqlState: '02000' });
    expect(fromDuckDbError(new Error('Constraint Error: NOT NULL constraint failed: T.X'))).toMatchObject({ code: '100072', sqlState: '22000' });
    expect(fromDuckDbError(new Error('Conversion Error: Could not convert string \'x\' to DATE'))).toMatchObject({ code: '100040' });
    expect(fromDuckDbError(new Error('something unexpected'))).toMatchObject({ code: '000603', sqlState: 'XX000' });
  });
});

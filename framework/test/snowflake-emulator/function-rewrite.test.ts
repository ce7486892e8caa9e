/**
 * The emulator's Snowflake function layer: the translation itself (token level), and what the
 * real driver gets back for every function the Snowflake adapter's cross-database macros emit
 * (values and Snowflake column types: DATE results must be DATEs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'snowflake-sdk';
import { createSnowflakeDialect } from '../../src/adapters/snowflake/index.js';
import { connect, destroy, emulatorConnectionOptions, execute, failureOf, loadSnowflakeSdk } from './driver-harness.js';
import { translateSnowflakeFunctions } from './function-rewrite.js';
import { installNetworkGuard, type NetworkGuard, type SnowflakeEmulator, startSnowflakeEmulator } from './index.js';
import { rewriteForDuckDb } from './sql-rewrite.js';
import { tokenizeSql } from './sql-tokens.js';

const translate = (sql: string) => translateSnowflakeFunctions(tokenizeSql(sql)).map((t) => t.text).join('');

describe('translateSnowflakeFunctions', () => {
  it('translates constant date formats to strftime at rewrite time', () => {
    expect(translate("select to_date(d, 'DD.MM.YYYY'), try_to_date(d, 'DD.MM.YYYY'), to_char(x, 'Mon YYYY')")).toBe(
      "select CAST(STRPTIME(d, '%d.%m.%Y') AS DATE), CAST(TRY_STRPTIME(d, '%d.%m.%Y') AS DATE), STRFTIME(x, '%b %Y')",
    );
    expect(translate('select to_date(d), to_varchar(n)')).toBe('select CAST(d AS DATE), CAST(n AS VARCHAR)');
  });

  it('refuses computed formats and unknown date parts instead of guessing', () => {
    expect(() => translate('select to_date(d, fmt_column)')).toThrow(/non-constant format/);
    expect(() => translate('select dateadd(fortnight, 1, d)')).toThrow(/date part fortnight/);
    expect(() => translate('select dateadd(day, 1)')).toThrow(/DATEADD with 2 arguments/);
  });

  it('keeps DATE results DATE for day-or-larger parts', () => {
    expect(translate('select dateadd(month, n, d), dateadd(\'hour\', 2, ts)')).toBe(
      'select CAST((d) + INTERVAL (n) MONTH AS DATE), ((ts) + INTERVAL (2) HOUR)',
    );
    expect(translate("select date_trunc('month', d), date_trunc(MINUTE, ts), datediff(days, a, b)")).toBe(
      "select CAST(DATE_TRUNC('month', d) AS DATE), (DATE_TRUNC('minute', ts)), DATE_DIFF('day', a, b)",
    );
  });

  it('translates nested calls and LISTAGG ... WITHIN GROUP', () => {
    expect(translate("select dateadd(month, 1, date_trunc('month', to_date(s, 'YYYY-MM-DD')))")).toBe(
      "select CAST((CAST(DATE_TRUNC('month', CAST(STRPTIME(s, '%Y-%m-%d') AS DATE)) AS DATE)) + INTERVAL (1) MONTH AS DATE)",
    );
    expect(translate("select listagg(name, ', ') within group (order by name desc) from t")).toBe(
      "select STRING_AGG(name, ', ' order by name desc) from t",
    );
    expect(translate('select listagg(distinct name) from t')).toBe("select STRING_AGG(distinct name, '') from t");
  });

  it('leaves qualified names, plain words and other functions alone', () => {
    expect(translate('select s.date_trunc, date, iff(a, b, c), current_timestamp from t')).toBe('select s.date_trunc, date, iff(a, b, c), current_timestamp from t');
    expect(translate('select current_timestamp(), current_date()')).toBe('select CURRENT_TIMESTAMP, CURRENT_DATE');
  });

  it('keeps the line structure of the arguments (error lines map back to the model)', () => {
    const sql = "select\n  to_date(\n    d,\n    'DD.MM.YYYY'),\n  bad_column\nfrom t";
    expect(rewriteForDuckDb(tokenizeSql(sql), undefined).sql.split('\n')).toHaveLength(sql.split('\n').length);
  });
});

describe('Snowflake functions through the real driver', () => {
  let guard: NetworkGuard;
  let emulator: SnowflakeEmulator;
  let conn: Connection;
  const m = createSnowflakeDialect().macros;

  beforeAll(async () => {
    guard = installNetworkGuard();
    emulator = await startSnowflakeEmulator();
    conn = await connect(await loadSnowflakeSdk(), emulatorConnectionOptions(emulator));
  });

  afterAll(async () => {
    if (conn?.isUp()) await destroy(conn);
    await emulator?.close();
    guard?.restore();
    expect(guard.blocked).toEqual([]);
  });

  /** Value and Snowflake column type of one expression. */
  async function one(expr: string): Promise<[unknown, string]> {
    const { rows, statement } = await execute(conn, `select ${expr} as v`);
    const value = rows[0].V;
    const type = String((statement.getColumns() ?? [])[0]?.getType());
    return [value instanceof Date ? value.toISOString().slice(0, 10) : value, type];
  }

  it('parses and formats dates as the adapter macros ask', async () => {
    expect(await one(m.to_date("'31.01.2024'", 'DD.MM.YYYY'))).toEqual(['2024-01-31', 'date']);
    expect(await one(m.try_to_date("'99.99.2024'", 'DD.MM.YYYY'))).toEqual([null, 'date']);
    expect(await one(m.to_date("'2024-02-29'"))).toEqual(['2024-02-29', 'date']);
    expect(await one(m.format_date("'2024-01-05'::date", 'YYYY-MM'))).toEqual(['2024-01', 'text']);
    expect(await one(m.format_date("'2024-01-05'::date", 'Mon YYYY'))).toEqual(['Jan 2024', 'text']);
    expect(await one("monthname('2024-03-05'::date) || ' ' || dayname('2024-03-05'::date)")).toEqual(['Mar Tue', 'text']);
  });

  it('does date arithmetic with DATE results, clamping month ends like Snowflake', async () => {
    expect(await one(m.dateadd('month', 1, "'2024-01-31'::date"))).toEqual(['2024-02-29', 'date']);
    expect(await one(m.dateadd('day', -1, "'2024-03-01'::date"))).toEqual(['2024-02-29', 'date']);
    expect(await one(m.dateadd('week', 2, "'2024-01-01'::date"))).toEqual(['2024-01-15', 'date']);
    expect(await one(m.dateadd('quarter', 1, "'2024-01-31'::date"))).toEqual(['2024-04-30', 'date']);
    expect(await one(m.datediff('month', "'2024-01-31'::date", "'2024-02-01'::date"))).toEqual([1, 'fixed']);
    expect(await one(m.datediff('day', "'2024-01-01'::date", "'2024-03-01'::date"))).toEqual([60, 'fixed']);
    expect(await one(m.date_trunc('month', "'2024-03-15'::date"))).toEqual(['2024-03-01', 'date']);
    expect(await one(m.date_trunc('year', "'2024-03-15'::date"))).toEqual(['2024-01-01', 'date']);
    expect(await one(m.last_day("'2024-02-10'::date"))).toEqual(['2024-02-29', 'date']);
  });

  it('evaluates IFF, DIV0, NVL and friends as session macros', async () => {
    expect(await one(m.iff('1 > 0', "'a'", "'b'"))).toEqual(['a', 'text']);
    expect(await one(m.div0('7', '0'))).toEqual([0, 'real']);
    expect(await one(m.div0('7', '2'))).toEqual([3.5, 'real']);
    expect(await one('nvl(null, 3)')).toEqual([3, 'fixed']);
    expect(await one("nvl2(null, 'x', 'y') || zeroifnull(null) || coalesce(nullifzero(0), -1)")).toEqual(['y0-1', 'text']);
    expect(await one('equal_null(null, null)')).toEqual([true, 'boolean']);
  });

  it('casts safely and aggregates like Snowflake', async () => {
    expect(await one(m.safe_cast("'12.345'", m.type_numeric(10, 2)))).toEqual([12.35, 'fixed']);
    expect(await one(m.safe_cast("'abc'", m.type_int()))).toEqual([null, 'fixed']);
    expect(await one(m.split_part("'a-b-c'", '-', 2))).toEqual(['b', 'text']);
    const { rows } = await execute(
      conn,
      `select ${m.listagg('x', ', ', 'x desc')} as l, ${m.bool_or('x > \'b\'')} as b, ${m.any_value('x')} is not null as a, listagg(x) as plain
         from (select 'a' as x union all select 'c' union all select 'b')`,
    );
    expect(rows).toEqual([{ L: 'c, b, a', B: true, A: true, PLAIN: expect.stringMatching(/^[abc]{3}$/) }]);
    expect(await one(`${m.current_timestamp()} is not null`)).toEqual([true, 'boolean']);
  });

  it('reports an unparsable date the way Snowflake does', async () => {
    const err = await failureOf(execute(conn, `select ${m.to_date("'31.13.2024'", 'DD.MM.YYYY')}`));
    expect(err).toMatchObject({ code: '100096', sqlState: '22007' });
    expect(err.message).toContain("Can't parse '31.13.2024' as date");
  });
});

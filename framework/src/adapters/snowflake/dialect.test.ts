/** Golden SQL for the Snowflake dialect and its cross-database macros. */
import { describe, expect, it } from 'vitest';
import { createSnowflakeDialect } from './dialect.js';
import { planSnowflakeCsvLoad, toSnowflakeDateFormat } from './load-csv.js';

const dialect = createSnowflakeDialect();
const live = { database: 'analytics', schema: 'marts', identifier: 'daily_sales' };
const staged = { ...live, identifier: 'daily_sales__strata_tmp' };
const m = dialect.macros;

describe('Snowflake dialect: names and literals', () => {
  it('folds identifiers to upper case and quotes them (dbt-snowflake quoting: identifier false)', () => {
    expect(dialect.quoteIdentifier('order_id')).toBe('"ORDER_ID"');
    expect(dialect.quoteIdentifier('select')).toBe('"SELECT"');
    expect(dialect.quoteIdentifier('we"ird')).toBe('"WE""IRD"');
    expect(dialect.relationName(live)).toBe('"ANALYTICS"."MARTS"."DAILY_SALES"');
    expect(dialect.relationName({ schema: 'raw', identifier: 'items' })).toBe('"RAW"."ITEMS"');
  });

  it('keeps case when asked to (quoting: identifier true)', () => {
    const exact = createSnowflakeDialect({ preserveCase: true });
    expect(exact.relationName({ database: 'Db', schema: 'Sc', identifier: 'MixedCase' })).toBe('"Db"."Sc"."MixedCase"');
  });

  it('escapes backslashes and quotes in string literals', () => {
    expect(dialect.stringLiteral("it's C:\\data")).toBe("'it''s C:\\\\data'");
  });
});

describe('Snowflake dialect: DDL', () => {
  it('creates schemas, transient tables, temporary tables and views', () => {
    expect(dialect.createSchema('marts', 'analytics')).toBe('CREATE SCHEMA IF NOT EXISTS "ANALYTICS"."MARTS"');
    expect(dialect.createSchema('marts')).toBe('CREATE SCHEMA IF NOT EXISTS "MARTS"');
    expect(dialect.createTableAs(live, 'select 1 as x;\n')).toBe(
      'CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."MARTS"."DAILY_SALES" AS (\nselect 1 as x\n)',
    );
    expect(dialect.createTableAs(live, 'select 1 as x', { transient: false })).toBe(
      'CREATE OR REPLACE TABLE "ANALYTICS"."MARTS"."DAILY_SALES" AS (\nselect 1 as x\n)',
    );
    expect(dialect.createTableAs(live, 'select 1 as x', { temporary: true })).toBe(
      'CREATE OR REPLACE TEMPORARY TABLE "ANALYTICS"."MARTS"."DAILY_SALES" AS (\nselect 1 as x\n)',
    );
    expect(createSnowflakeDialect({ transientByDefault: false }).createTableAs(live, 'select 1')).toBe(
      'CREATE OR REPLACE TABLE "ANALYTICS"."MARTS"."DAILY_SALES" AS (\nselect 1\n)',
    );
    expect(dialect.createViewAs(live, 'select 1 as x -- trailing comment')).toBe(
      'CREATE OR REPLACE VIEW "ANALYTICS"."MARTS"."DAILY_SALES" AS (\nselect 1 as x -- trailing comment\n)',
    );
  });

  it('drops and renames with fully qualified targets', () => {
    expect(dialect.dropRelation(live, 'view')).toBe('DROP VIEW IF EXISTS "ANALYTICS"."MARTS"."DAILY_SALES"');
    expect(dialect.dropRelation(live, 'table')).toBe('DROP TABLE IF EXISTS "ANALYTICS"."MARTS"."DAILY_SALES"');
    expect(dialect.renameRelation(staged, 'daily_sales', 'table')).toBe(
      'ALTER TABLE "ANALYTICS"."MARTS"."DAILY_SALES__STRATA_TMP" RENAME TO "ANALYTICS"."MARTS"."DAILY_SALES"',
    );
  });

  it('swaps tables with SWAP WITH and falls back to rename otherwise', () => {
    expect(dialect.swapIntoPlace(staged, live, 'table')).toEqual([
      'ALTER TABLE "ANALYTICS"."MARTS"."DAILY_SALES__STRATA_TMP" SWAP WITH "ANALYTICS"."MARTS"."DAILY_SALES"',
      'DROP TABLE IF EXISTS "ANALYTICS"."MARTS"."DAILY_SALES__STRATA_TMP"',
    ]);
    expect(dialect.swapIntoPlace(staged, live, 'view')).toEqual([
      'DROP VIEW IF EXISTS "ANALYTICS"."MARTS"."DAILY_SALES"',
      'ALTER TABLE "ANALYTICS"."MARTS"."DAILY_SALES__STRATA_TMP" RENAME TO "ANALYTICS"."MARTS"."DAILY_SALES"',
    ]);
    expect(dialect.swapIntoPlace(staged, live, null)).toEqual([
      'ALTER TABLE "ANALYTICS"."MARTS"."DAILY_SALES__STRATA_TMP" RENAME TO "ANALYTICS"."MARTS"."DAILY_SALES"',
    ]);
  });

  it('uses plain transaction statements', () => {
    expect([dialect.beginTransaction(), dialect.commit(), dialect.rollback()]).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
  });
});

describe('Snowflake cross-database macros', () => {
  it('renders dates with Snowflake formats', () => {
    expect(m.to_date('raw_date', 'DD.MM.YYYY')).toBe("TO_DATE(raw_date, 'DD.MM.YYYY')");
    expect(m.to_date('raw_date')).toBe('TO_DATE(raw_date)');
    expect(m.try_to_date('raw_date', 'DD.MM.YYYY')).toBe("TRY_TO_DATE(raw_date, 'DD.MM.YYYY')");
    expect(m.format_date('sale_date', 'Mon YYYY')).toBe("TO_CHAR(sale_date, 'Mon YYYY')");
    expect(m.dateadd("'day'", 7, 'sale_date')).toBe('DATEADD(day, 7, sale_date)');
    expect(m.dateadd('MONTH', '-1', 'sale_date')).toBe('DATEADD(month, -1, sale_date)');
    expect(m.datediff('day', 'a', 'b')).toBe('DATEDIFF(day, a, b)');
    expect(m.date_trunc('month', 'sale_date')).toBe("DATE_TRUNC('month', sale_date)");
    expect(m.last_day('sale_date')).toBe('LAST_DAY(sale_date)');
  });

  it('refuses unknown date parts instead of splicing them into SQL', () => {
    expect(() => m.dateadd('day); drop table x; --', 1, 'd')).toThrow(/unknown date part/);
  });

  it('renders types, casts and conditionals', () => {
    expect(m.safe_cast('price', m.type_numeric(10, 2))).toBe('TRY_CAST(CAST(price AS VARCHAR) AS NUMBER(10,2))');
    expect([m.type_string(), m.type_int(), m.type_bigint(), m.type_float(), m.type_numeric(), m.type_timestamp(), m.type_boolean()]).toEqual([
      'VARCHAR',
      'INTEGER',
      'BIGINT',
      'FLOAT',
      'NUMBER(38,0)',
      'TIMESTAMP_NTZ',
      'BOOLEAN',
    ]);
    expect(m.iff('qty < 0', "'return'", "'sale'")).toBe("IFF(qty < 0, 'return', 'sale')");
    expect(m.div0('revenue', 'qty')).toBe('DIV0(revenue, qty)');
  });

  it('renders aggregates and string functions', () => {
    expect(m.listagg('shop_name', ', ', 'shop_name')).toBe("LISTAGG(shop_name, ', ') WITHIN GROUP (ORDER BY shop_name)");
    expect(m.listagg('shop_name')).toBe("LISTAGG(shop_name, ',')");
    expect(m.current_timestamp()).toBe('CURRENT_TIMESTAMP()');
    expect(m.concat('a', "'-'", 'b')).toBe("CONCAT(a, '-', b)");
    expect(m.split_part('item_name', ' ', 1)).toBe("SPLIT_PART(item_name, ' ', 1)");
    expect(m.hash('item_id')).toBe('MD5(CAST(item_id AS VARCHAR))');
    expect(m.bool_or('is_return')).toBe('BOOLOR_AGG(is_return)');
    expect(m.any_value('shop_name')).toBe('ANY_VALUE(shop_name)');
  });
});

describe('Snowflake CSV load plan', () => {
  it('translates strftime date formats', () => {
    expect(toSnowflakeDateFormat('%d.%m.%Y')).toBe('DD.MM.YYYY');
    expect(toSnowflakeDateFormat('%Y-%m-%dT%H:%M:%S')).toBe('YYYY-MM-DD"T"HH24:MI:SS');
    expect(() => toSnowflakeDateFormat('%j')).toThrow(/no Snowflake equivalent/);
  });

  it('stages through the staging table stage and copies with an explicit format', () => {
    const plan = planSnowflakeCsvLoad(
      dialect,
      {
        file: '/data/raw/sales_train.csv',
        relation: { database: 'analytics', schema: 'raw', identifier: 'sales_train' },
        columns: [
          { name: 'date', type: 'DATE' },
          { name: 'item_price', type: 'NUMBER(12,2)' },
        ],
        header: true,
        dateFormat: '%d.%m.%Y',
      },
      { database: 'analytics', schema: 'raw', identifier: 'sales_train__strata_load' },
    );
    expect(plan.prepare).toEqual([
      'CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS"."RAW"."SALES_TRAIN__STRATA_LOAD" ("DATE" DATE, "ITEM_PRICE" NUMBER(12,2))',
      `PUT 'file:///data/raw/sales_train.csv' @"ANALYTICS"."RAW".%"SALES_TRAIN__STRATA_LOAD" AUTO_COMPRESS = TRUE OVERWRITE = TRUE`,
    ]);
    expect(plan.copy).toBe(
      'COPY INTO "ANALYTICS"."RAW"."SALES_TRAIN__STRATA_LOAD" ("DATE", "ITEM_PRICE") FROM @"ANALYTICS"."RAW".%"SALES_TRAIN__STRATA_LOAD" ' +
        `FILE_FORMAT = (TYPE = CSV FIELD_DELIMITER = ',' SKIP_HEADER = 1 FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE ` +
        "EMPTY_FIELD_AS_NULL = TRUE ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE DATE_FORMAT = 'DD.MM.YYYY') ON_ERROR = ABORT_STATEMENT PURGE = TRUE",
    );
  });
});

describe('cross-database macros', () => {
  it('do not depend on the dialect options (the parse worker builds them without the target config)', () => {
    const plain = createSnowflakeDialect().macros;
    const configured = createSnowflakeDialect({ preserveCase: true, transientByDefault: false }).macros;
    const calls: Array<[keyof typeof plain, unknown[]]> = [
      ['to_date', ['d', 'DD.MM.YYYY']], ['format_date', ['d', 'Mon YYYY']], ['dateadd', ['day', 1, 'd']], ['datediff', ['day', 'a', 'b']],
      ['date_trunc', ['month', 'd']], ['safe_cast', ['x', 'int']], ['type_string', []], ['type_numeric', [10, 2]], ['iff', ['c', 'a', 'b']],
      ['listagg', ['x', ', ', 'x']], ['concat', ['a', "'b'"]], ['split_part', ['x', '-', 2]],
    ];
    expect(Object.keys(configured).sort()).toEqual(Object.keys(plain).sort());
    for (const [name, args] of calls) {
      const call = (m: typeof plain) => (m[name] as (...a: unknown[]) => string)(...args);
      expect(call(configured)).toBe(call(plain));
    }
  });
});

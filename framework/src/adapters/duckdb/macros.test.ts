import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbMacros } from './macros.js';
import { toStrftime } from '../date-format.js';

describe('DuckDB cross-database macros', () => {
  const m = createDuckDbMacros();

  it('translates Snowflake date formats', () => {
    expect(toStrftime('DD.MM.YYYY')).toBe('%d.%m.%Y');
    expect(toStrftime('Mon YYYY')).toBe('%b %Y');
    expect(toStrftime('YYYY-MM-DD HH24:MI:SS')).toBe('%Y-%m-%d %H:%M:%S');
  });

  it('computes what Snowflake computes (run on DuckDB)', async () => {
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const conn = await instance.connect();
    const one = async (expr: string) => {
      const r = await conn.runAndReadAll(`select ${expr} as v, typeof(${expr}) as t`);
      const row = r.getRowObjectsJS()[0];
      return [row.v instanceof Date ? row.v.toISOString().slice(0, 10) : typeof row.v === 'bigint' ? Number(row.v) : row.v, row.t];
    };
    expect(await one(m.to_date("'31.01.2024'", 'DD.MM.YYYY'))).toEqual(['2024-01-31', 'DATE']);
    expect(await one(m.try_to_date("'99.99.2024'", 'DD.MM.YYYY'))).toEqual([null, 'DATE']);
    expect(await one(m.dateadd('month', 1, "date '2024-01-31'"))).toEqual(['2024-02-29', 'DATE']);
    expect(await one(m.dateadd('day', 7, "date '2024-01-31'"))).toEqual(['2024-02-07', 'DATE']);
    expect(await one(m.datediff('month', "date '2024-01-31'", "date '2024-02-01'"))).toEqual([1, 'BIGINT']);
    expect(await one(m.date_trunc('month', "date '2024-03-15'"))).toEqual(['2024-03-01', 'DATE']);
    expect(await one(m.format_date("date '2024-01-05'", 'Mon YYYY'))).toEqual(['Jan 2024', 'VARCHAR']);
    expect(await one(m.div0('1', '0'))).toEqual([0, 'DOUBLE']);
    expect(await one(m.iff('1 > 0', "'a'", "'b'"))).toEqual(['a', 'VARCHAR']);
    expect(await one(m.safe_cast("'x'", m.type_int()))).toEqual([null, 'INTEGER']);
    expect(await one(m.split_part("'a-b-c'", '-', 2))).toEqual(['b', 'VARCHAR']);
    const agg = await conn.runAndReadAll(`select ${m.listagg('x', ', ', 'x')} as v from (values ('b'), ('a')) t(x)`);
    expect(agg.getRowObjectsJS()[0].v).toBe('a, b');
    conn.closeSync();
    instance.closeSync();
  });
});

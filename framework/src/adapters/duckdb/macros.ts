/** DuckDB renderings of the cross-database macros (see adapter.ts `CrossDbMacros`). */
import type { CrossDbMacros } from '../adapter.js';
import { toStrftime } from '../date-format.js';

const SUB_DAY_PARTS = new Set(['hour', 'minute', 'second', 'millisecond', 'microsecond']);

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function normalisePart(part: string): string {
  return part.replace(/^['"]|['"]$/g, '').toLowerCase();
}

export function createDuckDbMacros(): CrossDbMacros {
  return {
    to_date: (expr, format) =>
      format ? `cast(strptime(${expr}, ${quote(toStrftime(format))}) as date)` : `cast(${expr} as date)`,
    try_to_date: (expr, format) =>
      format ? `cast(try_strptime(${expr}, ${quote(toStrftime(format))}) as date)` : `try_cast(${expr} as date)`,
    format_date: (expr, format) => `strftime(${expr}, ${quote(toStrftime(format))})`,
    // Snowflake returns DATE for day-or-larger parts on a DATE; DuckDB returns TIMESTAMP, so cast back.
    dateadd: (part, amount, expr) => {
      const p = normalisePart(part);
      const sum = `${expr} + interval (${amount}) ${p}`;
      return SUB_DAY_PARTS.has(p) ? `(${sum})` : `cast(${sum} as date)`;
    },
    datediff: (part, start, end) => `date_diff(${quote(normalisePart(part))}, ${start}, ${end})`,
    date_trunc: (part, expr) => {
      const p = normalisePart(part);
      const truncated = `date_trunc(${quote(p)}, ${expr})`;
      return SUB_DAY_PARTS.has(p) ? truncated : `cast(${truncated} as date)`;
    },
    last_day: (expr) => `last_day(${expr})`,
    safe_cast: (expr, type) => `try_cast(${expr} as ${type})`,
    type_string: () => 'varchar',
    type_int: () => 'integer',
    type_bigint: () => 'bigint',
    type_float: () => 'double',
    type_numeric: (precision = 38, scale = 0) => `decimal(${precision}, ${scale})`,
    type_timestamp: () => 'timestamp',
    type_boolean: () => 'boolean',
    iff: (condition, whenTrue, whenFalse) => `(case when ${condition} then ${whenTrue} else ${whenFalse} end)`,
    div0: (numerator, denominator) =>
      `(case when (${denominator}) = 0 then 0 else (${numerator}) / (${denominator}) end)`,
    listagg: (expr, separator = ',', orderBy) =>
      `string_agg(${expr}, ${quote(separator)}${orderBy ? ` order by ${orderBy}` : ''})`,
    current_timestamp: () => 'current_timestamp',
    concat: (...exprs) => `concat(${exprs.join(', ')})`,
    split_part: (expr, delimiter, part) => `split_part(${expr}, ${quote(delimiter)}, ${part})`,
    hash: (expr) => `md5(cast(${expr} as varchar))`,
    bool_or: (expr) => `bool_or(${expr})`,
    any_value: (expr) => `any_value(${expr})`,
  };
}

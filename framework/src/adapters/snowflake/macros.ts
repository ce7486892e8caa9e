/**
 * Snowflake renderings of the cross-database macros (adapter.ts `CrossDbMacros`). Snowflake is
 * the reference dialect for these macros (formats like `DD.MM.YYYY` are Snowflake's own), so
 * most render as the native function. Date parts and formats are not SQL: parts are checked
 * against a list, formats become string literals. As in the DuckDB adapter, the `listagg`
 * separator and the `split_part` delimiter are plain text, quoted here.
 */
import type { CrossDbMacros } from '../adapter.js';
import { userError } from '../../errors/strata-error.js';

/** Date/time parts both warehouses understand (Snowflake accepts more). */
const DATE_PARTS = new Set(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond']);

/** `'day'`, `"DAY"` or `day` -> `day`; anything else is a template error, never spliced into SQL. */
function datePart(macro: string, part: string): string {
  const normalised = part.trim().replace(/^['"]|['"]$/g, '').toLowerCase();
  if (!DATE_PARTS.has(normalised)) {
    throw userError('E_TEMPLATE', `${macro}(): unknown date part '${part}'`, { hint: `Use one of: ${[...DATE_PARTS].join(', ')}.` });
  }
  return normalised;
}

export function createSnowflakeMacros(literal: (value: string) => string): CrossDbMacros {
  return {
    to_date: (expr, format) => (format ? `TO_DATE(${expr}, ${literal(format)})` : `TO_DATE(${expr})`),
    try_to_date: (expr, format) => (format ? `TRY_TO_DATE(${expr}, ${literal(format)})` : `TRY_TO_DATE(${expr})`),
    format_date: (expr, format) => `TO_CHAR(${expr}, ${literal(format)})`,
    dateadd: (part, amount, expr) => `DATEADD(${datePart('dateadd', part)}, ${amount}, ${expr})`,
    datediff: (part, start, end) => `DATEDIFF(${datePart('datediff', part)}, ${start}, ${end})`,
    // Snowflake already returns DATE for a DATE input.
    date_trunc: (part, expr) => `DATE_TRUNC(${literal(datePart('date_trunc', part))}, ${expr})`,
    last_day: (expr) => `LAST_DAY(${expr})`,
    // TRY_CAST only accepts text in Snowflake; casting to VARCHAR first makes any input safe.
    safe_cast: (expr, type) => `TRY_CAST(CAST(${expr} AS VARCHAR) AS ${type})`,
    type_string: () => 'VARCHAR',
    type_int: () => 'INTEGER',
    type_bigint: () => 'BIGINT',
    type_float: () => 'FLOAT',
    type_numeric: (precision = 38, scale = 0) => `NUMBER(${precision},${scale})`,
    type_timestamp: () => 'TIMESTAMP_NTZ',
    type_boolean: () => 'BOOLEAN',
    iff: (condition, whenTrue, whenFalse) => `IFF(${condition}, ${whenTrue}, ${whenFalse})`,
    div0: (numerator, denominator) => `DIV0(${numerator}, ${denominator})`,
    listagg: (expr, separator = ',', orderBy) =>
      `LISTAGG(${expr}, ${literal(separator)})${orderBy ? ` WITHIN GROUP (ORDER BY ${orderBy})` : ''}`,
    current_timestamp: () => 'CURRENT_TIMESTAMP()',
    concat: (...exprs) => `CONCAT(${exprs.join(', ')})`,
    split_part: (expr, delimiter, part) => `SPLIT_PART(${expr}, ${literal(delimiter)}, ${part})`,
    // MD5 hex text, like the DuckDB adapter, so surrogate keys agree across warehouses.
    hash: (expr) => `MD5(CAST(${expr} AS VARCHAR))`,
    bool_or: (expr) => `BOOLOR_AGG(${expr})`,
    any_value: (expr) => `ANY_VALUE(${expr})`,
  };
}

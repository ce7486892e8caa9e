/**
 * Driver rows -> Strata's QueryResult: column types as Snowflake names them (`NUMBER(38,0)`,
 * `TIMESTAMP_NTZ`), numbers as JS numbers (integers beyond 2^53 as bigints), dates as plain
 * `Date`s (the driver's SfDate overrides toJSON with a session-format string).
 */
import type { Column, RowStatement } from 'snowflake-sdk';
import type { ColumnType, QueryResult } from '../adapter.js';

/** The column's type in Snowflake's DESCRIBE spelling. */
export function snowflakeTypeName(column: Column): string {
  const type = column.getType().toLowerCase();
  switch (type) {
    case 'fixed':
      return `NUMBER(${column.getPrecision() ?? 38},${column.getScale() ?? 0})`;
    case 'real':
      return 'FLOAT';
    case 'text':
      return 'VARCHAR';
    default:
      return type.toUpperCase();
  }
}

/** Snowflake sends `inf`/`-inf`/`NaN` for special doubles. */
function parseDouble(text: string): number {
  if (/^-?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function convertNumber(raw: string, column: Column): number | bigint {
  if (column.getType().toLowerCase() === 'fixed' && (column.getScale() ?? 0) === 0 && /^-?\d+$/.test(raw)) {
    const exact = BigInt(raw);
    return exact <= BigInt(Number.MAX_SAFE_INTEGER) && exact >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(exact) : exact;
  }
  return parseDouble(raw);
}

/** One driver value in Strata's representation. */
export function convertValue(value: unknown, column: Column): unknown {
  if (value === null || value === undefined) return null;
  if (column.isNumber() && typeof value === 'string') {
    // With fetchAsString the driver reports SQL NULL as the text 'NULL' (representNullAsStringNull
    // defaults to true and is process-global, so it is handled here rather than switched off).
    return value === 'NULL' ? null : convertNumber(value, column);
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (column.isTime() && typeof value === 'object' && 'toJSON' in value) return (value as { toJSON(): string }).toJSON();
  return value;
}

/** Build the QueryResult of an executed statement. */
export function toQueryResult(statement: RowStatement, rows: Record<string, unknown>[]): QueryResult {
  const driverColumns = statement.getColumns() ?? [];
  const columns: ColumnType[] = driverColumns.map((c) => ({ name: c.getName(), type: snowflakeTypeName(c) }));
  const converted = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const column of driverColumns) out[column.getName()] = convertValue(row[column.getName()], column);
    return out;
  });
  const result: QueryResult = { columns, rows: converted };
  const updated = statement.getNumUpdatedRows();
  if (typeof updated === 'number' && updated >= 0) result.rowsAffected = updated;
  return result;
}

/**
 * DuckDB result -> Snowflake JSON result (`rowtype` + `rowset`). snowflake-sdk 3.x has no Arrow
 * decoder, so every cell travels as a string in the encoding `connection/result/column.js`
 * parses: FIXED as decimal text, DATE as days since epoch, TIMESTAMP as epoch seconds with a
 * 9-digit fraction, BOOLEAN as "1"/"0", BINARY as hex, VARIANT/ARRAY/OBJECT as JSON text.
 */
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** One column description as Snowflake sends it. */
export interface RowTypeEntry {
  name: string;
  type: string;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  nullable: boolean;
  database: string;
  schema: string;
  table: string;
  collation: null;
}

export type Cell = string | null;

/** Snowflake's maximum VARCHAR length, which it reports for unsized text. */
const MAX_TEXT_LENGTH = 16777216;

const INTEGER_TYPE_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
]);

const NESTED_TYPE_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.UNION,
]);

/** A rowtype entry with the fields the driver reads; the rest as Snowflake sends them. */
export function rowTypeEntry(name: string, type: string, extra: Partial<RowTypeEntry> = {}): RowTypeEntry {
  return {
    name,
    type,
    precision: null,
    scale: null,
    length: null,
    byteLength: null,
    nullable: true,
    database: '',
    schema: '',
    table: '',
    collation: null,
    ...extra,
  };
}

/** The Snowflake logical type for a DuckDB column type. */
export function describeColumn(name: string, type: DuckDBType): RowTypeEntry {
  const id = type.typeId;
  if (INTEGER_TYPE_IDS.has(id)) return rowTypeEntry(name, 'fixed', { precision: 38, scale: 0 });
  if (type.typeId === DuckDBTypeId.DECIMAL) {
    return rowTypeEntry(name, 'fixed', { precision: type.width, scale: type.scale });
  }
  switch (id) {
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return rowTypeEntry(name, 'real');
    case DuckDBTypeId.BOOLEAN:
      return rowTypeEntry(name, 'boolean');
    case DuckDBTypeId.DATE:
      return rowTypeEntry(name, 'date');
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return rowTypeEntry(name, 'time', { scale: 9 });
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return rowTypeEntry(name, 'timestamp_ntz', { scale: 9, precision: 0 });
    // Snowflake's TIMESTAMP_TZ needs a per-value zone index; LTZ (epoch based) is equivalent here.
    case DuckDBTypeId.TIMESTAMP_TZ:
      return rowTypeEntry(name, 'timestamp_ltz', { scale: 9, precision: 0 });
    case DuckDBTypeId.BLOB:
      return rowTypeEntry(name, 'binary', { length: 8388608, byteLength: 8388608 });
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return rowTypeEntry(name, 'array');
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return rowTypeEntry(name, 'object');
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return rowTypeEntry(name, 'variant');
    default:
      if (type.alias?.toUpperCase() === 'JSON') return rowTypeEntry(name, 'variant');
      return rowTypeEntry(name, 'text', { length: MAX_TEXT_LENGTH, byteLength: MAX_TEXT_LENGTH });
  }
}

/** Floor division for bigint epoch arithmetic (pre-1970 values are negative). */
function splitEpoch(value: bigint, unitsPerSecond: bigint): { seconds: bigint; fraction: bigint } {
  let seconds = value / unitsPerSecond;
  let fraction = value % unitsPerSecond;
  if (fraction < 0n) {
    seconds -= 1n;
    fraction += unitsPerSecond;
  }
  return { seconds, fraction };
}

/** `seconds.nnnnnnnnn`: Snowflake's timestamp/time encoding at scale 9. */
function epochText(value: bigint, unitsPerSecond: bigint): string {
  const { seconds, fraction } = splitEpoch(value, unitsPerSecond);
  const nanos = fraction * (1_000_000_000n / unitsPerSecond);
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

/** JSON-safe JS value for nested types (bigints as numbers when exact, else as strings). */
function jsonText(value: DuckDBValue, type: DuckDBType): string {
  return JSON.stringify(JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter));
}

/** Encode one DuckDB value the way Snowflake puts it into `rowset`. */
export function encodeCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null || value === undefined) return null;
  const id = type.typeId;
  if (NESTED_TYPE_IDS.has(id)) return jsonText(value, type);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return String(value);
  if ('days' in value && id === DuckDBTypeId.DATE) return String(value.days);
  if ('micros' in value && (id === DuckDBTypeId.TIMESTAMP || id === DuckDBTypeId.TIMESTAMP_TZ || id === DuckDBTypeId.TIME)) {
    return epochText(value.micros as bigint, 1_000_000n);
  }
  if ('seconds' in value && id === DuckDBTypeId.TIMESTAMP_S) return epochText(value.seconds, 1n);
  if ('millis' in value) return epochText(value.millis, 1_000n);
  if ('nanos' in value) return epochText(value.nanos, 1_000_000_000n);
  if ('bytes' in value && id === DuckDBTypeId.BLOB) return Buffer.from(value.bytes).toString('hex').toUpperCase();
  return String(value);
}

/** The whole result as Snowflake rows, column metadata first. */
export function encodeResult(reader: DuckDBResultReader): { rowtype: RowTypeEntry[]; rows: Cell[][] } {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rowtype = names.map((name, i) => describeColumn(name, types[i]));
  const rows = reader.getRows().map((row) => row.map((value, i) => encodeCell(value, types[i])));
  return { rowtype, rows };
}

/**
 * The adapter contract. Split as Kysely splits a dialect: a pure SQL dialect (no I/O,
 * unit-testable with golden SQL), a connection that does all I/O, an introspector for the
 * catalog, and capability flags. The core never imports a driver; it only sees this file.
 */
import type { Relation } from '../manifest/types.js';

export interface ColumnType {
  name: string;
  /** Warehouse type name as the warehouse reports it (e.g. `BIGINT`, `VARCHAR`, `NUMBER(38,0)`). */
  type: string;
}

export interface QueryResult {
  columns: ColumnType[];
  /** Rows keyed by column name. Numbers that fit a double are numbers; larger integers are bigints. */
  rows: Record<string, unknown>[];
  /** Rows inserted/updated/deleted for DML, when the warehouse reports it. */
  rowsAffected?: number;
}

export interface Connection {
  execute(sql: string, binds?: unknown[]): Promise<QueryResult>;
  close(): Promise<void>;
  /**
   * Label the statements that follow (Snowflake QUERY_TAG, so QUERY_HISTORY names the node);
   * undefined goes back to the target's tag. Warehouses without query tags leave it out.
   */
  setQueryTag?(tag: string | undefined): void;
}

export type RelationKind = 'table' | 'view';

export interface RelationInfo extends Relation {
  kind: RelationKind;
}

export interface Introspector {
  /** The relation's kind, or null when it does not exist. */
  getRelation(relation: Relation): Promise<RelationInfo | null>;
  listRelations(schema: string, database?: string): Promise<RelationInfo[]>;
  getColumns(relation: Relation): Promise<ColumnType[]>;
  rowCount(relation: Relation): Promise<number>;
}

export interface Capabilities {
  /** DDL may run inside a transaction and roll back (DuckDB yes, Snowflake no). */
  transactionalDdl: boolean;
  /** `alter table a swap with b` exists (Snowflake). */
  swapTables: boolean;
  merge: boolean;
  transientTables: boolean;
  /** Upper bound for useful concurrent statements on one target. */
  maxThreads: number;
}

/** Options for a bulk CSV load through the warehouse's own loader. */
export interface CsvLoadRequest {
  /** Local file path (the adapter uploads it if the warehouse is remote). */
  file: string;
  relation: Relation;
  /** Declared columns in file order with warehouse types. */
  columns: ColumnType[];
  header: boolean;
  delimiter?: string;
  /** strftime-style date format for DATE columns, e.g. `%d.%m.%Y`. */
  dateFormat?: string;
  /** Text columns appended after the file's columns, the same value on every row (e.g. the source file name). */
  constants?: Array<{ name: string; value: string }>;
}

export interface CsvLoadResult {
  rows: number;
}

/**
 * Cross-database macros. Each returns SQL text for this dialect. Models call them through
 * the template context (`{{ dateadd('day', 7, 'sale_date') }}`), so one model compiles for
 * DuckDB and Snowflake. Arguments are SQL expressions, except `part`, `format`, the `listagg`
 * separator and the `split_part` delimiter, which are plain text (the macro quotes them).
 */
export interface CrossDbMacros {
  /** Parse text to DATE with a Snowflake-style format (`DD.MM.YYYY`); translated at compile time. */
  to_date(expr: string, format?: string): string;
  /** Like to_date but NULL on bad input. */
  try_to_date(expr: string, format?: string): string;
  /** Format a date as text with a Snowflake-style format (`YYYY-MM`, `Mon YYYY`). */
  format_date(expr: string, format: string): string;
  dateadd(part: string, amount: string | number, expr: string): string;
  datediff(part: string, start: string, end: string): string;
  /** Truncate to the part; the result is DATE for DATE input on every dialect. */
  date_trunc(part: string, expr: string): string;
  last_day(expr: string): string;
  safe_cast(expr: string, type: string): string;
  type_string(): string;
  type_int(): string;
  type_bigint(): string;
  type_float(): string;
  type_numeric(precision?: number, scale?: number): string;
  type_timestamp(): string;
  type_boolean(): string;
  iff(condition: string, whenTrue: string, whenFalse: string): string;
  div0(numerator: string, denominator: string): string;
  listagg(expr: string, separator?: string, orderBy?: string): string;
  current_timestamp(): string;
  concat(...exprs: string[]): string;
  split_part(expr: string, delimiter: string, part: number | string): string;
  hash(expr: string): string;
  bool_or(expr: string): string;
  any_value(expr: string): string;
}

export interface CreateTableOptions {
  transient?: boolean;
  temporary?: boolean;
}

/** Pure SQL generation for one warehouse. No I/O. */
export interface SqlDialect {
  readonly name: string;
  quoteIdentifier(identifier: string): string;
  /** Fully qualified, quoted relation name. */
  relationName(relation: Relation): string;
  stringLiteral(value: string): string;
  createSchema(schema: string, database?: string): string;
  createTableAs(relation: Relation, selectSql: string, options?: CreateTableOptions): string;
  createViewAs(relation: Relation, selectSql: string): string;
  dropRelation(relation: Relation, kind: RelationKind): string;
  /** Rename within the same schema. */
  renameRelation(from: Relation, toIdentifier: string, kind: RelationKind): string;
  /**
   * Statements that atomically exchange `staged` into `live` (swap or rename dance). No staged
   * relation is left behind afterwards.
   */
  swapIntoPlace(staged: Relation, live: Relation, liveExists: RelationKind | null): string[];
  /** `alter table` statements for schema evolution (incremental `on_schema_change`, snapshots). */
  /** `defaultValue`: a text constant every existing row gets. */
  addColumn(relation: Relation, column: ColumnType, defaultValue?: string): string;
  dropColumn(relation: Relation, column: string): string;
  alterColumnType(relation: Relation, column: ColumnType): string;
  beginTransaction(): string;
  commit(): string;
  rollback(): string;
  macros: CrossDbMacros;
}

export interface Adapter {
  readonly type: string;
  readonly capabilities: Capabilities;
  readonly dialect: SqlDialect;
  /** The target's default database (catalog) and schema. */
  readonly defaultDatabase?: string;
  readonly defaultSchema: string;
  connect(): Promise<Connection>;
  introspector(connection: Connection): Introspector;
  loadCsv(connection: Connection, request: CsvLoadRequest): Promise<CsvLoadResult>;
  /** Release the database (file locks, pools). */
  close(): Promise<void>;
}

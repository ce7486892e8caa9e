/**
 * Databases and catalog metadata. Each Snowflake database is a DuckDB in-memory catalog attached
 * under the same (upper-case) name, so 3-part names `DB.SCHEMA.TABLE` resolve. DuckDB reserves
 * the name `information_schema` (and its views have DuckDB's shape), so every database gets a
 * schema `SF_INFORMATION_SCHEMA` of Snowflake-shaped views; sql-rewrite.ts points
 * `INFORMATION_SCHEMA.X` there.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckDbStringLiteral as lit, quoteIdent } from './sql-tokens.js';

export const EMULATED_INFO_SCHEMA = 'SF_INFORMATION_SCHEMA';

/** DuckDB catalogs that are not Snowflake databases. */
const INTERNAL_CATALOGS = ['memory', 'system', 'temp'];
/** DuckDB schemas hidden from Snowflake listings (`main` is DuckDB's default schema). */
const HIDDEN_SCHEMAS = ['main', 'pg_catalog', 'information_schema'];

/** Snowflake DATA_TYPE for a DuckDB `data_type` string column. */
function renderSnowflakeType(col: string): string {
  return `CASE
    WHEN ${col} LIKE 'DECIMAL%' OR ${col} IN ('TINYINT','SMALLINT','INTEGER','BIGINT','HUGEINT','UTINYINT','USMALLINT','UINTEGER','UBIGINT','UHUGEINT') THEN 'NUMBER'
    WHEN ${col} IN ('FLOAT','DOUBLE') THEN 'FLOAT'
    WHEN ${col} = 'BOOLEAN' THEN 'BOOLEAN'
    WHEN ${col} = 'DATE' THEN 'DATE'
    WHEN ${col} IN ('TIME','TIME_NS') THEN 'TIME'
    WHEN ${col} IN ('TIMESTAMP','TIMESTAMP_S','TIMESTAMP_MS','TIMESTAMP_NS') THEN 'TIMESTAMP_NTZ'
    WHEN ${col} = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_LTZ'
    WHEN ${col} = 'BLOB' THEN 'BINARY'
    WHEN ${col} = 'JSON' THEN 'VARIANT'
    WHEN ${col} LIKE '%]' THEN 'ARRAY'
    WHEN ${col} LIKE 'STRUCT%' OR ${col} LIKE 'MAP%' THEN 'OBJECT'
    ELSE 'TEXT' END`;
}

/** `SF_INFORMATION_SCHEMA` -> `INFORMATION_SCHEMA` so listings look like Snowflake's. */
const renderSchemaName = (col: string) => `CASE WHEN ${col} = '${EMULATED_INFO_SCHEMA}' THEN 'INFORMATION_SCHEMA' ELSE ${col} END`;

function buildInformationSchemaViews(database: string): Record<string, string> {
  const db = lit(database);
  const visible = (col: string) => `${col} NOT IN (${[...HIDDEN_SCHEMAS, EMULATED_INFO_SCHEMA].map(lit).join(', ')})`;
  return {
    TABLES: `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, table_name AS TABLE_NAME,
        'BASE TABLE' AS TABLE_TYPE, estimated_size AS ROW_COUNT, CAST(NULL AS BIGINT) AS BYTES, comment AS COMMENT
      FROM duckdb_tables() WHERE database_name = ${db} AND ${visible('schema_name')}
      UNION ALL
      SELECT database_name, schema_name, view_name, 'VIEW', NULL, NULL, comment
      FROM duckdb_views() WHERE database_name = ${db} AND NOT internal AND ${visible('schema_name')}`,
    COLUMNS: `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, table_name AS TABLE_NAME,
        column_name AS COLUMN_NAME, column_index AS ORDINAL_POSITION, column_default AS COLUMN_DEFAULT,
        CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE,
        ${renderSnowflakeType('data_type')} AS DATA_TYPE,
        CASE WHEN ${renderSnowflakeType('data_type')} = 'TEXT' THEN 16777216 END AS CHARACTER_MAXIMUM_LENGTH,
        CASE WHEN data_type LIKE 'DECIMAL%' THEN numeric_precision WHEN ${renderSnowflakeType('data_type')} = 'NUMBER' THEN 38 END AS NUMERIC_PRECISION,
        CASE WHEN data_type LIKE 'DECIMAL%' THEN numeric_scale WHEN ${renderSnowflakeType('data_type')} = 'NUMBER' THEN 0 END AS NUMERIC_SCALE,
        CASE WHEN ${renderSnowflakeType('data_type')} IN ('TIME','TIMESTAMP_NTZ','TIMESTAMP_LTZ') THEN 9 END AS DATETIME_PRECISION,
        comment AS COMMENT
      FROM duckdb_columns() WHERE database_name = ${db} AND ${visible('schema_name')}`,
    SCHEMATA: `SELECT database_name AS CATALOG_NAME, ${renderSchemaName('schema_name')} AS SCHEMA_NAME, comment AS COMMENT
      FROM duckdb_schemas() WHERE database_name = ${db} AND schema_name NOT IN (${HIDDEN_SCHEMAS.map(lit).join(', ')})`,
    VIEWS: `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, view_name AS TABLE_NAME, sql AS VIEW_DEFINITION
      FROM duckdb_views() WHERE database_name = ${db} AND NOT internal AND ${visible('schema_name')}`,
  };
}

export async function databaseExists(conn: DuckDBConnection, database: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT 1 FROM duckdb_databases() WHERE database_name = ${lit(database)}`);
  return reader.currentRowCount > 0;
}

export async function schemaExists(conn: DuckDBConnection, database: string, schema: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(
    `SELECT 1 FROM duckdb_schemas() WHERE database_name = ${lit(database)} AND schema_name = ${lit(schema)}`,
  );
  return reader.currentRowCount > 0;
}

/** Attach a new, empty Snowflake database: PUBLIC schema plus the emulated INFORMATION_SCHEMA. */
export async function createDatabase(conn: DuckDBConnection, database: string): Promise<void> {
  const db = quoteIdent(database);
  await conn.run(`ATTACH ':memory:' AS ${db}`);
  await conn.run(`CREATE SCHEMA ${db}."PUBLIC"`);
  await conn.run(`CREATE SCHEMA ${db}.${quoteIdent(EMULATED_INFO_SCHEMA)}`);
  for (const [view, body] of Object.entries(buildInformationSchemaViews(database))) {
    await conn.run(`CREATE VIEW ${db}.${quoteIdent(EMULATED_INFO_SCHEMA)}.${quoteIdent(view)} AS ${body}`);
  }
}

export async function dropDatabase(conn: DuckDBConnection, database: string): Promise<void> {
  await conn.run(`DETACH ${quoteIdent(database)}`);
}

/** What a `SHOW` statement lists and where. */
export interface ShowRequest {
  kind: 'DATABASES' | 'SCHEMAS' | 'TABLES' | 'VIEWS' | 'OBJECTS';
  like?: string;
  database?: string;
  schema?: string;
}

/** DuckDB SQL answering a SHOW with Snowflake's (lower-case) column names. */
export function buildShowSql(request: ShowRequest): string {
  const like = (col: string) => (request.like === undefined ? 'TRUE' : `${col} ILIKE ${lit(request.like)}`);
  const scope = (dbCol: string, schemaCol: string) =>
    [
      request.database ? `${dbCol} = ${lit(request.database)}` : 'TRUE',
      request.schema ? `${schemaCol} = ${lit(request.schema)}` : 'TRUE',
      `${dbCol} NOT IN (${INTERNAL_CATALOGS.map(lit).join(', ')})`,
      `${schemaCol} NOT IN (${[...HIDDEN_SCHEMAS, EMULATED_INFO_SCHEMA].map(lit).join(', ')})`,
    ].join(' AND ');
  const created = 'CAST(NULL AS TIMESTAMPTZ) AS created_on';
  switch (request.kind) {
    case 'DATABASES':
      return `SELECT ${created}, database_name AS name, comment FROM duckdb_databases()
        WHERE database_name NOT IN (${INTERNAL_CATALOGS.map(lit).join(', ')}) AND ${like('database_name')} ORDER BY name`;
    case 'SCHEMAS':
      return `SELECT ${created}, ${renderSchemaName('schema_name')} AS name, database_name, comment FROM duckdb_schemas()
        WHERE ${request.database ? `database_name = ${lit(request.database)}` : 'TRUE'}
          AND database_name NOT IN (${INTERNAL_CATALOGS.map(lit).join(', ')})
          AND schema_name NOT IN (${HIDDEN_SCHEMAS.map(lit).join(', ')}) AND ${like(renderSchemaName('schema_name'))}
        ORDER BY database_name, name`;
    case 'TABLES':
    case 'VIEWS':
    case 'OBJECTS': {
      const tables = `SELECT ${created}, table_name AS name, database_name, schema_name, 'TABLE' AS kind, comment, estimated_size AS rows
        FROM duckdb_tables() WHERE ${scope('database_name', 'schema_name')} AND ${like('table_name')}`;
      const views = `SELECT ${created}, view_name AS name, database_name, schema_name, 'VIEW' AS kind, comment, CAST(NULL AS BIGINT) AS rows
        FROM duckdb_views() WHERE NOT internal AND ${scope('database_name', 'schema_name')} AND ${like('view_name')}`;
      const union = request.kind === 'TABLES' ? tables : request.kind === 'VIEWS' ? views : `${tables} UNION ALL ${views}`;
      return `SELECT * FROM (${union}) ORDER BY database_name, schema_name, name`;
    }
  }
}

/** DESCRIBE TABLE/VIEW in Snowflake's shape (`name`, `type`, `kind`, `null?`). */
export function buildDescribeSql(database: string, schema: string, name: string): string {
  const type = renderSnowflakeType('data_type');
  return `SELECT column_name AS name,
      CASE WHEN ${type} = 'NUMBER' AND data_type LIKE 'DECIMAL%' THEN 'NUMBER(' || numeric_precision || ',' || numeric_scale || ')'
           WHEN ${type} = 'NUMBER' THEN 'NUMBER(38,0)'
           WHEN ${type} = 'TEXT' THEN 'VARCHAR(16777216)'
           WHEN ${type} IN ('TIMESTAMP_NTZ','TIMESTAMP_LTZ','TIME') THEN ${type} || '(9)'
           ELSE ${type} END AS type,
      'COLUMN' AS kind, CASE WHEN is_nullable THEN 'Y' ELSE 'N' END AS "null?", column_default AS "default", comment
    FROM duckdb_columns()
    WHERE database_name = ${lit(database)} AND schema_name = ${lit(schema)} AND table_name = ${lit(name)}
    ORDER BY column_index`;
}

/**
 * Catalog queries through `<database>.INFORMATION_SCHEMA`. Names are compared in the form
 * Snowflake stores them, i.e. after the dialect's case rule (see dialect.ts), and bound as
 * parameters. A missing database or schema means "no relations", not an error.
 */
import type { Relation } from '../../manifest/types.js';
import type { ColumnType, Connection, Introspector, RelationInfo, RelationKind, SqlDialect } from '../adapter.js';
import { SnowflakeWarehouseError } from './errors.js';

export interface SnowflakeIntrospectorOptions {
  /** Used when a relation has no database. */
  defaultDatabase?: string;
}

/** The stored form of a name: what `quoteIdentifier` puts between the quotes. */
function toStoredName(dialect: SqlDialect, name: string): string {
  return dialect.quoteIdentifier(name).slice(1, -1).replace(/""/g, '"');
}

function toRelationKind(tableType: unknown): RelationKind {
  return /VIEW/i.test(String(tableType)) ? 'view' : 'table';
}

/** DESCRIBE-style type from INFORMATION_SCHEMA.COLUMNS fields. */
export function formatColumnType(row: Record<string, unknown>): string {
  const type = String(row.DATA_TYPE).toUpperCase();
  if (type === 'NUMBER') return `NUMBER(${row.NUMERIC_PRECISION ?? 38},${row.NUMERIC_SCALE ?? 0})`;
  if (type === 'TEXT') return row.CHARACTER_MAXIMUM_LENGTH == null ? 'VARCHAR' : `VARCHAR(${row.CHARACTER_MAXIMUM_LENGTH})`;
  if (/^TIMESTAMP_|^TIME$/.test(type) && row.DATETIME_PRECISION != null) return `${type}(${row.DATETIME_PRECISION})`;
  return type;
}

/** A missing database/schema answers "does not exist"; for catalog lookups that means empty. */
function isMissingContainer(err: unknown): boolean {
  return err instanceof SnowflakeWarehouseError && err.kind === 'not-found';
}

export function createSnowflakeIntrospector(
  connection: Connection,
  dialect: SqlDialect,
  options: SnowflakeIntrospectorOptions = {},
): Introspector {
  const qualifyInformationSchema = (database: string | undefined) => {
    const db = database ?? options.defaultDatabase;
    return db ? `${dialect.quoteIdentifier(db)}.INFORMATION_SCHEMA` : 'INFORMATION_SCHEMA';
  };

  const query = async (sql: string, binds: unknown[]) => {
    try {
      return (await connection.execute(sql, binds)).rows;
    } catch (err) {
      if (isMissingContainer(err)) return [];
      throw err;
    }
  };

  return {
    async getRelation(relation: Relation): Promise<RelationInfo | null> {
      const rows = await query(
        `SELECT TABLE_TYPE FROM ${qualifyInformationSchema(relation.database)}.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
        [toStoredName(dialect, relation.schema), toStoredName(dialect, relation.identifier)],
      );
      return rows.length === 0 ? null : { ...relation, kind: toRelationKind(rows[0].TABLE_TYPE) };
    },

    async listRelations(schema: string, database?: string): Promise<RelationInfo[]> {
      const rows = await query(
        `SELECT TABLE_NAME, TABLE_TYPE FROM ${qualifyInformationSchema(database)}.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
        [toStoredName(dialect, schema)],
      );
      return rows.map((row) => ({ database, schema, identifier: String(row.TABLE_NAME), kind: toRelationKind(row.TABLE_TYPE) }));
    },

    async getColumns(relation: Relation): Promise<ColumnType[]> {
      const rows = await query(
        `SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION
           FROM ${qualifyInformationSchema(relation.database)}.COLUMNS
          WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
        [toStoredName(dialect, relation.schema), toStoredName(dialect, relation.identifier)],
      );
      return rows.map((row) => ({ name: String(row.COLUMN_NAME), type: formatColumnType(row) }));
    },

    async rowCount(relation: Relation): Promise<number> {
      const { rows } = await connection.execute(`SELECT COUNT(*) AS ROW_COUNT FROM ${dialect.relationName(relation)}`);
      return Number(rows[0]?.ROW_COUNT ?? 0);
    },
  };
}

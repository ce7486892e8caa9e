/** Catalog queries for DuckDB through information_schema. */
import type { Relation } from '../../manifest/types.js';
import type { Connection, Introspector, RelationInfo, SqlDialect } from '../adapter.js';

function kindOf(tableType: unknown): 'table' | 'view' {
  return String(tableType).toUpperCase() === 'VIEW' ? 'view' : 'table';
}

export function createDuckDbIntrospector(connection: Connection, dialect: SqlDialect): Introspector {
  const catalogFilter = (database?: string) =>
    database ? `table_catalog = ${dialect.stringLiteral(database)}` : 'table_catalog = current_database()';
  return {
    async getRelation(relation: Relation): Promise<RelationInfo | null> {
      const { rows } = await connection.execute(
        `select table_type from information_schema.tables where ${catalogFilter(relation.database)} and table_schema = ? and table_name = ?`,
        [relation.schema, relation.identifier],
      );
      return rows.length === 0 ? null : { ...relation, kind: kindOf(rows[0].table_type) };
    },
    async listRelations(schema: string, database?: string): Promise<RelationInfo[]> {
      const { rows } = await connection.execute(
        `select table_name, table_type from information_schema.tables where ${catalogFilter(database)} and table_schema = ? order by table_name`,
        [schema],
      );
      return rows.map((r) => ({ database, schema, identifier: String(r.table_name), kind: kindOf(r.table_type) }));
    },
    async getColumns(relation: Relation) {
      const { rows } = await connection.execute(
        `select column_name, data_type from information_schema.columns where ${catalogFilter(relation.database)} and table_schema = ? and table_name = ? order by ordinal_position`,
        [relation.schema, relation.identifier],
      );
      return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
    },
    async rowCount(relation: Relation): Promise<number> {
      const { rows } = await connection.execute(`select count(*) as n from ${dialect.relationName(relation)}`);
      return Number(rows[0].n);
    },
  };
}

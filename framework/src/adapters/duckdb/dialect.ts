/** Pure SQL generation for DuckDB. No I/O: every method returns SQL text. */
import type { Relation } from '../../manifest/types.js';
import type { RelationKind, SqlDialect } from '../adapter.js';
import { createDuckDbMacros } from './macros.js';

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function relationName(relation: Relation): string {
  const parts = relation.database
    ? [relation.database, relation.schema, relation.identifier]
    : [relation.schema, relation.identifier];
  return parts.map(quoteIdentifier).join('.');
}

const stringLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export function createDuckDbDialect(): SqlDialect {
  return {
    name: 'duckdb',
    quoteIdentifier,
    relationName,
    stringLiteral,
    createSchema: (schema, database) =>
      `create schema if not exists ${database ? `${quoteIdentifier(database)}.` : ''}${quoteIdentifier(schema)}`,
    createTableAs: (relation, selectSql, options = {}) =>
      `create or replace ${options.temporary ? 'temp ' : ''}table ${
        options.temporary ? quoteIdentifier(relation.identifier) : relationName(relation)
      } as (\n${selectSql}\n)`,
    createViewAs: (relation, selectSql) => `create or replace view ${relationName(relation)} as (\n${selectSql}\n)`,
    dropRelation: (relation, kind) => `drop ${kind} if exists ${relationName(relation)}`,
    renameRelation: (from, toIdentifier, kind) =>
      `alter ${kind} ${relationName(from)} rename to ${quoteIdentifier(toIdentifier)}`,
    // DuckDB has transactional DDL, so a rename dance inside one transaction is atomic.
    swapIntoPlace: (staged, live, liveExists: RelationKind | null) => {
      const statements: string[] = [];
      if (liveExists) statements.push(`drop ${liveExists} if exists ${relationName(live)}`);
      statements.push(`alter table ${relationName(staged)} rename to ${quoteIdentifier(live.identifier)}`);
      return statements;
    },
    addColumn: (relation, column, defaultValue) =>
      `alter table ${relationName(relation)} add column ${quoteIdentifier(column.name)} ${column.type}${defaultValue === undefined ? '' : ` default ${stringLiteral(defaultValue)}`}`,
    dropColumn: (relation, column) => `alter table ${relationName(relation)} drop column ${quoteIdentifier(column)}`,
    alterColumnType: (relation, column) =>
      `alter table ${relationName(relation)} alter column ${quoteIdentifier(column.name)} set data type ${column.type}`,
    beginTransaction: () => 'begin transaction',
    commit: () => 'commit',
    rollback: () => 'rollback',
    macros: createDuckDbMacros(),
  };
}

/**
 * Pure SQL generation for Snowflake. No I/O.
 *
 * Quoting and case (the one rule every name goes through, `quoteIdentifier`):
 * Strata passes identifiers as the user wrote them (`orders`, `stg_sales`). Snowflake folds
 * unquoted identifiers to upper case and matches quoted ones exactly, so `select * from orders`
 * in a model reads table ORDERS. Following dbt-snowflake's default (`quoting: identifier: false`),
 * the dialect therefore *folds* every identifier to upper case and then quotes it: `orders`
 * becomes `"ORDERS"`. The quotes only protect reserved words and unusual characters; the name
 * means exactly what the unquoted identifier would, so hand-written SQL and Strata-generated
 * SQL agree on every name. With `preserveCase` (dbt's `quoting: identifier: true`) names are
 * quoted as written instead and become case-sensitive (`"Orders"` is not ORDERS).
 *
 * Strings: Snowflake single-quoted literals treat backslash as an escape character, so both
 * `\` and `'` are escaped.
 */
import type { Relation } from '../../manifest/types.js';
import type { CreateTableOptions, RelationKind, SqlDialect } from '../adapter.js';
import { createSnowflakeMacros } from './macros.js';

export interface SnowflakeDialectOptions {
  /** Quote identifiers as written instead of folding them to upper case. Default false. */
  preserveCase?: boolean;
  /** Create tables TRANSIENT unless a call says otherwise. Default true (as dbt-snowflake). */
  transientByDefault?: boolean;
}

/** Snowflake string literal: backslashes and quotes escaped. */
export function snowflakeStringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A model's SQL without trailing semicolons, so it can be wrapped in `( ... )`. */
function stripTrailingSemicolons(selectSql: string): string {
  return selectSql.trim().replace(/;+\s*$/, '');
}

export function createSnowflakeDialect(options: SnowflakeDialectOptions = {}): SqlDialect {
  const transientByDefault = options.transientByDefault ?? true;

  const quoteIdentifier = (identifier: string): string => {
    const name = options.preserveCase ? identifier : identifier.toUpperCase();
    return `"${name.replace(/"/g, '""')}"`;
  };

  const relationName = (relation: Relation): string =>
    [relation.database, relation.schema, relation.identifier]
      .filter((part): part is string => part !== undefined && part !== '')
      .map(quoteIdentifier)
      .join('.');

  // Snowflake's RENAME TO moves an unqualified target into the *session's* current schema, so
  // the new name is always fully qualified with the source's database and schema.
  const qualifyRenameTarget = (from: Relation, toIdentifier: string) => relationName({ ...from, identifier: toIdentifier });

  const createTableAs = (relation: Relation, selectSql: string, create: CreateTableOptions = {}): string => {
    const kind = create.temporary ? 'TEMPORARY ' : (create.transient ?? transientByDefault) ? 'TRANSIENT ' : '';
    return `CREATE OR REPLACE ${kind}TABLE ${relationName(relation)} AS (\n${stripTrailingSemicolons(selectSql)}\n)`;
  };

  return {
    name: 'snowflake',
    quoteIdentifier,
    relationName,
    stringLiteral: snowflakeStringLiteral,
    createSchema: (schema, database) =>
      `CREATE SCHEMA IF NOT EXISTS ${database ? `${quoteIdentifier(database)}.` : ''}${quoteIdentifier(schema)}`,
    createTableAs,
    createViewAs: (relation, selectSql) => `CREATE OR REPLACE VIEW ${relationName(relation)} AS (\n${stripTrailingSemicolons(selectSql)}\n)`,
    dropRelation: (relation, kind) => `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${relationName(relation)}`,
    renameRelation: (from, toIdentifier, kind) =>
      `ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${relationName(from)} RENAME TO ${qualifyRenameTarget(from, toIdentifier)}`,
    /**
     * Table over table: one atomic `SWAP WITH`, then the old version (now under the staged name)
     * is dropped. Snowflake has no transactional DDL, so replacing a view or creating the first
     * version is a drop + rename, the shortest window Snowflake allows.
     */
    swapIntoPlace: (staged: Relation, live: Relation, liveExists: RelationKind | null): string[] => {
      if (liveExists === 'table') {
        return [`ALTER TABLE ${relationName(staged)} SWAP WITH ${relationName(live)}`, `DROP TABLE IF EXISTS ${relationName(staged)}`];
      }
      const statements = liveExists === 'view' ? [`DROP VIEW IF EXISTS ${relationName(live)}`] : [];
      statements.push(`ALTER TABLE ${relationName(staged)} RENAME TO ${relationName(live)}`);
      return statements;
    },
    addColumn: (relation, column, defaultValue) =>
      `ALTER TABLE ${relationName(relation)} ADD COLUMN ${quoteIdentifier(column.name)} ${column.type}${defaultValue === undefined ? '' : ` DEFAULT ${snowflakeStringLiteral(defaultValue)}`}`,
    dropColumn: (relation, column) => `ALTER TABLE ${relationName(relation)} DROP COLUMN ${quoteIdentifier(column)}`,
    alterColumnType: (relation, column) =>
      `ALTER TABLE ${relationName(relation)} ALTER COLUMN ${quoteIdentifier(column.name)} SET DATA TYPE ${column.type}`,
    beginTransaction: () => 'BEGIN',
    commit: () => 'COMMIT',
    rollback: () => 'ROLLBACK',
    macros: createSnowflakeMacros(snowflakeStringLiteral),
  };
}

/**
 * A Plan is data: the ordered statements that materialize one node. Planners are pure
 * functions `(node, context) => Plan` with no I/O, testable with golden SQL.
 */
import type { Capabilities, ColumnType, CsvLoadRequest, RelationKind, SqlDialect } from '../adapters/adapter.js';
import type { Relation } from '../manifest/types.js';

export type PlanStep =
  | { kind: 'sql'; sql: string; label: string; main?: boolean }
  /**
   * Statements that must take effect together: a transaction where DDL is transactional, and
   * on every warehouse when `dml` says the group holds only DML (Snowflake commits DDL
   * implicitly, but DML transactions work).
   */
  | { kind: 'atomic'; dml?: boolean; steps: Array<{ kind: 'sql'; sql: string; label: string; main?: boolean }> }
  | { kind: 'load_csv'; request: CsvLoadRequest; label: string; main?: boolean };

export interface Plan {
  uniqueId: string;
  relation: Relation;
  /** What the progress line calls it: `sql table model`, `seed file`, ... */
  description: string;
  steps: PlanStep[];
}

export interface PlanContext {
  dialect: SqlDialect;
  capabilities: Capabilities;
  /** Kind of the live relation, null when it does not exist. */
  existing: RelationKind | null;
  fullRefresh: boolean;
  /** Columns of the live relation (incremental models). */
  existingColumns?: string[];
  /**
   * Incremental models with `on_schema_change` other than `ignore`: the columns of the live
   * table and of the already-built delta, so the planner can add, drop or retype columns.
   */
  schemaChange?: { existing: ColumnType[]; incoming: ColumnType[] };
}

/** The name of the relation built beside the live one before the swap. */
export function stagedRelation(relation: Relation, suffix = '__strata_tmp'): Relation {
  return { ...relation, identifier: `${relation.identifier}${suffix}` };
}

export function sqlStep(sql: string, label: string, main = false): PlanStep & { kind: 'sql' } {
  return main ? { kind: 'sql', sql, label, main } : { kind: 'sql', sql, label };
}

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

export type SqlStep = PlanStep & { kind: 'sql' };

/**
 * Build beside the live relation and swap in: drop a stale staged table, build it (`build` gets
 * the staged relation), then exchange it with the live one atomically.
 */
export function buildBesideAndSwap(ctx: PlanContext, relation: Relation, build: (staged: Relation) => PlanStep): PlanStep[] {
  const staged = stagedRelation(relation);
  return [
    sqlStep(ctx.dialect.dropRelation(staged, 'table'), 'drop stale staged table'),
    build(staged),
    { kind: 'atomic', steps: ctx.dialect.swapIntoPlace(staged, relation, ctx.existing).map((sql) => sqlStep(sql, 'swap')) },
  ];
}

/**
 * Column changes and the DML that must land with them: one transaction where DDL is
 * transactional; elsewhere (Snowflake) the `alter`s run just before, and the DML alone is one
 * transaction (a nullable column added is harmless if the DML then fails).
 */
export function altersThenDml(capabilities: Capabilities, alters: SqlStep[], dml: SqlStep[]): PlanStep[] {
  if (capabilities.transactionalDdl) return [{ kind: 'atomic', dml: alters.length === 0, steps: [...alters, ...dml] }];
  return [...alters, { kind: 'atomic', dml: true, steps: dml }];
}

/**
 * Stage a select as a table beside the live relation (an incremental model's delta, a snapshot's
 * source): drop a stale copy, then create it. The runner runs these before planning when the
 * plan depends on the staged columns.
 */
export function stageSelectSteps(dialect: SqlDialect, staged: Relation, selectSql: string, labels: { drop: string; create: string }): SqlStep[] {
  return [sqlStep(dialect.dropRelation(staged, 'table'), labels.drop), sqlStep(dialect.createTableAs(staged, selectSql), labels.create)];
}

export function sqlStep(sql: string, label: string, main = false): SqlStep {
  return main ? { kind: 'sql', sql, label, main } : { kind: 'sql', sql, label };
}

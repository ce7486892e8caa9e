import type { ColumnType, SqlDialect } from '../adapters/adapter.js';
import type { ModelNode } from '../manifest/types.js';
import { userError } from '../errors/strata-error.js';
import { altersThenDml, sqlStep, stagedRelation, stageSelectSteps, type Plan, type PlanContext, type SqlStep } from './plan.js';
import { planTable } from './plan-table.js';

const STRATEGIES = ['append', 'merge', 'delete+insert'];
export const ON_SCHEMA_CHANGE = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'] as const;
export type OnSchemaChange = (typeof ON_SCHEMA_CHANGE)[number];

/** The model's `on_schema_change` (default `ignore`), validated. */
export function onSchemaChangeOf(node: ModelNode): OnSchemaChange {
  const value = String(node.config.on_schema_change ?? 'ignore');
  if (!(ON_SCHEMA_CHANGE as readonly string[]).includes(value)) {
    throw userError('E_CONFIG', `Unknown on_schema_change '${value}' in model '${node.name}'`, {
      file: node.originalFilePath, hint: `Use one of: ${ON_SCHEMA_CHANGE.join(', ')}`,
    });
  }
  return value as OnSchemaChange;
}

/** The relation that holds the new rows of an incremental run before they are applied. */
export function deltaRelation(node: ModelNode) {
  return stagedRelation(node.relation, '__strata_delta');
}

/** The statements that (re)create the delta; the runner runs them first when it must compare schemas. */
export function incrementalDeltaSteps(node: ModelNode, compiledSql: string, dialect: SqlDialect) {
  return stageSelectSteps(dialect, deltaRelation(node), compiledSql, { drop: 'drop stale delta', create: 'create delta' });
}

interface SchemaDiff {
  added: ColumnType[];
  removed: ColumnType[];
  changed: Array<{ from: ColumnType; to: ColumnType }>;
}

const normalName = (name: string) => name.toLowerCase();
const normalType = (type: string) => type.toUpperCase().replace(/\s+/g, '');

function diffColumns(existing: ColumnType[], incoming: ColumnType[]): SchemaDiff {
  const before = new Map(existing.map((c) => [normalName(c.name), c]));
  const after = new Map(incoming.map((c) => [normalName(c.name), c]));
  const diff: SchemaDiff = { added: [], removed: [], changed: [] };
  for (const [name, column] of after) {
    const old = before.get(name);
    if (!old) diff.added.push(column);
    else if (normalType(old.type) !== normalType(column.type)) diff.changed.push({ from: old, to: column });
  }
  for (const [name, column] of before) if (!after.has(name)) diff.removed.push(column);
  return diff;
}

function describeDiff(diff: SchemaDiff): string {
  const parts: string[] = [];
  if (diff.added.length) parts.push(`added ${diff.added.map((c) => `${c.name} ${c.type}`).join(', ')}`);
  if (diff.removed.length) parts.push(`removed ${diff.removed.map((c) => c.name).join(', ')}`);
  if (diff.changed.length) parts.push(`changed type of ${diff.changed.map((c) => `${c.from.name} (${c.from.type} -> ${c.to.type})`).join(', ')}`);
  return parts.join('; ');
}

/**
 * How the live table's columns follow the new select: the `alter table` statements and the
 * columns the insert lists. `ignore` keeps the live columns; `fail` stops before any change.
 */
function evolveSchema(node: ModelNode, ctx: PlanContext): { alters: string[]; insertColumns: string[] } {
  const change = ctx.schemaChange;
  const policy = onSchemaChangeOf(node);
  if (!change || policy === 'ignore') return { alters: [], insertColumns: ctx.existingColumns ?? [] };
  const diff = diffColumns(change.existing, change.incoming);
  const differs = diff.added.length + diff.removed.length + diff.changed.length > 0;
  if (policy === 'fail' && differs) {
    throw userError('E_SCHEMA_CHANGE', `The columns of incremental model '${node.name}' changed: ${describeDiff(diff)}`, {
      file: node.originalFilePath,
      hint: "Rebuild it with --full-refresh, or set on_schema_change='append_new_columns' or 'sync_all_columns' in its config.",
    });
  }
  const { dialect } = ctx;
  const alters = diff.added.map((c) => dialect.addColumn(node.relation, c));
  const removed = new Set(diff.removed.map((c) => normalName(c.name)));
  if (policy === 'sync_all_columns') {
    alters.push(...diff.removed.map((c) => dialect.dropColumn(node.relation, c.name)));
    alters.push(...diff.changed.map((c) => dialect.alterColumnType(node.relation, { name: c.from.name, type: c.to.type })));
    return { alters, insertColumns: change.incoming.map((c) => c.name) };
  }
  // append_new_columns: columns the select no longer has stay in the table and get NULL.
  const kept = change.existing.filter((c) => !removed.has(normalName(c.name))).map((c) => c.name);
  return { alters, insertColumns: [...kept, ...diff.added.map((c) => c.name)] };
}

function uniqueKeyOf(node: ModelNode): string[] {
  const key = node.config.unique_key;
  if (key === undefined || key === null) return [];
  return Array.isArray(key) ? key.map(String) : String(key).split(',').map((k) => k.trim()).filter(Boolean);
}

/**
 * An incremental model: the first run (or --full-refresh) builds a table; later runs insert the
 * new rows (`append`) or replace rows by unique key (`merge`, `delete+insert`) in one transaction.
 * `compiledSql` is rendered with is_incremental() true when the relation exists.
 * With `ctx.schemaChange` the runner has already built the delta and read both column lists,
 * and `on_schema_change` decides how the live table follows.
 */
export function planIncremental(node: ModelNode, compiledSql: string, ctx: PlanContext): Plan {
  if (!ctx.existing || ctx.fullRefresh || ctx.existing === 'view') {
    return { ...planTable(node, compiledSql, ctx), description: 'sql incremental model' };
  }
  const { dialect } = ctx;
  const keys = uniqueKeyOf(node);
  const strategy = String(node.config.incremental_strategy ?? (keys.length ? 'merge' : 'append'));
  if (!STRATEGIES.includes(strategy)) {
    throw userError('E_CONFIG', `Unknown incremental_strategy '${strategy}'`, { file: node.originalFilePath, hint: `Use one of: ${STRATEGIES.join(', ')}` });
  }
  if (strategy !== 'append' && keys.length === 0) {
    throw userError('E_CONFIG', `incremental_strategy '${strategy}' needs a unique_key`, { file: node.originalFilePath, hint: "Add unique_key='id' (or a list) to the model's config." });
  }
  const delta = deltaRelation(node);
  const live = dialect.relationName(node.relation);
  const deltaName = dialect.relationName(delta);
  const { alters, insertColumns } = evolveSchema(node, ctx);
  const cols = insertColumns.map((c) => dialect.quoteIdentifier(c));
  const columnList = cols.length ? `(${cols.join(', ')})` : '';
  const selectList = cols.length ? cols.join(', ') : '*';
  const transactional: SqlStep[] = [];
  if (strategy === 'merge' && ctx.capabilities.merge && cols.length > 0) {
    // One MERGE statement: matched keys updated in place, new keys inserted.
    transactional.push(sqlStep(mergeStatement(dialect, live, deltaName, keys, insertColumns), 'merge new rows', true));
  } else {
    if (strategy !== 'append') {
      const match = keys.map((k) => `${deltaName}.${dialect.quoteIdentifier(k)} = ${live}.${dialect.quoteIdentifier(k)}`).join(' and ');
      transactional.push(sqlStep(`delete from ${live} where exists (select 1 from ${deltaName} where ${match})`, 'delete matched rows'));
    }
    transactional.push(sqlStep(`insert into ${live} ${columnList} select ${selectList} from ${deltaName}`, 'insert new rows', true));
  }
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'sql incremental model',
    steps: [
      ...(ctx.schemaChange ? [] : incrementalDeltaSteps(node, compiledSql, dialect)),
      // The DML is one transaction on every warehouse (no lost rows if the insert fails).
      ...altersThenDml(ctx.capabilities, alters.map((sql) => sqlStep(sql, 'evolve columns')), transactional),
      sqlStep(dialect.dropRelation(delta, 'table'), 'drop delta'),
    ],
  };
}

/** `merge into live using delta on <keys> when matched then update ... when not matched then insert ...`. */
function mergeStatement(dialect: SqlDialect, live: string, delta: string, keys: string[], columns: string[]): string {
  const q = (c: string) => dialect.quoteIdentifier(c);
  const dest = q('dbt_internal_dest');
  const src = q('dbt_internal_source');
  const keySet = new Set(keys.map((k) => k.toLowerCase()));
  const on = keys.map((k) => `${src}.${q(k)} = ${dest}.${q(k)}`).join(' and ');
  const updates = columns.filter((c) => !keySet.has(c.toLowerCase())).map((c) => `${q(c)} = ${src}.${q(c)}`);
  const matched = updates.length ? `\nwhen matched then update set ${updates.join(', ')}` : '';
  return `merge into ${live} as ${dest}\nusing ${delta} as ${src}\non ${on}${matched}\nwhen not matched then insert (${columns.map(q).join(', ')}) values (${columns.map((c) => `${src}.${q(c)}`).join(', ')})`;
}

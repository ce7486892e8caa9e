import type { ModelNode } from '../manifest/types.js';
import { userError } from '../errors/strata-error.js';
import { sqlStep, stagedRelation, type Plan, type PlanContext } from './plan.js';
import { planTable } from './plan-table.js';

const STRATEGIES = ['append', 'merge', 'delete+insert'];

function uniqueKeyOf(node: ModelNode): string[] {
  const key = node.config.unique_key;
  if (key === undefined || key === null) return [];
  return Array.isArray(key) ? key.map(String) : String(key).split(',').map((k) => k.trim()).filter(Boolean);
}

/**
 * An incremental model: the first run (or --full-refresh) builds a table; later runs insert the
 * new rows (`append`) or replace rows by unique key (`merge`, `delete+insert`) in one transaction.
 * `compiledSql` is rendered with is_incremental() true when the relation exists.
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
  const delta = stagedRelation(node.relation, '__strata_delta');
  const live = dialect.relationName(node.relation);
  const deltaName = dialect.relationName(delta);
  const cols = (ctx.existingColumns ?? []).map((c) => dialect.quoteIdentifier(c));
  const columnList = cols.length ? `(${cols.join(', ')})` : '';
  const selectList = cols.length ? cols.join(', ') : '*';
  const transactional = [];
  if (strategy !== 'append') {
    const match = keys.map((k) => `${deltaName}.${dialect.quoteIdentifier(k)} = ${live}.${dialect.quoteIdentifier(k)}`).join(' and ');
    transactional.push(sqlStep(`delete from ${live} where exists (select 1 from ${deltaName} where ${match})`, 'delete matched rows'));
  }
  transactional.push(sqlStep(`insert into ${live} ${columnList} select ${selectList} from ${deltaName}`, 'insert new rows', true));
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'sql incremental model',
    steps: [
      sqlStep(dialect.dropRelation(delta, 'table'), 'drop stale delta'),
      sqlStep(dialect.createTableAs(delta, compiledSql), 'create delta'),
      // delete + insert: DML only, so a transaction on every warehouse (no lost rows if the insert fails).
      { kind: 'atomic', dml: true, steps: transactional },
      sqlStep(dialect.dropRelation(delta, 'table'), 'drop delta'),
    ],
  };
}

import type { ModelNode } from '../manifest/types.js';
import { sqlStep, stagedRelation, type Plan, type PlanContext } from './plan.js';

/**
 * A table: built beside the live relation, then swapped in atomically, so a failed or killed
 * run leaves the previous version intact and never a half-built one.
 */
export function planTable(node: ModelNode, compiledSql: string, ctx: PlanContext): Plan {
  const { dialect, capabilities } = ctx;
  const staged = stagedRelation(node.relation);
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'sql table model',
    steps: [
      sqlStep(dialect.dropRelation(staged, 'table'), 'drop stale staged table'),
      sqlStep(dialect.createTableAs(staged, compiledSql, { transient: capabilities.transientTables && node.config.transient !== false }), 'create staged table', true),
      { kind: 'atomic', steps: dialect.swapIntoPlace(staged, node.relation, ctx.existing).map((sql) => sqlStep(sql, 'swap')) },
    ],
  };
}

import type { ModelNode } from '../manifest/types.js';
import { buildBesideAndSwap, sqlStep, type Plan, type PlanContext } from './plan.js';

/**
 * A table: built beside the live relation, then swapped in atomically, so a failed or killed
 * run leaves the previous version intact and never a half-built one.
 */
export function planTable(node: ModelNode, compiledSql: string, ctx: PlanContext): Plan {
  const { dialect, capabilities } = ctx;
  const transient = capabilities.transientTables && node.config.transient !== false;
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'sql table model',
    steps: buildBesideAndSwap(ctx, node.relation, (staged) => sqlStep(dialect.createTableAs(staged, compiledSql, { transient }), 'create staged table', true)),
  };
}

import type { ModelNode } from '../manifest/types.js';
import { sqlStep, type Plan, type PlanContext } from './plan.js';

/** A view: `create or replace view`; a table of the same name is replaced atomically. */
export function planView(node: ModelNode, compiledSql: string, ctx: PlanContext): Plan {
  const { dialect } = ctx;
  const create = sqlStep(dialect.createViewAs(node.relation, compiledSql), 'create view', true);
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'sql view model',
    steps: [
      ctx.existing === 'table'
        ? { kind: 'atomic', steps: [sqlStep(dialect.dropRelation(node.relation, 'table'), 'drop table'), create] }
        : create,
    ],
  };
}

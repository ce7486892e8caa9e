/** Dispatch a node to its materialization's planner. */
import { userError } from '../errors/strata-error.js';
import type { ModelNode, SeedNode } from '../manifest/types.js';
import type { Plan, PlanContext } from './plan.js';
import { planIncremental } from './plan-incremental.js';
import { planSeed } from './plan-seed.js';
import { planSnapshot } from './plan-snapshot.js';
import { planTable } from './plan-table.js';
import { planView } from './plan-view.js';

export const MATERIALIZATIONS = ['view', 'table', 'incremental', 'ephemeral'];

export function planModel(node: ModelNode, compiledSql: string, ctx: PlanContext): Plan | null {
  switch (node.config.materialized) {
    case 'view':
      return planView(node, compiledSql, ctx);
    case 'table':
      return planTable(node, compiledSql, ctx);
    case 'incremental':
      return planIncremental(node, compiledSql, ctx);
    case 'ephemeral':
      return null;
    default:
      throw userError('E_CONFIG', `Unknown materialization '${node.config.materialized}'`, {
        file: node.originalFilePath, hint: `Use one of: ${MATERIALIZATIONS.join(', ')}`,
      });
  }
}

export { planSeed, planSnapshot };
export type { SeedNode };

import { join } from 'node:path';
import type { SeedNode } from '../manifest/types.js';
import { buildBesideAndSwap, type Plan, type PlanContext } from './plan.js';

/** A seed: the warehouse's bulk loader fills a staged table that is then swapped in. */
export function planSeed(node: SeedNode, projectDir: string, ctx: PlanContext): Plan {
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'seed file',
    steps: buildBesideAndSwap(ctx, node.relation, (staged) => ({
        kind: 'load_csv',
        label: 'load csv',
        main: true,
        request: {
          file: join(projectDir, node.originalFilePath),
          relation: staged,
          columns: node.columnNames.map((name) => ({ name, type: node.columnTypes[name] ?? 'varchar' })),
          header: true,
          delimiter: typeof node.config.delimiter === 'string' ? node.config.delimiter : ',',
        },
      })),
  };
}

import { join } from 'node:path';
import type { SeedNode } from '../manifest/types.js';
import { sqlStep, stagedRelation, type Plan, type PlanContext } from './plan.js';

/** A seed: the warehouse's bulk loader fills a staged table that is then swapped in. */
export function planSeed(node: SeedNode, projectDir: string, ctx: PlanContext): Plan {
  const { dialect } = ctx;
  const staged = stagedRelation(node.relation);
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'seed file',
    steps: [
      sqlStep(dialect.dropRelation(staged, 'table'), 'drop stale staged table'),
      {
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
      },
      { kind: 'atomic', steps: dialect.swapIntoPlace(staged, node.relation, ctx.existing).map((sql) => sqlStep(sql, 'swap')) },
    ],
  };
}

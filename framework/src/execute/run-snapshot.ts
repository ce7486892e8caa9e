/**
 * Run one snapshot: on a snapshot that exists, stage its select and read both column lists, then
 * plan (pure) and run the plan. The staged select is dropped whatever happens.
 */
import type { Connection } from '../adapters/adapter.js';
import type { SnapshotNode } from '../manifest/types.js';
import { planSnapshot, snapshotSourceRelation, snapshotStagingSteps, snapshotTime } from '../materialize/plan-snapshot.js';
import type { RunContext } from './run-context.js';
import { runNodeHooks } from './run-hooks.js';
import { runPlan, withStagedSelect } from './run-plan.js';

export interface SnapshotOutcome {
  /** True when this run created the snapshot table. */
  created: boolean;
  /** Rows of the new table (first run) or new versions inserted (later runs). */
  rowsAffected?: number;
}

export async function runSnapshot(ctx: RunContext, node: SnapshotNode, compiledSql: string, connection: Connection, now: Date = new Date()): Promise<SnapshotOutcome> {
  const { adapter } = ctx;
  const { dialect } = adapter;
  const introspector = adapter.introspector(connection);
  const existing = await introspector.getRelation(node.relation);
  const base = { dialect, capabilities: adapter.capabilities, existing: existing?.kind ?? null, fullRefresh: ctx.fullRefresh, snapshotTime: snapshotTime(now) };
  // The first build needs no staging; planning it first also rejects a view before any hook runs.
  const firstBuild = existing?.kind === 'table' ? undefined : planSnapshot(node, compiledSql, base);
  await runNodeHooks(ctx, ctx.session, node, 'pre-hook', connection);
  let outcome;
  if (firstBuild) {
    outcome = await runPlan(firstBuild, adapter, connection);
  } else {
    const staged = snapshotSourceRelation(node);
    outcome = await withStagedSelect(adapter, connection, staged, snapshotStagingSteps(node, compiledSql, dialect), async () => {
      const columns = { existing: await introspector.getColumns(node.relation), source: await introspector.getColumns(staged) };
      return runPlan(planSnapshot(node, compiledSql, { ...base, columns }), adapter, connection);
    });
  }
  await runNodeHooks(ctx, ctx.session, node, 'post-hook', connection);
  return { created: firstBuild !== undefined, rowsAffected: outcome.rowsAffected };
}

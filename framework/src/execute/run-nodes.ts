/**
 * Run selected nodes in dependency order with N workers. A failed node marks everything that
 * waits on it skipped; the rest of the graph goes on (or stops with --fail-fast).
 */
import type { Connection } from '../adapters/adapter.js';
import type { NodeResult, NodeStatus } from '../artifacts/types.js';
import { runDataTest } from '../data-tests/run-test.js';
import { StrataError } from '../errors/strata-error.js';
import type { ManifestNode, ModelNode, SeedNode, SnapshotNode, TestNode } from '../manifest/types.js';
import { planModel, planSeed } from '../materialize/plan-node.js';
import { deltaRelation, incrementalDeltaSteps, onSchemaChangeOf } from '../materialize/plan-incremental.js';
import type { RunContext } from './run-context.js';
import { runPlan, withStagedSelect } from './run-plan.js';
import { runSnapshot } from './run-snapshot.js';
import { renderWithQueries } from '../parse/template/run-query.js';
import { runNodeHooks } from './run-hooks.js';
import { computeWaits } from './schedule.js';
import { formatSeconds, progressLine, statusColour } from './progress.js';
import { locateWarehouseError } from './warehouse-error.js';

export interface ExecuteOptions {
  testsBlockChildren: boolean;
  /** Called with each compiled SQL (for target/compiled). */
  onCompiled?: (node: ManifestNode, sql: string) => void;
}

function isExecutable(node: ManifestNode | undefined): boolean {
  if (!node) return false;
  if (node.resourceType === 'model') return node.config.materialized !== 'ephemeral';
  return node.resourceType === 'seed' || node.resourceType === 'snapshot' || node.resourceType === 'test';
}

function describe(node: ManifestNode): string {
  if (node.resourceType === 'test') return `test ${node.name}`;
  if (node.resourceType === 'seed') return `seed file ${node.relation.schema}.${node.relation.identifier}`;
  if (node.resourceType === 'snapshot') return `snapshot ${node.relation.schema}.${node.relation.identifier}`;
  return `sql ${node.config.materialized} model ${node.relation.schema}.${node.relation.identifier}`;
}

export async function executeNodes(ctx: RunContext, selected: Set<string>, options: ExecuteOptions): Promise<NodeResult[]> {
  const { manifest, logger } = ctx;
  const executable = new Set([...selected].filter((id) => isExecutable(manifest.nodes[id])));
  const waits = computeWaits(ctx.graph, manifest, executable, options.testsBlockChildren);
  const dependents = new Map<string, string[]>();
  for (const [id, parents] of waits) for (const p of parents) dependents.set(p, [...(dependents.get(p) ?? []), id]);

  const total = executable.size;
  const remaining = new Map([...waits].map(([id, parents]) => [id, parents.size]));
  const ready = [...executable].filter((id) => remaining.get(id) === 0).sort(byOrder(ctx));
  const results: NodeResult[] = [];
  const done = new Set<string>();
  let started = 0;
  let stop = false;

  const skipDownstream = (id: string, cause: string) => {
    const queue = [...(dependents.get(id) ?? [])];
    while (queue.length) {
      const next = queue.shift()!;
      if (done.has(next)) continue;
      done.add(next);
      const node = manifest.nodes[next];
      started += 1;
      logger.info(statusColour(logger, 'skipped', progressLine(started, total, `SKIP ${describe(node)}`, '[SKIP]')));
      results.push({ uniqueId: next, status: 'skipped', message: `Skipped because ${cause} failed`, executionTime: 0, timing: [], threadId: 'main' });
      queue.push(...(dependents.get(next) ?? []));
    }
  };

  const runOne = async (id: string, connection: Connection, threadId: string): Promise<NodeResult> => {
    const node = manifest.nodes[id];
    const index = ++started;
    // Snowflake QUERY_HISTORY names the node (a model's own query_tag config wins).
    connection.setQueryTag?.(String(node.config.query_tag ?? `strata:${node.uniqueId}`));
    logger.info(progressLine(index, total, `START ${describe(node)}`, '[RUN]'));
    const t0 = ctx.now();
    const startedAt = new Date().toISOString();
    let compiled: string | undefined;
    let result: NodeResult;
    try {
      if (node.resourceType === 'seed') {
        const existing = await ctx.adapter.introspector(connection).getRelation(node.relation);
        const plan = planSeed(node as SeedNode, ctx.project.projectDir, { dialect: ctx.adapter.dialect, capabilities: ctx.adapter.capabilities, existing: existing?.kind ?? null, fullRefresh: ctx.fullRefresh });
        await runNodeHooks(ctx, ctx.session, node, 'pre-hook', connection);
        const outcome = await runPlan(plan, ctx.adapter, connection);
        await runNodeHooks(ctx, ctx.session, node, 'post-hook', connection);
        result = success(id, `INSERT ${outcome.rowsAffected ?? 0}`, outcome.rowsAffected, ctx.adapter.dialect.relationName(node.relation));
      } else if (node.resourceType === 'test') {
        compiled = ctx.compiler.compile(node as TestNode);
        options.onCompiled?.(node, compiled);
        const audit = `${ctx.project.target.schema}_dbt_test__audit`;
        const outcome = await runDataTest(node as TestNode, compiled, ctx.adapter, connection, audit);
        result = { uniqueId: id, status: outcome.status, message: outcome.message, failures: outcome.failures, executionTime: 0, timing: [], threadId };
      } else if (node.resourceType === 'snapshot') {
        compiled = ctx.compiler.compile(node as SnapshotNode);
        options.onCompiled?.(node, compiled);
        const outcome = await runSnapshot(ctx, node as SnapshotNode, compiled, connection);
        result = success(id, `${outcome.created ? 'SELECT' : 'INSERT'} ${outcome.rowsAffected ?? 0}`, outcome.rowsAffected, ctx.adapter.dialect.relationName(node.relation));
      } else {
        const model = node as ModelNode;
        const introspector = ctx.adapter.introspector(connection);
        const existing = await introspector.getRelation(model.relation);
        const incremental = model.config.materialized === 'incremental' && existing?.kind === 'table' && !ctx.fullRefresh;
        // Templates that read run-time state render again here; run_query/statement answers come from this connection.
        compiled = model.usesRuntime
          ? await renderWithQueries((queries) => ctx.compiler.compile(model, { isIncremental: incremental, queries }), (sql) => connection.execute(sql))
          : ctx.compiler.compile(model);
        options.onCompiled?.(node, compiled);
        const liveColumns = incremental ? await introspector.getColumns(model.relation) : undefined;
        const planContext = { dialect: ctx.adapter.dialect, capabilities: ctx.adapter.capabilities, existing: existing?.kind ?? null, fullRefresh: ctx.fullRefresh, existingColumns: liveColumns?.map((c) => c.name) };
        const sql = compiled;
        // on_schema_change compares the live columns with the delta's, so the delta is built first.
        const plan = liveColumns && onSchemaChangeOf(model) !== 'ignore'
          ? await withStagedSelect(ctx.adapter, connection, deltaRelation(model), incrementalDeltaSteps(model, sql, ctx.adapter.dialect), async () =>
            planModel(model, sql, { ...planContext, schemaChange: { existing: liveColumns, incoming: await introspector.getColumns(deltaRelation(model)) } }))
          : planModel(model, sql, planContext);
        await runNodeHooks(ctx, ctx.session, model, 'pre-hook', connection);
        const outcome = plan ? await runPlan(plan, ctx.adapter, connection) : { rowsAffected: undefined };
        await runNodeHooks(ctx, ctx.session, model, 'post-hook', connection);
        const verb = model.config.materialized === 'view' ? 'CREATE VIEW' : `SELECT ${outcome.rowsAffected ?? 0}`;
        result = success(id, verb, outcome.rowsAffected, ctx.adapter.dialect.relationName(model.relation));
      }
    } catch (err) {
      if (!(err instanceof StrataError) && !(err instanceof Error)) throw err;
      const located = locateWarehouseError(err, node, compiled);
      result = { uniqueId: id, status: 'error', message: located.message, file: located.file, line: located.line, executionTime: 0, timing: [], threadId };
    }
    connection.setQueryTag?.(undefined);
    const elapsed = ctx.now() - t0;
    result.executionTime = elapsed / 1000;
    result.threadId = threadId;
    result.timing = [{ name: 'execute', startedAt, completedAt: new Date().toISOString() }];
    logger.info(statusColour(logger, result.status, finishLine(index, total, node, result, elapsed)), { node: id, status: result.status });
    return result;
  };

  const threads = Math.max(1, Math.min(ctx.threads, ctx.adapter.capabilities.maxThreads, Math.max(1, total)));
  const connections = await Promise.all(Array.from({ length: threads }, () => ctx.adapter.connect()));
  try {
    await ensureSchemas(ctx, executable, connections[0]);
    await new Promise<void>((resolveAll, rejectAll) => {
      let active = 0;
      const pump = () => {
        if (stop) ready.length = 0;
        while (ready.length && connections.length) {
          const id = ready.shift()!;
          const connection = connections.pop()!;
          active += 1;
          runOne(id, connection, `Thread-${threads - connections.length}`)
            .then((result) => {
              results.push(result);
              done.add(id);
              connections.push(connection);
              active -= 1;
              const failed = result.status === 'error' || result.status === 'fail';
              if (failed) {
                skipDownstream(id, manifest.nodes[id].name);
                if (ctx.failFast) stop = true;
              } else {
                for (const child of dependents.get(id) ?? []) {
                  const left = remaining.get(child)! - 1;
                  remaining.set(child, left);
                  if (left === 0 && !done.has(child)) ready.push(child);
                }
              }
              pump();
            })
            .catch(rejectAll);
        }
        if (active === 0 && (ready.length === 0 || stop)) resolveAll();
      };
      pump();
    });
  } finally {
    await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
  }
  if (stop) {
    for (const id of executable) {
      if (!done.has(id)) results.push({ uniqueId: id, status: 'skipped', message: 'Skipped because of --fail-fast', executionTime: 0, timing: [], threadId: 'main' });
    }
  }
  return results;
}

/** Create every schema the run writes to, once and in order (concurrent CREATE SCHEMA conflicts). */
async function ensureSchemas(ctx: RunContext, executable: Set<string>, connection: Connection): Promise<void> {
  const seen = new Set<string>();
  for (const id of executable) {
    const node = ctx.manifest.nodes[id];
    if (!('relation' in node)) continue;
    const key = `${node.relation.database ?? ''}.${node.relation.schema}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await connection.execute(ctx.adapter.dialect.createSchema(node.relation.schema, node.relation.database));
  }
}

function success(uniqueId: string, message: string, rowsAffected: number | undefined, relationName: string): NodeResult {
  return { uniqueId, status: 'success', message, rowsAffected, relationName, executionTime: 0, timing: [], threadId: '' };
}

function finishLine(index: number, total: number, node: ManifestNode, result: NodeResult, elapsed: number): string {
  const time = formatSeconds(elapsed);
  const status = result.status as NodeStatus;
  if (node.resourceType === 'test') {
    const label = status === 'pass' ? 'PASS' : status === 'warn' ? `WARN ${result.failures}` : status === 'fail' ? `FAIL ${result.failures}` : 'ERROR';
    return progressLine(index, total, `${label} ${node.name}`, `[${label} in ${time}]`);
  }
  if (status === 'error') return progressLine(index, total, `ERROR creating ${describe(node)}`, `[ERROR in ${time}]`);
  if (node.resourceType === 'snapshot') return progressLine(index, total, `OK snapshotted ${node.relation.schema}.${node.relation.identifier}`, `[${result.message} in ${time}]`);
  const verb = node.resourceType === 'seed' ? 'loaded' : 'created';
  return progressLine(index, total, `OK ${verb} ${describe(node)}`, `[${result.message} in ${time}]`);
}

/** Seeds first, then snapshots, then models, then tests; alphabetical within a kind, for stable output. */
function byOrder(ctx: RunContext) {
  const rank = { seed: 0, snapshot: 1, model: 2, test: 3 } as Record<string, number>;
  return (a: string, b: string) => {
    const na = ctx.manifest.nodes[a];
    const nb = ctx.manifest.nodes[b];
    return (rank[na.resourceType] - rank[nb.resourceType]) || (na.name < nb.name ? -1 : 1);
  };
}


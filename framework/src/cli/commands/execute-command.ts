/** `run`, `test`, `seed`, `snapshot`, `build`: select, execute in DAG order, write artifacts, summarise. */
import { isEphemeral, type ResourceType } from '../../manifest/types.js';
import { createCompiledFileWriter } from '../../artifacts/compiled-files.js';
import { writeManifest, writeRunResults } from '../../artifacts/write-artifacts.js';
import { executeNodes } from '../../execute/run-nodes.js';
import { runHooks } from '../../execute/run-hooks.js';
import { selectNodes } from '../../graph/select-nodes.js';
import type { Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/redact.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';
import { summarise } from '../summary.js';
import { loadStateContext, readStateManifest } from './state.js';
import { userError } from '../../errors/strata-error.js';

const TYPES: Record<string, ResourceType[]> = {
  run: ['model'],
  test: ['test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  build: ['seed', 'model', 'test', 'snapshot'],
};

export async function executeCommand(open: OpenProject, args: CliArgs, logger: Logger, secrets: SecretSet, preselected?: Set<string>): Promise<number> {
  const started = Date.now();
  const state = args.state ? loadStateContext(args.state, open.manifest) : undefined;
  const selected = preselected ?? selectNodes(open.manifest, open.graph, { select: args.select, exclude: args.exclude, resourceTypes: TYPES[args.command], state });
  if (args.defer) await deferUnbuiltParents(open, selected, args, logger);
  const compiled: Record<string, string> = {};
  const files = createCompiledFileWriter(open.targetDir, secrets);
  const threads = args.threads ?? open.project.target.threads;
  logger.info(`Running with strata 0.1.0 on target '${open.project.target.name}' (${open.adapter.type}), ${threads} thread${threads === 1 ? '' : 's'}`);
  const counts = countKinds(open, selected);
  logger.info(`Found ${counts}`);
  logger.info('');
  const ctx = {
    project: open.project, adapter: open.adapter, logger, manifest: open.manifest, graph: open.graph, compiler: open.compiler,
    threads, fullRefresh: args.fullRefresh, failFast: args.failFast, now: () => performance.now(), session: open.parsed.session,
  };
  const runHooksToo = args.command === 'run' || args.command === 'build';
  if (runHooksToo) await runHooks(ctx, open.parsed.session, open.project.onRunStart, 'on-run-start');
  const results = await executeNodes(ctx, selected, {
    testsBlockChildren: args.command === 'build',
    onCompiled: (node, sql) => {
      compiled[node.uniqueId] = sql;
      files.add(node, sql);
    },
  });
  if (runHooksToo) await runHooks(ctx, open.parsed.session, open.project.onRunEnd, 'on-run-end');
  files.flush();
  const seconds = (Date.now() - started) / 1000;
  writeManifest(open.targetDir, open.manifest, compiled, secrets);
  writeRunResults(open.targetDir, { command: args.command, targetName: open.project.target.name, invocationId: open.invocationId, elapsedTime: seconds, args: { select: args.select, exclude: args.exclude, fullRefresh: args.fullRefresh, threads } }, results, secrets);
  if (selected.size === 0) logger.warn('Nothing to do: the selection matched no nodes. Try `strata ls` to see the node names.');
  summarise(logger, open.manifest, results, seconds);
  return results.some((r) => r.status === 'error' || r.status === 'fail') ? 1 : 0;
}

/** `--defer --state dir`: parents outside the selection that are not built here read the state's relations. */
async function deferUnbuiltParents(open: OpenProject, selected: Set<string>, args: CliArgs, logger: Logger): Promise<void> {
  if (!args.state) throw userError('E_ARGS', '--defer needs --state <dir>', { hint: 'strata build -s state:modified+ --defer --state prod-target/' });
  const stateManifest = readStateManifest(args.state);
  const connection = await open.adapter.connect();
  try {
    const introspector = open.adapter.introspector(connection);
    // Parents outside the selection; an ephemeral one is inlined, so its own parents count instead.
    const parents = new Set<string>();
    const queue = [...selected].flatMap((id) => open.manifest.nodes[id]?.dependsOn.nodes ?? []);
    while (queue.length) {
      const p = queue.pop()!;
      if (selected.has(p) || parents.has(p)) continue;
      parents.add(p);
      const parent = open.manifest.nodes[p];
      if (parent !== undefined && isEphemeral(parent)) queue.push(...parent.dependsOn.nodes);
    }
    let count = 0;
    for (const id of parents) {
      const node = open.manifest.nodes[id];
      if (node !== undefined && isEphemeral(node)) continue;
      const other = stateManifest.nodes[id];
      if (!node || !('relation' in node) || !other || !('relation' in other)) continue;
      if (await introspector.getRelation(node.relation)) continue;
      open.compiler.deferTo(id, other.relation);
      count++;
    }
    if (count) logger.info(`Deferred ${count} unbuilt parent${count === 1 ? '' : 's'} to the relations of ${args.state}`);
  } finally {
    await connection.close();
  }
}

function countKinds(open: OpenProject, selected: Set<string>): string {
  const counts = new Map<string, number>();
  for (const id of selected) {
    const node = open.manifest.nodes[id];
    if (!node) continue;
    const kind = node.resourceType === 'test' ? 'data test' : node.resourceType;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const sources = Object.keys(open.manifest.sources).length;
  if (sources) counts.set('source', sources);
  return [...counts].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ') || 'nothing selected';
}

/**
 * `parseProject`: ProjectConfig + files -> Manifest. Collects every diagnostic (file, line,
 * hint) and throws them together before anything touches the warehouse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashKey, openParseCache, type ParseCache } from './parse-cache.js';
import type { CrossDbMacros } from '../adapters/adapter.js';
import { DiagnosticBag, StrataError } from '../errors/strata-error.js';
import type { Logger } from '../log/logger.js';
import type { DocBlock, Manifest, ManifestNode, MacroDef } from '../manifest/types.js';
import { createEnvReader } from '../project/env-var.js';
import type { ProjectConfig } from '../project/types.js';
import { createDiscovery, readDiscovered } from './discover.js';
import { folderConfigsOf, parseSqlNodes, renderCacheKey, type PreparedSqlFile } from './parse-sql-nodes.js';
import { MAIN_THREAD_ONLY, renderJob, sharedCounter, startRenderWorker, takeJob, WORKER_RESERVED_SHARE, WORKER_THRESHOLD, type RenderJob, type RenderWorker } from './render-pool.js';
import type { DiscoveredFile, ReadAheadFiles } from './discover.js';
import { parseSeeds } from './parse-seeds.js';
import { parseSnapshots } from './parse-snapshots.js';
import { applySchemaFiles, buildTestsAhead, type SchemaAhead } from './apply-schema.js';
import { resolveDependencies } from './resolve-dependencies.js';
import { rememberNodeList } from '../manifest/node-list.js';
import { testSqlMemoFor } from './generic-tests.js';
import { BUILTIN_TEST_MACROS } from '../data-tests/builtin-tests.js';
import { createProjectSession } from './project-session.js';
import type { RenderSession } from './template/render-session.js';

export { STRATA_VERSION } from '../version.js';
import { STRATA_VERSION } from '../version.js';

export interface ParseOptions {
  project: ProjectConfig;
  crossDb: CrossDbMacros;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  invocationId: string;
  diagnostics?: DiagnosticBag;
  /** Folder for the parse cache (the target folder); no cache when absent. */
  cacheDir?: string;
  /** Leave the cache write to the caller (`ParsedProject.saveCache`), to run when it suits. */
  deferCacheSave?: boolean;
  /** Files already read (the project scan's), by absolute path: their texts are read instead of the files. */
  texts?: ReadAheadFiles;
  /** A render worker started ahead (cli/fast-path.ts): the parse uses it or stops it. */
  renderWorker?: RenderWorker;
  /** The files the project scan listed (sorted by path): the parse takes its folders' files from them. */
  listed?: ReadonlyArray<{ path: string; absolutePath: string }>;
}

export interface ParsedProject {
  manifest: Manifest;
  session: RenderSession;
  /** Env vars read by templates (name -> value seen), for cache keys. */
  envVarsUsed: Record<string, string | null>;
  warnings: DiagnosticBag['items'];
  /** Env hashes: what renders served from the cache read in earlier runs (project-state.ts). */
  cacheStats?: { hits: number; misses: number; env: Record<string, string | null> };
  /** With deferCacheSave: writes the parse cache (once; later calls do nothing). */
  saveCache?: () => void;
}

export async function parseProject(options: ParseOptions): Promise<ParsedProject> {
  try {
    return await parseAll(options);
  } finally {
    options.renderWorker?.stop();
  }
}

async function parseAll(options: ParseOptions): Promise<ParsedProject> {
  const { project } = options;
  const bag = options.diagnostics ?? new DiagnosticBag();
  const pkg = project.name;
  const dir = project.projectDir;

  const discovery = createDiscovery(dir, options.listed);
  const { macros, docs, genericTestFiles, envReader, session } = createProjectSession(options, bag, discovery);

  const cache = options.cacheDir
    ? openParseCache(options.cacheDir, hashKey(STRATA_VERSION, readFileSync(join(dir, project.configFile), 'utf8'), JSON.stringify(project.target), JSON.stringify(project.vars), JSON.stringify(options.crossDb.type_string()), ...macros.map((m) => m.source), ...Object.values(docs).map((d) => d.blockContents)), options.env)
    : undefined;
  const nodes: Record<string, ManifestNode> = {};
  const nodeList: ManifestNode[] = [];
  const modelFiles = discovery.files(project.modelPaths, ['.sql']);
  const schemaFiles = discovery.files([...new Set([...project.modelPaths, ...project.seedPaths, ...project.snapshotPaths])], ['.yml', '.yaml']);
  let ahead: SchemaAhead | undefined;
  // One memo for the tests built ahead and those applySchemaFiles builds (none when a macro could make them differ).
  const memo = testSqlMemoFor([BUILTIN_TEST_MACROS, ...macros.map((m) => m.source)]);
  const prepared = await renderModelsAhead({
    options, macros, docs, envReader, session, files: modelFiles, cache,
    meanwhile: () => (ahead = buildTestsAhead({ project, session, files: schemaFiles, cache, texts: options.texts, memo })),
  });
  const models = parseSqlNodes({ project, session, bag, kind: 'model', files: modelFiles, cache, prepared, texts: options.texts });
  const snapshots = parseSnapshots({ project, session, bag, files: discovery.files(project.snapshotPaths, ['.sql', '.yml', '.yaml']), cache });
  const seeds = parseSeeds({ project, bag, files: discovery.files(project.seedPaths, ['.csv']) });
  const singular = parseSqlNodes({
    project, session, bag, kind: 'test',
    files: discovery.files(project.testPaths, ['.sql']).filter((f) => !genericTestFiles.has(f.path)),
    cache,
  });

  const schema = applySchemaFiles({ project, session, bag, files: schemaFiles, candidates: [...models, ...snapshots, ...seeds], docs, cache, ahead, texts: options.texts, memo });

  const referable = new Map<string, ManifestNode>();
  for (const node of [...models, ...snapshots, ...seeds, ...singular].map((c) => c.node).concat(schema.tests)) {
    if (!node.config.enabled) continue;
    // A seed and a model of one name have different unique ids, but ref('name') could mean either.
    const namesake = node.resourceType === 'test' ? undefined : referable.get(node.name);
    if (namesake && namesake.resourceType !== node.resourceType) {
      bag.add({
        code: 'E_DUPLICATE', file: node.originalFilePath,
        message: `A ${namesake.resourceType} and a ${node.resourceType} are both named '${node.name}': ${namesake.originalFilePath} and ${node.originalFilePath}`,
        hint: `ref('${node.name}') would be ambiguous; rename one of the files.`,
      });
      continue;
    }
    if (node.resourceType !== 'test') referable.set(node.name, node);
    const existing = nodes[node.uniqueId];
    if (existing) {
      bag.add({
        code: 'E_DUPLICATE', file: node.originalFilePath,
        message: `Two ${node.resourceType}s are named '${node.name}': ${existing.originalFilePath} and ${node.originalFilePath}`,
        hint: 'Node names must be unique in a project; rename one file (or set an alias in its config).',
      });
      continue;
    }
    nodes[node.uniqueId] = node;
    nodeList.push(node);
  }
  rememberNodeList(nodes, nodeList);
  const manifest: Manifest = {
    metadata: {
      schemaVersion: 'strata/manifest/v1', strataVersion: STRATA_VERSION, generatedAt: new Date().toISOString(),
      projectName: pkg, targetName: project.target.name, adapterType: project.target.type,
    },
    nodes,
    sources: schema.sources,
    exposures: schema.exposures,
    macros: Object.fromEntries(macros.map((m) => [m.uniqueId, m])),
    docs,
    parentMap: {},
    childMap: {},
  };
  resolveDependencies(manifest, bag, [...models, ...snapshots, ...seeds].map((c) => c.node).filter((n) => !n.config.enabled), dir);
  if (bag.errors.length) throw new StrataError(bag.errors, 2);
  let saveCache: (() => void) | undefined;
  if (cache) {
    cache.noteEnv(envReader.used);
    saveCache = () => {
      saveCache = undefined;
      cache.save();
    };
    if (!options.deferCacheSave) saveCache();
  }
  return {
    manifest, session, envVarsUsed: { ...project.envVarsUsed, ...envReader.used }, warnings: bag.warnings,
    cacheStats: cache ? { hits: cache.hits, misses: cache.misses, env: cache.envHashes } : undefined,
    saveCache: options.deferCacheSave ? () => saveCache?.() : undefined,
  };
}

/** Renders between two turns of the event loop while this thread renders beside the worker. */
const YIELD_EVERY = 100;

/** One turn of the event loop: messages already queued (the worker's batches) are handled. */
function takeInMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Jobs per message to the worker while the files are read. */
const GIVE_CHUNK = 500;

/**
 * Read the model files and, when there are many to render, render them on two threads
 * (render-pool.ts): a quarter of the eligible files is the worker's, and both threads take the
 * rest from a shared counter; this thread first does `meanwhile` (the schema files and their
 * tests), so the worker renders more. Undefined when the parse should simply render as it goes.
 */
async function renderModelsAhead(args: {
  options: ParseOptions; macros: MacroDef[]; docs: Record<string, DocBlock>; envReader: ReturnType<typeof createEnvReader>;
  session: RenderSession; files: DiscoveredFile[]; cache?: ParseCache;
  /** Work for this thread while the worker starts and renders (only when a worker runs). */
  meanwhile: () => void;
}): Promise<Map<string, PreparedSqlFile> | undefined> {
  const { options, session, files, cache } = args;
  if (files.length < WORKER_THRESHOLD) return undefined;
  const { project } = options;
  // A macro that logs would log from the worker: such projects render on this thread.
  const worker = args.macros.some((m) => MAIN_THREAD_ONLY.test(m.source)) ? undefined : (options.renderWorker ?? startRenderWorker());
  // Sent now, so the worker builds its session while this thread reads and keys the files.
  worker?.configure({
    projectName: project.name, target: project.target, vars: project.vars, userMacros: args.macros, docs: args.docs,
    invocationId: options.invocationId, env: { ...options.env },
  });
  const prepared = new Map<string, PreparedSqlFile>();
  const jobs: RenderJob[] = [];
  const folderOf = folderConfigsOf(project, 'model');
  // The worker's quarter goes to it while the files are read and keyed (~0.3 s at 10k), in
  // chunks, from the first WORKER_THRESHOLD jobs on (fewer: a project mostly cached renders here).
  const reserved = worker ? Math.floor(files.length * WORKER_RESERVED_SHARE) : 0;
  let given = 0;
  for (const file of files) {
    // Read, configured and keyed once: parseSqlNodes takes all three from here.
    const raw = readDiscovered(file, options.texts);
    const folder = folderOf(file);
    const { key, volatile } = renderCacheKey('model', file, raw, folder, session, cache, options.texts);
    prepared.set(file.path, { raw, folder, key });
    if ((key && cache!.has(key)) || volatile || MAIN_THREAD_ONLY.test(raw)) continue;
    jobs.push({ path: file.path, name: folder.name, raw, folderConfig: folder.folderConfig });
    if (given < reserved && jobs.length >= WORKER_THRESHOLD && jobs.length - given >= GIVE_CHUNK) {
      const end = Math.min(jobs.length, reserved);
      worker!.give(jobs.slice(given, end), given);
      given = end;
    }
  }
  // The rest: the worker's share of it (what it was not given yet) at the end, the others shared.
  const rest = jobs.slice(given);
  const next = sharedCounter();
  const shared = rest.length - Math.max(0, Math.floor(jobs.length * WORKER_RESERVED_SHARE) - given);
  const running = worker && (given > 0 || jobs.length >= WORKER_THRESHOLD) ? worker.run({ jobs: rest, first: given, next, shared }) : undefined;
  if (!running) {
    worker?.stop();
    return prepared; // rendered as the parse goes
  }
  args.meanwhile();
  const meanwhileDone = Date.now();
  // The worker's outcome batches wait in this thread's queue until it lets the event loop run:
  // taking them in now, and now and then while rendering, is work done beside the worker's
  // renders instead of after them.
  await takeInMessages();
  let sinceYield = 0;
  for (let i = takeJob(next, shared); i !== undefined; i = takeJob(next, shared)) {
    prepared.get(rest[i].path)!.outcome = renderJob(session, rest[i]);
    if (++sinceYield === YIELD_EVERY) {
      sinceYield = 0;
      await takeInMessages();
    }
  }
  const reply = await running;
  for (const [i, outcome] of reply?.outcomes ?? []) if (outcome) prepared.get(jobs[i].path)!.outcome = outcome;
  // What the worker took but could not render (or everything it took, if it failed) renders here.
  for (const job of jobs) prepared.get(job.path)!.outcome ??= renderJob(session, job);
  if (reply?.envUsed) Object.assign(args.envReader.used, reply.envUsed);
  const inWorker = reply?.outcomes?.filter(([, outcome]) => outcome).length ?? 0;
  // Which thread decides how long the two run side by side (what to shorten next): --debug says.
  const balance = reply ? `; the worker's last render ended ${Math.abs(reply.finishedAt - meanwhileDone)} ms ${reply.finishedAt <= meanwhileDone ? 'before' : 'after'} this thread's schema files and tests` : '';
  options.logger?.debug(`Rendered ${jobs.length} model templates on two threads: ${inWorker} in a worker, ${jobs.length - inWorker} here${balance}`);
  return prepared;
}

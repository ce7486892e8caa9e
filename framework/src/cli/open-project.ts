/** Shared start of every command: load, parse, graph, compiler. Collects all diagnostics first. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.js';
import { createCompiler, type Compiler } from '../compile/compiler.js';
import { DiagnosticBag, formatDiagnostic } from '../errors/strata-error.js';
import { buildGraph, fillParentChildMaps, type Graph } from '../graph/build-graph.js';
import type { Logger } from '../log/logger.js';
import type { PhaseTimer } from '../log/phase-timer.js';
import type { Manifest } from '../manifest/types.js';
import { parseProject, type ParsedProject } from '../parse/parse-project.js';
import { loadProject } from '../project/load-project.js';
import type { ProjectConfig } from '../project/types.js';
import type { RenderWorker } from '../parse/render-pool.js';
import { scannedTexts, type LightIndex, type ProjectScan, type ProjectState } from '../parse/project-state.js';
import type { CliArgs } from './args.js';
import { createAdapter } from './create-adapter.js';

export interface OpenProject {
  project: ProjectConfig;
  adapter: Adapter;
  parsed: ParsedProject;
  manifest: Manifest;
  /** Built when first read for `parse` and a compile without selectors (the manifest's parent/child maps are filled either way). */
  graph: Graph;
  compiler: Compiler;
  targetDir: string;
  invocationId: string;
  /** The project's files as scanned before parsing, when the command records the project state (cli/fast-path.ts). */
  scan?: ProjectScan;
  /** The state file read before parsing (its env hashes carry over). */
  previousState?: ProjectState;
  /** Nodes `compile` compiled (for the project state). */
  compiledCount?: number;
  /** Marks the phases of the command (`--debug` prints them). */
  timer?: PhaseTimer;
  /** Project-state parts computed while a compile's files were still being written (cli/fast-path.ts). */
  statePrepared?: { light: LightIndex | undefined };
  /** The folders holding the compiled files, as the compile's background file writer reported them. */
  compiledFolders?: string[];
}

/** What cli/fast-path.ts did before falling back to a full parse: the loaded project and the scan. */
export interface PreparedProject {
  bag: DiagnosticBag;
  project: ProjectConfig;
  scan?: ProjectScan;
  previousState?: ProjectState;
  /** A render worker started for the full parse (cli/fast-path.ts). */
  renderWorker?: RenderWorker;
}

export async function openProject(args: CliArgs, env: NodeJS.ProcessEnv, logger: Logger, prepared?: PreparedProject, timer?: PhaseTimer): Promise<OpenProject> {
  const bag = prepared?.bag ?? new DiagnosticBag();
  const project = prepared?.project ?? loadProject({ projectDir: args.projectDir, target: args.target, vars: args.vars, env, diagnostics: bag });
  const adapter = await createAdapter(project, args.threads);
  const invocationId = randomUUID();
  const targetDir = join(project.projectDir, project.targetPath);
  // The cache write waits for the command (runCli saves it), so a compile's file writer starts sooner.
  const parsed = await parseProject({ project, crossDb: adapter.dialect.macros, env, logger, invocationId, diagnostics: bag, cacheDir: targetDir, deferCacheSave: true, texts: scannedTexts(prepared?.scan), listed: prepared?.scan?.files, renderWorker: prepared?.renderWorker });
  if (parsed.cacheStats) logger.debug(`Parse cache: ${parsed.cacheStats.hits} hits, ${parsed.cacheStats.misses} misses`);
  for (const warning of bag.warnings) logger.warn(formatDiagnostic(warning));
  timer?.mark('parse');
  const manifest = parsed.manifest;
  // parse, and compile without selectors, read nothing of the graph but its parent/child maps
  // (and that it has no cycle): the graph itself is built if and when `graph` is read.
  const readsGraph = !(args.command === 'parse' || (args.command === 'compile' && args.select.length === 0 && args.exclude.length === 0));
  let graph = readsGraph || !fillParentChildMaps(manifest) ? buildGraph(manifest) : undefined;
  const compiler = createCompiler(manifest, adapter.dialect, parsed.session);
  timer?.mark('graph');
  return {
    project, adapter, parsed, manifest, compiler, targetDir, invocationId, scan: prepared?.scan, previousState: prepared?.previousState, timer,
    get graph(): Graph {
      return (graph ??= buildGraph(manifest));
    },
  };
}

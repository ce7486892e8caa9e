/** Shared start of every command: load, parse, graph, compiler. Collects all diagnostics first. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.js';
import { createCompiler, type Compiler } from '../compile/compiler.js';
import { DiagnosticBag, formatDiagnostic } from '../errors/strata-error.js';
import { buildGraph, type Graph } from '../graph/build-graph.js';
import type { Logger } from '../log/logger.js';
import type { Manifest } from '../manifest/types.js';
import { parseProject, type ParsedProject } from '../parse/parse-project.js';
import { loadProject } from '../project/load-project.js';
import type { ProjectConfig } from '../project/types.js';
import type { CliArgs } from './args.js';
import { createAdapter } from './create-adapter.js';

export interface OpenProject {
  project: ProjectConfig;
  adapter: Adapter;
  parsed: ParsedProject;
  manifest: Manifest;
  graph: Graph;
  compiler: Compiler;
  targetDir: string;
  invocationId: string;
}

export async function openProject(args: CliArgs, env: NodeJS.ProcessEnv, logger: Logger): Promise<OpenProject> {
  const bag = new DiagnosticBag();
  const project = loadProject({ projectDir: args.projectDir, target: args.target, vars: args.vars, env, diagnostics: bag });
  const adapter = await createAdapter(project, args.threads);
  const invocationId = randomUUID();
  const targetDir = join(project.projectDir, project.targetPath);
  const parsed = parseProject({ project, crossDb: adapter.dialect.macros, env, logger, invocationId, diagnostics: bag, cacheDir: targetDir });
  if (parsed.cacheStats) logger.debug(`Parse cache: ${parsed.cacheStats.hits} hits, ${parsed.cacheStats.misses} misses`);
  for (const warning of bag.warnings) logger.warn(formatDiagnostic(warning));
  const graph = buildGraph(parsed.manifest);
  const compiler = createCompiler(parsed.manifest, adapter.dialect, parsed.session);
  return { project, adapter, parsed, manifest: parsed.manifest, graph, compiler, targetDir, invocationId };
}

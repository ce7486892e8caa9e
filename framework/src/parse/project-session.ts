/**
 * A project's render session (macros, docs blocks, env reader), apart from parse-project.ts: the
 * incremental compile (cli/fast-path-edit.ts) renders with it and so loads none of the modules a
 * full parse needs (schema YAML, generic tests, snapshots, seeds and their planners).
 */
import { readFileSync } from 'node:fs';
import type { CrossDbMacros } from '../adapters/adapter.js';
import type { DiagnosticBag } from '../errors/strata-error.js';
import type { Logger } from '../log/logger.js';
import type { DocBlock, MacroDef } from '../manifest/types.js';
import { createEnvReader } from '../project/env-var.js';
import type { ProjectConfig } from '../project/types.js';
import { createDiscovery, type Discovery } from './discover.js';
import { extractDocBlocks } from './docs-blocks.js';
import { extractMacros } from './macros.js';
import { createTemplateEnvironment } from './template/environment.js';
import { createRenderSession, type RenderSession } from './template/render-session.js';

/** What a session needs of the parse options (parse-project.ts's ParseOptions has them all). */
export interface SessionOptions {
  project: ProjectConfig;
  crossDb: CrossDbMacros;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  invocationId: string;
}

/**
 * The render session of a project: macros (macro paths and generic tests in test paths) compiled
 * into one library, docs blocks, and an env reader that records what templates read. Shared by
 * parseProject and the incremental compile (cli/fast-path-edit.ts), so both render alike.
 */
export function createProjectSession(options: SessionOptions, bag: DiagnosticBag, discovery: Discovery = createDiscovery(options.project.projectDir)): {
  macros: MacroDef[];
  docs: Record<string, DocBlock>;
  genericTestFiles: Set<string>;
  envReader: ReturnType<typeof createEnvReader>;
  session: RenderSession;
} {
  const { project } = options;
  const pkg = project.name;
  const macros: MacroDef[] = [];
  // Each file read once: a file of the test paths is a macro file when it defines a generic test.
  const macroFiles = [
    ...discovery.files(project.macroPaths, ['.sql']).map((file) => ({ file, text: readFileSync(file.absolutePath, 'utf8') })),
    ...discovery.files(project.testPaths, ['.sql']).map((file) => ({ file, text: readFileSync(file.absolutePath, 'utf8') })).filter(({ text }) => /\{%-?\s*test\s/.test(text)),
  ];
  const genericTestFiles = new Set<string>();
  for (const { file, text } of macroFiles) {
    if (file.root !== undefined && project.testPaths.includes(file.root)) genericTestFiles.add(file.path);
    macros.push(...extractMacros(text, file.path, pkg));
  }
  const docs: Record<string, DocBlock> = {};
  for (const file of discovery.files([...project.modelPaths, ...project.docsPaths], ['.md'])) {
    for (const block of extractDocBlocks(readFileSync(file.absolutePath, 'utf8'), file.path, pkg)) {
      if (docs[block.uniqueId]) bag.add({ code: 'E_DUPLICATE', file: file.path, message: `Docs block '${block.name}' is defined twice (also in ${docs[block.uniqueId].originalFilePath})`, hint: 'Rename one of them.' });
      docs[block.uniqueId] = block;
    }
  }

  const envReader = createEnvReader(options.env);
  const session = createRenderSession({
    env: createTemplateEnvironment(), projectName: pkg, target: project.target, vars: project.vars, userMacros: macros,
    crossDb: options.crossDb, envReader, docs, logger: options.logger, invocationId: options.invocationId,
  });
  return { macros, docs, genericTestFiles, envReader, session };
}

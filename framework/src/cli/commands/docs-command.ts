/**
 * `docs generate`: compile, read the catalog, compute column lineage, write target/catalog.json,
 * the manifest with compiled SQL, and the docs data. `docs serve`: build the site and serve it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManifestArtifact, RunResultsArtifact } from '../../artifacts/types.js';
import { writeFileAtomic, writeManifest } from '../../artifacts/write-artifacts.js';
import { userError } from '../../errors/strata-error.js';
import type { Logger } from '../../log/logger.js';
import { redactSecrets, type SecretSet } from '../../log/redact.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';
import { nodeValues } from '../../manifest/node-list.js';
import { isEphemeral } from '../../manifest/types.js';

/** The folder that holds docs-site/ (the Strata installation, which may differ from the project). */
export function findSiteRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'docs-site', 'astro.config.mjs'))) return dir;
    if (dirname(dir) === dir) throw userError('E_PROJECT', 'Cannot find the docs site (docs-site/astro.config.mjs) next to the framework', { hint: 'Reinstall Strata from its repository.' });
  }
}

async function generate(open: OpenProject, logger: Logger, secrets: SecretSet): Promise<void> {
  const compiled: Record<string, string> = {};
  for (const node of nodeValues(open.manifest.nodes)) {
    if (node.resourceType === 'seed') continue;
    if (isEphemeral(node)) continue;
    compiled[node.uniqueId] = open.compiler.compile(node);
  }
  // Redact once here, so the docs data (which carries SQL and configs) never holds a secret.
  const artifact = JSON.parse(redactSecrets(JSON.stringify({ ...open.manifest, compiled }), secrets)) as ManifestArtifact;
  const resultsPath = join(open.targetDir, 'run_results.json');
  const runResults = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as RunResultsArtifact) : undefined;
  const { generateDocs } = await import('../../docs/index.js');
  const result = await generateDocs({ adapter: open.adapter, manifest: artifact, runResults, targetDir: open.targetDir });
  writeFileAtomic(join(open.targetDir, 'catalog.json'), redactSecrets(JSON.stringify(result.catalog), secrets));
  writeManifest(open.targetDir, open.manifest, compiled, secrets);
  const relations = Object.keys(result.catalog.nodes).length + Object.keys(result.catalog.sources).length;
  logger.info(`Catalog: ${relations} relations${result.catalog.errors.length ? ` (${result.catalog.errors.length} not found: build them first)` : ''}`);
  logger.info(`Docs data written to ${join(open.project.targetPath, 'docs')}/ in ${(result.timings.totalMs / 1000).toFixed(2)}s`);
}

export async function docsCommand(open: OpenProject, args: CliArgs, logger: Logger, secrets: SecretSet): Promise<number> {
  if (args.subcommand === 'generate') {
    await generate(open, logger, secrets);
    return 0;
  }
  if (args.subcommand === 'serve') {
    if (!existsSync(join(open.targetDir, 'docs'))) await generate(open, logger, secrets);
    const { buildDocsSite, serveDocsSite } = await import('../../docs/index.js');
    const repoRoot = findSiteRoot();
    const dbPath = String(open.project.target.path ?? '');
    const duckdbPath = open.project.target.type === 'duckdb' ? (isAbsolute(dbPath) ? dbPath : join(open.project.projectDir, dbPath)) : undefined;
    await open.adapter.close();
    logger.info('Building the site...');
    const site = await buildDocsSite({ repoRoot, targetDir: open.targetDir, duckdbPath });
    const server = await serveDocsSite({ repoRoot, dir: site.outDir, port: args.port ?? 8080 });
    logger.info(`Serving docs and dashboard at ${server.url} (Ctrl+C to stop)`);
    await new Promise<void>(() => undefined);
    return 0;
  }
  throw userError('E_ARGS', `Unknown docs command '${args.subcommand ?? ''}'`, { hint: 'strata docs generate, or strata docs serve [--port 8080]' });
}

/**
 * Write what the docs site needs under `<targetDir>/docs/`:
 *
 * ```
 * docs/meta.json             project, build time, last run summary, counts
 * docs/graph.json            compact graph index (no tests)
 * docs/search/<k>.json       search index shards, one per first character of a term
 * docs/nodes/<slug>.json     one page's data per node, tests included
 * ```
 *
 * Every file the browser loads is bounded: node files by one node, the graph index by a few
 * dozen bytes per node, search shards by the terms of one first character.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogArtifact, ManifestArtifact, RunResultsArtifact } from '../artifacts/types.js';
import { buildGraphIndex } from './build-graph-index.js';
import { buildNodeDocs } from './build-node-docs.js';
import { buildSearchIndex } from './build-search-index.js';
import { encodeNodeSlug } from './node-slug.js';
import { summarizeRunResults } from './summarize-run-results.js';
import { DOCS_SCHEMA, type ColumnLineage, type DocsMeta } from './types.js';

export interface WriteDocsDataOptions {
  now?: () => Date;
}

export interface DocsDataSummary {
  dir: string;
  files: number;
  totalBytes: number;
  largestFile: { path: string; bytes: number };
  durationMs: number;
}

async function writeAll(files: Array<[string, string]>, parallel = 64): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < files.length) {
      const [path, text] = files[next++];
      await writeFile(path, text);
    }
  }));
}

/**
 * Write the docs data files, replacing any from a previous run.
 *
 * @example
 * const catalog = await generateCatalog(adapter, connection, manifest);
 * const lineage = await computeColumnLineage(manifest, catalog);
 * await writeDocsData('target', manifest, runResults, catalog, lineage);
 */
export async function writeDocsData(
  targetDir: string,
  manifest: ManifestArtifact,
  runResults: RunResultsArtifact | undefined,
  catalog: CatalogArtifact,
  lineage: ColumnLineage,
  options: WriteDocsDataOptions = {},
): Promise<DocsDataSummary> {
  const started = performance.now();
  const dir = join(targetDir, 'docs');
  const nodes = buildNodeDocs(manifest, runResults, catalog, lineage);
  const graph = buildGraphIndex(nodes);
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  const shards = buildSearchIndex(graph.ids.map((id) => {
    const node = byId.get(id)!;
    return { name: node.name, tags: node.tags, description: node.description, columns: node.columns.map((c) => ({ name: c.name, description: c.description })) };
  }));
  const counts: Record<string, number> = {};
  for (const node of nodes) counts[node.resourceType] = (counts[node.resourceType] ?? 0) + 1;
  const meta: DocsMeta = {
    schemaVersion: DOCS_SCHEMA,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    projectName: manifest.metadata.projectName,
    targetName: manifest.metadata.targetName,
    adapterType: manifest.metadata.adapterType,
    ...(runResults ? { run: summarizeRunResults(runResults) } : {}),
    counts,
    catalogErrors: catalog.errors,
    lineage: lineage.stats,
    searchShards: Object.keys(shards).sort(),
  };

  const files: Array<[string, string]> = [
    [join(dir, 'meta.json'), JSON.stringify(meta)],
    [join(dir, 'graph.json'), JSON.stringify(graph)],
    ...Object.entries(shards).map(([key, shard]): [string, string] => [join(dir, 'search', `${key}.json`), JSON.stringify(shard)]),
    ...nodes.map((node): [string, string] => [join(dir, 'nodes', `${encodeNodeSlug(node.uniqueId)}.json`), JSON.stringify(node)]),
  ];
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'nodes'), { recursive: true });
  await mkdir(join(dir, 'search'), { recursive: true });
  await writeAll(files);

  let largest = { path: '', bytes: 0 };
  let totalBytes = 0;
  for (const [path, text] of files) {
    const bytes = Buffer.byteLength(text);
    totalBytes += bytes;
    if (bytes > largest.bytes) largest = { path, bytes };
  }
  return { dir, files: files.length, totalBytes, largestFile: largest, durationMs: Math.round(performance.now() - started) };
}

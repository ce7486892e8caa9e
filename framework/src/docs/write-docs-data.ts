/**
 * Write what the docs site needs under `<targetDir>/docs/`:
 *
 * ```
 * docs/meta.json               project, build time, last run summary, counts
 * docs/graph.json              compact graph index (no tests)
 * docs/search/<k>.json         search index shards, one per first character of a term
 * docs/nodes/part-<nnnn>.json  page data of every node (tests included), ~1 MB per part
 * ```
 *
 * The browser loads the graph index and search shards; each is bounded (a few dozen bytes per
 * node, the terms of one first character). Page data is read only by the site build, and is
 * packed into parts because writing 30,000 small files (10,000 models and their tests) took
 * 1-10 s on a busy disk, against 0.1 s for ninety 1 MB parts.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogArtifact, ManifestArtifact, RunResultsArtifact } from '../artifacts/types.js';
import { buildGraphIndex } from './build-graph-index.js';
import { buildNodeDocs } from './build-node-docs.js';
import { buildSearchIndex } from './build-search-index.js';
import { summarizeRunResults } from './summarize-run-results.js';
import { DOCS_SCHEMA, type ColumnLineage, type DocsMeta, type DocsNode } from './types.js';

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

/** Target size of one page-data part. */
const PART_BYTES = 1_000_000;

/** Pack node page data into parts of about {@link PART_BYTES}, in unique-id order. */
function packNodeParts(nodes: DocsNode[]): string[] {
  const parts: string[] = [];
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    parts.push(`{"version":1,"nodes":[${chunk.join(',')}]}`);
    chunk = [];
    bytes = 0;
  };
  for (const node of [...nodes].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId))) {
    const text = JSON.stringify(node);
    if (bytes + text.length > PART_BYTES) flush();
    chunk.push(text);
    bytes += text.length;
  }
  flush();
  return parts;
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
    ...packNodeParts(nodes).map((text, i): [string, string] => [join(dir, 'nodes', `part-${String(i).padStart(4, '0')}.json`), text]),
  ];
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'nodes'), { recursive: true });
  await mkdir(join(dir, 'search'), { recursive: true });
  await Promise.all(files.map(([path, text]) => writeFile(path, text)));

  let largest = { path: '', bytes: 0 };
  let totalBytes = 0;
  for (const [path, text] of files) {
    const bytes = Buffer.byteLength(text);
    totalBytes += bytes;
    if (bytes > largest.bytes) largest = { path, bytes };
  }
  return { dir, files: files.length, totalBytes, largestFile: largest, durationMs: Math.round(performance.now() - started) };
}

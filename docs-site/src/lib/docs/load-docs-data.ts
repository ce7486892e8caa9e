/**
 * Build-time loading of `target/docs/` (written by `strata docs generate`) plus the dashboard's
 * chart exposures. Pages call {@link loadDocsSite} once per route (in `getStaticPaths`) and
 * pass the result down as props, so 10,000 pages do not re-read the data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocsMeta, DocsNode, DocsNodePart, GraphIndex, SearchShard } from '../../../../framework/src/docs/types.ts';
import { mergeChartExposures } from './merge-chart-exposures.ts';
import { readDashboardCharts } from './read-dashboard-charts.ts';

export interface DocsSite {
  targetDir: string;
  /** Why there is no project data, when `target/docs/` is missing. */
  missing?: string;
  meta?: DocsMeta;
  graph: GraphIndex;
  nodes: Map<string, DocsNode>;
  shards: Record<string, SearchShard>;
  /** When this site build ran. */
  builtAt: string;
}

const EMPTY_GRAPH: GraphIndex = {
  version: 1, ids: [], names: [], types: [], typeNames: [], materialized: [], materializedNames: [],
  tagNames: [], tags: [], folders: [], folderNames: [], edges: [],
};

/** `STRATA_TARGET_DIR` (relative to the repo root) or `<repo>/target`. */
export function resolveTargetDir(repoRoot: string, env: Record<string, string | undefined> = process.env): string {
  return resolve(repoRoot, env.STRATA_TARGET_DIR || 'target');
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function readNodes(dir: string): Map<string, DocsNode> {
  const nodes = new Map<string, DocsNode>();
  const partsDir = join(dir, 'nodes');
  for (const file of readdirSync(partsDir).filter((f) => f.endsWith('.json')).sort()) {
    for (const node of readJson<DocsNodePart>(join(partsDir, file)).nodes) nodes.set(node.uniqueId, node);
  }
  return nodes;
}

function readShards(dir: string, keys: string[]): Record<string, SearchShard> {
  const shards: Record<string, SearchShard> = {};
  for (const key of keys) {
    const path = join(dir, 'search', `${key}.json`);
    if (existsSync(path)) shards[key] = readJson<SearchShard>(path);
  }
  return shards;
}

/**
 * Load the docs data and merge the dashboard's charts in as exposures.
 *
 * @param repoRoot the repository root (Astro config defines `import.meta.env.STRATA_REPO_ROOT`)
 * @param base the site's base path without trailing slash, for chart links
 */
export function loadDocsSite(repoRoot: string, base: string, env: Record<string, string | undefined> = process.env): DocsSite {
  const targetDir = resolveTargetDir(repoRoot, env);
  const dir = join(targetDir, 'docs');
  const builtAt = new Date().toISOString();
  let meta: DocsMeta | undefined;
  let graph = EMPTY_GRAPH;
  let nodes = new Map<string, DocsNode>();
  let shards: Record<string, SearchShard> = {};
  let missing: string | undefined;
  if (existsSync(join(dir, 'meta.json'))) {
    meta = readJson<DocsMeta>(join(dir, 'meta.json'));
    graph = readJson<GraphIndex>(join(dir, 'graph.json'));
    nodes = readNodes(dir);
    shards = readShards(dir, meta.searchShards);
  } else {
    missing = `No docs data in ${dir}. Run \`strata docs generate\` (or the pipeline), then rebuild the site.`;
  }
  const merged = mergeChartExposures(graph, nodes, shards, readDashboardCharts(), (id) => `${base}/#chart-title-${id}`);
  return { targetDir, missing, meta, builtAt, ...merged };
}

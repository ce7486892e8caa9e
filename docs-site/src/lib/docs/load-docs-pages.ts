/**
 * What every docs route needs, loaded once per route at build time: the docs data with chart
 * exposures merged in, the graph adjacency and id positions (shared by all node pages).
 */
import type { DocsMeta, DocsNode, GraphIndex, SearchShard } from '../../../../framework/src/docs/types.ts';
import { buildAdjacency, type GraphAdjacency } from './graph-adjacency.ts';
import { loadDocsSite } from './load-docs-data.ts';
import { readBasePath } from './docs-urls.ts';

export interface DocsPages {
  missing?: string;
  meta?: DocsMeta;
  builtAt: string;
  graph: GraphIndex;
  adjacency: GraphAdjacency;
  positionOf: Map<string, number>;
  nodes: Map<string, DocsNode>;
  shards: Record<string, SearchShard>;
}

/** Load the docs data for the pages of this build. */
export function loadDocsPages(): DocsPages {
  const repoRoot = (import.meta.env.STRATA_REPO_ROOT as string | undefined) ?? process.cwd();
  const site = loadDocsSite(repoRoot, readBasePath(import.meta.env.BASE_URL));
  return {
    missing: site.missing,
    meta: site.meta,
    builtAt: site.builtAt,
    graph: site.graph,
    adjacency: buildAdjacency(site.graph),
    positionOf: new Map(site.graph.ids.map((id, i) => [id, i])),
    nodes: site.nodes,
    shards: site.shards,
  };
}

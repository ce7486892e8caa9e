/** Browser: fetch the compact graph index once per page and build its adjacency. */
import type { GraphIndex } from '../../../../../framework/src/docs/types.ts';
import { buildAdjacency, type GraphAdjacency } from '../graph-adjacency.ts';
import { formatDataUrl } from '../docs-urls.ts';

export interface LoadedGraph {
  graph: GraphIndex;
  adjacency: GraphAdjacency;
  positionOf: Map<string, number>;
}

/** A memoised loader: the first call fetches, later calls share the result. */
export function createGraphLoader(base: string): () => Promise<LoadedGraph> {
  let pending: Promise<LoadedGraph> | undefined;
  return () =>
    (pending ??= fetch(formatDataUrl(base, 'graph'))
      .then((response) => {
        if (!response.ok) throw new Error(`graph index: HTTP ${response.status}`);
        return response.json() as Promise<GraphIndex>;
      })
      .then((graph) => ({ graph, adjacency: buildAdjacency(graph), positionOf: new Map(graph.ids.map((id, i) => [id, i])) })));
}

/**
 * Parent and child lists over the compact graph index, and bounded walks up and down them.
 * Used by the selector, the node page's neighbourhood view and the project graph.
 */
import type { GraphIndex } from '../../../../framework/src/docs/types.ts';

export interface GraphAdjacency {
  parents: number[][];
  children: number[][];
}

/** Build parent / child lists from the flat edge array. */
export function buildAdjacency(graph: GraphIndex): GraphAdjacency {
  const parents: number[][] = graph.ids.map(() => []);
  const children: number[][] = graph.ids.map(() => []);
  for (let i = 0; i < graph.edges.length; i += 2) {
    const [p, c] = [graph.edges[i], graph.edges[i + 1]];
    parents[c].push(p);
    children[p].push(c);
  }
  return { parents, children };
}

/**
 * Nodes reachable from `start` along `next`, up to `depth` steps (Infinity for all), excluding
 * the start nodes themselves unless reached again.
 */
export function walkGraph(next: number[][], start: Iterable<number>, depth = Infinity): Set<number> {
  const seen = new Set<number>();
  let frontier = [...start];
  for (let step = 0; step < depth && frontier.length; step++) {
    const following: number[] = [];
    for (const node of frontier) {
      for (const n of next[node]) {
        if (!seen.has(n)) {
          seen.add(n);
          following.push(n);
        }
      }
    }
    frontier = following;
  }
  return seen;
}

/** The focus node with its ancestors to `up` steps and descendants to `down` steps. */
export function collectNeighbourhood(adjacency: GraphAdjacency, focus: number, up: number, down: number): number[] {
  const out = new Set([focus]);
  for (const n of walkGraph(adjacency.parents, [focus], up)) out.add(n);
  for (const n of walkGraph(adjacency.children, [focus], down)) out.add(n);
  return [...out];
}

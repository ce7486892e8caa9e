/**
 * Which executable nodes each node waits for: its nearest executable ancestors (walking through
 * sources, ephemerals and unselected nodes), plus in `build` a model's tests before its children.
 */
import type { Manifest } from '../manifest/types.js';
import type { Graph } from '../graph/build-graph.js';

export function computeWaits(graph: Graph, manifest: Manifest, executable: Set<string>, testsBlockChildren: boolean): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const nearest = (id: string): Set<string> => {
    const hit = memo.get(id);
    if (hit) return hit;
    const out = new Set<string>();
    memo.set(id, out);
    for (const parent of graph.inNeighbors(id)) {
      if (executable.has(parent)) out.add(parent);
      else for (const p of nearest(parent)) out.add(p);
    }
    return out;
  };
  const waits = new Map<string, Set<string>>();
  for (const id of executable) waits.set(id, new Set(nearest(id)));
  if (testsBlockChildren) {
    for (const id of executable) {
      const test = manifest.nodes[id];
      if (test?.resourceType !== 'test' || !test.attachedNode || test.dependsOn.nodes.length > 1) continue;
      for (const child of graph.outNeighbors(test.attachedNode)) {
        if (child !== id && executable.has(child) && manifest.nodes[child]?.resourceType !== 'test') waits.get(child)!.add(id);
      }
    }
  }
  return waits;
}

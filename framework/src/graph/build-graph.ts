/**
 * The dependency graph over unique ids. Edges run parent -> child. Cycles are reported as the
 * path that closes them, with each node's file.
 *
 * A small adjacency-list DAG: at 10k models and 30k tests, graphology's edge objects cost more
 * than the rest of the graph work together. Neighbour lists keep edge insertion order (as
 * graphology did), so parent/child maps, scheduling and the reported cycle are unchanged.
 */
import { StrataError } from '../errors/strata-error.js';
import type { AnyNode, Manifest } from '../manifest/types.js';

/** The neighbour list of a node without neighbours (shared; replaced on the first edge). */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/** A directed graph with the part of graphology's API the framework uses. Neighbour arrays are shared: do not mutate them. */
export class Graph {
  private readonly ins = new Map<string, string[]>();
  private readonly outs = new Map<string, string[]>();
  /** Parents as a set, for nodes with many (duplicate checks stay O(1)). */
  private readonly inSets = new Map<string, Set<string>>();
  private edges = 0;

  get order(): number {
    return this.ins.size;
  }

  get size(): number {
    return this.edges;
  }

  addNode(id: string): void {
    if (!this.ins.has(id)) {
      this.ins.set(id, NONE);
      this.outs.set(id, NONE);
    }
  }

  hasNode(id: string): boolean {
    return this.ins.has(id);
  }

  /** Add parent -> child unless present; both nodes must exist. */
  addEdge(parent: string, child: string): void {
    const out = this.outs.get(parent);
    const into = this.ins.get(child);
    if (!out || !into) throw new Error(`Graph.addEdge: unknown node ${out ? child : parent}`);
    if (this.hasParent(child, into, parent)) return;
    if (out === NONE) this.outs.set(parent, [child]);
    else out.push(child);
    if (into === NONE) this.ins.set(child, [parent]);
    else into.push(parent);
    this.inSets.get(child)?.add(parent);
    this.edges++;
  }

  hasEdge(parent: string, child: string): boolean {
    const into = this.ins.get(child);
    return into ? this.hasParent(child, into, parent) : false;
  }

  private hasParent(child: string, into: string[], parent: string): boolean {
    if (into.length < 16) return into.includes(parent);
    let set = this.inSets.get(child);
    if (!set) this.inSets.set(child, (set = new Set(into)));
    return set.has(parent);
  }

  nodes(): string[] {
    return [...this.ins.keys()];
  }

  forEachNode(callback: (id: string) => void): void {
    for (const id of this.ins.keys()) callback(id);
  }

  inNeighbors(id: string): string[] {
    return this.ins.get(id) ?? NONE;
  }

  outNeighbors(id: string): string[] {
    return this.outs.get(id) ?? NONE;
  }

  inDegree(id: string): number {
    return this.inNeighbors(id).length;
  }

  outDegree(id: string): number {
    return this.outNeighbors(id).length;
  }

  /** True when some path leads back to where it started (Kahn's algorithm). */
  hasCycle(): boolean {
    const remaining = new Map<string, number>();
    const ready: string[] = [];
    for (const [id, into] of this.ins) {
      remaining.set(id, into.length);
      if (into.length === 0) ready.push(id);
    }
    let done = 0;
    while (ready.length) {
      const id = ready.pop()!;
      done++;
      for (const child of this.outs.get(id)!) {
        const left = remaining.get(child)! - 1;
        remaining.set(child, left);
        if (left === 0) ready.push(child);
      }
    }
    return done !== this.ins.size;
  }
}

/** Every node of the manifest (models, seeds, tests, sources, exposures) by unique id. */
export function allNodes(manifest: Manifest): Map<string, AnyNode> {
  const map = new Map<string, AnyNode>();
  for (const n of Object.values(manifest.nodes)) map.set(n.uniqueId, n);
  for (const n of Object.values(manifest.sources)) map.set(n.uniqueId, n);
  for (const n of Object.values(manifest.exposures)) map.set(n.uniqueId, n);
  return map;
}

/** Build the graph, fill the manifest's parent/child maps, and fail on cycles. */
export function buildGraph(manifest: Manifest): Graph {
  const graph = new Graph();
  const nodes = allNodes(manifest);
  for (const id of nodes.keys()) graph.addNode(id);
  for (const node of nodes.values()) {
    for (const parent of node.dependsOn.nodes) {
      if (graph.hasNode(parent)) graph.addEdge(parent, node.uniqueId);
    }
  }
  if (graph.hasCycle()) {
    const cycle = findCycle(graph);
    const described = cycle.map((id) => nodes.get(id)?.name ?? id).join(' -> ');
    const files = [...new Set(cycle.map((id) => nodes.get(id)?.originalFilePath).filter(Boolean))].join(', ');
    throw new StrataError({
      code: 'E_CYCLE', severity: 'error', file: nodes.get(cycle[0])?.originalFilePath,
      message: `Dependency cycle: ${described}`,
      hint: `Break the cycle by removing one of these ref() calls (files: ${files}).`,
    });
  }
  manifest.parentMap = {};
  manifest.childMap = {};
  graph.forEachNode((id) => {
    manifest.parentMap[id] = graph.inNeighbors(id).slice();
    manifest.childMap[id] = graph.outNeighbors(id).slice();
  });
  return graph;
}

/** An iterative DFS that returns one cycle as a closed path [a, b, c, a]. */
export function findCycle(graph: Graph): string[] {
  const state = new Map<string, 1 | 2>();
  const parent = new Map<string, string>();
  for (const start of graph.nodes()) {
    if (state.has(start)) continue;
    const stack: Array<{ id: string; children: string[]; i: number }> = [{ id: start, children: graph.outNeighbors(start), i: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.i >= top.children.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = top.children[top.i++];
      if (state.get(next) === 1) {
        const path = [next];
        for (let cur = top.id; cur !== next; cur = parent.get(cur)!) path.push(cur);
        path.push(next);
        return path.reverse();
      }
      if (!state.has(next)) {
        state.set(next, 1);
        parent.set(next, top.id);
        stack.push({ id: next, children: graph.outNeighbors(next), i: 0 });
      }
    }
  }
  return [];
}

/**
 * The dependency graph over unique ids. Edges run parent -> child. Cycles are reported as the
 * path that closes them, with each node's file.
 *
 * Built with graphology (a DirectedGraph) and graphology-dag (cycle check); neighbour lists keep
 * edge insertion order, so parent/child maps, scheduling and the reported cycle are stable.
 */
import { createRequire } from 'node:module';
import { StrataError } from '../errors/strata-error.js';
import type { AnyNode, Manifest } from '../manifest/types.js';
import { allNodes } from './select-nodes.js';
import { nodeValues } from '../manifest/node-list.js';
import { emptyList, exactArray } from '../arrays.js';

type DirectedGraphClass = typeof import('graphology').DirectedGraph;
/** A graphology directed graph: nodes are unique ids, edges parent -> child. */
export type Graph = InstanceType<DirectedGraphClass>;

let graphology: { DirectedGraph: DirectedGraphClass; hasCycle: (graph: Graph) => boolean } | undefined;
/**
 * graphology and graphology-dag, loaded the first time a graph is built: `parse`, and `compile`
 * without selectors, never build one (~24 ms of module loading on the main thread at start-up).
 */
function loadGraphology(): NonNullable<typeof graphology> {
  if (!graphology) {
    const require = createRequire(import.meta.url);
    graphology = { DirectedGraph: require('graphology').DirectedGraph, hasCycle: require('graphology-dag').hasCycle };
  }
  return graphology;
}

/** Build the graph, fill the manifest's parent/child maps, and fail on cycles. */
export function buildGraph(manifest: Manifest): Graph {
  const { DirectedGraph, hasCycle } = loadGraphology();
  const graph = new DirectedGraph();
  const nodes = allNodes(manifest);
  // The parent/child maps are filled as edges are added: the order of graphology's neighbour lists.
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of nodes.keys()) {
    graph.addNode(id);
    parentMap[id] = [];
    childMap[id] = [];
  }
  for (const node of nodes.values()) {
    for (const parent of node.dependsOn.nodes) {
      // A parent listed twice is one edge (mergeEdge says whether it added one).
      if (nodes.has(parent) && graph.mergeEdge(parent, node.uniqueId)[1]) {
        parentMap[node.uniqueId].push(parent);
        childMap[parent].push(node.uniqueId);
      }
    }
  }
  if (hasCycle(graph)) {
    const cycle = findCycle(graph);
    const described = cycle.map((id) => nodes.get(id)?.name ?? id).join(' -> ');
    const files = [...new Set(cycle.map((id) => nodes.get(id)?.originalFilePath).filter(Boolean))].join(', ');
    throw new StrataError({
      code: 'E_CYCLE', severity: 'error', file: nodes.get(cycle[0])?.originalFilePath,
      message: `Dependency cycle: ${described}`,
      hint: `Break the cycle by removing one of these ref() calls (files: ${files}).`,
    });
  }
  manifest.parentMap = parentMap;
  manifest.childMap = childMap;
  return graph;
}

/** The list of every node without parents, or without children (30k tests at 10k models): one, frozen. */
const NO_IDS = emptyList<string>();

/**
 * The parent/child maps buildGraph fills, from the nodes' dependency lists alone, and the manifest
 * filled with them when the graph has no cycle. A command that reads nothing else of the graph (a
 * compile without selectors) skips building 40k graphology nodes and edges, and the garbage
 * collection of them while it compiles and writes. The maps are the graph's neighbour lists:
 * parents in dependsOn order, each edge once, only ids of the manifest. On a cycle nothing is
 * filled and false returned: buildGraph reports it.
 */
export function fillParentChildMaps(manifest: Manifest): boolean {
  // allNodes order, without its id map (the maps' own keys say which ids are nodes).
  const all: AnyNode[] = [...nodeValues(manifest.nodes)];
  for (const group of [manifest.sources, manifest.exposures] as Array<Record<string, AnyNode>>) for (const id in group) all.push(group[id]);
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const node of all) {
    if (Object.hasOwn(parentMap, node.uniqueId)) return fillParentChildMapsOf(manifest, allNodes(manifest)); // an id twice: as allNodes has it
    parentMap[node.uniqueId] = NO_IDS;
    childMap[node.uniqueId] = NO_IDS;
  }
  return fillParentChildMapsOf(manifest, all, parentMap, childMap);
}

function fillParentChildMapsOf(
  manifest: Manifest, nodes: AnyNode[] | Map<string, AnyNode>,
  parentMap: Record<string, string[]> = {}, childMap: Record<string, string[]> = {},
): boolean {
  const list = nodes instanceof Map ? [...nodes.values()] : nodes;
  if (nodes instanceof Map) {
    for (const id of nodes.keys()) {
      parentMap[id] = NO_IDS;
      childMap[id] = NO_IDS;
    }
  }
  // A list is made for a node's first parent or child; lists grown by push keep room for 17+ ids,
  // so the ones the manifest keeps are copied exact.
  const withChildren: string[] = [];
  for (const node of list) {
    const child = node.uniqueId;
    const deps = node.dependsOn.nodes;
    if (!deps.length) continue;
    let parents: string[] | undefined;
    const seen = deps.length > 16 ? new Set<string>() : undefined;
    for (const parent of deps) {
      if (!Object.hasOwn(parentMap, parent) || (seen ? seen.has(parent) : parents?.includes(parent))) continue;
      seen?.add(parent);
      (parents ??= []).push(parent);
      const children = childMap[parent];
      if (children === NO_IDS) {
        childMap[parent] = [child];
        withChildren.push(parent);
      } else {
        children.push(child);
      }
    }
    if (parents) parentMap[child] = exactArray(parents);
  }
  for (const parent of withChildren) if (childMap[parent].length > 1) childMap[parent] = exactArray(childMap[parent]);
  if (hasCycleIn(childMap, list.map((node) => node.uniqueId))) return false;
  manifest.parentMap = parentMap;
  manifest.childMap = childMap;
  return true;
}

/**
 * Whether following `children` from any of `ids` comes back to a node on the path (a self-loop
 * counts, as in graphology-dag). A node without children is on no cycle and never enters the walk:
 * at 10k models the 30k tests are such leaves, and the walk then keeps state for the 10k models only.
 */
function hasCycleIn(children: Record<string, string[]>, ids: Iterable<string>): boolean {
  const state = new Map<string, 1 | 2>(); // 1: on the path, 2: done
  const path: string[] = [];
  const at: number[] = [];
  for (const start of ids) {
    if (children[start].length === 0 || state.has(start)) continue;
    state.set(start, 1);
    path.push(start);
    at.push(0);
    while (path.length) {
      const top = path.length - 1;
      const list = children[path[top]];
      if (at[top] < list.length) {
        const next = list[at[top]++];
        if (children[next].length === 0) continue;
        const seen = state.get(next);
        if (seen === 1) return true;
        if (seen === undefined) {
          state.set(next, 1);
          path.push(next);
          at.push(0);
        }
      } else {
        state.set(path[top], 2);
        path.pop();
        at.pop();
      }
    }
  }
  return false;
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

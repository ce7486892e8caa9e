/** Evaluate a selection against the manifest and graph; returns the selected unique ids. */
import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';

let picomatchModule: typeof picomatchType | undefined;
/** picomatch, loaded for the first wildcard. */
const picomatch = (pattern: string, options: picomatchType.PicomatchOptions) => {
  picomatchModule ??= createRequire(import.meta.url)('picomatch') as typeof picomatchType;
  return picomatchModule(pattern, options);
};
import type { AnyNode, Manifest, ResourceType } from '../manifest/types.js';
import { parseSelection, type SelectorAtom } from './selector-parse.js';
import { nodeValues } from '../manifest/node-list.js';

/** What node selection reads of a graph (a graphology Graph is one). Kept apart from build-graph.ts, so selecting from the project state loads no graph library. */
export interface Neighbours {
  inNeighbors(id: string): string[];
  outNeighbors(id: string): string[];
  /**
   * Optional: what `reach` below gives (the nodes within `depth` steps of any start, in one
   * direction, starts left out), for a graph that can walk it faster than by ids.
   */
  reach?(starts: Iterable<string>, direction: 'in' | 'out', depth: number): Iterable<string>;
}

/** allNodes maps recorded by whoever built a manifest that never changes afterwards. */
const knownNodes = new WeakMap<Manifest, Map<string, AnyNode>>();

/**
 * Record `nodes` as allNodes(manifest): it must be what allNodes would build (every node,
 * source and exposure, in that order, a later id replacing an earlier one), and `manifest` must
 * never change afterwards. The light manifest of `ls` records the map it builds anyway, which
 * saves walking 40k properties again at 10k models.
 */
export function rememberAllNodes(manifest: Manifest, nodes: Map<string, AnyNode>): void {
  knownNodes.set(manifest, nodes);
}

/**
 * A node by unique id: from the map recorded for the manifest (rememberAllNodes), else from its
 * node, source and exposure objects (no map of 40k ids built for a few thousand lookups).
 */
export function nodeLookup(manifest: Manifest): (id: string) => AnyNode | undefined {
  const known = knownNodes.get(manifest);
  if (known) return (id) => known.get(id);
  return (id) => manifest.nodes[id] ?? manifest.sources[id] ?? manifest.exposures[id];
}

/** Every node of the manifest (models, seeds, tests, sources, exposures) by unique id. */
export function allNodes(manifest: Manifest): Map<string, AnyNode> {
  const known = knownNodes.get(manifest);
  if (known) return known;
  const map = new Map<string, AnyNode>();
  for (const n of nodeValues(manifest.nodes)) map.set(n.uniqueId, n);
  for (const n of Object.values(manifest.sources)) map.set(n.uniqueId, n);
  for (const n of Object.values(manifest.exposures)) map.set(n.uniqueId, n);
  return map;
}

export interface SelectionRequest {
  select?: string[];
  exclude?: string[];
  /** Resource types the command acts on; others are dropped at the end. */
  resourceTypes?: ResourceType[];
  /** Add tests whose parents are selected (dbt's eager indirect selection). */
  indirectTests?: 'eager' | 'cautious' | 'none';
  /** For state: and result: methods. */
  state?: StateContext;
}

export interface StateContext {
  /** Unique ids that are new or modified compared with the state manifest. */
  modified?: Set<string>;
  added?: Set<string>;
  /** Status by unique id from the previous run_results.json. */
  results?: Map<string, string>;
}

const globCache = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    m = pattern.includes('*') || pattern.includes('?') || pattern.includes('[') ? picomatch(pattern, { dot: true }) : (s: string) => s === pattern;
    globCache.set(pattern, m);
  }
  return m;
}

function matchesFqn(node: AnyNode, value: string): boolean {
  if (glob(value)(node.name)) return true;
  const parts = value.split('.');
  const tryFrom = (fqn: string[]) => parts.length <= fqn.length && parts.every((p, i) => glob(p)(fqn[i]));
  return tryFrom(node.fqn) || tryFrom(node.fqn.slice(1));
}

function matchesAtom(node: AnyNode, atom: SelectorAtom, state?: StateContext): boolean {
  const v = atom.value;
  switch (atom.method) {
    case 'fqn':
      // Sources are selected with source:, so a model and a source table may share a name.
      if (node.resourceType === 'source') return false;
      if (v.includes('/') || /\.(sql|csv|ya?ml)$/.test(v)) return matchesPath(node, v);
      return matchesFqn(node, v);
    case 'tag':
      return node.tags.some((t) => glob(v)(t));
    case 'path':
      return matchesPath(node, v);
    case 'file':
      return glob(v)(node.originalFilePath.split('/').pop() ?? '') || glob(v)((node.originalFilePath.split('/').pop() ?? '').replace(/\.\w+$/, ''));
    case 'config': {
      let value: unknown = node.config;
      for (const key of atom.methodArgs) value = (value as Record<string, unknown> | undefined)?.[key];
      if (Array.isArray(value)) return value.some((x) => glob(v)(String(x)));
      return value !== undefined && glob(v)(String(value));
    }
    case 'resource_type':
      return node.resourceType === v;
    case 'source':
      return node.resourceType === 'source' && (glob(v)(node.sourceName) || glob(v)(`${node.sourceName}.${node.name}`));
    case 'test_type':
      return node.resourceType === 'test' && (node.testType === v || (v === 'data' && node.testType === 'singular') || (v === 'schema' && node.testType === 'generic'));
    case 'test_name':
      return node.resourceType === 'test' && glob(v)(node.testType === 'generic' ? node.testMetadata?.name ?? node.name : node.name);
    case 'package':
      return glob(v)(node.packageName);
    case 'exposure':
      return node.resourceType === 'exposure' && glob(v)(node.name);
    case 'state':
      if (v === 'modified') return Boolean(state?.modified?.has(node.uniqueId));
      if (v === 'new') return Boolean(state?.added?.has(node.uniqueId));
      return false;
    case 'result':
      return state?.results?.get(node.uniqueId) === v;
  }
}

function matchesPath(node: AnyNode, value: string): boolean {
  const p = value.replace(/\/+$/, '');
  const file = node.originalFilePath;
  return file === p || file.startsWith(`${p}/`) || glob(p)(file);
}

/**
 * Add to `into` every node within `depth` steps of any of `starts`, in one direction. One
 * breadth-first walk from all the starts at once, with its own record of what it found: each
 * node is reached at its distance from the nearest start. (Walks from one start after another
 * that share what they found stop at a node an earlier walk reached at its depth limit, or from
 * the other direction, and miss what lies beyond it.)
 */
function reach(graph: Neighbours, starts: Iterable<string>, direction: 'in' | 'out', depth: number, into: Set<string>): void {
  if (graph.reach) {
    for (const id of graph.reach(starts, direction, depth)) into.add(id);
    return;
  }
  const seen = new Set(starts);
  let frontier = [...seen];
  for (let level = 0; level < depth && frontier.length; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of direction === 'in' ? graph.inNeighbors(id) : graph.outNeighbors(id)) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
        into.add(n);
      }
    }
    frontier = next;
  }
}

function evaluateAtom(atom: SelectorAtom, nodes: Map<string, AnyNode>, graph: Neighbours, state?: StateContext): Set<string> {
  const base = new Set<string>();
  for (const [id, node] of nodes) if (matchesAtom(node, atom, state)) base.add(id);
  const out = new Set(base);
  if (atom.parents) reach(graph, base, 'in', atom.parents, out);
  if (atom.children || atom.childrensParents) reach(graph, base, 'out', atom.childrensParents ? Infinity : atom.children, out);
  // @: the ancestors of everything selected so far (the nodes and their descendants).
  if (atom.childrensParents) reach(graph, [...out], 'in', Infinity, out);
  return out;
}

function evaluate(spec: SelectorAtom[][], nodes: Map<string, AnyNode>, graph: Neighbours, state?: StateContext): Set<string> {
  const union = new Set<string>();
  for (const intersection of spec) {
    let acc: Set<string> | undefined;
    for (const atom of intersection) {
      const hit = evaluateAtom(atom, nodes, graph, state);
      acc = acc ? new Set([...acc].filter((id) => hit.has(id))) : hit;
    }
    for (const id of acc ?? []) union.add(id);
  }
  return union;
}

export function selectNodes(manifest: Manifest, graph: Neighbours, request: SelectionRequest): Set<string> {
  if (!request.select?.length && !request.exclude?.length) return everyNode(manifest, request.resourceTypes);
  const nodes = allNodes(manifest);
  let selected = request.select?.length ? evaluate(parseSelection(request.select), nodes, graph, request.state) : new Set(nodes.keys());
  const mode = request.indirectTests ?? 'eager';
  if (mode !== 'none' && request.select?.length) {
    // The map's values are manifest.nodes' in order, then sources and exposures (never tests).
    for (const node of nodes.values()) {
      if (node.resourceType !== 'test' || selected.has(node.uniqueId)) continue;
      const parents = node.dependsOn.nodes;
      const hit = mode === 'eager' ? parents.some((p) => selected.has(p)) : parents.length > 0 && parents.every((p) => selected.has(p));
      if (hit) selected.add(node.uniqueId);
    }
  }
  if (request.exclude?.length) {
    const excluded = evaluate(parseSelection(request.exclude), nodes, graph, request.state);
    selected = new Set([...selected].filter((id) => !excluded.has(id)));
  }
  if (request.resourceTypes) {
    const types = new Set(request.resourceTypes);
    selected = new Set([...selected].filter((id) => types.has(nodes.get(id)!.resourceType)));
  }
  return selected;
}

/** What selectNodes returns without --select or --exclude: every node of the types, in allNodes order (no id map built). */
function everyNode(manifest: Manifest, resourceTypes: ResourceType[] | undefined): Set<string> {
  const selected = new Set<string>();
  for (const node of nodesOfTypes(manifest, resourceTypes)) selected.add(node.uniqueId);
  return selected;
}

/**
 * The nodes `selectNodes` selects for a request without --select or --exclude, in its order, as
 * the node objects: a caller that needs the nodes skips a set of 40k ids and looking each up.
 */
export function nodesOfTypes(manifest: Manifest, resourceTypes: ResourceType[] | undefined): AnyNode[] {
  const types = resourceTypes ? new Set<string>(resourceTypes) : undefined;
  const out: AnyNode[] = [];
  // The map recorded for the manifest is allNodes' order already (the light manifest's `nodes` object is then never made).
  const known = knownNodes.get(manifest);
  if (known) {
    for (const node of known.values()) if (!types || types.has(node.resourceType)) out.push(node);
    return out;
  }
  for (const node of nodeValues(manifest.nodes)) if (!types || types.has(node.resourceType)) out.push(node);
  for (const group of [manifest.sources, manifest.exposures] as Array<Record<string, AnyNode>>) {
    for (const node of Object.values(group)) if (!types || types.has(node.resourceType)) out.push(node);
  }
  return out;
}

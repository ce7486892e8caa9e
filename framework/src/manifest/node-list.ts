/**
 * The nodes of a manifest as a list, without listing the object. A `nodes` object of 40k unique
 * ids is a dictionary-mode object: `Object.values` on it sorts the ids by insertion index each
 * time (12-14 ms at 10k models), and a cold compile listed it seven times. parseProject records
 * the list it builds the object from; every reader of all the nodes takes it from here.
 */
import type { ManifestNode } from './types.js';

const lists = new WeakMap<object, readonly ManifestNode[]>();

/**
 * Record `list` as `Object.values(nodes)`: `nodes[node.uniqueId] === node` for each, in insertion
 * order, and nothing else. `nodes` is frozen so that no property can change without the list.
 */
export function rememberNodeList(nodes: Record<string, ManifestNode>, list: readonly ManifestNode[]): void {
  Object.freeze(nodes);
  lists.set(nodes, list);
}

/** `Object.values(nodes)` (do not change the array): the recorded list when there is one. */
export function nodeValues(nodes: Record<string, ManifestNode>): readonly ManifestNode[] {
  return lists.get(nodes) ?? Object.values(nodes);
}

/** The recorded list of `nodes`, if any (each node's key is its uniqueId). */
export function recordedNodeList(nodes: object): readonly ManifestNode[] | undefined {
  return lists.get(nodes);
}

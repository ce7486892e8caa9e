/**
 * The compact graph index the site's lineage views and search results read: parallel arrays
 * over every node except tests (tests are listed on the page of the node they test), with
 * string tables for types, materializations, tags and folders, and edges as position pairs.
 */
import type { ResourceType } from '../manifest/types.js';
import type { DocsNode, GraphIndex } from './types.js';

function intern(table: string[], index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = table.length;
    table.push(value);
    index.set(value, i);
  }
  return i;
}

const TYPE_ORDER: ResourceType[] = ['source', 'seed', 'model', 'snapshot', 'exposure', 'test'];

/** Folder of a file path: `models/marts/fct.sql` -> `models/marts`. */
function readFolder(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

/**
 * Build the graph index from node docs. Nodes are ordered by type then name, so the index is
 * stable across runs; edges point parent -> child.
 *
 * @example
 * const graph = buildGraphIndex(nodes);
 * graph.names[graph.edges[0]]; // a parent's name
 */
export function buildGraphIndex(nodes: DocsNode[]): GraphIndex {
  const listed = nodes
    .filter((n) => n.resourceType !== 'test')
    .sort((a, b) => TYPE_ORDER.indexOf(a.resourceType) - TYPE_ORDER.indexOf(b.resourceType) || a.name.localeCompare(b.name) || a.uniqueId.localeCompare(b.uniqueId));
  const position = new Map(listed.map((n, i) => [n.uniqueId, i]));
  const graph: GraphIndex = {
    version: 1, ids: [], names: [], types: [], typeNames: [], materialized: [], materializedNames: [],
    tagNames: [], tags: [], folders: [], folderNames: [], edges: [],
  };
  const tables = { type: new Map<string, number>(), mat: new Map<string, number>(), tag: new Map<string, number>(), folder: new Map<string, number>() };
  for (const node of listed) {
    graph.ids.push(node.uniqueId);
    graph.names.push(node.name);
    graph.types.push(intern(graph.typeNames, tables.type, node.resourceType));
    graph.materialized.push(node.materialized ? intern(graph.materializedNames, tables.mat, node.materialized) : -1);
    graph.tags.push(node.tags.map((t) => intern(graph.tagNames, tables.tag, t)));
    graph.folders.push(intern(graph.folderNames, tables.folder, readFolder(node.path)));
  }
  for (const node of listed) {
    const child = position.get(node.uniqueId)!;
    for (const parent of node.dependsOn) {
      const p = position.get(parent.uniqueId);
      if (p !== undefined) graph.edges.push(p, child);
    }
  }
  return graph;
}

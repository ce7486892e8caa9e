/**
 * A small layered DAG layout, left to right: longest-path layering (a node sits one layer
 * right of its furthest parent), then barycentre ordering sweeps to reduce crossings, then
 * coordinates. Linear-ish in nodes and edges per sweep; drawing 500 nodes takes a few ms.
 */

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  layerGap?: number;
  rowGap?: number;
  sweeps?: number;
}

export interface PlacedNode {
  node: number;
  layer: number;
  x: number;
  y: number;
}

export interface DagLayout {
  nodes: PlacedNode[];
  edges: Array<[number, number]>;
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

/** Longest-path layers for the nodes given (edges outside the set are ignored). */
function assignLayers(nodes: number[], parents: Map<number, number[]>, children: Map<number, number[]>): Map<number, number> {
  const indegree = new Map(nodes.map((n) => [n, parents.get(n)!.length]));
  const layer = new Map<number, number>();
  const queue = nodes.filter((n) => indegree.get(n) === 0);
  for (const n of queue) layer.set(n, 0);
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    for (const c of children.get(n)!) {
      layer.set(c, Math.max(layer.get(c) ?? 0, layer.get(n)! + 1));
      indegree.set(c, indegree.get(c)! - 1);
      if (indegree.get(c) === 0) queue.push(c);
    }
  }
  // A cycle (a broken manifest) leaves nodes unvisited; put them after what we placed.
  for (const n of nodes) if (!layer.has(n)) layer.set(n, 0);
  return layer;
}

function sortByBarycentre(row: number[], neighbours: Map<number, number[]>, position: Map<number, number>): void {
  const key = new Map<number, number>();
  for (const n of row) {
    const ps = neighbours.get(n)!.map((m) => position.get(m)).filter((p): p is number => p !== undefined);
    key.set(n, ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : position.get(n)!);
  }
  row.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
  row.forEach((n, i) => position.set(n, i));
}

/**
 * Lay out the subgraph induced by `nodes`.
 *
 * @example
 * const layout = layoutDag([0, 1, 2], [[0, 1], [1, 2]]);
 * layout.nodes.map((p) => p.layer); // [0, 1, 2]
 */
export function layoutDag(nodes: number[], edges: Array<[number, number]>, options: LayoutOptions = {}): DagLayout {
  const { nodeWidth = 200, nodeHeight = 40, layerGap = 70, rowGap = 14, sweeps = 6 } = options;
  const set = new Set(nodes);
  const inside = edges.filter(([p, c]) => set.has(p) && set.has(c) && p !== c);
  const parents = new Map(nodes.map((n) => [n, [] as number[]]));
  const children = new Map(nodes.map((n) => [n, [] as number[]]));
  for (const [p, c] of inside) {
    parents.get(c)!.push(p);
    children.get(p)!.push(c);
  }
  const layer = assignLayers(nodes, parents, children);
  const rows: number[][] = [];
  for (const n of [...nodes].sort((a, b) => a - b)) (rows[layer.get(n)!] ??= []).push(n);
  const filled = rows.filter(Boolean);
  const position = new Map<number, number>();
  for (const row of filled) row.forEach((n, i) => position.set(n, i));
  for (let s = 0; s < sweeps; s++) {
    if (s % 2 === 0) for (let l = 1; l < filled.length; l++) sortByBarycentre(filled[l], parents, position);
    else for (let l = filled.length - 2; l >= 0; l--) sortByBarycentre(filled[l], children, position);
  }
  const tallest = Math.max(1, ...filled.map((r) => r.length));
  const pitch = nodeHeight + rowGap;
  const placed: PlacedNode[] = [];
  filled.forEach((row, l) => {
    const offset = ((tallest - row.length) * pitch) / 2;
    row.forEach((n, i) => placed.push({ node: n, layer: l, x: l * (nodeWidth + layerGap), y: offset + i * pitch }));
  });
  return {
    nodes: placed,
    edges: inside,
    width: Math.max(nodeWidth, filled.length * (nodeWidth + layerGap) - layerGap),
    height: Math.max(nodeHeight, tallest * pitch - rowGap),
    nodeWidth,
    nodeHeight,
  };
}

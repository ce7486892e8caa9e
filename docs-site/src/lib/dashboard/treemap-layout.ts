/**
 * Shop × category treemap layout (d3-hierarchy), in pixels, ready to draw as Plot rects.
 * Only the biggest shops are drawn (a pooled "other shops" tile would dwarf them and say
 * nothing); inside each shop the biggest categories get a tile and the rest are pooled, so
 * labels stay readable. `shown` and `total` let the chart say how much is left out.
 */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { DashboardData } from './types.ts';
import type { Selection } from './select.ts';

export interface TreemapTile {
  shop: string;
  category: string;
  /** Family index for colour; -1 for pooled "Other categories". */
  family: number;
  value: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TreemapGroup {
  shop: string;
  value: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TreemapLayout {
  groups: TreemapGroup[];
  tiles: TreemapTile[];
  /** Sum over the drawn shops. */
  shown: number;
  /** Sum over every shop passing the filters. */
  total: number;
  shopsShown: number;
  shopsTotal: number;
}

interface Node {
  name: string;
  family?: number;
  value?: number;
  children?: Node[];
}

export const TREEMAP_HEADER = 18;

export function treemapLayout(
  data: DashboardData,
  sel: Selection,
  width: number,
  height: number,
  maxShops = 15,
  maxCategories = 10,
): TreemapLayout {
  const sc = data.shopCategory;
  const values = sel.metric === 'revenue' ? sc.revenue : sc.units;
  const byShop = new Map<number, Map<number, number>>();
  const shopTotals = new Map<number, number>();
  for (let i = 0; i < sc.shop.length; i++) {
    const s = sc.shop[i];
    const c = sc.category[i];
    const v = values[i];
    // Negative nets (returns) cannot be drawn as areas.
    if (!sel.shopOn[s] || !sel.categoryOn[c] || v <= 0) continue;
    let cats = byShop.get(s);
    if (!cats) byShop.set(s, (cats = new Map()));
    cats.set(c, (cats.get(c) ?? 0) + v);
    shopTotals.set(s, (shopTotals.get(s) ?? 0) + v);
  }
  const ranked = [...shopTotals.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked.slice(0, maxShops);

  const shopNode = (name: string, shops: number[]): Node => {
    const cats = new Map<number, number>();
    for (const s of shops) for (const [c, v] of byShop.get(s) ?? []) cats.set(c, (cats.get(c) ?? 0) + v);
    const sorted = [...cats.entries()].sort((a, b) => b[1] - a[1]);
    const children: Node[] = sorted
      .slice(0, maxCategories)
      .map(([c, v]) => ({ name: data.categories.name[c], family: data.categories.family[c], value: v }));
    const pooled = sorted.slice(maxCategories).reduce((a, [, v]) => a + v, 0);
    if (pooled > 0) children.push({ name: 'Other categories', family: -1, value: pooled });
    return { name, children };
  };
  const children = top.map(([s]) => shopNode(data.shops.name[s], [s]));

  const root = hierarchy<Node>({ name: 'All', children })
    .sum((d) => (d.children ? 0 : d.value ?? 0))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  treemap<Node>()
    .tile(treemapSquarify.ratio(1.4))
    .size([width, height])
    .paddingOuter(2)
    // Only shop tiles get a header strip for their name; the root and leaves need none.
    .paddingTop((d) => (d.depth === 1 ? TREEMAP_HEADER : 2))
    .paddingInner(2)
    .round(true)(root);

  const groups: TreemapGroup[] = [];
  const tiles: TreemapTile[] = [];
  for (const node of root.children ?? []) {
    const n = node as typeof node & { x0: number; y0: number; x1: number; y1: number };
    groups.push({ shop: node.data.name, value: node.value ?? 0, x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1 });
    for (const leaf of node.leaves()) {
      const l = leaf as typeof leaf & { x0: number; y0: number; x1: number; y1: number };
      tiles.push({ shop: node.data.name, category: leaf.data.name, family: leaf.data.family ?? -1, value: leaf.value ?? 0, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 });
    }
  }
  const total = ranked.reduce((a, [, v]) => a + v, 0);
  return { groups, tiles, shown: root.value ?? 0, total, shopsShown: top.length, shopsTotal: ranked.length };
}

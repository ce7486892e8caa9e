/** Unit tests of the docs site's pure modules: Markdown, selectors, layout, search, chart exposures. */
import { describe, expect, it } from 'vitest';
import type { DocsNode, GraphIndex } from '../../framework/src/docs/types.ts';
import { buildGraphIndex } from '../../framework/src/docs/build-graph-index.ts';
import { buildSearchIndex } from '../../framework/src/docs/build-search-index.ts';
import { renderMarkdown } from '../src/lib/docs/render-markdown.ts';
import { buildAdjacency, collectNeighbourhood } from '../src/lib/docs/graph-adjacency.ts';
import { selectNodes } from '../src/lib/docs/select-nodes.ts';
import { layoutDag } from '../src/lib/docs/layout-dag.ts';
import { renderLineageSvg } from '../src/lib/docs/render-lineage-svg.ts';
import { searchDocs } from '../src/lib/docs/search-docs.ts';
import { mergeChartExposures } from '../src/lib/docs/merge-chart-exposures.ts';
import { readSafeUrl } from '../src/lib/docs/docs-urls.ts';

function node(name: string, type: DocsNode['resourceType'], parents: string[] = [], extra: Partial<DocsNode> = {}): DocsNode {
  return {
    uniqueId: `${type}.p.${name}`, name, resourceType: type, packageName: 'p', path: `models/${type === 'source' ? 'src' : 'marts'}/${name}.sql`,
    description: '', tags: [], meta: {}, config: {}, columns: [], tests: [], usedBy: [],
    dependsOn: parents.map((p) => ({ uniqueId: p, name: p.split('.').pop()!, resourceType: 'model' as const })), ...extra,
  };
}

// raw -> stg -> fct -> cube ; dim -> cube ; fct -> report
const NODES = [
  node('raw', 'source'),
  node('stg', 'model', ['source.p.raw'], { tags: ['staging'] }),
  node('fct', 'model', ['model.p.stg'], { tags: ['finance'], description: 'Monthly revenue per shop', columns: [{ name: 'revenue_rub', description: 'Rubles', tags: [], tests: [], upstream: [], downstream: [] }] }),
  node('dim', 'model', [], { tags: ['finance'] }),
  node('cube', 'model', ['model.p.fct', 'model.p.dim']),
  node('report', 'exposure', ['model.p.fct']),
];
const graph: GraphIndex = buildGraphIndex(NODES);
const adjacency = buildAdjacency(graph);
const names = (positions: number[]) => positions.map((i) => graph.names[i]).sort();

describe('renderMarkdown', () => {
  it('renders the subset: paragraphs, emphasis, strong, code, http links, lists', () => {
    expect(renderMarkdown('One **bold** and *em* and `a<b`.\n\n- x\n- [site](https://e.com/a_b?x=1&y=2)\n\n1. first')).toBe(
      '<p>One <strong>bold</strong> and <em>em</em> and <code>a&lt;b</code>.</p>\n' +
        '<ul><li>x</li><li><a href="https://e.com/a_b?x=1&amp;y=2" rel="nofollow noopener">site</a></li></ul>\n<ol><li>first</li></ol>',
    );
  });
  it('escapes all HTML and refuses non-http links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="y()"> [x](javascript:alert(1)) "q"');
    expect(html).not.toMatch(/<script|<img|href=/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;q&quot;');
  });
  it('leaves snake_case identifiers alone', () => {
    expect(renderMarkdown('see fct_monthly_sales and _this_')).toBe('<p>see fct_monthly_sales and <em>this</em></p>');
  });
});

describe('selectNodes', () => {
  const select = (expr: string) => selectNodes(graph, adjacency, expr);
  it('selects by name, ancestors, descendants and depth', () => {
    expect(names(select('fct').nodes)).toEqual(['fct']);
    expect(names(select('+fct').nodes)).toEqual(['fct', 'raw', 'stg']);
    expect(names(select('fct+').nodes)).toEqual(['cube', 'fct', 'report']);
    expect(names(select('+fct+').nodes)).toEqual(['cube', 'fct', 'raw', 'report', 'stg']);
    expect(names(select('1+fct').nodes)).toEqual(['fct', 'stg']);
    expect(names(select('stg+1').nodes)).toEqual(['fct', 'stg']);
    expect(names(select('@stg').nodes)).toEqual(['cube', 'dim', 'fct', 'raw', 'report', 'stg']);
    // As the framework's selection (and dbt's): a node with no children still brings its ancestors.
    expect(names(select('@cube').nodes)).toEqual(['cube', 'dim', 'fct', 'raw', 'stg']);
  });
  it('supports tags, types, globs, union and intersection', () => {
    expect(names(select('tag:finance').nodes)).toEqual(['dim', 'fct']);
    expect(names(select('type:exposure raw').nodes)).toEqual(['raw', 'report']);
    expect(names(select('tag:finance,+cube').nodes)).toEqual(['dim', 'fct']);
    expect(names(select('c*').nodes)).toEqual(['cube']);
    expect(names(select('path:models/src').nodes)).toEqual(['raw']);
  });
  it('reports malformed expressions', () => {
    expect(select('colour:red').error).toMatch(/unknown selector method 'colour:'/);
    expect(select('tag:').error).toMatch(/no value/);
    expect(select('   ').nodes).toEqual([]);
  });
});

describe('layoutDag and renderLineageSvg', () => {
  it('puts each node one layer right of its furthest parent', () => {
    const all = graph.ids.map((_, i) => i);
    const edges: Array<[number, number]> = all.flatMap((n) => adjacency.children[n].map((c): [number, number] => [n, c]));
    const layout = layoutDag(all, edges);
    const layerOf = Object.fromEntries(layout.nodes.map((p) => [graph.names[p.node], p.layer]));
    expect(layerOf).toEqual({ raw: 0, dim: 0, stg: 1, fct: 2, cube: 3, report: 3 });
    const ys = layout.nodes.filter((p) => p.layer === 3).map((p) => p.y);
    expect(new Set(ys).size).toBe(2);
  });
  it('draws the neighbourhood with escaped labels and links', () => {
    const focus = graph.ids.indexOf('model.p.fct');
    const nodes = collectNeighbourhood(adjacency, focus, 1, 1);
    expect(names(nodes)).toEqual(['cube', 'fct', 'report', 'stg']);
    const tricky: GraphIndex = { ...graph, names: graph.names.map((n) => (n === 'stg' ? '<b>stg</b>' : n)) };
    const svg = renderLineageSvg(tricky, layoutDag(nodes, [[graph.ids.indexOf('model.p.stg'), focus]]), { focus, hrefOf: (i) => `/n/${i}` });
    expect(svg).toContain('&lt;b&gt;stg&lt;/b&gt;');
    expect(svg.match(/class="lnode focus"/g)).toHaveLength(1);
    expect(svg.match(/<path class="edge/g)).toHaveLength(1);
  });
  it('lays out 500 nodes in layers that follow every edge', () => {
    const n = 500;
    const edges: Array<[number, number]> = [];
    for (let i = 1; i < n; i++) edges.push([Math.floor((i * 7919) % i), i], [i - 1, i]);
    const layout = layoutDag([...Array(n).keys()], edges);
    expect(layout.nodes).toHaveLength(n);
    const x = new Map(layout.nodes.map((placed) => [placed.node, placed.x]));
    expect(edges.every(([a, b]) => a === b || x.get(a)! < x.get(b)!)).toBe(true);
  });
});

describe('searchDocs', () => {
  const shards = buildSearchIndex(graph.ids.map((id) => {
    const n = NODES.find((x) => x.uniqueId === id)!;
    return { name: n.name, tags: n.tags, description: n.description, columns: n.columns };
  }));
  const search = async (q: string) => (await searchDocs(q, graph, async (k) => shards[k])).map((h) => graph.names[h.node]);
  it('finds by name, prefix, tag, column and description words, all terms required', async () => {
    expect(await search('fct')).toEqual(['fct']);
    expect(await search('cub')).toEqual(['cube']);
    expect(await search('finance')).toEqual(['dim', 'fct']);
    expect(await search('revenue_rub')).toEqual(['fct']);
    expect(await search('rub')).toEqual(['fct']);
    expect(await search('monthly shop')).toEqual(['fct']);
    expect(await search('monthly nothing')).toEqual([]);
    expect(await search('the')).toEqual([]);
  });
});

describe('mergeChartExposures', () => {
  it('adds charts as exposures, links marts both ways and indexes them for search', async () => {
    const nodes = new Map(NODES.map((n) => [n.uniqueId, n]));
    const merged = mergeChartExposures(graph, nodes, {}, [{ id: 'rev', title: 'Monthly revenue', marts: ['cube', 'gone'] }], (id) => `/#${id}`);
    const chart = merged.nodes.get('exposure.dashboard.rev')!;
    expect(chart.dependsOn.map((l) => l.name)).toEqual(['cube']);
    expect(chart.meta).toEqual({ marts_not_in_project: ['gone'] });
    expect(merged.nodes.get('model.p.cube')!.usedBy.map((l) => l.uniqueId)).toEqual(['exposure.dashboard.rev']);
    expect(nodes.get('model.p.cube')!.usedBy).toEqual([]);
    const at = merged.graph.ids.indexOf('exposure.dashboard.rev');
    expect(at).toBe(graph.ids.length);
    expect(buildAdjacency(merged.graph).parents[at].map((p) => merged.graph.names[p])).toEqual(['cube']);
    const hits = await searchDocs('monthly revenue', merged.graph, async (k) => merged.shards[k]);
    expect(hits.map((h) => merged.graph.names[h.node])).toEqual(['rev']);
  });
});

describe('readSafeUrl', () => {
  it('keeps http(s) and site paths only', () => {
    expect(readSafeUrl('https://x.org/a')).toBe('https://x.org/a');
    expect(readSafeUrl('/dashboard/')).toBe('/dashboard/');
    expect(readSafeUrl('javascript:alert(1)')).toBeUndefined();
    expect(readSafeUrl('//evil.com')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestNode, ModelNode, SourceNode, TestNode } from '../manifest/types.js';
import { buildGraph, fillParentChildMaps } from './build-graph.js';
import { selectNodes } from './select-nodes.js';
import { parseAtom } from './selector-parse.js';

function model(name: string, deps: string[], extra: Partial<ModelNode> = {}): ModelNode {
  const folder = name.startsWith('stg_') ? 'staging' : 'marts';
  return {
    uniqueId: `model.p.${name}`, resourceType: 'model', name, packageName: 'p', originalFilePath: `models/${folder}/${name}.sql`,
    fqn: ['p', folder, name], tags: [], description: '', columns: {}, meta: {},
    config: { enabled: true, materialized: folder === 'staging' ? 'view' : 'table', tags: [] },
    dependsOn: { nodes: deps, macros: [] }, language: 'sql', rawCode: '', checksum: '', refs: [], sources: [],
    relation: { schema: 'main', identifier: name }, renderedCode: '', usesRuntime: false, ...extra,
  };
}

function test(name: string, deps: string[]): TestNode {
  return {
    uniqueId: `test.p.${name}`, resourceType: 'test', testType: 'generic', name, packageName: 'p', originalFilePath: 'models/schema.yml',
    fqn: ['p', name], tags: [], description: '', columns: {}, meta: {}, config: { enabled: true, materialized: 'test', tags: [] },
    dependsOn: { nodes: deps, macros: [] }, rawCode: '', checksum: '', refs: [], sources: [], renderedCode: '',
    testMetadata: { name: 'not_null', kwargs: {} }, attachedNode: deps[0],
  };
}

const source: SourceNode = {
  uniqueId: 'source.p.raw.orders', resourceType: 'source', name: 'orders', sourceName: 'raw', sourceDescription: '', packageName: 'p',
  originalFilePath: 'models/sources.yml', fqn: ['p', 'raw', 'orders'], tags: [], description: '', columns: {}, meta: {},
  config: { enabled: true, materialized: 'source', tags: [] }, dependsOn: { nodes: [], macros: [] }, relation: { schema: 'raw', identifier: 'orders' },
};

function manifest(): Manifest {
  const nodes: ManifestNode[] = [
    model('stg_orders', ['source.p.raw.orders'], { tags: ['nightly'] }),
    model('stg_customers', []),
    model('orders', ['model.p.stg_orders']),
    model('customers', ['model.p.orders', 'model.p.stg_customers']),
    model('report', ['model.p.customers'], { tags: ['nightly', 'finance'] }),
    test('not_null_orders_id', ['model.p.orders']),
    test('rel_customers_orders', ['model.p.customers', 'model.p.stg_customers']),
  ];
  return {
    metadata: { schemaVersion: 'x', strataVersion: 'x', generatedAt: '', projectName: 'p', targetName: 'dev', adapterType: 'duckdb' },
    nodes: Object.fromEntries(nodes.map((n) => [n.uniqueId, n])), sources: { [source.uniqueId]: source }, exposures: {}, macros: {}, docs: {}, parentMap: {}, childMap: {},
  };
}

function names(select: string[], exclude: string[] = [], indirect: 'eager' | 'none' = 'none'): string[] {
  const m = manifest();
  const g = buildGraph(m);
  return [...selectNodes(m, g, { select, exclude, indirectTests: indirect })].map((id) => (id.startsWith('source.') ? `src:${id.split('.').pop()}` : id.split('.').pop()!)).sort();
}

describe('selectors', () => {
  it('selects every node of the asked types, in manifest order, when nothing is selected or excluded', () => {
    const m = manifest();
    const g = buildGraph(m);
    expect([...selectNodes(m, g, { resourceTypes: ['model', 'test'] })]).toEqual(Object.keys(m.nodes));
    expect([...selectNodes(m, g, { resourceTypes: ['test'] })]).toEqual(['test.p.not_null_orders_id', 'test.p.rel_customers_orders']);
    expect([...selectNodes(m, g, { select: [], exclude: [] })]).toEqual([...Object.keys(m.nodes), 'source.p.raw.orders']);
    expect([...selectNodes(m, g, { exclude: ['orders'], resourceTypes: ['model'] })]).toEqual(['model.p.stg_orders', 'model.p.stg_customers', 'model.p.customers', 'model.p.report']);
  });

  it('parses graph operators', () => {
    expect(parseAtom('2+orders+1')).toMatchObject({ method: 'fqn', value: 'orders', parents: 2, children: 1 });
    expect(parseAtom('+tag:nightly')).toMatchObject({ method: 'tag', value: 'nightly', parents: Infinity, children: 0 });
    expect(parseAtom('@customers')).toMatchObject({ childrensParents: true });
    expect(parseAtom('config.materialized:table')).toMatchObject({ method: 'config', methodArgs: ['materialized'], value: 'table' });
  });

  it('selects by name, ancestors and descendants with depth', () => {
    expect(names(['orders'])).toEqual(['orders']);
    expect(names(['+orders'])).toEqual(['orders', 'src:orders', 'stg_orders']);
    expect(names(['orders+'])).toEqual(['customers', 'not_null_orders_id', 'orders', 'rel_customers_orders', 'report']);
    expect(names(['1+customers'])).toEqual(['customers', 'orders', 'stg_customers']);
    expect(names(['customers+1'])).toEqual(['customers', 'rel_customers_orders', 'report']);
  });

  it('reaches every node within the depth of any selected node, whichever selected node is walked first', () => {
    const of = (list: ModelNode[]): Manifest => ({ ...manifest(), nodes: Object.fromEntries(list.map((n) => [n.uniqueId, n])), sources: {} });
    const pick = (m: Manifest, select: string) => [...selectNodes(m, buildGraph(m), { select: [select], indirectTests: 'none' })].map((id) => id.split('.').pop()!).sort();
    const ref = (name: string) => `model.p.${name}`;
    // n_other is a grandchild of z_root, through m_mid, which the ancestors of a_leaf (walked first) also reach.
    const both = of([
      model('a_leaf', [ref('m_mid')], { tags: ['x'] }), model('m_mid', [ref('z_root')]), model('n_other', [ref('m_mid')]), model('z_root', [], { tags: ['x'] }),
    ]);
    expect(pick(both, '+tag:x+')).toEqual(['a_leaf', 'm_mid', 'n_other', 'z_root']);
    // x_mid is two steps from a_start (the walk's limit there) and one from b_start: z_end is two from b_start.
    const depth = of([
      model('a_start', [], { tags: ['y'] }), model('b_start', [], { tags: ['y'] }), model('p_one', [ref('a_start')]),
      model('x_mid', [ref('p_one'), ref('b_start')]), model('z_end', [ref('x_mid')]),
    ]);
    expect(pick(depth, 'tag:y+2')).toEqual(['a_start', 'b_start', 'p_one', 'x_mid', 'z_end']);
    expect(pick(depth, 'tag:y+1')).toEqual(['a_start', 'b_start', 'p_one', 'x_mid']);
    expect(pick(depth, '2+z_end')).toEqual(['b_start', 'p_one', 'x_mid', 'z_end']);

    // Random graphs, nodes listed in random order, against each selected node walked on its own.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 30; round++) {
      const count = 30;
      const list = Array.from({ length: count }, (_, i) => {
        const parents = i === 0 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => ref(`n${Math.floor(random() * i)}`));
        return model(`n${i}`, parents, { tags: random() < 0.2 ? ['t'] : [] });
      });
      list.sort(() => random() - 0.5);
      const m = of(list);
      const g = buildGraph(m);
      const within = (starts: string[], direction: 'in' | 'out', depth: number) => {
        const found = new Set<string>();
        for (const start of starts) {
          const seen = new Set([start]);
          let frontier = [start];
          for (let level = 0; level < depth && frontier.length; level++) {
            frontier = frontier.flatMap((id) => (direction === 'in' ? g.inNeighbors(id) : g.outNeighbors(id))).filter((n) => !seen.has(n) && (seen.add(n), true));
          }
          for (const id of seen) found.add(id);
        }
        return found;
      };
      const tagged = list.filter((n) => n.tags.includes('t')).map((n) => n.uniqueId);
      const names = (ids: Iterable<string>) => [...new Set(ids)].map((id) => id.split('.').pop()!).sort();
      for (const [parents, children] of [[0, 1], [0, 2], [2, 0], [1, 1], [Infinity, Infinity], [3, Infinity]]) {
        const select = `${parents === Infinity ? '+' : parents ? `${parents}+` : ''}tag:t${children === Infinity ? '+' : children ? `+${children}` : ''}`;
        expect(pick(m, select), `${select} (round ${round})`).toEqual(names([...within(tagged, 'in', parents), ...within(tagged, 'out', children)]));
      }
      const down = [...within(tagged, 'out', Infinity)];
      expect(pick(m, '@tag:t'), `@tag:t (round ${round})`).toEqual(names([...down, ...within(down, 'in', Infinity)]));
    }
  });

  it('includes the parents of descendants with @', () => {
    expect(names(['@orders'])).toEqual(['customers', 'not_null_orders_id', 'orders', 'rel_customers_orders', 'report', 'src:orders', 'stg_customers', 'stg_orders']);
  });

  it('supports methods, wildcards, unions, intersections and exclusion', () => {
    expect(names(['tag:nightly'])).toEqual(['report', 'stg_orders']);
    expect(names(['tag:nightly,config.materialized:table'])).toEqual(['report']);
    expect(names(['stg_*'])).toEqual(['stg_customers', 'stg_orders']);
    expect(names(['staging'])).toEqual(['stg_customers', 'stg_orders']);
    expect(names(['path:models/marts'], ['report'])).toEqual(['customers', 'orders']);
    expect(names(['source:raw+1'])).toEqual(['src:orders', 'stg_orders']);
    expect(names(['resource_type:test'])).toEqual(['not_null_orders_id', 'rel_customers_orders']);
    expect(names(['test_type:generic,test_name:not_null'])).toEqual(['not_null_orders_id', 'rel_customers_orders']);
    expect(names(['orders customers'])).toEqual(['customers', 'orders']);
  });

  it('adds tests of selected nodes with eager indirect selection', () => {
    expect(names(['orders'], [], 'eager')).toEqual(['not_null_orders_id', 'orders']);
    expect(names(['stg_customers'], [], 'eager')).toEqual(['rel_customers_orders', 'stg_customers']);
  });

  it('reports cycles as paths', () => {
    const m = manifest();
    m.nodes['model.p.stg_orders'].dependsOn.nodes.push('model.p.report');
    expect(() => buildGraph(m)).toThrow(/Dependency cycle: (stg_orders|orders|customers|report)( -> \w+){3,}/);
  });

  it('fills the parent and child maps as the graph holds them: a parent listed twice once, unknown parents out, the graph\'s order', () => {
    const m = manifest();
    m.nodes['model.p.customers'].dependsOn.nodes.push('model.p.orders', 'model.p.not_there');
    const graph = buildGraph(m);
    expect(m.parentMap['model.p.customers']).toEqual(['model.p.orders', 'model.p.stg_customers']);
    expect(m.childMap['model.p.orders']).toEqual(['model.p.customers', 'test.p.not_null_orders_id']);
    for (const id of graph.nodes()) {
      expect(m.parentMap[id], id).toEqual(graph.inNeighbors(id));
      expect(m.childMap[id], id).toEqual(graph.outNeighbors(id));
    }
    expect(Object.keys(m.parentMap)).toEqual(graph.nodes());
    expect(graph.size).toBe(Object.values(m.parentMap).reduce((n, parents) => n + parents.length, 0));
  });

  it('fills the same parent and child maps without the graph, and leaves them to buildGraph on a cycle', () => {
    const variants: Array<[string, (m: Manifest) => void, boolean]> = [
      ['as is', () => undefined, false],
      ['duplicates and unknown parents', (m) => m.nodes['model.p.customers'].dependsOn.nodes.push('model.p.orders', 'model.p.not_there', 'model.p.orders'), false],
      ['many parents', (m) => m.nodes['model.p.report'].dependsOn.nodes.push(...Array.from({ length: 30 }, (_, i) => (i % 2 ? 'model.p.orders' : 'model.p.stg_orders')), 'source.p.raw.orders'), false],
      ['an id twice (as allNodes keeps it)', (m) => (m.sources['model.p.orders'] = { ...source, uniqueId: 'model.p.orders', dependsOn: { nodes: ['model.p.stg_customers'], macros: [] } }), false],
      ['a cycle', (m) => m.nodes['model.p.stg_orders'].dependsOn.nodes.push('model.p.report'), true],
      ['a self-loop', (m) => m.nodes['model.p.orders'].dependsOn.nodes.push('model.p.orders'), true],
      ['a cycle of two', (m) => m.nodes['model.p.stg_customers'].dependsOn.nodes.push('model.p.customers'), true],
      ['a cycle through a test (a node with no children elsewhere)', (m) => m.nodes['model.p.stg_orders'].dependsOn.nodes.push('test.p.not_null_orders_id'), true],
    ];
    for (const [label, change, cyclic] of variants) {
      const withGraph = manifest();
      const without = manifest();
      change(withGraph);
      change(without);
      if (cyclic) {
        expect(() => buildGraph(withGraph), label).toThrow(/Dependency cycle/);
        expect(fillParentChildMaps(without), label).toBe(false);
        expect(without.parentMap, label).toEqual({});
        continue;
      }
      buildGraph(withGraph);
      expect(fillParentChildMaps(without), label).toBe(true);
      expect(JSON.stringify(without.parentMap), label).toBe(JSON.stringify(withGraph.parentMap));
      expect(JSON.stringify(without.childMap), label).toBe(JSON.stringify(withGraph.childMap));
    }
  });
});

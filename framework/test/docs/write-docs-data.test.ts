import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocsMeta, DocsNode, DocsNodePart, GraphIndex, SearchShard } from '../../src/docs/types.js';
import { createSiteFixture } from './site-fixture.js';

describe('writeDocsData on the site fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-docs-data-'));
  const read = <T>(path: string) => JSON.parse(readFileSync(join(dir, 'target', 'docs', path), 'utf8')) as T;
  let nodes: Map<string, DocsNode>;
  let meta: DocsMeta;
  let graph: GraphIndex;

  beforeAll(async () => {
    await createSiteFixture(dir);
    meta = read<DocsMeta>('meta.json');
    graph = read<GraphIndex>('graph.json');
    nodes = new Map(readdirSync(join(dir, 'target', 'docs', 'nodes')).flatMap((f) => read<DocsNodePart>(`nodes/${f}`).nodes).map((n) => [n.uniqueId, n]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('summarises the project, the last run and the lineage in meta.json', () => {
    expect(meta).toMatchObject({
      schemaVersion: 'strata/docs/v1', projectName: 'shop', generatedAt: '2025-01-15T09:31:00.000Z',
      counts: { source: 3, seed: 1, model: 6, test: 5, exposure: 1 },
      run: { command: 'build', counts: { pass: 4, fail: 1, success: 7, error: 0, warn: 0, skipped: 0 } },
      catalogErrors: [],
      lineage: { models: 6, complete: 6, partial: 0, unknown: 0 },
    });
  });

  it('writes a graph index without tests, with parent -> child edges', () => {
    expect(graph.ids).toHaveLength(11);
    expect(graph.ids.some((id) => id.startsWith('test.'))).toBe(false);
    const edges: string[] = [];
    for (let i = 0; i < graph.edges.length; i += 2) edges.push(`${graph.names[graph.edges[i]]}>${graph.names[graph.edges[i + 1]]}`);
    expect(edges).toEqual(expect.arrayContaining(['stg_sales>fct_monthly_sales', 'fct_monthly_sales>weekly_report', 'shop_translations>stg_shops']));
    expect(edges).toHaveLength(9);
  });

  it('writes search shards keyed by first character', () => {
    for (const key of meta.searchShards) {
      const shard = read<SearchShard>(`search/${key}.json`);
      expect(Object.keys(shard.terms).every((t) => (/[a-z0-9]/.test(t[0]) ? t[0] : '_') === key)).toBe(true);
    }
    expect(Object.keys(read<SearchShard>('search/f.json').terms)).toEqual(expect.arrayContaining(['fct_monthly_sales', 'finance']));
  });

  it('gives each node its page data: columns with tests, results and column lineage both ways', () => {
    const fct = nodes.get('model.shop.fct_monthly_sales')!;
    expect(fct).toMatchObject({ materialized: 'table', kind: 'table', rowCount: 3, relationName: 'main_marts.fct_monthly_sales' });
    const month = fct.columns.find((c) => c.name === 'month')!;
    expect(month.tests.map((t) => `${t.testName}:${t.result?.status}`)).toEqual(['not_null:pass', 'unique:fail']);
    expect(fct.tests.map((t) => t.name)).toEqual(['assert_revenue_positive']);
    expect(fct.columns.find((c) => c.name === 'revenue')!.upstream).toEqual([{ uniqueId: 'model.shop.stg_sales', name: 'stg_sales', resourceType: 'model', column: 'revenue' }]);
    expect(fct.columns.find((c) => c.name === 'revenue')!.downstream.map((d) => `${d.name}.${d.column}`)).toEqual(['sales_cube.revenue', 'sales_cube.revenue_share']);
    expect(fct.columns.find((c) => c.name === 'legacy_margin')).toMatchObject({ missingInWarehouse: true });
    expect(fct.usedBy.map((l) => l.name)).toEqual(['sales_cube', 'weekly_report']);
    expect(fct.compiledCode).toContain('"main_staging"."stg_sales"');
    const stg = nodes.get('model.shop.stg_sales')!;
    expect(stg.kind).toBe('view');
    expect(stg.rowCount).toBeUndefined();
    const test = nodes.get('test.shop.unique_fct_monthly_sales_month')!;
    expect(test.test).toMatchObject({ testName: 'unique', columnName: 'month', attachedNode: { name: 'fct_monthly_sales' } });
    expect(test.result).toMatchObject({ status: 'fail', failures: 2, message: 'Got 2 failures' });
    expect(nodes.get('source.shop.raw.sales_train')!.columns.map((c) => `${c.name}:${c.type}`)[0]).toBe('date:VARCHAR');
  });
});

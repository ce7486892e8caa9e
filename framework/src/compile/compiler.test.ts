import { describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../adapters/duckdb/dialect.js';
import type { Manifest, ManifestNode, ModelNode, TestNode } from '../manifest/types.js';
import { createCompiler } from './compiler.js';

const model = (name: string, renderedCode: string, refs: string[], materialized = 'view'): ModelNode =>
  ({
    uniqueId: `model.p.${name}`, resourceType: 'model', name, packageName: 'p', originalFilePath: `models/${name}.sql`,
    renderedCode, refs: refs.map((r) => ({ name: r })), sources: [], config: { materialized, enabled: true, tags: [] },
    relation: { database: 'db', schema: 'main', identifier: name },
  }) as unknown as ModelNode;

function manifestOf(nodes: ManifestNode[]): Manifest {
  return {
    metadata: {} as Manifest['metadata'], nodes: Object.fromEntries(nodes.map((n) => [n.uniqueId, n])),
    sources: {
      'source.p.raw.t': { uniqueId: 'source.p.raw.t', resourceType: 'source', sourceName: 'raw', name: 't', relation: { database: 'db', schema: 'raw', identifier: 't' } },
    } as unknown as Manifest['sources'],
    exposures: {}, macros: {}, docs: {}, parentMap: {}, childMap: {},
  };
}

describe('createCompiler', () => {
  const base = model('base', 'select * from __strata_src_0__', []);
  (base as { sources: unknown }).sources = [{ source: 'raw', table: 't' }];
  const eph1 = model('eph1', 'select * from __strata_ref_0__', ['base'], 'ephemeral');
  const eph2 = model('eph2', 'select * from __strata_ref_0__ join __strata_ref_1__ using (id)', ['eph1', 'base'], 'ephemeral');
  const top = model('top', 'with x as (select 1)\nselect * from __strata_ref_0__, __strata_ref_1__, x -- in __strata_this__', ['eph2', 'eph1']);
  const plain = model('plain', 'select * from __strata_ref_0__ -- __strata_ref_x__ __strata_this__', ['base']);
  const test = {
    uniqueId: 'test.p.t1', resourceType: 'test', name: 't1', packageName: 'p', originalFilePath: 'models/_schema.yml',
    renderedCode: 'select * from __strata_ref_0__ where id is null', refs: [{ name: 'plain' }], sources: [], config: { enabled: true, tags: [] },
  } as unknown as TestNode;
  const compiler = createCompiler(manifestOf([base, eph1, eph2, top, plain, test]), createDuckDbDialect());

  it('resolves refs, sources and this to quoted relation names, leaving text that is not a token', () => {
    expect(compiler.compile(base)).toBe('select * from "db"."raw"."t"');
    expect(compiler.compile(plain)).toBe('select * from "db"."main"."base" -- __strata_ref_x__ "db"."main"."plain"');
    expect(compiler.compile(test)).toBe('select * from "db"."main"."plain" where id is null');
  });

  it('inlines ephemeral models as CTEs, each once and parents first, after a model whose other refs resolved directly', () => {
    // `plain` compiled before: the shared resolver must not carry its node into this one.
    compiler.compile(plain);
    expect(compiler.compile(top)).toBe([
      'with __dbt__cte__eph1 as (\nselect * from "db"."main"."base"\n),',
      '__dbt__cte__eph2 as (\nselect * from __dbt__cte__eph1 join "db"."main"."base" using (id)\n),',
      'x as (select 1)\nselect * from __dbt__cte__eph2, __dbt__cte__eph1, x -- in "db"."main"."top"',
    ].join('\n'));
    // An ephemeral model compiled on its own takes its own parents as CTEs.
    expect(compiler.compile(eph2)).toBe('with __dbt__cte__eph1 as (\nselect * from "db"."main"."base"\n)\nselect * from __dbt__cte__eph1 join "db"."main"."base" using (id)');
  });

  it('gives a test the same SQL each time it is compiled (tests are not kept), and follows --defer', () => {
    const first = compiler.compile(test);
    expect(compiler.compile(test)).toBe(first);
    compiler.deferTo('model.p.plain', { database: 'prod', schema: 'main', identifier: 'plain' });
    expect(compiler.compile(test)).toBe('select * from "prod"."main"."plain" where id is null');
  });

  it('names the file of a ref it cannot resolve', () => {
    const broken = model('broken', 'select * from __strata_ref_0__', ['missing']);
    const other = createCompiler(manifestOf([broken]), createDuckDbDialect());
    expect(() => other.compile(broken)).toThrow("Unresolved ref('missing') in models/broken.sql");
  });
});

/**
 * Schema files in the parse cache: as JSON text where that reads back the same contents, as
 * structured values where JSON would change a value (NaN, infinities, -0, nulls).
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { schemaContentsForCache, schemaContentsFromCache } from './apply-schema.js';
import { readSchemaFile } from './schema-yaml.js';

const file = { absolutePath: '/p/models/_schema.yml', path: 'models/_schema.yml', pathInRoot: '_schema.yml', root: 'models' };

/** What a later run reads: the cached value through the cache file's own format. */
const throughCache = (text: string) => schemaContentsFromCache(deserialize(serialize(schemaContentsForCache(text, readSchemaFile(file, text)))));

const PLAIN = [
  'version: 2', 'models:', '  - name: orders', '    description: "Orders, one row each: {{ doc(\'x\') }}"', '    config:', '      tags: [a, b]',
  '    columns:', '      - name: id', '        tests: [unique, not_null]', '      - name: status', '        meta: { owner: sales }',
  '        tests:', '          - accepted_values:', "              values: ['placed', 'shipped', 3, true]", '              config:', '                severity: warn',
  '          - relationships:', "              to: ref('customers')", '              field: id',
  'sources:', '  - name: raw', '    tables:', '      - name: orders', '        columns:', '          - name: id', '            tests: [unique]',
].join('\n');

describe('schema files in the parse cache', () => {
  it('are kept as JSON text and read back equal to a fresh read', () => {
    const cached = schemaContentsForCache(PLAIN, readSchemaFile(file, PLAIN));
    expect('json' in cached).toBe(true);
    const back = throughCache(PLAIN);
    const fresh = readSchemaFile(file, PLAIN);
    expect(back).toEqual(fresh);
    expect(JSON.stringify(back)).toBe(JSON.stringify(fresh));
    expect(back.patches[0].columns[1].tests[0].kwargs).toEqual({ values: ['placed', 'shipped', 3, true] });
  });

  it('are kept as values when JSON would change one (NaN, infinity, -0, null)', () => {
    for (const value of ['.nan', '.inf', '-0', 'null', '~']) {
      const text = ['version: 2', 'models:', '  - name: m', '    columns:', '      - name: x', '        tests:', '          - accepted_values:', `              values: [1, ${value}]`].join('\n');
      const cached = schemaContentsForCache(text, readSchemaFile(file, text));
      expect('json' in cached, value).toBe(false);
      const values = throughCache(text).patches[0].columns[0].tests[0].kwargs.values as unknown[];
      expect(Object.is(values[1], (readSchemaFile(file, text).patches[0].columns[0].tests[0].kwargs.values as unknown[])[1]), value).toBe(true);
    }
  });
});

describe('applySchemaFiles', () => {
  it('merges configs folder < YAML < config(), builds the tests of enabled nodes and of sources in declaration order, none of a disabled model', async () => {
    const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createDuckDbDialect } = await import('../adapters/duckdb/dialect.js');
    const { loadProject } = await import('../project/load-project.js');
    const { parseProject } = await import('./parse-project.js');
    const dir = mkdtempSync(join(tmpdir(), 'strata-schema-'));
    try {
      writeFileSync(join(dir, 'project.yml'), [
        'name: p', 'target: dev', 'targets:', '  dev:', '    type: duckdb', '    path: target/p.duckdb',
        'models:', '  p:', '    +materialized: table', '    +tags: [folder]', '',
      ].join('\n'));
      mkdirSync(join(dir, 'models'), { recursive: true });
      writeFileSync(join(dir, 'models', 'a.sql'), "{{ config(tags=['inline']) }}select 1 as id\n");
      writeFileSync(join(dir, 'models', 'b.sql'), "{{ config(materialized='view') }}select 1 as id\n");
      writeFileSync(join(dir, 'models', 'c.sql'), 'select 1 as id\n');
      writeFileSync(join(dir, 'models', 'off.sql'), '{{ config(enabled=false) }}select 1 as id\n');
      writeFileSync(join(dir, 'models', '_schema.yml'), [
        'version: 2', 'models:',
        '  - name: b', '    config: { materialized: incremental, tags: [yaml] }', '    tests: [row_count_ok]', '    columns:',
        '      - name: id', '        tests: [unique, not_null]', '      - name: other', '        tests: [not_null]',
        '  - name: a', '    columns:', '      - name: id', '        tests: [unique]',
        '  - name: off', '    columns:', '      - name: id', '        tests: [unique, not_a_test]',
        'sources:', '  - name: raw', '    tables:', '      - name: t', '        tests: [row_count_ok]', '        columns:', '          - name: id', '            tests: [not_null]',
      ].join('\n'));
      mkdirSync(join(dir, 'macros'), { recursive: true });
      writeFileSync(join(dir, 'macros', 'row_count_ok.sql'), '{% test row_count_ok(model) %}select 1 from {{ model }} where false{% endtest %}\n');
      const project = loadProject({ projectDir: dir, env: {} });
      const { manifest } = await parseProject({ project, crossDb: createDuckDbDialect().macros, env: {}, invocationId: 'x' });
      const model = (name: string) => manifest.nodes[`model.p.${name}`];
      // config() wins over YAML, YAML over the folder; tags add up.
      expect(model('b').config.materialized).toBe('view');
      expect(model('b').config.tags).toEqual(['folder', 'yaml']);
      expect(model('a').config.materialized).toBe('table');
      expect(model('a').config.tags).toEqual(['folder', 'inline']);
      expect(model('c').config).toEqual({ materialized: 'table', tags: ['folder'], enabled: true });
      expect(model('c').tags).toBe(model('c').config.tags);
      const tests = Object.values(manifest.nodes).filter((n) => n.resourceType === 'test');
      expect(tests.map((t) => t.name)).toEqual([
        'row_count_ok_b', 'unique_b_id', 'not_null_b_id', 'not_null_b_other', 'unique_a_id', 'row_count_ok_source_raw_t', 'not_null_source_raw_t_id',
      ]);
      // Each test depends on what it is attached to (resolve-dependencies.ts), each list its own.
      expect(tests.map((t) => t.dependsOn.nodes)).toEqual([
        ['model.p.b'], ['model.p.b'], ['model.p.b'], ['model.p.b'], ['model.p.a'], ['source.p.raw.t'], ['source.p.raw.t'],
      ]);
      expect(tests[0].dependsOn.nodes).not.toBe(tests[1].dependsOn.nodes);
      // The disabled model's tests are not built: its unknown test is not an error.
      expect(tests.some((t) => t.name.includes('off'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

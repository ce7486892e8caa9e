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

/**
 * The test-SQL memo of buildGenericTest: tests built with it equal tests built without it, a
 * render is shared only between tests with the same macro, arguments and attached token, and
 * projects whose macros could make a render depend on more get no memo. Test names stay
 * one-byte strings.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../adapters/duckdb/dialect.js';
import { BUILTIN_TEST_MACROS } from '../data-tests/builtin-tests.js';
import type { Diagnostic } from '../errors/strata-error.js';
import type { ParseCache } from './parse-cache.js';
import { createEnvReader } from '../project/env-var.js';
import { buildGenericTest, testSqlMemoFor, type TestAttachment } from './generic-tests.js';
import { extractMacros } from './macros.js';
import { readSchemaFile, type TestDeclaration } from './schema-yaml.js';
import { createTemplateEnvironment } from './template/environment.js';
import { createRenderSession, type RenderSession } from './template/render-session.js';

const COUNTING_TEST = '{% test counted(model, column_name) %}select {{ column_name }} from {{ model }} -- {{ bump() }}{% endtest %}';

/** A session whose `bump()` counts how many times a test macro really rendered. */
function makeSession(): { session: RenderSession; renders: () => number } {
  let count = 0;
  const session = createRenderSession({
    env: createTemplateEnvironment(), projectName: 'proj', target: { name: 'dev', type: 'duckdb', schema: 'main', threads: 1 },
    vars: {}, userMacros: extractMacros(COUNTING_TEST, 'macros/t.sql', 'proj'), crossDb: { ...createDuckDbDialect().macros, bump: () => (count++, '') },
    envReader: createEnvReader({}), docs: {}, invocationId: 'test',
  });
  return { session, renders: () => count };
}

const decl = (testName: string, columnName: string, extra: Partial<TestDeclaration> = {}): TestDeclaration =>
  ({ testName, kwargs: {}, config: {}, columnName, file: 'models/_schema.yml', line: 3, ...extra });
const attached = (name: string): TestAttachment => ({ uniqueId: `model.proj.${name}`, displayName: name, name, packageName: 'proj' });

const CASES: Array<[TestDeclaration, TestAttachment]> = [
  [decl('counted', 'id'), attached('a')],
  [decl('counted', 'id'), attached('b')],
  [decl('counted', 'code'), attached('c')],
  [decl('counted', 'id', { config: { where: 'id > 0' } }), attached('d')],
  [decl('unique', 'id'), attached('e')],
  [decl('accepted_values', 'status', { kwargs: { values: ['a', 'b'] } }), attached('f')],
  [decl('accepted_values', 'status', { kwargs: { values: ['a', 'c'] } }), attached('g')],
  [decl('relationships', 'parent_id', { kwargs: { to: "ref('parents')", field: 'id' } }), attached('h')],
  [decl('relationships', 'parent_id', { kwargs: { to: "ref('others')", field: 'id' } }), attached('i')],
  [{ ...decl('counted', 'id'), columnName: undefined }, attached('j')],
  [decl('counted', "{{ 'i' ~ 'd' }}"), attached('k')],
  [decl('unique', 'id'), { ...attached('l'), uniqueId: 'source.proj.raw.l', sourceName: 'raw' }],
];

function buildAll(memo: Map<string, string> | undefined) {
  const { session, renders } = makeSession();
  const diagnostics: Diagnostic[] = [];
  const tests = CASES.map(([d, a]) => buildGenericTest(d, a, session, {}, diagnostics, undefined, memo));
  return { tests, diagnostics, renders: renders() };
}

describe('test SQL memo', () => {
  it('builds the same tests with and without it, rendering a shared text once', () => {
    const plain = buildAll(undefined);
    const memo = new Map<string, string>();
    const memoised = buildAll(memo);
    expect(memoised.tests).toEqual(plain.tests);
    expect(memoised.diagnostics).toEqual(plain.diagnostics);
    expect(plain.renders).toBe(6);
    // a, b and the templated column (rendered to id) share one render; the other column, no column
    // and the `where` render their own.
    expect(memoised.renders).toBe(4);
    const sql = (i: number) => memoised.tests[i]!.renderedCode;
    expect(sql(0)).toBe(sql(1));
    expect(sql(2)).not.toBe(sql(0));
    expect(sql(3)).toContain('where id > 0');
    expect(sql(5)).not.toBe(sql(6));
    // Each relationships test keeps its own parent: a ref in the arguments is part of the key.
    expect(memoised.tests[7]!.refs).toEqual([{ name: 'h' }, { name: 'parents' }]);
    expect(memoised.tests[8]!.refs).toEqual([{ name: 'i' }, { name: 'others' }]);
    // A templated column name is rendered as an argument, as before.
    expect(sql(10)).toContain('select id from');
    expect(memoised.tests[11]!.sources).toEqual([{ source: 'raw', table: 'l' }]);
  });

  it('is offered only when no macro reads this, config, the relation\'s name or run-time state, or logs', () => {
    expect(testSqlMemoFor([BUILTIN_TEST_MACROS, '{% macro pick(cols) %}{{ cols | join(", ") }}{% endmacro %}'])).toBeInstanceOf(Map);
    for (const risky of ['{{ this }}', "{{ config.get('severity') }}", '{{ model.identifier }}', "{{ model['name'] }}", '{{ invocation_id }}',
      "{{ log('x') }}", '{% if execute %}{% endif %}', "{{ run_query('select 1') }}", "{{ exceptions.warn('x') }}",
      '{{ rel.identifier }}', '{{ relation.name }}', "{{ r['table'] }}"]) {
      expect(testSqlMemoFor([BUILTIN_TEST_MACROS, `{% macro m(model) %}${risky}{% endmacro %}`]), risky).toBeUndefined();
    }
  });

  it('keeps test SQL out of the parse cache when a memo renders it, and uses the cache without one', () => {
    const calls: string[] = [];
    const stored = new Map<string, unknown>();
    const cache = {
      get: (key: string) => (calls.push('get'), stored.get(key)),
      has: (key: string) => stored.has(key),
      set: (key: string, value: unknown) => (calls.push('set'), stored.set(key, value)),
    } as unknown as ParseCache;
    const build = (memo: Map<string, string> | undefined) => {
      const { session } = makeSession();
      return CASES.map(([d, a]) => buildGenericTest(d, a, session, {}, [], cache, memo));
    };
    const withMemo = build(new Map());
    expect(calls).toEqual([]);
    expect(stored.size).toBe(0);
    const withCache = build(undefined);
    expect(calls.filter((c) => c === 'set')).toHaveLength(CASES.length);
    expect(withCache).toEqual(withMemo);
    // A second parse without a memo is served from the cache, with the same tests.
    calls.length = 0;
    expect(build(undefined)).toEqual(withMemo);
    expect(calls).toEqual(CASES.map(() => 'get'));
  });
});

describe('test names', () => {
  it('names tests with one-byte strings when the parts have been property keys', () => {
    // A string used as a property key becomes a "thin" string, which Array.prototype.join takes
    // for two-byte: names joined so came out as UTF-16 strings (twice the bytes everywhere after).
    const fresh = (text: string) => text.split('').join('');
    const keys: Record<string, number> = { unique: 1, orders: 2, id: 3, accepted_values: 4 };
    const parts = ['unique', 'orders', 'id', 'accepted_values'].map(fresh);
    for (const part of parts) expect(keys[part]).toBeGreaterThan(0);
    const [testName, model, column, accepted] = parts;
    const { session } = makeSession();
    const built = [
      buildGenericTest(decl(testName, column), attached(model), session, {}, [], undefined, undefined)!,
      buildGenericTest(decl(accepted, column, { kwargs: { values: [fresh('a'), fresh('b')] } }), attached(model), session, {}, [], undefined, undefined)!,
    ];
    expect(built.map((t) => t.name)).toEqual(['unique_orders_id', 'accepted_values_orders_id__a__b']);
    // v8 stores a one-byte string in its length plus a header, a two-byte one in twice that (names of 3+ characters).
    const oneByte = (text: string) => serialize(text).length < serialize('').length + 2 * text.length;
    for (const t of built) {
      expect(oneByte(t.name), t.name).toBe(true);
      expect(oneByte(t.uniqueId), t.uniqueId).toBe(true);
      expect(t.fqn.every(oneByte)).toBe(true);
    }
  });
});

describe('values 30k tests share', () => {
  it('gives a test the same checksum wherever its line, and another one when what it checks changes', () => {
    const { session } = makeSession();
    const build = (d: TestDeclaration, a = attached('orders')) => buildGenericTest(d, a, session, {}, [], undefined, new Map())!;
    const base = build(decl('unique', 'id'));
    expect(base.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(base.uniqueId.endsWith(`.${base.checksum.slice(0, 10)}`)).toBe(true);
    // Moved in its file, or read back without a line (the parse cache): the same test.
    for (const same of [decl('unique', 'id', { line: 40 }), decl('unique', 'id', { line: undefined })]) {
      const t = build(same);
      expect([t.uniqueId, t.checksum]).toEqual([base.uniqueId, base.checksum]);
    }
    // Another column, argument, test, file or model: another checksum each.
    const others = [
      build(decl('unique', 'code')),
      build(decl('not_null', 'id')),
      build(decl('unique', 'id', { file: 'models/other.yml' })),
      build(decl('unique', 'id'), attached('customers')),
      build(decl('accepted_values', 'id', { kwargs: { values: ['a'] } })),
      build(decl('accepted_values', 'id', { kwargs: { values: ['b'] } })),
    ];
    expect(new Set([base, ...others].map((t) => t.checksum)).size).toBe(others.length + 1);
    // A changed config leaves the checksum (state:modified compares the config itself).
    expect(build(decl('unique', 'id', { config: { severity: 'warn' } })).checksum).toBe(base.checksum);
  });

  it('reads declarations without arguments with one frozen empty arguments, config, meta and tags', () => {
    const text = [
      'version: 2', 'models:', '  - name: a', '    columns:', '      - name: id', '        tests: [unique, not_null]',
      '      - name: status', '        tests:', '          - accepted_values:', "              values: ['x']", '              config:', '                severity: warn',
    ].join('\n');
    const file = { absolutePath: '/p/models/_schema.yml', path: 'models/_schema.yml', pathInRoot: '_schema.yml', root: 'models' };
    const [id, status] = readSchemaFile(file, text).patches[0].columns;
    const [unique, notNull] = id.tests;
    expect(unique.kwargs).toBe(notNull.kwargs);
    expect(unique.config).toBe(notNull.kwargs);
    expect(id.meta).toBe(unique.kwargs);
    expect(Object.isFrozen(unique.kwargs) && Object.isFrozen(id.tags)).toBe(true);
    expect([unique.kwargs, id.meta, id.tags]).toEqual([{}, {}, []]);
    // Declarations with arguments or config keep their own.
    expect(status.tests[0].kwargs).toEqual({ values: ['x'] });
    expect(status.tests[0].config).toEqual({ severity: 'warn' });
  });

  it('gives tests declared without arguments one frozen testMetadata per test and column, equal to their own', () => {
    const { session } = makeSession();
    const diagnostics: Diagnostic[] = [];
    const build = (d: TestDeclaration, a: string) => buildGenericTest(d, attached(a), session, {}, diagnostics)!;
    const [a, b, c] = [build(decl('unique', 'id'), 'a'), build(decl('unique', 'id'), 'b'), build(decl('unique', 'code'), 'c')];
    const withArgs = build(decl('accepted_values', 'id', { kwargs: { values: ['x'] } }), 'd');
    expect(a.testMetadata).toBe(b.testMetadata);
    expect(Object.isFrozen(a.testMetadata)).toBe(true);
    expect(a.testMetadata).toEqual({ name: 'unique', kwargs: { column_name: 'id' } });
    expect(c.testMetadata).toEqual({ name: 'unique', kwargs: { column_name: 'code' } });
    expect(withArgs.testMetadata).toEqual({ name: 'accepted_values', kwargs: { values: ['x'], column_name: 'id' } });
    expect(build({ ...decl('unique', 'id'), columnName: undefined }, 'e').testMetadata).toEqual({ name: 'unique', kwargs: {} });
    // Parts that a joined key would confuse keep their own metadata and dependsOn.macros.
    const joined = [build(decl('counted', 'a\0b'), 'f'), build(decl('counted', 'a'), 'g'), build({ ...decl('counted', 'x'), columnName: undefined }, 'h')];
    expect(joined.map((t) => t.testMetadata)).toEqual([
      { name: 'counted', kwargs: { column_name: 'a\0b' } }, { name: 'counted', kwargs: { column_name: 'a' } }, { name: 'counted', kwargs: {} },
    ]);
    expect(joined[0].dependsOn.macros).toEqual(['macro.proj.test_counted']);
    expect(joined[0].dependsOn.macros).toBe(joined[2].dependsOn.macros);
    expect(a.dependsOn.macros).toEqual(['macro.proj.test_unique']);
    // A test without sources shares one frozen empty list; the JSON of its node is unchanged.
    expect(a.sources).toBe(b.sources);
    expect(JSON.stringify(a.sources)).toBe('[]');
    expect(diagnostics).toEqual([]);
  });
});

/**
 * The tree-walking renderer (fast-render.ts) against nunjucks' compiled templates: same output,
 * same render record (refs, sources, config, run-time use), same error (message, line, column),
 * for every template of the fixture projects and the sales project, and for templates written to
 * probe the corners of nunjucks' generated code.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../../test/files-under.js';
import { createDuckDbDialect } from '../../adapters/duckdb/dialect.js';
import { StrataError } from '../../errors/strata-error.js';
import { createEnvReader } from '../../project/env-var.js';
import { extractMacros } from '../macros.js';
import { createTemplateEnvironment } from './environment.js';
import { compileFast } from './fast-render.js';
import { jinjaCompat } from './jinja-compat.js';
import { createRenderSession, type RenderSession } from './render-session.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

const MACROS = [
  '{% macro cents(col, scale=100) %}({{ col }} / {{ scale }}){% endmacro %}',
  "{% macro pick(cols) %}{% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}{% endmacro %}",
  '{% macro boom() %}{{ exceptions.raise_compiler_error("boom") }}{% endmacro %}',
  "{% macro cols() %}{% set out = ['a'] %}{% do out.append('b') %}{{ return(out) }}{% endmacro %}",
  '{% macro default__cast_text(x) %}cast({{ x }} as text){% endmacro %}',
].join('\n');

function makeSession(env: nunjucks.Environment, macros = MACROS): RenderSession {
  return createRenderSession({
    env,
    projectName: 'proj',
    target: { name: 'dev', type: 'duckdb', schema: 'main', threads: 1 },
    vars: { scale: 100, items: ['x', 'y'], flag: true, empty: [] },
    userMacros: extractMacros(macros, 'macros/m.sql', 'proj'),
    crossDb: createDuckDbDialect().macros,
    envReader: createEnvReader({ REGION: 'eu' }),
    docs: {},
    invocationId: 'test',
  });
}

type Outcome = { output?: string; error?: unknown; record: unknown };

function outcome(session: RenderSession, template: object, file: string): Outcome {
  const record = session.newRecord(file, 'm', { materialized: 'view' });
  try {
    const output = session.render(template as nunjucks.Template, record);
    return { output, record };
  } catch (err) {
    const error = err instanceof StrataError ? err.diagnostics : String(err);
    return { error, record };
  }
}

/** Render `source` both ways (each with a session of its own); returns whether the fast path took it. */
function compare(source: string, file = 'models/m.sql'): boolean {
  const compat = jinjaCompat(source);
  const fastEnv = createTemplateEnvironment();
  const fastSession = makeSession(fastEnv);
  const fast = compileFast(compat, fastEnv, file);
  const slowEnv = createTemplateEnvironment();
  const slowSession = makeSession(slowEnv);
  let slow: nunjucks.Template;
  try {
    slow = new nunjucks.Template(compat, slowEnv, file, true);
  } catch {
    expect(fast, `a template nunjucks cannot compile must not take the fast path: ${source}`).toBeUndefined();
    return false;
  }
  if (!fast) return false;
  expect(outcome(fastSession, fast, file), source).toEqual(outcome(slowSession, slow, file));
  return true;
}

const isSql = (name: string) => name.endsWith('.sql');

const PROBES = [
  'plain text only',
  "{{ config(materialized='table', tags=['a', 'b']) }}select * from {{ ref('x') }} join {{ source('raw', 't') }}",
  "{{ config({'materialized': 'table'}, tags='t') }}{{ config.get('materialized') }}|{{ config.get('nope', 'd') }}",
  "{% set cols = ['id', 'name'] %}select {{ pick(cols) }} from {{ ref('a') }}",
  "{%- for k in range(3) %}\n  {{ cents('x', scale=k + 1) }} as c_{{ k }},\n{%- endfor %}",
  '{% for x in [] %}a{% else %}empty{% endfor %}',
  '{% for a in [[1], none, [], [2, 3]] %}{% for b in a %}{{ b }}{% else %}E{{ b }}{% endfor %};{% endfor %}',
  '{% for x in [undefined_thing] %}[{{ x }}]{% endfor %}',
  '{% for ref in [1, 2] %}{{ ref }}{% endfor %}{{ ref("after") }}',
  '{% for x in "ab" %}{{ x }}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{% endfor %}',
  '{% for x in {"a": 1} %}{{ x }}{% else %}no-pairs{% endfor %}',
  '{% for x in items %}{% for y in items %}{{ x }}{{ y }}{% set x = "z" %}{% endfor %}{{ x }}{% endfor %}',
  '{% for k in range(3) %}{% set t = k %}{% endfor %}[{{ t }}]',
  // loop variables: named `loop`, replaced by the body (falsy, an object, a number), nested loops
  '{% for loop in [1, 2] %}[{{ loop }}]{% endfor %}',
  '{% for loop in [{}, {"a": 1}] %}{{ loop.index }}{{ loop.a }}{% endfor %}',
  '{% for x in items %}{{ loop.index }}{% set loop = 0 %}{{ loop }}{% endfor %}',
  '{% for x in items %}{{ loop.index }}{% set loop = {"q": 1} %}{{ loop.q }}{% endfor %}',
  '{% for x in items %}{{ loop.index }}{% set loop = 5 %}{% endfor %}',
  '{% for x in items %}{% for y in [1, 2, 3] %}{{ loop.index }}/{{ loop.length }} {% endfor %}{{ loop.last }};{% endfor %}{{ loop }}',
  '{% set loop = 7 %}{% for x in items %}{{ loop.first }}{% endfor %}{{ loop }}',
  "{% for x in items %}{{ this }} {{ target.name }} {{ x }}{% set cols = x %}{% endfor %}{% set top = 1 %}{{ top }}{{ cols }}",
  '{% set t = 0 %}{% for k in range(3) %}{% set t = k %}{% endfor %}[{{ t }}]',
  '{% set a, b = 1 %}{{ a }}{{ b }}{% set _hidden = 2 %}{{ _hidden }}',
  "{{ 'a' ~ 1 ~ none ~ true }} {{ 1 + 2 * 3 - 4 / 2 }} {{ 7 // 2 }} {{ 2 ** 10 }} {{ 7 % 3 }} {{ -(2) }} {{ +'3' }}",
  "{{ 'x' + 2 - 1 }} {{ 1 - 2 - 3 }} {{ 1 - (2 - 3) }} {{ 'a' ~ (1 + 2) }} {{ 'a' ~ 1 + 2 }}",
  '{{ not a == b }} {{ not (a == b) }} {{ not none }} {{ not not 1 }} {{ - -1 }}',
  "{{ x is none }} {{ x is not none }} {{ 6 is divisibleby(3) }} {{ 'a' is string }} {{ items is sequence }}",
  "{{ 'a' in ['a'] }} {{ 'a' not in ['b'] }} {{ 'ab' in 'cab' }}",
  '{{ 1 < 2 < 3 }} {{ 3 > 2 > 1 }} {{ 1 == 1 == true }} {{ 1 == "1" }} {{ 1 != 2 }} {{ 1 <= 1 }} {{ 2 >= 3 }} {{ 1 < 2 == true }}',
  '{% if flag and not empty or none %}yes{% elif flag %}elif{% else %}no{% endif %}',
  '{%- if true -%}  trimmed  {%- endif -%}  |  {{- " x " -}}  |',
  "{{ 'a' if flag else 'b' }} {{ 'a' if not flag }}|{{ (1, 2) }} {{ [1, [2, 3]] }} {{ {'a': 1}['a'] }} {{ {'a': 1}.a }}",
  "{% set d = {'k': [1, 2], 'j': {'m': 'n'}} %}{{ d.k[1] }} {{ d.j.m }} {{ d['k'] }} {{ d.items() }} {{ d.keys() | list }}",
  '{{ x.y.z }}|{{ none.a }}|{{ items[5] }}|{{ items.length }}',
  "{{ [3, 1, 2] | sort | join(', ') }} {{ items | length }} {{ 'abc' | upper }} {{ '  a ' | trim }} {{ none | default('d') }} {{ 'a-b' | replace('-', '_') }}",
  "{{ 'Hello'.upper() }} {{ 'a,b'.split(',') }} {{ ' x '.strip() }} {{ '{}-{}'.format(1, 2) }} {{ 'abc'.startswith('a') }}",
  "{{ target.name }} {{ target.type }} {{ this }} {{ this.name }} {{ project_name }} {{ var('scale') }} {{ var('nope', 'dflt') }}",
  "{{ env_var('REGION') }} {{ env_var('MISSING_X', 'fallback') }} {{ True }} {{ False }} {{ None }} {{ none }}",
  "{{ adapter.dispatch('cast_text')('y') }} {{ adapter.quote('a\"b') }} {{ dbt.date_trunc('month', 'd') }} {{ to_date('d', 'DD.MM.YYYY') }}",
  '{% if is_incremental() %}where x > (select max(x) from {{ this }}){% endif %}',
  '{{ cols() | join(",") }} {{ cols() }}',
  "{{ 'tab\\there' }} {{ \"quote's\" }} {{ 'new\\nline' }} {{ 'back\\\\slash' }}",
  "{{ config(materialized='table',) }}{{ ['a', 'b',] }}",
  '{{ execute }}',
  // errors: message, line and column must match
  'line one\n{{ undefined_fn() }}',
  'a\nb\n  {{ ref(undefined_fn()) }}',
  "{{ ref('pkg', 'model') }}",
  "x\n{{ var('missing') }}",
  "{{ env_var('MISSING_REQUIRED') }}",
  '{{ boom() }}',
  '{{ items.nope() }}',
  '{{ 1 | nofilter }}',
  '{{ 1 is notest }}',
  "{% set x = ref('a') %}{{ x.missing_method() }}",
  '{% for x in items %}{{ x() }}{% endfor %}',
  '{{ "a" ~ undefined_fn() ~ "b" }}',
  '{% if %}',
  '{{ unclosed(',
  '{% do items.append(1) %}{{ items }}',
  '{% set x %}captured{% endset %}{{ x }}',
  '{% macro local() %}m{% endmacro %}{{ local() }}',
  '{% for k, v in {"a": 1}.items() %}{{ k }}={{ v }}{% endfor %}',
  '{% call pick(["a"]) %}x{% endcall %}',
  '{% filter upper %}text{% endfilter %}',
  "{{ log('hello') }}{{ print('x') }}",
];

describe('fast render', () => {
  it('takes the common shapes of model templates', () => {
    for (const source of [PROBES[1], PROBES[2], PROBES[3], PROBES[4], PROBES[22]]) expect(compare(source), source).toBe(true);
  });

  it('declines what nunjucks generates differently from the tree, and what is outside the subset', () => {
    const env = createTemplateEnvironment();
    for (const source of [
      '{{ not a == b }}', "{{ 'x' + 2 - 1 }}", '{{ 1 == 2 < 3 }}', '{% do x %}', '{% set x %}y{% endset %}',
      '{% macro m() %}{% endmacro %}', '{% for k, v in d %}{% endfor %}', '{{ - -1 }}', '{% if %}',
    ]) {
      expect(compileFast(jinjaCompat(source), env, 'm.sql'), source).toBeUndefined();
    }
  });

  it('renders the probes exactly as nunjucks does (output, record, errors)', () => {
    // Each probe whole, and each of its {{ }} alone (so one declined expression does not hide the others).
    const singles = PROBES.flatMap((p) => (p.includes('{%') ? [] : (p.match(/\{\{.*?\}\}/g) ?? [])));
    let fast = 0;
    for (const source of [...PROBES, ...singles]) if (compare(source)) fast++;
    expect(fast).toBeGreaterThan((PROBES.length + singles.length) / 2);
  });

  it('renders templates one after another in one session as nunjucks does: a top-level set stays in its render, this names each model', () => {
    const sources = [
      "{% set ref = 'shadowed' %}{% set scale = 3 %}{% set pick = none %}{{ ref }} {{ scale }} {{ pick }} {{ this }}",
      "{{ ref('x') }} [{{ scale }}] {{ pick(['a', 'b']) }} {{ this }} {{ var('scale') }} {{ execute }}",
      "{% for x in items %}{% set scale = x %}{% endfor %}{% set top = this %}{{ top }} [{{ scale }}]",
      '[{{ top }}] [{{ scale }}] {{ this.name }}',
    ];
    const run = (env: nunjucks.Environment, compile: (source: string, file: string) => object) => {
      const session = makeSession(env);
      return sources.map((source, i) => {
        const file = `models/m${i}.sql`;
        const record = session.newRecord(file, `m${i}`, { materialized: 'view' });
        return { output: session.render(compile(jinjaCompat(source), file) as nunjucks.Template, record), record };
      });
    };
    const fastEnv = createTemplateEnvironment();
    const fast = run(fastEnv, (source, file) => {
      const template = compileFast(source, fastEnv, file);
      expect(template, source).toBeDefined();
      return template!;
    });
    const slowEnv = createTemplateEnvironment();
    const slow = run(slowEnv, (source, file) => new nunjucks.Template(source, slowEnv, file, true));
    expect(fast).toEqual(slow);
    expect(fast.map((r) => r.output)).toEqual([
      'shadowed 3  __strata_this__',
      '__strata_ref_0__ [] a, b __strata_this__ 100 false',
      '__strata_this__ []',
      '[] [] m3',
    ]);
  });

  it('renders every fixture and sales template exactly as nunjucks does', () => {
    const files = [
      ...filesUnder(join(REPO, 'framework/test/fixtures'), isSql),
      ...filesUnder(join(REPO, 'models'), isSql),
      ...filesUnder(join(REPO, 'tests'), isSql),
      ...filesUnder(join(REPO, 'snapshots'), isSql),
    ].filter((f) => !f.includes('/macros/'));
    expect(files.length).toBeGreaterThan(20);
    let fast = 0;
    for (const file of files) if (compare(readFileSync(file, 'utf8'), relative(REPO, file))) fast++;
    expect(fast).toBeGreaterThan(files.length / 2);
  });
});

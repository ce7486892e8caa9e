import { describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../../adapters/duckdb/dialect.js';
import { createEnvReader } from '../../project/env-var.js';
import { extractMacros } from '../macros.js';
import { createTemplateEnvironment } from './environment.js';
import { createRenderSession } from './render-session.js';

function session(macros = '', vars: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  return createRenderSession({
    env: createTemplateEnvironment(),
    projectName: 'proj',
    target: { name: 'dev', type: 'duckdb', schema: 'main', threads: 1 },
    vars,
    userMacros: extractMacros(macros, 'macros/m.sql', 'proj'),
    crossDb: createDuckDbDialect().macros,
    envReader: createEnvReader(env),
    docs: {},
    invocationId: 'test',
  });
}

describe('render session', () => {
  it('records refs, sources and config and emits placeholder tokens', () => {
    const s = session();
    const rec = s.newRecord('models/a.sql', 'a');
    const out = s.render(s.compile("{{ config(materialized='table', tags=['x']) }}select * from {{ ref('b') }} join {{ source('raw','t') }}", 'models/a.sql'), rec);
    expect(out).toBe('select * from __strata_ref_0__ join __strata_src_0__');
    expect(rec.refs).toEqual([{ name: 'b' }]);
    expect(rec.sources).toEqual([{ source: 'raw', table: 't' }]);
    expect(rec.config).toEqual({ materialized: 'table', tags: ['x'] });
  });

  it('supports Jinja features dbt projects use', () => {
    const s = session("{% macro cents(col, scale=100) %}({{ col }} * {{ scale }}){% endmacro %}", { cols: ['a', 'b'] }, { FOO: 'bar' });
    const rec = s.newRecord('models/a.sql', 'a');
    const src = [
      '{# a comment #}',
      "{%- set cols = var('cols') -%}",
      'select {% for c in cols %}{{ c | upper }}{% if not loop.last %}, {% endif %}{% endfor %},',
      "  {{ cents('x', scale=10) }} as y, '{{ env_var('FOO') ~ '-' ~ env_var('NOPE', 'd') }}' as z",
      '{%- if target.type == "duckdb" and none is none %} -- duck{% endif %}',
    ].join('\n');
    expect(s.render(s.compile(src, 'models/a.sql'), rec)).toBe("select A, B,\n  (x * 10) as y, 'bar-d' as z -- duck");
  });

  it('renders cross-database macros for the target dialect', () => {
    const s = session();
    const rec = s.newRecord('models/a.sql', 'a');
    const out = s.render(s.compile("{{ to_date('d', 'DD.MM.YYYY') }} {{ dbt.date_trunc('month', 'd') }}", 'm'), rec);
    expect(out).toBe("cast(strptime(d, '%d.%m.%Y') as date) cast(date_trunc('month', d) as date)");
  });

  it('marks templates that use is_incremental for a run-time render', () => {
    const s = session();
    const t = s.compile('select 1{% if is_incremental() %} where x > (select max(x) from {{ this }}){% endif %}', 'm');
    const rec = s.newRecord('m', 'a');
    expect(s.render(t, rec)).toBe('select 1');
    expect(rec.usesRuntime).toBe(true);
    expect(s.render(t, s.newRecord('m', 'a'), { isIncremental: true })).toBe('select 1 where x > (select max(x) from __strata_this__)');
  });

  it('reports template syntax errors with file and line', () => {
    const s = session();
    try {
      s.compile('select 1\nfrom x\n{% if %}', 'models/bad.sql');
      expect.unreachable();
    } catch (err) {
      const d = (err as { diagnostics: { file: string; line: number }[] }).diagnostics[0];
      expect(d.file).toBe('models/bad.sql');
      expect(d.line).toBe(3);
    }
  });

  it('calls generic test macros with keyword arguments', () => {
    const s = session();
    const rec = s.newRecord('models/schema.yml', 't');
    const sql = s.callMacro('test_accepted_values', { model: 'm', column_name: 'c', values: ['a', "b'c"] }, rec);
    expect(sql).toContain("where value_field not in ('a', 'b''c')");
  });
});

describe('dbt Jinja extras', () => {
  it('supports {% do %} and return() from macros', () => {
    const s = session("{% macro cols() %}{% set out = ['a'] %}{% do out.append('b') %}{{ return(out) }}{% endmacro %}");
    const rec = s.newRecord('models/a.sql', 'a');
    const src = "{% set c = cols() %}select {{ c | join(', ') }}{% do c.append('z') %} -- {{ c | length }}";
    expect(s.render(s.compile(src, 'models/a.sql'), rec)).toBe('select a, b -- 3');
  });

  it('dispatches adapter macros with a default', () => {
    const s = session('{% macro default__cast_text(x) %}cast({{ x }} as text){% endmacro %}{% macro duckdb__cast_text(x) %}{{ x }}::varchar{% endmacro %}');
    const rec = s.newRecord('models/a.sql', 'a');
    expect(s.render(s.compile("select {{ adapter.dispatch('cast_text')('y') }}", 'm'), rec)).toBe('select y::varchar');
  });

  it('accepts Jinja trailing commas in calls and lists, leaving strings and error lines alone', () => {
    const s = session("{% macro pick(a, b,) %}{{ a }}{{ b }}{% endmacro %}");
    const rec = s.newRecord('models/a.sql', 'a');
    const src = "{{ config(\n  materialized='table',\n  tags=['x', 'y',],\n) }}select {{ pick(1, 2,) }} as a, '{{ \"p,)\" }}' as b";
    expect(s.render(s.compile(src, 'models/a.sql'), rec)).toBe("select 12 as a, 'p,)' as b");
    expect(rec.config).toEqual({ materialized: 'table', tags: ['x', 'y'] });
    // A syntax error after a rewritten tag still names its own line.
    expect(() => s.compile("{{ config(a=1,) }}\nselect 1\n{{ oops( }}", 'models/b.sql')).toThrow(/models\/b\.sql:3/);
  });
});


/**
 * A synthetic dbt-style project for benchmarks: N models in layers (a deep DAG of refs), CTEs,
 * loops, a macro, schema YAML with descriptions and 3 tests per model, a few seeds.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticOptions {
  dir: string;
  models: number;
  /** Models per layer; each model refs 1-3 models of earlier layers. */
  width?: number;
}

/** Deterministic pseudo-random integers (a linear congruential generator). */
function createRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

export function writeSyntheticProject(options: SyntheticOptions): void {
  const { dir, models } = options;
  const width = options.width ?? Math.max(10, Math.round(Math.sqrt(models) * 2));
  const random = createRandom(42);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'models'), { recursive: true });
  mkdirSync(join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, 'macros'), { recursive: true });
  writeFileSync(join(dir, 'project.yml'), [
    'name: bench', "version: '1'", 'targets:', '  dev:', '    type: duckdb', "    path: target/bench.duckdb", '    schema: main', '    threads: 2',
    'vars:', '  scale: 100', 'models:', '  bench:', '    +materialized: view', '    marts:', '      +materialized: table', '',
  ].join('\n'));
  writeFileSync(join(dir, 'seeds', 'base_items.csv'), 'id,name,amount\n' + Array.from({ length: 50 }, (_, i) => `${i},item ${i},${i * 3}`).join('\n') + '\n');
  writeFileSync(join(dir, 'macros', 'helpers.sql'), [
    '{% macro scaled(col) %}({{ col }} * {{ var("scale") }}){% endmacro %}',
    '{% macro pick(cols) %}{% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}{% endmacro %}',
  ].join('\n'));
  const names: string[] = [];
  const files = new Map<string, string[]>();
  for (let i = 0; i < models; i++) {
    const layer = Math.floor(i / width);
    const folder = layer === 0 ? 'staging' : i % 5 === 0 ? 'marts' : `layer_${layer % 20}`;
    const name = `m_${String(i).padStart(5, '0')}`;
    const parents: string[] = [];
    if (layer > 0) {
      const count = 1 + random(3);
      for (let k = 0; k < count; k++) parents.push(names[random(Math.min(names.length, layer * width))]);
    }
    const unique = [...new Set(parents)];
    const from = unique.length === 0 ? "{{ ref('base_items') }}" : `{{ ref('${unique[0]}') }}`;
    const joins = unique.slice(1).map((p, k) => `left join {{ ref('${p}') }} j${k} on j${k}.id = base.id`).join('\n');
    const sql = [
      `{{ config(tags=['layer_${layer % 7}']) }}`,
      `{% set cols = ['id', 'name', 'amount'] %}`,
      'with base as (',
      `    select {{ pick(cols) }} from ${from}`,
      '),',
      'enriched as (',
      '    select base.id, base.name,',
      '    {%- for k in range(3) %}',
      '        {{ scaled("base.amount") }} + {{ k }} as amount_{{ k }},',
      '    {%- endfor %}',
      '        base.amount',
      '    from base',
      joins,
      ')',
      'select * from enriched',
      '',
    ].join('\n');
    mkdirSync(join(dir, 'models', folder), { recursive: true });
    writeFileSync(join(dir, 'models', folder, `${name}.sql`), sql);
    names.push(name);
    files.set(folder, [...(files.get(folder) ?? []), name]);
  }
  for (const [folder, list] of files) {
    const yaml = ['version: 2', 'models:'];
    for (const name of list) {
      yaml.push(`  - name: ${name}`, `    description: Synthetic model ${name} in ${folder}, with a few words of description.`, '    columns:',
        '      - name: id', '        description: The key.', '        tests: [unique, not_null]',
        '      - name: name', '        tests:', '          - accepted_values:', `              values: [${Array.from({ length: 3 }, (_, k) => `'item ${k}'`).join(', ')}]`, '              config: { severity: warn }');
    }
    writeFileSync(join(dir, 'models', folder, '_schema.yml'), yaml.join('\n') + '\n');
  }
}

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestArtifact } from '../../src/artifacts/types.js';
import { copyFixture, query, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('dbt_shop')));
afterEach(() => p.cleanup());

describe('an unmodified dbt project (dbt_project.yml + profiles.yml)', () => {
  it('builds with every test passing', async () => {
    const run = await strata(p.dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=12 WARN=0 ERROR=0 SKIP=0 TOTAL=12/);
    const rows = await query(join(p.dir, 'target/shop.duckdb'), 'select strftime(month, \'%Y-%m\') as m, currency, revenue from analytics.fct_monthly_revenue order by 1');
    expect(rows.map((r) => [r.m, r.currency])).toEqual([['2024-01', 'EUR'], ['2024-02', 'EUR']]);
    expect(rows[0].revenue).toBeCloseTo(3 * 19.99 + 49.99, 6);
    expect(rows[1].revenue).toBeCloseTo(2 * 19.99 + 10 * 9.99, 6);
    const manifest = p.json<ManifestArtifact>('target/manifest.json');
    expect(manifest.nodes['model.dbt_shop.fct_monthly_revenue'].columns.revenue.description).toBe('Quantity times unit price, in the project currency.');
    expect(manifest.nodes['model.dbt_shop.fct_monthly_revenue'].tags).toEqual(['finance']);
  });

  it('reads the target and env vars from profiles.yml', async () => {
    const run = await strata(p.dir, ['debug'], { DBT_DUCKDB_PATH: join(p.dir, 'other.duckdb') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('other.duckdb');
    expect(run.stdout).toContain('Connection test: OK');
  });

  it('runs run_query, {% call statement %} / load_result and execute at run time, not at parse', async () => {
    p.write('models/marts/units_by_product.sql', `{% set names_query %}
select distinct product_name from {{ ref('stg_products') }} order by 1
{% endset %}
{% set results = run_query(names_query) %}
{% if execute %}{% set names = results.columns[0].values() %}{% else %}{% set names = [] %}{% endif %}
{% call statement('total_units', fetch_result=True) %}
select sum(quantity) as units from {{ ref('stg_sales') }}
{% endcall %}
{% set loaded = load_result('total_units') %}
select
{%- for name in names %}
    sum(case when p.product_name = '{{ name }}' then s.quantity else 0 end) as "{{ name }}",
{%- endfor %}
    {{ loaded['data'][0][0] if execute and loaded else 0 }} as all_units,
    {{ results | length }} as product_rows
from {{ ref('stg_sales') }} as s
join {{ ref('stg_products') }} as p using (product_id)
`);
    const run = await strata(p.dir, ['build', '-s', '+units_by_product']);
    expect(run.stdout + run.stderr).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0/);
    expect(run.code).toBe(0);
    const rows = await query(join(p.dir, 'target/shop.duckdb'), 'select * from analytics.units_by_product');
    // One column per product found by run_query, the total from the statement block.
    expect(rows).toEqual([{ 'Gadget, large': 1, Gizmo: 10, Widget: 5, all_units: 16, product_rows: 3 }]);
    // At parse time execute is false: the manifest keeps the template, compiled without queries.
    const manifest = p.json<ManifestArtifact>('target/manifest.json');
    expect(manifest.nodes['model.dbt_shop.units_by_product'].dependsOn.nodes).toEqual(['model.dbt_shop.stg_products', 'model.dbt_shop.stg_sales']);
    // Only templates that query or read `execute` render again at run time.
    const usesRuntime = (name: string) => (manifest.nodes[`model.dbt_shop.${name}`] as unknown as { usesRuntime: boolean }).usesRuntime;
    expect([usesRuntime('units_by_product'), usesRuntime('stg_sales'), usesRuntime('fct_monthly_revenue')]).toEqual([true, false, false]);
    expect(p.read('target/compiled/dbt_shop/models/marts/units_by_product.sql')).toContain('as "Widget"');
  });
});

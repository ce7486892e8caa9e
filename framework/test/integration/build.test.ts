import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateManifest, validateRunResults } from '../../src/artifacts/validate.js';
import type { ManifestArtifact, RunResultsArtifact } from '../../src/artifacts/types.js';
import { copyFixture, query, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('jaffle')));
afterEach(() => p.cleanup());
const db = () => join(p.dir, 'target/jaffle.duckdb');

describe('strata build on the jaffle fixture', () => {
  it('builds seeds, models and tests in order and writes valid artifacts', async () => {
    const run = await strata(p.dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK created sql table model main_marts\.customers \.+ \[SELECT 4 in/);
    expect(run.stdout).toMatch(/Done\. PASS=16 WARN=1 ERROR=0 SKIP=0 TOTAL=17/);

    const customers = await query(db(), 'select customer_id, city, number_of_orders, lifetime_value from main_marts.customers order by customer_id');
    expect(customers).toEqual([
      { customer_id: 1, city: 'Москва', number_of_orders: 2, lifetime_value: 17.5 },
      { customer_id: 2, city: 'Санкт-Петербург, центр', number_of_orders: 1, lifetime_value: 25 },
      { customer_id: 3, city: 'Say "hi"', number_of_orders: 1, lifetime_value: 20 },
      { customer_id: 4, city: 'Казань', number_of_orders: 1, lifetime_value: 17 },
    ]);
    // The ephemeral model is inlined, never built.
    expect(await query(db(), "select count(*) as n from information_schema.tables where table_name = 'stg_payments'")).toEqual([{ n: 0 }]);
    const kinds = await query(db(), "select table_schema, table_name, table_type from information_schema.tables where table_schema like 'main_%' order by 1, 2");
    expect(kinds).toContainEqual({ table_schema: 'main_staging', table_name: 'stg_orders', table_type: 'VIEW' });
    expect(kinds).toContainEqual({ table_schema: 'main_marts', table_name: 'orders', table_type: 'BASE TABLE' });

    const manifest = p.json<ManifestArtifact>('target/manifest.json');
    const results = p.json<RunResultsArtifact>('target/run_results.json');
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateRunResults(results)).toEqual([]);
    expect(manifest.parentMap['model.jaffle.customers'].sort()).toEqual(['model.jaffle.orders', 'model.jaffle.stg_customers']);
    expect(manifest.nodes['model.jaffle.orders'].columns.status.description).toContain('placed, shipped');
    expect(manifest.compiled?.['model.jaffle.orders']).toContain('__dbt__cte__stg_payments as (');
    const rel = results.results.find((r) => r.uniqueId.startsWith('test.jaffle.relationships_orders_customer_id'));
    expect(rel).toMatchObject({ status: 'warn', failures: 1 });
    expect(existsSync(join(p.dir, 'target/compiled/jaffle/models/marts/orders.sql'))).toBe(true);
  });

  it('keeps the previous table when a rebuild fails, and skips its children', async () => {
    expect((await strata(p.dir, ['build'])).code).toBe(0);
    p.write('models/marts/orders.sql', "select order_id, customer_id, no_such_column\nfrom {{ ref('stg_orders') }}\n");
    const run = await strata(p.dir, ['build']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR creating sql table model main_marts\.orders/);
    expect(run.stdout).toMatch(/SKIP sql table model main_marts\.customers/);
    expect(run.stdout).toMatch(/Error in model orders \(models\/marts\/orders\.sql:1\)/);
    expect(run.stdout).toMatch(/no_such_column/);
    // The live table is the previous complete version.
    expect(await query(db(), 'select count(*) as n, sum(amount) as total from main_marts.orders')).toEqual([{ n: 6, total: 80.5 }]);
    const results = p.json<RunResultsArtifact>('target/run_results.json');
    expect(results.results.find((r) => r.uniqueId === 'model.jaffle.customers')?.status).toBe('skipped');
  });

  it('skips the children of a model whose test fails in build, but not in run', async () => {
    p.write('seeds/raw_customers.csv', 'id,first_name,last_name,city\n1,A,B,X\n1,C,D,Y\n');
    const run = await strata(p.dir, ['build', '--select', '+customers']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL 1 unique_stg_customers_customer_id/);
    expect(run.stdout).toMatch(/SKIP sql table model main_marts\.customers/);
    const plain = await strata(p.dir, ['run']);
    expect(plain.code).toBe(0);
  });

  it('selects with dbt syntax and --exclude, and runs only the selection', async () => {
    expect((await strata(p.dir, ['seed'])).code).toBe(0);
    const ls = await strata(p.dir, ['ls', '-s', '+orders', '--exclude', 'resource_type:seed', '--resource-type', 'model', '--output', 'name']);
    expect(ls.stdout.split('\n').sort()).toEqual(['orders', 'stg_orders', 'stg_payments']);
    const tagged = await strata(p.dir, ['ls', '-s', 'tag:staging,config.materialized:view', '--resource-type', 'model', '--output', 'name']);
    expect(tagged.stdout.split('\n').sort()).toEqual(['stg_customers', 'stg_orders']);
    const run = await strata(p.dir, ['run', '-s', 'stg_orders', 'stg_customers']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/TOTAL=2/);
  });

  it('previews rows with show and compiles a single model', async () => {
    expect((await strata(p.dir, ['build', '--quiet'])).code).toBe(0);
    const show = await strata(p.dir, ['show', '--select', 'customers', '--limit', '2']);
    expect(show.code).toBe(0);
    expect(show.stdout.split('\n')).toHaveLength(4);
    expect(show.stdout).toContain('lifetime_value');
    const inline = await strata(p.dir, ['show', '--inline', "select count(*) as n from {{ ref('orders') }}"]);
    expect(inline.stdout).toMatch(/\| 6 +\|/);
    const compile = await strata(p.dir, ['compile', '-s', 'stg_orders']);
    expect(compile.stdout).toContain('from "main_raw"."raw_orders"');
  });

  it('honours threads, vars and JSON logs', async () => {
    const run = await strata(p.dir, ['build', '--threads', '1', '--vars', '{min_amount: 500}', '--log-format', 'json']);
    const lines = run.stdout.split('\n').map((l) => JSON.parse(l));
    expect(lines.every((l) => typeof l.ts === 'string' && typeof l.msg === 'string')).toBe(true);
    expect(lines.some((l) => l.node === 'model.jaffle.orders' && l.status === 'success')).toBe(true);
    // With min_amount 500 the 100 and 150 cent payments are filtered out: the singular test fails.
    expect(run.code).toBe(1);
    expect(lines.some((l) => /FAIL 1 assert_total_amount/.test(l.msg))).toBe(true);
  });
});

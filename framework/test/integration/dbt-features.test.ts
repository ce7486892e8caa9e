/**
 * A dbt-style project that leans on dbt-core features beyond the basics: vars in
 * dbt_project.yml, on-run-start/on-run-end and pre/post hooks, adapter.dispatch over its own
 * macros, {% do %} and return(), run_query with execute, an incremental model with
 * on_schema_change, a custom generic test with dbt 1.10 `arguments:` and per-test `config:`.
 * It builds unmodified; the relations, the audit rows the hooks wrote and the test results are
 * asserted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunResultsArtifact } from '../../src/artifacts/types.js';
import { copyFixture, query, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('dbt_features')));
afterEach(() => p.cleanup());

const db = () => join(p.dir, 'target/features.duckdb');
const statuses = () => Object.fromEntries(
  p.json<RunResultsArtifact>('target/run_results.json').results.map((r) => [r.uniqueId.replace('.dbt_features.', '.'), r.status]),
);

describe('a dbt project using hooks, dispatch, do/return, run_query and generic test arguments', () => {
  it('builds unmodified, runs every hook in order and reports each test', async () => {
    const run = await strata(p.dir, ['build']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=\d+ WARN=1 ERROR=0 SKIP=0 TOTAL=\d+/);

    // dispatch picked duckdb__cents_to_units; status_list() came back through return().
    expect(await query(db(), 'select order_id, status, cast(amount as double) as amount from main.stg_orders order by 1')).toEqual([
      { order_id: 1, status: 'placed', amount: 12.5 },
      { order_id: 2, status: 'shipped', amount: 9.9 },
      { order_id: 3, status: 'returned', amount: 50 },
      { order_id: 4, status: 'shipped', amount: 2.5 },
    ]);
    // run_query found the three statuses at build time: one column per status.
    expect(await query(db(), 'select customer_id, orders, cast(amount_placed as double) as placed, cast(amount_returned as double) as returned, cast(amount_shipped as double) as shipped from main.customer_totals order by 1')).toEqual([
      { customer_id: 10, orders: 2, placed: 12.5, returned: 50, shipped: 0 },
      { customer_id: 11, orders: 1, placed: 0, returned: 0, shipped: 9.9 },
      { customer_id: 12, orders: 1, placed: 0, returned: 0, shipped: 2.5 },
    ]);
    // Hooks: on-run-start first, the model's pre-hook before its folder post-hook, on-run-end last.
    const audit = (await query(db(), 'select event, model from main_audit_log')).map((r) => `${r.event}:${r.model ?? ''}`);
    expect(audit[0]).toBe('run start:');
    expect(audit[audit.length - 1]).toBe('run end:');
    expect(audit.indexOf('pre:customer_totals')).toBeLessThan(audit.indexOf('built:customer_totals'));
    expect(audit.filter((a) => a.startsWith('built:')).sort()).toEqual(['built:customer_totals', 'built:orders_incremental']);

    const results = statuses();
    const status = (prefix: string) => Object.entries(results).filter(([id]) => id.startsWith(prefix)).map(([, s]) => s);
    expect(status('test.expression_is_true_customer_totals__amount_var_min_amount_')).toEqual(['pass']);
    expect(status('test.expression_is_true_customer_totals__orders_2')).toEqual(['warn']);
    expect(Object.values(results).filter((s) => s === 'warn')).toHaveLength(1);
    // Jinja in test arguments and `where` renders with the project's vars; one {{ }} keeps its type (a list).
    expect(status('test.accepted_values_stg_orders_status')).toEqual(['pass']);
    const compiled = p.read('target/compiled/dbt_features/models/schema/' + readdirSync(join(p.dir, 'target/compiled/dbt_features/models/schema')).find((f) => f.startsWith('accepted_values'))!);
    expect(compiled).toContain("where order_id >= 0) dbt_subquery");
    expect(compiled).toContain("not in ('placed', 'shipped', 'returned')");
  });

  it('adds new orders incrementally and appends a new column on the next run', async () => {
    expect((await strata(p.dir, ['build'])).code).toBe(0);
    p.write('seeds/raw_orders.csv', `${p.read('seeds/raw_orders.csv')}5,13,placed,700,2024-05-01\n`);
    p.write('models/marts/orders_incremental.sql', p.read('models/marts/orders_incremental.sql').replace('ordered_at\nfrom', "ordered_at, 'web' as channel\nfrom"));
    const run = await strata(p.dir, ['build', '-s', 'raw_orders+']);
    expect(run.code).toBe(0);
    expect(statuses()['model.orders_incremental']).toBe('success');
    expect(await query(db(), 'select order_id, channel from main.orders_incremental order by 1')).toEqual([
      { order_id: 1, channel: null }, { order_id: 2, channel: null }, { order_id: 3, channel: null }, { order_id: 4, channel: null }, { order_id: 5, channel: 'web' },
    ]);
  });

  it('names a package macro it cannot run, with the file and line', async () => {
    p.write('models/staging/stg_keys.sql', "select\n  {{ dbt_utils.generate_surrogate_key(['order_id']) }} as order_key\nfrom {{ ref('stg_orders') }}\n");
    const run = await strata(p.dir, ['build']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/models\/staging\/stg_keys\.sql:2/);
    expect(run.stdout + run.stderr).toMatch(/dbt_utils\.generate_surrogate_key comes from the dbt package 'dbt_utils'; Strata does not install packages: copy the macro into macros\//);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * State-aware runs as CI uses them: a production build leaves its target/ as the state; a change
 * to one staging model is built alone with its children (`state:modified+`), unbuilt parents are
 * read from production (`--defer`); `state:new`, `result:error` and `strata retry`.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunResultsArtifact } from '../../src/artifacts/types.js';
import { copyFixture, query, strata, type TempProject } from '../helpers.js';

let p: TempProject;
let db: string;
beforeEach(() => {
  p = copyFixture('jaffle');
  db = join(p.dir, 'target/jaffle.duckdb');
  // A `ci` target: same database file, its own schema, as a CI job building beside production.
  const project = parse(p.read('project.yml')) as { targets: Record<string, Record<string, unknown>> };
  project.targets.ci = { ...project.targets.dev, schema: 'ci' };
  p.write('project.yml', stringify(project));
});
afterEach(() => p.cleanup());

const ran = () => p.json<RunResultsArtifact>('target/run_results.json').results.map((r) => `${r.uniqueId.replace('.jaffle.', '.').replace(/\.[0-9a-f]{10}$/, '')}:${r.status}`).sort();

/** Build production and keep its artifacts as the state to compare with. */
async function buildProduction() {
  const run = await strata(p.dir, ['build']);
  expect(run.code).toBe(0);
  cpSync(join(p.dir, 'target'), join(p.dir, 'prod-target'), { recursive: true, filter: (src) => !src.endsWith('.duckdb') && !src.endsWith('.wal') });
}

describe('state:modified+, --defer, state:new, result: and retry', () => {
  it('builds only the changed staging model and its children, reading unbuilt parents (through ephemerals) from production', async () => {
    await buildProduction();
    p.write('models/staging/stg_orders.sql', `${p.read('models/staging/stg_orders.sql')}\n-- a reviewed change\n`);

    const listed = await strata(p.dir, ['ls', '-s', 'state:modified+', '--state', join(p.dir, 'prod-target'), '--resource-type', 'model', '--output', 'name']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').sort()).toEqual(['customers', 'orders', 'stg_orders']);

    const run = await strata(p.dir, ['build', '-s', 'state:modified+', '--defer', '--state', join(p.dir, 'prod-target'), '--target', 'ci']);
    expect(run.stdout + run.stderr).toMatch(/ERROR=0/);
    expect(run.code).toBe(0);
    const models = ran().filter((r) => r.startsWith('model.'));
    expect(models).toEqual(['model.customers:success', 'model.orders:success', 'model.stg_orders:success']);
    expect(ran().some((r) => r.startsWith('seed.'))).toBe(false);
    // The CI schema holds only what was built; orders read stg_payments from production.
    const schemas = await query(db, "select table_schema, table_name from information_schema.tables where table_schema like 'ci%' order by 1, 2");
    expect(schemas.map((r) => `${r.table_schema}.${r.table_name}`)).toEqual(['ci_marts.customers', 'ci_marts.orders', 'ci_staging.stg_orders']);
    const compiled = p.read('target/compiled/jaffle/models/marts/orders.sql');
    // stg_payments is ephemeral: inlined, so its seed is the deferred parent.
    expect(compiled).toContain('"main_raw"."raw_payments"');
    expect(compiled).toContain('"ci_staging"."stg_orders"');
    const [ci] = await query(db, 'select count(*) as n, sum(amount) as total from ci_marts.orders');
    const [prod] = await query(db, 'select count(*) as n, sum(amount) as total from main_marts.orders');
    expect(ci).toEqual(prod);
  });

  it('selects a new model with state:new, and only it with state:modified', async () => {
    await buildProduction();
    p.write('models/marts/order_days.sql', "select order_date, count(*) as orders from {{ ref('stg_orders') }} group by 1\n");
    const listed = await strata(p.dir, ['ls', '-s', 'state:new', '--state', join(p.dir, 'prod-target'), '--output', 'name']);
    expect(listed.stdout.trim().split('\n')).toEqual(['order_days']);
    const modified = await strata(p.dir, ['ls', '-s', 'state:modified', '--state', join(p.dir, 'prod-target'), '--resource-type', 'model', '--output', 'name']);
    expect(modified.stdout.trim().split('\n')).toEqual(['order_days']);
  });

  it('retries what errored and what it skipped, once fixed, and selects result:error', async () => {
    expect((await strata(p.dir, ['build'])).code).toBe(0);
    const good = p.read('models/marts/orders.sql');
    p.write('models/marts/orders.sql', good.replace('p.amount', 'p.no_such_column'));
    const broken = await strata(p.dir, ['build']);
    expect(broken.code).toBe(1);
    expect(ran()).toContain('model.orders:error');
    expect(ran()).toContain('model.customers:skipped');

    cpSync(join(p.dir, 'target/run_results.json'), join(p.dir, 'last/run_results.json'));
    cpSync(join(p.dir, 'target/manifest.json'), join(p.dir, 'last/manifest.json'));
    const failed = await strata(p.dir, ['ls', '-s', 'result:error', '--state', join(p.dir, 'last'), '--output', 'name', '--resource-type', 'model']);
    expect(failed.stdout.trim().split('\n')).toEqual(['orders']);

    p.write('models/marts/orders.sql', good);
    const retry = await strata(p.dir, ['retry']);
    expect(retry.code).toBe(0);
    const again = ran();
    expect(again).toContain('model.orders:success');
    expect(again).toContain('model.customers:success');
    expect(again.some((r) => r.startsWith('model.stg_') || r.startsWith('seed.'))).toBe(false);
  });
});

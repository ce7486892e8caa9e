/**
 * Snapshots end to end on DuckDB: a seed changes between runs (a row updated, a row added, a
 * row deleted, a column added) and each snapshot's history must be exactly dbt's SCD type 2
 * rows; a run that fails half-way leaves the history as it was; bad config names file and fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestArtifact, RunResultsArtifact } from '../../src/artifacts/types.js';
import { validateManifest, validateRunResults } from '../../src/artifacts/validate.js';
import { query, strata } from '../helpers.js';

const PROJECT = `name: snaps
version: '1.0'
target: dev
targets:
  dev:
    type: duckdb
    path: target/snaps.duckdb
    schema: main
    threads: 2
seeds:
  snaps:
    +column_types:
      id: integer
      score: integer
      updated_at: timestamp
`;

const SNAPSHOTS = `-- Two snapshots of one seed, one per strategy.
{% snapshot customers_ts %}
{{ config(target_schema='history', unique_key='id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}
select * from {{ ref('customers') }}
{% endsnapshot %}

{% snapshot customers_check %}
{{ config(schema='history', unique_key=['id'], strategy='check', check_cols=['name', 'city'], hard_deletes='new_record') }}
select id, name, city from {{ ref('customers') }}
{% endsnapshot %}
`;

const YAML = `version: 2
snapshots:
  - name: customers_all
    description: Every column of the seed, checked.
    relation: ref('customers')
    config:
      schema: history
      unique_key: id
      strategy: check
      check_cols: all
    columns:
      - name: id
        description: The customer.
        data_tests: [not_null]
`;

const RUN1 = `id,name,city,score,updated_at
1,Anna,Moscow,10,2024-01-01 00:00:00
2,Boris,Kazan,20,2024-01-01 00:00:00
3,Chloe,Paris,30,2024-01-01 00:00:00
`;
// Boris moved (newer updated_at), Dana is new, Chloe is deleted.
const RUN2 = `id,name,city,score,updated_at
1,Anna,Moscow,10,2024-01-01 00:00:00
2,Boris,Sochi,20,2024-02-01 00:00:00
4,Dana,Omsk,40,2024-02-01 00:00:00
`;
// Chloe is back, Anna renamed without a newer updated_at, a new column `tier`.
const RUN3 = `id,name,city,score,updated_at,tier
1,Anya,Moscow,10,2024-01-01 00:00:00,gold
2,Boris,Sochi,20,2024-02-01 00:00:00,silver
3,Chloe,Lyon,30,2024-03-01 00:00:00,gold
4,Dana,Omsk,40,2024-02-01 00:00:00,bronze
`;

let dir: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const db = () => join(dir, 'target/snaps.duckdb');
const cli = (argv: string[]) => strata(dir, argv);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-snapshots-'));
  write('project.yml', PROJECT);
  write('seeds/customers.csv', RUN1);
  write('snapshots/customers.sql', SNAPSHOTS);
  write('snapshots/schema.yml', YAML);
  write('models/current_customers.sql', "select id, name, city from {{ ref('customers_ts') }} where dbt_valid_to is null\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Timestamp-strategy history, oldest version first; run times shown as `run`. */
async function timestampHistory(runTimes: string[] = []) {
  const rows = await query(db(), `select id, name, city, cast(dbt_valid_from as varchar) as valid_from, cast(dbt_valid_to as varchar) as valid_to,
    cast(dbt_updated_at as varchar) as updated, dbt_scd_id from history.customers_ts order by id, dbt_valid_from`);
  expect(new Set(rows.map((r) => r.dbt_scd_id)).size).toBe(rows.length);
  expect(rows.every((r) => /^[0-9a-f]{32}$/.test(String(r.dbt_scd_id)))).toBe(true);
  return rows.map(({ dbt_scd_id: _, ...r }) => ({ ...r, valid_to: runTimes.includes(String(r.valid_to)) ? 'run' : r.valid_to }));
}

/** Check-strategy history with run times replaced by T1, T2, T3 (in order). */
async function checkHistory(table: string, columns: string) {
  const rows = await query(db(), `select ${columns}, cast(dbt_valid_from as varchar) as valid_from, cast(dbt_valid_to as varchar) as valid_to,
    cast(dbt_updated_at as varchar) as updated from main_history.${table} order by id, dbt_valid_from, dbt_valid_to nulls last`);
  const times = [...new Set(rows.flatMap((r) => [r.valid_from, r.valid_to]).filter((t) => t !== null).map(String))].sort();
  const label = (t: unknown) => (t === null ? null : `T${times.indexOf(String(t)) + 1}`);
  for (const r of rows) expect(r.updated).toBe(r.valid_from);
  return rows.map(({ updated: _, ...r }) => ({ ...r, valid_from: label(r.valid_from), valid_to: label(r.valid_to) }));
}

describe('strata snapshot on DuckDB', () => {
  it('records updates, inserts, hard deletes and new columns over three runs', async () => {
    const first = await cli(['build']);
    expect(first.code, first.output).toBe(0);
    expect(first.output).not.toMatch(/Warning/);
    expect(first.stdout).toMatch(/START snapshot history\.customers_ts/);
    expect(first.stdout).toMatch(/OK snapshotted history\.customers_ts \.+ \[SELECT 3 in/);
    expect(first.stdout).toMatch(/OK snapshotted main_history\.customers_check \.+ \[SELECT 3 in/);
    // seeds -> snapshots -> models -> tests
    const order = ['seed file main.customers', 'snapshot history.customers_ts', 'sql view model main.current_customers'];
    const positions = order.map((text) => first.stdout.indexOf(`START ${text}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(await query(db(), 'select id, name from main.current_customers order by id')).toEqual([
      { id: 1, name: 'Anna' }, { id: 2, name: 'Boris' }, { id: 3, name: 'Chloe' },
    ]);
    const d1 = '2024-01-01 00:00:00';
    expect(await timestampHistory()).toEqual([
      { id: 1, name: 'Anna', city: 'Moscow', valid_from: d1, valid_to: null, updated: d1 },
      { id: 2, name: 'Boris', city: 'Kazan', valid_from: d1, valid_to: null, updated: d1 },
      { id: 3, name: 'Chloe', city: 'Paris', valid_from: d1, valid_to: null, updated: d1 },
    ]);

    write('seeds/customers.csv', RUN2);
    expect((await cli(['seed'])).code).toBe(0);
    const second = await cli(['snapshot']);
    expect(second.code, second.output).toBe(0);
    expect(second.stdout).toMatch(/OK snapshotted history\.customers_ts \.+ \[INSERT 2 in/);
    expect(second.stdout).toMatch(/Done\. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3/);
    const [{ t2 }] = await query(db(), "select cast(max(dbt_valid_to) as varchar) as t2 from history.customers_ts where id = 3");
    expect(t2).not.toBeNull();
    expect(String(t2) > '2024-02-01').toBe(true);
    const d2 = '2024-02-01 00:00:00';
    expect(await timestampHistory([String(t2)])).toEqual([
      { id: 1, name: 'Anna', city: 'Moscow', valid_from: d1, valid_to: null, updated: d1 },
      { id: 2, name: 'Boris', city: 'Kazan', valid_from: d1, valid_to: d2, updated: d1 },
      { id: 2, name: 'Boris', city: 'Sochi', valid_from: d2, valid_to: null, updated: d2 },
      { id: 3, name: 'Chloe', city: 'Paris', valid_from: d1, valid_to: 'run', updated: d1 },
      { id: 4, name: 'Dana', city: 'Omsk', valid_from: d2, valid_to: null, updated: d2 },
    ]);

    write('seeds/customers.csv', RUN3);
    expect((await cli(['seed'])).code).toBe(0);
    const third = await cli(['snapshot', '--select', 'customers_ts', 'customers_check']);
    expect(third.code, third.output).toBe(0);
    expect(third.stdout).toMatch(/Done\. PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2/);
    const d3 = '2024-03-01 00:00:00';
    // Anna's rename has no newer updated_at, so the timestamp strategy does not see it.
    expect(await timestampHistory([String(t2)])).toEqual([
      { id: 1, name: 'Anna', city: 'Moscow', valid_from: d1, valid_to: null, updated: d1 },
      { id: 2, name: 'Boris', city: 'Kazan', valid_from: d1, valid_to: d2, updated: d1 },
      { id: 2, name: 'Boris', city: 'Sochi', valid_from: d2, valid_to: null, updated: d2 },
      { id: 3, name: 'Chloe', city: 'Paris', valid_from: d1, valid_to: 'run', updated: d1 },
      { id: 3, name: 'Chloe', city: 'Lyon', valid_from: d3, valid_to: null, updated: d3 },
      { id: 4, name: 'Dana', city: 'Omsk', valid_from: d2, valid_to: null, updated: d2 },
    ]);
    // The new column was added; only versions inserted since carry it.
    expect(await query(db(), 'select id, tier from history.customers_ts order by id, dbt_valid_from')).toEqual([
      { id: 1, tier: null }, { id: 2, tier: null }, { id: 2, tier: null }, { id: 3, tier: null }, { id: 3, tier: 'gold' }, { id: 4, tier: null },
    ]);

    // check strategy with hard_deletes='new_record': Chloe's deletion is a version of its own.
    expect(await checkHistory('customers_check', 'id, name, city, dbt_is_deleted')).toEqual([
      { id: 1, name: 'Anna', city: 'Moscow', dbt_is_deleted: 'False', valid_from: 'T1', valid_to: 'T3' },
      { id: 1, name: 'Anya', city: 'Moscow', dbt_is_deleted: 'False', valid_from: 'T3', valid_to: null },
      { id: 2, name: 'Boris', city: 'Kazan', dbt_is_deleted: 'False', valid_from: 'T1', valid_to: 'T2' },
      { id: 2, name: 'Boris', city: 'Sochi', dbt_is_deleted: 'False', valid_from: 'T2', valid_to: null },
      { id: 3, name: 'Chloe', city: 'Paris', dbt_is_deleted: 'False', valid_from: 'T1', valid_to: 'T2' },
      { id: 3, name: 'Chloe', city: 'Paris', dbt_is_deleted: 'True', valid_from: 'T2', valid_to: 'T3' },
      { id: 3, name: 'Chloe', city: 'Lyon', dbt_is_deleted: 'False', valid_from: 'T3', valid_to: null },
      { id: 4, name: 'Dana', city: 'Omsk', dbt_is_deleted: 'False', valid_from: 'T2', valid_to: null },
    ]);
    // The YAML snapshot (check_cols: all, hard deletes ignored) was not selected in run 3.
    expect(await checkHistory('customers_all', 'id, name')).toEqual([
      { id: 1, name: 'Anna', valid_from: 'T1', valid_to: null },
      { id: 2, name: 'Boris', valid_from: 'T1', valid_to: 'T2' },
      { id: 2, name: 'Boris', valid_from: 'T2', valid_to: null },
      { id: 3, name: 'Chloe', valid_from: 'T1', valid_to: null },
      { id: 4, name: 'Dana', valid_from: 'T2', valid_to: null },
    ]);
    // No staged relations are left behind.
    expect(await query(db(), "select table_name from information_schema.tables where table_name like '%strata%'")).toEqual([]);

    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8')) as ManifestArtifact;
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateRunResults(JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8')) as RunResultsArtifact)).toEqual([]);
    expect(manifest.nodes['snapshot.snaps.customers_ts']).toMatchObject({
      resourceType: 'snapshot', originalFilePath: 'snapshots/customers.sql', fqn: ['snaps', 'customers', 'customers_ts'],
      relation: { schema: 'history', identifier: 'customers_ts' },
      config: { materialized: 'snapshot', strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at', target_schema: 'history' },
      dependsOn: { nodes: ['seed.snaps.customers'] },
    });
    expect(manifest.nodes['snapshot.snaps.customers_check']).toMatchObject({ relation: { schema: 'main_history' }, dependsOn: { nodes: ['seed.snaps.customers'] } });
    expect(manifest.nodes['snapshot.snaps.customers_all']).toMatchObject({
      originalFilePath: 'snapshots/schema.yml', description: 'Every column of the seed, checked.', config: { check_cols: 'all' },
      columns: { id: { description: 'The customer.' } },
    });
    expect(manifest.nodes['model.snaps.current_customers'].dependsOn.nodes).toEqual(['snapshot.snaps.customers_ts']);
    // One compiled file per snapshot, even with two blocks in one file.
    expect(existsSync(join(dir, 'target/compiled/snaps/snapshots/customers_ts.sql'))).toBe(true);
    expect(existsSync(join(dir, 'target/compiled/snaps/snapshots/customers_check.sql'))).toBe(true);
  });

  it('leaves the history unchanged when a run fails half-way, and recovers on the next run', async () => {
    expect((await cli(['build'])).code).toBe(0);
    write('seeds/customers.csv', RUN2);
    expect((await cli(['seed'])).code).toBe(0);
    const before = await query(db(), 'select * from history.customers_ts order by id, dbt_valid_from');
    // Boris's new version cannot be inserted ('n/a' is no integer) after his old one was closed.
    write('snapshots/customers.sql', SNAPSHOTS.replace(
      'select * from {{ ref(\'customers\') }}',
      "select id, name, city, case when id = 2 then 'n/a' else cast(score as varchar) end as score, updated_at\nfrom {{ ref('customers') }}",
    ));
    const failed = await cli(['snapshot', '-s', 'customers_ts']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/ERROR creating snapshot history\.customers_ts/);
    expect(failed.stdout).toMatch(/Error in snapshot customers_ts \(snapshots\/customers\.sql(:\d+)?\)/);
    expect(failed.stdout).toMatch(/n\/a/);
    expect(await query(db(), 'select * from history.customers_ts order by id, dbt_valid_from')).toEqual(before);
    expect(await query(db(), "select table_name from information_schema.tables where table_name like '%strata%'")).toEqual([]);

    write('snapshots/customers.sql', SNAPSHOTS);
    const again = await cli(['snapshot', '-s', 'customers_ts']);
    expect(again.code, again.output).toBe(0);
    expect(await query(db(), 'select id, city from history.customers_ts where dbt_valid_to is null order by id')).toEqual([
      { id: 1, city: 'Moscow' }, { id: 2, city: 'Sochi' }, { id: 4, city: 'Omsk' },
    ]);
  });

  it('honours snapshot_meta_column_names and dbt_valid_to_current', async () => {
    write('snapshots/customers.sql', `{% snapshot customers_ts %}
{{ config(schema='history', unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate',
    snapshot_meta_column_names={'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to'},
    dbt_valid_to_current="cast('9999-12-31' as timestamp)") }}
select id, name, updated_at from {{ ref('customers') }}
{% endsnapshot %}
`);
    write('snapshots/schema.yml', 'version: 2\n');
    write('models/current_customers.sql', "select id, name from {{ ref('customers_ts') }} where valid_to = cast('9999-12-31' as timestamp)\n");
    expect((await cli(['build'])).code).toBe(0);
    write('seeds/customers.csv', RUN2);
    expect((await cli(['seed'])).code).toBe(0);
    const run = await cli(['snapshot']);
    expect(run.code, run.output).toBe(0);
    const rows = await query(db(), `select id, name, cast(valid_from as varchar) as valid_from, cast(valid_to as varchar) as valid_to
      from main_history.customers_ts order by id, valid_from`);
    const [{ now }] = await query(db(), "select cast(valid_to as varchar) as now from main_history.customers_ts where id = 3");
    expect(String(now) > '2024-02-01').toBe(true);
    expect(rows).toEqual([
      { id: 1, name: 'Anna', valid_from: '2024-01-01 00:00:00', valid_to: '9999-12-31 00:00:00' },
      { id: 2, name: 'Boris', valid_from: '2024-01-01 00:00:00', valid_to: '2024-02-01 00:00:00' },
      { id: 2, name: 'Boris', valid_from: '2024-02-01 00:00:00', valid_to: '9999-12-31 00:00:00' },
      { id: 3, name: 'Chloe', valid_from: '2024-01-01 00:00:00', valid_to: now },
      { id: 4, name: 'Dana', valid_from: '2024-02-01 00:00:00', valid_to: '9999-12-31 00:00:00' },
    ]);
    expect(await query(db(), 'select id from main.current_customers order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
  });

  it('does not run snapshots in `strata run`', async () => {
    expect((await cli(['seed'])).code).toBe(0);
    const run = await cli(['run', '-s', 'customers_ts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Nothing to do/);
  });

  it.each([
    ['a missing strategy', "unique_key='id'", /snapshots\/customers\.sql:1: Snapshot 'customers_ts': strategy is missing\n[\d:]+\s+hint: Add strategy='timestamp' with updated_at='<column>', or strategy='check'/],
    ['a misspelt strategy', "unique_key='id', strategy='timestmp', updated_at='updated_at'", /snapshots\/customers\.sql:1: Snapshot 'customers_ts': unknown strategy "timestmp"\n[\d:]+\s+hint: Did you mean 'timestamp'\?/],
    ['timestamp without updated_at', "unique_key='id', strategy='timestamp'", /Snapshot 'customers_ts': strategy 'timestamp' needs updated_at\n[\d:]+\s+hint: Add updated_at='<column that says when the row last changed>' to the config\(\.\.\.\) call inside \{% snapshot customers_ts %\} in snapshots\/customers\.sql/],
    ['check without check_cols', "unique_key='id', strategy='check'", /strategy 'check' needs check_cols\n[\d:]+\s+hint: Add check_cols=\['<column>', \.\.\.\]/],
    ['no unique_key', "strategy='check', check_cols='all'", /Snapshot 'customers_ts': unique_key is missing\n[\d:]+\s+hint: Add unique_key='id' \(or a list of columns\)/],
    ['an unknown hard_deletes', "unique_key='id', strategy='check', check_cols='all', hard_deletes='purge'", /unknown hard_deletes "purge"\n[\d:]+\s+hint: Use one of: ignore, invalidate, new_record/],
  ])('rejects %s before touching the warehouse, naming the file and the fix', async (_name, config, pattern) => {
    write('snapshots/customers.sql', `{% snapshot customers_ts %}\n{{ config(${config}) }}\nselect * from {{ ref('customers') }}\n{% endsnapshot %}\n`);
    const run = await cli(['snapshot']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expect(existsSync(db())).toBe(false);
  });

  it('points warehouse and template errors at the line of the snapshot file', async () => {
    const broken = SNAPSHOTS.replace('select id, name, city from', 'select id, name,\n    no_such_column\nfrom');
    expect(broken.split('\n')[9]).toBe('    no_such_column');
    expect((await cli(['seed'])).code).toBe(0);
    for (const run of ['first build', 'later run']) {
      write('snapshots/customers.sql', broken);
      const failed = await cli(['snapshot', '-s', 'customers_check']);
      expect(failed.code, run).toBe(1);
      expect(failed.stdout, run).toMatch(/Error in snapshot customers_check \(snapshots\/customers\.sql:10\)/);
      expect(failed.stdout, run).toMatch(/no_such_column/);
      write('snapshots/customers.sql', SNAPSHOTS);
      expect((await cli(['snapshot', '-s', 'customers_check'])).code, run).toBe(0);
    }
    write('snapshots/customers.sql', SNAPSHOTS.replace("check_cols=['name', 'city']", "check_cols=['name', 'city'"));
    const syntax = await cli(['parse']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/snapshots\/customers\.sql:8(:\d+)?: /);
  });

  it('rejects a snapshot file without a block, and a YAML relation that is not ref() or source()', async () => {
    write('snapshots/customers.sql', "select * from {{ ref('customers') }}\n");
    write('snapshots/schema.yml', YAML.replace("relation: ref('customers')", 'relation: customers'));
    const run = await cli(['parse']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/snapshots\/customers\.sql:1: A file under the snapshot paths has no \{% snapshot %\} block\n[\d:]+\s+hint: Wrap the select: \{% snapshot my_snapshot %\}/);
    expect(run.stderr).toMatch(/snapshots\/schema\.yml:5: Snapshot 'customers_all': relation must be ref\('<model>'\) or source\('<source>', '<table>'\), not "customers"/);
  });
});

/**
 * Snapshots on every target: the same three runs over a changing seed (a row updated, added,
 * deleted, back again; a new column) must leave the same SCD type 2 history on DuckDB and on
 * Snowflake, and a run that fails half-way must leave it untouched on both.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConformanceProject, createProject, describeConformance, type Row } from './conformance-project.js';

const SNAPSHOTS = `{% snapshot customers_ts %}
{{ config(schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_on', hard_deletes='invalidate') }}
select * from {{ ref('customers') }}
{% endsnapshot %}

{% snapshot customers_check %}
{{ config(schema='snapshots', unique_key=['id', 'region'], strategy='check', check_cols=['name', 'score'], hard_deletes='new_record') }}
select id, region, name, score from {{ ref('customers') }}
{% endsnapshot %}
`;

const RUN1 = 'id,region,name,score,updated_on\n1,eu,Анна,10,2024-01-01\n2,eu,Boris,20,2024-01-01\n3,us,Chloé,30,2024-01-01\n';
const RUN2 = 'id,region,name,score,updated_on\n1,eu,Анна,10,2024-01-01\n2,eu,Boris,25,2024-02-01\n4,us,Dana,40,2024-02-01\n';
const RUN3 = 'id,region,name,score,updated_on,tier\n1,eu,Анна,10,2024-01-01,gold\n2,eu,Boris,25,2024-02-01,silver\n3,us,Chloé,31,2024-03-01,gold\n4,us,Dana,40,2024-02-01,\n';

/** A run-time stamp as normaliseRow renders it (an ISO time that is not midnight). */
const isStamp = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
    p.write('seeds/customers.csv', RUN1);
    p.write('snapshots/customers.sql', SNAPSHOTS);
  });
  afterAll(() => p?.cleanup());

  const load = async (csv: string) => {
    p.write('seeds/customers.csv', csv);
    const seed = await p.cli(['seed', '-s', 'customers']);
    expect(seed.code, seed.output).toBe(0);
  };

  /** History without dbt_scd_id (checked unique), with run-time stamps replaced by their run's label. */
  const history = async (table: string, orderBy: string[], runs: string[]) => {
    const rows = await p.rows(table, 'snapshots', orderBy);
    expect(new Set(rows.map((r) => r.dbt_scd_id)).size).toBe(rows.length);
    const label = (v: unknown) => (isStamp(v) ? `run${runs.indexOf(v) + 1}` : v);
    return rows.map(({ dbt_scd_id: _, ...r }: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, label(v)])));
  };
  /** The run times so far: distinct non-midnight stamps, in order. */
  const runTimes = async (table: string) => {
    const rows = await p.rows(table, 'snapshots', ['id']);
    return [...new Set(rows.flatMap((r) => [r.dbt_valid_from, r.dbt_valid_to, r.dbt_updated_at]).filter(isStamp))].sort();
  };

  it('records three runs of changes the same way', async () => {
    await load(RUN1);
    const first = await p.cli(['snapshot']);
    expect(first.code, first.output).toBe(0);
    expect(p.results()).toEqual({ 'snapshot.customers_ts': 'success 3', 'snapshot.customers_check': 'success 3' });
    await load(RUN2);
    const second = await p.cli(['snapshot']);
    expect(second.code, second.output).toBe(0);
    expect(p.results()).toEqual({ 'snapshot.customers_ts': 'success 2', 'snapshot.customers_check': 'success 2' });
    const deletedOn = new Date().toISOString().slice(0, 10);
    await load(RUN3);
    const third = await p.cli(['snapshot']);
    expect(third.code, third.output).toBe(0);

    // updated_on is a DATE, so dbt_valid_to is too: Chloé's deletion is stamped with the run's (UTC) day.
    expect(await runTimes('customers_ts')).toEqual([]);
    const ts = (id: number, name: string, score: number, from: string, to: string | null, tier: string | null = null) =>
      ({ id, region: id === 1 || id === 2 ? 'eu' : 'us', name, score, updated_on: from, tier, dbt_updated_at: from, dbt_valid_from: from, dbt_valid_to: to });
    expect(await history('customers_ts', ['id', 'dbt_valid_from'], [])).toEqual([
      ts(1, 'Анна', 10, '2024-01-01', null),
      ts(2, 'Boris', 20, '2024-01-01', '2024-02-01'),
      ts(2, 'Boris', 25, '2024-02-01', null),
      ts(3, 'Chloé', 30, '2024-01-01', deletedOn),
      ts(3, 'Chloé', 31, '2024-03-01', null, 'gold'),
      ts(4, 'Dana', 40, '2024-02-01', null),
    ]);

    const checkRuns = await runTimes('customers_check');
    expect(checkRuns).toHaveLength(3);
    const ck = (id: number, name: string, score: number, deleted: string, from: number, to: number | null) =>
      ({ id, region: id === 1 || id === 2 ? 'eu' : 'us', name, score, dbt_is_deleted: deleted, dbt_updated_at: `run${from}`, dbt_valid_from: `run${from}`, dbt_valid_to: to === null ? null : `run${to}` });
    expect(await history('customers_check', ['id', 'dbt_valid_from', 'dbt_is_deleted'], checkRuns)).toEqual([
      ck(1, 'Анна', 10, 'False', 1, null),
      ck(2, 'Boris', 20, 'False', 1, 2),
      ck(2, 'Boris', 25, 'False', 2, null),
      ck(3, 'Chloé', 30, 'False', 1, 2),
      ck(3, 'Chloé', 30, 'True', 2, 3),
      ck(3, 'Chloé', 31, 'False', 3, null),
      ck(4, 'Dana', 40, 'False', 2, null),
    ]);
  });

  it('leaves the history as it was when a run fails half-way', async () => {
    const before = await p.rows('customers_ts', 'snapshots', ['id', 'dbt_valid_from']);
    await load(RUN3.replace('2,eu,Boris,25,2024-02-01', '2,eu,Boris,26,2024-04-01'));
    // Boris's old version is closed, then his new one cannot be inserted ('n/a' is no number).
    p.write('snapshots/customers.sql', SNAPSHOTS.replace(
      "select * from {{ ref('customers') }}",
      "select id, region, name, case when id = 2 then 'n/a' else cast(score as varchar) end as score, updated_on, tier from {{ ref('customers') }}",
    ));
    const run = await p.cli(['snapshot', '-s', 'customers_ts']);
    expect(run.code).toBe(1);
    expect(p.results()).toEqual({ 'snapshot.customers_ts': 'error' });
    expect(run.stdout).toMatch(/Error in snapshot customers_ts \(snapshots\/customers\.sql/);
    expect(await p.rows('customers_ts', 'snapshots', ['id', 'dbt_valid_from'])).toEqual(before);
    const leftovers = await p.withAdapter(async (adapter) => {
      const connection = await adapter.connect();
      try {
        return (await adapter.introspector(connection).listRelations(`${p.schema}_snapshots`, p.relation('x').database)).map((r) => r.identifier.toLowerCase()).sort();
      } finally {
        await connection.close();
      }
    });
    expect(leftovers).toEqual(['customers_check', 'customers_ts']);
  });
});

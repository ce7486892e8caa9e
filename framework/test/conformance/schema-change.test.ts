/**
 * Incremental models whose select gains, loses or retypes columns: `on_schema_change` decides
 * (`fail`, `append_new_columns`, `sync_all_columns`; `ignore` is the default the other suite
 * covers). Same expectations on DuckDB and on Snowflake.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConformanceProject, createProject, describeConformance } from './conformance-project.js';

const MODEL = 'models/marts/events_appended.sql';

/** events_appended with a different select list and policy; batch 2 rows arrive incrementally. */
const model = (policy: string, columns: string) => `{{ config(materialized='incremental', on_schema_change='${policy}') }}
select ${columns}
from {{ ref('stg_events') }}
{% if is_incremental() %}
where batch > (select max(batch) from {{ this }})
{% endif %}
`;

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
  });
  afterAll(() => p?.cleanup());

  const columnsOf = (identifier: string) =>
    p.withAdapter(async (adapter) => {
      const connection = await adapter.connect();
      try {
        const introspector = adapter.introspector(connection);
        const relation = p.relation(identifier, 'marts');
        if (!(await introspector.getRelation(relation))) return null;
        return (await introspector.getColumns(relation)).map((c) => c.name.toLowerCase());
      } finally {
        await connection.close();
      }
    });

  const firstBuild = async () => {
    p.write(MODEL, model('ignore', 'event_id, person_id, amount, batch'));
    const run = await p.cli(['build', '-s', '+events_appended', '--full-refresh', '--exclude', 'resource_type:test']);
    if (run.code !== 0) console.log(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(await columnsOf('events_appended')).toEqual(['event_id', 'person_id', 'amount', 'batch']);
  };

  it("fails with the added and removed columns named, and leaves the table as it was (on_schema_change='fail')", async () => {
    await firstBuild();
    p.write(MODEL, model('fail', "event_id, amount, batch, 'web' as channel"));
    const run = await p.cli(['run', '-s', 'events_appended', '--vars', '{batch: 2}']);
    expect(run.code).toBe(1);
    expect(p.results()).toEqual({ 'model.events_appended': 'error' });
    expect(run.stdout).toMatch(/columns of incremental model 'events_appended' changed: added channel \S+; removed person_id/i);
    expect(run.stdout).toMatch(/--full-refresh/);
    expect(run.stdout).toMatch(/models\/marts\/events_appended\.sql/);
    expect(await columnsOf('events_appended')).toEqual(['event_id', 'person_id', 'amount', 'batch']);
    expect(await p.rows('events_appended', 'marts', ['event_id'])).toHaveLength(2);
    expect(await columnsOf('events_appended__strata_delta')).toBeNull();
  });

  it('adds new columns and keeps dropped ones as NULL (append_new_columns)', async () => {
    await firstBuild();
    p.write(MODEL, model('append_new_columns', "event_id, amount, batch, 'web' as channel"));
    const run = await p.cli(['run', '-s', 'events_appended', '--vars', '{batch: 2}']);
    expect(run.code).toBe(0);
    expect(p.results()).toEqual({ 'model.events_appended': 'success 3' });
    expect(await columnsOf('events_appended')).toEqual(['event_id', 'person_id', 'amount', 'batch', 'channel']);
    expect(await p.rows('events_appended', 'marts', ['batch', 'event_id'])).toEqual([
      { event_id: 1, person_id: 1, amount: 10, batch: 1, channel: null },
      { event_id: 2, person_id: 2, amount: 20.5, batch: 1, channel: null },
      { event_id: 2, person_id: null, amount: 25, batch: 2, channel: 'web' },
      { event_id: 3, person_id: null, amount: 5.25, batch: 2, channel: 'web' },
      { event_id: 4, person_id: null, amount: 1, batch: 2, channel: 'web' },
    ]);
    expect(await columnsOf('events_appended__strata_delta')).toBeNull();
  });

  it('adds, drops and retypes columns to match the select (sync_all_columns)', async () => {
    await firstBuild();
    p.write(MODEL, model('sync_all_columns', "event_id, cast(amount as varchar) as amount, batch, 'web' as channel"));
    const run = await p.cli(['run', '-s', 'events_appended', '--vars', '{batch: 2}']);
    expect(run.code).toBe(0);
    expect(await columnsOf('events_appended')).toEqual(['event_id', 'amount', 'batch', 'channel']);
    const rows = await p.rows('events_appended', 'marts', ['batch', 'event_id']);
    expect(rows.map((r) => [r.event_id, r.batch, r.channel])).toEqual([[1, 1, null], [2, 1, null], [2, 2, 'web'], [3, 2, 'web'], [4, 2, 'web']]);
    // The amount column is text now, old rows converted, new rows as the select wrote them.
    expect(rows.every((r) => typeof r.amount === 'string')).toBe(true);
    expect(rows.map((r) => Number(r.amount))).toEqual([10, 20.5, 25, 5.25, 1]);
  });

  it('rejects an unknown on_schema_change value naming the file and the choices', async () => {
    await firstBuild();
    p.write(MODEL, model('append', 'event_id, person_id, amount, batch'));
    const run = await p.cli(['run', '-s', 'events_appended', '--vars', '{batch: 2}']);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/Unknown on_schema_change 'append'/);
    expect(run.stdout + run.stderr).toMatch(/ignore, fail, append_new_columns, sync_all_columns/);
    expect(await p.rows('events_appended', 'marts', ['event_id'])).toHaveLength(2);
  });
});

/**
 * Materializations on every target: view, table (and its swap on rebuild), ephemeral,
 * incremental append and merge. The conformance fixture project is built with the CLI; the
 * relations, run_results and exit codes must be the same on DuckDB and on Snowflake.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConformanceProject, createProject, describeConformance } from './conformance-project.js';

/** person_summary: every cross-database macro the fixture uses, computed on the target. */
const PERSON_SUMMARY = [
  {
    person_id: 1, name: 'Анна', joined_month: '2024-01', born_month: '1990-01-01', born_plus_month: '1990-02-28', days_alive_at_join: 12418,
    born_month_end: '1990-01-31', state: 'active', events: 1, amount: 10, amount_per_event: 10, note_as_int: null, city_head: 'Москва',
  },
  {
    person_id: 2, name: 'Борис, младший', joined_month: '2024-02', born_month: '1985-12-01', born_plus_month: '1986-01-15', days_alive_at_join: 13955,
    born_month_end: '1985-12-31', state: 'inactive', events: 1, amount: 20.5, amount_per_event: 20.5, note_as_int: null, city_head: 'Санкт-Петербург',
  },
  {
    person_id: 3, name: 'Chloé', joined_month: '2023-12', born_month: '2000-02-01', born_plus_month: '2000-03-29', days_alive_at_join: 8676,
    born_month_end: '2000-02-29', state: 'active', events: 0, amount: 0, amount_per_event: 0, note_as_int: null, city_head: 'Казань',
  },
];

const event = (event_id: number, person_id: number, amount: number, batch: number) => ({ event_id, person_id, amount, batch });

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
  });
  afterAll(() => p?.cleanup());

  const kindOf = (identifier: string, customSchema: string) =>
    p.withAdapter(async (adapter) => {
      const connection = await adapter.connect();
      try {
        return (await adapter.introspector(connection).getRelation(p.relation(identifier, customSchema)))?.kind ?? null;
      } finally {
        await connection.close();
      }
    });

  it('builds a view, tables, an inlined ephemeral and first versions of incrementals', async () => {
    const run = await p.cli(['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=16 WARN=2 ERROR=0 SKIP=0 TOTAL=18/);
    expect(p.results()).toMatchObject({
      'seed.people': 'success 3',
      'seed.events': 'success 5',
      'model.stg_people': 'success',
      'model.person_summary': 'success 3',
      'model.cities': 'success 2',
      'model.events_appended': 'success 2',
      'model.events_latest': 'success 2',
    });
    expect(await kindOf('stg_people', 'staging')).toBe('view');
    expect(await kindOf('person_summary', 'marts')).toBe('table');
    expect(await kindOf('events_latest', 'marts')).toBe('table');
    // The ephemeral model is inlined into its users, never created.
    expect(await kindOf('stg_events', 'staging')).toBeNull();
    expect(await kindOf('stg_events', 'marts')).toBeNull();
    expect(await p.rows('person_summary', 'marts', ['person_id'])).toEqual(PERSON_SUMMARY);
    expect(await p.rows('cities', 'marts', ['active'])).toEqual([
      { active: false, names: 'Борис, младший', has_top_score: false, people: 1 },
      { active: true, names: 'Chloé | Анна', has_top_score: true, people: 2 },
    ]);
    expect(await p.rows('events_latest', 'marts', ['event_id'])).toEqual([event(1, 1, 10, 1), event(2, 2, 20.5, 1)]);
  });

  it('appends new rows and merges by unique_key on the next run', async () => {
    const run = await p.cli(['build', '--vars', '{batch: 2}']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=15 WARN=3 ERROR=0 SKIP=0 TOTAL=18/);
    expect(p.results()).toMatchObject({
      'model.events_appended': 'success 3',
      'model.events_latest': 'success 3',
      'test.relationships_events_latest_person_id_e4d325153d': 'warn 1',
      'test.assert_amounts_reconcile': 'pass',
    });
    expect(await p.rows('events_appended', 'marts', ['batch', 'event_id'])).toEqual([
      event(1, 1, 10, 1),
      event(2, 2, 20.5, 1),
      event(2, 2, 25, 2),
      event(3, 1, 5.25, 2),
      event(4, 9, 1, 2),
    ]);
    expect(await p.rows('events_latest', 'marts', ['event_id'])).toEqual([event(1, 1, 10, 1), event(2, 2, 25, 2), event(3, 1, 5.25, 2), event(4, 9, 1, 2)]);
    expect(await kindOf('events_latest__strata_delta', 'marts')).toBeNull();
  });

  it('rebuilds an incremental model from scratch with --full-refresh', async () => {
    const run = await p.cli(['run', '-s', 'events_appended', '--full-refresh']);
    expect(run.code).toBe(0);
    expect(p.results()).toEqual({ 'model.events_appended': 'success 2' });
    expect(await p.rows('events_appended', 'marts', ['event_id'])).toEqual([event(1, 1, 10, 1), event(2, 2, 20.5, 1)]);
  });

  it('keeps every row of an incremental model when its merge fails half-way', async () => {
    // The delta builds, the matched rows are deleted, then the insert fails on 'n/a': the
    // delete must be rolled back with it.
    p.write(
      'models/marts/events_latest.sql',
      `{{ config(materialized='incremental', unique_key='event_id') }}
select event_id, person_id, case when event_id = 2 then 'n/a' else cast(amount as varchar) end as amount, batch
from {{ ref('stg_events') }}
`,
    );
    const run = await p.cli(['run', '-s', 'events_latest', '--vars', '{batch: 2}']);
    expect(run.code).toBe(1);
    expect(p.results()).toEqual({ 'model.events_latest': 'error' });
    expect(run.stdout).toMatch(/n\/a/);
    expect(await p.rows('events_latest', 'marts', ['event_id'])).toEqual([event(1, 1, 10, 1), event(2, 2, 25, 2), event(3, 1, 5.25, 2), event(4, 9, 1, 2)]);
  });

  it('keeps the previous table when a rebuild fails, names the model file and line, and skips its children', async () => {
    p.write('models/marts/person_summary.sql', "-- broken on purpose\nselect person_id,\n    no_such_column\nfrom {{ ref('stg_people') }}\n");
    const run = await p.cli(['build', '-s', 'person_summary+', 'cities']);
    expect(run.code).toBe(1);
    expect(p.results()).toEqual({ 'model.person_summary': 'error', 'test.assert_amounts_reconcile': 'skipped', 'model.cities': 'success 2' });
    expect(run.stdout).toMatch(/Error in model person_summary \(models\/marts\/person_summary\.sql:3\)/);
    expect(run.stdout).toMatch(/no_such_column/i);
    const results = JSON.parse(p.read('target/run_results.json')) as { results: { uniqueId: string; file?: string; line?: number; message: string }[] };
    expect(results.results.find((r) => r.uniqueId.endsWith('.person_summary'))).toMatchObject({
      file: 'models/marts/person_summary.sql',
      line: 3,
      message: expect.stringMatching(/no_such_column/i),
    });
    // The live table is the previous complete version; no staged table is left behind.
    expect(await p.rows('person_summary', 'marts', ['person_id'])).toEqual(
      PERSON_SUMMARY.map((row) => ({ ...row, ...(row.person_id === 2 ? { amount: 25, amount_per_event: 25 } : {}), ...(row.person_id === 1 ? { events: 2, amount: 15.25, amount_per_event: 7.625 } : {}) })),
    );
    expect(await kindOf('person_summary__strata_tmp', 'marts')).toBeNull();
  });
});

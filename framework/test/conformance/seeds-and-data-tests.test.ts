/**
 * Seeds and data tests on every target: Cyrillic text, quoted fields, declared and inferred
 * column types; the four generic tests, a custom generic test and a singular test, with
 * severity warn, where and store_failures.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConformanceProject, createProject, describeConformance, typeFamily } from './conformance-project.js';

const PEOPLE = [
  { id: 1, name: 'Анна', city: 'Москва', joined_on: '2024-01-31', born_on: '1990-01-31', score: 9.5, active: true, note: 'Say "hi"' },
  // An empty field is NULL ...
  { id: 2, name: 'Борис, младший', city: 'Санкт-Петербург, центр', joined_on: '2024-02-29', born_on: '1985-12-15', score: 7.25, active: false, note: null },
  // ... and a quoted empty field ("") an empty string.
  { id: 3, name: 'Chloé', city: 'Казань', joined_on: '2023-12-01', born_on: '2000-02-29', score: null, active: true, note: '' },
];

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
  });
  afterAll(() => p?.cleanup());

  it('loads seeds with Cyrillic text, quoted fields, and declared or inferred types', async () => {
    const run = await p.cli(['seed']);
    expect(run.code).toBe(0);
    expect(p.results()).toEqual({ 'seed.people': 'success 3', 'seed.events': 'success 5' });
    expect(await p.rows('people', 'raw', ['id'])).toEqual(PEOPLE);
    const columns = await p.withAdapter(async (adapter) => {
      const connection = await adapter.connect();
      try {
        return await adapter.introspector(connection).getColumns(p.relation('people', 'raw'));
      } finally {
        await connection.close();
      }
    });
    // id: declared bigint; joined_on: declared varchar although it looks like a date; the rest inferred.
    expect(columns.map((c) => [c.name.toLowerCase(), typeFamily(c.type)])).toEqual([
      ['id', 'integer'],
      ['name', 'text'],
      ['city', 'text'],
      ['joined_on', 'text'],
      ['born_on', 'date'],
      ['score', 'float'],
      ['active', 'boolean'],
      ['note', 'text'],
    ]);
  });

  it('runs generic, custom generic and singular tests with severity, where and store_failures', async () => {
    const run = await p.cli(['build']);
    expect(run.code).toBe(0);
    const results = p.results();
    const tests = Object.fromEntries(Object.entries(results).filter(([id]) => id.startsWith('test.')));
    expect(tests).toEqual({
      'test.unique_stg_people_person_id': 'pass',
      'test.not_null_stg_people_person_id': 'pass',
      'test.accepted_values_stg_people_city_________': 'pass',
      // severity warn: one NULL note (the "" note is an empty string, not NULL).
      'test.not_null_stg_people_note': 'warn 1',
      // where: person 3 has no score, and is excluded.
      'test.not_null_stg_people_score': 'pass',
      // severity warn + store_failures.
      'test.accepted_values_stg_people_name___': 'warn 2',
      'test.unique_events_latest_event_id': 'pass',
      'test.not_null_events_latest_event_id': 'pass',
      'test.is_positive_events_latest_amount': 'pass',
      'test.relationships_events_latest_person_id_e4d325153d': 'pass',
      'test.assert_amounts_reconcile': 'pass',
    });
    expect(run.stdout).toMatch(/WARN 1 not_null_stg_people_note/);
    expect(run.stdout).toMatch(/Got 2 failures; see \S+dbt_test__audit\S+accepted_values_stg_people_name___/i);
    expect(await p.rows('accepted_values_stg_people_name___', 'dbt_test__audit', ['value_field'])).toEqual([
      { value_field: 'Chloé', n_records: 1 },
      { value_field: 'Борис, младший', n_records: 1 },
    ]);
  });

  it('fails on failing tests with exit code 1 and the number of failing rows', async () => {
    p.write('tests/assert_everyone_active.sql', "select person_id from {{ ref('stg_people') }} where not active\n");
    p.write('macros/at_most.sql', '{% test at_most(model, column_name, max_value) %}\nselect {{ column_name }} from {{ model }} where {{ column_name }} > {{ max_value }}\n{% endtest %}\n');
    p.write(
      'models/more_tests.yml',
      'version: 2\nmodels:\n  - name: person_summary\n    columns:\n      - name: amount\n        tests:\n          - at_most:\n              max_value: 15\n',
    );
    const run = await p.cli(['test', '-s', 'assert_everyone_active', 'test_name:at_most']);
    expect(run.code).toBe(1);
    expect(p.results()).toEqual({ 'test.assert_everyone_active': 'fail 1', 'test.at_most_person_summary_amount__15': 'fail 1' });
    expect(run.stdout).toMatch(/FAIL 1 assert_everyone_active/);
  });
});

/**
 * The adapter's catalog (getRelation / listRelations / getColumns / rowCount) after a build, and
 * how each target explains a warehouse it cannot use (bad credentials on Snowflake, an
 * unopenable database file on DuckDB), on every target.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Introspector } from '../../src/adapters/adapter.js';
import { type ConformanceProject, createProject, describeConformance, typeFamily } from './conformance-project.js';

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
  });
  afterAll(() => p?.cleanup());

  /** Run `work` with the target's introspector. */
  const inspect = <T>(work: (introspector: Introspector) => Promise<T>) =>
    p.withAdapter(async (adapter) => {
      const connection = await adapter.connect();
      try {
        return await work(adapter.introspector(connection));
      } finally {
        await connection.close();
      }
    });

  it('finds relations and their kinds, and nothing where nothing was built', async () => {
    expect((await p.cli(['seed', '--quiet'])).code).toBe(0);
    expect((await p.cli(['run', '--quiet'])).code).toBe(0);
    const found = await inspect(async (i) => ({
      view: await i.getRelation(p.relation('stg_people', 'staging')),
      table: await i.getRelation(p.relation('person_summary', 'marts')),
      missing: await i.getRelation(p.relation('no_such_model', 'marts')),
      missingSchema: await i.getRelation(p.relation('person_summary', 'no_such_schema')),
    }));
    expect(found.view).toMatchObject({ ...p.relation('stg_people', 'staging'), kind: 'view' });
    expect(found.table).toMatchObject({ ...p.relation('person_summary', 'marts'), kind: 'table' });
    expect(found.missing).toBeNull();
    expect(found.missingSchema).toBeNull();
  });

  it('lists the relations of a schema', async () => {
    const listed = await inspect(async (i) => ({
      marts: await i.listRelations(p.relation('x', 'marts').schema, p.relation('x').database),
      staging: await i.listRelations(p.relation('x', 'staging').schema, p.relation('x').database),
      none: await i.listRelations(p.relation('x', 'no_such_schema').schema, p.relation('x').database),
    }));
    // Names come back as the warehouse stores them (Snowflake folds to upper case).
    const names = (relations: { identifier: string; kind: string }[]) => relations.map((r) => [r.identifier.toLowerCase(), r.kind]);
    expect(names(listed.marts)).toEqual([
      ['cities', 'table'],
      ['events_appended', 'table'],
      ['events_latest', 'table'],
      ['person_summary', 'table'],
    ]);
    expect(names(listed.staging)).toEqual([['stg_people', 'view']]);
    expect(listed.none).toEqual([]);
  });

  it('describes columns in order and counts rows of tables and views', async () => {
    const described = await inspect(async (i) => ({
      columns: await i.getColumns(p.relation('person_summary', 'marts')),
      viewColumns: await i.getColumns(p.relation('stg_people', 'staging')),
      missing: await i.getColumns(p.relation('no_such_model', 'marts')),
      rows: [await i.rowCount(p.relation('people', 'raw')), await i.rowCount(p.relation('stg_people', 'staging')), await i.rowCount(p.relation('cities', 'marts'))],
    }));
    expect(described.columns.map((c) => [c.name.toLowerCase(), typeFamily(c.type)])).toEqual([
      ['person_id', 'integer'],
      ['name', 'text'],
      ['joined_month', 'text'],
      ['born_month', 'date'],
      ['born_plus_month', 'date'],
      ['days_alive_at_join', 'integer'],
      ['born_month_end', 'date'],
      ['state', 'text'],
      ['events', 'integer'],
      ['amount', 'float'],
      ['amount_per_event', 'float'],
      ['note_as_int', 'integer'],
      ['city_head', 'text'],
    ]);
    expect(described.viewColumns.map((c) => c.name.toLowerCase())).toEqual(['person_id', 'name', 'city', 'joined_on', 'born_on', 'score', 'active', 'note']);
    expect(described.missing).toEqual([]);
    expect(described.rows).toEqual([3, 3, 2]);
  });

  it.runIf(target.kind === 'snowflake')('explains bad credentials without printing them', async () => {
    const wrong = 'Wr0ng-Passw0rd!';
    const run = await p.cli(['run', '-s', 'stg_people'], { CONF_SF_PASSWORD: wrong, CONF_SF_PRIVATE_KEY_PATH: '' });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/Snowflake \[390100\]: Snowflake rejected the user name or password\./);
    expect(run.output).toMatch(/Check `user` and `password` in the target/);
    expect(run.output).not.toContain(wrong);
    expect(run.output).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it.runIf(target.kind === 'duckdb')('explains a database file it cannot open', async () => {
    // The configured database path is now a folder.
    const path = join(p.dir, 'target/conformance.duckdb');
    rmSync(path, { force: true });
    mkdirSync(path);
    const run = await p.cli(['run', '-s', 'stg_people']);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/Cannot open the DuckDB database \S+conformance\.duckdb/);
    expect(run.output).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('jaffle')));
afterEach(() => p.cleanup());

async function expectUserError(argv: string[], pattern: RegExp) {
  const run = await strata(p.dir, argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(pattern);
  expect(run.output).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  // Nothing touched the warehouse.
  expect(existsSync(join(p.dir, 'target/jaffle.duckdb'))).toBe(false);
  return run;
}

describe('invalid projects fail before touching the warehouse, with file, line and fix', () => {
  it('reports bad YAML with its line and column', async () => {
    p.write('models/schema.yml', 'version: 2\nmodels:\n  - name: orders\n    description: "unclosed\n  - name: x\n');
    await expectUserError(['build'], /models\/schema\.yml:\d+:\d+: Invalid YAML/);
  });

  it('suggests the closest name for a missing ref, at the line of the call', async () => {
    p.write('models/marts/customers.sql', "select 1 as customer_id\n\nfrom {{ ref('stg_customer') }}\n");
    const run = await expectUserError(['run'], /models\/marts\/customers\.sql:3: ref\('stg_customer'\) not found/);
    expect(run.stderr).toMatch(/did you mean 'stg_customers'\?/i);
  });

  it('reports a missing source', async () => {
    p.write('models/staging/stg_x.sql', "select * from {{ source('raw', 'nope') }}\n");
    await expectUserError(['compile'], /stg_x\.sql:1: source\('raw', 'nope'\) not found/);
  });

  it('reports a cycle as the path that closes it', async () => {
    p.write('models/staging/stg_orders.sql', "select * from {{ ref('orders') }}\n");
    const build = await expectUserError(['build'], /Dependency cycle: (\w+ -> ){2,}\w+/);
    // parse and compile without selectors check for cycles without building the graph first: the same report.
    const untimed = (text: string) => text.replace(/^\d\d:\d\d:\d\d\s+/gm, '');
    for (const command of ['compile', 'parse', 'ls']) expect(untimed((await expectUserError([command], /Dependency cycle/)).stderr)).toBe(untimed(build.stderr));
    expect(existsSync(join(p.dir, 'target/manifest.json'))).toBe(false);
  });

  it('reports two models with one name', async () => {
    p.write('models/marts/stg_orders.sql', 'select 1 as x\n');
    await expectUserError(['parse'], /Two models are named 'stg_orders': models\/marts\/stg_orders\.sql and models\/staging\/stg_orders\.sql|Two models are named 'stg_orders': models\/staging\/stg_orders\.sql and models\/marts\/stg_orders\.sql/);
  });

  it('reports a ragged seed row with its line', async () => {
    p.write('seeds/raw_orders.csv', 'id,user_id,order_date,status\n1,1,2018-01-01,returned\n2,3,2018-01-02\n');
    await expectUserError(['seed'], /seeds\/raw_orders\.csv:3: Row has 3 fields but the header has 4/);
  });

  it('reports template syntax errors with the line', async () => {
    p.write('models/marts/customers.sql', 'select 1\n{% if true %}\nfrom x\n');
    await expectUserError(['compile'], /models\/marts\/customers\.sql:\d+/);
  });

  it('reports an undefined var with how to define it', async () => {
    p.write('models/marts/customers.sql', "select {{ var('missing_var') }} as x\n");
    const run = await expectUserError(['compile'], /models\/marts\/customers\.sql:1:\d+: Required var 'missing_var' is not defined/);
    expect(run.stderr).toMatch(/--vars/);
  });

  it('reports every error at once', async () => {
    p.write('models/marts/customers.sql', "select * from {{ ref('nope_one') }}\n");
    p.write('models/marts/orders.sql', "select * from {{ ref('nope_two') }}\n");
    const run = await expectUserError(['build'], /nope_one/);
    expect(run.stderr).toMatch(/nope_two/);
  });

  it('warns on unknown config keys with a did-you-mean, and still runs', async () => {
    p.write('models/marts/customers.sql', "{{ config(materialised='table') }}\nselect 1 as customer_id\n");
    const run = await strata(p.dir, ['parse']);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/Unknown config key 'materialised'[\s\S]*Did you mean 'materialized'\?/);
  });

  it('rejects bad command lines with exit 2', async () => {
    expect((await strata(p.dir, ['biuld'])).stderr).toMatch(/Unknown command 'biuld'[\s\S]*strata build/);
    expect((await strata(p.dir, ['run', '--threds', '2'])).stderr).toMatch(/Did you mean --threads\?/);
    expect((await strata(p.dir, ['run', '--threads', 'x'])).code).toBe(2);
    const sel = await strata(p.dir, ['ls', '-s', 'tga:x']);
    expect(sel.code).toBe(2);
    expect(sel.stderr).toMatch(/Did you mean 'tag:'\?/);
  });

  it('reports an unknown target and a missing project', async () => {
    await expectUserError(['run', '--target', 'prdo'], /Target 'prdo' is not defined/);
    const run = await strata(join(p.dir, 'models'), ['run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No project\.yml/);
  });
});

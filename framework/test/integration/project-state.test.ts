/**
 * The project state (parse/project-state.ts, cli/fast-path.ts): `compile` and `ls` answer without
 * parsing when nothing changed, and re-render only edited model bodies; every answer must be the
 * one a full parse gives, and anything else must parse in full.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('jaffle')));
afterEach(() => p.cleanup());

const UNCHANGED = 'Project state: nothing changed';
const EDITED = /Project state: (\d+) changed model file\(s\) rendered again/;
/** A line of an answer that reused the state (a full parse prints neither). */
const REUSED = /Project state: (nothing changed|\d+ changed model)/;

/** Everything compile writes, generatedAt aside. */
function artifacts(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  out.manifest = readFileSync(join(dir, 'target/manifest.json'), 'utf8').replace(/"generatedAt":"[^"]*"/, '"generatedAt":""');
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== '.index.json') out[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(dir, 'target/compiled'));
  return out;
}

/** What a full parse of the project's current files writes and prints (a copy without target/). */
async function fromScratch(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ artifacts: Record<string, string>; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-scratch-'));
  try {
    cpSync(p.dir, dir, { recursive: true, filter: (src) => !src.includes('/target') });
    const run = await strata(dir, argv, env);
    return { artifacts: argv[0] === 'compile' ? artifacts(dir) : {}, stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (out: string) => out.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, '').replace(/in \d+\.\d+s/, 'in Xs')).filter((l) => !/Project state|Parse cache/.test(l));

describe('the project state', () => {
  it('answers an unchanged compile without parsing, leaving every artifact as it was', async () => {
    await strata(p.dir, ['compile']);
    const manifest = readFileSync(join(p.dir, 'target/manifest.json'), 'utf8');
    const second = await strata(p.dir, ['compile', '--debug']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(UNCHANGED);
    expect(second.stdout).toMatch(/Compiled \d+ nodes in/);
    expect(readFileSync(join(p.dir, 'target/manifest.json'), 'utf8')).toBe(manifest);
    const scratch = await fromScratch(['compile']);
    expect(lines(second.stdout)).toEqual(lines(scratch.stdout));
  });

  it('re-renders only an edited model and writes what a full parse writes', async () => {
    await strata(p.dir, ['compile']);
    p.write('models/staging/stg_orders.sql', "select id as order_id, user_id as customer_id, order_date, lower(status) as status -- ü\nfrom {{ ref('raw_orders') }}\n");
    const run = await strata(p.dir, ['compile', '--debug']);
    expect(run.stdout).toMatch(EDITED);
    expect(EDITED.exec(run.stdout)![1]).toBe('1');
    expect(p.read('target/compiled/jaffle/models/staging/stg_orders.sql')).toContain('lower(status)');
    const scratch = await fromScratch(['compile']);
    expect(artifacts(p.dir)).toEqual(scratch.artifacts);
    expect(lines(run.stdout)).toEqual(lines(scratch.stdout));
    // And again from the spliced manifest.
    p.write('models/marts/orders.sql', p.read('models/marts/orders.sql') + '\n-- second edit\n');
    const again = await strata(p.dir, ['compile', '--debug']);
    expect(again.stdout).toMatch(EDITED);
    expect(artifacts(p.dir)).toEqual((await fromScratch(['compile'])).artifacts);
  });

  it('parses in full when an edit changes refs, config or anything but a model body', async () => {
    const edits: Array<[string, () => void]> = [
      ['a new ref', () => p.write('models/staging/stg_orders.sql', "select id as order_id, user_id as customer_id, order_date, status\nfrom {{ ref('raw_orders') }} join {{ ref('raw_customers') }} on true\n")],
      ['config()', () => p.write('models/staging/stg_orders.sql', "{{ config(materialized='table') }}select id as order_id, user_id as customer_id, order_date, status\nfrom {{ ref('raw_orders') }}\n")],
      ['a schema file', () => p.write('models/schema.yml', p.read('models/schema.yml').replace('One row per customer.', 'One row per customer!'))],
      ['a macro', () => p.write('macros/cents_to_dollars.sql', '{% macro cents_to_dollars(column_name, scale=2) -%}\n    round({{ column_name }} / 1000.0, {{ scale }})\n{%- endmacro %}\n')],
      ['a new model', () => p.write('models/staging/stg_extra.sql', "select 1 as x from {{ ref('raw_orders') }}\n")],
      ['a seed', () => p.write('seeds/raw_orders.csv', p.read('seeds/raw_orders.csv') + '999,1,2018-04-09,placed\n')],
    ];
    for (const [what, edit] of edits) {
      await strata(p.dir, ['compile']);
      edit();
      const run = await strata(p.dir, ['compile', '--debug']);
      expect(run.code, what).toBe(0);
      expect(run.stdout, what).not.toMatch(REUSED);
      expect(artifacts(p.dir), what).toEqual((await fromScratch(['compile'])).artifacts);
    }
  });

  it('is never stale: vars, env vars read by templates, volatile templates, deleted outputs', async () => {
    await strata(p.dir, ['compile']);
    const vars = await strata(p.dir, ['compile', '--vars', '{min_amount: 7}', '--debug']);
    expect(vars.stdout).not.toMatch(REUSED);
    expect(p.read('target/compiled/jaffle/models/marts/orders.sql')).toContain('where amount > 7');

    p.write('models/staging/stg_customers.sql', "select id as customer_id, first_name, last_name, city, '{{ env_var('REGION', 'eu') }}' as region\nfrom {{ ref('raw_customers') }}\n");
    await strata(p.dir, ['compile'], { REGION: 'north' });
    const south = await strata(p.dir, ['compile', '--debug'], { REGION: 'south' });
    expect(south.stdout).not.toMatch(REUSED);
    expect(p.read('target/compiled/jaffle/models/staging/stg_customers.sql')).toContain("'south' as region");
    expect((await strata(p.dir, ['compile', '--debug'], { REGION: 'south' })).stdout).toContain(UNCHANGED);

    // A template that reads the invocation id renders differently every run: never reused.
    p.write('models/staging/stg_payments.sql', p.read('models/staging/stg_payments.sql') + "\n-- {{ invocation_id }}\n");
    await strata(p.dir, ['compile']);
    const first = p.read('target/compiled/jaffle/models/staging/stg_payments.sql');
    const volatile = await strata(p.dir, ['compile', '--debug']);
    expect(volatile.stdout).not.toMatch(REUSED);
    expect(p.read('target/compiled/jaffle/models/staging/stg_payments.sql')).not.toBe(first);

    // A deleted compiled file is written again.
    p.write('models/staging/stg_payments.sql', "select id as payment_id, order_id, payment_method, amount\nfrom {{ ref('raw_payments') }}\n");
    await strata(p.dir, ['compile']);
    rmSync(join(p.dir, 'target/compiled/jaffle/models/marts/customers.sql'));
    const restored = await strata(p.dir, ['compile', '--debug']);
    expect(restored.stdout).not.toMatch(REUSED);
    expect(p.read('target/compiled/jaffle/models/marts/customers.sql')).toContain('select');
  });

  it('sees a same-size edit even when the mtime is put back', async () => {
    await strata(p.dir, ['compile']);
    const file = join(p.dir, 'models/staging/stg_orders.sql');
    const before = statSync(file);
    p.write('models/staging/stg_orders.sql', p.read('models/staging/stg_orders.sql').replace('status', 'STATUS'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    await strata(p.dir, ['compile']);
    expect(p.read('target/compiled/jaffle/models/staging/stg_orders.sql')).toContain('STATUS');
  });

  it('lists from the light node index exactly as a full parse does', async () => {
    await strata(p.dir, ['compile']);
    for (const argv of [['ls'], ['ls', '-s', 'tag:staging+'], ['ls', '-s', '+orders', '--output', 'json'], ['ls', '-s', 'resource_type:test', '--output', 'path'], ['ls', '-s', 'source:*+1', '--output', 'name'], ['ls', '--exclude', 'stg_*']]) {
      const expected = lines((await fromScratch(argv)).stdout);
      // Selected now, then printed again from what was kept for this selection.
      for (const attempt of ['selected', 'kept']) {
        const run = await strata(p.dir, [...argv, '--debug']);
        expect(run.stdout, `${argv.join(' ')} (${attempt})`).toContain(UNCHANGED);
        expect(lines(run.stdout), `${argv.join(' ')} (${attempt})`).toEqual(expected);
      }
    }
    // After a body edit too (the index is unchanged; nothing is written).
    p.write('models/staging/stg_orders.sql', p.read('models/staging/stg_orders.sql') + '\n-- edit\n');
    const edited = await strata(p.dir, ['ls', '-s', 'tag:staging+', '--debug']);
    expect(edited.stdout).toMatch(EDITED);
    expect(lines(edited.stdout)).toEqual(lines((await fromScratch(['ls', '-s', 'tag:staging+'])).stdout));
    // A bad selector is reported as a full parse reports it.
    const bad = await strata(p.dir, ['ls', '-s', 'nosuchmethod:x']);
    const scratchBad = await fromScratch(['ls', '-s', 'nosuchmethod:x']);
    expect(bad.code).toBe(2);
    expect(lines(bad.stdout)).toEqual(lines(scratchBad.stdout));
  });
});

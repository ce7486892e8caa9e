import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../../src/adapters/duckdb/dialect.js';
import { parseProject } from '../../src/parse/parse-project.js';
import { scannedTexts, scanProject } from '../../src/parse/project-state.js';
import { loadProject } from '../../src/project/load-project.js';
import { copyFixture, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('jaffle')));
afterEach(() => p.cleanup());

const compiled = (name: string) => p.read(`target/compiled/jaffle/models/${name}`);
const cacheLine = (out: string) => /Parse cache: (\d+) hits, (\d+) misses/.exec(out)!.slice(1).map(Number);

describe('the parse cache is never stale', () => {
  it('reuses renders when nothing changed and re-renders only an edited model', async () => {
    const first = await strata(p.dir, ['compile', '--debug']);
    expect(cacheLine(first.stdout)[0]).toBe(0);
    const second = await strata(p.dir, ['compile', '--debug']);
    const [hits, misses] = cacheLine(second.stdout);
    expect(misses).toBe(0);
    // 5 models, 1 singular test and the schema file (generic test SQL is memoised, not cached).
    expect(hits).toBe(7);
    p.write('models/staging/stg_orders.sql', "select id as order_id, user_id as customer_id, order_date, upper(status) as status\nfrom {{ ref('raw_orders') }}\n");
    const third = await strata(p.dir, ['compile', '--debug']);
    expect(cacheLine(third.stdout)[1]).toBe(1);
    expect(compiled('staging/stg_orders.sql')).toContain('upper(status)');
  });

  it('is invalidated by a changed macro', async () => {
    await strata(p.dir, ['compile']);
    expect(compiled('marts/orders.sql')).toContain('/ 100.0');
    p.write('macros/cents_to_dollars.sql', '{% macro cents_to_dollars(column_name, scale=2) -%}\n    round({{ column_name }} / 1000.0, {{ scale }})\n{%- endmacro %}\n');
    await strata(p.dir, ['compile']);
    expect(compiled('marts/orders.sql')).toContain('/ 1000.0');
  });

  it('is invalidated by a changed var', async () => {
    await strata(p.dir, ['compile']);
    expect(compiled('marts/orders.sql')).toContain('where amount > 0');
    await strata(p.dir, ['compile', '--vars', '{min_amount: 7}']);
    expect(compiled('marts/orders.sql')).toContain('where amount > 7');
  });

  it('is invalidated by a changed env var that a model reads', async () => {
    p.write('models/staging/stg_customers.sql', "select id as customer_id, first_name, last_name, city, '{{ env_var('REGION', 'eu') }}' as region\nfrom {{ ref('raw_customers') }}\n");
    await strata(p.dir, ['compile'], { REGION: 'north' });
    expect(compiled('staging/stg_customers.sql')).toContain("'north' as region");
    await strata(p.dir, ['compile'], { REGION: 'south' });
    expect(compiled('staging/stg_customers.sql')).toContain("'south' as region");
    await strata(p.dir, ['compile']);
    expect(compiled('staging/stg_customers.sql')).toContain("'eu' as region");
  });

  it('is invalidated by a changed schema file', async () => {
    await strata(p.dir, ['compile']);
    const before = p.json<{ nodes: Record<string, unknown> }>('target/manifest.json');
    expect(Object.keys(before.nodes).some((id) => id.startsWith('test.jaffle.not_null_customers_customer_id'))).toBe(true);
    p.write('models/schema.yml', p.read('models/schema.yml').replaceAll('      - name: customer_id\n        tests: [unique, not_null]\n', '      - name: customer_id\n        tests: [unique]\n'));
    await strata(p.dir, ['compile']);
    const after = p.json<{ nodes: Record<string, unknown> }>('target/manifest.json');
    expect(Object.keys(after.nodes).some((id) => id.startsWith('test.jaffle.not_null_customers_customer_id'))).toBe(false);
  });

  it('holds no test SQL when the test memo renders it, and a parse served by it writes what a cold one writes', async () => {
    // The jaffle project is small: its tests are built by applySchemaFiles itself (no render worker).
    await strata(p.dir, ['compile']);
    p.write('models/schema.yml', p.read('models/schema.yml').replace(/description: [^\n]*/, 'description: "Edited."'));
    const warm = await strata(p.dir, ['compile', '--debug']);
    expect(warm.stdout).toContain('parsing in full');
    const entries = (deserialize(readFileSync(join(p.dir, 'target', 'parse-cache.bin'))) as { entries: Map<string, unknown> }).entries;
    const values = [...entries.values()] as Array<Record<string, unknown>>;
    // The schema files are cached (as their JSON text, or as values when JSON would change one).
    expect(values.some((v) => 'patches' in v || (typeof v.json === 'string' && 'patches' in JSON.parse(v.json)))).toBe(true);
    expect(values.filter((v) => 'renderedCode' in v)).toEqual([]); // the tests are not
    const manifest = () => ({ ...p.json<Record<string, unknown>>('target/manifest.json'), metadata: undefined });
    const served = manifest();
    expect(Object.keys(served.nodes as object).filter((id) => id.startsWith('test.')).length).toBeGreaterThan(5);
    rmSync(join(p.dir, 'target'), { recursive: true, force: true });
    await strata(p.dir, ['compile']);
    expect(manifest()).toEqual(served);
  });

  it('keys a text alike whether a project scan read it (compile, ls, parse) or the parse did (run, build, docs)', async () => {
    p.write('models/staging/stg_cities.sql', "select 'Москва, ТЦ «Семеновский»' as city -- №1\n");
    const project = loadProject({ projectDir: p.dir, env: {} });
    const parse = async (scanned: boolean) => {
      const texts = scanned ? scannedTexts(scanProject(project, { values: [] })) : undefined;
      const parsed = await parseProject({ project, crossDb: createDuckDbDialect().macros, env: {}, invocationId: 'x', cacheDir: join(p.dir, 'target'), texts });
      return { stats: parsed.cacheStats!, nodes: parsed.manifest.nodes };
    };
    const cold = await parse(true);
    expect(cold.stats.hits).toBe(0);
    // 6 models, 1 singular test and the schema file: every one from the cache, with either reader.
    for (const scanned of [false, true, false]) {
      const warm = await parse(scanned);
      expect([warm.stats.hits, warm.stats.misses], `scanned: ${scanned}`).toEqual([8, 0]);
      expect(warm.nodes).toEqual(cold.nodes);
    }
    p.write('models/staging/stg_cities.sql', "select 'Москва' as city\n");
    const edited = await parse(false);
    expect([edited.stats.hits, edited.stats.misses]).toEqual([7, 1]);
    expect(edited.nodes['model.jaffle.stg_cities'].rawCode).toBe("select 'Москва' as city\n");
  });
});

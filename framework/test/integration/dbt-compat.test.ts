import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestArtifact } from '../../src/artifacts/types.js';
import { copyFixture, query, strata, type TempProject } from '../helpers.js';

let p: TempProject;
beforeEach(() => (p = copyFixture('dbt_shop')));
afterEach(() => p.cleanup());

describe('an unmodified dbt project (dbt_project.yml + profiles.yml)', () => {
  it('builds with every test passing', async () => {
    const run = await strata(p.dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Done\. PASS=12 WARN=0 ERROR=0 SKIP=0 TOTAL=12/);
    const rows = await query(join(p.dir, 'target/shop.duckdb'), 'select strftime(month, \'%Y-%m\') as m, currency, revenue from analytics.fct_monthly_revenue order by 1');
    expect(rows.map((r) => [r.m, r.currency])).toEqual([['2024-01', 'EUR'], ['2024-02', 'EUR']]);
    expect(rows[0].revenue).toBeCloseTo(3 * 19.99 + 49.99, 6);
    expect(rows[1].revenue).toBeCloseTo(2 * 19.99 + 10 * 9.99, 6);
    const manifest = p.json<ManifestArtifact>('target/manifest.json');
    expect(manifest.nodes['model.dbt_shop.fct_monthly_revenue'].columns.revenue.description).toBe('Quantity times unit price, in the project currency.');
    expect(manifest.nodes['model.dbt_shop.fct_monthly_revenue'].tags).toEqual(['finance']);
  });

  it('reads the target and env vars from profiles.yml', async () => {
    const run = await strata(p.dir, ['debug'], { DBT_DUCKDB_PATH: join(p.dir, 'other.duckdb') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('other.duckdb');
    expect(run.stdout).toContain('Connection test: OK');
  });
});

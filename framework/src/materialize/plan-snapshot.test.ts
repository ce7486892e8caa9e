import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Capabilities, ColumnType } from '../adapters/adapter.js';
import { createDuckDbDialect } from '../adapters/duckdb/dialect.js';
import { createSnowflakeDialect } from '../adapters/snowflake/dialect.js';
import type { SnapshotNode } from '../manifest/types.js';
import type { Plan } from './plan.js';
import { planSnapshot, snapshotConfigOf, snapshotStagingSteps, snapshotTime, type SnapshotPlanContext } from './plan-snapshot.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../../test/golden');
const duckCaps: Capabilities = { transactionalDdl: true, swapTables: false, merge: true, transientTables: false, maxThreads: 4 };
const snowCaps: Capabilities = { transactionalDdl: false, swapTables: true, merge: true, transientTables: true, maxThreads: 4 };
const TIME = '2024-05-01 12:00:00.000';
const SQL = "select id, name, updated_at from src;\n";

function render(plan: Plan, staging: Plan['steps'] = []): string {
  return [...staging, ...plan.steps].map((s) => {
    if (s.kind === 'sql') return `-- ${s.label}\n${s.sql};`;
    if (s.kind === 'load_csv') return `-- ${s.label}`;
    return `-- atomic${s.dml ? ' (dml)' : ''}\n${s.steps.map((x) => `-- ${x.label}\n${x.sql};`).join('\n')}\n-- end atomic`;
  }).join('\n') + '\n';
}

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(dialect: string, name: string, text: string) {
  const file = join(GOLDEN, dialect, `${name}.sql`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function snapshot(config: Record<string, unknown>, file = 'snapshots/s.sql'): SnapshotNode {
  return {
    uniqueId: 'snapshot.p.s', resourceType: 'snapshot', name: 's', packageName: 'p', originalFilePath: file, fqn: ['p', 's', 's'], tags: [],
    description: '', columns: {}, meta: {}, config: { enabled: true, materialized: 'snapshot', tags: [], ...config }, dependsOn: { nodes: [], macros: [] },
    language: 'sql', rawCode: '', checksum: '', refs: [], sources: [], relation: { schema: 'snapshots', identifier: 's' }, renderedCode: '', usesRuntime: false,
  };
}

const TS = { unique_key: 'id', strategy: 'timestamp', updated_at: 'updated_at' };
const CHECK = { unique_key: ['id', 'day'], strategy: 'check', check_cols: ['name'] };
const col = (name: string, type = 'VARCHAR'): ColumnType => ({ name, type });
const META = ['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'].map((n) => col(n));

const duck = (extra: Partial<SnapshotPlanContext> = {}): SnapshotPlanContext => ({
  dialect: createDuckDbDialect(), capabilities: duckCaps, existing: null, fullRefresh: false, snapshotTime: TIME, ...extra,
});
const snow = (extra: Partial<SnapshotPlanContext> = {}): SnapshotPlanContext => ({
  dialect: createSnowflakeDialect(), capabilities: snowCaps, existing: null, fullRefresh: false, snapshotTime: TIME, ...extra,
});
const existing = (source: ColumnType[], live: ColumnType[] = [col('id', 'INTEGER'), col('name'), col('updated_at', 'TIMESTAMP'), ...META]) =>
  ({ existing: 'table' as const, columns: { existing: live, source } });
const SOURCE = [col('id', 'INTEGER'), col('name'), col('updated_at', 'TIMESTAMP')];

describe('snapshot plans (golden SQL)', () => {
  it('timestamp strategy, first run: select + meta columns, built beside and swapped in', () =>
    golden('duckdb', 'snapshot-timestamp-new', render(planSnapshot(snapshot(TS), SQL, duck()))));

  it('timestamp strategy, later run with a new column and hard deletes invalidated', () => {
    const node = snapshot({ ...TS, invalidate_hard_deletes: true });
    const plan = planSnapshot(node, SQL, duck(existing([...SOURCE, col('tier')])));
    golden('duckdb', 'snapshot-timestamp-update', render(plan, snapshotStagingSteps(node, SQL, createDuckDbDialect())));
    // The column is added inside the transaction on DuckDB (transactional DDL).
    expect(plan.steps.filter((s) => s.kind === 'atomic')).toHaveLength(1);
  });

  it('check strategy on a composite key, first run', () => golden('duckdb', 'snapshot-check-new', render(planSnapshot(snapshot(CHECK), SQL, duck()))));

  it("check strategy, hard_deletes='new_record', later run", () => {
    const source = [col('id', 'INTEGER'), col('day', 'DATE'), col('name')];
    golden('duckdb', 'snapshot-check-new-record', render(planSnapshot(snapshot({ ...CHECK, hard_deletes: 'new_record' }), SQL, duck(existing(source, [...source, ...META])))));
  });

  it('renamed meta columns and dbt_valid_to_current', () => {
    const node = snapshot({ ...TS, snapshot_meta_column_names: { dbt_valid_from: 'valid_from', dbt_valid_to: 'valid_to' }, dbt_valid_to_current: "cast('9999-12-31' as timestamp)" });
    const live = [...SOURCE, col('dbt_scd_id'), col('dbt_updated_at'), col('valid_from'), col('valid_to')];
    golden('duckdb', 'snapshot-meta-names', render(planSnapshot(node, SQL, duck()), []) + render(planSnapshot(node, SQL, duck(existing(SOURCE, live)))));
  });

  it('Snowflake: a permanent table, new columns added before a DML-only transaction', () => {
    const node = snapshot({ ...TS, hard_deletes: 'invalidate' });
    const first = planSnapshot(node, SQL, snow());
    const later = planSnapshot(node, SQL, snow(existing([...SOURCE, col('tier')])));
    golden('snowflake', 'snapshot-timestamp', render(first) + render(later, snapshotStagingSteps(node, SQL, createSnowflakeDialect())));
    expect(render(first)).toMatch(/CREATE OR REPLACE TABLE "SNAPSHOTS"\."S__STRATA_TMP"/);
    expect(later.steps[0]).toMatchObject({ kind: 'sql', label: 'add column' });
    expect(later.steps[1]).toMatchObject({ kind: 'atomic', dml: true });
  });

  it('ignores --full-refresh (history cannot be rebuilt)', () => {
    const ctx = duck(existing(SOURCE));
    expect(planSnapshot(snapshot(TS), SQL, { ...ctx, fullRefresh: true })).toEqual(planSnapshot(snapshot(TS), SQL, ctx));
  });

  it('stamps runs in UTC with milliseconds', () => expect(snapshotTime(new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 5)))).toBe('2024-05-01 12:00:00.005'));
});

describe('snapshot config errors name the file and the fix', () => {
  const error = (config: Record<string, unknown>, file?: string) => {
    try {
      snapshotConfigOf(snapshot(config, file));
    } catch (err) {
      const d = (err as { diagnostics: Array<{ message: string; hint?: string; file?: string }> }).diagnostics[0];
      return `${d.file}: ${d.message} | ${d.hint}`;
    }
    return 'no error';
  };

  it.each([
    [{ unique_key: 'id' }, "snapshots/s.sql: Snapshot 's': strategy is missing | Add strategy='timestamp' with updated_at='<column>', or strategy='check' with check_cols=['<column>', ...] (or 'all'), to the config(...) call inside {% snapshot s %} in snapshots/s.sql."],
    [{ unique_key: 'id', strategy: 'chek', check_cols: 'all' }, `snapshots/s.sql: Snapshot 's': unknown strategy "chek" | Did you mean 'check'? Use strategy='timestamp' or strategy='check'.`],
    [{ strategy: 'check', check_cols: 'all' }, "snapshots/s.sql: Snapshot 's': unique_key is missing | Add unique_key='id' (or a list of columns) to the config(...) call inside {% snapshot s %} in snapshots/s.sql."],
    [{ unique_key: "id || '-' || day", strategy: 'check', check_cols: 'all' }, `snapshots/s.sql: Snapshot 's': unique_key must name columns of the select, not "id || '-' || day" | Compute the value as a column in the snapshot's select and name that column in unique_key.`],
    [{ unique_key: 'id', strategy: 'timestamp' }, "snapshots/s.sql: Snapshot 's': strategy 'timestamp' needs updated_at | Add updated_at='<column that says when the row last changed>' to the config(...) call inside {% snapshot s %} in snapshots/s.sql, or use strategy='check' with check_cols."],
    [{ unique_key: 'id', strategy: 'check', check_cols: 'name' }, `snapshots/s.sql: Snapshot 's': check_cols must be a list of columns or 'all', not "name" | Write check_cols=["name"] or check_cols='all'.`],
    [{ unique_key: 'id', strategy: 'check', check_cols: 'all', hard_deletes: 'delete' }, `snapshots/s.sql: Snapshot 's': unknown hard_deletes "delete" | Use one of: ignore, invalidate, new_record.`],
    [{ unique_key: 'id', strategy: 'check', check_cols: 'all', snapshot_meta_column_names: { dbt_valid_too: 'x' } }, "snapshots/s.sql: Snapshot 's': snapshot_meta_column_names has an unknown key 'dbt_valid_too' | Did you mean 'dbt_valid_to'? Keys: dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted."],
  ])('%j', (config, expected) => expect(error(config)).toBe(expected));

  it('points YAML snapshots at their config: block', () => {
    expect(error({ unique_key: 'id' }, 'snapshots/schema.yml')).toMatch(/under config: of snapshot 's' in snapshots\/schema\.yml\.$/);
  });

  it('maps the legacy invalidate_hard_deletes, hard_deletes wins', () => {
    expect(snapshotConfigOf(snapshot({ ...TS, invalidate_hard_deletes: true })).hardDeletes).toBe('invalidate');
    expect(snapshotConfigOf(snapshot({ ...TS, invalidate_hard_deletes: true, hard_deletes: 'new_record' })).hardDeletes).toBe('new_record');
    expect(snapshotConfigOf(snapshot(TS)).hardDeletes).toBe('ignore');
  });

  it('rejects a live table that is not a snapshot, and check_cols the select lacks', () => {
    expect(() => planSnapshot(snapshot(TS), SQL, duck(existing(SOURCE, SOURCE)))).toThrow(/"snapshots"\."s" exists but is not a snapshot/);
    expect(() => planSnapshot(snapshot({ ...CHECK, check_cols: ['nmae'] }), SQL, duck(existing([col('id'), col('day'), col('name')], [col('id'), col('day'), col('name'), ...META]))))
      .toThrow(/check_cols names 'nmae', which the select does not return/);
    expect(() => planSnapshot(snapshot(TS), SQL, duck({ existing: 'view' }))).toThrow(/"snapshots"\."s" is a view/);
  });
});

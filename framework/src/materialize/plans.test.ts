import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../adapters/duckdb/dialect.js';
import type { Capabilities } from '../adapters/adapter.js';
import type { ModelNode, SeedNode } from '../manifest/types.js';
import type { Plan, PlanContext } from './plan.js';
import { planModel, planSeed } from './plan-node.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../../test/golden/duckdb');
const caps: Capabilities = { transactionalDdl: true, swapTables: false, merge: true, transientTables: false, maxThreads: 4 };

function render(plan: Plan | null): string {
  if (!plan) return '-- no statements\n';
  return plan.steps.map((s) => {
    if (s.kind === 'sql') return `-- ${s.label}\n${s.sql};`;
    if (s.kind === 'load_csv') return `-- ${s.label}: ${s.request.columns.map((c) => `${c.name} ${c.type}`).join(', ')} -> ${s.request.relation.schema}.${s.request.relation.identifier}`;
    return `-- atomic\n${s.steps.map((x) => `${x.sql};`).join('\n')}\n-- end atomic`;
  }).join('\n') + '\n';
}

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, text: string) {
  const file = join(GOLDEN, `${name}.sql`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function model(materialized: string, config: Record<string, unknown> = {}): ModelNode {
  return {
    uniqueId: 'model.p.m', resourceType: 'model', name: 'm', packageName: 'p', originalFilePath: 'models/m.sql', fqn: ['p', 'm'], tags: [],
    description: '', columns: {}, meta: {}, config: { enabled: true, materialized, tags: [], ...config }, dependsOn: { nodes: [], macros: [] },
    language: 'sql', rawCode: '', checksum: '', refs: [], sources: [], relation: { schema: 'main_marts', identifier: 'm' }, renderedCode: '', usesRuntime: false,
  };
}

const ctx = (existing: PlanContext['existing'], extra: Partial<PlanContext> = {}): PlanContext => ({ dialect: createDuckDbDialect(), capabilities: caps, existing, fullRefresh: false, ...extra });
const SQL = 'select 1 as id';

describe('materialization plans (DuckDB golden SQL)', () => {
  it('view', () => golden('view-new', render(planModel(model('view'), SQL, ctx(null)))));
  it('view replacing a table', () => golden('view-over-table', render(planModel(model('view'), SQL, ctx('table')))));
  it('table first build', () => golden('table-new', render(planModel(model('table'), SQL, ctx(null)))));
  it('table rebuild swaps atomically', () => golden('table-swap', render(planModel(model('table'), SQL, ctx('table')))));
  it('incremental append', () => golden('incremental-append', render(planModel(model('incremental'), SQL, ctx('table', { existingColumns: ['id', 'v'] })))));
  it('incremental merge on a composite key', () => golden('incremental-merge', render(planModel(model('incremental', { unique_key: ['id', 'day'] }), SQL, ctx('table', { existingColumns: ['id', 'day', 'v'] })))));
  it('incremental full refresh is a table build', () => golden('incremental-full-refresh', render(planModel(model('incremental', { unique_key: 'id' }), SQL, ctx('table', { fullRefresh: true })))));
  it('incremental sync_all_columns alters the table inside the transaction', () => {
    const schemaChange = {
      existing: [{ name: 'id', type: 'INTEGER' }, { name: 'old', type: 'VARCHAR' }, { name: 'v', type: 'INTEGER' }],
      incoming: [{ name: 'id', type: 'INTEGER' }, { name: 'v', type: 'DOUBLE' }, { name: 'added', type: 'DATE' }],
    };
    const plan = planModel(model('incremental', { unique_key: 'id', on_schema_change: 'sync_all_columns' }), SQL, ctx('table', { existingColumns: ['id', 'old', 'v'], schemaChange }));
    golden('incremental-sync-all-columns', render(plan));
  });
  it('incremental on_schema_change=fail names every difference', () => {
    const schemaChange = { existing: [{ name: 'id', type: 'INTEGER' }, { name: 'gone', type: 'VARCHAR' }], incoming: [{ name: 'ID', type: 'BIGINT' }, { name: 'new', type: 'DATE' }] };
    expect(() => planModel(model('incremental', { on_schema_change: 'fail' }), SQL, ctx('table', { existingColumns: ['id', 'gone'], schemaChange })))
      .toThrow("The columns of incremental model 'm' changed: added new DATE; removed gone; changed type of id (INTEGER -> BIGINT)");
  });
  it('ephemeral has no statements', () => expect(planModel(model('ephemeral'), SQL, ctx(null))).toBeNull());
  it('seed', () => {
    const seed: SeedNode = {
      uniqueId: 'seed.p.s', resourceType: 'seed', name: 's', packageName: 'p', originalFilePath: 'seeds/s.csv', fqn: ['p', 's'], tags: [], description: '',
      columns: {}, meta: {}, config: { enabled: true, materialized: 'seed', tags: [] }, dependsOn: { nodes: [], macros: [] }, checksum: '',
      relation: { schema: 'main_seeds', identifier: 's' }, columnNames: ['id', 'name'], columnTypes: { id: 'integer', name: 'varchar' }, rowCount: 2,
    };
    golden('seed', render(planSeed(seed, '/project', ctx('table'))));
  });
  it('rejects an unknown materialization with the file', () => {
    expect(() => planModel(model('tabel'), SQL, ctx(null))).toThrow(/Unknown materialization 'tabel'/);
  });
});

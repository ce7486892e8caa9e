/**
 * A generated project of any size for docs size and speed measurements: sources, then layers of
 * models that each read one or two earlier nodes through CTEs, a join, a window function and
 * CASE, every model documented, tagged and tested. Deterministic (a fixed LCG), so sizes and
 * timings compare across runs.
 */
import type { CatalogArtifact, ManifestArtifact, NodeResult, RunResultsArtifact } from '../../src/artifacts/types.js';
import { makeManifest, makeModel, makeSource, makeTest } from './fixture-manifest.js';

export const SYNTHETIC_COLUMNS: Array<[string, string]> = [
  ['key_id', 'BIGINT'], ['amount', 'DOUBLE'], ['col_1', 'VARCHAR'], ['col_2', 'VARCHAR'], ['col_3', 'DOUBLE'],
  ['col_4', 'DOUBLE'], ['col_5', 'DOUBLE'], ['col_6', 'DATE'], ['col_7', 'BIGINT'], ['col_8', 'VARCHAR'],
];

const WORDS = ('revenue sales shop item category month daily weekly returns price quantity customer order ' +
  'payment region city store online family subtype discount margin cost stock inventory promotion season ' +
  'trend forecast baseline cohort retention churn basket ticket average median total share rank growth').split(' ');
const TAGS = ['finance', 'sales', 'ops', 'marketing', 'daily', 'monthly', 'core', 'experimental', 'pii', 'kpi'];

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface SyntheticProject {
  manifest: ManifestArtifact;
  catalog: CatalogArtifact;
  runResults: RunResultsArtifact;
  /** Relation name -> upstream; for building a warehouse. */
  relations: Array<{ schema: string; identifier: string }>;
}

/**
 * Generate a project of `models` models over `models / 100` sources (at least 5).
 *
 * @example const { manifest, catalog } = generateSyntheticProject(10_000);
 */
export function generateSyntheticProject(models: number, seed = 42): SyntheticProject {
  const random = createRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sourceCount = Math.max(5, Math.floor(models / 100));
  const columns = SYNTHETIC_COLUMNS.map(([name]) => ({ name, description: `The ${sentence(6)}.` }));
  const sources = Array.from({ length: sourceCount }, (_, j) =>
    makeSource('raw', `src_${j}`, { description: `Raw ${sentence(8)}.`, columns }));
  const upstream: Array<{ uniqueId: string; relation: string }> = sources.map((s) => ({ uniqueId: s.uniqueId, relation: `"raw"."${s.name}"` }));
  const modelNodes = [];
  const tests = [];
  for (let i = 0; i < models; i++) {
    const name = `model_${String(i).padStart(5, '0')}`;
    // Read from recent nodes, so the graph is deep as well as wide.
    const window = Math.min(upstream.length, 300);
    const p1 = upstream[upstream.length - 1 - Math.floor(random() * window)];
    const p2 = upstream[upstream.length - 1 - Math.floor(random() * window)];
    const sql = `with base as (
  select * from ${p1.relation}
), other as (
  select key_id, amount as other_amount, col_3 from ${p2.relation}
)
select b.key_id,
  sum(b.amount) over (partition by b.key_id order by b.col_1) as amount,
  b.col_1, upper(b.col_2) as col_2, coalesce(o.col_3, b.col_3) as col_3,
  b.col_4 + o.other_amount as col_4,
  case when b.col_5 > 0 then b.col_5 else o.other_amount end as col_5,
  b.col_6, b.col_7, b.col_8
from base as b
left join other as o using (key_id)`;
    const tags = [pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])];
    const model = makeModel(name, sql, {
      description: `Model of **${sentence(4)}** by ${sentence(10)}.`,
      tags: [...new Set(tags)],
      columns,
      dependsOn: [...new Set([p1.uniqueId, p2.uniqueId])],
      path: `models/${TAGS.indexOf(tags[0]) < 5 ? 'marts' : 'staging'}/${name}.sql`,
      config: { materialized: random() < 0.8 ? 'table' : 'view' },
    });
    modelNodes.push(model);
    tests.push(makeTest(`not_null_${name}_key_id`, model.uniqueId, 'not_null', 'key_id'));
    tests.push(makeTest(`unique_${name}_key_id`, model.uniqueId, 'unique', 'key_id'));
    upstream.push({ uniqueId: model.uniqueId, relation: `"main"."${name}"` });
  }
  const manifest = makeManifest([...sources, ...modelNodes, ...tests]);
  const entry = (uniqueId: string, schema: string, identifier: string, kind: 'table' | 'view') => ({
    uniqueId, relation: { schema, identifier }, kind,
    columns: SYNTHETIC_COLUMNS.map(([name, type], i) => ({ name, type, index: i + 1 })), rowCount: 1000,
  });
  const catalog: CatalogArtifact = {
    metadata: { schemaVersion: 'strata/catalog/v1', strataVersion: '0.1.0', generatedAt: '2025-01-15T09:00:00.000Z', targetName: 'dev' },
    nodes: Object.fromEntries(modelNodes.map((m) => [m.uniqueId, entry(m.uniqueId, 'main', m.name, m.config.materialized as 'table')])),
    sources: Object.fromEntries(sources.map((s) => [s.uniqueId, entry(s.uniqueId, 'raw', s.name, 'table')])),
    errors: [],
  };
  const result = (uniqueId: string, status: NodeResult['status']): NodeResult => ({
    uniqueId, status, message: status === 'fail' ? 'Got 3 failures' : 'OK', executionTime: 0.01, threadId: 'Thread-1',
    timing: [{ name: 'execute', startedAt: '2025-01-15T09:00:00.000Z', completedAt: '2025-01-15T09:00:01.000Z' }],
    ...(status === 'fail' ? { failures: 3 } : {}),
  });
  const runResults: RunResultsArtifact = {
    metadata: { schemaVersion: 'strata/run-results/v1', strataVersion: '0.1.0', generatedAt: '2025-01-15T09:05:00.000Z', invocationId: 'x', command: 'build', targetName: 'dev' },
    elapsedTime: 300,
    args: {},
    results: [...modelNodes.map((m) => result(m.uniqueId, 'success')), ...tests.map((t, i) => result(t.uniqueId, i % 97 === 0 ? 'fail' : 'pass'))],
  };
  return {
    manifest, catalog, runResults,
    relations: [...sources.map((s) => ({ schema: 'raw', identifier: s.name })), ...modelNodes.map((m) => ({ schema: 'main', identifier: m.name }))],
  };
}

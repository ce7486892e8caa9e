/**
 * Builders for hand-made manifests in docs tests: just enough of each node kind, with
 * defaults, so a test states only what it is about.
 */
import type { ManifestArtifact } from '../../src/artifacts/types.js';
import type {
  ColumnInfo, ExposureNode, ModelNode, NodeConfig, Relation, SeedNode, SourceNode, TestNode,
} from '../../src/manifest/types.js';

export const PROJECT = 'shop';

interface Common {
  description?: string;
  tags?: string[];
  columns?: Array<string | Partial<ColumnInfo> & { name: string }>;
  dependsOn?: string[];
  path?: string;
  config?: Partial<NodeConfig>;
}

function toColumns(list: Common['columns']): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  for (const c of list ?? []) {
    const col = typeof c === 'string' ? { name: c } : c;
    out[col.name] = { description: '', meta: {}, tags: [], ...col };
  }
  return out;
}

function base(resourceType: string, name: string, opts: Common, uniqueId: string) {
  return {
    uniqueId,
    name,
    packageName: PROJECT,
    originalFilePath: opts.path ?? `models/${name}.sql`,
    fqn: [PROJECT, name],
    tags: opts.tags ?? [],
    description: opts.description ?? '',
    columns: toColumns(opts.columns),
    meta: {},
    config: { enabled: true, materialized: resourceType === 'seed' ? 'seed' : 'view', tags: opts.tags ?? [], ...opts.config } as NodeConfig,
    dependsOn: { nodes: opts.dependsOn ?? [], macros: [] },
  };
}

export function makeModel(name: string, sql: string, opts: Common & { schema?: string; relation?: Relation } = {}): ModelNode {
  return {
    ...base('model', name, opts, `model.${PROJECT}.${name}`),
    resourceType: 'model', language: 'sql', rawCode: sql, renderedCode: sql, usesRuntime: false, checksum: 'x',
    refs: [], sources: [], relation: opts.relation ?? { schema: opts.schema ?? 'main', identifier: name },
  };
}

export function makeSource(sourceName: string, table: string, opts: Common & { schema?: string } = {}): SourceNode {
  return {
    ...base('source', table, { path: 'models/sources.yml', ...opts }, `source.${PROJECT}.${sourceName}.${table}`),
    resourceType: 'source', sourceName, sourceDescription: '', relation: { schema: opts.schema ?? sourceName, identifier: table },
  };
}

export function makeSeed(name: string, opts: Common & { schema?: string } = {}): SeedNode {
  return {
    ...base('seed', name, { path: `seeds/${name}.csv`, ...opts }, `seed.${PROJECT}.${name}`),
    resourceType: 'seed', checksum: 'x', relation: { schema: opts.schema ?? 'main', identifier: name },
    columnNames: [], columnTypes: {}, rowCount: 0,
  };
}

export function makeTest(name: string, attachedNode: string, testName: string, column?: string): TestNode {
  return {
    ...base('test', name, { path: 'models/schema.yml', dependsOn: [attachedNode] }, `test.${PROJECT}.${name}`),
    resourceType: 'test', testType: testName === 'singular' ? 'singular' : 'generic', rawCode: '', renderedCode: '', checksum: 'x',
    refs: [], sources: [], attachedNode, columnName: column,
    ...(testName === 'singular' ? {} : { testMetadata: { name: testName, kwargs: column ? { column_name: column } : {} } }),
  };
}

export function makeExposure(name: string, dependsOn: string[], opts: Common = {}): ExposureNode {
  return {
    ...base('exposure', name, { path: 'models/exposures.yml', dependsOn, ...opts }, `exposure.${PROJECT}.${name}`),
    resourceType: 'exposure', type: 'dashboard', refs: [], sources: [],
  };
}

/** Assemble a manifest artifact; `compiled` defaults to each model's raw SQL. */
export function makeManifest(nodes: Array<ModelNode | SourceNode | SeedNode | TestNode | ExposureNode>, compiled?: Record<string, string>): ManifestArtifact {
  const manifest: ManifestArtifact = {
    metadata: { schemaVersion: 'strata/manifest/v1', strataVersion: '0.1.0', generatedAt: '2025-01-15T09:00:00.000Z', projectName: PROJECT, targetName: 'dev', adapterType: 'duckdb' },
    nodes: {}, sources: {}, exposures: {}, macros: {}, docs: {}, parentMap: {}, childMap: {},
    compiled: compiled ?? {},
  };
  for (const node of nodes) {
    if (node.resourceType === 'source') manifest.sources[node.uniqueId] = node;
    else if (node.resourceType === 'exposure') manifest.exposures[node.uniqueId] = node;
    else manifest.nodes[node.uniqueId] = node;
    if (!compiled && node.resourceType === 'model') manifest.compiled![node.uniqueId] = node.rawCode;
  }
  return manifest;
}

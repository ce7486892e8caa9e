/**
 * Assemble the page data of every node from the manifest, the catalog, the last run results and
 * column lineage: one {@link DocsNode} per model, seed, snapshot, source, test and exposure.
 */
import type { CatalogArtifact, CatalogEntry, ManifestArtifact, RunResultsArtifact } from '../artifacts/types.js';
import type { AnyNode, TestNode } from '../manifest/types.js';
import type { ColumnLineage, DocsColumn, DocsColumnLink, DocsLink, DocsNode, DocsTestRef } from './types.js';
import { indexRunResults } from './summarize-run-results.js';
import { nodeValues } from '../manifest/node-list.js';

const lower = (s: string) => s.toLowerCase();

function listAllNodes(manifest: ManifestArtifact): AnyNode[] {
  return [...nodeValues(manifest.nodes), ...Object.values(manifest.sources), ...Object.values(manifest.exposures)];
}

function buildEdges(nodes: AnyNode[], manifest: ManifestArtifact): { parents: Map<string, Set<string>>; children: Map<string, Set<string>> } {
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const link = (parent: string, child: string) => {
    if (!parents.has(child)) parents.set(child, new Set());
    if (!children.has(parent)) children.set(parent, new Set());
    parents.get(child)!.add(parent);
    children.get(parent)!.add(child);
  };
  for (const node of nodes) for (const parent of node.dependsOn?.nodes ?? []) link(parent, node.uniqueId);
  for (const [child, list] of Object.entries(manifest.parentMap ?? {})) for (const parent of list) link(parent, child);
  return { parents, children };
}

function readTestColumn(test: TestNode): string | undefined {
  const kwarg = test.testMetadata?.kwargs?.column_name;
  return test.columnName ?? (typeof kwarg === 'string' ? kwarg : undefined);
}

function readRelationName(node: AnyNode): string | undefined {
  if (!('relation' in node) || !node.relation) return undefined;
  return [node.relation.database, node.relation.schema, node.relation.identifier].filter(Boolean).join('.');
}

/** Index column lineage in reverse: upstream column -> the columns computed from it. */
function indexDownstream(lineage: ColumnLineage): Map<string, Array<{ uniqueId: string; column: string }>> {
  const out = new Map<string, Array<{ uniqueId: string; column: string }>>();
  for (const [uniqueId, model] of Object.entries(lineage.models)) {
    for (const [column, refs] of Object.entries(model.columns)) {
      for (const ref of refs) {
        const key = `${ref.uniqueId}\u0000${lower(ref.column)}`;
        const list = out.get(key) ?? [];
        list.push({ uniqueId, column });
        out.set(key, list);
      }
    }
  }
  return out;
}

function buildColumns(node: AnyNode, entry: CatalogEntry | undefined, tests: DocsTestRef[], lineage: ColumnLineage,
  downstream: ReturnType<typeof indexDownstream>, toColumnLink: (id: string, column: string) => DocsColumnLink): DocsColumn[] {
  const declared = new Map(Object.values(node.columns ?? {}).map((c) => [lower(c.name), c]));
  const names = entry ? [...entry.columns].sort((a, b) => a.index - b.index).map((c) => c.name) : [];
  const inWarehouse = new Set(names.map(lower));
  for (const column of declared.values()) if (!inWarehouse.has(lower(column.name))) names.push(column.name);
  const modelLineage = lineage.models[node.uniqueId];
  return names.map((name) => {
    const info = declared.get(lower(name));
    const warehouseType = entry?.columns.find((c) => c.name === name)?.type;
    const column: DocsColumn = {
      name,
      description: info?.description ?? '',
      tags: info?.tags ?? [],
      tests: tests.filter((t) => t.columnName !== undefined && lower(t.columnName) === lower(name)),
      upstream: (modelLineage?.columns[name] ?? []).map((ref) => toColumnLink(ref.uniqueId, ref.column)),
      downstream: (downstream.get(`${node.uniqueId}\u0000${lower(name)}`) ?? []).map((ref) => toColumnLink(ref.uniqueId, ref.column)),
    };
    const type = warehouseType ?? info?.dataType;
    if (type) column.type = type;
    if (entry && !inWarehouse.has(lower(name))) column.missingInWarehouse = true;
    return column;
  });
}

/**
 * Build the page data of every node.
 *
 * @example
 * const pages = buildNodeDocs(manifest, runResults, catalog, lineage);
 * pages.find((p) => p.name === 'fct_monthly_sales')?.columns[0].upstream;
 */
export function buildNodeDocs(manifest: ManifestArtifact, runResults: RunResultsArtifact | undefined,
  catalog: CatalogArtifact, lineage: ColumnLineage): DocsNode[] {
  const nodes = listAllNodes(manifest);
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  const results = indexRunResults(runResults);
  const { parents, children } = buildEdges(nodes, manifest);
  const downstream = indexDownstream(lineage);
  const toLink = (id: string): DocsLink => {
    const n = byId.get(id);
    return { uniqueId: id, name: n?.name ?? id, resourceType: n?.resourceType ?? 'model' };
  };
  const toColumnLink = (id: string, column: string): DocsColumnLink => ({ ...toLink(id), column });

  const testsByNode = new Map<string, DocsTestRef[]>();
  for (const node of nodes) {
    if (node.resourceType !== 'test') continue;
    const ref: DocsTestRef = { uniqueId: node.uniqueId, name: node.name, testName: node.testMetadata?.name ?? 'singular' };
    const column = readTestColumn(node);
    if (column) ref.columnName = column;
    const result = results.get(node.uniqueId);
    if (result) ref.result = result;
    const attached = node.attachedNode ? [node.attachedNode] : node.dependsOn.nodes;
    for (const id of attached) testsByNode.set(id, [...(testsByNode.get(id) ?? []), ref]);
  }

  return nodes.map((node) => {
    const entry = catalog.nodes[node.uniqueId] ?? catalog.sources[node.uniqueId];
    const tests = testsByNode.get(node.uniqueId) ?? [];
    const columns = buildColumns(node, entry, tests, lineage, downstream, toColumnLink);
    const columnNames = new Set(columns.map((c) => lower(c.name)));
    const sortLinks = (ids: Set<string> | undefined) =>
      [...(ids ?? [])].filter((id) => byId.get(id)?.resourceType !== 'test' || node.resourceType === 'test').map(toLink).sort((a, b) => a.name.localeCompare(b.name));
    const doc: DocsNode = {
      uniqueId: node.uniqueId,
      name: node.name,
      resourceType: node.resourceType,
      packageName: node.packageName,
      path: node.originalFilePath,
      description: node.description ?? '',
      tags: node.tags ?? [],
      meta: node.meta ?? {},
      config: node.config ?? {},
      columns,
      tests: tests.filter((t) => !t.columnName || !columnNames.has(lower(t.columnName))),
      dependsOn: sortLinks(parents.get(node.uniqueId)),
      usedBy: sortLinks(children.get(node.uniqueId)),
    };
    if (node.config?.materialized && node.resourceType !== 'source' && node.resourceType !== 'exposure') doc.materialized = node.config.materialized;
    if ('relation' in node && node.relation) {
      doc.relation = node.relation;
      doc.relationName = readRelationName(node);
    }
    if (entry) {
      doc.kind = entry.kind;
      if (entry.rowCount !== undefined) doc.rowCount = entry.rowCount;
    }
    if ('rawCode' in node) doc.rawCode = node.rawCode;
    const compiled = manifest.compiled?.[node.uniqueId];
    if (compiled !== undefined) doc.compiledCode = compiled;
    const result = results.get(node.uniqueId);
    if (result) doc.result = result;
    const modelLineage = lineage.models[node.uniqueId];
    if (modelLineage) doc.lineage = { status: modelLineage.status, issues: modelLineage.issues };
    if (node.resourceType === 'source') doc.source = { sourceName: node.sourceName, sourceDescription: node.sourceDescription, ...(node.loader ? { loader: node.loader } : {}) };
    if (node.resourceType === 'exposure') doc.exposure = { type: node.type, label: node.label, url: node.url, owner: node.owner };
    if (node.resourceType === 'test') {
      const attached = node.attachedNode ?? node.dependsOn.nodes[0];
      doc.test = {
        testType: node.testType,
        testName: node.testMetadata?.name ?? 'singular',
        kwargs: node.testMetadata?.kwargs ?? {},
        ...(attached ? { attachedNode: toLink(attached) } : {}),
        ...(readTestColumn(node) ? { columnName: readTestColumn(node) } : {}),
      };
    }
    return doc;
  });
}

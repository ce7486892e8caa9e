/**
 * Column-level lineage for every model and snapshot, from its compiled SQL: for each output
 * column, the upstream columns its value is computed from. "Computed from" means the columns
 * referenced by the column's own expression (including CASE conditions, aggregate and window
 * arguments, PARTITION BY / ORDER BY, and scalar subqueries), followed through CTEs,
 * subqueries, aliases and `*` down to base relations; columns used only in WHERE, JOIN ON,
 * GROUP BY or HAVING filter rows but do not count.
 */
import type { CatalogArtifact, ManifestArtifact } from '../artifacts/types.js';
import type { ColumnLineage, ColumnRef, ModelColumnLineage } from './types.js';
import { buildRelationLookup, type RelationLookup } from './build-relation-lookup.js';
import { parseSqlBatch, readParseTree, type ParseSqlOptions, type ParsedSql } from './parse-sql-batch.js';
import { resolveQuery, type LineageResolver } from './resolve-query.js';
import type { Shape } from './lineage-scope.js';
import { nodeValues } from '../manifest/node-list.js';

const MAX_ISSUES = 10;

function readCatalogColumns(catalog: CatalogArtifact): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of [...Object.values(catalog.nodes), ...Object.values(catalog.sources)]) {
    out.set(entry.uniqueId, [...entry.columns].sort((a, b) => a.index - b.index).map((c) => c.name));
  }
  return out;
}

function toColumnRefs(sources: Set<string>, selfId: string): ColumnRef[] {
  return [...sources]
    .map((key) => {
      const [uniqueId, column] = key.split('\u0000');
      return { uniqueId, column };
    })
    .filter((ref) => ref.uniqueId !== selfId)
    .sort((a, b) => (a.uniqueId === b.uniqueId ? a.column.localeCompare(b.column) : a.uniqueId.localeCompare(b.uniqueId)));
}

/** Match a resolved shape to the model's real columns: by position when it lines up, else by name. */
function assignOutputColumns(shape: Shape, catalogNames: string[] | undefined, selfId: string, issues: string[]): Record<string, ColumnRef[]> {
  const columns: Record<string, ColumnRef[]> = {};
  if (catalogNames && shape.complete && shape.columns.length === catalogNames.length) {
    catalogNames.forEach((name, i) => (columns[name] = toColumnRefs(shape.columns[i].sources, selfId)));
    return columns;
  }
  const byName = new Map(shape.columns.filter((c) => c.name !== null).map((c) => [c.name!.toLowerCase(), c]));
  const names = catalogNames ?? shape.columns.flatMap((c) => (c.name === null ? [] : [c.name]));
  for (const name of names) {
    const column = byName.get(name.toLowerCase());
    if (column) columns[name] = toColumnRefs(column.sources, selfId);
    else issues.push(`column ${name} could not be matched to an expression in the SQL`);
  }
  if (!catalogNames && shape.columns.some((c) => c.name === null)) issues.push('unnamed expressions are skipped (the model is not in the catalog)');
  return columns;
}

/** Compiled SQL of every model and snapshot, parsed; independent of the catalog. */
export interface ParsedModelSql {
  /** Lineage targets in manifest order, with their parse result (undefined: no compiled SQL). */
  targets: Array<{ uniqueId: string; parsed?: ParsedSql }>;
  durationMs: number;
}

/**
 * Parse the compiled SQL of every model (not ephemeral) and snapshot. Needs no warehouse, so
 * it can run while the catalog is read.
 */
export async function parseCompiledModels(manifest: ManifestArtifact, options: ParseSqlOptions = {}): Promise<ParsedModelSql> {
  const started = performance.now();
  const compiled = manifest.compiled ?? {};
  const nodes = nodeValues(manifest.nodes).filter(
    (n) => (n.resourceType === 'model' && n.config.materialized !== 'ephemeral') || n.resourceType === 'snapshot',
  );
  const withSql = nodes.filter((n) => typeof compiled[n.uniqueId] === 'string');
  const parsed = await parseSqlBatch(withSql.map((n) => compiled[n.uniqueId]), options);
  const byId = new Map(withSql.map((n, i) => [n.uniqueId, parsed[i]]));
  return { targets: nodes.map((n) => ({ uniqueId: n.uniqueId, parsed: byId.get(n.uniqueId) })), durationMs: performance.now() - started };
}

interface ResolvedModel {
  lineage: ModelColumnLineage;
  /** Output column names when every one is known, for models downstream of this one. */
  outputNames?: string[];
}

function resolveModel(uniqueId: string, parsed: ParsedSql | undefined, lookup: RelationLookup,
  columnsOf: (id: string) => string[] | undefined, ownColumns: string[] | undefined): ResolvedModel {
  if (!parsed) return { lineage: { status: 'unknown', columns: {}, issues: ['no compiled SQL (compile the project before generating docs)'] } };
  if (!parsed.ok) return { lineage: { status: 'unknown', columns: {}, issues: [`SQL could not be parsed: ${parsed.error}`] } };
  const issues = new Set<string>();
  const resolver: LineageResolver = {
    lookupRelation: lookup,
    catalogColumns: columnsOf,
    reportIssue: (message) => issues.add(message),
    mayUseColumnsStar: parsed.json.includes('"columns":true'),
  };
  try {
    const statements = readParseTree(parsed);
    if (statements.length === 0) return { lineage: { status: 'unknown', columns: {}, issues: ['SQL could not be parsed: no statement'] } };
    const shape = resolveQuery(statements[statements.length - 1].node, new Map(), resolver);
    const unmatched: string[] = [];
    const columns = assignOutputColumns(shape, ownColumns, uniqueId, unmatched);
    unmatched.forEach((m) => issues.add(m));
    const status = Object.keys(columns).length === 0 ? 'unknown' : issues.size === 0 ? 'complete' : 'partial';
    const named = shape.complete && shape.columns.every((c) => c.name !== null);
    return {
      lineage: { status, columns, issues: [...issues].slice(0, MAX_ISSUES) },
      outputNames: ownColumns ?? (named ? shape.columns.map((c) => c.name!) : undefined),
    };
  } catch (err) {
    // A parse tree shape we do not understand must not stop docs generation.
    return { lineage: { status: 'unknown', columns: {}, issues: [`lineage failed: ${(err as Error).message}`] } };
  }
}

/** `ids` with every ancestor among them first (depth-first; a cycle is broken where it is met). */
function orderByDependencies(ids: string[], manifest: ManifestArtifact): string[] {
  const wanted = new Set(ids);
  const state = new Map<string, 'visiting' | 'done'>();
  const out: string[] = [];
  const visit = (root: string) => {
    const stack: Array<[string, number]> = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [id, i] = top;
      if (i === 0) {
        if (state.has(id)) {
          stack.pop();
          continue;
        }
        state.set(id, 'visiting');
      }
      const parents = manifest.nodes[id]?.dependsOn.nodes ?? [];
      // Walk through nodes outside the set too (ephemerals), so their parents come first.
      const next = parents.slice(i).findIndex((p) => p in manifest.nodes && !state.has(p));
      if (next >= 0) {
        top[1] = i + next + 1;
        stack.push([parents[i + next], 0]);
      } else {
        state.set(id, 'done');
        if (wanted.has(id)) out.push(id);
        stack.pop();
      }
    }
  };
  for (const id of ids) visit(id);
  return out;
}

/**
 * Resolve parsed SQL against the catalog into column lineage. Models are resolved parents
 * first, so a relation missing from the catalog (not built yet) is described by the columns
 * its own SQL outputs, and seeds by their CSV header.
 */
export function resolveColumnLineage(manifest: ManifestArtifact, catalog: CatalogArtifact, parsed: ParsedModelSql): ColumnLineage {
  const started = performance.now();
  const lookup = buildRelationLookup(manifest);
  const catalogColumns = readCatalogColumns(catalog);
  const derived = new Map<string, string[]>();
  for (const node of nodeValues(manifest.nodes)) {
    if (node.resourceType === 'seed' && node.columnNames?.length) derived.set(node.uniqueId, node.columnNames);
  }
  const columnsOf = (id: string) => catalogColumns.get(id) ?? derived.get(id);
  const byId = new Map(parsed.targets.map((t) => [t.uniqueId, t.parsed]));
  const resolved = new Map<string, ModelColumnLineage>();
  for (const id of orderByDependencies([...byId.keys()], manifest)) {
    const result = resolveModel(id, byId.get(id), lookup, columnsOf, catalogColumns.get(id));
    resolved.set(id, result.lineage);
    if (result.outputNames && !catalogColumns.has(id)) derived.set(id, result.outputNames);
  }
  const models: Record<string, ModelColumnLineage> = {};
  for (const id of [...resolved.keys()].sort()) models[id] = resolved.get(id)!;
  const values = Object.values(models);
  return {
    models,
    stats: {
      models: values.length,
      complete: values.filter((m) => m.status === 'complete').length,
      partial: values.filter((m) => m.status === 'partial').length,
      unknown: values.filter((m) => m.status === 'unknown').length,
      durationMs: Math.round(parsed.durationMs + performance.now() - started),
    },
  };
}

/**
 * Compute column lineage for every model and snapshot that has compiled SQL.
 *
 * @example
 * const lineage = await computeColumnLineage(manifest, catalog);
 * lineage.models['model.sales.fct_sales'].columns.revenue;
 * // [{ uniqueId: 'model.sales.stg_sales', column: 'item_cnt_day' }, { ..., column: 'item_price' }]
 */
export async function computeColumnLineage(
  manifest: ManifestArtifact,
  catalog: CatalogArtifact,
  options: ParseSqlOptions = {},
): Promise<ColumnLineage> {
  return resolveColumnLineage(manifest, catalog, await parseCompiledModels(manifest, options));
}

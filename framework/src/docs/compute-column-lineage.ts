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
import { buildRelationLookup } from './build-relation-lookup.js';
import { parseSqlBatch, type ParseSqlOptions } from './parse-sql-batch.js';
import { resolveQuery, type LineageResolver } from './resolve-query.js';
import type { Shape } from './lineage-scope.js';

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
  const started = performance.now();
  const lookup = buildRelationLookup(manifest);
  const catalogColumns = readCatalogColumns(catalog);
  const compiled = manifest.compiled ?? {};
  const targets = Object.values(manifest.nodes).filter(
    (n) => (n.resourceType === 'model' && n.config.materialized !== 'ephemeral') || n.resourceType === 'snapshot',
  );
  const withSql = targets.filter((n) => typeof compiled[n.uniqueId] === 'string');
  const parsed = await parseSqlBatch(withSql.map((n) => compiled[n.uniqueId]), options);
  const models: Record<string, ModelColumnLineage> = {};
  for (const node of targets) {
    if (typeof compiled[node.uniqueId] !== 'string') {
      models[node.uniqueId] = { status: 'unknown', columns: {}, issues: ['no compiled SQL (run `strata compile` or `strata docs generate` after compiling)'] };
    }
  }
  withSql.forEach((node, i) => {
    const result = parsed[i];
    const issues = new Set<string>();
    if (!result.ok || result.statements.length === 0) {
      models[node.uniqueId] = { status: 'unknown', columns: {}, issues: [`SQL could not be parsed: ${result.ok ? 'no statement' : result.error}`] };
      return;
    }
    const resolver: LineageResolver = {
      lookupRelation: lookup,
      catalogColumns: (id) => catalogColumns.get(id),
      reportIssue: (message) => issues.add(message),
    };
    try {
      const shape = resolveQuery(result.statements[result.statements.length - 1].node, new Map(), resolver);
      const list: string[] = [];
      const columns = assignOutputColumns(shape, catalogColumns.get(node.uniqueId), node.uniqueId, list);
      list.forEach((m) => issues.add(m));
      const traced = Object.keys(columns).length > 0;
      models[node.uniqueId] = {
        status: !traced ? 'unknown' : issues.size === 0 ? 'complete' : 'partial',
        columns,
        issues: [...issues].slice(0, MAX_ISSUES),
      };
    } catch (err) {
      // A parse tree shape we do not understand must not stop docs generation.
      models[node.uniqueId] = { status: 'unknown', columns: {}, issues: [`lineage failed: ${(err as Error).message}`] };
    }
  });
  const sorted = Object.fromEntries(Object.entries(models).sort(([a], [b]) => a.localeCompare(b)));
  const values = Object.values(sorted);
  return {
    models: sorted,
    stats: {
      models: values.length,
      complete: values.filter((m) => m.status === 'complete').length,
      partial: values.filter((m) => m.status === 'partial').length,
      unknown: values.filter((m) => m.status === 'unknown').length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/**
 * Resolve a parsed query (DuckDB's JSON tree) into the columns it outputs and the upstream
 * columns behind each: CTEs (including recursive ones), subqueries, joins (USING, NATURAL,
 * lateral), set operations, `*` with EXCLUDE / REPLACE / RENAME / COLUMNS, table functions,
 * VALUES and PIVOT (the last two degrade to "computed from everything they read").
 */
import type { SqlExpression, SqlQueryNode, SqlTableRef } from './sql-ast.js';
import { collectExpressionSources, type ExpressionContext } from './collect-expression-sources.js';
import {
  findItemByAlias, findItemColumn, formatSourceKey, listStarColumns, renameShapeColumns, unionSources,
  type FromItem, type Scope, type Shape, type ShapeColumn, type SourceSet,
} from './lineage-scope.js';

/** What resolution needs from the project: relation names -> nodes, nodes -> catalog columns. */
export interface LineageResolver {
  lookupRelation(ref: { catalog?: string; schema?: string; table: string }): string | undefined;
  catalogColumns(uniqueId: string): string[] | undefined;
  /** Receives every reason a column could not be traced. */
  reportIssue(message: string): void;
  /** False when the SQL has no `COLUMNS(...)`, which skips a walk of every select expression. */
  mayUseColumnsStar?: boolean;
}

type CteEnv = ReadonlyMap<string, Shape>;

const lower = (s: string) => s.toLowerCase();

function makeExpressionContext(scope: Scope, env: CteEnv, r: LineageResolver, selectAliases?: Map<string, SourceSet>): ExpressionContext {
  return {
    scope,
    selectAliases,
    resolveSubquery: (node, outer) => resolveQuery(node, env, r, outer),
    expandStar: (star, s) => unionSources(...expandStar(star, s, env, r).columns.map((c) => c.sources)),
    reportUnresolved: (name) => r.reportIssue(`column ${name} is not declared by any relation in scope`),
  };
}

function readExcluded(star: SqlExpression): Array<{ table?: string; column: string }> {
  const plain = ((star.exclude_list as unknown[]) ?? []).map((e): { table?: string; column: string } =>
    typeof e === 'string' ? { column: e } : { column: String((e as { column?: string }).column ?? '') },
  );
  const qualified = ((star.qualified_exclude_list as Array<{ table?: string; column: string }>) ?? []);
  return [...plain, ...qualified].map((e) => ({ table: e.table ? lower(e.table) : undefined, column: lower(e.column) }));
}

function readRegexFilter(star: SqlExpression): ((name: string) => boolean) | 'unknown' | undefined {
  if (!star.columns) return undefined;
  const expr = star.expr as SqlExpression | null | undefined;
  if (!expr) return undefined;
  if (expr.class === 'CONSTANT') {
    const value = (expr.value as { value?: unknown })?.value;
    try {
      const re = new RegExp(String(value));
      return (name) => re.test(name);
    } catch {
      return 'unknown';
    }
  }
  return 'unknown';
}

/** Expand `*`, `t.*`, `COLUMNS(...)` into output columns with their sources. */
function expandStar(star: SqlExpression, scope: Scope, env: CteEnv, r: LineageResolver): Shape {
  const relation = star.relation_name ? String(star.relation_name) : '';
  const items = relation ? [findItemByAlias(scope, relation)].filter((i): i is FromItem => !!i) : scope.items;
  if (relation && items.length === 0) r.reportIssue(`${relation}.* names no relation in scope`);
  const excluded = readExcluded(star);
  const filter = readRegexFilter(star);
  const replace = new Map<string, SqlExpression>(
    ((star.replace_list as Array<{ key: string; value: SqlExpression }>) ?? []).map((e) => [lower(e.key), e.value]),
  );
  const rename = new Map<string, string>(
    ((star.rename_list as Array<{ key: { column?: string } | string; value: string }>) ?? []).map((e) => [
      lower(typeof e.key === 'string' ? e.key : String(e.key.column ?? '')), e.value,
    ]),
  );
  const ctx = makeExpressionContext(scope, env, r);
  const columns: ShapeColumn[] = [];
  let complete = items.length > 0 || !relation;
  for (const item of items) {
    const listed = listStarColumns(item);
    if (!listed) {
      complete = false;
      r.reportIssue(`cannot expand * over ${item.alias || 'a relation'}: its columns are not in the catalog`);
      continue;
    }
    for (const column of listed) {
      const key = column.name === null ? '' : lower(column.name);
      if (excluded.some((e) => e.column === key && (!e.table || e.table === item.alias))) continue;
      if (typeof filter === 'function' && (column.name === null || !filter(column.name))) continue;
      const replacement = replace.get(key);
      const sources = replacement ? collectExpressionSources(replacement, ctx) : column.sources;
      columns.push({ name: rename.get(key) ?? column.name, sources });
    }
  }
  if (filter === 'unknown') {
    complete = false;
    r.reportIssue('COLUMNS(...) with a lambda or list cannot be expanded statically');
  }
  return { columns, complete };
}

function containsColumnsStar(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsColumnsStar);
  if (!value || typeof value !== 'object') return false;
  const obj = value as Record<string, unknown>;
  if (obj.class === 'STAR' && obj.columns) return true;
  return Object.values(obj).some(containsColumnsStar);
}

function resolveSelect(node: SqlQueryNode, env: CteEnv, r: LineageResolver, outer?: Scope): Shape {
  const items = resolveTableRef(node.from_table, env, r, outer, []);
  const scope: Scope = { items, parent: outer };
  const selectAliases = new Map<string, SourceSet>();
  const ctx = makeExpressionContext(scope, env, r, selectAliases);
  const columns: ShapeColumn[] = [];
  let complete = true;
  for (const expr of node.select_list ?? []) {
    if (expr.class === 'STAR') {
      const expanded = expandStar(expr, scope, env, r);
      columns.push(...expanded.columns);
      complete &&= expanded.complete;
      continue;
    }
    // `min(COLUMNS(*))` yields one output per matched column; we keep one merged column.
    if (r.mayUseColumnsStar !== false && containsColumnsStar(expr)) {
      complete = false;
      r.reportIssue('an expression over COLUMNS(...) produces several columns; they are merged');
    }
    const sources = collectExpressionSources(expr, ctx);
    const name = expr.alias || (expr.class === 'COLUMN_REF' ? String((expr.column_names as string[]).at(-1)) : null);
    if (expr.alias) selectAliases.set(lower(expr.alias), sources);
    columns.push({ name, sources });
  }
  return { columns, complete };
}

function mergePositional(left: Shape, right: Shape): Shape {
  const columns = left.columns.map((c, i) => ({ name: c.name, sources: unionSources(c.sources, right.columns[i]?.sources) }));
  return { columns, complete: left.complete && right.complete && left.columns.length === right.columns.length };
}

function mergeByName(left: Shape, right: Shape): Shape {
  const columns = left.columns.map((c) => ({ ...c }));
  for (const column of right.columns) {
    const match = columns.find((c) => c.name !== null && column.name !== null && lower(c.name) === lower(column.name));
    if (match) match.sources = unionSources(match.sources, column.sources);
    else columns.push(column);
  }
  return { columns, complete: left.complete && right.complete };
}

function withCtes(node: SqlQueryNode, env: CteEnv, r: LineageResolver, outer?: Scope): CteEnv {
  const entries = node.cte_map?.map ?? [];
  if (entries.length === 0) return env;
  const next = new Map(env);
  for (const entry of entries) {
    const shape = resolveQuery(entry.value.query.node, next, r, outer);
    next.set(lower(entry.key), { columns: renameShapeColumns(shape.columns, entry.value.aliases), complete: shape.complete });
  }
  return next;
}

/**
 * The output columns of a query node and the upstream columns behind each.
 *
 * @param outer enclosing scope for correlated and lateral subqueries
 */
export function resolveQuery(node: SqlQueryNode, parentEnv: CteEnv, r: LineageResolver, outer?: Scope): Shape {
  const env = withCtes(node, parentEnv, r, outer);
  switch (node.type) {
    case 'SELECT_NODE':
      return resolveSelect(node, env, r, outer);
    case 'SET_OPERATION_NODE': {
      const parts = node.children?.length ? node.children : [node.left, node.right].filter((n): n is SqlQueryNode => !!n);
      const shapes = parts.map((part) => resolveQuery(part, env, r, outer));
      const byName = String(node.setop_type ?? '').includes('BY_NAME');
      return shapes.reduce((acc, shape) => (byName ? mergeByName(acc, shape) : mergePositional(acc, shape)));
    }
    case 'RECURSIVE_CTE_NODE': {
      const anchor = resolveQuery(node.left as SqlQueryNode, env, r, outer);
      const named: Shape = { columns: renameShapeColumns(anchor.columns, node.aliases), complete: anchor.complete };
      const recursiveEnv = new Map(env).set(lower(String(node.cte_name)), named);
      return mergePositional(named, resolveQuery(node.right as SqlQueryNode, recursiveEnv, r, outer));
    }
    case 'CTE_NODE': {
      const query = resolveQuery((node.query as SqlQueryNode), env, r, outer);
      const childEnv = new Map(env).set(lower(String(node.ctename ?? node.cte_name)), query);
      return resolveQuery(node.child as SqlQueryNode, childEnv, r, outer);
    }
    default:
      r.reportIssue(`unsupported query node ${node.type}`);
      return { columns: [], complete: false };
  }
}

function makeItem(alias: string, columns: ShapeColumn[], complete: boolean, extra: Partial<FromItem> = {}): FromItem {
  return { alias: lower(alias), columns, complete, hiddenFromStar: new Set(), ...extra };
}

function resolveBaseTable(ref: SqlTableRef, env: CteEnv, r: LineageResolver): FromItem {
  const table = String(ref.table_name);
  const alias = ref.alias || table;
  const cte = !ref.schema_name && !ref.catalog_name ? env.get(lower(table)) : undefined;
  if (cte) return makeItem(alias, renameShapeColumns(cte.columns, ref.column_name_alias), cte.complete);
  const nodeId = r.lookupRelation({ catalog: ref.catalog_name || undefined, schema: ref.schema_name || undefined, table });
  const qualified = [ref.catalog_name, ref.schema_name, table].filter(Boolean).join('.');
  if (!nodeId) {
    r.reportIssue(`relation ${qualified} is not a node of the project`);
    return makeItem(alias, [], false, { schema: ref.schema_name ? lower(ref.schema_name) : undefined });
  }
  const names = r.catalogColumns(nodeId);
  if (!names) r.reportIssue(`relation ${qualified} is not in the catalog; its columns are taken from the SQL`);
  const columns = (names ?? []).map((name) => ({ name, sources: new Set([formatSourceKey(nodeId, name)]) }));
  return makeItem(alias, renameShapeColumns(columns, ref.column_name_alias), !!names, {
    nodeId,
    schema: ref.schema_name ? lower(ref.schema_name) : undefined,
  });
}

function resolveTableRef(ref: SqlTableRef | undefined, env: CteEnv, r: LineageResolver, outer: Scope | undefined, left: FromItem[]): FromItem[] {
  if (!ref || ref.type === 'EMPTY') return [];
  // Lateral visibility: a subquery or table function on the right of a join sees the left side.
  const lateral: Scope = { items: left, parent: outer };
  switch (ref.type) {
    case 'BASE_TABLE':
      return [resolveBaseTable(ref, env, r)];
    case 'JOIN': {
      const leftItems = resolveTableRef(ref.left, env, r, outer, left);
      const rightItems = resolveTableRef(ref.right, env, r, outer, [...left, ...leftItems]);
      let using = (ref.using_columns ?? []).map(lower);
      if (ref.ref_type === 'NATURAL') {
        const leftNames = new Set(leftItems.flatMap((i) => i.columns.map((c) => (c.name ? lower(c.name) : ''))));
        using = [...new Set(rightItems.flatMap((i) => i.columns.map((c) => (c.name ? lower(c.name) : ''))))].filter((n) => n && leftNames.has(n));
      }
      for (const item of rightItems) for (const name of using) item.hiddenFromStar.add(name);
      // The one USING column `*` lists carries the value of both sides (a coalesce for outer joins).
      for (const name of using) {
        const fromRight = unionSources(...rightItems.map((item) => findItemColumn(item, name)));
        for (const item of leftItems) {
          item.columns = item.columns.map((c) => (c.name !== null && lower(c.name) === name ? { name: c.name, sources: unionSources(c.sources, fromRight) } : c));
        }
      }
      return [...leftItems, ...rightItems];
    }
    case 'SUBQUERY': {
      const shape = resolveQuery((ref.subquery as { node: SqlQueryNode }).node, env, r, lateral);
      return [makeItem(ref.alias || 'unnamed_subquery', renameShapeColumns(shape.columns, ref.column_name_alias), shape.complete)];
    }
    case 'TABLE_FUNCTION': {
      const sources = collectExpressionSources(ref.function, makeExpressionContext(lateral, env, r));
      const named = (ref.column_name_alias ?? []).map((name) => ({ name, sources }));
      const fn = String((ref.function as { function_name?: string } | undefined)?.function_name ?? 'table_function');
      return [makeItem(ref.alias || fn, named, false, { fallbackSources: sources })];
    }
    case 'EXPRESSION_LIST': {
      const rows = ref.values ?? [];
      const ctx = makeExpressionContext(lateral, env, r);
      const width = rows[0]?.length ?? 0;
      const columns = Array.from({ length: width }, (_, i) => ({
        name: ref.column_name_alias?.[i] ?? `col${i}`,
        sources: unionSources(...rows.map((row) => collectExpressionSources(row[i], ctx))),
      }));
      return [makeItem(ref.alias || 'valueslist', columns, true)];
    }
    default: {
      // PIVOT / UNPIVOT and anything newer: every output column is computed from the input.
      const inner = resolveTableRef(ref.source, env, r, outer, left);
      const sources = unionSources(...inner.flatMap((item) => [...item.columns.map((c) => c.sources), item.fallbackSources]));
      r.reportIssue(`${ref.type} output columns are traced to all of its input columns`);
      return [makeItem(ref.alias || lower(ref.type), [], false, { fallbackSources: sources })];
    }
  }
}

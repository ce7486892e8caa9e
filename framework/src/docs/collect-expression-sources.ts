/**
 * Walk one SQL expression and collect the upstream columns its value is computed from: every
 * column it references, including CASE conditions, function and aggregate arguments, window
 * PARTITION BY / ORDER BY, and the outputs of subqueries inside it. Literals contribute
 * nothing, so `count(*)` has no upstream columns.
 */
import { isSqlExpression, type SqlExpression, type SqlQueryNode } from './sql-ast.js';
import { resolveColumnRef, type Scope, type Shape, type SourceSet } from './lineage-scope.js';

export interface ExpressionContext {
  scope: Scope;
  /** Select-list aliases defined so far; DuckDB lets later expressions reuse them. */
  selectAliases?: Map<string, SourceSet>;
  /** Resolve a subquery inside the expression against this scope. */
  resolveSubquery(node: SqlQueryNode, outer: Scope): Shape;
  /** Star expansion for `COLUMNS(*)` / `struct_pack(*)` inside an expression. */
  expandStar(star: SqlExpression, scope: Scope): SourceSet;
  /** Record a column that nothing declares. */
  reportUnresolved(name: string): void;
}

function readLambdaParams(lhs: unknown): string[] {
  if (!isSqlExpression(lhs)) return [];
  if (lhs.class === 'COLUMN_REF') return [String((lhs.column_names as string[]).at(-1)).toLowerCase()];
  // Several parameters `(x, i) -> ...` arrive as a row(...) function of column refs.
  return ((lhs.children as unknown[]) ?? []).flatMap(readLambdaParams);
}

function walkValue(value: unknown, ctx: ExpressionContext, out: SourceSet): void {
  if (Array.isArray(value)) {
    for (const item of value) walkValue(item, ctx, out);
  } else if (isSqlExpression(value)) {
    collectInto(value, ctx, out);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) walkValue(child, ctx, out);
  }
}

function collectInto(expr: SqlExpression, ctx: ExpressionContext, out: SourceSet): void {
  switch (expr.class) {
    case 'CONSTANT':
    case 'PARAMETER':
    case 'DEFAULT':
      return;
    case 'COLUMN_REF': {
      const names = expr.column_names as string[];
      const found = resolveColumnRef(names, ctx.scope) ?? (names.length === 1 ? ctx.selectAliases?.get(names[0].toLowerCase()) : undefined);
      if (found) for (const key of found) out.add(key);
      else ctx.reportUnresolved(names.join('.'));
      return;
    }
    case 'SUBQUERY': {
      const shape = ctx.resolveSubquery((expr.subquery as { node: SqlQueryNode }).node, ctx.scope);
      for (const column of shape.columns) for (const key of column.sources) out.add(key);
      walkValue(expr.child, ctx, out);
      return;
    }
    case 'LAMBDA': {
      const params = new Set([...(ctx.scope.lambdaParams ?? []), ...readLambdaParams(expr.lhs)]);
      const inner: ExpressionContext = { ...ctx, scope: { items: [], parent: ctx.scope, lambdaParams: params } };
      walkValue(expr.expr, inner, out);
      return;
    }
    case 'STAR':
      for (const key of ctx.expandStar(expr, ctx.scope)) out.add(key);
      return;
    default:
      for (const [key, child] of Object.entries(expr)) {
        if (key !== 'class' && key !== 'type' && key !== 'alias' && key !== 'cast_type') walkValue(child, ctx, out);
      }
  }
}

/** The upstream columns of one expression. */
export function collectExpressionSources(expr: SqlExpression | undefined | null, ctx: ExpressionContext): SourceSet {
  const out: SourceSet = new Set();
  if (expr) collectInto(expr, ctx, out);
  return out;
}

/**
 * Name resolution for column lineage: the relations visible in a FROM clause ("from items"),
 * the columns each exposes with the upstream columns behind them, and the lookup of a column
 * reference (`x`, `t.x`, `schema.t.x`, `s.field`) against them, outwards through enclosing
 * scopes for correlated and lateral subqueries.
 */

/** Upstream columns as `uniqueId\u0000column` keys, so sets dedupe by value. */
export type SourceSet = Set<string>;

/** Key of one upstream column in a {@link SourceSet}. */
export function formatSourceKey(uniqueId: string, column: string): string {
  return `${uniqueId}\u0000${column}`;
}

/** Union of source sets into a new set. */
export function unionSources(...sets: Array<SourceSet | undefined>): SourceSet {
  const out: SourceSet = new Set();
  for (const set of sets) if (set) for (const key of set) out.add(key);
  return out;
}

export interface ShapeColumn {
  /** Output name; null when the expression is unnamed (then matched to the catalog by position). */
  name: string | null;
  sources: SourceSet;
}

/** The columns a query produces. `complete` is false when some could not be listed (e.g. `*` over an unknown relation). */
export interface Shape {
  columns: ShapeColumn[];
  complete: boolean;
}

/** One relation in a FROM clause. */
export interface FromItem {
  /** Lower-case name the query uses for it: alias, else table name. */
  alias: string;
  /** Lower-case schema, for `schema.table.column` references. */
  schema?: string;
  /** The columns known to exist, in order. */
  columns: ShapeColumn[];
  /** False when the relation may have columns beyond `columns` (not in the catalog, `*` unresolved). */
  complete: boolean;
  /** The node behind a base table, so an unknown column still maps to `{nodeId, column}`. */
  nodeId?: string;
  /** For unknown columns of table functions / pivots: what every column is computed from. */
  fallbackSources?: SourceSet;
  /** Lower-case column names hidden from `*` (the right side of USING / NATURAL joins). */
  hiddenFromStar: Set<string>;
}

export interface Scope {
  items: FromItem[];
  parent?: Scope;
  /** Lambda parameter names in effect (`x -> x + 1`); references to them are not columns. */
  lambdaParams?: Set<string>;
}

const lower = (s: string) => s.toLowerCase();

/** The sources of column `name` of one from item, or undefined if it has no such known column. */
export function findItemColumn(item: FromItem, name: string): SourceSet | undefined {
  const matches = item.columns.filter((c) => c.name !== null && lower(c.name) === lower(name));
  if (matches.length) return unionSources(...matches.map((c) => c.sources));
  if (item.complete) return undefined;
  if (item.nodeId) return new Set([formatSourceKey(item.nodeId, name)]);
  return new Set(item.fallbackSources ?? []);
}

function resolveUnqualified(name: string, scope: Scope): SourceSet | undefined {
  const known = scope.items.filter((item) => item.columns.some((c) => c.name !== null && lower(c.name) === lower(name)));
  // Several matches happen for USING / NATURAL join columns, whose value comes from both sides.
  if (known.length) return unionSources(...known.map((item) => findItemColumn(item, name)));
  const unknown = scope.items.filter((item) => !item.complete);
  if (unknown.length === 1) return findItemColumn(unknown[0], name);
  // Several relations with unlisted columns: a base table is likelier than a table function.
  const tables = unknown.filter((item) => item.nodeId);
  return tables.length === 1 ? findItemColumn(tables[0], name) : undefined;
}

export function findItemByAlias(scope: Scope, alias: string, schema?: string): FromItem | undefined {
  return scope.items.find((item) => item.alias === lower(alias) && (schema === undefined || item.schema === lower(schema)));
}

function resolveInScope(names: string[], scope: Scope): SourceSet | undefined {
  if (names.length === 1 && scope.lambdaParams?.has(lower(names[0]))) return new Set();
  if (names.length >= 3) {
    // catalog.schema.table.column or schema.table.column, else table.column.field.
    const offset = names.length >= 4 ? 1 : 0;
    const item = findItemByAlias(scope, names[offset + 1], names[offset]);
    if (item) return findItemColumn(item, names[offset + 2]) ?? new Set();
  }
  if (names.length >= 2) {
    const item = findItemByAlias(scope, names[0]);
    if (item) return findItemColumn(item, names[1]) ?? new Set();
  }
  // A bare column, or struct field access `column.field`: lineage is the column's.
  return resolveUnqualified(names[0], scope);
}

/** Resolve a column reference through the scope chain; undefined when nothing declares it. */
export function resolveColumnRef(names: string[], scope: Scope): SourceSet | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const found = resolveInScope(names, s);
    if (found) return found;
  }
  return undefined;
}

/** Columns `*` expands to for one from item, or null when its columns are not all known. */
export function listStarColumns(item: FromItem): ShapeColumn[] | null {
  if (!item.complete) return null;
  return item.columns.filter((c) => c.name === null || !item.hiddenFromStar.has(lower(c.name)));
}

/** Rename a shape's columns positionally (`t AS x(a, b)`, CTE column lists). */
export function renameShapeColumns(columns: ShapeColumn[], aliases: string[] | undefined): ShapeColumn[] {
  if (!aliases?.length) return columns;
  return columns.map((c, i) => (i < aliases.length ? { name: aliases[i], sources: c.sources } : c));
}

/**
 * The parts of DuckDB's JSON parse tree (`json_serialize_sql`) that column lineage reads.
 * DuckDB emits many more fields; they are kept as an open index signature and walked
 * generically, so a field added by a later DuckDB version is still searched for column refs.
 */

export interface SqlExpression {
  class: string;
  type: string;
  alias?: string;
  [key: string]: unknown;
}

export interface SqlCteEntry {
  key: string;
  value: { aliases?: string[]; query: { node: SqlQueryNode } };
}

export interface SqlQueryNode {
  type: 'SELECT_NODE' | 'SET_OPERATION_NODE' | 'RECURSIVE_CTE_NODE' | 'CTE_NODE' | string;
  cte_map?: { map?: SqlCteEntry[] };
  select_list?: SqlExpression[];
  from_table?: SqlTableRef;
  setop_type?: string;
  left?: SqlQueryNode;
  right?: SqlQueryNode;
  children?: SqlQueryNode[];
  cte_name?: string;
  aliases?: string[];
  [key: string]: unknown;
}

export interface SqlTableRef {
  type: 'BASE_TABLE' | 'JOIN' | 'SUBQUERY' | 'TABLE_FUNCTION' | 'EXPRESSION_LIST' | 'EMPTY' | 'PIVOT' | string;
  alias?: string;
  column_name_alias?: string[];
  catalog_name?: string;
  schema_name?: string;
  table_name?: string;
  left?: SqlTableRef;
  right?: SqlTableRef;
  using_columns?: string[];
  ref_type?: string;
  subquery?: { node: SqlQueryNode };
  function?: SqlExpression;
  values?: SqlExpression[][];
  source?: SqlTableRef;
  [key: string]: unknown;
}

/** Narrow an unknown value to an expression object. */
export function isSqlExpression(value: unknown): value is SqlExpression {
  return typeof value === 'object' && value !== null && typeof (value as { class?: unknown }).class === 'string';
}

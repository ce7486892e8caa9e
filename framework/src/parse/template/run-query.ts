/**
 * dbt's introspective queries in templates: `run_query(sql)`, `{% call statement(name,
 * fetch_result=True) %}...{% endcall %}` with `load_result(name)`, and `execute`.
 *
 * Rendering is synchronous and the warehouse is not, so a render never waits for a query: it
 * asks the broker, which answers from the results it already has and records the queries it has
 * not run yet. The runner then runs those and renders again, until a render asks for nothing new
 * (`renderWithQueries`). At parse time there is no broker: `execute` is false and `run_query`
 * gives an empty table, as in dbt.
 */
import type { QueryResult } from '../../adapters/adapter.js';

export interface QueryBroker {
  /** The result of `sql` if it has run, else undefined (and the query is queued). */
  lookup(sql: string): QueryResult | undefined;
}

/** An agate-like table: iterable rows (each indexable by position and by name), `columns[i].values()`, `column_names`. */
export type QueryTable = unknown[][] & {
  rows: unknown[][];
  columns: Array<{ name: string; values(): unknown[] }>;
  column_names: string[];
};

export function toQueryTable(result: QueryResult | undefined): QueryTable {
  const names = result?.columns.map((c) => c.name) ?? [];
  const rows = (result?.rows ?? []).map((row) => Object.assign(names.map((n) => row[n]), row));
  // The tag keeps jinja-compat's dict methods (`.values()` of a plain object) off a column.
  const columns = names.map((name, i) => ({ name, values: () => rows.map((r) => r[i]), [Symbol.toStringTag]: 'Column' }));
  return Object.assign([...rows], { rows, columns, column_names: names });
}

/** What `load_result(name)` returns: `data` (rows as lists), `table`, `response`. */
export function toLoadResult(result: QueryResult | undefined) {
  const table = toQueryTable(result);
  return { data: table.rows, table, response: { rows_affected: result?.rowsAffected ?? null, code: 'SUCCESS' } };
}

/**
 * Render, run the queries the render asked for, and render again until nothing new is asked
 * (each query runs once; `maxRounds` bounds templates whose queries depend on earlier results).
 */
export async function renderWithQueries(
  render: (broker: QueryBroker) => string,
  run: (sql: string) => Promise<QueryResult>,
  maxRounds = 10,
): Promise<string> {
  const results = new Map<string, QueryResult>();
  for (let round = 0; round < maxRounds; round += 1) {
    const pending = new Set<string>();
    const output = render({
      lookup: (sql) => {
        const hit = results.get(sql);
        if (!hit) pending.add(sql);
        return hit;
      },
    });
    if (pending.size === 0) return output;
    for (const sql of pending) results.set(sql, await run(sql));
  }
  throw new Error(`run_query/statement: the template still asked for new queries after ${maxRounds} rounds`);
}

/**
 * Run a data test: count the failing rows of its SQL, then apply severity, warn_if and
 * error_if as dbt does. `store_failures` keeps the failing rows in an audit table.
 */
import type { Adapter, Connection } from '../adapters/adapter.js';
import type { TestNode } from '../manifest/types.js';
import { userError } from '../errors/strata-error.js';
import type { NodeStatus } from '../artifacts/types.js';

export interface TestOutcome {
  status: Extract<NodeStatus, 'pass' | 'warn' | 'fail'>;
  failures: number;
  message: string;
  auditRelation?: string;
}

/** Evaluate a dbt condition such as `!=0`, `>10`, `>= 5` against a count. */
export function evaluateCondition(condition: string, count: number, file: string): boolean {
  const match = /^\s*(!=|<>|>=|<=|==|=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(condition);
  if (!match) throw userError('E_CONFIG', `Cannot read the condition '${condition}'`, { file, hint: "Write it as an operator and a number: '!=0', '>10', '>=5'." });
  const n = Number(match[2]);
  switch (match[1]) {
    case '!=':
    case '<>': return count !== n;
    case '>=': return count >= n;
    case '<=': return count <= n;
    case '>': return count > n;
    case '<': return count < n;
    default: return count === n;
  }
}

export async function runDataTest(
  test: TestNode,
  compiledSql: string,
  adapter: Adapter,
  connection: Connection,
  auditSchema: string,
): Promise<TestOutcome> {
  const limit = test.config.limit !== undefined ? ` limit ${Number(test.config.limit)}` : '';
  let auditRelation: string | undefined;
  let countSql = `select count(*) as failures from (\n${compiledSql}\n${limit}) dbt_internal_test`;
  if (test.config.store_failures === true) {
    const relation = { schema: auditSchema, identifier: test.name.slice(0, 120) };
    auditRelation = adapter.dialect.relationName(relation);
    await connection.execute(adapter.dialect.createSchema(auditSchema));
    await connection.execute(adapter.dialect.createTableAs(relation, `${compiledSql}\n${limit}`));
    countSql = `select count(*) as failures from ${auditRelation}`;
  }
  const { rows } = await connection.execute(countSql);
  const failures = Number(rows[0]?.failures ?? rows[0]?.FAILURES ?? 0);
  const severity = String(test.config.severity ?? 'error').toLowerCase();
  const errorIf = String(test.config.error_if ?? '!=0');
  const warnIf = String(test.config.warn_if ?? '!=0');
  let status: TestOutcome['status'] = 'pass';
  if (severity === 'error' && evaluateCondition(errorIf, failures, test.originalFilePath)) status = 'fail';
  else if (evaluateCondition(warnIf, failures, test.originalFilePath)) status = 'warn';
  const noun = failures === 1 ? 'failure' : 'failures';
  const message = status === 'pass' ? 'PASS' : `Got ${failures} ${noun}${auditRelation ? `; see ${auditRelation}` : ''}`;
  return { status, failures, message, auditRelation };
}

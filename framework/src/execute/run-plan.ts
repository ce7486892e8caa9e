/** Execute a Plan on one connection. Atomic groups run in a transaction where DDL is transactional. */
import type { Adapter, Connection } from '../adapters/adapter.js';
import type { Relation } from '../manifest/types.js';
import type { Plan, SqlStep } from '../materialize/plan.js';

export interface PlanOutcome {
  rowsAffected?: number;
  /** Every SQL statement executed, in order (for target/run and debugging). */
  executed: string[];
}

/**
 * Run the statements that stage a select as `staged`, then `work` (read its columns, plan, ...);
 * when either fails, the staged table is dropped before the error goes on.
 */
export async function withStagedSelect<T>(adapter: Adapter, connection: Connection, staged: Relation, stage: SqlStep[], work: () => Promise<T>): Promise<T> {
  try {
    for (const step of stage) await connection.execute(step.sql);
    return await work();
  } catch (err) {
    await connection.execute(adapter.dialect.dropRelation(staged, 'table')).catch(() => undefined);
    throw err;
  }
}

export async function runPlan(plan: Plan, adapter: Adapter, connection: Connection): Promise<PlanOutcome> {
  const outcome: PlanOutcome = { executed: [] };
  for (const step of plan.steps) {
    if (step.kind === 'sql') {
      outcome.executed.push(step.sql);
      const result = await connection.execute(step.sql);
      if (step.main) outcome.rowsAffected = result.rowsAffected;
    } else if (step.kind === 'load_csv') {
      outcome.executed.push(`-- bulk load ${step.request.file}`);
      const result = await adapter.loadCsv(connection, step.request);
      if (step.main) outcome.rowsAffected = result.rows;
    } else {
      const transactional = (adapter.capabilities.transactionalDdl || step.dml === true) && step.steps.length > 1;
      if (transactional) await connection.execute(adapter.dialect.beginTransaction());
      try {
        for (const inner of step.steps) {
          outcome.executed.push(inner.sql);
          const result = await connection.execute(inner.sql);
          if (inner.main) outcome.rowsAffected = result.rowsAffected;
        }
        if (transactional) await connection.execute(adapter.dialect.commit());
      } catch (err) {
        if (transactional) await connection.execute(adapter.dialect.rollback()).catch(() => undefined);
        throw err;
      }
    }
  }
  return outcome;
}

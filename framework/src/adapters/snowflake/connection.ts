/**
 * Strata connections over a small pool of Snowflake sessions. A session is leased for the whole
 * life of a Strata `Connection` (session state such as an open transaction or a temporary stage
 * belongs to one Snowflake session), and at most `size` sessions exist, so `threads` bounds the
 * load Strata puts on the warehouse. Logins are the slow part; released sessions are reused.
 */
import type { Bind } from 'snowflake-sdk';
import type { Connection, QueryResult } from '../adapter.js';
import { userError } from '../../errors/strata-error.js';
import type { DriverSession } from './driver.js';
import { toWarehouseError } from './errors.js';
import { toQueryResult } from './result-values.js';

export class SessionPool {
  private readonly idle: DriverSession[] = [];
  private readonly all = new Set<DriverSession>();
  private readonly waiting: { resolve: (s: DriverSession) => void; reject: (e: unknown) => void }[] = [];
  private opening = 0;
  private closed = false;

  constructor(
    private readonly open: () => Promise<DriverSession>,
    readonly size: number,
  ) {}

  /** A session for exclusive use; waits while `size` sessions are leased. */
  async acquire(): Promise<DriverSession> {
    if (this.closed) throw userError('E_WAREHOUSE', 'The Snowflake adapter is closed.', {}, 1);
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.size + this.opening < this.size) return this.create();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Give a session back; broken sessions are destroyed and replaced for whoever waits. */
  async release(session: DriverSession): Promise<void> {
    if (this.closed || !session.isUp()) {
      this.all.delete(session);
      await session.destroy();
      const next = this.waiting.shift();
      if (next && !this.closed) this.create().then(next.resolve, next.reject);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(session);
    else this.idle.push(session);
  }

  /** Log every session out. Waiters are rejected; leased sessions are logged out too. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(userError('E_WAREHOUSE', 'The Snowflake adapter was closed.', {}, 1));
    const sessions = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(sessions.map((s) => s.destroy()));
  }

  private async create(): Promise<DriverSession> {
    this.opening++;
    try {
      const session = await this.open();
      this.all.add(session);
      return session;
    } finally {
      this.opening--;
    }
  }
}

/** Strata binds -> driver binds (the driver only knows string, number, boolean and null). */
function toDriverBinds(binds: unknown[] | undefined): Bind[] | Bind[][] | undefined {
  if (binds === undefined) return undefined;
  const convert = (value: unknown): Bind => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return value.toString();
    // The driver would send a Date as VARIANT; ISO text converts implicitly to DATE/TIMESTAMP.
    if (value instanceof Date) return value.toISOString();
    throw userError('E_WAREHOUSE', `Cannot bind a value of type ${value?.constructor?.name ?? typeof value} to a Snowflake statement.`, {}, 1);
  };
  // An array of arrays is a multi-row (array) bind, which the driver sends in one request.
  if (binds.length > 0 && binds.every(Array.isArray)) return (binds as unknown[][]).map((row) => row.map(convert));
  return binds.map(convert);
}

/**
 * `CREATE [OR REPLACE] [TRANSIENT|TEMPORARY] TABLE <name> AS (` as the dialect writes it; group 1
 * is the (quoted, dotted) name.
 */
const CREATE_TABLE_AS = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TRANSIENT\s+|TEMPORARY\s+)?TABLE\s+((?:"(?:[^"]|"")*"\.)*"(?:[^"]|"")*")\s+AS\s*\(/i;

/**
 * Snowflake answers CREATE TABLE AS with a status row only. DuckDB reports the rows written, and
 * run_results/progress lines report them on every target, so ask the table: COUNT(*) on a table
 * is answered from Snowflake's metadata, without scanning or a running warehouse.
 */
async function countCreatedRows(session: DriverSession, sql: string): Promise<number | undefined> {
  const name = CREATE_TABLE_AS.exec(sql)?.[1];
  if (!name) return undefined;
  const { rows } = await session.execute(`SELECT COUNT(*) AS ROW_COUNT FROM ${name}`);
  return Number(rows[0]?.ROW_COUNT ?? 0);
}

const OPENS_TRANSACTION = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i;

/** Lease a session from the pool as a Strata Connection. */
export async function leaseConnection(pool: SessionPool): Promise<Connection> {
  const session = await pool.acquire();
  let inTransaction = false;
  let released = false;
  let queryTag: string | undefined;
  return {
    setQueryTag(tag) {
      queryTag = tag;
    },
    async execute(sql: string, binds?: unknown[]): Promise<QueryResult> {
      if (released) throw userError('E_WAREHOUSE', 'This Snowflake connection was closed.', {}, 1);
      try {
        const { statement, rows } = await session.execute(sql, toDriverBinds(binds), queryTag === undefined ? undefined : { QUERY_TAG: queryTag });
        if (OPENS_TRANSACTION.test(sql)) inTransaction = true;
        if (ENDS_TRANSACTION.test(sql)) inTransaction = false;
        const result = toQueryResult(statement, rows);
        const created = await countCreatedRows(session, sql);
        if (created !== undefined) result.rowsAffected = created;
        return result;
      } catch (err) {
        throw toWarehouseError(err);
      }
    },
    async close(): Promise<void> {
      if (released) return;
      released = true;
      // The next lessee must not inherit half a transaction.
      if (inTransaction && session.isUp()) await session.execute('ROLLBACK').catch(() => undefined);
      await pool.release(session);
    },
  };
}

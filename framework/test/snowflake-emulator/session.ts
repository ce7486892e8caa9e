/**
 * One logged-in Snowflake session: its tokens, its own DuckDB connection (so USE, temporary
 * tables and transactions stay per session, as in Snowflake) and its session state.
 */
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { schemaExists } from './catalog.js';
import { quoteIdent } from './sql-tokens.js';

export interface SessionIdentity {
  user: string;
  role: string;
  warehouse: string | null;
}

export class EmulatorSession {
  readonly token = randomBytes(24).toString('base64url');
  readonly masterToken = randomBytes(24).toString('base64url');
  /** Current database and schema as Snowflake reports them (null when unset). */
  database: string | null = null;
  schema: string | null = null;
  warehouse: string | null;
  role: string;
  readonly user: string;
  /** ALTER SESSION parameters, upper-case keys (QUERY_TAG among them). */
  readonly parameters = new Map<string, string>();
  /** Set by BEGIN/START TRANSACTION, cleared by COMMIT/ROLLBACK. */
  inTransaction = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: number,
    readonly conn: DuckDBConnection,
    identity: SessionIdentity,
  ) {
    this.user = identity.user;
    this.role = identity.role;
    this.warehouse = identity.warehouse;
  }

  /**
   * Run `work` after everything already queued on this session. The driver may send several
   * statements on one connection at once; one DuckDB connection runs one statement at a time.
   */
  serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get queryTag(): string | undefined {
    return this.parameters.get('QUERY_TAG') || undefined;
  }

  /**
   * Make `database`/`schema` current. A missing schema leaves Snowflake's current schema unset;
   * DuckDB still needs one, so unqualified names then resolve in PUBLIC.
   */
  async use(database: string, schema: string | null): Promise<void> {
    const useSchema = schema !== null && (await schemaExists(this.conn, database, schema)) ? schema : null;
    await this.conn.run(`USE ${quoteIdent(database)}.${quoteIdent(useSchema ?? 'PUBLIC')}`);
    this.database = database;
    this.schema = useSchema;
  }

  /** `name` qualified with the current database/schema (for parts the SQL left out). */
  qualify(parts: string[]): { database: string; schema: string; name: string } {
    const name = parts[parts.length - 1];
    const schema = parts.length >= 2 ? parts[parts.length - 2] : (this.schema ?? 'PUBLIC');
    const database = parts.length >= 3 ? parts[parts.length - 3] : (this.database ?? '');
    return { database, schema, name };
  }
}

/**
 * The Snowflake adapter. Nothing here loads snowflake-sdk at import time: the driver is imported
 * on the first `connect()` (see driver.ts), so importing the adapter costs a DuckDB run nothing.
 */
import type { Adapter, Capabilities } from '../adapter.js';
import { type SnowflakeTargetConfig, validateSnowflakeConfig } from './config.js';
import { leaseConnection, SessionPool } from './connection.js';
import { resolveSnowflakeAuth } from './credentials.js';
import { createSnowflakeDialect, snowflakeStringLiteral } from './dialect.js';
import { type DriverSession, loadSnowflakeSdk, openDriverSession } from './driver.js';
import { toWarehouseError } from './errors.js';
import { createSnowflakeIntrospector } from './introspector.js';
import { loadSnowflakeCsv } from './load-csv.js';

export type { SnowflakeTargetConfig } from './config.js';
export { snowflakeConfigFromTarget } from './config.js';
export { explainSnowflakeError, SnowflakeWarehouseError } from './errors.js';
export type { SnowflakeErrorExplanation, SnowflakeErrorKind } from './errors.js';
export { createSnowflakeDialect } from './dialect.js';

const DEFAULT_THREADS = 4;
const DEFAULT_CONNECT_RETRIES = 2;

/** Log one session in and apply the target's session settings. */
async function openSession(config: SnowflakeTargetConfig): Promise<DriverSession> {
  const auth = resolveSnowflakeAuth(config);
  const context = { account: config.account, accessUrl: config.accessUrl, role: config.role };
  // Login parameters are identifiers too: quoted when case must be kept (see dialect.ts).
  const name = (value: string | undefined) => (value && config.quoteIdentifiers ? `"${value.replace(/"/g, '""')}"` : value);
  let session: DriverSession;
  try {
    const sdk = await loadSnowflakeSdk(config.accessUrl);
    session = await openDriverSession(sdk, {
      account: config.account,
      username: config.user,
      ...auth,
      database: name(config.database),
      schema: name(config.schema),
      warehouse: name(config.warehouse),
      role: name(config.role),
      accessUrl: config.accessUrl,
      application: 'Strata',
      sfRetryMaxLoginRetries: config.connectRetries ?? DEFAULT_CONNECT_RETRIES,
      ...(config.requestTimeoutMs ? { timeout: config.requestTimeoutMs } : {}),
    });
  } catch (err) {
    throw toWarehouseError(err, context);
  }
  if (config.queryTag) {
    try {
      await session.execute(`ALTER SESSION SET QUERY_TAG = ${snowflakeStringLiteral(config.queryTag)}`);
    } catch (err) {
      await session.destroy();
      throw toWarehouseError(err, context);
    }
  }
  return session;
}

/** Create a Snowflake adapter for a target. Validates the config; connects lazily. */
export function createSnowflakeAdapter(config: SnowflakeTargetConfig): Adapter {
  validateSnowflakeConfig(config);
  const threads = config.threads ?? DEFAULT_THREADS;
  const dialect = createSnowflakeDialect({ preserveCase: config.quoteIdentifiers, transientByDefault: config.transient ?? true });
  const capabilities: Capabilities = {
    transactionalDdl: false,
    swapTables: true,
    merge: true,
    transientTables: true,
    maxThreads: threads,
  };
  let pool: SessionPool | undefined;
  const introspectorFor = (connection: Parameters<Adapter['introspector']>[0]) =>
    createSnowflakeIntrospector(connection, dialect, { defaultDatabase: config.database });
  return {
    type: 'snowflake',
    capabilities,
    dialect,
    defaultDatabase: config.database,
    defaultSchema: config.schema,
    connect: () => leaseConnection((pool ??= new SessionPool(() => openSession(config), threads))),
    introspector: introspectorFor,
    loadCsv: (connection, request) =>
      loadSnowflakeCsv(connection, dialect, introspectorFor(connection), request, { transient: config.transient ?? true }),
    async close(): Promise<void> {
      const closing = pool;
      pool = undefined;
      await closing?.close();
    },
  };
}

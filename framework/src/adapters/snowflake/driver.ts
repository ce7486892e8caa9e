/**
 * The only place that loads snowflake-sdk. It is imported lazily, on the first connect, because
 * loading it probes cloud metadata endpoints (169.254.169.254, metadata.google.internal, AWS STS)
 * unless SNOWFLAKE_DISABLE_PLATFORM_DETECTION is set first; a DuckDB-only run never loads it.
 */
import type { Bind, Connection as SdkConnection, ConnectionOptions, RowStatement, SnowflakeError } from 'snowflake-sdk';

type SnowflakeSdk = typeof import('snowflake-sdk');

/** A logged-in driver session. */
export interface DriverSession {
  /** `parameters` are statement-level session parameters (QUERY_TAG), sent with the statement at no extra round trip. */
  execute(sql: string, binds?: Bind[] | Bind[][], parameters?: Record<string, string>): Promise<{ statement: RowStatement; rows: Record<string, unknown>[] }>;
  /** False once the driver considers the session unusable (network loss, expired token). */
  isUp(): boolean;
  destroy(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Load snowflake-sdk. Platform detection is switched off unless the user set the variable
 * themselves (it only feeds the driver's telemetry). The driver's file logger (which writes
 * `snowflake.log` into the working directory) is replaced by a silent one: errors reach Strata
 * through callbacks.
 */
export async function loadSnowflakeSdk(accessUrl?: string): Promise<SnowflakeSdk> {
  if (process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION === undefined) {
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = 'true';
  }
  const mod = (await import('snowflake-sdk')) as SnowflakeSdk & { default?: SnowflakeSdk };
  const sdk = mod.default ?? mod;
  const silent = () => undefined;
  sdk.configure({ customLogger: { error: silent, warn: silent, info: silent, debug: silent, trace: silent } });
  // A loopback endpoint (the test emulator) must never go through an HTTP(S)_PROXY from the env.
  if (accessUrl && LOOPBACK_HOSTS.has(new URL(accessUrl).hostname)) sdk.configure({ useEnvProxy: false });
  return sdk;
}

/** Create and log in a driver connection. Rejects with the driver's error. */
export async function openDriverSession(sdk: SnowflakeSdk, options: ConnectionOptions): Promise<DriverSession> {
  const connection: SdkConnection = sdk.createConnection(options);
  await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
  return {
    execute: (sql, binds, parameters) =>
      new Promise((resolve, reject) => {
        connection.execute({
          sqlText: sql,
          binds,
          ...(parameters ? { parameters } : {}),
          // Numbers arrive as text and are converted in result-values.ts: scale-0 NUMBER(38,0)
          // values beyond 2^53 must become bigints, not silently rounded doubles.
          fetchAsString: ['Number'],
          complete: (err: SnowflakeError | undefined, statement: RowStatement, rows?: unknown[]) =>
            err ? reject(err) : resolve({ statement, rows: (rows ?? []) as Record<string, unknown>[] }),
        });
      }),
    isUp: () => connection.isUp(),
    destroy: () =>
      new Promise<void>((resolve) => {
        // A session that is already gone cannot be destroyed twice; either way it is closed.
        connection.destroy(() => resolve());
      }),
  };
}

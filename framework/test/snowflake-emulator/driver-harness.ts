/**
 * Test helpers around the real snowflake-sdk: load it safely (platform detection off, lazily,
 * logging muted so no `snowflake.log` lands in the working directory) and promisify it.
 */
import type { Binds, Connection, ConnectionOptions, RowStatement, SnowflakeError } from 'snowflake-sdk';
import type { SnowflakeEmulator } from './server.js';

type SnowflakeSdk = typeof import('snowflake-sdk');

/** Import snowflake-sdk only after SNOWFLAKE_DISABLE_PLATFORM_DETECTION is set. */
export async function loadSnowflakeSdk(): Promise<SnowflakeSdk> {
  process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= 'true';
  const mod = (await import('snowflake-sdk')) as SnowflakeSdk & { default?: SnowflakeSdk };
  const sdk = mod.default ?? mod;
  const quiet = () => undefined;
  sdk.configure({
    useEnvProxy: false,
    customLogger: { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet },
  });
  return sdk;
}

/** Connection options for an emulator, overridable per test. */
export function emulatorConnectionOptions(emulator: SnowflakeEmulator, overrides: Partial<ConnectionOptions> = {}): ConnectionOptions {
  return {
    account: emulator.account,
    accessUrl: emulator.accessUrl,
    username: 'strata',
    password: 'secret',
    database: emulator.database,
    schema: 'PUBLIC',
    warehouse: 'TEST_WH',
    timeout: 10_000,
    sfRetryMaxLoginRetries: 0,
    ...overrides,
  };
}

export async function connect(sdk: SnowflakeSdk, options: ConnectionOptions): Promise<Connection> {
  const connection = sdk.createConnection(options);
  await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
  return connection;
}

export interface Executed {
  rows: Record<string, unknown>[];
  statement: RowStatement;
}

export function execute(connection: Connection, sqlText: string, binds?: Binds, extra: Record<string, unknown> = {}): Promise<Executed> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      binds,
      ...extra,
      complete: (err: SnowflakeError | undefined, statement: RowStatement, rows?: unknown[]) =>
        err ? reject(err) : resolve({ rows: (rows ?? []) as Record<string, unknown>[], statement }),
    });
  });
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<SnowflakeError> {
  try {
    await promise;
  } catch (err) {
    return err as SnowflakeError;
  }
  throw new Error('expected the operation to fail');
}

export function destroy(connection: Connection): Promise<void> {
  return new Promise((resolve, reject) => connection.destroy((err) => (err ? reject(err) : resolve())));
}

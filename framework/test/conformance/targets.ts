/**
 * The warehouses the adapter conformance suite runs against, behind one interface: embedded
 * DuckDB, Snowflake emulated on loopback (the real snowflake-sdk talks to
 * ../snowflake-emulator), and, only when credentials are in the environment, a real Snowflake
 * account. Every target is used the way a user uses it: a `targets:` entry in project.yml whose
 * secrets come from environment variables, plus an adapter for reading results back.
 */
import { join } from 'node:path';
import type { Adapter } from '../../src/adapters/adapter.js';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import { createSnowflakeAdapter, snowflakeConfigFromTarget } from '../../src/adapters/snowflake/index.js';
import { type SnowflakeEmulator, startSnowflakeEmulator } from '../snowflake-emulator/index.js';

export interface TargetEntry {
  /** The project.yml `targets:` entry (secrets as env_var() calls). */
  target: Record<string, unknown>;
  /** The environment the entry reads. */
  env: Record<string, string>;
}

export interface ConformanceTarget {
  /** Suite name, e.g. `duckdb` or `snowflake (emulated)`. */
  label: string;
  kind: 'duckdb' | 'snowflake';
  /** Why the target cannot run here; undefined when it can. */
  skipReason?: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The target entry for a project whose target schema is `schema`. */
  entry(schema: string): TargetEntry;
  /** An adapter on the same warehouse as a project's target (results are read through it). */
  adapter(projectDir: string, schema: string): Adapter;
  /** Hosts a test of this target may connect to (the network guard's filter). */
  allowsHost(host: string): boolean;
  /** The running emulator, for the emulated Snowflake target. */
  readonly emulator?: SnowflakeEmulator;
}

const loopbackOnly = (host: string) => host === '127.0.0.1';

/** A unique prefix per test process, so runs against a shared real account never collide. */
export const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`.toUpperCase();

export function duckDbTarget(): ConformanceTarget {
  const path = 'target/conformance.duckdb';
  return {
    label: 'duckdb',
    kind: 'duckdb',
    start: async () => undefined,
    stop: async () => undefined,
    entry: (schema) => ({ target: { type: 'duckdb', path, schema, threads: 2 }, env: {} }),
    adapter: (projectDir, schema) => createDuckDbAdapter({ path: join(projectDir, path), schema }),
    allowsHost: loopbackOnly,
  };
}

/**
 * The Snowflake target entry: the same for the emulator and a real account, only the
 * environment differs (dbt-snowflake's snake_case keys, as users write them).
 */
const SNOWFLAKE_ENTRY = {
  type: 'snowflake',
  account: "{{ env_var('CONF_SF_ACCOUNT') }}",
  user: "{{ env_var('CONF_SF_USER') }}",
  password: "{{ env_var('CONF_SF_PASSWORD', '') }}",
  private_key_path: "{{ env_var('CONF_SF_PRIVATE_KEY_PATH', '') }}",
  private_key_passphrase: "{{ env_var('CONF_SF_PRIVATE_KEY_PASSPHRASE', '') }}",
  role: "{{ env_var('CONF_SF_ROLE', '') }}",
  warehouse: "{{ env_var('CONF_SF_WAREHOUSE', '') }}",
  database: "{{ env_var('CONF_SF_DATABASE') }}",
  access_url: "{{ env_var('CONF_SF_ACCESS_URL', '') }}",
  query_tag: 'strata-conformance',
  threads: 4,
};

function snowflakeAdapterFor(entry: TargetEntry): Adapter {
  const values = Object.fromEntries(
    Object.entries(entry.target).map(([key, value]) => {
      const envName = /env_var\('(\w+)'/.exec(String(value))?.[1];
      return [key, envName ? (entry.env[envName] ?? '') : value];
    }),
  );
  return createSnowflakeAdapter(snowflakeConfigFromTarget({ ...values, connect_retries: 0 }));
}

export const EMULATED_PASSWORD = 'conformance-S3cret!';

export function emulatedSnowflakeTarget(): ConformanceTarget {
  let emulator: SnowflakeEmulator | undefined;
  const target: ConformanceTarget = {
    label: 'snowflake (emulated)',
    kind: 'snowflake',
    get emulator() {
      return emulator;
    },
    async start() {
      emulator = await startSnowflakeEmulator({ users: { strata: EMULATED_PASSWORD }, database: 'CONFORMANCE' });
    },
    async stop() {
      await emulator?.close();
      emulator = undefined;
    },
    entry(schema) {
      if (!emulator) throw new Error('the emulator is not started');
      return {
        target: { ...SNOWFLAKE_ENTRY, schema, connect_retries: 0 },
        env: {
          CONF_SF_ACCOUNT: emulator.account,
          CONF_SF_USER: 'strata',
          CONF_SF_PASSWORD: EMULATED_PASSWORD,
          CONF_SF_DATABASE: 'conformance',
          CONF_SF_WAREHOUSE: 'conformance_wh',
          CONF_SF_ACCESS_URL: emulator.accessUrl,
        },
      };
    },
    adapter: (_dir, schema) => snowflakeAdapterFor(target.entry(schema)),
    allowsHost: loopbackOnly,
  };
  return target;
}

/** Why the real-account variant cannot run, or undefined when the environment allows it. */
function realSnowflakeSkipReason(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.SNOWFLAKE_ACCOUNT) return 'SNOWFLAKE_ACCOUNT not set';
  if (!env.SNOWFLAKE_USER) return 'SNOWFLAKE_USER not set';
  if (!env.SNOWFLAKE_PASSWORD && !env.SNOWFLAKE_PRIVATE_KEY_PATH) return 'neither SNOWFLAKE_PASSWORD nor SNOWFLAKE_PRIVATE_KEY_PATH set';
  if (!env.SNOWFLAKE_DATABASE) return 'SNOWFLAKE_DATABASE not set';
  return undefined;
}

/**
 * A real account from SNOWFLAKE_* variables. Everything it creates lives in schemas named
 * `STRATA_CONF_<run id>_...`, dropped again in stop(). Its network filter allows Snowflake's own
 * hosts and the cloud storage its stages upload to.
 */
export function realSnowflakeTarget(env: NodeJS.ProcessEnv = process.env): ConformanceTarget {
  const skipReason = realSnowflakeSkipReason(env);
  /** Target schemas handed out; each is dropped with its `<schema>_*` custom schemas in stop(). */
  const schemas = new Set<string>();
  const entryOf = (schema: string): TargetEntry => {
    const pass = (name: string) => (env[name] ? { [`CONF_SF_${name.replace('SNOWFLAKE_', '')}`]: String(env[name]) } : {});
    return {
      target: { ...SNOWFLAKE_ENTRY, schema },
      env: {
        CONF_SF_ACCOUNT: String(env.SNOWFLAKE_ACCOUNT),
        CONF_SF_USER: String(env.SNOWFLAKE_USER),
        CONF_SF_DATABASE: String(env.SNOWFLAKE_DATABASE),
        ...pass('SNOWFLAKE_PASSWORD'),
        ...pass('SNOWFLAKE_PRIVATE_KEY_PATH'),
        ...pass('SNOWFLAKE_PRIVATE_KEY_PASSPHRASE'),
        ...pass('SNOWFLAKE_ROLE'),
        ...pass('SNOWFLAKE_WAREHOUSE'),
        // Private link endpoints (and a self-test of this target against the emulator).
        ...pass('SNOWFLAKE_ACCESS_URL'),
      },
    };
  };
  const target: ConformanceTarget = {
    label: skipReason ? `real Snowflake (skipped: ${skipReason})` : `real Snowflake (${env.SNOWFLAKE_ACCOUNT})`,
    kind: 'snowflake',
    skipReason,
    start: async () => undefined,
    async stop() {
      if (schemas.size === 0) return;
      const adapter = snowflakeAdapterFor(entryOf('PUBLIC'));
      const connection = await adapter.connect();
      try {
        const db = adapter.dialect.quoteIdentifier(String(env.SNOWFLAKE_DATABASE));
        for (const schema of schemas) {
          const prefix = schema.toUpperCase();
          // Only the suite's own schemas (`_` is a LIKE wildcard, so check the prefix exactly too).
          if (!prefix.startsWith('STRATA_CONF_')) continue;
          const { rows } = await connection.execute(`SHOW SCHEMAS LIKE '${prefix}%' IN DATABASE ${db}`);
          for (const row of rows) {
            const name = String(row.name);
            if (name === prefix || name.startsWith(`${prefix}_`)) await connection.execute(`DROP SCHEMA IF EXISTS ${db}."${name.replace(/"/g, '""')}"`);
          }
        }
        schemas.clear();
      } finally {
        await connection.close();
        await adapter.close();
      }
    },
    entry(schema) {
      schemas.add(schema);
      return entryOf(schema);
    },
    adapter: (_dir, schema) => snowflakeAdapterFor(target.entry(schema)),
    allowsHost: (host) =>
      host === '127.0.0.1' || /\.(snowflakecomputing\.com|amazonaws\.com|blob\.core\.windows\.net|googleapis\.com)$/i.test(host),
  };
  return target;
}

/** The targets every conformance case runs on here (DuckDB and emulated Snowflake). */
export function localTargets(): ConformanceTarget[] {
  return [duckDbTarget(), emulatedSnowflakeTarget()];
}

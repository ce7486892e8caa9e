/**
 * The Snowflake target as written in project.yml / profiles.yml (after `env_var()` resolution),
 * and its validation. Problems are reported all at once, naming the field and the fix.
 */
import { StrataError, type Diagnostic } from '../../errors/strata-error.js';

export interface SnowflakeTargetConfig {
  /** Account identifier, e.g. `myorg-myaccount` (what precedes `.snowflakecomputing.com`). */
  account: string;
  user: string;
  /** Password authentication. Mutually exclusive with the private key fields. */
  password?: string;
  /** Key-pair authentication: the private key as PEM text (`\n` escapes are accepted). */
  privateKey?: string;
  /** Key-pair authentication: path to a PEM private key file. */
  privateKeyPath?: string;
  /** Passphrase of an encrypted private key. */
  privateKeyPassphrase?: string;
  role?: string;
  warehouse?: string;
  database: string;
  schema: string;
  /** Concurrent statements (sessions in the pool). Default 4. */
  threads?: number;
  /** Full endpoint URL instead of `https://<account>.snowflakecomputing.com` (tests, private link). */
  accessUrl?: string;
  /** QUERY_TAG set on every session, so Strata's queries are findable in QUERY_HISTORY. */
  queryTag?: string;
  /** Build tables as TRANSIENT (no fail-safe storage cost), as dbt-snowflake does. Default true. */
  transient?: boolean;
  /**
   * Keep identifiers' case by quoting them exactly as written (dbt's `quoting: identifier: true`).
   * Default false: names fold to upper case like unquoted Snowflake identifiers. See dialect.ts.
   */
  quoteIdentifiers?: boolean;
  /** Login retries after network failures (dbt-snowflake `connect_retries`). Default 2. */
  connectRetries?: number;
  /** Per-request timeout in milliseconds (the driver's `timeout`). Default: the driver's (90 s). */
  requestTimeoutMs?: number;
}

/** The driver's own account check; anything else fails later with a less helpful message. */
const ACCOUNT_PATTERN = /^\w+([.-]\w+)*$/;

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/** Throw one StrataError listing every problem of the target config. */
export function validateSnowflakeConfig(config: SnowflakeTargetConfig, source = 'the snowflake target'): void {
  const problems: Diagnostic[] = [];
  const problem = (message: string, hint?: string) =>
    problems.push({ code: 'E_CONFIG', severity: 'error', message: `${source}: ${message}`, hint });

  for (const field of ['account', 'user', 'database', 'schema'] as const) {
    if (isBlank(config[field])) problem(`'${field}' is required`);
  }
  if (!isBlank(config.account) && !ACCOUNT_PATTERN.test(config.account)) {
    problem(`'account' must be an account identifier like 'myorg-myaccount', got '${config.account}'`, 'Use the part before .snowflakecomputing.com, without https://.');
  }
  const keyFields = [config.privateKey, config.privateKeyPath].filter((v) => !isBlank(v)).length;
  const hasPassword = !isBlank(config.password);
  if (keyFields === 0 && !hasPassword) {
    problem('no credentials: set either password, or privateKey / privateKeyPath for key-pair authentication');
  } else if (keyFields > 0 && hasPassword) {
    problem('both a password and a private key are set; choose one authentication method');
  } else if (keyFields > 1) {
    problem('both privateKey and privateKeyPath are set; give the key one way');
  }
  if (config.threads !== undefined && !(Number.isInteger(config.threads) && config.threads >= 1)) {
    problem(`'threads' must be a positive integer, got ${String(config.threads)}`);
  }
  if (config.connectRetries !== undefined && !(Number.isInteger(config.connectRetries) && config.connectRetries >= 0)) {
    problem(`'connectRetries' must be a non-negative integer, got ${String(config.connectRetries)}`);
  }
  if (config.accessUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(config.accessUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) problem(`'accessUrl' must be an http(s) URL, got '${config.accessUrl}'`);
  }
  if (problems.length > 0) throw new StrataError(problems, 2);
}

/** project.yml / profiles.yml spellings of each field (dbt-snowflake's snake_case is accepted). */
const TARGET_KEYS: Record<keyof SnowflakeTargetConfig, string[]> = {
  account: ['account'],
  user: ['user', 'username'],
  password: ['password'],
  privateKey: ['privateKey', 'private_key'],
  privateKeyPath: ['privateKeyPath', 'private_key_path'],
  privateKeyPassphrase: ['privateKeyPassphrase', 'private_key_passphrase'],
  role: ['role'],
  warehouse: ['warehouse'],
  database: ['database'],
  schema: ['schema'],
  threads: ['threads'],
  accessUrl: ['accessUrl', 'access_url'],
  queryTag: ['queryTag', 'query_tag'],
  transient: ['transient'],
  quoteIdentifiers: ['quoteIdentifiers', 'quote_identifiers'],
  connectRetries: ['connectRetries', 'connect_retries'],
  requestTimeoutMs: ['requestTimeoutMs', 'request_timeout_ms'],
};

const NUMBER_FIELDS = new Set<keyof SnowflakeTargetConfig>(['threads', 'connectRetries', 'requestTimeoutMs']);
const BOOLEAN_FIELDS = new Set<keyof SnowflakeTargetConfig>(['transient', 'quoteIdentifiers']);

/**
 * A `type: snowflake` target as written (env_var() already rendered) -> SnowflakeTargetConfig.
 * Empty values count as unset, because project files fill optional fields from environment
 * variables that may be empty (`role: "{{ env_var('SNOWFLAKE_ROLE', '') }}"`); numbers and
 * booleans written as text are converted. Validation stays in validateSnowflakeConfig.
 */
export function snowflakeConfigFromTarget(target: Record<string, unknown>): SnowflakeTargetConfig {
  const config: Record<string, unknown> = {};
  for (const [field, keys] of Object.entries(TARGET_KEYS) as [keyof SnowflakeTargetConfig, string[]][]) {
    const key = keys.find((k) => target[k] !== undefined && target[k] !== null && String(target[k]).trim() !== '');
    if (key === undefined) continue;
    const value = target[key];
    if (NUMBER_FIELDS.has(field)) config[field] = typeof value === 'number' ? value : Number(String(value).trim());
    else if (BOOLEAN_FIELDS.has(field)) config[field] = typeof value === 'boolean' ? value : /^(true|yes|1)$/i.test(String(value).trim());
    else config[field] = String(value);
  }
  for (const field of ['account', 'user', 'database', 'schema'] as const) config[field] ??= '';
  return config as unknown as SnowflakeTargetConfig;
}

/** Target validation, credential resolution, and the lazy-driver rule. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { snowflakeConfigFromTarget, validateSnowflakeConfig, type SnowflakeTargetConfig } from './config.js';
import { resolveSnowflakeAuth } from './credentials.js';

const base: SnowflakeTargetConfig = { account: 'myorg-acct', user: 'strata', password: 'pw', database: 'analytics', schema: 'marts' };
const dir = mkdtempSync(join(tmpdir(), 'strata-sf-keys-'));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const plainPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const encryptedPem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' }).toString();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validateSnowflakeConfig', () => {
  it('accepts a complete password target', () => {
    expect(() => validateSnowflakeConfig(base)).not.toThrow();
  });

  it('lists every problem at once', () => {
    const bad = { account: 'https://x.snowflakecomputing.com', user: '', database: 'd', schema: '', threads: 0 } as SnowflakeTargetConfig;
    let message = '';
    try {
      validateSnowflakeConfig(bad);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("'user' is required");
    expect(message).toContain("'schema' is required");
    expect(message).toContain("'account' must be an account identifier");
    expect(message).toContain('no credentials');
    expect(message).toContain("'threads' must be a positive integer");
  });

  it('refuses two authentication methods at once', () => {
    expect(() => validateSnowflakeConfig({ ...base, privateKey: plainPem })).toThrow(/choose one authentication method/);
  });
});

describe('resolveSnowflakeAuth', () => {
  it('uses the password authenticator by default', () => {
    expect(resolveSnowflakeAuth(base)).toEqual({ authenticator: 'SNOWFLAKE', password: 'pw' });
  });

  it('reads PEM text, also with escaped newlines from an environment variable', () => {
    const escaped = plainPem.trim().replace(/\n/g, '\\n');
    const auth = resolveSnowflakeAuth({ ...base, password: undefined, privateKey: escaped });
    expect(auth.authenticator).toBe('SNOWFLAKE_JWT');
    expect(auth).toMatchObject({ privateKey: expect.stringContaining('-----BEGIN PRIVATE KEY-----') });
  });

  it('decrypts an encrypted key file with its passphrase', () => {
    const path = join(dir, 'rsa_key.p8');
    writeFileSync(path, encryptedPem);
    const auth = resolveSnowflakeAuth({ ...base, password: undefined, privateKeyPath: path, privateKeyPassphrase: 'open sesame' });
    expect(auth).toMatchObject({ authenticator: 'SNOWFLAKE_JWT', privateKey: expect.stringContaining('-----BEGIN PRIVATE KEY-----') });
  });

  it('explains a missing or wrong passphrase and a missing file without echoing secrets', () => {
    const path = join(dir, 'rsa_key_2.p8');
    writeFileSync(path, encryptedPem);
    expect(() => resolveSnowflakeAuth({ ...base, password: undefined, privateKeyPath: path })).toThrow(/encrypted but no privateKeyPassphrase/);
    const wrong = () => resolveSnowflakeAuth({ ...base, password: undefined, privateKeyPath: path, privateKeyPassphrase: 'nope-secret' });
    expect(wrong).toThrow(/could not be decrypted/);
    expect(wrong).not.toThrow(/nope-secret/);
    expect(() => resolveSnowflakeAuth({ ...base, password: undefined, privateKeyPath: join(dir, 'missing.p8') })).toThrow(/does not exist/);
  });
});

describe('snowflake-sdk loading', () => {
  it('is never imported at module top level (only `import type` or a lazy import())', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of sources) {
      const text = readFileSync(join(here, file), 'utf8');
      const staticImports = text.match(/^import\s+(?!type\b)[^;]*from\s+'snowflake-sdk'/gm) ?? [];
      expect({ file, staticImports }).toEqual({ file, staticImports: [] });
    }
  });
});

describe('snowflakeConfigFromTarget', () => {
  it('reads dbt-style snake_case keys and treats empty values as unset', () => {
    const config = snowflakeConfigFromTarget({
      name: 'prod', type: 'snowflake', account: 'myorg-acct', user: 'strata', password: '', private_key_path: '/keys/strata.p8',
      private_key_passphrase: 'pp', role: '', warehouse: 'WH', database: 'analytics', schema: 'marts', threads: 8,
      access_url: '', query_tag: 'nightly', connect_retries: '1', transient: 'false',
    });
    expect(config).toEqual({
      account: 'myorg-acct', user: 'strata', privateKeyPath: '/keys/strata.p8', privateKeyPassphrase: 'pp', warehouse: 'WH',
      database: 'analytics', schema: 'marts', threads: 8, queryTag: 'nightly', connectRetries: 1, transient: false,
    });
    expect(() => validateSnowflakeConfig(config)).not.toThrow();
  });

  it('accepts the camelCase names too, and leaves missing required fields for validation to report', () => {
    const config = snowflakeConfigFromTarget({ accessUrl: 'http://127.0.0.1:1', privateKey: 'PEM', quoteIdentifiers: true });
    expect(config).toMatchObject({ accessUrl: 'http://127.0.0.1:1', privateKey: 'PEM', quoteIdentifiers: true, account: '', user: '' });
    expect(() => validateSnowflakeConfig(config)).toThrow(/'account' is required/);
  });
});

/**
 * Credentials for snowflake-sdk from the target config: a password, or a key pair (PEM text or a
 * key file, optionally encrypted). The key is read and decrypted here, before any network
 * traffic, so a wrong path or passphrase is reported as such and not as a failed login.
 * Secrets never appear in error messages.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userError } from '../../errors/strata-error.js';
import type { SnowflakeTargetConfig } from './config.js';

/** The authentication part of snowflake-sdk's connection options. */
export type SnowflakeAuthOptions =
  | { authenticator: 'SNOWFLAKE'; password: string }
  | { authenticator: 'SNOWFLAKE_JWT'; privateKey: string };

/** Environment variables often carry a PEM with literal `\n`; restore real newlines. */
function normalisePem(text: string): string {
  const pem = text.includes('\\n') && !text.includes('\n') ? text.replace(/\\n/g, '\n') : text;
  return `${pem.trim()}\n`;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw userError('E_CONFIG', `Snowflake private key file ${path} ${reason}.`, { file: path, hint: 'Check privateKeyPath in the target.' });
  }
}

/**
 * Decrypt/parse the key and hand the driver an unencrypted PKCS#8 PEM (what its key-pair
 * authenticator signs with).
 */
function decodePrivateKey(pem: string, passphrase: string | undefined, origin: string): string {
  const encrypted = /ENCRYPTED/.test(pem);
  if (encrypted && !passphrase) {
    throw userError('E_CONFIG', `The Snowflake private key (${origin}) is encrypted but no privateKeyPassphrase is set.`);
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase }).export({ format: 'pem', type: 'pkcs8' }).toString();
  } catch {
    const hint = encrypted
      ? 'Check privateKeyPassphrase.'
      : 'Expected a PEM block starting with -----BEGIN PRIVATE KEY----- (or ENCRYPTED / RSA PRIVATE KEY).';
    throw userError('E_CONFIG', `The Snowflake private key (${origin}) could not be ${encrypted ? 'decrypted' : 'read'}.`, { hint });
  }
}

/** Resolve the driver's authentication options. Call after validateSnowflakeConfig(). */
export function resolveSnowflakeAuth(config: SnowflakeTargetConfig): SnowflakeAuthOptions {
  if (config.privateKeyPath) {
    const pem = readKeyFile(config.privateKeyPath);
    return { authenticator: 'SNOWFLAKE_JWT', privateKey: decodePrivateKey(pem, config.privateKeyPassphrase, `file ${config.privateKeyPath}`) };
  }
  if (config.privateKey) {
    return { authenticator: 'SNOWFLAKE_JWT', privateKey: decodePrivateKey(normalisePem(config.privateKey), config.privateKeyPassphrase, 'privateKey') };
  }
  return { authenticator: 'SNOWFLAKE', password: config.password ?? '' };
}

/** explainSnowflakeError on error shapes snowflake-sdk produces. */
import { describe, expect, it } from 'vitest';
import { explainSnowflakeError, toWarehouseError, SnowflakeWarehouseError } from './errors.js';

const operationFailed = (code: string, message: string, sqlState?: string) =>
  Object.assign(new Error(message), { name: 'OperationFailedError', code, sqlState, data: { queryId: 'q-1' } });

describe('explainSnowflakeError', () => {
  it('recognises bad passwords and rejected key pairs', () => {
    expect(explainSnowflakeError(operationFailed('390100', 'Incorrect username or password was specified.'))).toMatchObject({
      kind: 'auth',
      code: '390100',
      message: 'Snowflake rejected the user name or password.',
    });
    expect(explainSnowflakeError(operationFailed('390144', 'JWT token is invalid.')).hint).toMatch(/RSA_PUBLIC_KEY/);
  });

  it('recognises network failures and names the endpoint', () => {
    const err = Object.assign(new Error('Network error. Could not reach Snowflake.'), {
      name: 'NetworkError',
      code: 401001,
      cause: { code: 'ENOTFOUND' },
    });
    expect(explainSnowflakeError(err, { account: 'myorg-typo' })).toMatchObject({
      kind: 'network',
      code: '401001',
      message: 'Could not reach https://myorg-typo.snowflakecomputing.com (ENOTFOUND).',
    });
  });

  it('recognises missing privileges and missing objects', () => {
    const denied = operationFailed('003001', "SQL access control error:\nInsufficient privileges to operate on schema 'MARTS'", '42501');
    expect(explainSnowflakeError(denied, { role: 'TRANSFORMER' })).toMatchObject({ kind: 'permission', sqlState: '42501' });
    expect(explainSnowflakeError(denied, { role: 'TRANSFORMER' }).hint).toContain('TRANSFORMER');
    const missing = operationFailed('002003', "SQL compilation error:\nObject 'X' does not exist or not authorized.", '42S02');
    expect(explainSnowflakeError(missing)).toMatchObject({ kind: 'not-found', queryId: 'q-1' });
  });

  it('points at configuration for a missing warehouse or invalid options', () => {
    expect(explainSnowflakeError(operationFailed('000606', 'No active warehouse selected in the current session.', '57P03')).kind).toBe('config');
    const invalid = Object.assign(new Error('Invalid account.'), { name: 'ClientError', code: 404008 });
    expect(explainSnowflakeError(invalid).kind).toBe('config');
  });

  it('keeps plain SQL errors as SQL errors', () => {
    expect(explainSnowflakeError(operationFailed('001003', "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'selec'.", '42000'))).toMatchObject({
      kind: 'sql',
      code: '001003',
    });
  });

  it('wraps into a Strata user error carrying the explanation', () => {
    const wrapped = toWarehouseError(operationFailed('002003', "Object 'X' does not exist or not authorized.", '42S02'));
    expect(wrapped).toBeInstanceOf(SnowflakeWarehouseError);
    expect(wrapped.message).toBe(
      "Error [E_WAREHOUSE] Snowflake [002003/42S02]: Object 'X' does not exist or not authorized.\n  hint: The object does not exist, or the role has no USAGE on it or its schema/database.",
    );
    expect(explainSnowflakeError(wrapped)).toBe((wrapped as SnowflakeWarehouseError).explanation);
  });
});

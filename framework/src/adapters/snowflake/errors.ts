/**
 * Snowflake failures explained for people: which kind of problem it is (credentials, network,
 * privileges, missing object, configuration, SQL) and what to check. `strata debug` calls
 * `explainSnowflakeError` directly; the adapter wraps every failure with `toWarehouseError`.
 * The raw driver error is deliberately not kept: its HTTP details can carry session tokens.
 */
import { StrataError } from '../../errors/strata-error.js';

export type SnowflakeErrorKind = 'auth' | 'network' | 'permission' | 'not-found' | 'config' | 'sql' | 'unknown';

export interface SnowflakeErrorExplanation {
  kind: SnowflakeErrorKind;
  /** One or a few lines, safe to print (no credentials). */
  message: string;
  hint?: string;
  /** Snowflake or driver error code, e.g. `390100`, `002003`, `401001`. */
  code?: string;
  sqlState?: string;
  queryId?: string;
}

/** Where the failed call was going; only used to make messages concrete. */
export interface SnowflakeErrorContext {
  account?: string;
  accessUrl?: string;
  role?: string;
}

interface DriverErrorLike {
  name?: string;
  code?: string | number;
  sqlState?: string;
  message?: string;
  data?: { queryId?: string; sqlState?: string };
  cause?: { code?: string; message?: string };
  response?: { statusCode?: number; status?: number };
}

const NETWORK_CAUSES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

function describeEndpoint(context: SnowflakeErrorContext): string {
  if (context.accessUrl) return context.accessUrl;
  return context.account ? `https://${context.account}.snowflakecomputing.com` : 'Snowflake';
}

function explainAuth(code: string, message: string): Omit<SnowflakeErrorExplanation, 'code'> {
  switch (code) {
    case '390100':
      return { kind: 'auth', message: 'Snowflake rejected the user name or password.', hint: 'Check `user` and `password` in the target (and the environment variables they come from).' };
    case '390144':
      return {
        kind: 'auth',
        message: 'Snowflake rejected the key-pair login (JWT).',
        hint: "The user's registered public key (ALTER USER ... SET RSA_PUBLIC_KEY) must match privateKey/privateKeyPath, and `account` must be the user's account.",
      };
    case '390104':
    case '390112':
    case '390114':
      return { kind: 'auth', message: 'The Snowflake session expired or was closed.', hint: 'Run the command again; long idle gaps end sessions.' };
    case '390422':
      return { kind: 'permission', message: `A Snowflake network policy blocked this login: ${message}`, hint: "Ask an admin to allow this machine's IP in the user's or account's network policy." };
    default:
      return { kind: 'auth', message: `Snowflake refused the login: ${message}`, hint: 'Check the user, its authentication method and whether it is locked or disabled.' };
  }
}

/** Classify any error thrown by snowflake-sdk (or the adapter) and say what to do about it. */
export function explainSnowflakeError(err: unknown, context: SnowflakeErrorContext = {}): SnowflakeErrorExplanation {
  if (err instanceof SnowflakeWarehouseError) return err.explanation;
  const e = (err ?? {}) as DriverErrorLike;
  const code = e.code === undefined ? undefined : String(e.code);
  const message = (e.message ?? String(err)).trim();
  const sqlState = e.sqlState ?? e.data?.sqlState;
  const queryId = e.data?.queryId;
  const base = { code, sqlState, queryId };

  if (err instanceof StrataError) return { kind: 'config', message: err.message };
  if (code?.startsWith('390')) return { ...base, ...explainAuth(code, message) };
  if (code && /^404\d{3}$/.test(code)) {
    return { ...base, kind: 'config', message: `Invalid Snowflake connection settings: ${message}`, hint: 'Check account, user and the authentication fields of the target.' };
  }
  const causeCode = e.cause?.code;
  if (e.name === 'NetworkError' || code === '401001' || code === '402001' || (causeCode && NETWORK_CAUSES.has(causeCode))) {
    return {
      ...base,
      kind: 'network',
      message: `Could not reach ${describeEndpoint(context)}${causeCode ? ` (${causeCode})` : ''}.`,
      hint: 'Check the account identifier (an unknown account fails DNS lookup), network access, VPN or proxy settings, and accessUrl if set.',
    };
  }
  if (e.name === 'RequestFailedError' || code === '401002' || code === '402002') {
    const status = e.response?.statusCode ?? e.response?.status;
    return {
      ...base,
      kind: 'network',
      message: `${describeEndpoint(context)} answered with HTTP ${status ?? 'error'}.`,
      hint: status === 403 || status === 404 ? 'The account identifier or accessUrl is probably wrong.' : 'Snowflake or a proxy in between failed; try again.',
    };
  }
  if (code === '003001' || sqlState === '42501') {
    return { ...base, kind: 'permission', message, hint: `The role${context.role ? ` ${context.role}` : ''} lacks a privilege; ask for the grant, or set \`role\` in the target.` };
  }
  if (code === '002003' || code === '002043') {
    return { ...base, kind: 'not-found', message, hint: `The object does not exist, or the role${context.role ? ` ${context.role}` : ''} has no USAGE on it or its schema/database.` };
  }
  if (code === '000606') {
    return { ...base, kind: 'config', message, hint: 'Set `warehouse` in the target (and make sure the role may use it).' };
  }
  if (code === '090105') return { ...base, kind: 'config', message, hint: 'Set `database` and `schema` in the target.' };
  if (e.name === 'OperationFailedError' || sqlState) return { ...base, kind: 'sql', message };
  return { ...base, kind: 'unknown', message };
}

/** A Snowflake failure as a Strata user error (printed without a stack trace). */
export class SnowflakeWarehouseError extends StrataError {
  constructor(readonly explanation: SnowflakeErrorExplanation) {
    const code = explanation.code ? ` [${explanation.code}${explanation.sqlState ? `/${explanation.sqlState}` : ''}]` : '';
    super({ code: 'E_WAREHOUSE', severity: 'error', message: `Snowflake${code}: ${explanation.message}`, hint: explanation.hint }, 1);
    this.name = 'SnowflakeWarehouseError';
  }

  get kind(): SnowflakeErrorKind {
    return this.explanation.kind;
  }

  get sqlState(): string | undefined {
    return this.explanation.sqlState;
  }

  get queryId(): string | undefined {
    return this.explanation.queryId;
  }
}

/** Wrap any error from the driver; Strata's own errors pass through unchanged. */
export function toWarehouseError(err: unknown, context: SnowflakeErrorContext = {}): StrataError {
  if (err instanceof StrataError) return err;
  return new SnowflakeWarehouseError(explainSnowflakeError(err, context));
}

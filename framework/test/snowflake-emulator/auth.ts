/**
 * Login checks: password (AUTHENTICATOR SNOWFLAKE) and key-pair (SNOWFLAKE_JWT, an RS256 JWT the
 * driver signs with the user's private key). Failures use Snowflake's login error bodies, which
 * the driver surfaces as OperationFailedError with the same code.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

export interface AuthConfig {
  /** user -> password. When absent, any user and password are accepted. */
  users?: Record<string, string>;
  /**
   * user -> PEM public key. A user listed here must sign in with a JWT that verifies against it;
   * other JWTs are only checked for shape, subject and expiry.
   */
  publicKeys?: Record<string, string>;
}

/** The `data` object of a login-request body (only the fields the emulator reads). */
export interface LoginData {
  ACCOUNT_NAME?: string;
  LOGIN_NAME?: string;
  PASSWORD?: string;
  AUTHENTICATOR?: string;
  TOKEN?: string;
}

export type LoginOutcome = { ok: true; user: string } | { ok: false; body: Record<string, unknown> };

function loginFailure(code: string, message: string, authnMethod: string): LoginOutcome {
  return {
    ok: false,
    body: {
      data: { nextAction: 'RETRY_LOGIN', authnMethod, requestId: null, signInOptions: {} },
      code,
      message,
      success: false,
      headers: null,
    },
  };
}

const badPassword = () => loginFailure('390100', 'Incorrect username or password was specified.', 'PASSWORD');
const badJwt = () => loginFailure('390144', 'JWT token is invalid.', 'KEY_PAIR');

/** Look a user up case-insensitively (Snowflake login names are). */
function findEntry(map: Record<string, string> | undefined, user: string): string | undefined {
  if (!map) return undefined;
  const key = Object.keys(map).find((k) => k.toUpperCase() === user);
  return key === undefined ? undefined : map[key];
}

/** `SHA256:<base64>` of the DER public key, the fingerprint Snowflake puts in the JWT issuer. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function checkJwt(token: string, account: string, user: string, config: AuthConfig): boolean {
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  if (!headerPart || !payloadPart || !signaturePart) return false;
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (header?.alg !== 'RS256' || !payload) return false;
  if (payload.sub !== `${account}.${user}`) return false;
  if (typeof payload.iss !== 'string' || !payload.iss.startsWith(`${account}.${user}.SHA256:`)) return false;
  // snowflake-sdk writes iat/exp in milliseconds; the JWT standard (and other drivers) use seconds.
  const exp = Number(payload.exp);
  const expiresAtMs = exp > 1e11 ? exp : exp * 1000;
  if (!(expiresAtMs > Date.now())) return false;
  const publicKey = findEntry(config.publicKeys, user);
  if (publicKey === undefined) return config.users === undefined || findEntry(config.users, user) !== undefined;
  if (!payload.iss.endsWith(publicKeyFingerprint(publicKey))) return false;
  return verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), publicKey, Buffer.from(signaturePart, 'base64url'));
}

/** Decide a login. The returned user name is upper-case, as Snowflake reports it. */
export function authenticate(data: LoginData, config: AuthConfig): LoginOutcome {
  const user = (data.LOGIN_NAME ?? '').toUpperCase();
  const authenticator = (data.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  if (!user) return badPassword();
  if (authenticator === 'SNOWFLAKE_JWT') {
    const account = (data.ACCOUNT_NAME ?? '').toUpperCase();
    return data.TOKEN && checkJwt(data.TOKEN, account, user, config) ? { ok: true, user } : badJwt();
  }
  if (authenticator !== 'SNOWFLAKE') {
    return loginFailure('390100', `Authenticator ${authenticator} is not supported by the Snowflake emulator.`, authenticator);
  }
  if (config.users === undefined) return { ok: true, user };
  const expected = findEntry(config.users, user);
  return expected !== undefined && expected === data.PASSWORD ? { ok: true, user } : badPassword();
}

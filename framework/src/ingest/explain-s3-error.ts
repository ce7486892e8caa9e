/**
 * Map AWS SDK failures to `E_INGEST` errors that name the s3:// URI and the fix. HEAD responses
 * carry no body, so the SDK reports a missing bucket and a missing key both as `NotFound`, and a
 * bad key as a bare 403; `needsProbe` tells the caller to repeat the request as a GET to learn
 * the real error code.
 */
import { StrataError, userError } from '../errors/strata-error.js';

/** Where the failing request went. */
export interface S3ErrorContext {
  /** `s3://bucket/key` of the object. */
  uri: string;
  bucket: string;
  endpoint?: string;
  region: string;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'Forbidden',
  'CredentialsProviderError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

function shapeOf(err: unknown): SdkErrorShape {
  return typeof err === 'object' && err !== null ? (err as SdkErrorShape) : { message: String(err) };
}

/** The S3 error code (`NoSuchKey`, `InvalidAccessKeyId`, ...) or the network code. */
export function s3ErrorCode(err: unknown): string {
  const e = shapeOf(err);
  return e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Unknown';
}

/** True when the error is a body-less HEAD answer whose real cause only a GET reveals. */
export function needsProbe(err: unknown): boolean {
  const e = shapeOf(err);
  const status = e.$metadata?.httpStatusCode;
  const code = s3ErrorCode(err);
  return (status === 404 || status === 403 || status === 400 || status === 301) && (code === 'NotFound' || code === 'Unknown' || code === 'Forbidden' || code === 'BadRequest');
}

function where(context: S3ErrorContext): string {
  return context.endpoint ? `endpoint ${context.endpoint}` : `AWS region ${context.region}`;
}

/** An `E_INGEST` error for an S3 failure on `context.uri`. Never includes credentials. */
export function explainS3Error(err: unknown, context: S3ErrorContext): StrataError {
  if (err instanceof StrataError) return err;
  const e = shapeOf(err);
  const code = s3ErrorCode(err);
  const status = e.$metadata?.httpStatusCode;
  const file = context.uri;
  if (code === 'NoSuchBucket') {
    return userError('E_INGEST', `The S3 bucket "${context.bucket}" does not exist (${where(context)}), so ${context.uri} cannot be read.`, {
      file,
      hint: 'Check the bucket name in ingest.source (project.yml) and AWS_REGION / AWS_ENDPOINT_URL_S3, or create the bucket.',
    }, 1);
  }
  if (code === 'NoSuchKey' || code === 'NotFound' || status === 404) {
    return userError('E_INGEST', `The S3 object ${context.uri} does not exist.`, {
      file,
      hint: 'Upload the file to that prefix, or fix the file name in ingest.files / the prefix in ingest.source (project.yml).',
    }, 1);
  }
  if (CREDENTIAL_CODES.has(code) || status === 403) {
    return userError('E_INGEST', `S3 refused access to ${context.uri} (${code}${status ? `, HTTP ${status}` : ''}): the credentials are wrong, expired or lack permission.`, {
      file,
      hint: 'Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), and that they allow s3:GetObject on the bucket.',
    }, 1);
  }
  if (NETWORK_CODES.has(e.code ?? '') || code === 'TimeoutError' || NETWORK_CODES.has(code)) {
    return userError('E_INGEST', `Cannot reach S3 at ${where(context)} to read ${context.uri} (${e.code ?? code}).`, {
      file,
      hint: context.endpoint
        ? 'Check AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and that the S3 server is running and reachable.'
        : 'Check the network connection (and any proxy) to AWS, and AWS_REGION.',
    }, 1);
  }
  return userError('E_INGEST', `Reading ${context.uri} from S3 failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? ''}`.trim(), {
    file,
    hint: 'Check the S3 settings (AWS_REGION, AWS_ENDPOINT_URL_S3, credentials) and ingest.source in project.yml.',
  }, 1);
}

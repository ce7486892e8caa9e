/**
 * An `S3Client` configured from the standard AWS environment variables of the request's `env`
 * (not `process.env`, so tests and embedders decide what the client sees). Credentials are
 * passed to the client explicitly and never logged.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { userError } from '../errors/strata-error.js';

/** The client plus what we tell users about it (never credentials). */
export interface IngestS3Client {
  client: S3Client;
  /** Custom endpoint URL, or undefined for AWS itself. */
  endpoint?: string;
  region: string;
}

function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return /^(1|true|yes|on)$/i.test(value.trim());
}

function checkEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return endpoint;
  } catch {
    throw userError('E_INGEST', `The S3 endpoint "${endpoint}" is not an http(s) URL.`, {
      hint: 'Set AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) to a URL such as http://127.0.0.1:9000, or unset it to use AWS.',
    });
  }
}

/** Explicit credentials from env, or undefined to let the SDK's provider chain decide. */
function credentialsFrom(env: NodeJS.ProcessEnv): S3ClientConfig['credentials'] {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw userError('E_INGEST', `${accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is not set, but ${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is.`, {
      hint: 'Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials), or neither to use an AWS profile or role.',
    });
  }
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

/**
 * Build the S3 client for ingest.
 *
 * - region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`;
 * - endpoint: `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL` (S3-compatible servers);
 * - path-style addressing: `AWS_S3_FORCE_PATH_STYLE`, defaulting to on with a custom endpoint
 *   (virtual-host style would turn `localhost` into `bucket.localhost`);
 * - checksums `WHEN_REQUIRED` with a custom endpoint: S3-compatible servers such as s3rver store
 *   aws-chunked framing as data otherwise (shared/SNOWFLAKE-S3-TESTING.md section 2.1 a).
 *
 * @example
 * const { client } = createIngestS3Client({ AWS_REGION: 'eu-central-1' });
 */
export function createIngestS3Client(env: NodeJS.ProcessEnv): IngestS3Client {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const rawEndpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  const endpoint = rawEndpoint ? checkEndpoint(rawEndpoint) : undefined;
  const credentials = credentialsFrom(env);
  const config: S3ClientConfig = {
    region,
    forcePathStyle: parseBoolean(env.AWS_S3_FORCE_PATH_STYLE) ?? Boolean(endpoint),
    maxAttempts: 3,
    // Fail an unreachable endpoint in seconds, not after the OS's TCP timeout.
    requestHandler: { connectionTimeout: 10_000 },
  };
  if (credentials) config.credentials = credentials;
  if (env.AWS_PROFILE && !credentials) config.profile = env.AWS_PROFILE;
  if (endpoint) {
    config.endpoint = endpoint;
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return { client: new S3Client(config), endpoint, region };
}

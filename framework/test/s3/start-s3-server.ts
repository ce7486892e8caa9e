/**
 * A loopback S3-compatible server for tests: s3rver 3.7.1 on 127.0.0.1, an OS-chosen port and a
 * private temp directory that `stop()` removes. Traps it avoids are listed in
 * shared/SNOWFLAKE-S3-TESTING.md section 2 (access key `S3RVER`, checksums `WHEN_REQUIRED`,
 * never the default `localhost` / shared `os.tmpdir()/s3rver`).
 *
 * @example
 * const s3 = await startS3Server({ buckets: ['raw-data'] });
 * await s3.client.send(new PutObjectCommand({ Bucket: 'raw-data', Key: 'a.csv', Body: 'x\n1\n' }));
 * await runIngest({ ..., env: s3.env });
 * await s3.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** s3rver's access key; it rejects any other (InvalidAccessKeyId). */
export const S3RVER_ACCESS_KEY = 'S3RVER';
export const S3RVER_SECRET_KEY = 'S3RVER';

/** The subset of s3rver's API the helper uses (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

export interface S3TestServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** The server's private data directory. */
  directory: string;
  /** A real SDK client with the settings s3rver needs. */
  client: S3Client;
  /** Standard AWS variables pointing at this server, for code that reads its env. */
  env: Record<string, string>;
  /** Stop the server, destroy the client and remove the directory. */
  stop(): Promise<void>;
}

export interface StartS3ServerOptions {
  /** Buckets to create before returning (3-63 characters each). */
  buckets?: string[];
}

/** An SDK client for `endpoint` with s3rver-safe settings; credentials default to s3rver's. */
export function createTestS3Client(endpoint: string, accessKeyId = S3RVER_ACCESS_KEY, secretAccessKey = S3RVER_SECRET_KEY): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    // Streamed bodies would otherwise be stored with their aws-chunked framing.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Start s3rver on 127.0.0.1, port 0, in a fresh temp directory. */
export async function startS3Server(options: StartS3ServerOptions = {}): Promise<S3TestServer> {
  // A string specifier keeps TypeScript from demanding type declarations s3rver does not ship.
  const specifier: string = 's3rver';
  const { default: S3rver } = (await import(specifier)) as { default: S3rverConstructor };
  const directory = await mkdtemp(join(tmpdir(), 'strata-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false });
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (err) {
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createTestS3Client(endpoint);
  const stop = async () => {
    client.destroy();
    await server.close().catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    for (const bucket of options.buckets ?? []) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    endpoint,
    port: address.port,
    directory,
    client,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: S3RVER_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_SECRET_KEY,
      AWS_S3_FORCE_PATH_STYLE: 'true',
    },
    stop,
  };
}

/**
 * HEAD and download of raw files on S3. Downloads stream to a temp name in the cache folder
 * and are renamed into place only when complete, so a killed run never leaves a truncated file
 * that a later run would trust. A sidecar JSON records the ETag so the cache can be reused.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { userError } from '../errors/strata-error.js';
import { createProgressBar } from './progress-bar.js';
import { explainS3Error, needsProbe, type S3ErrorContext } from './explain-s3-error.js';
import type { IngestS3Client } from './s3-client.js';
import { formatS3Uri } from './s3-location.js';
import type { ProgressOutput } from './types.js';

/** What HEAD tells us about an object. */
export interface S3ObjectInfo {
  bucket: string;
  key: string;
  uri: string;
  size: number;
  /** ETag without quotes. */
  etag: string;
}

function contextFor(s3: IngestS3Client, bucket: string, key: string): S3ErrorContext {
  return { uri: formatS3Uri(bucket, key), bucket, endpoint: s3.endpoint, region: s3.region };
}

/** Repeat a failed HEAD as a one-byte GET, whose error body names the real cause. */
async function probeWithGet(s3: IngestS3Client, bucket: string, key: string, headError: unknown): Promise<unknown> {
  try {
    const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-0' }));
    (response.Body as Readable | undefined)?.destroy();
    return headError;
  } catch (err) {
    return err;
  }
}

/** HEAD `s3://bucket/key`; throws a clear `E_INGEST` error when it is missing or unreadable. */
export async function headS3Object(s3: IngestS3Client, bucket: string, key: string): Promise<S3ObjectInfo> {
  try {
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      bucket,
      key,
      uri: formatS3Uri(bucket, key),
      size: Number(head.ContentLength ?? 0),
      etag: (head.ETag ?? '').replace(/"/g, ''),
    };
  } catch (err) {
    const cause = needsProbe(err) ? await probeWithGet(s3, bucket, key, err) : err;
    throw explainS3Error(cause, contextFor(s3, bucket, key));
  }
}

/**
 * Every object directly under `prefix` whose key starts with `prefix + namePrefix` (no deeper
 * "folders"), described as HEAD would describe it. Pages through listings of any length.
 */
export async function listS3Objects(s3: IngestS3Client, bucket: string, prefix: string, namePrefix = ''): Promise<S3ObjectInfo[]> {
  const objects: S3ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${namePrefix}`, Delimiter: '/', ContinuationToken: token }))
      .catch((err: unknown) => {
        throw explainS3Error(err, contextFor(s3, bucket, `${prefix}${namePrefix}`));
      });
    for (const item of page.Contents ?? []) {
      if (!item.Key || item.Key.endsWith('/')) continue;
      objects.push({
        bucket,
        key: item.Key,
        uri: formatS3Uri(bucket, item.Key),
        size: Number(item.Size ?? 0),
        etag: (item.ETag ?? '').replace(/"/g, ''),
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

interface CacheMeta {
  uri: string;
  etag: string;
  size: number;
}

function metaPath(path: string): string {
  return `${path}.strata-meta.json`;
}

/** True when `path` already holds exactly this object version. */
async function isCached(path: string, object: S3ObjectInfo): Promise<boolean> {
  try {
    const meta = JSON.parse(await readFile(metaPath(path), 'utf8')) as CacheMeta;
    const info = await stat(path);
    return meta.uri === object.uri && meta.etag === object.etag && info.size === object.size;
  } catch {
    return false;
  }
}

/** Options for one download. */
export interface DownloadOptions {
  /** Local path the object ends up at. */
  path: string;
  /** Progress bar target, or undefined for none (not a TTY). */
  progress?: ProgressOutput;
  label: string;
}

/** A pass-through stream that reports each chunk's size. */
function countBytes(onChunk: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk.length);
      callback(null, chunk);
    },
  });
}

/**
 * Download `object` to `options.path` unless the cache already holds that ETag.
 * Returns true when bytes were transferred.
 */
export async function downloadS3Object(s3: IngestS3Client, object: S3ObjectInfo, options: DownloadOptions): Promise<boolean> {
  if (await isCached(options.path, object)) return false;
  await mkdir(dirname(options.path), { recursive: true });
  const temp = `${options.path}.${process.pid}.${Date.now()}.part`;
  const bar = options.progress ? createProgressBar(options.progress, options.label, object.size) : undefined;
  let received = 0;
  try {
    // IfMatch pins the version HEAD saw: a file replaced in between fails instead of mixing.
    const response = await s3.client
      .send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key, IfMatch: object.etag ? `"${object.etag}"` : undefined }))
      .catch((err: unknown) => {
        throw explainS3Error(err, contextFor(s3, object.bucket, object.key));
      });
    const body = response.Body as Readable | undefined;
    if (!body) throw userError('E_INGEST', `S3 returned no body for ${object.uri}.`, { file: object.uri }, 1);
    await pipeline(
      body,
      countBytes((n) => {
        received += n;
        bar?.advance(n);
      }),
      createWriteStream(temp),
    );
    if (received !== object.size) {
      throw userError('E_INGEST', `Downloaded ${received} bytes of ${object.uri}, expected ${object.size}.`, {
        file: object.uri,
        hint: 'The object changed or the connection dropped during the download; run ingest again.',
      }, 1);
    }
    // Remove the old sidecar first: a crash between rename and write must not vouch for new bytes.
    await rm(metaPath(options.path), { force: true });
    await rename(temp, options.path);
    const meta: CacheMeta = { uri: object.uri, etag: object.etag, size: object.size };
    await writeFile(metaPath(options.path), JSON.stringify(meta));
    return true;
  } catch (err) {
    await rm(temp, { force: true });
    throw explainS3Error(err, contextFor(s3, object.bucket, object.key));
  } finally {
    bar?.finish();
  }
}

/** `s3://bucket/prefix/` parsing and validation. */
import { userError } from '../errors/strata-error.js';

/** A bucket and a key prefix (empty, or ending in `/`). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** True when `source` names an S3 location rather than a local folder. */
export function isS3Source(source: string): boolean {
  return /^s3:\/\//i.test(source);
}

// S3's bucket naming rules (lower case, digits, dots, hyphens; 3-63 characters).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parse `s3://bucket/prefix/`; the prefix gets a trailing `/` so file names append cleanly. */
export function parseS3Source(source: string): S3Location {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(source.trim());
  const bucket = match?.[1] ?? '';
  if (!match || !BUCKET.test(bucket)) {
    throw userError('E_INGEST', `ingest.source "${source}" is not a valid S3 location: the bucket name must be 3-63 lower-case letters, digits, dots or hyphens.`, {
      hint: 'Write it as s3://bucket-name/optional/prefix/ in project.yml.',
    });
  }
  const rest = match[2];
  return { bucket, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

/** `s3://bucket/key` for messages and the ledger. */
export function formatS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

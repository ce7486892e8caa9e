/**
 * Raw files from `s3://bucket/prefix/`: HEAD every object first (so a missing file fails before
 * anything loads, and an unchanged ETag skips the download), then download on demand into the
 * cache folder.
 */
import { join, resolve } from 'node:path';
import { commonListingPrefix, compareFileNames, extraFileMatcher } from './extra-files.js';
import { downloadS3Object, headS3Object, listS3Objects, type S3ObjectInfo } from './fetch-s3-object.js';
import type { PreparedFile } from './prepared-file.js';
import { createIngestS3Client } from './s3-client.js';
import { parseS3Source } from './s3-location.js';
import type { IngestFileSpec, ProgressOutput } from './types.js';
import type { Logger } from '../log/logger.js';

/** Options for `prepareS3Files`. */
export interface S3SourceOptions {
  projectDir: string;
  source: string;
  /** Cache folder relative to the project. */
  cacheDir: string;
  specs: IngestFileSpec[];
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Progress bar target when on a TTY. */
  progress?: ProgressOutput;
}

/** Cache location of an object; `..` segments in a key must not escape the cache folder. */
function cachePathFor(cacheRoot: string, bucket: string, key: string): string {
  const safeKey = key
    .split('/')
    .map((part) => (part === '..' || part === '.' ? '_' : part))
    .join('/');
  return join(cacheRoot, bucket, safeKey);
}

/** HEAD every declared object and describe it; downloads happen in `materialize()`. */
export async function prepareS3Files(options: S3SourceOptions): Promise<{ files: PreparedFile[]; close(): void }> {
  const location = parseS3Source(options.source);
  const s3 = createIngestS3Client(options.env);
  const cacheRoot = resolve(options.projectDir, options.cacheDir);
  try {
    const files: PreparedFile[] = [];
    const describe = (spec: IngestFileSpec, object: S3ObjectInfo, extra: boolean): PreparedFile => {
      const path = cachePathFor(cacheRoot, object.bucket, object.key);
      return {
        spec,
        ...(extra ? { extra: true } : {}),
        displayFile: object.uri,
        sourceUri: object.uri,
        size: object.size,
        modifiedMs: null,
        knownChecksum: object.etag,
        materialize: async () => {
          const started = performance.now();
          const downloaded = await downloadS3Object(s3, object, { path, progress: options.progress, label: spec.file });
          const seconds = (performance.now() - started) / 1000;
          if (downloaded) {
            options.logger.info(`Downloaded ${object.uri} (${(object.size / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)}s)`, {
              uri: object.uri,
              bytes: object.size,
              seconds,
            });
          } else {
            options.logger.debug(`Using cached ${object.uri} from ${path}`);
          }
          return path;
        },
      };
    };
    // Sequential HEADs: a handful of files, and the first failure should be the one reported.
    for (const spec of options.specs) {
      files.push(describe(spec, await headS3Object(s3, location.bucket, `${location.prefix}${spec.file}`), false));
      if (spec.extra_files === undefined) continue;
      // extra_files: list the prefix (from the patterns' common literal start) and keep the matches.
      const isExtra = extraFileMatcher(spec);
      const listed = await listS3Objects(s3, location.bucket, location.prefix, commonListingPrefix(spec));
      const matches = listed
        .map((object) => ({ object, name: object.key.slice(location.prefix.length) }))
        .filter(({ name }) => isExtra(name))
        .sort((a, b) => compareFileNames(a.name, b.name));
      for (const { object, name } of matches) files.push(describe({ ...spec, file: name }, object, true));
    }
    return { files, close: () => s3.client.destroy() };
  } catch (err) {
    s3.client.destroy();
    throw err;
  }
}

/** Public API of the ingest stage: raw files (local folder or S3) -> the raw schema. */
export { runIngest } from './run-ingest.js';
export type {
  IngestConfig,
  IngestFileResult,
  IngestFileSpec,
  IngestRequest,
  IngestSummary,
  ProgressOutput,
} from './types.js';
export { LEDGER_TABLE } from './load-ledger.js';
export { STAGING_SUFFIX } from './load-table.js';
export { createIngestS3Client } from './s3-client.js';

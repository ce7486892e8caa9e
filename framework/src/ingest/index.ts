/** Public API of the ingest stage: raw files (local folder or S3) -> the raw schema. The S3 client lives in s3-client.ts, loaded only for s3:// sources. */
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

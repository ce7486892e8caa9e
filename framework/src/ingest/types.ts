/**
 * The plain values `strata ingest` takes and returns. `IngestConfig` is the `ingest:` block of
 * project.yml as parsed by the project loader; `IngestSummary` is what the CLI prints and what a
 * pipeline script can serialise.
 */
import type { Adapter } from '../adapters/adapter.js';
import type { Logger } from '../log/logger.js';

/** One raw file and the table it lands in. */
export interface IngestFileSpec {
  /** File name inside the source folder or S3 prefix, e.g. `sales_train.csv`. */
  file: string;
  /** Table name in the ingest schema, e.g. `sales_train`. */
  table: string;
  /** Column name -> warehouse type, in file order. The file's header must match the names. */
  columns: Record<string, string>;
  /**
   * Format of DATE columns: Snowflake style (`DD.MM.YYYY`) or strftime (`%d.%m.%Y`).
   * A value containing `%` is taken as strftime.
   */
  date_format?: string;
  /** Field delimiter; default `,`. */
  delimiter?: string;
  /**
   * More files of the same table: glob patterns (`*`, `?`, `[...]`, `{a,b}`) of file names in the
   * same folder or S3 prefix, e.g. `sales_train_month_*.csv` for months delivered later. Each
   * matching file has the declared columns and is loaded into the same table next to `file`'s
   * rows; no match is fine. Such a table gets a last column `_source_file` naming the file each
   * row came from, so a changed file replaces only its own rows and a removed file's rows go.
   */
  extra_files?: string | string[];
}

/** The `ingest:` block of project.yml. */
export interface IngestConfig {
  /** Target schema; default `raw`. */
  schema: string;
  /** A local folder relative to the project directory, or `s3://bucket/prefix/`. */
  source: string;
  files: IngestFileSpec[];
  /** Where S3 objects are downloaded to, relative to the project directory; default `target/ingest-cache`. */
  cache_dir?: string;
  /**
   * A JS module (relative to the project directory) exporting `generateData({ outDir })`,
   * called once when the local source folder lacks declared files.
   */
  generator?: string;
}

/** Where a progress bar is drawn (a TTY stream). */
export interface ProgressOutput {
  write(text: string): unknown;
}

/** Everything one ingest run needs; nothing is read from globals. */
export interface IngestRequest {
  projectDir: string;
  config: IngestConfig;
  adapter: Adapter;
  logger: Logger;
  /** Environment for the AWS settings (never `process.env` implicitly). */
  env: NodeJS.ProcessEnv;
  /** Reload every file even when the ledger says it is unchanged. */
  full?: boolean;
  /** Only these tables (by `table` name). */
  select?: string[];
  /** Clock for `loaded_at`; default `() => new Date()`. */
  now?: () => Date;
  /** Where download progress bars go when `logger.isTty`; default `process.stderr`. */
  progress?: ProgressOutput;
}

/** The outcome for one file. */
export interface IngestFileResult {
  file: string;
  table: string;
  status: 'loaded' | 'unchanged';
  rows: number;
  bytes: number;
  seconds: number;
}

export interface IngestSummary {
  files: IngestFileResult[];
  seconds: number;
}

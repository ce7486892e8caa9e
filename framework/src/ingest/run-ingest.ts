/**
 * `strata ingest`: raw files (local folder or S3 prefix) into the warehouse's raw schema, one
 * table per file, with a load ledger so unchanged files are skipped. Files load one at a time:
 * the warehouse's bulk loader is already parallel, and one writer keeps DuckDB's lock simple.
 */
import { userError, suggestName } from '../errors/strata-error.js';
import { formatCount } from './format-ingest-line.js';
import { validateExtraFiles } from './extra-files.js';
import { ingestFile } from './ingest-file.js';
import { ingestFileSet } from './ingest-file-set.js';
import { ledgerRelation, planCreateLedger, readLedger } from './load-ledger.js';
import { prepareLocalFiles } from './local-source.js';
import { extraFilePatterns, type PreparedFile } from './prepared-file.js';
import { isS3Source } from './s3-location.js';
import type { IngestConfig, IngestFileResult, IngestFileSpec, IngestRequest, IngestSummary } from './types.js';

const DEFAULT_CACHE_DIR = 'target/ingest-cache';

/** Reject configs that cannot work before touching any file or the warehouse. */
function validateConfig(config: IngestConfig): void {
  if (!config.source || config.source.trim() === '') {
    throw userError('E_CONFIG', 'ingest.source is empty.', { hint: 'Set ingest.source in project.yml to a folder (e.g. data/raw) or s3://bucket/prefix/.' });
  }
  if (!Array.isArray(config.files) || config.files.length === 0) {
    throw userError('E_CONFIG', 'ingest.files lists no files.', { hint: 'Add one entry per raw file: { file, table, columns }.' });
  }
  const seen = new Set<string>();
  for (const spec of config.files) {
    if (!spec.file || !spec.table) {
      throw userError('E_CONFIG', 'Every ingest.files entry needs a file and a table.', { hint: 'e.g. { file: sales_train.csv, table: sales_train, columns: {...} }' });
    }
    if (seen.has(spec.table)) {
      throw userError('E_CONFIG', `Two ingest.files entries load table ${spec.table}.`, { hint: 'Give each file its own table name.' });
    }
    seen.add(spec.table);
    if (!spec.columns || Object.keys(spec.columns).length === 0) {
      throw userError('E_CONFIG', `ingest.files entry ${spec.file} declares no columns.`, { hint: 'List the columns in file order with their types, e.g. { date: date, shop_id: integer }.' });
    }
    validateExtraFiles(spec);
  }
}

/** The specs named by `select` (all when absent); unknown names are an error with a suggestion. */
function selectSpecs(config: IngestConfig, select: string[] | undefined): IngestFileSpec[] {
  if (!select || select.length === 0) return config.files;
  const tables = config.files.map((s) => s.table);
  const unknown = select.filter((name) => !tables.includes(name));
  if (unknown.length > 0) {
    const guess = suggestName(unknown[0], tables);
    throw userError('E_ARGS', `Unknown ingest table${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.`, {
      hint: guess ? `Did you mean '${guess}'? Tables: ${tables.join(', ')}.` : `Tables: ${tables.join(', ')}.`,
    });
  }
  return config.files.filter((s) => select.includes(s.table));
}

/** Locate (and HEAD or generate) every selected file before anything loads. */
async function prepareFiles(request: IngestRequest, specs: IngestFileSpec[]): Promise<{ files: PreparedFile[]; close(): void }> {
  const { config, projectDir, logger } = request;
  if (isS3Source(config.source)) {
    // The AWS SDK loads only for s3:// sources (it costs ~50 ms of start-up on every local ingest).
    const { prepareS3Files } = await import('./s3-source.js');
    return prepareS3Files({
      projectDir,
      source: config.source,
      cacheDir: config.cache_dir ?? DEFAULT_CACHE_DIR,
      specs,
      env: request.env,
      logger,
      progress: logger.isTty && logger.format === 'text' ? (request.progress ?? process.stderr) : undefined,
    });
  }
  const files = await prepareLocalFiles({ projectDir, source: config.source, generator: config.generator, specs, logger });
  return { files, close: () => undefined };
}

/**
 * Ingest the configured raw files into `config.schema` (default `raw`).
 *
 * @example
 * const summary = await runIngest({ projectDir, config: project.ingest, adapter, logger, env: process.env });
 * // summary.files: [{ file: 'sales_train.csv', table: 'sales_train', status: 'loaded', rows: 2935849, ... }]
 */
export async function runIngest(request: IngestRequest): Promise<IngestSummary> {
  const started = performance.now();
  const { adapter, logger } = request;
  validateConfig(request.config);
  const schema = request.config.schema || 'raw';
  const specs = selectSpecs(request.config, request.select);
  const source = await prepareFiles(request, specs);
  let connection;
  try {
    connection = await adapter.connect();
    await connection.execute(adapter.dialect.createSchema(schema, adapter.defaultDatabase));
    await connection.execute(planCreateLedger(adapter, schema));
    const ledger = await readLedger(adapter, connection, schema);
    logger.debug(`Ledger ${adapter.dialect.relationName(ledgerRelation(adapter, schema))} has ${ledger.size} entries`);
    const context = { adapter, connection, schema, ledger, full: request.full ?? false, now: request.now ?? (() => new Date()), logger };
    const results: IngestFileResult[] = [];
    const total = source.files.length;
    for (let i = 0; i < total; ) {
      const file = source.files[i];
      if (extraFilePatterns(file.spec).length === 0) {
        results.push(await ingestFile(context, file, i + 1, total));
        i += 1;
        continue;
      }
      // A table with extra_files: its main file and the extra files right after it, as one set.
      let end = i + 1;
      while (end < total && source.files[end].extra && source.files[end].spec.table === file.spec.table) end += 1;
      results.push(...(await ingestFileSet(context, source.files.slice(i, end), i + 1, total)));
      i = end;
    }
    const seconds = (performance.now() - started) / 1000;
    const loaded = results.filter((r) => r.status === 'loaded');
    const rows = loaded.reduce((sum, r) => sum + r.rows, 0);
    // debug: the CLI prints the user-facing summary line itself.
    logger.debug(
      `Ingest finished: ${loaded.length} loaded (${formatCount(rows)} rows), ${results.length - loaded.length} unchanged in ${seconds.toFixed(1)}s`,
      { loaded: loaded.length, unchanged: results.length - loaded.length, rows, seconds },
    );
    return { files: results, seconds };
  } finally {
    source.close();
    await connection?.close();
  }
}

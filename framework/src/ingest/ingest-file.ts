/**
 * One file through ingest: compare with the ledger, skip it when unchanged, otherwise check its
 * header, bulk-load it (hashing it at the same time) and swap it in with its ledger row.
 */
import type { Adapter, Connection } from '../adapters/adapter.js';
import { toStrftime } from '../adapters/date-format.js';
import { colour, type Logger } from '../log/logger.js';
import { checkHeader } from './check-header.js';
import { formatIngestLine, formatStartLine } from './format-ingest-line.js';
import { hashFile } from './hash-file.js';
import { ledgerKey, writeLedger, type LedgerEntry } from './load-ledger.js';
import { loadTable } from './load-table.js';
import { compareWithLedger, computeSpecChecksum, type PreparedFile } from './prepared-file.js';
import type { IngestFileResult, IngestFileSpec } from './types.js';

/** What every file of one run shares. */
export interface FileIngestContext {
  adapter: Adapter;
  connection: Connection;
  schema: string;
  ledger: Map<string, LedgerEntry>;
  full: boolean;
  now: () => Date;
  logger: Logger;
}

/** The date format as strftime: `%` means it already is; otherwise translate `DD.MM.YYYY`. */
export function resolveDateFormat(spec: IngestFileSpec): string | undefined {
  if (!spec.date_format) return undefined;
  return spec.date_format.includes('%') ? spec.date_format : toStrftime(spec.date_format);
}

export function elapsedSeconds(started: number): number {
  return (performance.now() - started) / 1000;
}

/**
 * Run statements as one unit where the warehouse allows it: always for DML only (`dml`), and for
 * DDL where the warehouse has transactional DDL.
 */
export async function inTransaction(ctx: FileIngestContext, work: () => Promise<void>, dml = false): Promise<void> {
  const { adapter, connection } = ctx;
  if (!dml && !adapter.capabilities.transactionalDdl) return work();
  await connection.execute(adapter.dialect.beginTransaction());
  try {
    await work();
    await connection.execute(adapter.dialect.commit());
  } catch (err) {
    await connection.execute(adapter.dialect.rollback()).catch(() => undefined);
    throw err;
  }
}

/** What `compareFile` found: unchanged, or changed (with the bytes and hash if it had to read them). */
export interface FileDecision {
  unchanged: boolean;
  path?: string;
  checksum?: string;
}

/**
 * Compare `file` with its ledger row `entry` (the caller has checked that the table exists). A
 * verified-identical file whose mtime moved gets its ledger mtime refreshed, so the next run
 * takes the no-hash fast path again.
 */
export async function compareFile(ctx: FileIngestContext, file: PreparedFile, entry: LedgerEntry | undefined, specChecksum: string, scope: 'table' | 'file'): Promise<FileDecision> {
  if (ctx.full || !entry) return { unchanged: false };
  const verdict = compareWithLedger(file, entry, specChecksum);
  if (verdict === 'changed') return { unchanged: false };
  if (verdict === 'same') return { unchanged: true };
  const path = await file.materialize();
  const checksum = await hashFile(path);
  if (checksum !== entry.checksum) return { unchanged: false, path, checksum };
  const refreshed: LedgerEntry = { ...entry, modifiedMs: file.modifiedMs };
  await inTransaction(ctx, () => writeLedger(ctx.adapter, ctx.connection, ctx.schema, refreshed, scope));
  return { unchanged: true };
}

/** Decide whether `file` (the only file of its table) must load. */
async function isUnchanged(ctx: FileIngestContext, file: PreparedFile, specChecksum: string): Promise<FileDecision> {
  const { spec } = file;
  const entry = ctx.ledger.get(ledgerKey(spec.table, spec.file));
  if (ctx.full || !entry) return { unchanged: false };
  // The ledger is only trusted while the table it describes still exists.
  const live = await ctx.adapter.introspector(ctx.connection).getRelation({
    database: ctx.adapter.defaultDatabase,
    schema: ctx.schema,
    identifier: spec.table,
  });
  if (!live) return { unchanged: false };
  return compareFile(ctx, file, entry, specChecksum, 'table');
}

/** Ingest `file` (number `index` of `total`, 1-based, for the log line). */
export async function ingestFile(ctx: FileIngestContext, file: PreparedFile, index: number, total: number): Promise<IngestFileResult> {
  const started = performance.now();
  const { spec } = file;
  const relation = `${ctx.schema}.${spec.table}`;
  const specChecksum = computeSpecChecksum(spec);
  const base = { file: spec.file, table: spec.table, bytes: file.size };
  try {
    const decision = await isUnchanged(ctx, file, specChecksum);
    if (decision.unchanged) {
      const rows = ctx.ledger.get(ledgerKey(spec.table, spec.file))?.rowCount ?? 0;
      const seconds = elapsedSeconds(started);
      ctx.logger.info(formatIngestLine(index, total, relation, { status: 'unchanged' }), { ...base, status: 'unchanged', rows, seconds });
      return { ...base, status: 'unchanged', rows, seconds };
    }
    ctx.logger.info(formatStartLine(index, total, relation, file.displayFile));
    const path = decision.path ?? (await file.materialize());
    const columns = Object.entries(spec.columns).map(([name, type]) => ({ name, type }));
    await checkHeader(path, file.displayFile, columns.map((c) => c.name), spec.delimiter ?? ',');
    // Hash while the warehouse reads the file: both read the same pages, so the checksum is
    // nearly free next to the load (measured in the ingest report).
    const hashing = decision.checksum ?? file.knownChecksum ?? hashFile(path);
    if (typeof hashing !== 'string') hashing.catch(() => undefined);
    const rows = await loadTable({
      adapter: ctx.adapter,
      connection: ctx.connection,
      schema: ctx.schema,
      table: spec.table,
      path,
      displayFile: file.displayFile,
      columns,
      delimiter: spec.delimiter,
      dateFormat: resolveDateFormat(spec),
      ledger: async (rowCount) => ({
        fileName: spec.file,
        tableName: spec.table,
        sourceUri: file.sourceUri,
        sizeBytes: file.size,
        modifiedMs: file.modifiedMs,
        checksum: await hashing,
        specChecksum,
        rowCount,
        loadedAt: ctx.now(),
        seconds: elapsedSeconds(started),
      }),
    });
    const seconds = elapsedSeconds(started);
    ctx.logger.info(colour(ctx.logger, 'green', formatIngestLine(index, total, relation, { status: 'loaded', rows, seconds })), {
      ...base,
      status: 'loaded',
      rows,
      seconds,
    });
    return { ...base, status: 'loaded', rows, seconds };
  } catch (err) {
    const line = formatIngestLine(index, total, relation, { status: 'error', seconds: elapsedSeconds(started) });
    ctx.logger.error(colour(ctx.logger, 'red', line), { ...base, status: 'error' });
    throw err;
  }
}

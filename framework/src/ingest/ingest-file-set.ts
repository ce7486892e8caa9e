/**
 * A table fed by several files: the spec's main `file` plus every file its `extra_files`
 * patterns match (e.g. `sales_train.csv` + `sales_train_month_34.csv`). Every row carries the
 * name of its file in `_source_file`, and the ledger holds one row per file, so:
 *
 * - unchanged files load nothing;
 * - a new or changed file replaces only its own rows: it is bulk-loaded into
 *   `<table>__strata_tmp`, then `delete ... where _source_file = f` + `insert` + its ledger row
 *   run in one transaction (plain DML, so atomic on every warehouse);
 * - a file that disappeared from the source takes its rows and ledger row with it, atomically;
 * - the first load, `--full`, a changed spec, or a table without `_source_file` (loaded before
 *   the spec had `extra_files`) rebuild the table from all its files beside the live one and
 *   swap it in with all ledger rows, like a single-file load.
 */
import type { ColumnType } from '../adapters/adapter.js';
import { colour } from '../log/logger.js';
import { checkHeader } from './check-header.js';
import { formatIngestLine, formatStartLine } from './format-ingest-line.js';
import { hashFile } from './hash-file.js';
import { compareFile, elapsedSeconds, inTransaction, resolveDateFormat, type FileDecision, type FileIngestContext } from './ingest-file.js';
import { ledgerEntriesOf, ledgerKey, planLedgerDelete, writeLedger, type LedgerEntry } from './load-ledger.js';
import { dropStaging, relationIn, stageCsv, STAGING_SUFFIX, swapIntoPlace } from './load-table.js';
import { computeSpecChecksum, type PreparedFile } from './prepared-file.js';
import type { IngestFileResult } from './types.js';

/** The column naming the file each row of a multi-file table came from. */
export const SOURCE_FILE_COLUMN = '_source_file';

/** Suffix of the table each extra file is bulk-loaded into while a multi-file table is rebuilt. */
const PART_SUFFIX = '__strata_part';

/** Run DML as one transaction on every warehouse (DML is transactional even where DDL is not). */
const inDmlTransaction = (ctx: FileIngestContext, work: () => Promise<void>) => inTransaction(ctx, work, true);

/** Ingest the files of one multi-file table; `files[0]` is the main file, the rest its extra files. */
export async function ingestFileSet(ctx: FileIngestContext, files: PreparedFile[], firstIndex: number, total: number): Promise<IngestFileResult[]> {
  const { adapter, connection, schema } = ctx;
  const { dialect } = adapter;
  const spec = files[0].spec;
  const specChecksum = computeSpecChecksum(spec);
  const live = relationIn(adapter, schema, spec.table);
  const relationLabel = `${schema}.${spec.table}`;
  const columns: ColumnType[] = Object.entries(spec.columns).map(([name, type]) => ({ name, type }));
  const columnList = [...columns.map((c) => dialect.quoteIdentifier(c.name)), dialect.quoteIdentifier(SOURCE_FILE_COLUMN)].join(', ');
  const selectList = (file: string) => [...columns.map((c) => dialect.quoteIdentifier(c.name)), dialect.stringLiteral(file)].join(', ');
  const entries = ledgerEntriesOf(ctx.ledger, spec.table);
  const indexOf = (file: PreparedFile) => firstIndex + files.indexOf(file);

  const introspector = adapter.introspector(connection);
  const existing = await introspector.getRelation(live);
  const hasSourceColumn = existing?.kind === 'table' && (await introspector.getColumns(live)).some((c) => c.name.toLowerCase() === SOURCE_FILE_COLUMN);
  const rebuild = ctx.full || !hasSourceColumn || entries.length === 0 || entries.some((e) => e.specChecksum !== specChecksum);

  /** Header check, then bulk load into `staged`; returns rows and the ledger row to write. */
  const stage = async (file: PreparedFile, decision: FileDecision, staged: ReturnType<typeof relationIn>, started: number, withSource = false) => {
    ctx.logger.info(formatStartLine(indexOf(file), total, relationLabel, file.displayFile));
    const path = decision.path ?? (await file.materialize());
    await checkHeader(path, file.displayFile, columns.map((c) => c.name), spec.delimiter ?? ',');
    const hashing = decision.checksum ?? file.knownChecksum ?? hashFile(path);
    if (typeof hashing !== 'string') hashing.catch(() => undefined);
    const rows = await stageCsv(
      { adapter, connection, schema, table: spec.table, path, displayFile: file.displayFile, columns, delimiter: spec.delimiter, dateFormat: resolveDateFormat(spec) },
      staged,
      withSource ? [{ name: SOURCE_FILE_COLUMN, value: file.spec.file }] : undefined,
    );
    const entry: LedgerEntry = {
      fileName: file.spec.file,
      tableName: spec.table,
      sourceUri: file.sourceUri,
      sizeBytes: file.size,
      modifiedMs: file.modifiedMs,
      checksum: await hashing,
      specChecksum,
      rowCount: rows,
      loadedAt: ctx.now(),
      seconds: elapsedSeconds(started),
    };
    return { rows, entry };
  };

  const loadedLine = (file: PreparedFile, rows: number, seconds: number): IngestFileResult => {
    const base = { file: file.spec.file, table: spec.table, bytes: file.size };
    ctx.logger.info(colour(ctx.logger, 'green', formatIngestLine(indexOf(file), total, relationLabel, { status: 'loaded', rows, seconds })), { ...base, status: 'loaded', rows, seconds });
    return { ...base, status: 'loaded', rows, seconds };
  };

  const failedLine = (file: PreparedFile, started: number) => {
    ctx.logger.error(colour(ctx.logger, 'red', formatIngestLine(indexOf(file), total, relationLabel, { status: 'error', seconds: elapsedSeconds(started) })), {
      file: file.spec.file, table: spec.table, bytes: file.size, status: 'error',
    });
  };

  const staged = relationIn(adapter, schema, `${spec.table}${STAGING_SUFFIX}`);
  if (rebuild) {
    const part = relationIn(adapter, schema, `${spec.table}${PART_SUFFIX}`);
    const loaded: { file: PreparedFile; rows: number; seconds: number; entry: LedgerEntry }[] = [];
    let current = files[0];
    let started = performance.now();
    try {
      for (const file of files) {
        current = file;
        started = performance.now();
        if (file === files[0]) {
          // The file name column is filled by the load itself.
          const { rows, entry } = await stage(file, { unchanged: false }, staged, started, true);
          loaded.push({ file, rows, seconds: elapsedSeconds(started), entry });
        } else {
          const { rows, entry } = await stage(file, { unchanged: false }, part, started);
          await connection.execute(`insert into ${dialect.relationName(staged)} (${columnList}) select ${selectList(file.spec.file)} from ${dialect.relationName(part)}`);
          await dropStaging({ adapter, connection }, part);
          loaded.push({ file, rows, seconds: elapsedSeconds(started), entry });
        }
      }
      await swapIntoPlace({ adapter, connection }, staged, live, async () => {
        const clear = planLedgerDelete(adapter, schema, spec.table);
        await connection.execute(clear.sql, clear.binds);
        for (const { entry } of loaded) await writeLedger(adapter, connection, schema, entry, 'file');
      });
    } catch (err) {
      failedLine(current, started);
      await dropStaging({ adapter, connection }, part);
      await dropStaging({ adapter, connection }, staged);
      throw err;
    }
    return loaded.map(({ file, rows, seconds }) => loadedLine(file, rows, seconds));
  }

  const results: IngestFileResult[] = [];
  for (const file of files) {
    const started = performance.now();
    const entry = ctx.ledger.get(ledgerKey(spec.table, file.spec.file));
    try {
      const decision = await compareFile(ctx, file, entry, specChecksum, 'file');
      if (decision.unchanged) {
        const rows = entry?.rowCount ?? 0;
        const seconds = elapsedSeconds(started);
        const base = { file: file.spec.file, table: spec.table, bytes: file.size };
        ctx.logger.info(formatIngestLine(indexOf(file), total, relationLabel, { status: 'unchanged' }), { ...base, status: 'unchanged', rows, seconds });
        results.push({ ...base, status: 'unchanged', rows, seconds });
        continue;
      }
      const { rows, entry: next } = await stage(file, decision, staged, started);
      try {
        // This file's rows out, its new rows in, its ledger row: all or nothing.
        await inDmlTransaction(ctx, async () => {
          await connection.execute(`delete from ${dialect.relationName(live)} where ${dialect.quoteIdentifier(SOURCE_FILE_COLUMN)} = ?`, [file.spec.file]);
          await connection.execute(`insert into ${dialect.relationName(live)} (${columnList}) select ${selectList(file.spec.file)} from ${dialect.relationName(staged)}`);
          await writeLedger(adapter, connection, schema, next, 'file');
        });
      } finally {
        await dropStaging({ adapter, connection }, staged);
      }
      results.push(loadedLine(file, rows, elapsedSeconds(started)));
    } catch (err) {
      failedLine(file, started);
      throw err;
    }
  }

  // Files loaded before but gone from the source now: their rows go too.
  const present = new Set(files.map((f) => f.spec.file));
  for (const gone of entries.filter((e) => !present.has(e.fileName))) {
    await inDmlTransaction(ctx, async () => {
      await connection.execute(`delete from ${dialect.relationName(live)} where ${dialect.quoteIdentifier(SOURCE_FILE_COLUMN)} = ?`, [gone.fileName]);
      const remove = planLedgerDelete(adapter, schema, spec.table, gone.fileName);
      await connection.execute(remove.sql, remove.binds);
    });
    ctx.logger.info(`Removed the ${gone.rowCount.toLocaleString('en-US')} rows of ${gone.fileName} from ${relationLabel}: the file is no longer in the source`, {
      file: gone.fileName, table: spec.table, status: 'removed', rows: gone.rowCount,
    });
  }
  return results;
}

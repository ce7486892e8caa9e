/**
 * A table fed by several files: the spec's main `file` plus every file its `extra_files`
 * patterns match (e.g. `sales_train.csv` + `sales_train_month_34.csv`). Each file is bulk-loaded
 * into a table of its own, `<table>__<file>` (e.g. `sales_train__sales_train_month_34_csv`), and
 * `<table>` is a view, the union of those tables, that adds the `_source_file` column as one
 * constant per file. The rows are never rewritten to carry their file's name (a per-row string
 * column costs DuckDB about a sixth of the load), and the ledger holds one row per file, so:
 *
 * - unchanged files load nothing;
 * - a new or changed file replaces only its own table: it is bulk-loaded into
 *   `<table>__<file>__strata_tmp`, then swapped in with the view (when the file is new) and its
 *   ledger row, in one transaction where the warehouse has transactional DDL;
 * - a file that disappeared from the source takes its table, its branch of the view and its
 *   ledger row with it;
 * - the first load, `--full`, a changed spec, or a `<table>` that is not such a view (e.g. a
 *   table loaded before the spec had `extra_files`) rebuild every file's table beside the live
 *   ones and swap them in with the view and all ledger rows.
 *
 * Without transactional DDL (Snowflake) each step is atomic on its own and the order makes a
 * crash cost at most one reload: a file's table, then the view, then its ledger row.
 */
import type { ColumnType } from '../adapters/adapter.js';
import { userError } from '../errors/strata-error.js';
import { colour } from '../log/logger.js';
import type { Relation } from '../manifest/types.js';
import { checkHeader } from './check-header.js';
import { compareFileNames } from './extra-files.js';
import { formatCount, formatIngestLine, formatStartLine } from './format-ingest-line.js';
import { hashFile } from './hash-file.js';
import { compareFile, elapsedSeconds, inTransaction, resolveDateFormat, type FileDecision, type FileIngestContext } from './ingest-file.js';
import { ledgerEntriesOf, ledgerKey, planLedgerDelete, writeLedger, type LedgerEntry } from './load-ledger.js';
import { dropStaging, relationIn, stageCsv, STAGING_SUFFIX, swapTable } from './load-table.js';
import { computeSpecChecksum, type PreparedFile } from './prepared-file.js';
import type { IngestFileResult } from './types.js';

/** The column naming the file each row of a multi-file table came from. */
export const SOURCE_FILE_COLUMN = '_source_file';

/**
 * The identifier of the table holding one file's rows: `<table>__<file name>`, lower-cased, with
 * every character other than a letter, digit or `_` written as `_`.
 */
export function fileTableIdentifier(table: string, fileName: string): string {
  return `${table}__${fileName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/** The files in view order: the main file first, then the extra files in natural order. */
function viewOrder(mainFile: string, fileNames: Iterable<string>): string[] {
  const names = new Set(fileNames);
  const extras = [...names].filter((f) => f !== mainFile).sort(compareFileNames);
  return names.has(mainFile) ? [mainFile, ...extras] : extras;
}

/** Throw `E_CONFIG` when two file names of one table would share a file table. */
function checkDistinctFileTables(table: string, fileNames: string[]): void {
  const seen = new Map<string, string>();
  for (const name of fileNames) {
    const identifier = fileTableIdentifier(table, name);
    const other = seen.get(identifier);
    if (other !== undefined && other !== name) {
      throw userError('E_CONFIG', `Files ${other} and ${name} of table ${table} would both load into table ${identifier}.`, {
        file: name,
        hint: 'Rename one of the files: names that differ only in case or in characters other than letters, digits and _ cannot both feed one table.',
      });
    }
    seen.set(identifier, name);
  }
}

/** Ingest the files of one multi-file table; `files[0]` is the main file, the rest its extra files. */
export async function ingestFileSet(ctx: FileIngestContext, files: PreparedFile[], firstIndex: number, total: number): Promise<IngestFileResult[]> {
  const { adapter, connection, schema } = ctx;
  const { dialect } = adapter;
  const spec = files[0].spec;
  const mainFile = spec.file;
  const specChecksum = computeSpecChecksum(spec);
  const live = relationIn(adapter, schema, spec.table);
  const relationLabel = `${schema}.${spec.table}`;
  const columns: ColumnType[] = Object.entries(spec.columns).map(([name, type]) => ({ name, type }));
  const entries = ledgerEntriesOf(ctx.ledger, spec.table);
  const indexOf = (file: PreparedFile) => firstIndex + files.indexOf(file);
  checkDistinctFileTables(spec.table, [...files.map((f) => f.spec.file), ...entries.map((e) => e.fileName)]);

  const fileTable = (fileName: string): Relation => relationIn(adapter, schema, fileTableIdentifier(spec.table, fileName));
  const stagedTable = (fileName: string): Relation => relationIn(adapter, schema, `${fileTableIdentifier(spec.table, fileName)}${STAGING_SUFFIX}`);
  const introspector = adapter.introspector(connection);
  const kindOf = async (relation: Relation) => (await introspector.getRelation(relation))?.kind ?? null;

  /** `create or replace view <table>`: one branch per file, each adding its file's name. */
  const replaceView = async (fileNames: string[]) => {
    const select = (fileName: string) =>
      `select ${[...columns.map((c) => dialect.quoteIdentifier(c.name)), `${dialect.stringLiteral(fileName)} as ${dialect.quoteIdentifier(SOURCE_FILE_COLUMN)}`].join(', ')} from ${dialect.relationName(fileTable(fileName))}`;
    await connection.execute(dialect.createViewAs(live, viewOrder(mainFile, fileNames).map(select).join('\nunion all\n')));
  };

  /** Replace `fileName`'s table with its staged load. */
  const swapFileTable = (fileName: string) => swapTable({ adapter, connection }, stagedTable(fileName), fileTable(fileName));

  const liveKind = await kindOf(live);
  const rebuild = ctx.full || liveKind !== 'view' || entries.length === 0 || entries.some((e) => e.specChecksum !== specChecksum);

  /** Header check, then bulk load into the file's staging table; returns rows and the ledger row to write. */
  const stage = async (file: PreparedFile, decision: FileDecision, started: number) => {
    ctx.logger.info(formatStartLine(indexOf(file), total, relationLabel, file.displayFile));
    const path = decision.path ?? (await file.materialize());
    await checkHeader(path, file.displayFile, columns.map((c) => c.name), spec.delimiter ?? ',');
    const hashing = decision.checksum ?? file.knownChecksum ?? hashFile(path);
    if (typeof hashing !== 'string') hashing.catch(() => undefined);
    const rows = await stageCsv(
      { adapter, connection, schema, table: spec.table, path, displayFile: file.displayFile, columns, delimiter: spec.delimiter, dateFormat: resolveDateFormat(spec) },
      stagedTable(file.spec.file),
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

  if (rebuild) {
    const loaded: { file: PreparedFile; rows: number; seconds: number; entry: LedgerEntry }[] = [];
    let current = files[0];
    let started = performance.now();
    try {
      for (const file of files) {
        current = file;
        started = performance.now();
        const { rows, entry } = await stage(file, { unchanged: false }, started);
        loaded.push({ file, rows, seconds: elapsedSeconds(started), entry });
      }
      started = performance.now();
      const present = new Set(files.map((f) => f.spec.file));
      await inTransaction(ctx, async () => {
        for (const file of files) await swapFileTable(file.spec.file);
        // A table loaded before the spec had extra_files stands where the view goes.
        if (liveKind === 'table') await connection.execute(dialect.dropRelation(live, 'table'));
        await replaceView([...present]);
        for (const gone of entries.filter((e) => !present.has(e.fileName))) await connection.execute(dialect.dropRelation(fileTable(gone.fileName), 'table'));
        const clear = planLedgerDelete(adapter, schema, spec.table);
        await connection.execute(clear.sql, clear.binds);
        for (const { entry } of loaded) await writeLedger(adapter, connection, schema, entry, 'file');
      });
    } catch (err) {
      failedLine(current, started);
      for (const file of files) await dropStaging({ adapter, connection }, stagedTable(file.spec.file));
      throw err;
    }
    return loaded.map(({ file, rows, seconds }) => loadedLine(file, rows, seconds));
  }

  // The files the view reads now; a file joins it when it first loads and leaves when it is gone.
  const inView = new Set(entries.map((e) => e.fileName));
  const results: IngestFileResult[] = [];
  for (const file of files) {
    const started = performance.now();
    const fileName = file.spec.file;
    const entry = ctx.ledger.get(ledgerKey(spec.table, fileName));
    try {
      // The ledger row is trusted only while the file's table still exists.
      const decision = (await kindOf(fileTable(fileName))) === 'table' ? await compareFile(ctx, file, entry, specChecksum, 'file') : { unchanged: false };
      if (decision.unchanged) {
        const rows = entry?.rowCount ?? 0;
        const seconds = elapsedSeconds(started);
        const base = { file: fileName, table: spec.table, bytes: file.size };
        ctx.logger.info(formatIngestLine(indexOf(file), total, relationLabel, { status: 'unchanged' }), { ...base, status: 'unchanged', rows, seconds });
        results.push({ ...base, status: 'unchanged', rows, seconds });
        continue;
      }
      const { rows, entry: next } = await stage(file, decision, started);
      try {
        // The file's new table, the view when the file is new to it, its ledger row: all or
        // nothing where DDL is transactional, in this order everywhere.
        await inTransaction(ctx, async () => {
          await swapFileTable(fileName);
          if (!inView.has(fileName)) await replaceView([...inView, fileName]);
          await writeLedger(adapter, connection, schema, next, 'file');
        });
        inView.add(fileName);
      } finally {
        await dropStaging({ adapter, connection }, stagedTable(fileName));
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
    inView.delete(gone.fileName);
    await inTransaction(ctx, async () => {
      await replaceView([...inView]);
      await connection.execute(dialect.dropRelation(fileTable(gone.fileName), 'table'));
      const remove = planLedgerDelete(adapter, schema, spec.table, gone.fileName);
      await connection.execute(remove.sql, remove.binds);
    });
    ctx.logger.info(`Removed the ${formatCount(gone.rowCount)} row${gone.rowCount === 1 ? '' : 's'} of ${gone.fileName} from ${relationLabel}: the file is no longer in the source`, {
      file: gone.fileName, table: spec.table, status: 'removed', rows: gone.rowCount,
    });
  }
  return results;
}

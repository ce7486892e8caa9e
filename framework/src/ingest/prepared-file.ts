/**
 * A raw file located and described (size, version) but not yet read, and the rule that compares
 * it with the ledger. Local folders and S3 prefixes both produce these, so the load path does
 * not care where a file came from.
 */
import { createHash } from 'node:crypto';
import type { LedgerEntry } from './load-ledger.js';
import type { IngestFileSpec } from './types.js';

export interface PreparedFile {
  /** The table's spec; for a file matched by `extra_files`, a copy whose `file` is that file's name. */
  spec: IngestFileSpec;
  /** True for a file matched by the spec's `extra_files` (not its main `file`). */
  extra?: boolean;
  /** Name users see in messages: project-relative path or s3:// URI. */
  displayFile: string;
  /** Stable identity recorded in the ledger (`data/raw/x.csv` or `s3://b/p/x.csv`). */
  sourceUri: string;
  size: number;
  /** Local mtime in ms; null for S3 objects. */
  modifiedMs: number | null;
  /** Version known without reading the bytes (S3 ETag); undefined means "hash the file". */
  knownChecksum?: string;
  /** A local path holding the bytes, downloading first if needed. */
  materialize(): Promise<string>;
}

/** Outcome of comparing a file with its ledger row. */
export type LedgerVerdict = 'same' | 'changed' | 'hash-needed';

/** The spec's `extra_files` patterns as a list (empty when it has none). */
export function extraFilePatterns(spec: IngestFileSpec): string[] {
  const value = spec.extra_files;
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((p) => p.trim() !== '');
}

/**
 * Short hash of everything in the spec that shapes the loaded table. A spec with `extra_files`
 * (a table with a `_source_file` column) hashes differently from the same spec without, so
 * adding or removing `extra_files` rebuilds the table; single-file specs hash as they always did.
 */
export function computeSpecChecksum(spec: IngestFileSpec): string {
  const parts: unknown[] = [Object.entries(spec.columns), spec.date_format ?? null, spec.delimiter ?? ','];
  if (extraFilePatterns(spec).length > 0) parts.push('multi-file');
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/**
 * Decide without reading the file when possible. Size and mtime equal to the ledger's mean the
 * local file is the one loaded (the fast path: no hashing); equal size with another mtime needs a
 * hash to tell a `touch` from an edit.
 */
export function compareWithLedger(file: PreparedFile, entry: LedgerEntry | undefined, specChecksum: string): LedgerVerdict {
  if (!entry) return 'changed';
  if (entry.sourceUri !== file.sourceUri || entry.specChecksum !== specChecksum || entry.sizeBytes !== file.size) {
    return 'changed';
  }
  if (file.knownChecksum !== undefined) return entry.checksum === file.knownChecksum ? 'same' : 'changed';
  return entry.modifiedMs === file.modifiedMs ? 'same' : 'hash-needed';
}

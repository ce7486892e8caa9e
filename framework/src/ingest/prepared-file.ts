/**
 * A raw file located and described (size, version) but not yet read, and the rule that compares
 * it with the ledger. Local folders and S3 prefixes both produce these, so the load path does
 * not care where a file came from.
 */
import { createHash } from 'node:crypto';
import type { LedgerEntry } from './load-ledger.js';
import type { IngestFileSpec } from './types.js';

export interface PreparedFile {
  spec: IngestFileSpec;
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

/** Short hash of everything in the spec that shapes the loaded table. */
export function computeSpecChecksum(spec: IngestFileSpec): string {
  const shape = JSON.stringify([Object.entries(spec.columns), spec.date_format ?? null, spec.delimiter ?? ',']);
  return createHash('sha256').update(shape).digest('hex').slice(0, 16);
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

/**
 * `extra_files` patterns of an ingest spec: which file names they match, in which order the
 * matches load, and the literal start of a pattern (the S3 listing prefix).
 */
import picomatch from 'picomatch';
import { userError } from '../errors/strata-error.js';
import { extraFilePatterns } from './prepared-file.js';
import type { IngestFileSpec } from './types.js';

/** Characters that start glob syntax in a pattern. */
const GLOB_START = /[*?[\]{}()!+@]/;

/** Throw `E_CONFIG` unless every pattern of `spec` is a file-name glob (no folders). */
export function validateExtraFiles(spec: IngestFileSpec): void {
  const value = spec.extra_files;
  if (value === undefined || value === null) return;
  const list = Array.isArray(value) ? value : [value];
  for (const pattern of list) {
    if (typeof pattern !== 'string' || pattern.trim() === '') {
      throw userError('E_CONFIG', `ingest.files entry ${spec.file}: extra_files must be a file-name pattern or a list of them.`, {
        hint: "e.g. extra_files: 'sales_train_month_*.csv'",
      });
    }
    if (pattern.includes('/') || pattern.includes('\\')) {
      throw userError('E_CONFIG', `ingest.files entry ${spec.file}: extra_files pattern "${pattern}" names a folder; patterns match file names in the ingest source itself.`, {
        hint: "Put the extra files next to the main file and match their names, e.g. extra_files: 'sales_train_month_*.csv'",
      });
    }
  }
}

/** A predicate telling whether a file name is one of `spec`'s extra files (never its main file). */
export function extraFileMatcher(spec: IngestFileSpec): (name: string) => boolean {
  const patterns = extraFilePatterns(spec);
  if (patterns.length === 0) return () => false;
  const match = picomatch(patterns, { dot: false });
  return (name) => name !== spec.file && match(name);
}

/** The part of a pattern before its first glob character (`sales_train_month_` for `sales_train_month_*.csv`). */
export function literalPrefix(pattern: string): string {
  const at = pattern.search(GLOB_START);
  return at < 0 ? pattern : pattern.slice(0, at);
}

/** The longest literal prefix all of `spec`'s patterns share (where an S3 listing can start). */
export function commonListingPrefix(spec: IngestFileSpec): string {
  const prefixes = extraFilePatterns(spec).map(literalPrefix);
  if (prefixes.length === 0) return '';
  let common = prefixes[0];
  for (const p of prefixes.slice(1)) {
    let i = 0;
    while (i < common.length && i < p.length && common[i] === p[i]) i++;
    common = common.slice(0, i);
  }
  return common;
}

/** Natural order: `month_9` before `month_10`, so files load in the order they were delivered. */
export function compareFileNames(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const numeric = i % 2 === 1;
    if (numeric) {
      const diff = Number(x[i]) - Number(y[i]);
      if (diff !== 0) return diff;
    }
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

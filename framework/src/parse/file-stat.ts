/**
 * The few numbers of a file's stat the project scan compares (size, times, inode, file or not),
 * without an `fs.Stats` object. In Node 20 every `fs.statSync` builds a Stats object holding four
 * `Date`s, and the scan stats every project file on every command that can be answered from the
 * project state (10k files at 10k models): 33-36 ms against 18-20 ms for the same 10k paths read
 * as numbers from the binding `fs.statSync` itself calls (fresh processes, BENCHMARKS.md,
 * fifteenth round).
 *
 * That binding is Node's internal one (`process.binding('fs')`, deprecated as DEP0111): it is used
 * only when it is there, takes `fs.statSync`'s arguments, and gives the numbers `fs.statSync`
 * gives for a real file (this module's own); otherwise, or where Node would print a deprecation
 * warning for it (`--pending-deprecation`), `fs.statSync` and `fs.fstatSync` answer. Errors are
 * the same either way: `fs.statSync` raises what the binding raises.
 */
import { fstatSync, statSync, type Stats } from 'node:fs';
import { toNamespacedPath } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** A regular file (not a folder, device or socket). */
  isFile: boolean;
}

/** The binding's stat and fstat: (path or fd, bigint, request, throwIfNoEntry) -> its shared array, or undefined (no entry). */
interface StatBinding {
  stat(path: string, bigint: false, request: undefined, throwIfNoEntry: boolean): Float64Array | undefined;
  fstat(fd: number, bigint: false, request: undefined, throwIfNoEntry: boolean): Float64Array | undefined;
}

// Positions in the binding's array (Node's StatsBase order) and the file-type bits of `mode`.
const MODE = 1;
const INO = 7;
const SIZE = 8;
const MTIME_S = 12;
const MTIME_NS = 13;
const CTIME_S = 14;
const CTIME_NS = 15;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

function fromArray(a: Float64Array): FileStat {
  // Milliseconds as Node computes them (seconds * 1e3 + nanoseconds / 1e6): the state compares them exactly.
  return {
    size: a[SIZE], mtimeMs: a[MTIME_S] * 1e3 + a[MTIME_NS] / 1e6, ctimeMs: a[CTIME_S] * 1e3 + a[CTIME_NS] / 1e6,
    ino: a[INO], isFile: (a[MODE] & S_IFMT) === S_IFREG,
  };
}

function fromStats(st: Stats): FileStat {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, isFile: st.isFile() };
}

function warnsOnBinding(): boolean {
  return process.execArgv.includes('--pending-deprecation') || /--pending-deprecation/.test(process.env.NODE_OPTIONS ?? '')
    || /^(1|true)$/i.test(process.env.NODE_PENDING_DEPRECATION ?? '');
}

/** The binding when it is usable here (checked once per thread), else null. */
let binding: StatBinding | null | undefined;

function statBinding(): StatBinding | null {
  if (binding !== undefined) return binding;
  binding = null;
  if (warnsOnBinding()) return binding;
  try {
    const candidate = (process as unknown as { binding?: (name: string) => Partial<StatBinding> }).binding?.('fs');
    if (typeof candidate?.stat !== 'function' || typeof candidate.fstat !== 'function') return binding;
    const probe = fileURLToPath(import.meta.url);
    const raw = candidate.stat(toNamespacedPath(probe), false, undefined, false);
    const expected = fromStats(statSync(probe));
    if (raw instanceof Float64Array && raw.length >= 18 && sameStat(fromArray(raw), expected)) binding = candidate as StatBinding;
  } catch {
    binding = null;
  }
  return binding;
}

function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.isFile === b.isFile;
}

/** `fs.statSync(path, { throwIfNoEntry: false })`'s numbers: undefined when nothing is there; other errors thrown. */
export function fileStat(path: string): FileStat | undefined {
  const b = statBinding();
  if (b) {
    const raw = b.stat(toNamespacedPath(path), false, undefined, false);
    return raw === undefined ? undefined : fromArray(raw);
  }
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? fromStats(st) : undefined;
}

/** `fs.fstatSync(fd)`'s numbers. */
export function openFileStat(fd: number): FileStat {
  const b = statBinding();
  // As fs.fstatSync calls it (its fourth argument false).
  const raw = b ? b.fstat(fd, false, undefined, false) : undefined;
  if (raw !== undefined) return fromArray(raw);
  const st = fstatSync(fd) as Stats | undefined;
  if (!st) throw new Error(`fstat of descriptor ${fd} failed`);
  return fromStats(st);
}

/** Which of the two answers in this thread (the tests check it). */
export function fileStatSource(): 'binding' | 'fs' {
  return statBinding() ? 'binding' : 'fs';
}

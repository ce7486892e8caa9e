/**
 * One error hierarchy for the whole framework. A `StrataError` is a user error: it prints
 * without a stack trace, names the file and line, and says how to fix it. Anything else
 * thrown is an internal error and keeps its stack.
 */

export type ErrorCode =
  | 'E_PROJECT'      // project.yml / profiles / CLI arguments
  | 'E_YAML'         // YAML syntax or shape
  | 'E_TEMPLATE'     // template syntax or render error
  | 'E_REF'          // ref()/source() to something missing
  | 'E_DUPLICATE'    // two nodes with one name
  | 'E_CYCLE'        // dependency cycle
  | 'E_SEED'         // a seed file that cannot be loaded
  | 'E_SELECTOR'     // bad --select / --exclude syntax
  | 'E_CONFIG'       // a config value of the wrong type
  | 'E_SCHEMA_CHANGE' // an incremental model's columns changed and on_schema_change='fail'
  | 'E_WAREHOUSE'    // warehouse connection or SQL error
  | 'E_INGEST'       // raw file ingest
  | 'E_LOCKED'       // database in use by another process
  | 'E_IO'           // the file system refused a write (disk full, a file in the way, no permission)
  | 'E_ARGS';        // command line

export interface Diagnostic {
  code: ErrorCode;
  severity: 'error' | 'warn';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** Format a diagnostic as one or two lines: `file:line:col: message` then `  hint: ...`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''}: ` : '';
  const head = `${d.severity === 'warn' ? 'Warning' : 'Error'} [${d.code}] ${where}${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** A user-facing error. `exitCode` 2 = invalid project or command line, 1 = run-time failure. */
export class StrataError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: 1 | 2;

  constructor(diagnostics: Diagnostic | Diagnostic[], exitCode: 1 | 2 = 2) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'StrataError';
    this.diagnostics = list;
    this.exitCode = exitCode;
  }
}

/** Shorthand for a single-diagnostic user error. */
export function userError(
  code: ErrorCode,
  message: string,
  where: { file?: string; line?: number; column?: number; hint?: string } = {},
  exitCode: 1 | 2 = 2,
): StrataError {
  return new StrataError({ code, severity: 'error', message, ...where }, exitCode);
}

/** Collects diagnostics during a stage, then throws them all at once. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }): void {
    this.items.push({ severity: 'error', ...d });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warn');
  }

  /** Throw a StrataError carrying every error collected so far (warnings stay in the bag). */
  throwIfErrors(): void {
    const errors = this.errors;
    if (errors.length > 0) throw new StrataError(errors, 2);
  }
}

/** "Did you mean": the closest candidate by edit distance (transpositions count once). */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.ceil(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

const FILE_SYSTEM_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is used up', EROFS: 'the file system is read-only',
  EACCES: 'permission denied', EPERM: 'operation not permitted', ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file is in the way', EISDIR: 'it is a folder', EMFILE: 'too many open files',
};

/**
 * A file-system failure (disk full, a file where a folder should be, no permission) as a
 * run-time user error rather than an "internal error" with a stack trace; undefined otherwise.
 */
export function fileSystemError(err: unknown): StrataError | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e.code !== 'string' || typeof e.syscall !== 'string' || !(e.code in FILE_SYSTEM_REASONS)) return undefined;
  return userError('E_IO', `Cannot ${e.syscall} ${e.path ?? 'a file'}: ${FILE_SYSTEM_REASONS[e.code]} (${e.code})`, {
    hint: 'Free some disk space, or point target-path in the project file (or --project-dir) at a writable folder.',
  }, 1);
}

/**
 * Point a warehouse SQL error back at the model file and line: find the line the warehouse
 * names in the compiled SQL, then the same text in the model's source.
 */
import { StrataError } from '../errors/strata-error.js';
import { parseCsvError } from '../ingest/explain-load-error.js';
import type { ManifestNode } from '../manifest/types.js';

export interface LocatedError {
  message: string;
  file: string;
  line?: number;
}

/** `error line 1 at position 7`: Snowflake's position line, which the file:line already says better. */
const POSITION_LINE = /^error line \d+ at position \d+$/i;

/**
 * The message in one line. Usually the first line; but a first line that only introduces what
 * follows (Snowflake: `SQL compilation error:` / `error line 1 at position 7` / `invalid
 * identifier 'X'`) is continued with the lines it introduces.
 */
function summariseMessage(full: string): string {
  const lines = full.split('\n').map((l) => l.trim()).filter(Boolean);
  const parts = lines.slice(0, 1);
  for (const line of lines.slice(1)) {
    const last = parts[parts.length - 1];
    if (!last.endsWith(':') && !POSITION_LINE.test(last)) break;
    parts.push(line);
  }
  return parts.filter((p, i) => i === 0 || !POSITION_LINE.test(p)).join(' ');
}

/** DuckDB puts its fix on the second line (`Candidate bindings: "amount"`, `Did you mean "orders"?`); keep it. */
function withSuggestion(message: string, full: string): string {
  const second = full.split('\n')[1]?.trim();
  return second && /^(Candidate bindings:|Did you mean)/.test(second) && !message.includes(second) ? `${message} ${second}` : message;
}

/** A seed that DuckDB's CSV reader rejects: the line of the file, the value, and what to change. */
function locateSeedError(full: string, file: string): LocatedError {
  const facts = parseCsvError(full);
  return { message: `Cannot load the seed: ${facts.reason}. Fix the value on that line, or the column's type in column_types.`, file, line: facts.record };
}

export function locateWarehouseError(err: unknown, node: ManifestNode, compiledSql: string | undefined): LocatedError {
  const full = (err instanceof StrataError ? err.diagnostics.map((d) => (d.hint ? `${d.message}. Hint: ${d.hint}` : d.message)).join('\n') : String((err as Error)?.message ?? err)).trim();
  if (node.resourceType === 'seed' && /CSV Error on Line: \d+/.test(full)) return locateSeedError(full, node.originalFilePath);
  const message = withSuggestion(summariseMessage(full), full);
  const located: LocatedError = { message, file: node.originalFilePath };
  const lineMatch = /LINE (\d+):/.exec(full) ?? /line (\d+) at position/i.exec(full);
  if (!lineMatch || !compiledSql) return located;
  const executedLine = Number(lineMatch[1]);
  // The executed statement wraps the compiled SQL in one line (`create ... as (`), so shift by one when that fits.
  const compiledLines = compiledSql.split('\n');
  const candidates = [executedLine - 1, executedLine].filter((n) => n >= 1 && n <= compiledLines.length);
  const raw = 'rawCode' in node ? node.rawCode.split('\n') : [];
  for (const n of candidates) {
    const text = compiledLines[n - 1].trim();
    if (!text) continue;
    const idx = raw.findIndex((l) => l.trim() === text);
    if (idx >= 0) return { ...located, line: idx + 1 };
  }
  located.line = candidates[0];
  return located;
}

/**
 * Point a warehouse SQL error back at the model file and line: find the line the warehouse
 * names in the compiled SQL, then the same text in the model's source.
 */
import { StrataError } from '../errors/strata-error.js';
import type { ManifestNode } from '../manifest/types.js';

export interface LocatedError {
  message: string;
  file: string;
  line?: number;
}

export function locateWarehouseError(err: unknown, node: ManifestNode, compiledSql: string | undefined): LocatedError {
  const full = (err instanceof StrataError ? err.diagnostics.map((d) => d.message).join('\n') : String((err as Error)?.message ?? err)).trim();
  const message = full.split('\n')[0];
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

/** Turn `run_results.json` into what the docs site shows: counts per outcome and per-node results. */
import type { NodeResult, RunResultsArtifact } from '../artifacts/types.js';
import type { DocsResult, RunSummary } from './types.js';

/**
 * Count results by outcome. Tests report pass / fail / warn / error; models, seeds and
 * snapshots report success / error / skipped.
 *
 * @example summarizeRunResults(runResults).counts // { pass: 40, fail: 1, error: 0, ... }
 */
export function summarizeRunResults(runResults: RunResultsArtifact): RunSummary {
  const counts: RunSummary['counts'] = { pass: 0, fail: 0, warn: 0, error: 0, skipped: 0, success: 0 };
  for (const result of runResults.results) counts[result.status] += 1;
  return {
    command: runResults.metadata.command,
    generatedAt: runResults.metadata.generatedAt,
    elapsedTime: runResults.elapsedTime,
    counts,
  };
}

/** The page form of one node's result. */
export function toDocsResult(result: NodeResult): DocsResult {
  const out: DocsResult = { status: result.status, message: result.message, executionTime: result.executionTime };
  if (result.failures !== undefined) out.failures = result.failures;
  const completedAt = result.timing.at(-1)?.completedAt;
  if (completedAt) out.completedAt = completedAt;
  return out;
}

/** Results keyed by unique id (the last one wins when a node ran twice). */
export function indexRunResults(runResults: RunResultsArtifact | undefined): Map<string, DocsResult> {
  const out = new Map<string, DocsResult>();
  for (const result of runResults?.results ?? []) out.set(result.uniqueId, toDocsResult(result));
  return out;
}

/** The end-of-run summary: counts by kind, failures with their files, and dbt's totals line. */
import type { NodeResult } from '../artifacts/types.js';
import { colour, type Logger } from '../log/logger.js';
import type { Manifest } from '../manifest/types.js';

export function summarise(logger: Logger, manifest: Manifest, results: NodeResult[], seconds: number): void {
  const kinds = new Map<string, number>();
  for (const r of results) {
    const node = manifest.nodes[r.uniqueId];
    const kind = node.resourceType === 'model' ? `${node.config.materialized} model` : node.resourceType === 'test' ? 'data test' : node.resourceType;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const parts = [...kinds].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
  logger.info('');
  logger.info(`Finished running ${parts.join(', ') || 'nothing'} in ${seconds.toFixed(2)}s.`);
  const failed = results.filter((r) => r.status === 'error' || r.status === 'fail');
  const warned = results.filter((r) => r.status === 'warn');
  if (failed.length === 0) {
    logger.info(colour(logger, 'green', warned.length ? `Completed with ${warned.length} warning${warned.length === 1 ? '' : 's'}:` : 'Completed successfully'));
  } else {
    logger.info(colour(logger, 'red', `Completed with ${failed.length} error${failed.length === 1 ? '' : 's'} and ${warned.length} warning${warned.length === 1 ? '' : 's'}:`));
  }
  for (const r of [...failed, ...warned]) {
    const node = manifest.nodes[r.uniqueId];
    const where = `${r.file ?? node.originalFilePath}${r.line ? `:${r.line}` : ''}`;
    const kind = r.status === 'warn' ? 'Warning in' : r.status === 'fail' ? 'Failure in' : 'Error in';
    logger.info('');
    logger.info(`${kind} ${node.resourceType} ${node.name} (${where})`);
    logger.info(`  ${r.message}`);
  }
  const count = (...s: string[]) => results.filter((r) => s.includes(r.status)).length;
  logger.info('');
  logger.info(`Done. PASS=${count('success', 'pass')} WARN=${count('warn')} ERROR=${count('error', 'fail')} SKIP=${count('skipped')} TOTAL=${results.length}`);
}

/** Structural checks of the artifacts, used by tests and by the docs site before reading them. */
import { MANIFEST_SCHEMA, RUN_RESULTS_SCHEMA, type ManifestArtifact, type RunResultsArtifact } from './types.js';

const STATUSES = new Set(['success', 'error', 'skipped', 'pass', 'fail', 'warn']);

export function validateManifest(value: unknown): string[] {
  const errors: string[] = [];
  const m = value as ManifestArtifact;
  if (m?.metadata?.schemaVersion !== MANIFEST_SCHEMA) errors.push(`metadata.schemaVersion must be ${MANIFEST_SCHEMA}`);
  for (const key of ['nodes', 'sources', 'exposures', 'macros', 'docs', 'parentMap', 'childMap'] as const) {
    if (!m?.[key] || typeof m[key] !== 'object') errors.push(`${key} must be an object`);
  }
  for (const [id, node] of Object.entries(m?.nodes ?? {})) {
    if (node.uniqueId !== id) errors.push(`nodes.${id}.uniqueId does not match its key`);
    if (!['model', 'seed', 'test', 'snapshot'].includes(node.resourceType)) errors.push(`nodes.${id}.resourceType is invalid`);
    if (!Array.isArray(node.dependsOn?.nodes)) errors.push(`nodes.${id}.dependsOn.nodes must be a list`);
    for (const p of node.dependsOn?.nodes ?? []) if (!m.nodes[p] && !m.sources[p]) errors.push(`nodes.${id} depends on unknown ${p}`);
  }
  return errors;
}

export function validateRunResults(value: unknown): string[] {
  const errors: string[] = [];
  const r = value as RunResultsArtifact;
  if (r?.metadata?.schemaVersion !== RUN_RESULTS_SCHEMA) errors.push(`metadata.schemaVersion must be ${RUN_RESULTS_SCHEMA}`);
  if (!Array.isArray(r?.results)) errors.push('results must be a list');
  for (const [i, res] of (r?.results ?? []).entries()) {
    if (typeof res.uniqueId !== 'string') errors.push(`results[${i}].uniqueId missing`);
    if (!STATUSES.has(res.status)) errors.push(`results[${i}].status '${res.status}' is invalid`);
    if (typeof res.executionTime !== 'number') errors.push(`results[${i}].executionTime must be a number`);
  }
  return errors;
}

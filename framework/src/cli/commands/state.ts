/** `--state <dir>`: compare with an earlier manifest and run results for state: and result: selectors. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userError } from '../../errors/strata-error.js';
import type { StateContext } from '../../graph/select-nodes.js';
import type { Manifest, ManifestNode } from '../../manifest/types.js';
import type { ManifestArtifact, RunResultsArtifact } from '../../artifacts/types.js';

function fingerprint(node: ManifestNode): string {
  const body = 'checksum' in node ? node.checksum : '';
  const config = JSON.stringify(node.config);
  const rendered = 'renderedCode' in node ? node.renderedCode : '';
  return `${body}|${config}|${rendered}`;
}

export function readStateManifest(stateDir: string): ManifestArtifact {
  const manifestPath = join(stateDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw userError('E_ARGS', `--state ${stateDir}: no manifest.json there`, { hint: 'Point --state at the target folder of an earlier run (it holds manifest.json).' });
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestArtifact;
}

export function loadStateContext(stateDir: string, manifest: Manifest): StateContext {
  const old = readStateManifest(stateDir);
  const modified = new Set<string>();
  const added = new Set<string>();
  for (const [id, node] of Object.entries(manifest.nodes)) {
    const before = old.nodes[id];
    if (!before) {
      added.add(id);
      modified.add(id);
    } else if (fingerprint(before) !== fingerprint(node)) modified.add(id);
  }
  const results = new Map<string, string>();
  const resultsPath = join(stateDir, 'run_results.json');
  if (existsSync(resultsPath)) {
    const rr = JSON.parse(readFileSync(resultsPath, 'utf8')) as RunResultsArtifact;
    for (const r of rr.results) results.set(r.uniqueId, r.status);
  }
  return { modified, added, results };
}

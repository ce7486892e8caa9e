/** Resolve every ref()/source() to a unique id, with did-you-mean errors pointing at the call. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticBag } from '../errors/strata-error.js';
import { suggestName } from '../errors/strata-error.js';
import type { ExposureNode, Manifest, ManifestNode } from '../manifest/types.js';
import { lineOfRef, lineOfSource } from './source-lines.js';
import { nodeValues } from '../manifest/node-list.js';
import { exactArray } from '../arrays.js';

const REFERABLE = new Set(['model', 'seed', 'snapshot']);

export function resolveDependencies(manifest: Manifest, bag: DiagnosticBag, disabled: ManifestNode[], projectDir?: string): void {
  const byName = new Map<string, string>();
  const all = nodeValues(manifest.nodes);
  for (const node of all) if (REFERABLE.has(node.resourceType)) byName.set(node.name, node.uniqueId);
  const disabledNames = new Set(disabled.map((n) => n.name));
  const sourceIds = new Map<string, string>();
  for (const s of Object.values(manifest.sources)) sourceIds.set(`${s.sourceName}.${s.name}`, s.uniqueId);

  const rawOf = (node: ManifestNode | ExposureNode): string => {
    if ('rawCode' in node && node.resourceType !== 'test') return node.rawCode;
    if (!projectDir) return '';
    try {
      return readFileSync(join(projectDir, node.originalFilePath), 'utf8');
    } catch {
      return '';
    }
  };

  const nodes: Array<ManifestNode | ExposureNode> = [...all, ...Object.values(manifest.exposures)];
  for (const node of nodes) {
    if (node.resourceType === 'seed') continue;
    // The common case, one ref and no source (30k tests at 10k models): its list as it is.
    if (node.refs.length === 1 && node.sources.length === 0) {
      const id = byName.get(node.refs[0].name);
      if (id) {
        node.dependsOn.nodes = [id];
        continue;
      }
    }
    const deps: string[] = [];
    for (const ref of node.refs) {
      const id = byName.get(ref.name);
      if (id) {
        deps.push(id);
        continue;
      }
      const raw = rawOf(node);
      const line = ref.line ?? lineOfRef(raw, ref.name);
      if (disabledNames.has(ref.name)) {
        bag.add({ code: 'E_REF', file: node.originalFilePath, line, message: `${node.resourceType} '${node.name}' depends on '${ref.name}', which is disabled`, hint: `Enable '${ref.name}' (enabled: true) or disable '${node.name}' too.` });
        continue;
      }
      const guess = suggestName(ref.name, byName.keys());
      bag.add({
        code: 'E_REF', file: node.originalFilePath, line,
        message: `ref('${ref.name}') not found${node.resourceType === 'test' ? ` (test '${node.name}')` : ''}`,
        hint: guess ? `Did you mean '${guess}'?` : 'Create the model or seed, or fix the name.',
      });
    }
    for (const src of node.sources) {
      const id = sourceIds.get(`${src.source}.${src.table}`);
      if (id) {
        deps.push(id);
        continue;
      }
      const guess = suggestName(`${src.source}.${src.table}`, sourceIds.keys());
      bag.add({
        code: 'E_REF', file: node.originalFilePath, line: src.line ?? lineOfSource(rawOf(node), src.source, src.table),
        message: `source('${src.source}', '${src.table}') not found`,
        hint: guess ? `Did you mean source('${guess.split('.')[0]}', '${guess.split('.').slice(1).join('.')}')?` : 'Declare it under sources: in a schema YAML file.',
      });
    }
    node.dependsOn.nodes = unique(deps);
  }
}

/** `[...new Set(ids)]` without a Set for the short lists most nodes have (a test has one or two parents). */
function unique(ids: string[]): string[] {
  if (ids.length > 8) return [...new Set(ids)]; // a spread of a Set is exact already
  const out: string[] = [];
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return exactArray(out);
}

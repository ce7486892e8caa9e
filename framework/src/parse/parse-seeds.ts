/** Seeds: CSV files validated at parse time (ragged rows, encoding) with types resolved. */
import type { DiagnosticBag } from '../errors/strata-error.js';
import type { SeedNode } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { Candidate } from './candidate.js';
import type { DiscoveredFile } from './discover.js';
import { finaliseConfig, resolveFolderConfig } from './folder-config.js';
import { sha256 } from './macros.js';
import { readSeedFile } from './seed-file.js';
import { createHash } from 'node:crypto';

export interface ParseSeedsRequest {
  project: ProjectConfig;
  bag: DiagnosticBag;
  files: DiscoveredFile[];
}

export function parseSeeds(request: ParseSeedsRequest): Candidate<SeedNode>[] {
  const { project, bag } = request;
  const out: Candidate<SeedNode>[] = [];
  for (const file of request.files) {
    const name = file.pathInRoot.split('/').pop()!.replace(/\.csv$/, '');
    const fqn = [project.name, ...file.pathInRoot.split('/').slice(0, -1), name];
    const info = readSeedFile(file.absolutePath, file.path, (b) => createHash('sha256').update(b).digest('hex'));
    for (const d of info.diagnostics) bag.add(d);
    const folderConfig = resolveFolderConfig(project.seeds, fqn);
    const config = finaliseConfig(folderConfig, 'seed');
    out.push({
      node: {
        uniqueId: `seed.${project.name}.${name}`, resourceType: 'seed', name, packageName: project.name,
        originalFilePath: file.path, fqn, tags: config.tags, description: '', columns: {}, meta: {}, config,
        dependsOn: { nodes: [], macros: [] }, checksum: info.checksum || sha256(''),
        relation: { schema: '', identifier: name }, columnNames: info.columnNames, columnTypes: { ...info.inferredTypes }, rowCount: info.rowCount,
      },
      folderConfig,
      inlineConfig: {},
    });
  }
  return out;
}

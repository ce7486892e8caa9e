/** Models, snapshots and singular tests: SQL files rendered once with the parse context. */
import { readFileSync } from 'node:fs';
import type { DiagnosticBag } from '../errors/strata-error.js';
import { StrataError, suggestName } from '../errors/strata-error.js';
import type { ModelNode, SnapshotNode, TestNode } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { Candidate } from './candidate.js';
import type { DiscoveredFile } from './discover.js';
import { finaliseConfig, KNOWN_CONFIGS, mergeConfig, resolveFolderConfig } from './folder-config.js';
import { sha256 } from './macros.js';
import type { RenderRecord, RenderSession } from './template/render-session.js';
import { hashKey, type ParseCache } from './parse-cache.js';

export interface ParseSqlNodesRequest {
  project: ProjectConfig;
  session: RenderSession;
  bag: DiagnosticBag;
  kind: 'model' | 'snapshot' | 'test';
  files: DiscoveredFile[];
  cache?: ParseCache;
}

interface CachedRender {
  rendered: string;
  refs: RenderRecord['refs'];
  sources: RenderRecord['sources'];
  config: RenderRecord['config'];
  usesRuntime: boolean;
}

type SqlNode = ModelNode | SnapshotNode | TestNode;

const DEFAULT_MATERIALIZED = { model: 'view', snapshot: 'snapshot', test: 'test' } as const;

export function parseSqlNodes(request: ParseSqlNodesRequest): Candidate<SqlNode>[] {
  const { project, session, bag, kind } = request;
  const tree = kind === 'model' ? project.models : kind === 'snapshot' ? project.snapshots : project.tests;
  const out: Candidate<SqlNode>[] = [];
  for (const file of request.files) {
    const raw = readFileSync(file.absolutePath, 'utf8');
    const name = file.pathInRoot.split('/').pop()!.replace(/\.sql$/, '');
    const folders = file.pathInRoot.split('/').slice(0, -1);
    const fqn = [project.name, ...folders, name];
    const folderConfig = resolveFolderConfig(tree, fqn);
    const record = session.newRecord(file.path, name, folderConfig);
    const key = request.cache && !session.isVolatile(raw) ? hashKey('sql', kind, file.path, raw, JSON.stringify(folderConfig)) : undefined;
    const hit = key ? request.cache!.get<CachedRender>(key) : undefined;
    let rendered: string;
    try {
      if (hit) {
        rendered = hit.rendered;
        Object.assign(record, { refs: hit.refs, sources: hit.sources, config: hit.config, usesRuntime: hit.usesRuntime });
      } else {
        rendered = session.render(session.compile(raw, file.path), record);
        if (key) request.cache!.set(key, { rendered, refs: record.refs, sources: record.sources, config: record.config, usesRuntime: record.usesRuntime } satisfies CachedRender);
      }
    } catch (err) {
      if (err instanceof StrataError) {
        for (const d of err.diagnostics) bag.add(d);
        continue;
      }
      throw err;
    }
    for (const key of Object.keys(record.config)) {
      if (!KNOWN_CONFIGS.has(key)) {
        const guess = suggestName(key, KNOWN_CONFIGS);
        bag.add({ code: 'E_CONFIG', severity: 'warn', file: file.path, message: `Unknown config key '${key}'`, hint: guess ? `Did you mean '${guess}'?` : undefined });
      }
    }
    const config = finaliseConfig(mergeConfig(folderConfig, record.config), DEFAULT_MATERIALIZED[kind]);
    const base = {
      uniqueId: `${kind}.${project.name}.${name}`,
      name, packageName: project.name, originalFilePath: file.path, fqn, tags: config.tags,
      description: '', columns: {}, meta: {}, config,
      dependsOn: { nodes: [], macros: [] as string[] },
      rawCode: raw, checksum: sha256(raw), refs: record.refs, sources: record.sources, renderedCode: rendered,
    };
    let node: SqlNode;
    if (kind === 'test') node = { ...base, resourceType: 'test', testType: 'singular' };
    else node = { ...base, resourceType: kind, language: 'sql', relation: { schema: '', identifier: name }, usesRuntime: record.usesRuntime };
    out.push({ node, folderConfig, inlineConfig: record.config });
  }
  return out;
}

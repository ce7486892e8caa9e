/** Models, snapshots and singular tests: SQL files rendered once with the parse context. */
import type { DiagnosticBag } from '../errors/strata-error.js';
import { suggestName } from '../errors/strata-error.js';
import type { ModelNode, SnapshotNode, TestNode } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { Candidate } from './candidate.js';
import { contentDigest, readAheadOf, readDiscovered, type DiscoveredFile, type ReadAheadFiles } from './discover.js';
import { finaliseConfig, folderConfigResolver, KNOWN_CONFIGS, mergeConfig, ownFolderConfig } from './folder-config.js';
import { sha256 } from './macros.js';
import type { RenderSession } from './template/render-session.js';
import { renderJob, type RenderOutcome } from './render-pool.js';
import { hashKey, type ParseCache } from './parse-cache.js';
import { exactArray } from '../arrays.js';
import { flatString } from '../text.js';

export interface ParseSqlNodesRequest {
  project: ProjectConfig;
  session: RenderSession;
  bag: DiagnosticBag;
  kind: 'model' | 'snapshot' | 'test';
  files: DiscoveredFile[];
  cache?: ParseCache;
  /** Files already read, by absolute path (ParseOptions.texts). */
  texts?: ReadAheadFiles;
  /** Files read, and some rendered, ahead (parse-project.ts, render-pool.ts), by path. */
  prepared?: Map<string, PreparedSqlFile>;
}

/** A file read ahead: its text, folder config and cache key, and its render when one was made ahead (on either thread). */
export interface PreparedSqlFile {
  raw: string;
  folder: FolderConfig;
  key: string | undefined;
  outcome?: RenderOutcome;
}

/** A file's name, fqn and folder config, as the node will have them, with the config's JSON (for cache keys). */
export interface FolderConfig {
  name: string;
  fqn: string[];
  folderConfig: Record<string, unknown>;
  folderJson: string;
}

type CachedRender = Omit<Extract<RenderOutcome, { ok: true }>, 'ok'>;

/**
 * The parse cache key of a SQL file's render, and whether the render may be cached at all
 * (session.isVolatile). The text enters the key as its content digest: the project scan's when it
 * read this text, so a parse after a scan hashes no model text again.
 */
export function renderCacheKey(
  kind: string, file: DiscoveredFile, raw: string, folder: FolderConfig, session: RenderSession, cache?: ParseCache, texts?: ReadAheadFiles,
): { key: string | undefined; volatile: boolean } {
  const read = readAheadOf(file, raw, texts);
  const volatile = session.isVolatile(raw, read?.volatile);
  const key = cache && !volatile ? hashKey('sql', kind, file.path, read?.hash ?? contentDigest(raw), folder.folderJson) : undefined;
  return { key, volatile };
}

/**
 * The folder configs of one kind's files, for one parse: each folder's config (and its JSON) is
 * resolved once (folderConfigResolver), and each file gets its own copy of it (ownFolderConfig).
 */
export function folderConfigsOf(project: ProjectConfig, kind: 'model' | 'snapshot' | 'test'): (file: DiscoveredFile) => FolderConfig {
  const resolve = folderConfigResolver(kind === 'model' ? project.models : kind === 'snapshot' ? project.snapshots : project.tests);
  const json = new Map<Record<string, unknown>, string>();
  return (file) => {
    const slash = file.pathInRoot.lastIndexOf('/');
    const name = file.pathInRoot.slice(slash + 1).replace(/\.sql$/, '');
    const folders = slash < 0 ? [project.name] : [project.name, ...file.pathInRoot.slice(0, slash).split('/')];
    const shared = resolve(slash < 0 ? '' : file.pathInRoot.slice(0, slash + 1), folders, name);
    let folderJson = json.get(shared);
    if (folderJson === undefined) json.set(shared, (folderJson = JSON.stringify(shared)));
    return { name, fqn: exactArray([...folders, name]), folderConfig: ownFolderConfig(shared), folderJson };
  };
}

type SqlNode = ModelNode | SnapshotNode | TestNode;

const DEFAULT_MATERIALIZED = { model: 'view', snapshot: 'snapshot', test: 'test' } as const;

export function parseSqlNodes(request: ParseSqlNodesRequest): Candidate<SqlNode>[] {
  const { project, session, bag, kind } = request;
  const out: Candidate<SqlNode>[] = [];
  let folderOf: ReturnType<typeof folderConfigsOf> | undefined;
  for (const file of request.files) {
    const ahead = request.prepared?.get(file.path);
    const raw = ahead?.raw ?? readDiscovered(file, request.texts);
    const folder = ahead?.folder ?? (folderOf ??= folderConfigsOf(project, kind))(file);
    const { name, fqn, folderConfig } = folder;
    const key = ahead ? ahead.key : renderCacheKey(kind, file, raw, folder, session, request.cache, request.texts).key;
    const hit = key ? request.cache!.get<CachedRender>(key) : undefined;
    const outcome: RenderOutcome = hit ? { ok: true, ...hit } : ahead?.outcome ?? renderJob(session, { path: file.path, name, raw, folderConfig });
    if (!outcome.ok) {
      for (const d of outcome.diagnostics) bag.add(d);
      continue;
    }
    const { ok: _ok, ...render } = outcome;
    if (key && !hit) request.cache!.set(key, render satisfies CachedRender);
    const record = { config: render.config, refs: render.refs, sources: render.sources, usesRuntime: render.usesRuntime };
    const rendered = render.rendered;
    for (const key of Object.keys(record.config)) {
      if (!KNOWN_CONFIGS.has(key)) {
        const guess = suggestName(key, KNOWN_CONFIGS);
        bag.add({ code: 'E_CONFIG', severity: 'warn', file: file.path, message: `Unknown config key '${key}'`, hint: guess ? `Did you mean '${guess}'?` : undefined });
      }
    }
    const config = finaliseConfig(mergeConfig(folderConfig, record.config), DEFAULT_MATERIALIZED[kind]);
    // Built in one literal each (key order is the manifest's), not spread from a common base: 10k models.
    const uniqueId = flatString(`${kind}.${project.name}.${name}`);
    const checksum = sha256(raw);
    const node: SqlNode = kind === 'test'
      ? {
        uniqueId, name, packageName: project.name, originalFilePath: file.path, fqn, tags: config.tags,
        description: '', columns: {}, meta: {}, config, dependsOn: { nodes: [], macros: [] },
        rawCode: raw, checksum, refs: record.refs, sources: record.sources, renderedCode: rendered,
        resourceType: 'test', testType: 'singular',
      }
      : {
        uniqueId, name, packageName: project.name, originalFilePath: file.path, fqn, tags: config.tags,
        description: '', columns: {}, meta: {}, config, dependsOn: { nodes: [], macros: [] },
        rawCode: raw, checksum, refs: record.refs, sources: record.sources, renderedCode: rendered,
        resourceType: kind, language: 'sql', relation: { schema: '', identifier: name }, usesRuntime: record.usesRuntime,
      };
    out.push({ node, folderConfig, inlineConfig: record.config });
  }
  return out;
}

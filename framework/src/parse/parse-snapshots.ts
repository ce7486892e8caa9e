/**
 * Snapshots, in dbt's two spellings: `{% snapshot name %} ... {% endsnapshot %}` blocks in .sql
 * files under the snapshot paths (several per file; each block is rendered on its own, so its
 * ref()/source()/config() calls are its own), and dbt 1.9 YAML snapshots (a `snapshots:` entry
 * with `relation: ref('x')` or `source('s', 't')`, which snapshots `select * from` it).
 * Config is validated once every layer is merged (`finaliseSnapshot`, called by apply-schema).
 */
import { readFileSync } from 'node:fs';
import type { DiagnosticBag } from '../errors/strata-error.js';
import { StrataError, suggestName } from '../errors/strata-error.js';
import { snapshotConfigOf } from '../materialize/plan-snapshot.js';
import type { SnapshotNode } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import { parseYamlText } from '../project/yaml-file.js';
import type { Candidate } from './candidate.js';
import type { DiscoveredFile } from './discover.js';
import { finaliseConfig, KNOWN_CONFIGS, mergeConfig, resolveFolderConfig } from './folder-config.js';
import { sha256 } from './macros.js';
import { hashKey, type ParseCache } from './parse-cache.js';
import { lineOfMatch } from './source-lines.js';
import type { RenderRecord, RenderSession } from './template/render-session.js';

export interface ParseSnapshotsRequest {
  project: ProjectConfig;
  session: RenderSession;
  bag: DiagnosticBag;
  /** Files under the snapshot paths: .sql (blocks) and .yml/.yaml (YAML snapshots). */
  files: DiscoveredFile[];
  cache?: ParseCache;
}

export interface SnapshotBlock {
  name: string;
  /** The block's text, tags included. */
  text: string;
  /** The template between the tags. */
  body: string;
  /** 1-based line of the `{% snapshot %}` tag and of the body's first character. */
  line: number;
  bodyLine: number;
}

const OPEN = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}/g;
const OPEN_ANY = /\{%-?\s*snapshot\b[^%]*%\}/g;
const CLOSE = /\{%-?\s*endsnapshot\s*-?%\}/g;
/** Template calls that need a run-time render (record.usesRuntime also counts a mere read of `execute`). */
const RUNTIME_CALL = /\b(run_query|is_incremental)\s*\(|\{%-?\s*call\s+statement\b/;
const SNAPSHOT_SYNTAX = "{% snapshot my_snapshot %} {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }} select ... {% endsnapshot %}";

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Find every snapshot block of a file; malformed tags become diagnostics. */
export function extractSnapshotBlocks(source: string, file: string, bag: DiagnosticBag): SnapshotBlock[] {
  const blocks: SnapshotBlock[] = [];
  const named = new Set<number>();
  OPEN.lastIndex = 0;
  for (let open = OPEN.exec(source); open; open = OPEN.exec(source)) {
    named.add(open.index);
    const bodyStart = open.index + open[0].length;
    CLOSE.lastIndex = bodyStart;
    const close = CLOSE.exec(source);
    OPEN_ANY.lastIndex = bodyStart;
    const nextOpen = OPEN_ANY.exec(source);
    if (!close || (nextOpen && nextOpen.index < close.index)) {
      bag.add({ code: 'E_TEMPLATE', file, line: lineAt(source, open.index), message: `{% snapshot ${open[1]} %} is not closed`, hint: 'End the block with {% endsnapshot %} before the next one starts.' });
      if (!close) break;
      OPEN.lastIndex = nextOpen!.index;
      continue;
    }
    const end = close.index + close[0].length;
    blocks.push({ name: open[1], text: source.slice(open.index, end), body: source.slice(bodyStart, close.index), line: lineAt(source, open.index), bodyLine: lineAt(source, bodyStart) });
    OPEN.lastIndex = end;
  }
  OPEN_ANY.lastIndex = 0;
  for (let tag = OPEN_ANY.exec(source); tag; tag = OPEN_ANY.exec(source)) {
    if (!named.has(tag.index)) bag.add({ code: 'E_TEMPLATE', file, line: lineAt(source, tag.index), message: `Snapshot block without a valid name: ${tag[0]}`, hint: `Name it like a model: ${SNAPSHOT_SYNTAX}` });
  }
  return blocks;
}

interface CachedRender {
  rendered: string;
  refs: RenderRecord['refs'];
  sources: RenderRecord['sources'];
  config: RenderRecord['config'];
}

export function parseSnapshots(request: ParseSnapshotsRequest): Candidate<SnapshotNode>[] {
  const out: Candidate<SnapshotNode>[] = [];
  for (const file of request.files) {
    if (file.path.endsWith('.sql')) out.push(...parseSnapshotFile(request, file));
    else out.push(...parseYamlSnapshots(request, file));
  }
  return out;
}

interface SnapshotSource {
  file: DiscoveredFile;
  name: string;
  fqn: string[];
  /** Template to render (lines padded so template errors carry the file's line numbers). */
  template: string;
  /** What the node shows as its source, and what warehouse errors are mapped back into. */
  rawCode: string;
  checksum: string;
  /** A YAML snapshot: the line of its `relation:`, where ref()/source() errors point. */
  relationLine?: number;
}

/** Render one snapshot's template and make its candidate (null when the render failed). */
function buildCandidate(request: ParseSnapshotsRequest, src: SnapshotSource): Candidate<SnapshotNode> | null {
  const { project, session, bag } = request;
  const folderConfig = resolveFolderConfig(project.snapshots, src.fqn);
  const record = session.newRecord(src.file.path, src.name, folderConfig);
  const key = request.cache && !session.isVolatile(src.template) ? hashKey('snapshot', src.file.path, src.name, src.template, JSON.stringify(folderConfig)) : undefined;
  const hit = key ? request.cache!.get<CachedRender>(key) : undefined;
  let rendered: string;
  try {
    if (hit) {
      rendered = hit.rendered;
      Object.assign(record, { refs: hit.refs, sources: hit.sources, config: hit.config });
    } else {
      rendered = session.render(session.compile(src.template, src.file.path), record);
      if (key) request.cache!.set(key, { rendered, refs: record.refs, sources: record.sources, config: record.config } satisfies CachedRender);
    }
  } catch (err) {
    if (err instanceof StrataError) {
      for (const d of err.diagnostics) bag.add(d);
      return null;
    }
    throw err;
  }
  if (RUNTIME_CALL.test(src.template)) {
    // Run-time renders (run_query, is_incremental) re-render whole model files; a block cannot be yet.
    bag.add({ code: 'E_TEMPLATE', file: src.file.path, message: `Snapshot '${src.name}' reads run-time state (run_query, statement or is_incremental), which snapshots do not support`, hint: 'Compute the value in a model and select from it with ref().' });
    return null;
  }
  for (const configKey of Object.keys(record.config)) {
    if (!KNOWN_CONFIGS.has(configKey)) {
      const guess = suggestName(configKey, KNOWN_CONFIGS);
      bag.add({ code: 'E_CONFIG', severity: 'warn', file: src.file.path, message: `Unknown config key '${configKey}'`, hint: guess ? `Did you mean '${guess}'?` : undefined });
    }
  }
  const refs = src.relationLine ? record.refs.map((r) => ({ ...r, line: src.relationLine })) : record.refs;
  const sources = src.relationLine ? record.sources.map((s) => ({ ...s, line: src.relationLine })) : record.sources;
  const config = finaliseConfig(mergeConfig(folderConfig, record.config), 'snapshot');
  const node: SnapshotNode = {
    uniqueId: `snapshot.${project.name}.${src.name}`, resourceType: 'snapshot', name: src.name, packageName: project.name,
    originalFilePath: src.file.path, fqn: src.fqn, tags: config.tags, description: '', columns: {}, meta: {}, config,
    dependsOn: { nodes: [], macros: [] }, language: 'sql', rawCode: src.rawCode, checksum: src.checksum, refs, sources,
    relation: { schema: '', identifier: src.name }, renderedCode: rendered.trim(), usesRuntime: false,
  };
  return { node, folderConfig, inlineConfig: record.config };
}

/** A .sql file of snapshot blocks. dbt's fqn for snapshots includes the file name. */
function parseSnapshotFile(request: ParseSnapshotsRequest, file: DiscoveredFile): Candidate<SnapshotNode>[] {
  const { project, bag } = request;
  const raw = readFileSync(file.absolutePath, 'utf8');
  const blocks = extractSnapshotBlocks(raw, file.path, bag);
  if (blocks.length === 0) {
    if (!/\{%-?\s*snapshot\b/.test(raw)) {
      bag.add({
        code: 'E_TEMPLATE', file: file.path, line: 1, message: 'A file under the snapshot paths has no {% snapshot %} block',
        hint: `Wrap the select: ${SNAPSHOT_SYNTAX}, or define the snapshot in YAML (snapshots: - name: ..., relation: ref('model'), config: ...).`,
      });
    }
    return [];
  }
  let outside = raw;
  for (const block of blocks) outside = outside.replace(block.text, '');
  outside = outside.replace(/\{#[\s\S]*?#\}/g, '').replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  if (outside.trim()) {
    bag.add({ code: 'E_TEMPLATE', severity: 'warn', file: file.path, message: 'Text outside the {% snapshot %} blocks is ignored', hint: 'Move it inside a block or delete it.' });
  }
  const folders = file.pathInRoot.split('/').slice(0, -1);
  const stem = file.pathInRoot.split('/').pop()!.replace(/\.sql$/, '');
  const out: Candidate<SnapshotNode>[] = [];
  for (const block of blocks) {
    const candidate = buildCandidate(request, {
      file, name: block.name, fqn: [project.name, ...folders, stem, block.name],
      template: '\n'.repeat(block.bodyLine - 1) + block.body, rawCode: raw, checksum: sha256(block.text),
    });
    if (candidate) out.push(candidate);
  }
  return out;
}

/** dbt 1.9 snapshots defined in YAML: entries of `snapshots:` that have a `relation:`. */
function parseYamlSnapshots(request: ParseSnapshotsRequest, file: DiscoveredFile): Candidate<SnapshotNode>[] {
  const { project, bag } = request;
  const text = readFileSync(file.absolutePath, 'utf8');
  // Most schema files define none; skip parsing those (apply-schema reads them anyway).
  if (!/^\s*(-\s+)?relation\s*:/m.test(text)) return [];
  const parsed = parseYamlText(text, file.path);
  // Syntax errors are reported once, by apply-schema.
  const doc = parsed.value as { snapshots?: unknown } | null | undefined;
  if (parsed.diagnostics.length || !doc || !Array.isArray(doc.snapshots)) return [];
  const folders = file.pathInRoot.split('/').slice(0, -1);
  const out: Candidate<SnapshotNode>[] = [];
  doc.snapshots.forEach((entry: unknown, i: number) => {
    if (!entry || typeof entry !== 'object' || !('relation' in entry)) return;
    const { name, relation } = entry as { name?: unknown; relation?: unknown };
    if (typeof name !== 'string') return; // apply-schema reports an entry without a name
    const line = parsed.lineOf(['snapshots', i, 'relation']);
    const call = typeof relation === 'string' ? relation.trim().replace(/^\{\{\s*([\s\S]*?)\s*\}\}$/, '$1') : '';
    if (!/^(ref|source)\s*\([^)]*\)$/.test(call)) {
      bag.add({
        code: 'E_YAML', file: file.path, line, message: `Snapshot '${name}': relation must be ref('<model>') or source('<source>', '<table>'), not ${JSON.stringify(relation)}`,
        hint: "Write relation: ref('stg_orders'), or use a {% snapshot %} block for a custom select.",
      });
      return;
    }
    const template = `select * from {{ ${call} }}`;
    const candidate = buildCandidate(request, { file, name, fqn: [project.name, ...folders, name], template, rawCode: template, checksum: sha256(`${file.path}\0${template}`), relationLine: line });
    if (candidate) out.push(candidate);
  });
  return out;
}

/**
 * After every config layer is merged (apply-schema): validate the snapshot's config (errors
 * name the file, the block's line and the fix), and apply dbt's legacy `target_schema` /
 * `target_database`, which name the schema and database as written (no generate_schema_name).
 */
export function finaliseSnapshot(node: SnapshotNode, bag: DiagnosticBag): void {
  if (!node.config.enabled) return;
  try {
    snapshotConfigOf(node);
  } catch (err) {
    if (!(err instanceof StrataError)) throw err;
    const escaped = node.name.replace(/[$]/g, '\\$&');
    const line = /\.ya?ml$/.test(node.originalFilePath)
      ? undefined
      : lineOfMatch(node.rawCode, new RegExp(`\\{%-?\\s*snapshot\\s+${escaped}\\s*-?%\\}`));
    for (const d of err.diagnostics) bag.add({ ...d, line: d.line ?? line });
    return;
  }
  const { target_schema: schema, target_database: database } = node.config;
  if (typeof schema === 'string' && schema) node.relation = { ...node.relation, schema };
  if (typeof database === 'string' && database) node.relation = { ...node.relation, database };
}

/**
 * The incremental half of cli/fast-path.ts: only model bodies changed. Each changed model is
 * rendered again (old and new text) to prove its refs, sources, config() and run-time use are the
 * same; `compile` then compiles just those models, rewrites their compiled files and splices their
 * nodes and SQL into manifest.json. Loaded only when a model changed.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCompiledFileWriter, patchCompiledFiles } from '../artifacts/compiled-files.js';
import { ManifestReader, packedIndexOf, signatureOf, spliceManifest, type PackedIds, type Replacement, type StoredLayout } from '../artifacts/manifest-writer.js';
import { createCompiler } from '../compile/compiler.js';
import { DiagnosticBag, StrataError } from '../errors/strata-error.js';
import { redactSecrets } from '../log/redact.js';
import { isEphemeral, type Manifest, type ManifestNode, type ModelNode, type SourceNode } from '../manifest/types.js';
import { contentDigest, createDiscovery, lowerBoundByPath } from '../parse/discover.js';
import { resolveFolderConfig } from '../parse/folder-config.js';
import { sha256 } from '../parse/macros.js';
import { createProjectSession } from '../parse/project-session.js';
import {
  fileTableOf, hashEnvValue, loadManifestLayout, saveProjectState,
  type ArtifactState, type ProjectScan, type ProjectState,
} from '../parse/project-state.js';
import type { RenderSession } from '../parse/template/render-session.js';
import type { ProjectConfig } from '../project/types.js';
import type { CliArgs } from './args.js';
import { compiledMessage } from './commands/compile-command.js';
import { createAdapter } from './create-adapter.js';
import { argsKey, artifactsIntact, layoutIdOf, listFromState, printPreamble, restatDirs, underRoots, type FastPathIo } from './fast-path.js';

/** Say why (with --debug) and let the full parse answer. */
function declined(io: FastPathIo, reason: string): undefined {
  io.logger.debug(`Project state: parsing in full (${reason})`);
  return undefined;
}

interface EditedModel {
  id: string;
  node: ModelNode;
  sql?: string;
}

/** The byte range of `id`'s value (a handful of lookups: a search of the packed ids beats building a map of 40k). */
function rangeOf(ids: PackedIds, ranges: Float64Array, id: string): [number, number] | undefined {
  const i = packedIndexOf(ids, id);
  return i < 0 ? undefined : [ranges[2 * i], ranges[2 * i + 1]];
}

/** Models whose bodies changed: verify each render says the same about refs, sources and config; then answer. */
export async function bodiesChanged(args: CliArgs, io: FastPathIo, project: ProjectConfig, targetDir: string, state: ProjectState, scan: ProjectScan): Promise<number | undefined> {
  if (args.command !== 'compile' && args.command !== 'ls') return undefined;
  const a = state.artifacts;
  if (!a) return declined(io, 'no manifest written from this parse'); // the previous bodies are read from manifest.json
  if (args.command === 'compile' && (a.command !== 'compile' || a.argsKey !== argsKey(args))) return declined(io, 'the last manifest was not written by this command');
  if (args.command === 'compile' && args.select.length === 1 && a.compiledCount <= 2 && !args.quiet) return declined(io, 'compile prints the SQL');
  // Only files that are models and nothing else (not macros, tests, docs, seeds, snapshots).
  const inModels = underRoots(project.modelPaths);
  const inOthers = underRoots([...project.seedPaths, ...project.testPaths, ...project.macroPaths, ...project.snapshotPaths, ...project.docsPaths]);
  for (const path of scan.changed) {
    if (!path.endsWith('.sql') || !inModels(path) || inOthers(path)) return declined(io, `${path} changed`);
  }
  // Each model is found by its id (model.<project>.<file name>) in the manifest's layout.
  const layout = loadManifestLayout(targetDir, a.layoutId);
  if (!layout || !artifactsIntact(targetDir, a)) return declined(io, 'target/ changed since the last compile');
  const reader = new ManifestReader(join(targetDir, 'manifest.json'));
  try {
    if (reader.size() !== layout.size) return declined(io, 'manifest.json changed');
    return await verifyAndAnswer(args, io, project, targetDir, state, scan, layout, reader);
  } finally {
    reader.close();
  }
}

async function verifyAndAnswer(
  args: CliArgs, io: FastPathIo, project: ProjectConfig, targetDir: string, state: ProjectState, scan: ProjectScan,
  layout: StoredLayout, reader: ManifestReader,
): Promise<number | undefined> {
  const adapter = await createAdapter(project, args.threads);
  try {
    const sessionBag = new DiagnosticBag();
    // Its files from the scan's list (models/ is asked only for its .md files), not from a walk of 10k.
    const created = createProjectSession({ project, crossDb: adapter.dialect.macros, env: io.env, logger: io.logger, invocationId: randomUUID() }, sessionBag, createDiscovery(project.projectDir, scan.files));
    if (sessionBag.items.length) return declined(io, 'macros or docs report problems');
    const session = created.session;
    const edited: EditedModel[] = [];
    for (const path of scan.changed) {
      // The model a file defines is named after it; a disabled model's file (or another's) fails the path check below.
      const id = `model.${project.name}.${path.split('/').pop()!.replace(/\.sql$/, '')}`;
      const range = rangeOf(layout.nodeIds, layout.nodeRanges, id);
      if (!range) return declined(io, `${path} is not an enabled model`);
      const node = JSON.parse(reader.read(range)) as ModelNode;
      if (node.resourceType !== 'model' || node.originalFilePath !== path || isEphemeral(node)) return declined(io, `${path} is not a model or is ephemeral`);
      // A redacted body cannot be rendered again as it was.
      if (io.secrets.values.length && node.rawCode.includes('****')) return declined(io, `${path} was redacted`);
      const file = scan.files[lowerBoundByPath(scan.files, path)]; // the scan lists every changed path
      const raw = readFileSync(file.absolutePath, 'utf8');
      if (contentDigest(raw) !== file.hash) return declined(io, `${path} changed during the scan`);
      const folderConfig = resolveFolderConfig(project.models, node.fqn);
      const before = renderSignature(session, path, node.name, folderConfig, node.rawCode);
      const after = renderSignature(session, path, node.name, folderConfig, raw);
      if (!before || !after || before.signature !== after.signature) return declined(io, `${path}: refs, sources, config() or run-time use changed`);
      // The fields parseSqlNodes derives from the text; key order is kept (the object came from the file).
      node.rawCode = raw;
      node.checksum = sha256(raw);
      node.renderedCode = after.rendered;
      edited.push({ id, node });
    }
    const env = { ...state.env };
    for (const [name, value] of Object.entries(created.envReader.used)) env[name] = hashEnvValue(value);

    // The light node index holds nothing a body changes: ls answers from it.
    if (args.command === 'ls') return listFromState(args, io, targetDir, state, edited.length);
    return compileEdited(io, targetDir, state, scan, layout, reader, edited, session, adapter.dialect, env);
  } finally {
    await adapter.close();
  }
}

function renderSignature(session: RenderSession, file: string, name: string, folderConfig: Record<string, unknown>, raw: string): { rendered: string; signature: string } | undefined {
  const record = session.newRecord(file, name, folderConfig);
  try {
    const rendered = session.render(session.compile(raw, file), record);
    return { rendered, signature: JSON.stringify([record.refs, record.sources, record.config, record.usesRuntime]) };
  } catch (err) {
    if (err instanceof StrataError) return undefined;
    throw err;
  }
}

function compileEdited(
  io: FastPathIo, targetDir: string, state: ProjectState, scan: ProjectScan, layout: StoredLayout, reader: ManifestReader,
  edited: EditedModel[], session: RenderSession, dialect: Parameters<typeof createCompiler>[1], env: Record<string, string | null>,
): number | undefined {
  const a = state.artifacts!;
  const nodeRange = (id: string) => rangeOf(layout.nodeIds, layout.nodeRanges, id);
  const compiledRange = (id: string) => rangeOf(layout.compiledIds, layout.compiledRanges, id);
  const sources = JSON.parse(reader.read(layout.sources)) as Record<string, SourceNode>;

  // Compile each edited model against the nodes it refers to (read from the manifest as written).
  for (const e of edited) {
    if (!compiledRange(e.id)) continue;
    // Its parents, and the parents of ephemeral ones (inlined as CTEs), recursively.
    const nodes: Record<string, ManifestNode> = { [e.id]: e.node };
    const pending = [...e.node.dependsOn.nodes];
    while (pending.length) {
      const dep = pending.pop()!;
      if (nodes[dep]) continue;
      const range = nodeRange(dep);
      if (!range) continue; // a source
      const parent = JSON.parse(reader.read(range)) as ManifestNode;
      nodes[dep] = parent;
      if (isEphemeral(parent)) pending.push(...parent.dependsOn.nodes);
    }
    const mini: Manifest = { metadata: {} as Manifest['metadata'], nodes, sources, exposures: {}, macros: {}, docs: {}, parentMap: {}, childMap: {} };
    e.sql = createCompiler(mini, dialect, session).compile(e.node);
  }

  const changedSql = edited.filter((e) => e.sql !== undefined).map((e) => ({ node: e.node as ManifestNode, sql: e.sql! }));
  if (!patchCompiledFiles(targetDir, changedSql, io.secrets)) {
    const files = createCompiledFileWriter(targetDir, io.secrets);
    for (const { node, sql } of changedSql) files.add(node, sql);
    files.flush();
  }

  const metadata = JSON.parse(reader.read(layout.metadata)) as Record<string, unknown>;
  metadata.generatedAt = new Date().toISOString();
  const redact = (value: unknown) => redactSecrets(JSON.stringify(value), io.secrets);
  const metadataText = redact(metadata);
  const replacements: Replacement[] = [{ range: layout.metadata, text: metadataText }];
  for (const e of edited) {
    replacements.push({ range: nodeRange(e.id)!, text: redact(e.node) });
    if (e.sql !== undefined) replacements.push({ range: compiledRange(e.id)!, text: redact(e.sql) });
  }
  const manifestPath = join(targetDir, 'manifest.json');
  const next = spliceManifest(manifestPath, layout, replacements);
  const signature = signatureOf(manifestPath);
  const compiledDirs = restatDirs(targetDir, a.compiledDirs);
  if (signature && compiledDirs) {
    const artifacts: ArtifactState = {
      ...a, manifest: signature, metadataText, metadataRange: next.metadata, compiledDirs,
      compiledIndex: signatureOf(join(targetDir, 'compiled', '.index.json')), layoutId: layoutIdOf(signature, next),
    };
    // The light node index is unchanged (same names, configs, refs): state.lightId stays.
    saveProjectState(targetDir, { ...state, scannedAt: scan.startedAt, files: fileTableOf(scan.files), parseId: scan.parseId, env, artifacts }, { layout: next }, io.secrets);
  }
  printPreamble(io, state, edited.length);
  io.logger.info(compiledMessage(a.compiledCount, io.started));
  return 0;
}

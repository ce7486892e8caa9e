/**
 * `compile` and `ls` without a full parse, when the project state (parse/project-state.ts) proves
 * it unnecessary:
 *
 * - nothing changed: `compile` finds manifest.json and every compiled file as it left them and
 *   only reports; `ls` selects over the light node index.
 * - only the bodies of some models changed (same refs, sources, config() and run-time use, not
 *   ephemeral): those files are rendered again, and `compile` splices their new nodes and SQL into
 *   manifest.json and rewrites their compiled files; everything else is reused as written.
 *
 * Anything else (a macro, YAML, var, env var, target or framework change; a file added or
 * removed; a render that fails) falls back to the full parse, which also records a new state.
 * Every output is the one the full path would have produced (tests compare both).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { compiledDir } from '../artifacts/compiled-files.js';
import { forgetWrittenManifest, writtenManifest } from '../artifacts/write-artifacts.js';
import { sameSignature, signatureOf, storedLayout, type ManifestLayout, type StoredLayout } from '../artifacts/manifest-writer.js';
import { DiagnosticBag, formatDiagnostic } from '../errors/strata-error.js';
import type { Logger } from '../log/logger.js';
import type { SecretSet } from '../log/redact.js';
import type { ManifestNode } from '../manifest/types.js';
import {
  buildLightIndex, fileTableOf, hashEnvValue, hashText, lightManifest, lightNeighbours, loadLightIndex, loadListOutput, loadProjectState, saveListOutput, saveProjectState, sameEnv, scanProject, STATE_VERSION,
  type ArtifactState, type ProjectScan, type ProjectState,
} from '../parse/project-state.js';
import { loadProject } from '../project/load-project.js';
import { startRenderWorker, WORKER_THRESHOLD } from '../parse/render-pool.js';
import type { ProjectConfig } from '../project/types.js';
import type { CliArgs } from './args.js';
import { compiledMessage } from './commands/compile-command.js';
import { lsCommand } from './commands/ls-command.js';
import type { OpenProject, PreparedProject } from './open-project.js';

/** More changed models than this: a full parse (with the parse cache) is about as fast. */
const MAX_BODY_EDITS = 64;

/** The commands whose state this module records and reuses. */
export const STATEFUL_COMMANDS = new Set(['compile', 'ls', 'parse']);

export interface FastPathIo {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  secrets: SecretSet;
  started: number;
  out: (text: string) => void;
}

export function argsKey(args: CliArgs): string {
  return JSON.stringify({ command: args.command, select: args.select, exclude: args.exclude, resourceTypes: args.resourceTypes });
}

/** What the full path prints before a command's own output: the cache line (debug) and the warnings. */
export function printPreamble(io: FastPathIo, state: ProjectState, misses: number): void {
  io.logger.debug(misses ? `Project state: ${misses} changed model file(s) rendered again, the rest reused` : 'Project state: nothing changed, the previous parse reused');
  io.logger.debug(`Parse cache: ${Math.max(0, state.cacheEntries - misses)} hits, ${misses} misses`);
  for (const warning of state.warnings) io.logger.warn(formatDiagnostic(warning));
}

/** manifest.json and target/compiled are exactly as the state's compile left them. */
export function artifactsIntact(targetDir: string, a: ArtifactState): boolean {
  const path = join(targetDir, 'manifest.json');
  if (!sameSignature(signatureOf(path), a.manifest)) return false;
  const head = Buffer.alloc(a.metadataRange[1] - a.metadataRange[0]);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, head, 0, head.length, a.metadataRange[0]) !== head.length) return false;
  } finally {
    closeSync(fd);
  }
  if (head.toString('utf8') !== a.metadataText) return false;
  for (const [dir, mtime] of a.compiledDirs) {
    const st = signatureOf(join(targetDir, dir));
    if (!st || st.mtimeMs !== mtime) return false;
  }
  const index = signatureOf(join(targetDir, 'compiled', '.index.json'));
  return a.compiledIndex ? sameSignature(index, a.compiledIndex) : index === undefined;
}

/**
 * The folders under target/compiled that hold the nodes' files (and target/compiled itself):
 * `folders` when the file writer reported them (a worker found them while writing), else each
 * node's compiled folder.
 */
function compiledDirNames(targetDir: string, nodes: () => Iterable<ManifestNode>, folders?: string[]): string[] {
  const dirs = new Set<string>([join(targetDir, 'compiled')]);
  if (folders) for (const folder of folders) dirs.add(folder);
  else for (const node of nodes()) dirs.add(compiledDir(targetDir, node));
  return [...dirs].sort();
}

function compiledDirsOf(targetDir: string, dirs: string[]): Array<[string, number]> | undefined {
  const out: Array<[string, number]> = [];
  for (const dir of dirs) {
    const st = signatureOf(dir);
    if (!st) return undefined;
    out.push([relative(targetDir, dir), st.mtimeMs]);
  }
  return out;
}

export function restatDirs(targetDir: string, dirs: Array<[string, number]>): Array<[string, number]> | undefined {
  const out: Array<[string, number]> = [];
  for (const [dir] of dirs) {
    const st = signatureOf(join(targetDir, dir));
    if (!st) return undefined;
    out.push([dir, st.mtimeMs]);
  }
  return out;
}

export function layoutIdOf(signature: NonNullable<ReturnType<typeof signatureOf>>, layout: ManifestLayout | StoredLayout): string {
  return hashText(JSON.stringify(signature), String(layout.size), String(layout.nodeRanges.length / 2), String(layout.compiledRanges.length / 2));
}

/**
 * Try `compile` or `ls` from the project state. Returns the exit code when it answered, or what
 * it loaded and scanned for the full path (which then records a new state).
 */
export async function tryFastPath(args: CliArgs, io: FastPathIo): Promise<{ code?: number; prepared?: PreparedProject }> {
  // state:/result: selectors compare with another folder's artifacts, which the state does not cover.
  if (args.state) return {};
  const bag = new DiagnosticBag();
  let project: ProjectConfig;
  try {
    project = loadProject({ projectDir: args.projectDir, target: args.target, vars: args.vars, env: io.env, diagnostics: bag });
  } catch {
    return {}; // the full path reports it
  }
  const targetDir = join(project.projectDir, project.targetPath);
  forgetWrittenManifest(targetDir);
  const previous = loadProjectState(targetDir);
  let scan: ProjectScan;
  try {
    scan = scanProject(project, io.secrets, previous);
  } catch {
    return { prepared: { bag, project, previousState: previous } };
  }
  const prepared: PreparedProject = { bag, project, scan, previousState: previous };
  if (args.command === 'parse') return fullParse(prepared);
  if (!previous || previous.key !== scan.key || scan.volatile || !sameEnv(previous, io.env)) return fullParse(prepared);
  if (scan.added.length || scan.removed.length || scan.changed.length > MAX_BODY_EDITS) return fullParse(prepared);
  try {
    const code = scan.changed.length === 0
      ? unchanged(args, io, targetDir, previous, scan)
      : await (await import('./fast-path-edit.js')).bodiesChanged(args, io, project, targetDir, previous, scan);
    if (code !== undefined) return { code };
  } catch (err) {
    io.logger.debug(`Incremental ${args.command} fell back to a full parse: ${(err as Error)?.message ?? String(err)}`);
  }
  return { prepared };
}

/**
 * A full parse follows: start its render worker now if the project has enough models for one, so
 * the worker loads while this thread reads and keys the files (parse-project.ts uses or stops it).
 */
async function fullParse(prepared: PreparedProject): Promise<{ prepared: PreparedProject }> {
  const { project, scan } = prepared;
  let models = 0;
  const inModels = underRoots(project.modelPaths);
  for (const file of scan?.files ?? []) if (file.path.endsWith('.sql') && inModels(file.path)) models++;
  if (models >= WORKER_THRESHOLD) {
    (await import('./v8-tuning.js')).tuneForLargeParse(); // before the worker starts: its compiles use the same settings
    prepared.renderWorker = startRenderWorker();
  }
  return { prepared };
}

/**
 * Whether a project-relative path lies under one of the configured folders (`models`,
 * `./models/`, `.`): the folders are normalised once, not for each of 10k paths.
 */
export function underRoots(roots: readonly string[]): (path: string) => boolean {
  const prefixes = roots.map((root) => root.replace(/^\.\/+/, '').replace(/\/+$/, ''));
  if (prefixes.some((r) => r === '.' || r === '')) return () => true;
  return (path) => prefixes.some((r) => path.startsWith(`${r}/`));
}

function unchanged(args: CliArgs, io: FastPathIo, targetDir: string, state: ProjectState, scan: ProjectScan): number | undefined {
  let code: number | undefined;
  if (args.command === 'compile') {
    const a = state.artifacts;
    if (!a || a.command !== 'compile' || a.argsKey !== argsKey(args)) return undefined;
    if (args.select.length === 1 && a.compiledCount <= 2 && !args.quiet) return undefined; // prints the SQL: full path
    if (!artifactsIntact(targetDir, a)) return undefined;
    printPreamble(io, state, 0);
    io.logger.info(compiledMessage(a.compiledCount, io.started));
    code = 0;
  } else if (args.command === 'ls') {
    code = listFromState(args, io, targetDir, state, 0);
    if (code === undefined) return undefined;
  } else {
    return undefined;
  }
  // Racy files were checked by content and found unchanged: remember them as settled.
  if (scan.racyChecked > 0) saveProjectState(targetDir, { ...state, scannedAt: scan.startedAt, files: fileTableOf(scan.files) }, {}, io.secrets);
  return code;
}

/**
 * `ls` over the light node index (never the manifest): what it printed for the same selection
 * over the same index, or a selection made now with the code a full parse uses.
 */
export function listFromState(args: CliArgs, io: FastPathIo, targetDir: string, state: ProjectState, misses: number): number | undefined {
  const key = JSON.stringify({ select: args.select, exclude: args.exclude, resourceTypes: args.resourceTypes, output: args.output });
  let texts = loadListOutput(targetDir, state.lightId, key);
  if (!texts) {
    const light = loadLightIndex(targetDir, state.lightId);
    if (!light) return undefined;
    const manifest = lightManifest(light, { schemaVersion: '', strataVersion: '', generatedAt: '', projectName: '', targetName: '', adapterType: '' });
    const graph = lightNeighbours(light, manifest);
    // Select first (a bad selector falls back to the full path, which reports it), print after.
    const written: string[] = [];
    const code = lsCommand({ manifest, graph } as OpenProject, args, (text) => written.push(text));
    if (code !== 0) return undefined;
    texts = written;
    saveListOutput(targetDir, state.lightId!, key, texts, io.secrets);
  }
  printPreamble(io, state, misses);
  for (const text of texts) io.out(text);
  return 0;
}

/**
 * After a full parse and a successful command: record the state (and the manifest layout, if
 * this process wrote manifest.json) so the next command can skip parsing.
 */
export function recordProjectState(open: OpenProject, args: CliArgs, secrets: SecretSet): void {
  try {
    recordState(open, args, secrets);
  } catch {
    // Without a state the next command parses in full.
  }
}

/**
 * The part of the state that needs neither the compiled files nor the index, computed ahead (the
 * compile calls this while its worker still writes files): the light node index. The compiled
 * files' folders come from that worker when it is done (`OpenProject.compiledFolders`).
 */
export function prepareProjectState(open: OpenProject): void {
  try {
    open.statePrepared = { light: buildLightIndex(open.manifest) };
  } catch {
    open.statePrepared = undefined;
  }
}

function recordState(open: OpenProject, args: CliArgs, secrets: SecretSet): void {
  const scan = open.scan;
  if (!scan || scan.volatile) return;
  const previous = open.previousState;
  const written = writtenManifest(open.targetDir);
  // `ls` writes no manifest: record only when the parse is new (keep a compile's artifacts otherwise).
  if (!written && previous && previous.parseId === scan.parseId && previous.key === scan.key) return;
  const env: Record<string, string | null> = { ...(previous?.key === scan.key ? previous.env : {}), ...(open.parsed.cacheStats?.env ?? {}) };
  for (const [name, value] of Object.entries(open.parsed.envVarsUsed)) env[name] = hashEnvValue(value);
  const prepared = open.statePrepared;
  const light = prepared ? prepared.light : buildLightIndex(open.manifest);
  if (!light) return;
  let artifacts: ArtifactState | undefined;
  if (written && (args.command === 'compile' || args.command === 'parse')) {
    const dirNames = compiledDirNames(open.targetDir, () => written.layout.compiledIds.map((id) => open.manifest.nodes[id]).filter(Boolean), open.compiledFolders);
    const compiledDirs = written.hasCompiled ? compiledDirsOf(open.targetDir, dirNames) : [];
    if (compiledDirs) {
      const layoutId = layoutIdOf(written.signature, written.layout);
      artifacts = {
        command: args.command, argsKey: argsKey(args), manifest: written.signature, metadataText: written.metadataText,
        metadataRange: written.layout.metadata, compiledCount: open.compiledCount ?? 0, compiledDirs,
        compiledIndex: signatureOf(join(open.targetDir, 'compiled', '.index.json')), layoutId,
      };
    }
  }
  const cache = open.parsed.cacheStats;
  const state: ProjectState = {
    version: STATE_VERSION, key: scan.key, scannedAt: scan.startedAt, files: fileTableOf(scan.files), parseId: scan.parseId, env,
    warnings: open.parsed.warnings, cacheEntries: cache ? cache.hits + cache.misses : 0, lightId: hashText('light', scan.parseId, String(Date.now())), artifacts,
  };
  saveProjectState(open.targetDir, state, { light, layout: artifacts ? storedLayout(written!.layout) : undefined }, secrets);
}

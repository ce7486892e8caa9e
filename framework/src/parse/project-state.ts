/**
 * The project state (`target/strata-state.bin`, with `strata-nodes.bin` and `strata-layout.bin`): what the last full
 * parse saw, so a command can tell cheaply that nothing changed (or only the bodies of a few
 * models) and skip parsing.
 *
 * Never stale. The state is keyed by the framework version and code, the resolved project
 * configuration (vars, target, folder configs), the project file's text and the secrets in the
 * environment, plus the values of every env var a template read. Every file under the project's
 * folders (models, seeds, tests, macros, snapshots, docs: all of them, whatever their extension)
 * is listed with its size, mtime, ctime, inode and content hash; a file whose stat differs is
 * hashed again, and so is one whose mtime was too close to the scan to trust ("racy", as in git).
 * Anything new, gone or different means a full parse.
 */
import { createHash } from 'node:crypto';
import { digestBytes, digestParts } from '../hash.js';
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { fileStat, openFileStat } from './file-stat.js';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { walkFiles } from './discover.js';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../artifacts/write-artifacts.js';
import type { FileSignature, StoredLayout } from '../artifacts/manifest-writer.js';
import type { Diagnostic } from '../errors/strata-error.js';
import type { SecretSet } from '../log/redact.js';
import type { AnyNode, Manifest, ManifestNode, NodeConfig } from '../manifest/types.js';
import { allNodes, rememberAllNodes, type Neighbours } from '../graph/select-nodes.js';
import type { ProjectConfig } from '../project/types.js';
import { STRATA_VERSION } from '../version.js';
import { VOLATILE } from './template/volatile.js';
import { hashValue } from './parse-cache.js';
import { joinedWith } from '../text.js';
import { nodeValues } from '../manifest/node-list.js';

/** Version 2: the manifest layout's ids stored packed (artifacts/manifest-writer.ts, StoredLayout). */
export const STATE_VERSION = 2;
const STATE_FILE = 'strata-state.bin';
const LIGHT_FILE = 'strata-nodes.bin';
const LAYOUT_FILE = 'strata-layout.bin';
const LIST_FILE = 'strata-ls.bin';
/** `ls` outputs kept per light index (the most recent selections). */
const LIST_ENTRIES = 8;
/** A file modified this close (ms) to the scan that read it may change again without its stat changing. */
const RACY_MS = 2000;

export interface FileTable {
  paths: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
  ctimes: Float64Array;
  inos: Float64Array;
  hashes: string[];
  /** 1 when the file mentions invocation_id, run_started_at or modules.datetime. */
  volatile: Uint8Array;
}

/** The compile (or parse) that wrote target/manifest.json from this state's parse. */
export interface ArtifactState {
  command: string;
  argsKey: string;
  manifest: FileSignature;
  /** The manifest's metadata value as written: the file must start with it. */
  metadataText: string;
  metadataRange: [number, number];
  compiledCount: number;
  /** Folders under target/compiled (relative to the target folder) with their mtimes: a file deleted or added changes them. */
  compiledDirs: Array<[string, number]>;
  compiledIndex?: FileSignature;
  layoutId: string;
}

export interface ProjectState {
  version: number;
  key: string;
  /** Date.now() when the scan began (before any file was read). */
  scannedAt: number;
  files: FileTable;
  parseId: string;
  /** Env var name -> hash of the value templates saw (null = unset). */
  env: Record<string, string | null>;
  /** Warnings the parse printed (project file and parse). */
  warnings: Diagnostic[];
  /** Renders and schema files the parse cache served or stored. */
  cacheEntries: number;
  /** The light node index (strata-nodes.bin) of this parse; kept when only model bodies change. */
  lightId?: string;
  artifacts?: ArtifactState;
}

/** Repeated values stored once: `table[index[i]]` (-1 for none). */
export interface InternedColumn {
  table: string[];
  index: Int32Array;
}

/**
 * Just enough of every node for node selection (`ls`): no SQL, columns or descriptions. Repeated
 * values (types, packages, files, tags, configs, fqn folders) are stored once, so loading 40k
 * nodes allocates little.
 */
export interface LightIndex {
  nodeCount: number;
  sourceCount: number;
  ids: string[];
  names: string[];
  types: InternedColumn;
  packages: InternedColumn;
  paths: InternedColumn;
  /** JSON lists. */
  tags: InternedColumn;
  /** JSON objects. */
  configs: InternedColumn;
  /** The fqn without its last part, as JSON lists. */
  fqnHeads: InternedColumn;
  /** The last part of the fqn when it is not the node's name. */
  fqnLasts: Array<string | null>;
  /** dependsOn.nodes as indexes into ids: depIds[depStart[i] .. depStart[i + 1]). */
  depStart: Int32Array;
  depIds: Int32Array;
  testTypes: InternedColumn;
  testNames: InternedColumn;
  sourceNames: InternedColumn;
}

/** The value of row i of an interned column (after `decode`). */
function columnValue<T>(column: InternedColumn, decoded: T[], i: number): T | undefined {
  const k = column.index[i];
  return k < 0 ? undefined : decoded[k];
}

interface LightFile {
  version: number;
  lightId: string;
  light: LightIndex;
}

interface LayoutFile {
  version: number;
  layoutId: string;
  layout: StoredLayout;
}

export interface ScannedFile {
  /** Relative to the project folder, forward slashes. */
  path: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
  volatile: boolean;
  /** The text the scan read (files it hashed), for the parse that follows: not stored in the state. */
  text?: string;
}

export interface ProjectScan {
  key: string;
  startedAt: number;
  files: ScannedFile[];
  parseId: string;
  /** Against the previous state: paths whose content changed, appeared or disappeared. */
  changed: string[];
  added: string[];
  removed: string[];
  /** Files that were racy in the previous state and were checked by content. */
  racyChecked: number;
  volatile: boolean;
}

export function hashText(...parts: Array<string | Uint8Array>): string {
  if (parts.every((p) => typeof p === 'string')) return digestParts('sha1', parts as string[], 'base64');
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('base64');
}

/** Same hash as the parse cache's, so its env map joins this state's. */
export const hashEnvValue = hashValue;

let codeKeyCache: string | undefined;

/**
 * The framework's own code (size and mtime of every module under framework/src, built or not):
 * a rebuilt framework never trusts a state written by another build, even at one version.
 */
export function frameworkCodeKey(): string {
  if (codeKeyCache) return codeKeyCache;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const parts: string[] = [];
  walkFiles(root, '', (abs, rel, name) => {
    if (!/\.(js|ts|mjs|cjs|json)$/.test(name)) return;
    const st = fileStat(abs);
    if (st) parts.push(`${rel}:${st.size}:${st.mtimeMs}`);
  });
  // The libraries that decide what a template or a YAML file means.
  const require = createRequire(import.meta.url);
  for (const name of ['nunjucks', 'yaml']) {
    try {
      parts.push(`${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    } catch {
      parts.push(`${name}@?`);
    }
  }
  codeKeyCache = hashText(STRATA_VERSION, ...parts.sort());
  return codeKeyCache;
}

/** The key every state entry depends on: framework, resolved project, project file text, secrets. */
export function projectKey(project: ProjectConfig, secrets: SecretSet): string {
  let projectFile = '';
  try {
    projectFile = readFileSync(join(project.projectDir, project.configFile), 'utf8');
  } catch {
    projectFile = '\0missing';
  }
  return hashText(`state${STATE_VERSION}`, STRATA_VERSION, frameworkCodeKey(), JSON.stringify(project), projectFile, JSON.stringify(secrets.values));
}

/** The project's folders, each once (a folder inside another is walked with it). */
function projectRoots(project: ProjectConfig): string[] {
  const roots = [...new Set([...project.modelPaths, ...project.seedPaths, ...project.testPaths, ...project.macroPaths, ...project.snapshotPaths, ...project.docsPaths])];
  return roots.sort();
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Every file under the project's folders (dot-entries skipped, as discovery does), sorted by path,
 * with its stat; with `read`, also its hash and text, the stat then taken from the open file (one
 * lookup of the path, not two: a scan without a previous state reads every file anyway).
 */
function listFiles(project: ProjectConfig, read = false): ScannedFile[] {
  const seen = new Map<string, ScannedFile>();
  const dir = project.projectDir;
  for (const root of projectRoots(project)) {
    const absRoot = join(dir, root);
    walkFiles(absRoot, toPosix(relative(dir, absRoot)), (abs, path) => {
      if (seen.has(path)) return;
      const file = read ? readScanned(abs, path) : undefined;
      if (file) {
        seen.set(path, file);
        return;
      }
      const st = fileStat(abs);
      if (!st) throw new Error(`vanished while scanning: ${path}`);
      const scanned: ScannedFile = { path, absolutePath: abs, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, hash: '', volatile: false };
      if (read) Object.assign(scanned, readAndHash(abs));
      seen.set(path, scanned);
    });
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A regular file read whole, with its stat, hash and text; undefined when it cannot be read so (the caller stats it). */
function readScanned(abs: string, path: string): ScannedFile | undefined {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = openFileStat(fd);
    if (!st.isFile) return undefined;
    const { hash, volatile, text } = readContent(fd, st.size);
    return { path, absolutePath: abs, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, hash, volatile, text };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The content of an open file, as readFileSync reads it (its first `size` bytes, fewer at its
 * end): hashText's hash of its bytes (read with room for the NUL that hash appends), whether it
 * is volatile, and its text.
 */
function readContent(fd: number, size: number): { hash: string; volatile: boolean; text: string } {
  const buffer = Buffer.allocUnsafe(size + 1);
  let used = 0;
  while (used < size) {
    const n = readSync(fd, buffer, used, size - used, null);
    if (n === 0) break;
    used += n;
  }
  buffer[used] = 0;
  const text = buffer.toString('utf8', 0, used);
  return { hash: digestBytes('sha1', buffer.subarray(0, used + 1), 'base64'), volatile: VOLATILE.test(text), text };
}

function readAndHash(abs: string): { hash: string; volatile: boolean; text?: string } {
  try {
    const fd = openSync(abs, 'r');
    try {
      return readContent(fd, openFileStat(fd).size);
    } finally {
      closeSync(fd);
    }
  } catch {
    // A folder named like a file, or no permission: its stat stands in for its content.
    return { hash: '\0unreadable', volatile: true };
  }
}

/**
 * The files the scan read, by absolute path: the parse reads their texts instead of the files
 * again, so it parses exactly the content whose hashes the state records, and keys its cache by
 * those hashes.
 */
export function scannedTexts(scan: ProjectScan | undefined): Map<string, ScannedFile> | undefined {
  if (!scan) return undefined;
  const texts = new Map<string, ScannedFile>();
  for (const f of scan.files) if (f.text !== undefined) texts.set(f.absolutePath, f);
  return texts;
}

/**
 * Scan the project: stat every file; hash the ones whose stat changed since `previous` (or all,
 * without one), and the racy ones. Throws if the tree changes under the scan.
 */
export function scanProject(project: ProjectConfig, secrets: SecretSet, previous?: ProjectState): ProjectScan {
  const startedAt = Date.now();
  const key = projectKey(project, secrets);
  const usable = previous && previous.key === key ? previous : undefined;
  // Without a usable state every file is read and hashed: while it is listed.
  const files = listFiles(project, !usable);
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  let racyChecked = 0;
  const fill = (f: ScannedFile) => {
    const { hash, volatile, text } = readAndHash(f.absolutePath);
    f.hash = hash;
    f.volatile = volatile;
    f.text = text;
  };
  if (usable) {
    // Both lists are sorted by path: walk them side by side.
    const t = usable.files;
    const racyAfter = usable.scannedAt - RACY_MS;
    let i = 0;
    for (const f of files) {
      while (i < t.paths.length && t.paths[i] < f.path) removed.push(t.paths[i++]);
      if (i >= t.paths.length || t.paths[i] !== f.path) {
        fill(f);
        added.push(f.path);
        continue;
      }
      const sameStat = t.sizes[i] === f.size && t.mtimes[i] === f.mtimeMs && t.ctimes[i] === f.ctimeMs && t.inos[i] === f.ino;
      const racy = t.mtimes[i] >= racyAfter || t.ctimes[i] >= racyAfter;
      if (sameStat && !racy) {
        f.hash = t.hashes[i];
        f.volatile = t.volatile[i] === 1;
      } else {
        if (sameStat) racyChecked++;
        fill(f);
        if (f.hash !== t.hashes[i]) changed.push(f.path);
      }
      i++;
    }
    while (i < t.paths.length) removed.push(t.paths[i++]);
  }
  // The same paths with the same hashes under the same key: the previous id (what hashing them again gives).
  const same = usable !== undefined && changed.length === 0 && added.length === 0 && removed.length === 0;
  const parseId = same ? usable.parseId : hashText(key, files.map((f) => `${f.path}\0${f.hash}`).join('\0'));
  return { key, startedAt, files, parseId, changed, added, removed, racyChecked, volatile: files.some((f) => f.volatile) };
}

/** True when every env var the previous parse's templates read still has the value they saw. */
export function sameEnv(state: ProjectState, env: NodeJS.ProcessEnv): boolean {
  return Object.entries(state.env).every(([name, hash]) => hashEnvValue(env[name]) === hash);
}

export function fileTableOf(files: ScannedFile[]): FileTable {
  // The numbers in one loop: TypedArray.from with a mapping function costs ~6 ms for 10k files. The
  // lists by map (packed: v8.serialize writes an array with holes entry by entry).
  const n = files.length;
  const table: FileTable = {
    paths: files.map((f) => f.path), sizes: new Float64Array(n), mtimes: new Float64Array(n), ctimes: new Float64Array(n),
    inos: new Float64Array(n), hashes: files.map((f) => f.hash), volatile: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = files[i];
    table.sizes[i] = f.size;
    table.mtimes[i] = f.mtimeMs;
    table.ctimes[i] = f.ctimeMs;
    table.inos[i] = f.ino;
    table.volatile[i] = f.volatile ? 1 : 0;
  }
  return table;
}

export function loadProjectState(targetDir: string): ProjectState | undefined {
  try {
    const state = deserialize(readFileSync(join(targetDir, STATE_FILE))) as ProjectState;
    return state && state.version === STATE_VERSION ? state : undefined;
  } catch {
    return undefined;
  }
}

export function loadLightIndex(targetDir: string, lightId: string | undefined): LightIndex | undefined {
  if (!lightId) return undefined;
  try {
    const file = deserialize(readFileSync(join(targetDir, LIGHT_FILE))) as LightFile;
    return file && file.version === STATE_VERSION && file.lightId === lightId ? file.light : undefined;
  } catch {
    return undefined;
  }
}

export function loadManifestLayout(targetDir: string, layoutId: string | undefined): StoredLayout | undefined {
  if (!layoutId) return undefined;
  try {
    const file = deserialize(readFileSync(join(targetDir, LAYOUT_FILE))) as LayoutFile;
    return file && file.version === STATE_VERSION && file.layoutId === layoutId ? file.layout : undefined;
  } catch {
    return undefined;
  }
}

interface ListMemo {
  version: number;
  lightId: string;
  entries: Array<{ key: string; texts: string[] }>;
}

/**
 * What `ls` printed for a selection over this light index (selection and output read nothing
 * else), newest first.
 */
export function loadListOutput(targetDir: string, lightId: string | undefined, key: string): string[] | undefined {
  if (!lightId) return undefined;
  try {
    const memo = deserialize(readFileSync(join(targetDir, LIST_FILE))) as ListMemo;
    if (!memo || memo.version !== STATE_VERSION || memo.lightId !== lightId) return undefined;
    return memo.entries.find((e) => e.key === key)?.texts;
  } catch {
    return undefined;
  }
}

export function saveListOutput(targetDir: string, lightId: string, key: string, texts: string[], secrets: SecretSet): void {
  if (secrets.values.length) return; // printed text could hold one; nothing under target/ may
  try {
    let entries: ListMemo['entries'] = [];
    try {
      const memo = deserialize(readFileSync(join(targetDir, LIST_FILE))) as ListMemo;
      if (memo?.version === STATE_VERSION && memo.lightId === lightId) entries = memo.entries.filter((e) => e.key !== key);
    } catch {
      entries = [];
    }
    entries = [{ key, texts }, ...entries].slice(0, LIST_ENTRIES);
    writeFileAtomic(join(targetDir, LIST_FILE), serialize({ version: STATE_VERSION, lightId, entries } satisfies ListMemo));
  } catch {
    // only costs time
  }
}

/** True when `text` holds none of the secrets (nothing under target/ may hold one). */
function freeOfSecrets(text: string, secrets: SecretSet): boolean {
  return !secrets.values.some((s) => text.includes(s));
}

export function removeProjectState(targetDir: string): void {
  for (const name of [STATE_FILE, LIGHT_FILE, LAYOUT_FILE, LIST_FILE]) rmSync(join(targetDir, name), { force: true });
}

/**
 * Write the state; `light` and `layout` (when given) first, under the ids the state names
 * (state.lightId, state.artifacts.layoutId): a reader pairs the files by those ids.
 */
export function saveProjectState(targetDir: string, state: ProjectState, files: { light?: LightIndex; layout?: StoredLayout }, secrets: SecretSet): void {
  try {
    if (secrets.values.length) {
      const visible = JSON.stringify([state.warnings, state.env, files.light]);
      if (!freeOfSecrets(visible, secrets)) {
        removeProjectState(targetDir);
        return;
      }
    }
    if (files.light && state.lightId) writeFileAtomic(join(targetDir, LIGHT_FILE), serialize({ version: STATE_VERSION, lightId: state.lightId, light: files.light } satisfies LightFile));
    if (files.layout && state.artifacts) writeFileAtomic(join(targetDir, LAYOUT_FILE), serialize({ version: STATE_VERSION, layoutId: state.artifacts.layoutId, layout: files.layout } satisfies LayoutFile));
    writeFileAtomic(join(targetDir, STATE_FILE), serialize(state));
  } catch {
    // A state that cannot be written only costs time on the next run.
    try {
      removeProjectState(targetDir);
    } catch {
      // nothing more to do
    }
  }
}

/** An InternedColumn filled row by row (rows in order, so the table lists values in order of first appearance). */
class ColumnBuilder {
  readonly table: string[] = [];
  readonly index: Int32Array;
  private readonly at = new Map<string, number>();

  constructor(rows: number) {
    this.index = new Int32Array(rows);
  }

  set(row: number, value: string | undefined): void {
    if (value === undefined) {
      this.index[row] = -1;
      return;
    }
    let k = this.at.get(value);
    if (k === undefined) {
      k = this.table.push(value) - 1;
      this.at.set(value, k);
    }
    this.index[row] = k;
  }

  column(): InternedColumn {
    return { table: this.table, index: this.index };
  }
}

/** The selection-relevant part of every node, sources and exposures, in allNodes order (one pass over the nodes). */
export function buildLightIndex(manifest: Manifest): LightIndex | undefined {
  // Nodes share config and tags objects (generic tests do): each is serialised once.
  const json = new Map<object, string>();
  const jsonOnce = (value: object): string => {
    let text = json.get(value);
    if (text === undefined) json.set(value, (text = JSON.stringify(value)));
    return text;
  };
  const nodeList = nodeValues(manifest.nodes) as AnyNode[];
  const sourceCount = Object.keys(manifest.sources).length;
  const all: AnyNode[] = nodeList.concat(Object.values(manifest.sources), Object.values(manifest.exposures));
  const count = all.length;
  // Positions of what nodes depend on: tests (30k of 40k at 10k models) only if a node names one.
  const position = new Map<string, number>();
  for (let i = 0; i < count; i++) if (all[i].resourceType !== 'test') position.set(all[i].uniqueId, i);
  let withTests = false;
  const positionOf = (id: string): number | undefined => {
    const at = position.get(id);
    if (at !== undefined || withTests) return at;
    withTests = true;
    for (let i = 0; i < count; i++) if (all[i].resourceType === 'test' && !position.has(all[i].uniqueId)) position.set(all[i].uniqueId, i);
    return position.get(id);
  };
  const depStart = new Int32Array(count + 1);
  const deps: number[] = [];
  for (let i = 0; i < count; i++) {
    depStart[i] = deps.length;
    for (const dep of all[i].dependsOn.nodes) {
      const at = positionOf(dep);
      if (at === undefined) return undefined; // not representable; ls parses in full
      deps.push(at);
    }
  }
  depStart[count] = deps.length;
  const ids: string[] = [];
  const names: string[] = [];
  const fqnLasts: Array<string | null> = [];
  const columns = {
    types: new ColumnBuilder(count), packages: new ColumnBuilder(count), paths: new ColumnBuilder(count), tags: new ColumnBuilder(count),
    configs: new ColumnBuilder(count), fqnHeads: new ColumnBuilder(count), testTypes: new ColumnBuilder(count), testNames: new ColumnBuilder(count),
    sourceNames: new ColumnBuilder(count),
  };
  // Neighbouring nodes mostly share their fqn's folders: the previous head's JSON is reused when equal.
  let previousHead: string[] = [];
  let previousHeadJson = '[]';
  for (let i = 0; i < count; i++) {
    const n = all[i];
    ids.push(n.uniqueId);
    names.push(n.name);
    columns.types.set(i, n.resourceType);
    columns.packages.set(i, n.packageName);
    columns.paths.set(i, n.originalFilePath);
    columns.tags.set(i, jsonOnce(n.tags));
    columns.configs.set(i, jsonOnce(n.config));
    const fqn = n.fqn;
    const headLength = Math.max(fqn.length - 1, 0);
    let same = headLength === previousHead.length;
    for (let k = 0; same && k < headLength; k++) same = fqn[k] === previousHead[k];
    if (!same) {
      previousHead = fqn.slice(0, -1);
      previousHeadJson = JSON.stringify(previousHead);
    }
    columns.fqnHeads.set(i, previousHeadJson);
    fqnLasts.push(fqn.length && fqn[fqn.length - 1] === n.name ? null : fqn.length ? fqn[fqn.length - 1] : '\0none');
    columns.testTypes.set(i, n.resourceType === 'test' ? n.testType : undefined);
    columns.testNames.set(i, n.resourceType === 'test' ? n.testMetadata?.name : undefined);
    columns.sourceNames.set(i, n.resourceType === 'source' ? n.sourceName : undefined);
  }
  return {
    nodeCount: nodeList.length,
    sourceCount,
    ids,
    names,
    types: columns.types.column(),
    packages: columns.packages.column(),
    paths: columns.paths.column(),
    tags: columns.tags.column(),
    configs: columns.configs.column(),
    fqnHeads: columns.fqnHeads.column(),
    fqnLasts,
    depStart,
    depIds: Int32Array.from(deps),
    testTypes: columns.testTypes.column(),
    testNames: columns.testNames.column(),
    sourceNames: columns.sourceNames.column(),
  };
}

const EMPTY_MACROS: string[] = [];
const NO_KWARGS: Record<string, unknown> = {};

/** The decoded tables of a light index, shared by its nodes. */
interface LightTables {
  index: LightIndex;
  tags: string[][];
  configs: NodeConfig[];
  heads: string[][];
  headTexts: string[];
  testMetadata: Array<{ name: string; kwargs: Record<string, unknown> }>;
}

/**
 * A node of a light index: the fields node selection and `ls` read, each read from the index's
 * columns when asked (a node is two fields: 40k nodes are made for every new selection, and most
 * of their fields are never read). `fqn` and `dependsOn` are built when first read.
 */
class LightNode {
  private fqnValue?: string[];
  private dependsOnValue?: { nodes: string[]; macros: string[] };

  constructor(
    private readonly t: LightTables,
    private readonly at: number,
  ) {}

  /** The index this node is read from, and its position there (lightNeighbours). */
  get index(): LightIndex {
    return this.t.index;
  }

  get position(): number {
    return this.at;
  }

  get uniqueId(): string {
    return this.t.index.ids[this.at];
  }

  get name(): string {
    return this.t.index.names[this.at];
  }

  get resourceType(): string | undefined {
    return columnValue(this.t.index.types, this.t.index.types.table, this.at);
  }

  get packageName(): string | undefined {
    return columnValue(this.t.index.packages, this.t.index.packages.table, this.at);
  }

  get originalFilePath(): string | undefined {
    return columnValue(this.t.index.paths, this.t.index.paths.table, this.at);
  }

  get tags(): string[] | undefined {
    return columnValue(this.t.index.tags, this.t.tags, this.at);
  }

  get config(): NodeConfig | undefined {
    return columnValue(this.t.index.configs, this.t.configs, this.at);
  }

  get testType(): string | undefined {
    return columnValue(this.t.index.testTypes, this.t.index.testTypes.table, this.at);
  }

  get testMetadata(): { name: string; kwargs: Record<string, unknown> } | undefined {
    return this.testType === undefined ? undefined : columnValue(this.t.index.testNames, this.t.testMetadata, this.at);
  }

  get sourceName(): string | undefined {
    return columnValue(this.t.index.sourceNames, this.t.index.sourceNames.table, this.at);
  }

  get fqn(): string[] {
    if (!this.fqnValue) {
      const last = this.t.index.fqnLasts[this.at];
      const head = columnValue(this.t.index.fqnHeads, this.t.heads, this.at) ?? [];
      this.fqnValue = last === '\0none' ? [] : [...head, last ?? this.name];
    }
    return this.fqnValue;
  }

  /** `fqn.join('.')` without building the list: what `ls` prints for each selected node. */
  get fqnText(): string {
    const last = this.t.index.fqnLasts[this.at];
    if (last === '\0none') return '';
    const k = this.t.index.fqnHeads.index[this.at];
    const head = k < 0 ? '' : this.t.headTexts[k];
    return head ? `${head}.${last ?? this.name}` : (last ?? this.name);
  }

  get dependsOn(): { nodes: string[]; macros: string[] } {
    if (!this.dependsOnValue) {
      const { ids, depStart, depIds } = this.t.index;
      const nodes: string[] = [];
      for (let k = depStart[this.at]; k < depStart[this.at + 1]; k++) nodes.push(ids[depIds[k]]);
      this.dependsOnValue = { nodes, macros: EMPTY_MACROS };
    }
    return this.dependsOnValue;
  }
}

/**
 * A manifest of light nodes for selection: every field node selection and `ls` read, nothing
 * else (no SQL, columns or descriptions). Tags and configs are shared between nodes: read only.
 */
export function lightManifest(index: LightIndex, metadata: Manifest['metadata']): Manifest {
  const heads = index.fqnHeads.table.map((h) => JSON.parse(h) as string[]);
  const tables: LightTables = {
    index,
    tags: index.tags.table.map((t) => JSON.parse(t) as string[]),
    configs: index.configs.table.map((c) => JSON.parse(c) as NodeConfig),
    heads,
    headTexts: heads.map((h) => joinedWith(h, '.')),
    testMetadata: index.testNames.table.map((name) => ({ name, kwargs: NO_KWARGS })),
  };
  const sources: Manifest['sources'] = {};
  const exposures: Manifest['exposures'] = {};
  // The index lists nodes in allNodes order, so this is the map allNodes would build.
  const all = new Map<string, AnyNode>();
  const made: AnyNode[] = new Array(index.nodeCount);
  const { ids } = index;
  for (let i = 0; i < ids.length; i++) {
    const node = new LightNode(tables, i) as unknown as AnyNode;
    if (i < index.nodeCount) made[i] = node;
    else if (i < index.nodeCount + index.sourceCount) sources[ids[i]] = node as unknown as Manifest['sources'][string];
    else exposures[ids[i]] = node as unknown as Manifest['exposures'][string];
    all.set(ids[i], node);
  }
  // `nodes` is made when first read: `ls` reads the nodes through allNodes' map and never needs
  // an object with 40k ids added as properties (20-30 ms at 10k models).
  let nodes: Record<string, ManifestNode> | undefined;
  const manifest: Manifest = {
    metadata,
    get nodes(): Record<string, ManifestNode> {
      if (nodes === undefined) {
        nodes = {};
        for (let i = 0; i < index.nodeCount; i++) nodes[ids[i]] = made[i] as ManifestNode;
      }
      return nodes;
    },
    set nodes(value: Record<string, ManifestNode>) {
      nodes = value;
    },
    sources, exposures, macros: {}, docs: {}, parentMap: {}, childMap: {},
  };
  rememberAllNodes(manifest, all);
  return manifest;
}

/**
 * The neighbour lists of a light index, for node selection (all it reads of a graph): the same
 * parents and children as the graph a full parse builds, answered from the index's arrays
 * without building a graph. The index comes from a parse whose graph had no cycle.
 */
export function lightNeighbours(index: LightIndex, manifest?: Manifest): Neighbours {
  const { ids, depStart, depIds } = index;
  // An id's position: from the light manifest's id map when given (lightManifest of this index),
  // else from a map of its own (a later id replacing an earlier one, as in both).
  const known = manifest ? allNodes(manifest) : undefined;
  let own: Map<string, number> | undefined;
  const position = {
    get(id: string): number | undefined {
      if (known) {
        const node = known.get(id);
        return node instanceof LightNode && node.index === index ? node.position : undefined;
      }
      if (!own) {
        own = new Map();
        for (let i = 0; i < ids.length; i++) own.set(ids[i], i);
      }
      return own.get(id);
    },
  };
  // Children as a second compressed list: count, prefix sums, fill.
  const childStart = new Int32Array(ids.length + 1);
  for (let k = 0; k < depIds.length; k++) childStart[depIds[k] + 1]++;
  for (let i = 0; i < ids.length; i++) childStart[i + 1] += childStart[i];
  const childIds = new Int32Array(depIds.length);
  const fill = childStart.slice(0, ids.length);
  for (let i = 0; i < ids.length; i++) for (let k = depStart[i]; k < depStart[i + 1]; k++) childIds[fill[depIds[k]]++] = i;
  const list = (start: Int32Array, items: Int32Array, id: string): string[] => {
    const at = position.get(id);
    if (at === undefined) return [];
    const out = new Set<string>(); // a node listed twice as a parent is one edge, as in the graph
    for (let k = start[at]; k < start[at + 1]; k++) out.add(ids[items[k]]);
    return [...out];
  };
  return {
    inNeighbors: (id) => list(depStart, depIds, id),
    outNeighbors: (id) => list(childStart, childIds, id),
    // select-nodes.ts's walk from many starts at once, over positions: a mark per node instead of
    // a set of ids, and no list of ids per node (`tag:x+` reaches 30k nodes at 10k models).
    reach(starts, direction, depth) {
      const [start, items] = direction === 'in' ? [depStart, depIds] : [childStart, childIds];
      const seen = new Uint8Array(ids.length);
      let frontier: number[] = [];
      for (const id of starts) {
        const at = position.get(id);
        if (at !== undefined && !seen[at]) {
          seen[at] = 1;
          frontier.push(at);
        }
      }
      const found: string[] = [];
      for (let level = 0; level < depth && frontier.length; level++) {
        const next: number[] = [];
        for (const at of frontier) {
          for (let k = start[at]; k < start[at + 1]; k++) {
            const n = items[k];
            if (seen[n]) continue;
            seen[n] = 1;
            next.push(n);
            found.push(ids[n]);
          }
        }
        frontier = next;
      }
      return found;
    },
  };
}

/** Find a project's files: one recursive walk per configured folder, sorted for stable ids. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { digestParts } from '../hash.js';

export interface DiscoveredFile {
  /** Absolute path. */
  absolutePath: string;
  /** Relative to the project root, forward slashes. */
  path: string;
  /** Relative to the search root (e.g. `staging/stg_sales.sql` under `models/`), forward slashes. */
  pathInRoot: string;
  root: string;
}

/**
 * A file as the project scan read it (parse/project-state.ts, ScannedFile): its text, its content
 * digest (`contentDigest` of the text, for a UTF-8 file) and whether VOLATILE matches the text.
 */
export interface ReadAhead {
  text?: string;
  hash: string;
  volatile: boolean;
}

/** Files already read (the project scan's), by absolute path. */
export type ReadAheadFiles = ReadonlyMap<string, ReadAhead>;

/** A discovered file's text: the one already read for it (the project scan's, by absolute path) or read now. */
export function readDiscovered(file: DiscoveredFile, texts?: ReadAheadFiles): string {
  return texts?.get(file.absolutePath)?.text ?? readFileSync(file.absolutePath, 'utf8');
}

/**
 * What the scan found of `raw`, when `raw` is the text it read for this file (the parse cache's
 * keys then take the scan's digest instead of hashing the text again).
 */
export function readAheadOf(file: DiscoveredFile, raw: string, texts?: ReadAheadFiles): ReadAhead | undefined {
  const read = texts?.get(file.absolutePath);
  return read !== undefined && read.text === raw ? read : undefined;
}

/**
 * The digest of a file's content: SHA-1 of its UTF-8 text and a NUL, the hash the project scan
 * records for the file's bytes (so keys built from either agree for every UTF-8 file; for other
 * bytes they differ, which only costs a cache miss).
 */
export function contentDigest(text: string): string {
  return digestParts('sha1', [text], 'base64');
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Every file below `dir` (dot-entries skipped; a missing folder has none), depth first, as
 * (absolute path, path relative to the start joined with `/`, name). Names are joined by hand:
 * path.join/relative per file cost more than the walk at 10k files.
 */
export function walkFiles(dir: string, relDir: string, visit: (abs: string, rel: string, name: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = `${dir}${sep}${entry.name}`;
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walkFiles(abs, rel, visit);
    else visit(abs, rel, entry.name);
  }
}

/**
 * A project's files by folder, each root walked (and sorted) once: a parse lists models/ for its
 * SQL, YAML and docs files alike.
 */
export interface Discovery {
  /**
   * The files under `roots` (relative to the project folder) whose names end with one of
   * `extensions`, sorted by path. The objects are shared between calls: do not change them.
   */
  files(roots: string[], extensions: string[]): DiscoveredFile[];
}

const byPath = (a: DiscoveredFile, b: DiscoveredFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The index of the first entry of `list` (sorted by path) whose path is not below `path`: where
 * `path` is or would be; the paths under a folder prefix are one run from there.
 */
export function lowerBoundByPath(list: ReadonlyArray<{ path: string }>, path: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].path < path) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `listed`: the files the project scan has just listed, sorted by path (project-state.ts walks the
 * same folders with walkFiles): a root's files are taken from it instead of walking the root
 * again (~20 ms at 10k models, before the render worker has its first jobs). The files under a
 * root are one run of the list, and only those with an asked extension become objects: the
 * incremental compile's render session asks models/ for its `.md` files, not for 10k models.
 */
export function createDiscovery(projectDir: string, listed?: ReadonlyArray<{ path: string; absolutePath: string }>): Discovery {
  const walked = new Map<string, DiscoveredFile[]>();
  const relOf = (root: string) => toPosix(relative(projectDir, join(projectDir, root)));
  const walk = (root: string): DiscoveredFile[] => {
    let list = walked.get(root);
    if (list === undefined) {
      list = [];
      const found = list;
      // Relative paths are built by joining names (path.relative per file costs more than the walk).
      const rootRel = relOf(root);
      walkFiles(join(projectDir, root), '', (abs, pathInRoot) => {
        found.push({ absolutePath: abs, path: rootRel ? `${rootRel}/${pathInRoot}` : pathInRoot, pathInRoot, root });
      });
      list.sort(byPath);
      walked.set(root, list);
    }
    return list;
  };
  /** From the list: a root's files made once each (by index in the list), as they are asked for. */
  const made = new Map<string, Array<DiscoveredFile | undefined>>();
  const fromList = (list: ReadonlyArray<{ path: string; absolutePath: string }>, root: string, extensions: string[], out: DiscoveredFile[]) => {
    const rootRel = relOf(root);
    const prefix = rootRel ? `${rootRel}/` : '';
    let files = made.get(root);
    if (files === undefined) made.set(root, (files = []));
    for (let i = lowerBoundByPath(list, prefix); i < list.length && list[i].path.startsWith(prefix); i++) {
      const { path, absolutePath } = list[i];
      if (!extensions.some((ext) => path.endsWith(ext))) continue;
      out.push((files[i] ??= { absolutePath, path, pathInRoot: path.slice(prefix.length), root }));
    }
  };
  return {
    files(roots, extensions) {
      const out: DiscoveredFile[] = [];
      for (const root of roots) {
        if (listed) fromList(listed, root, extensions, out);
        else for (const file of walk(root)) if (extensions.some((ext) => file.path.endsWith(ext))) out.push(file);
      }
      // One root's files are in order already; several are merged as one sort of all would order them.
      return roots.length > 1 ? out.sort(byPath) : out;
    },
  };
}

/** Find a project's files: one recursive walk per configured folder, sorted for stable ids. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface DiscoveredFile {
  /** Absolute path. */
  absolutePath: string;
  /** Relative to the project root, forward slashes. */
  path: string;
  /** Relative to the search root (e.g. `staging/stg_sales.sql` under `models/`), forward slashes. */
  pathInRoot: string;
  root: string;
}

/** A discovered file's text: the one already read for it (the project scan's, by absolute path) or read now. */
export function readDiscovered(file: DiscoveredFile, texts?: Map<string, string>): string {
  return texts?.get(file.absolutePath) ?? readFileSync(file.absolutePath, 'utf8');
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** List files under `roots` (relative to projectDir) whose names end with one of `extensions`. */
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

export function discoverFiles(projectDir: string, roots: string[], extensions: string[]): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  for (const root of roots) {
    const absRoot = join(projectDir, root);
    // Relative paths are built by joining names (path.relative per file costs more than the walk).
    const rootRel = toPosix(relative(projectDir, absRoot));
    walkFiles(absRoot, '', (abs, pathInRoot, name) => {
      if (extensions.some((ext) => name.endsWith(ext))) {
        out.push({ absolutePath: abs, path: rootRel ? `${rootRel}/${pathInRoot}` : pathInRoot, pathInRoot, root });
      }
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

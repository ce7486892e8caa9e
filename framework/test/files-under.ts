/**
 * Files under a folder for tests that read "every template / YAML file of the repository":
 * sorted absolute paths; installed, built and generated folders (node_modules, dist, target,
 * data) and dot entries are skipped, as is a folder that cannot be read.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeSyntheticProject } from '../../scripts/bench/synthetic-project.js';

const SKIPPED = new Set(['node_modules', 'dist', 'target', 'data']);

export function filesUnder(dir: string, matches: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      if (SKIPPED.has(name) || name.startsWith('.')) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (matches(name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** The texts of the files under `dir` that match, in filesUnder's order. */
export function textsUnder(dir: string, matches: (name: string) => boolean): string[] {
  return filesUnder(dir, matches).map((path) => readFileSync(path, 'utf8'));
}

/**
 * The files that match in a project of `models` models as the benchmark generator writes it
 * (scripts/bench/synthetic-project.ts): their paths in the project and their texts. The project
 * is written to a temporary folder, removed before this returns.
 */
export function syntheticProjectFiles(models: number, matches: (name: string) => boolean): Array<{ path: string; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-synthetic-'));
  try {
    writeSyntheticProject({ dir, models });
    return filesUnder(dir, matches).map((path) => ({ path: relative(dir, path), text: readFileSync(path, 'utf8') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Files under a folder for tests that read "every template / YAML file of the repository":
 * sorted absolute paths; installed, built and generated folders (node_modules, dist, target,
 * data) and dot entries are skipped, as is a folder that cannot be read.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

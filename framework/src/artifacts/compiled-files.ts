/**
 * target/compiled/: one SQL file per compiled node. An index of content hashes lets a warm run
 * skip the files whose SQL did not change (writing 40k small files costs seconds).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ManifestNode } from '../manifest/types.js';
import { redactSecrets, type SecretSet } from '../log/redact.js';
import { writeFileAtomic } from './write-artifacts.js';

/** target/compiled/<project>/<path of the node's file>[/<test name>.sql]; a snapshot is <its folder>/<name>.sql (a file may hold several). */
export function compiledPath(targetDir: string, node: ManifestNode): string {
  const base = join(targetDir, 'compiled', node.packageName, node.originalFilePath);
  if (node.resourceType === 'snapshot') return join(dirname(base), `${node.name}.sql`);
  return node.resourceType === 'test' && node.testType === 'generic' ? join(base.replace(/\.ya?ml$/, ''), `${node.name}.sql`) : base;
}

export interface CompiledFileWriter {
  add(node: ManifestNode, sql: string): void;
  /** Write what changed and save the index; returns how many files were written. */
  flush(): number;
}

export function createCompiledFileWriter(targetDir: string, secrets: SecretSet): CompiledFileWriter {
  const indexPath = join(targetDir, 'compiled', '.index.json');
  let index: Record<string, string> = {};
  try {
    index = JSON.parse(readFileSync(indexPath, 'utf8')) as Record<string, string>;
  } catch {
    index = {};
  }
  const pending = new Map<string, string>();
  return {
    add(node, sql) {
      pending.set(compiledPath(targetDir, node), redactSecrets(sql, secrets));
    },
    flush() {
      const made = new Set<string>();
      let written = 0;
      let indexDropped = false;
      for (const [path, sql] of pending) {
        const key = relative(targetDir, path);
        const hash = createHash('sha1').update(sql).digest('base64');
        if (index[key] === hash && existsSync(path)) continue;
        const dir = dirname(path);
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        if (!indexDropped) {
          // Files are written in place: if the run dies mid-write, no stale index may vouch for a
          // half-written file (it would be skipped as unchanged later). Without an index the next
          // run rewrites them all.
          rmSync(indexPath, { force: true });
          indexDropped = true;
        }
        try {
          writeFileSync(path, sql);
        } catch (err) {
          (err as NodeJS.ErrnoException).path ??= path; // ENOSPC on write names no file
          throw err;
        }
        index[key] = hash;
        written++;
      }
      pending.clear();
      if (written > 0) writeFileAtomic(indexPath, JSON.stringify(index));
      return written;
    },
  };
}

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

/**
 * Rewrite the compiled files of a few nodes (the incremental compile), patching their hashes into
 * the index text in place rather than parsing an index of 40k entries: the result is the index a
 * writer would save. Returns false, having changed nothing, when the index lacks one of them.
 */
export function patchCompiledFiles(targetDir: string, items: Array<{ node: ManifestNode; sql: string }>, secrets: SecretSet): boolean {
  const indexPath = join(targetDir, 'compiled', '.index.json');
  let index: string;
  try {
    index = readFileSync(indexPath, 'utf8');
  } catch {
    return false;
  }
  const edits: Array<{ at: number; hash: string; path: string; sql: string; same: boolean }> = [];
  for (const { node, sql } of items) {
    const path = compiledPath(targetDir, node);
    const text = redactSecrets(sql, secrets);
    const hash = createHash('sha1').update(text).digest('base64');
    // `"key":"<28 characters of base64>"`; a key is found only at its own opening quote.
    const needle = `${JSON.stringify(relative(targetDir, path))}:"`;
    const found = index.indexOf(needle);
    const at = found + needle.length;
    if (found < 0 || index[at + hash.length] !== '"') return false;
    edits.push({ at, hash, path, sql: text, same: index.slice(at, at + hash.length) === hash && existsSync(path) });
  }
  if (edits.every((e) => e.same)) return true;
  rmSync(indexPath, { force: true }); // as flush: no index may vouch for a half-written file
  for (const e of edits) {
    if (e.same) continue;
    mkdirSync(dirname(e.path), { recursive: true });
    try {
      writeFileSync(e.path, e.sql);
    } catch (err) {
      (err as NodeJS.ErrnoException).path ??= e.path;
      throw err;
    }
    index = index.slice(0, e.at) + e.hash + index.slice(e.at + e.hash.length);
  }
  writeFileAtomic(indexPath, index);
  return true;
}


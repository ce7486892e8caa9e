/**
 * target/compiled/: one SQL file per compiled node. An index of content hashes lets a warm run
 * skip the files whose SQL did not change (writing 40k small files costs seconds).
 */
import * as crypto from 'node:crypto';
import { digestText } from '../hash.js';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as pathModule from 'node:path';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ManifestNode } from '../manifest/types.js';
import { redactSecrets, type SecretSet } from '../log/redact.js';
import { writeFileAtomic } from './write-artifacts.js';

/** target/compiled/<project>/<path of the node's file>[/<test name>.sql]; a snapshot is <its folder>/<name>.sql (a file may hold several). */
export function compiledPath(targetDir: string, node: ManifestNode): string {
  const base = compiledBase(targetDir, node);
  if (node.resourceType === 'snapshot') return join(dirname(base), `${node.name}.sql`);
  if (node.resourceType !== 'test' || node.testType !== 'generic') return base;
  // The tests of one schema file share a folder: joined once, then a plain name is appended.
  const folder = compiledFolderOf(base);
  return PLAIN_NAME.test(node.name) ? `${folder}${pathModule.sep}${node.name}.sql` : join(folder, `${node.name}.sql`);
}

/** The folder of a node's compiled file (compiledPath's dirname). */
export function compiledDir(targetDir: string, node: ManifestNode): string {
  const generic = node.resourceType === 'test' && node.testType === 'generic';
  if (generic && PLAIN_NAME.test(node.name)) return compiledFolderOf(compiledBase(targetDir, node));
  // A model's (or singular test's) compiled path is its base: the folder is memoised with it.
  if (!generic && node.resourceType !== 'snapshot') return folderOfBase(compiledBase(targetDir, node));
  return dirname(compiledPath(targetDir, node));
}

/** A test name that joins as it is (no separator, not `.` or `..`). */
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/**
 * Memo of the joined paths (40k nodes come from ~10k files), by target dir, package and file:
 * nested maps keyed by the node's own strings, so a lookup builds no key string.
 */
const joined = new Map<string, Map<string, Map<string, string>>>();
/** Memo of compiledFolderOf, by base path. */
const folders = new Map<string, string>();
let joinedCount = 0;

function compiledBase(targetDir: string, node: ManifestNode): string {
  let byPackage = joined.get(targetDir);
  if (byPackage === undefined) joined.set(targetDir, (byPackage = new Map()));
  let byFile = byPackage.get(node.packageName);
  if (byFile === undefined) byPackage.set(node.packageName, (byFile = new Map()));
  let base = byFile.get(node.originalFilePath);
  if (base === undefined) {
    base = joinUnder(targetDir, node.packageName, node.originalFilePath);
    if (++joinedCount > 200_000) {
      // a long-lived process compiling many projects
      joined.clear();
      folders.clear();
      baseFolders.clear();
      joinedCount = 0;
    }
    byFile.set(node.originalFilePath, base);
  }
  return base;
}

/** `join(targetDir, 'compiled', packageName)`, by target dir and package. */
const compiledRoots = new Map<string, string>();

/**
 * A path that joins as it is: relative, with `/` separators (POSIX), no empty, `.` or `..` part
 * (discovery's paths are such): appended to its root without `path.join` normalising it again,
 * which costs more than anything else in finding 10k models' compiled paths.
 */
const NOT_PLAIN_PATH = /(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$|^$/;

/** `join(targetDir, 'compiled', packageName, file)`. */
function joinUnder(targetDir: string, packageName: string, file: string): string {
  if (pathModule.sep !== '/' || NOT_PLAIN_PATH.test(file)) return join(targetDir, 'compiled', packageName, file);
  const key = `${targetDir}\0${packageName}`;
  let root = compiledRoots.get(key);
  if (root === undefined) {
    root = join(targetDir, 'compiled', packageName);
    if (compiledRoots.size > 1000) compiledRoots.clear();
    compiledRoots.set(key, root);
  }
  return root === '.' ? file : root.endsWith('/') ? root + file : `${root}/${file}`;
}

/** Memo of dirname(base), by base path. */
const baseFolders = new Map<string, string>();

function folderOfBase(base: string): string {
  let folder = baseFolders.get(base);
  if (folder === undefined) {
    folder = dirname(base);
    baseFolders.set(base, folder);
  }
  return folder;
}

function compiledFolderOf(base: string): string {
  let folder = folders.get(base);
  if (folder === undefined) {
    folder = base.replace(/\.ya?ml$/, '');
    folders.set(base, folder);
  }
  return folder;
}

export interface CompiledFileWriter {
  add(node: ManifestNode, sql: string): void;
  /** Write what changed and save the index; returns how many files were written. */
  flush(): number;
}

export interface BackgroundFileWriter {
  /** Queue a file; queued files go to the worker thread in batches while the caller goes on. */
  add(node: ManifestNode, sql: string): void;
  /**
   * Send the rest, save the index; resolves to how many files were written and the folders that
   * hold the files it was given (written or not). Await it before reading the files or the index.
   */
  finish(): Promise<{ written: number; folders: string[] }>;
  /** Stop the worker (the caller failed); files already written stay, the index is not saved. */
  abort(): Promise<number>;
}

/**
 * The writing itself, shared by flush and the worker: it takes its modules as arguments and
 * closes over nothing, so the worker runs its source text (`fileWriterCore.toString()`).
 */
function fileWriterCore(
  fs: typeof import('node:fs'), path: typeof import('node:path'), crypto: typeof import('node:crypto'),
  targetDir: string, indexPath: string,
): { write(items: string[]): void; finish(): number; folders(): string[] } {
  let index: Record<string, string> = {};
  try {
    index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as Record<string, string>;
  } catch {
    index = {};
  }
  const made = new Set<string>();
  /**
   * The folder of every file given, kept or written (the project state records them), with its
   * path from the target folder: 40k files lie in ~10k folders, so each is made relative once.
   */
  const folders = new Map<string, string>();
  let written = 0;
  let indexDropped = false;
  return {
    write(items) {
      // Path, SQL, path, SQL...: one flat list (a batch of pairs is 2048 more objects to copy to the worker).
      for (let i = 0; i + 1 < items.length; i += 2) {
        const file = items[i];
        const sql = items[i + 1];
        // `file` is a joined (normalised) path: its folder ends at its last separator.
        const cut = file.lastIndexOf(path.sep);
        const dir = cut > 0 ? file.slice(0, cut) : path.dirname(file);
        let rel = folders.get(dir);
        if (rel === undefined) folders.set(dir, (rel = path.relative(targetDir, dir)));
        const key = cut > 0 && rel ? rel + path.sep + file.slice(cut + 1) : path.relative(targetDir, file);
        const hash = typeof crypto.hash === 'function' ? crypto.hash('sha1', sql, 'base64') : crypto.createHash('sha1').update(sql).digest('base64');
        if (index[key] === hash && fs.existsSync(file)) continue;
        if (!made.has(dir)) {
          fs.mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        if (!indexDropped) {
          // Files are written in place: if the run dies mid-write, no stale index may vouch for a
          // half-written file (it would be skipped as unchanged later). Without an index the next
          // run rewrites them all.
          fs.rmSync(indexPath, { force: true });
          indexDropped = true;
        }
        try {
          fs.writeFileSync(file, sql);
        } catch (err) {
          (err as NodeJS.ErrnoException).path ??= file; // ENOSPC on write names no file
          throw err;
        }
        index[key] = hash;
        written++;
      }
    },
    finish() {
      if (written > 0) {
        const tmp = `${indexPath}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(index));
        fs.renameSync(tmp, indexPath);
      }
      return written;
    },
    folders() {
      return [...folders.keys()];
    },
  };
}

/** Messages: a batch (path, SQL, path, SQL...), then null (finish). Replies once: { written, folders } or { error }. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fileWriterCore = ${fileWriterCore.toString()};
let core;
let failed = false;
parentPort.on('message', (batch) => {
  if (failed) return;
  try {
    core ??= fileWriterCore(require('node:fs'), require('node:path'), require('node:crypto'), workerData.targetDir, workerData.indexPath);
    if (batch) return core.write(batch);
    parentPort.postMessage({ written: core.finish(), folders: core.folders() });
  } catch (err) {
    failed = true;
    parentPort.postMessage({ error: { message: String((err && err.message) || err), code: err && err.code, path: err && err.path, syscall: err && err.syscall } });
  }
  parentPort.close();
});
`;

/** Files per message to the worker. */
const BATCH = 2048;

export function createCompiledFileWriter(targetDir: string, secrets: SecretSet): CompiledFileWriter {
  const indexPath = join(targetDir, 'compiled', '.index.json');
  let pending: string[] = [];
  return {
    add(node, sql) {
      pending.push(compiledPath(targetDir, node), redactSecrets(sql, secrets));
    },
    flush() {
      const core = fileWriterCore(fs, pathModule, crypto, targetDir, indexPath);
      core.write(pending);
      pending = [];
      return core.finish();
    },
  };
}

/**
 * The same files and index as createCompiledFileWriter, written by a worker thread: creating 40k
 * files is mostly kernel time, which then overlaps the caller's compile and manifest.
 */
export function createBackgroundFileWriter(targetDir: string, secrets: SecretSet): BackgroundFileWriter {
  const indexPath = join(targetDir, 'compiled', '.index.json');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { targetDir, indexPath } });
  const done = new Promise<{ written: number; folders: string[] }>((resolve, reject) => {
    worker.once('message', (message: { written?: number; folders?: string[]; error?: { message: string; code?: string; path?: string; syscall?: string } }) => {
      // Its one reply is in: the thread's own shutdown need not hold the process.
      worker.unref();
      if (message.error) reject(Object.assign(new Error(message.error.message), message.error));
      else resolve({ written: message.written ?? 0, folders: message.folders ?? [] });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The compiled-file writer stopped (exit code ${code}) before it finished`)));
  });
  done.catch(() => undefined); // observed by finish(); an early failure must not go unhandled meanwhile
  let pending: string[] = [];
  const send = () => {
    if (pending.length) worker.postMessage(pending);
    pending = [];
  };
  return {
    add(node, sql) {
      pending.push(compiledPath(targetDir, node), redactSecrets(sql, secrets));
      if (pending.length >= 2 * BATCH) send();
    },
    finish() {
      send();
      worker.postMessage(null);
      return done;
    },
    abort() {
      return worker.terminate();
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
    const hash = digestText('sha1', text, 'base64');
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


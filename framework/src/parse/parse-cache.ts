/**
 * The parse cache (`target/parse-cache.bin`): render results, parsed schema YAML and generic test
 * SQL keyed by content hashes, under a global key (framework version, project file, target, vars,
 * every macro and docs file) plus the values of every env var a template has read. Any change to
 * those invalidates everything; a changed file invalidates only its own entries. Never stale.
 */
import { digestParts } from '../hash.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../artifacts/write-artifacts.js';
import { collectSecrets } from '../log/redact.js';

/**
 * Version 2: entries in a Map (40k fresh hash keys made object properties cost more to add and to
 * serialise). Version 3: schema files' contents may be JSON text (apply-schema.ts).
 */
const CACHE_VERSION = 3;

interface CacheFile {
  version: typeof CACHE_VERSION;
  globalKey: string;
  /** Env var name -> sha1 of the value seen (null = unset). */
  env: Record<string, string | null>;
  entries: Map<string, unknown>;
}

export interface ParseCache {
  get<T>(key: string): T | undefined;
  /** Whether `key` has an entry (without counting a hit or a miss, or keeping it). */
  has(key: string): boolean;
  set(key: string, value: unknown): void;
  /** Remember env vars read while rendering (they join the invalidation key). */
  noteEnv(used: Record<string, string | null>): void;
  /** Write the cache if anything changed; entries not used in this run are dropped. */
  save(): void;
  readonly hits: number;
  readonly misses: number;
  /** Env var name -> hash of the value renders in this cache saw (earlier runs' too). */
  readonly envHashes: Record<string, string | null>;
}

export function hashKey(...parts: string[]): string {
  return digestParts('sha1', parts, 'base64');
}

export function hashValue(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : hashKey(value);
}

export function openParseCache(targetDir: string, globalKey: string, env: NodeJS.ProcessEnv): ParseCache {
  const path = join(targetDir, 'parse-cache.bin');
  let previous: CacheFile | undefined;
  try {
    const loaded = deserialize(readFileSync(path)) as CacheFile;
    const envSame = Object.entries(loaded.env).every(([name, hash]) => hashValue(env[name]) === hash);
    if (loaded.version === CACHE_VERSION && loaded.entries instanceof Map && loaded.globalKey === globalKey && envSame) previous = loaded;
  } catch {
    previous = undefined;
  }
  const secrets = collectSecrets(env);
  const used = new Map<string, unknown>();
  const envSeen: Record<string, string | null> = { ...(previous?.env ?? {}) };
  let dirty = !previous;
  let hits = 0;
  let misses = 0;
  return {
    get<T>(key: string): T | undefined {
      const value = previous?.entries.get(key);
      if (value === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      used.set(key, value);
      return value as T;
    },
    has(key) {
      return previous?.entries.get(key) !== undefined;
    },
    set(key, value) {
      // A render that holds a secret from the environment stays in memory only: nothing under
      // target/ may hold one (log/redact.ts). It is rendered again on the next run.
      if (secrets.values.length > 0) {
        const text = JSON.stringify(value) ?? '';
        if (secrets.values.some((secret) => text.includes(secret))) return;
      }
      used.set(key, value);
      dirty = true;
    },
    noteEnv(seen) {
      for (const [name, value] of Object.entries(seen)) {
        const h = hashValue(value);
        if (envSeen[name] !== h) {
          envSeen[name] = h;
          dirty = true;
        }
      }
    },
    save() {
      const dropped = previous ? previous.entries.size !== used.size : false;
      if (!dirty && !dropped) return;
      const file: CacheFile = { version: CACHE_VERSION, globalKey, env: envSeen, entries: used };
      try {
        writeFileAtomic(path, serialize(file));
      } catch {
        // A cache that cannot be written only costs time on the next run.
      }
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    get envHashes() {
      return { ...envSeen };
    },
  };
}

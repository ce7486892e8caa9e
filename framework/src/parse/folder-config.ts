/**
 * Folder-scoped configs from project.yml (`models: { sales: { staging: { +materialized: view } } }`).
 * Keys with `+` are configs; bare keys are configs when their value is not a mapping or the key
 * is a known config name, otherwise a sub-folder (dbt's rule).
 */
import type { NodeConfig } from '../manifest/types.js';

const KNOWN_CONFIGS = new Set([
  'enabled', 'materialized', 'schema', 'database', 'alias', 'tags', 'meta', 'docs', 'persist_docs', 'full_refresh',
  'pre-hook', 'post-hook', 'pre_hook', 'post_hook', 'unique_key', 'incremental_strategy', 'on_schema_change',
  'column_types', 'quote_columns', 'delimiter', 'severity', 'where', 'warn_if', 'error_if', 'store_failures',
  'limit', 'transient', 'query_tag', 'grants', 'contract', 'strategy', 'updated_at', 'check_cols',
  'target_schema', 'target_database', 'invalidate_hard_deletes', 'hard_deletes', 'packages', 'group', 'access',
  'snapshot_meta_column_names', 'dbt_valid_to_current', 'fail_calc', 'quoting', 'description',
]);

export { KNOWN_CONFIGS };

/** Merge `over` into `base`: tags and meta accumulate (as in dbt), everything else overrides. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [rawKey, value] of Object.entries(over)) {
    const bare = rawKey.startsWith('+') ? rawKey.slice(1) : rawKey;
    const key = bare === 'pre_hook' ? 'pre-hook' : bare === 'post_hook' ? 'post-hook' : bare;
    if (key === 'tags') {
      const list = Array.isArray(value) ? value.map(String) : [String(value)];
      out.tags = [...new Set([...(Array.isArray(out.tags) ? (out.tags as string[]) : []), ...list])];
    } else if (key === 'meta' && value && typeof value === 'object') {
      out.meta = { ...((out.meta as object) ?? {}), ...(value as object) };
    } else if (key === 'pre-hook' || key === 'post-hook') {
      const list = Array.isArray(value) ? value.map(String) : [String(value)];
      out[key] = [...((out[key] as string[]) ?? []), ...list];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Configs that apply to a node at `fqn` (package, folders..., name) from one section of the project
 * file. Deeper folders win over shallower ones.
 */
export function resolveFolderConfig(tree: Record<string, unknown>, fqn: string[]): Record<string, unknown> {
  return walkConfigTree(tree, fqn).config;
}

/**
 * The config along `parts` of the tree, and the level the walk ended on when it went through
 * every part (undefined when a part is not a folder of the tree, or nothing is configured).
 */
function walkConfigTree(tree: Record<string, unknown>, parts: readonly string[]): { config: Record<string, unknown>; level?: Record<string, unknown> } {
  // Nothing configured (a project without `tests:` in its project file): nothing applies.
  if (tree && isEmptyRecord(tree)) return { config: {} };
  let config: Record<string, unknown> = {};
  let level: Record<string, unknown> | undefined = tree;
  // The first level may be the package name or directly folders/configs.
  const apply = (node: Record<string, unknown>) => {
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const isConfig = key.startsWith('+') || KNOWN_CONFIGS.has(key) || value === null || typeof value !== 'object' || Array.isArray(value);
      if (isConfig) own[key] = value;
    }
    config = mergeConfig(config, own);
  };
  apply(level);
  for (const part of parts) {
    const next: unknown = level?.[part];
    if (!isSubTree(next)) return { config };
    level = next;
    apply(level);
  }
  return { config, level };
}

function isSubTree(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * resolveFolderConfig for the many nodes of one tree, folder by folder: `configOf(folderKey,
 * folders, name)` resolves each folder once (10k models share a few folders), and only a node the
 * tree names itself is resolved on its own. Nodes of one folder get one config object: hand each
 * node `ownFolderConfig` of it where a template can reach it. `folders` is the fqn without its name.
 */
export function folderConfigResolver(tree: Record<string, unknown>): (folderKey: string, folders: readonly string[], name: string) => Record<string, unknown> {
  const known = new Map<string, ReturnType<typeof walkConfigTree>>();
  return (folderKey, folders, name) => {
    let walked = known.get(folderKey);
    if (!walked) known.set(folderKey, (walked = walkConfigTree(tree, folders)));
    return walked.level && isSubTree(walked.level[name]) ? resolveFolderConfig(tree, [...folders, name]) : walked.config;
  };
}

/**
 * A node's own copy of a shared folder config, with what resolveFolderConfig makes fresh for every
 * node made fresh (the record, its tags, meta and hooks): a template that changes
 * `config.get('tags')` in place changes its own model's, as before, not its folder's.
 */
export function ownFolderConfig(config: Record<string, unknown>): Record<string, unknown> {
  const own = { ...config };
  for (const key of ['tags', 'pre-hook', 'post-hook']) if (Array.isArray(own[key])) own[key] = [...(own[key] as unknown[])];
  if (own.meta && typeof own.meta === 'object') own.meta = { ...own.meta };
  return own;
}

/** Turn a merged config record into a NodeConfig with defaults. */
export function finaliseConfig(record: Record<string, unknown>, defaultMaterialized: string): NodeConfig {
  const tags = Array.isArray(record.tags) ? record.tags.map(String) : record.tags ? [String(record.tags)] : [];
  return {
    ...record,
    enabled: record.enabled === undefined ? true : record.enabled !== false && record.enabled !== 'false',
    materialized: typeof record.materialized === 'string' ? record.materialized : defaultMaterialized,
    tags,
  };
}

/** Whether a record has no own enumerable keys (no array of them made to count). */
export function isEmptyRecord(value: Record<string, unknown>): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

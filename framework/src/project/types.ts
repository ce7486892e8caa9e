/** The validated project configuration that every later stage reads. */

export interface TargetConfig {
  name: string;
  type: string;
  schema: string;
  threads: number;
  /** Every other key of the target as written (path, account, user, ...), env_var() already rendered. */
  [key: string]: unknown;
}

/** Folder-scoped configs as written under `models:` / `seeds:` / ... (keys with or without `+`). */
export type FolderConfigTree = Record<string, unknown>;

export interface ProjectConfig {
  projectDir: string;
  /** `project.yml` or `dbt_project.yml`. */
  configFile: string;
  name: string;
  version: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  docsPaths: string[];
  targetPath: string;
  vars: Record<string, unknown>;
  target: TargetConfig;
  models: FolderConfigTree;
  seeds: FolderConfigTree;
  snapshots: FolderConfigTree;
  tests: FolderConfigTree;
  onRunStart: string[];
  onRunEnd: string[];
  /** The `ingest:` section, validated by the ingest module. */
  ingest?: Record<string, unknown>;
  /** Environment variables read while loading, with the values seen (for cache keys, never logged). */
  envVarsUsed: Record<string, string | null>;
}

/**
 * The manifest: every node of a project as plain, serialisable data.
 * `parseProject` produces it; every later stage reads it. It is written as
 * `target/manifest.json` unchanged (plus a metadata header), so the docs site
 * and external tools read exactly these shapes.
 */

export type ResourceType = 'model' | 'seed' | 'source' | 'test' | 'snapshot' | 'exposure';

/** Where a node lives in the warehouse. `database` is absent when the target has none. */
export interface Relation {
  database?: string;
  schema: string;
  identifier: string;
}

export interface ColumnInfo {
  name: string;
  description: string;
  dataType?: string;
  meta: Record<string, unknown>;
  tags: string[];
}

/**
 * Resolved node config (project defaults < folder configs < schema YAML < `config()` in SQL).
 * Keys keep dbt's snake_case names so users recognise them (`warn_if`, `store_failures`, ...).
 */
export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  tags: string[];
  schema?: string;
  database?: string;
  alias?: string;
  [key: string]: unknown;
}

/** A position in a user file, 1-based. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export interface RefCall {
  name: string;
  package?: string;
  version?: string | number;
  line?: number;
}

export interface SourceCall {
  source: string;
  table: string;
  line?: number;
}

interface NodeBase {
  uniqueId: string;
  name: string;
  packageName: string;
  /** Path relative to the project root, with forward slashes. */
  originalFilePath: string;
  /** dbt's fully qualified name: package, folders, name. Used by selectors. */
  fqn: string[];
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  config: NodeConfig;
  dependsOn: { nodes: string[]; macros: string[] };
  /** Schema YAML file that documented this node, if any. */
  patchPath?: string;
}

export interface ModelNode extends NodeBase {
  resourceType: 'model';
  language: 'sql';
  rawCode: string;
  checksum: string;
  refs: RefCall[];
  sources: SourceCall[];
  relation: Relation;
  /** SQL after the parse render, with ref/source/this tokens (see parse/template/placeholders.ts). */
  renderedCode: string;
  /** The template reads run-time state (is_incremental), so it is rendered again before running. */
  usesRuntime: boolean;
}

export interface SnapshotNode extends NodeBase {
  resourceType: 'snapshot';
  language: 'sql';
  rawCode: string;
  checksum: string;
  refs: RefCall[];
  sources: SourceCall[];
  relation: Relation;
  renderedCode: string;
  usesRuntime: boolean;
}

export interface SeedNode extends NodeBase {
  resourceType: 'seed';
  checksum: string;
  relation: Relation;
  /** Column names in file order (from the CSV header). */
  columnNames: string[];
  /** Warehouse type per column: declared `column_types` over types inferred from the values. */
  columnTypes: Record<string, string>;
  rowCount: number;
}

export interface SourceNode extends NodeBase {
  resourceType: 'source';
  sourceName: string;
  sourceDescription: string;
  loader?: string;
  relation: Relation;
}

export interface TestMetadata {
  /** Generic test name, e.g. `not_null`, `accepted_values`. */
  name: string;
  namespace?: string;
  /** Arguments as written in YAML (dbt names: `column_name`, `values`, `to`, `field`, ...). */
  kwargs: Record<string, unknown>;
}

export interface TestNode extends NodeBase {
  resourceType: 'test';
  testType: 'generic' | 'singular';
  rawCode: string;
  checksum: string;
  refs: RefCall[];
  sources: SourceCall[];
  testMetadata?: TestMetadata;
  /** The model/seed/source the test is attached to (generic tests from schema YAML). */
  attachedNode?: string;
  columnName?: string;
  renderedCode: string;
}

export interface ExposureNode extends NodeBase {
  resourceType: 'exposure';
  type: string;
  label?: string;
  url?: string;
  owner?: { name?: string; email?: string };
  refs: RefCall[];
  sources: SourceCall[];
}

export type ManifestNode = ModelNode | SnapshotNode | SeedNode | TestNode;

/**
 * A model inlined as a CTE where it is ref'd, with no relation of its own. (The guard's type keeps
 * other models in the false branch: only ephemeral ones are narrowed away.)
 */
export function isEphemeral(node: ManifestNode): node is ModelNode & { config: { materialized: 'ephemeral' } } {
  return node.resourceType === 'model' && node.config.materialized === 'ephemeral';
}
export type AnyNode = ManifestNode | SourceNode | ExposureNode;

export interface MacroDef {
  uniqueId: string;
  name: string;
  packageName: string;
  originalFilePath: string;
  line: number;
  /** Argument names in order. */
  args: string[];
  description: string;
  /** The macro's body (template source) including its `{% macro %}` tags. */
  source: string;
}

export interface DocBlock {
  uniqueId: string;
  name: string;
  originalFilePath: string;
  blockContents: string;
}

export interface ManifestMetadata {
  schemaVersion: string;
  strataVersion: string;
  generatedAt: string;
  projectName: string;
  targetName: string;
  adapterType: string;
}

export interface Manifest {
  metadata: ManifestMetadata;
  /** Models, seeds, snapshots, tests, keyed by unique id. */
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceNode>;
  exposures: Record<string, ExposureNode>;
  macros: Record<string, MacroDef>;
  docs: Record<string, DocBlock>;
  /** uniqueId -> direct parents / children (filled by buildGraph). */
  parentMap: Record<string, string[]>;
  childMap: Record<string, string[]>;
}

/**
 * Shapes produced by the docs stage: column-level lineage, and the files written under
 * `target/docs/` for the docs site. The site reads only these files (plus the dashboard's
 * chart list), so they are the contract between `strata docs generate` and `docs-site/`.
 */
import type { Relation, ResourceType } from '../manifest/types.js';
import type { NodeStatus } from '../artifacts/types.js';

/** Schema version written into `target/docs/meta.json`. */
export const DOCS_SCHEMA = 'strata/docs/v1';

/** One column of one node. */
export interface ColumnRef {
  uniqueId: string;
  column: string;
}

/** Column lineage of one model or snapshot. */
export interface ModelColumnLineage {
  /**
   * `complete`: every output column was traced; `partial`: some could not be (e.g. `*` over a
   * relation missing from the catalog); `unknown`: the SQL could not be parsed or was absent.
   */
  status: 'complete' | 'partial' | 'unknown';
  /** Output column -> the upstream columns its value is computed from, sorted. */
  columns: Record<string, ColumnRef[]>;
  /** Human-readable reasons for `partial` / `unknown`. */
  issues: string[];
}

/** Column lineage for a whole project, keyed by model / snapshot unique id. */
export interface ColumnLineage {
  models: Record<string, ModelColumnLineage>;
  stats: { models: number; complete: number; partial: number; unknown: number; durationMs: number };
}

/** A link to another node, with what a page needs to label it. */
export interface DocsLink {
  uniqueId: string;
  name: string;
  resourceType: ResourceType;
}

/** A link to one column of another node. */
export interface DocsColumnLink extends DocsLink {
  column: string;
}

/** The last run result of a node or test. */
export interface DocsResult {
  status: NodeStatus;
  message: string;
  executionTime: number;
  failures?: number;
  completedAt?: string;
}

/** A test as listed on the page of the node it tests. */
export interface DocsTestRef {
  uniqueId: string;
  name: string;
  /** `not_null`, `unique`, ... or `singular`. */
  testName: string;
  columnName?: string;
  result?: DocsResult;
}

export interface DocsColumn {
  name: string;
  /** Warehouse type from the catalog, else the declared `data_type`. */
  type?: string;
  description: string;
  tags: string[];
  /** Declared in schema YAML but absent from the warehouse relation. */
  missingInWarehouse?: boolean;
  tests: DocsTestRef[];
  upstream: DocsColumnLink[];
  downstream: DocsColumnLink[];
}

/** Everything one node page shows; packed into `target/docs/nodes/part-<nnnn>.json`. */
export interface DocsNode {
  uniqueId: string;
  name: string;
  resourceType: ResourceType;
  packageName: string;
  path: string;
  description: string;
  tags: string[];
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  materialized?: string;
  relation?: Relation;
  relationName?: string;
  kind?: 'table' | 'view';
  rowCount?: number;
  rawCode?: string;
  compiledCode?: string;
  columns: DocsColumn[];
  /** Tests on the node that are not tied to one column. */
  tests: DocsTestRef[];
  dependsOn: DocsLink[];
  usedBy: DocsLink[];
  /** The node's own last result (model build, seed load, test outcome). */
  result?: DocsResult;
  lineage?: { status: ModelColumnLineage['status']; issues: string[] };
  source?: { sourceName: string; sourceDescription: string; loader?: string };
  exposure?: { type: string; label?: string; url?: string; owner?: { name?: string; email?: string } };
  test?: { testType: 'generic' | 'singular'; testName: string; kwargs: Record<string, unknown>; attachedNode?: DocsLink; columnName?: string };
}

/** One part file of node page data. */
export interface DocsNodePart {
  version: 1;
  nodes: DocsNode[];
}

/**
 * The compact graph index `target/docs/graph.json`: every node except tests, as parallel
 * arrays indexed by position. Edges are a flat array of parent,child position pairs.
 */
export interface GraphIndex {
  version: 1;
  ids: string[];
  names: string[];
  /** Index into `typeNames` per node. */
  types: number[];
  typeNames: ResourceType[];
  /** Index into `materializedNames` per node (-1 when none). */
  materialized: number[];
  materializedNames: string[];
  tagNames: string[];
  /** Tag indices per node. */
  tags: number[][];
  /** Folder of the node's file (`models/marts`), for grouping. */
  folders: number[];
  folderNames: string[];
  /** Flat [parent, child, parent, child, ...] positions. */
  edges: number[];
}

/**
 * One shard of the search index, `target/docs/search/<key>.json`: every term that starts with
 * the shard key's character. Postings are flat [docDelta, score, docDelta, score, ...] with
 * doc positions into GraphIndex (delta-encoded, ascending).
 */
export interface SearchShard {
  version: 1;
  key: string;
  terms: Record<string, number[]>;
}

export interface RunSummary {
  command: string;
  generatedAt: string;
  elapsedTime: number;
  counts: { pass: number; fail: number; warn: number; error: number; skipped: number; success: number };
}

/** `target/docs/meta.json`: what the site shows in its header, and where the other files are. */
export interface DocsMeta {
  schemaVersion: string;
  generatedAt: string;
  projectName: string;
  targetName: string;
  adapterType: string;
  run?: RunSummary;
  counts: Record<string, number>;
  catalogErrors: string[];
  lineage: ColumnLineage['stats'];
  searchShards: string[];
}

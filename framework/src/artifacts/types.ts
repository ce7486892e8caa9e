/**
 * Artifact shapes written under `target/`. Each carries a schema version; the docs site and
 * external tools read only these files (plus the warehouse's marts).
 */
import type { Manifest, Relation } from '../manifest/types.js';

export const MANIFEST_SCHEMA = 'strata/manifest/v1';
export const RUN_RESULTS_SCHEMA = 'strata/run-results/v1';
export const CATALOG_SCHEMA = 'strata/catalog/v1';

/** `target/manifest.json` is the Manifest itself (metadata.schemaVersion = MANIFEST_SCHEMA). */
export type ManifestArtifact = Manifest & {
  /** Compiled SQL per node, when the command compiled (compile, run, build, docs generate). */
  compiled?: Record<string, string>;
};

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

export interface NodeTiming {
  name: 'compile' | 'execute';
  startedAt: string;
  completedAt: string;
}

export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  /** One line: `SELECT 60`, `CREATE VIEW`, `Got 3 failures`, or the error message. */
  message: string;
  executionTime: number;
  timing: NodeTiming[];
  threadId: string;
  rowsAffected?: number;
  /** Failing rows of a test. */
  failures?: number;
  relationName?: string;
  /** For errors: the model file and line the warehouse error points back to, when known. */
  file?: string;
  line?: number;
}

export interface RunResultsArtifact {
  metadata: { schemaVersion: string; strataVersion: string; generatedAt: string; invocationId: string; command: string; targetName: string };
  elapsedTime: number;
  args: Record<string, unknown>;
  results: NodeResult[];
}

export interface CatalogColumn {
  name: string;
  type: string;
  index: number;
}

export interface CatalogEntry {
  uniqueId: string;
  relation: Relation;
  kind: 'table' | 'view';
  columns: CatalogColumn[];
  rowCount?: number;
}

export interface CatalogArtifact {
  metadata: { schemaVersion: string; strataVersion: string; generatedAt: string; targetName: string };
  nodes: Record<string, CatalogEntry>;
  sources: Record<string, CatalogEntry>;
  errors: string[];
}

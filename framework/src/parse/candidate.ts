/** A node before schema YAML is applied: configs kept apart so they merge in dbt's order. */
import type { ModelNode, SeedNode, SnapshotNode, TestNode } from '../manifest/types.js';

export interface Candidate<N = ModelNode | SeedNode | SnapshotNode | TestNode> {
  node: N;
  folderConfig: Record<string, unknown>;
  inlineConfig: Record<string, unknown>;
}

/** Everything a command needs, passed explicitly (no module-level state). */
import type { Adapter } from '../adapters/adapter.js';
import type { Compiler } from '../compile/compiler.js';
import type { Graph } from '../graph/build-graph.js';
import type { Logger } from '../log/logger.js';
import type { Manifest } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { RenderSession } from '../parse/template/render-session.js';

export interface RunContext {
  project: ProjectConfig;
  adapter: Adapter;
  logger: Logger;
  manifest: Manifest;
  graph: Graph;
  compiler: Compiler;
  threads: number;
  fullRefresh: boolean;
  failFast: boolean;
  /** For hooks and run-time renders. */
  session?: RenderSession;
  /** Milliseconds clock (injected for tests). */
  now: () => number;
}

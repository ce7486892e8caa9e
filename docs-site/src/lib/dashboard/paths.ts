/**
 * Where the build reads from. Env vars win (relative values are taken from the repository root);
 * the defaults are `<repo>/target/sales.duckdb` and `<repo>/target`. The repository root comes
 * from the Astro config, because page code is bundled and its own URL says nothing useful.
 */
import { resolve } from 'node:path';

export interface DataPaths {
  duckdbPath: string;
  targetDir: string;
}

export function resolveDataPaths(repoRoot: string, env: Record<string, string | undefined> = process.env): DataPaths {
  return {
    duckdbPath: resolve(repoRoot, env.STRATA_DUCKDB_PATH || 'target/sales.duckdb'),
    targetDir: resolve(repoRoot, env.STRATA_TARGET_DIR || 'target'),
  };
}

/**
 * Adapter for a target. The Snowflake driver is imported only for Snowflake targets, so a
 * DuckDB run never loads it (it probes cloud metadata hosts when it loads).
 */
import { isAbsolute, join } from 'node:path';
import type { Adapter } from '../adapters/adapter.js';
import { createDuckDbAdapter } from '../adapters/duckdb/index.js';
import { userError } from '../errors/strata-error.js';
import type { ProjectConfig } from '../project/types.js';

export async function createAdapter(project: ProjectConfig, threads?: number): Promise<Adapter> {
  const target = project.target;
  if (target.type === 'duckdb') {
    const path = String(target.path ?? 'target/strata.duckdb');
    const resolved = path === ':memory:' || isAbsolute(path) ? path : join(project.projectDir, path);
    return createDuckDbAdapter({ path: resolved, schema: target.schema, threads: threads ?? target.threads });
  }
  if (target.type === 'snowflake') {
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= 'true';
    const module = await import('../adapters/snowflake/index.js');
    return module.createSnowflakeAdapter(module.snowflakeConfigFromTarget({ ...target, threads: threads ?? target.threads }));
  }
  throw userError('E_PROJECT', `Target '${target.name}' has type '${target.type}', which Strata does not support`, {
    file: project.configFile, hint: 'Use type: duckdb or type: snowflake.',
  });
}

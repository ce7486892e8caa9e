/**
 * Everything the dashboard page needs at build time, in one call. A missing database is not a
 * build error (the docs pages must still build before the first pipeline run): the page then
 * explains how to produce the data. Broken marts in an existing database do fail the build.
 */
import type { BuildInfo, DashboardData } from './types.ts';
import type { StaticDashboard } from './ssr.ts';
import { existsSync } from 'node:fs';
import { readBuildInfo } from './build-info.ts';
import { loadDashboardData } from './load.ts';
import { resolveDataPaths } from './paths.ts';
import { embedJson, renderStatic } from './ssr.ts';

export type DashboardPageData =
  | { ok: true; data: DashboardData; json: string; rendered: StaticDashboard; build: BuildInfo; duckdbPath: string }
  | { ok: false; reason: string; build: BuildInfo; duckdbPath: string };

export async function loadDashboardPage(repoRoot: string): Promise<DashboardPageData> {
  const paths = resolveDataPaths(repoRoot);
  const build = await readBuildInfo(paths.targetDir);
  if (!existsSync(paths.duckdbPath)) {
    console.warn(`[dashboard] No DuckDB file at ${paths.duckdbPath}; building the page without data.`);
    return { ok: false, reason: `No database at ${paths.duckdbPath}.`, build, duckdbPath: paths.duckdbPath };
  }
  const data = await loadDashboardData({ duckdbPath: paths.duckdbPath, build });
  const json = embedJson(data);
  return { ok: true, data, json, rendered: renderStatic(data), build, duckdbPath: paths.duckdbPath };
}

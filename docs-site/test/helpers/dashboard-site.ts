/** Build the Astro site against a fixture into a temp folder (tests only). */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FixturePaths } from './dashboard-fixture.ts';

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');

export interface SiteBuild {
  outDir: string;
  buildMs: number;
  log: string;
}

export async function buildSite(fixture: FixturePaths, outDir: string, cacheDir: string): Promise<SiteBuild> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [ASTRO_BIN, 'build', '--root', 'docs-site', '--outDir', outDir], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        STRATA_DUCKDB_PATH: fixture.duckdbPath,
        STRATA_TARGET_DIR: fixture.targetDir,
        STRATA_ASTRO_CACHE_DIR: cacheDir,
      },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { outDir, buildMs: performance.now() - started, log: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`astro build failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

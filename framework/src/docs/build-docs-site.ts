/**
 * `strata docs serve`: build the Astro site (docs and dashboard) from `target/` and serve it.
 * The site lives in `docs-site/` and reads only the artifacts under the target folder (and the
 * marts' DuckDB file for the dashboard); the server is the site's own static server
 * (`docs-site/scripts/serve.mjs`), loaded at run time so the framework does not depend on it.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export interface BuildDocsSiteRequest {
  /** Repository root (holds `docs-site/`). */
  repoRoot: string;
  targetDir: string;
  /** Output folder (default `docs-site/dist`). */
  outDir?: string;
  /** DuckDB file with the marts, for the dashboard pages. */
  duckdbPath?: string;
}

export interface BuiltDocsSite {
  outDir: string;
  durationMs: number;
  log: string;
}

/**
 * Run `astro build --root docs-site` with the target folder in `STRATA_TARGET_DIR`.
 *
 * @example
 * const site = await buildDocsSite({ repoRoot: '.', targetDir: 'target' });
 * const server = await serveDocsSite({ repoRoot: '.', dir: site.outDir, port: 8080 });
 */
export async function buildDocsSite(request: BuildDocsSiteRequest): Promise<BuiltDocsSite> {
  const started = performance.now();
  const repoRoot = resolve(request.repoRoot);
  const outDir = resolve(request.outDir ?? join(repoRoot, 'docs-site', 'dist'));
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', STRATA_TARGET_DIR: resolve(request.targetDir) };
  if (request.duckdbPath) env.STRATA_DUCKDB_PATH = resolve(request.duckdbPath);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [astro, 'build', '--root', 'docs-site', '--outDir', outDir], {
      cwd: repoRoot, env, maxBuffer: 256 * 1024 * 1024,
    });
    return { outDir, durationMs: Math.round(performance.now() - started), log: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`The docs site did not build: ${e.message.split('\n')[0]}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

export interface DocsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve a built site folder with the site's static server. Port 0 picks a free port. */
export async function serveDocsSite(options: { repoRoot: string; dir: string; port?: number; host?: string }): Promise<DocsServer> {
  const script = pathToFileURL(join(resolve(options.repoRoot), 'docs-site', 'scripts', 'serve.mjs')).href;
  const { startStaticServer } = (await import(script)) as {
    startStaticServer(o: { dir: string; port?: number; host?: string }): Promise<DocsServer>;
  };
  return startStaticServer({ dir: options.dir, port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
}

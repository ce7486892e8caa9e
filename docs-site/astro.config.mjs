// Astro config for the Strata docs site and dashboard.
// Built from the repo root with: ASTRO_TELEMETRY_DISABLED=1 npx astro build --root docs-site
// Static output only, no integrations: the build must run offline and read nothing but
// the DuckDB file (STRATA_DUCKDB_PATH) and the artifacts (STRATA_TARGET_DIR).
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Caches live under the repo's node_modules, not in docs-site/ (which has no package.json).
const cacheDir = process.env.STRATA_ASTRO_CACHE_DIR ?? fileURLToPath(new URL('../node_modules/.cache/strata-docs-site', import.meta.url));

export default defineConfig({
  // Absolute, so the config works whatever the working directory (`--root docs-site` from the
  // repo root, or tests that pass `--outDir` to a temp folder).
  root,
  outDir: './dist',
  // Concurrent builds (tests) may each point this at their own folder.
  cacheDir,
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  devToolbar: { enabled: false },
  vite: {
    cacheDir: `${cacheDir}/vite`,
    // Page code is bundled, so it cannot find the repo from its own URL; data paths default
    // to <repo>/target (see src/lib/dashboard/paths.ts).
    define: { 'import.meta.env.STRATA_REPO_ROOT': JSON.stringify(repoRoot) },
    // The DuckDB driver is a native addon; it only runs at build time inside page frontmatter.
    ssr: { external: ['@duckdb/node-api'] },
    build: { chunkSizeWarningLimit: 1024 },
  },
});
